# ruff: noqa: E501
"""The Hoja de Ruta de Estado Abierto as its December 2023 status report gives it.

Each action (1.1 …) is a commitment of the roadmap plan and each activity (1.1.1 …) a milestone of
its action. Texts are the report's; ``status`` is the report's word ("Completo", "No iniciado") and the
loader maps it. ``institutions`` are the clearly named institutions among the responsibles of the
action's activities (keys of ``institutions.INSTITUTIONS``); the full text stays in ``responsibles``.
Bodies that are not institutions (the Mesa Nacional de Estado Abierto, the Mesa de Gobierno Abierto),
generic mentions ("poderes del Estado") and suggestions ("Se sugiere el acompañamiento del Ministerio
de Economía, Fomento y Turismo") are not linked. In 1.1.1 the report's cell opens with a stray quotation
mark that never closes (a conversion artefact); it is left out.
"""

ACTIONS = [
    {
        "code": "1.1",
        "horizon": "immediate",
        "title": "Reformar el Órgano Multi-Actor",
        "institutions": [
            "comision_integridad",
            "poder_judicial",
            "congreso",
            "red_sociedad_civil",
            "red_academica",
            "contraloria",
        ],
        "activities": [
            {
                "code": "1.1.1",
                "description": "Generar un acuerdo de Alto Nivel con el Congreso Nacional y el Poder Judicial para reformar el órgano actual y crear la Mesa Nacional de Estado Abierto con acuerdos mínimos sobre su rol e involucramiento.",
                "responsibles": "Comisión Asesora Presidencial para la Integridad Pública y Transparencia, los integrantes actuales de la Mesa de Gobierno Abierto, las representaciones del Poder Judicial y Legislativo, Red de Sociedad Civil, Red de Academia y la Contraloría General de la República",
                "progress_description": "El 19 de mayo de 2023 se creó la Mesa Nacional de Estado Abierto mediante la Resolución Exenta N° 499 del Ministerio Secretaría General de la Presidencia (SEGPRES), la cual está integrada por la Subsecretaría General de la Presidencia, un o una representante de la Corte Suprema, un o una representante del Grupo Bicameral de Transparencia del Congreso Nacional, un o una representante de la Contraloría General de la República, dos representantes de la Red de Organizaciones de la Sociedad Civil de Gobierno Abierto, y dos representantes de la Red Académica de Gobierno Abierto. También cuenta con invitados permanentes con derecho a voz, dentro de los cuales se encuentra un o una representante de la Subsecretaría de Desarrollo Regional y Administrativo, un o una representante de la Subsecretaría General de Gobierno, un o una representante del Consejo para la Transparencia, un o una representante de Laboratorio de Gobierno, dos representantes de la Red de Organizaciones de la Sociedad Civil de Gobierno Abierto y dos representantes de la Red Académica de Gobierno Abierto. Además, la Mesa Nacional de Estado Abierto cuenta con la participación de dos organismos internacionales en calidad de observadores con un o una representante de la Comisión Económica para América Latina y el Caribe (CEPAL) y un o una representante del Programa de Naciones Unidas para el Desarrollo (PNUD).",
                "duration": "3 meses",
                "status": "Completo",
            },
            {
                "code": "1.1.2",
                "description": "Ampliar la cantidad de actores de sociedad civil y academia allí representados, para garantizar una representación equitativa entre actores de Estado y los otros sectores no gubernamentales.",
                "responsibles": "Comisión Asesora Presidencial para la Integridad Pública y Transparencia, los integrantes actuales de la Mesa de Gobierno Abierto, las representaciones del Poder Judicial y Legislativo, Red de Sociedad Civil, Red Académica y la Contraloría General de la República",
                "progress_description": "En la Mesa Nacional de Estado Abierto participan con derecho a voz y voto representantes de los tres poderes del Estado y un organismo autónomo, dos representantes de sociedad civil y dos representantes de la academia. Por otra parte, participan con derecho a voz cuatro instituciones públicas relevantes en materia de Estado Abierto, dos representantes de sociedad civil y dos de la academia. La Mesa Nacional de Estado Abierto aumentó la cantidad de integrantes, tanto del sector público, como de sociedad civil y academia, manteniendo el equilibrio entre los actores para promover la horizontalidad y reforzar los espacios de participación, involucramiento e incidencia de los representantes de sociedad civil y academia.",
                "duration": "3 meses",
                "status": "Completo",
            },
            {
                "code": "1.1.3",
                "description": "Reformar la Resolución que crea la Mesa de Gobierno Abierto para transformarla en la Mesa Nacional de Estado Abierto y con ello asignar roles, responsabilidades y mecanismos de toma de decisiones del órgano, así como actualizar las tareas actuales para que la Mesa Nacional de Estado Abierto incida en la agenda con todo el entramado institucional más allá de los planes de acción.",
                "responsibles": "Comisión Asesora Presidencial para la Integridad Pública y Transparencia, los integrantes actuales de la Mesa de Gobierno Abierto, las representaciones del Poder Judicial y Legislativo, Red de Sociedad Civil, Red de Academia y la Contraloría General de la República",
                "progress_description": "Asimismo, una vez conformada la Mesa Nacional de Estado Abierto, sus integrantes definieron en conjunto y de manera colaborativa un protocolo de funcionamiento, el cual contempla funciones, deberes de los integrantes de la Mesa, las atribuciones de la presidencia de la mesa, forma de las sesiones ordinarias y extraordinarias, mecanismos de votación, entre otros.",
                "duration": "3 meses",
                "status": "Completo",
            },
        ],
    },
    {
        "code": "1.2",
        "horizon": "immediate",
        "title": "Afianzar políticamente la Agenda de Estado Abierto",
        "institutions": ["comision_integridad", "segpres"],
        "activities": [
            {
                "code": "1.2.1",
                "description": 'Elaborar una guía o herramienta para promover la identificación e implementación de políticas e iniciativas que estén asociadas a los principios de Estado Abierto en las diversas instituciones públicas de todos los poderes del Estado. Esta guía puede tomar como base la Guía de Implementación de Gobierno Abierto que elaboraron CEPAL, Tribu y la Cooperación Española, titulada: "Gestión de planes de acción locales de gobierno abierto: Herramientas para la co-creación, el seguimiento y la evaluación" o incluso en la "Guía OCDE para diseñar e implementar estrategias territoriales de Gobierno Abierto en Colombia" de la OCDE.',
                "responsibles": "Comisión para la Integridad Pública y Transparencia, SEGPRES y la Mesa Nacional de Estado Abierto",
                "progress_description": "",
                "duration": "3 meses a 6 meses",
                "status": "No iniciado",
            },
        ],
    },
    {
        "code": "1.3",
        "horizon": "immediate",
        "title": "Relanzar la Agenda de Gobierno Abierto con una perspectiva de Estado Abierto y diversificación temática",
        "institutions": [],
        "activities": [
            {
                "code": "1.3.1",
                "description": "Realizar un evento de Lanzamiento del Acuerdo de Alto Nivel entre los poderes del Estado y la nueva la Mesa Nacional de Estado Abierto para marcar un hito del nuevo enfoque adoptado por las autoridades políticas.",
                "responsibles": "Mesa Nacional de Estado Abierto",
                "progress_description": "El 11 de mayo de 2023 en el contexto de la Semana de Gobierno Abierto, se lanzó oficialmente la Mesa Nacional de Estado Abierto. En este evento participó el Ministro Secretario General de la Presidencia, Álvaro Elizalde, el Ministro de la Corte Suprema, Mauricio Silva Cancino, el Presidente del Grupo Bicameral de Transparencia del Congreso, el Diputado Vlado Mirosevic, y el Contralor General de la República, Jorge Bermúdez.",
                "duration": "3 meses",
                "status": "Completo",
            },
            {
                "code": "1.3.2",
                "description": "Potenciar el proceso de cocreación del 6to Plan de Acción como una oportunidad para comunicar y difundir de manera más amplia, abierta e innovadora la agenda de Estado Abierto, a través de la elaboración de una estrategia comunicacional y de educación cívica sobre Gobierno Abierto.",
                "responsibles": "Mesa Nacional de Estado Abierto",
                "progress_description": "Desde la Comisión para la Integridad Pública y Transparencia se preparó una estrategia comunicacional centrada en las mesas de cocreación en el contexto de la elaboración del 6° Plan de Acción, la cual fue presentada a la Mesa Nacional de Estado Abierto para su revisión y comentarios. Del mismo modo, para difundir la iniciativa se realizaron Talleres de Estado Abierto, en los cuales se presentaron los conceptos centrales y oportunidades de participación en el proceso de cocreación del 6° Plan de Acción. En total se realizaron 9 Talleres de Estado Abierto:\n• 22 de mayo- Municipalidad de Peñalolén.\n• 23 de mayo- Regiones del Maule, Biobío y la Araucanía.\n• 24 de mayo- Región Metropolitana.\n• 12 de junio- Municipalidad de Rancagua.\n• 14 de junio- Taller Nacional de Estado Abierto.\n• 20 de junio- Mesa de género, dirigido a mujeres.\n• 22 de junio- Servicio Nacional de Adulto Mayor dirigido a personas mayores.\n• 18 de julio- SEGPRES.\n• 26 de julio- Instituto Nacional de la Juventud.",
                "duration": "3 meses",
                "status": "Completo",
            },
            {
                "code": "1.3.3",
                "description": "Procurar la incorporación de compromisos por parte del Poder Legislativo y el Poder Judicial, y promover la participación de los gobiernos locales en el 6to Plan de Acción.",
                "responsibles": "Mesa Nacional de Estado Abierto",
                "progress_description": "Dentro del proceso de cocreación se contemplaron las etapas el mapeo de iniciativas desde el sector público, además de la consulta ciudadana para recibir propuestas. En el mapeo desde el sector público, el Poder Legislativo y Poder Judicial participaron activamente presentado iniciativas de Estado Abierto para ser consideradas y evaluadas de acuerdo a los criterios y estándares definidos por la Mesa Nacional de Estado Abierto. Las iniciativas presentadas pasaron la etapa de evaluación y fueron discutidas en la siguiente etapa, las mesas de cocreación. Los compromisos ya fueron seleccionados y redactados, alcanzando un total de 11, incluyendo iniciativas del Poder Judicial y Legislativo.",
                "duration": "3 meses",
                "status": "Completo",
            },
            {
                "code": "1.3.4",
                "description": "Identificar agendas temáticas específicas y relevantes que puedan ser abordadas en el marco del 6to Plan de Acción de Estado Abierto, las que, luego de espacios de diálogo y acercamiento, puedan ser implementadas como compromisos dentro del mismo, tales como: medio ambiente, implementación del Acuerdo de Escazú, avance en el reconocimiento de los derechos de grupos de especial protección, tales como las mujeres y la comunidad LGTBIQ+, y datos abiertos para combatir la corrupción. También valorar la inclusión de compromisos que surjan de los procesos de consulta pública durante la cocreación del Plan.",
                "responsibles": "Mesa Nacional de Estado Abierto",
                "progress_description": "La Mesa Nacional de Estado Abierto definió un grupo de temas prioritarios para impulsar de manera transversal durante el proceso de cocreación del 6° Plan de Acción. Estos son: Grupos de Especial Protección, género, medioambiente y cambio climático, territorios y descentralización, y desarrollo sostenible. Estos criterios han sido utilizados para la evaluación de los aportes de la consulta ciudadana y mapeo del sector público, también se ha potenciado la participación de juventudes, adultos mayores y mujeres en los Talleres de Estado Abierto, y han sido promovidos en la discusión en las mesas de cocreación.",
                "duration": "3 meses",
                "status": "Completo",
            },
        ],
    },
    {
        "code": "2.1",
        "horizon": "medium",
        "title": "Ampliar y fortalecer las Redes de actores vinculadas a la agenda de Estado Abierto con un enfoque territorial y de diversidad temática",
        "institutions": ["red_sociedad_civil", "red_academica", "comision_integridad"],
        "activities": [
            {
                "code": "2.1.1",
                "description": "Fortalecer las Redes de Sociedad Civil y Academia, a través de la implementación interna de nuevas metodologías, procesos de toma de decisión y comunicación que permita fortalecer sus redes y tener una representación robusta no sólo en el órgano multi-actor sino en la dinámica propia de cada Red y con la ambición de poder ampliar su impacto y llegada a nivel territorial.",
                "responsibles": "Red de Sociedad Civil, Red de Academia",
                "progress_description": "",
                "duration": "3 meses a 6 meses",
                "status": "No iniciado",
            },
            {
                "code": "2.1.2",
                "description": "Establecer un mecanismo de coordinación con los gobiernos locales para que se puedan involucrar de manera más activa en la agenda de Estado Abierto y potenciar el liderazgo de los gobiernos sub-nacionales, colectivos y organizaciones de sociedad civil locales que ya han avanzado en la implementación de los principios.",
                "responsibles": "Mesa Nacional de Estado Abierto, Red de Sociedad Civil, Red de Academia, Comisión para la Integridad Pública y Transparencia.",
                "progress_description": "",
                "duration": "3 meses a 6 meses",
                "status": "No iniciado",
            },
            {
                "code": "2.1.3",
                "description": "Establecer un mecanismo de coordinación con la División de Organizaciones Sociales (DOS), que tiene interacción directa con organizaciones comunitarias, para promover que se involucren de manera más activa en la agenda de Estado Abierto.",
                "responsibles": "Mesa Nacional de Estado Abierto, Red de Sociedad Civil, Red de Academia, Comisión para la Integridad Pública y Transparencia.",
                "progress_description": "La Mesa Nacional de Estado Abierto considera como integrante permanente con derecho a voz a un o una representante de la Subsecretaría General de Gobierno, especio que ha sido integrado por la División de Organizaciones Sociales.",
                "duration": "3 meses a 6 meses",
                "status": "Completo",
            },
            {
                "code": "2.1.4",
                "description": "Iniciar un proceso de acercamiento con el sector privado, para identificar la manera más oportuna, segura y transparente de involucrarles en esta agenda a través de compromisos públicos con Cámaras Empresariales en materia de transparencia y anticorrupción, iniciativas de datos abiertos con pequeñas y medianas empresas, entre otros.",
                "responsibles": "Mesa Nacional de Estado Abierto, Red de Sociedad Civil, Red de Academia, Comisión para la Integridad Pública y Transparencia. Se sugiere el acompañamiento del Ministerio de Economía, Fomento y Turismo para el acercamiento más oportuno, oficial y transparente con el sector privado.",
                "progress_description": "",
                "duration": "3 meses a 6 meses",
                "status": "No iniciado",
            },
            {
                "code": "2.1.5",
                "description": "Diseñar un proceso de formación y generación de capacidades en materia de Gobierno Abierto, dirigido a actores que no estén asociados de manera directa con estas materias, pero cuyas agendas se potenciarían al lograr una interacción entre ambos ecosistemas. Esto provocaría un mayor conocimiento e interés sobre la agenda, así como un mayor involucramiento de actores aliados para impulsar no sólo los planes de acción de Gobierno Abierto sino cualquier iniciativa asociada a la promoción y consolidación de un Estado Abierto.",
                "responsibles": "Mesa Nacional de Estado Abierto, Red de Sociedad Civil, Red de Academia, Comisión para la Integridad Pública y Transparencia.\n\nSe sugiere el acompañamiento del Ministerio de Economía, Fomento y Turismo para el acercamiento más oportuno, oficial y transparente con el sector privado.",
                "progress_description": "",
                "duration": "3 meses a 6 meses",
                "status": "No iniciado",
            },
            {
                "code": "2.1.6",
                "description": "Potenciar las universidades y entidades académicas como espacios vivos para la experimentación, investigación e innovación en materia de Estado Abierto en los territorios y comunidades.",
                "responsibles": "Mesa Nacional de Estado Abierto, Red de Sociedad Civil, Red de Academia, Comisión para la Integridad Pública y Transparencia.\n\nSe sugiere el acompañamiento del Ministerio de Economía, Fomento y Turismo para el acercamiento más oportuno, oficial y transparente con el sector privado.",
                "progress_description": 'Del 26 al 28 de abril, la Red Académica de Gobierno Abierto organizó el Primer Congreso de Gobierno Abierto, el cual contó con la participación de diversos académicos y académicas, que realizaron charlas magistrales, ponencias y paneles. Asimismo, el 1 de agosto de 2023 se lanzó "Transparenta, desafío de uso de datos para un Estado Abierto", concurso centrado en el análisis y visualización de datos, uso de datos abiertos, para desarrollar proyectos de Data Storytelling. El concurso estaba centrado en la participación de estudiantes de educación superior de centros de formación técnica, institutos profesionales y de pregrado de universidades.',
                "duration": "3 meses a 6 meses",
                "status": "Completo",
            },
        ],
    },
    {
        "code": "3.1",
        "horizon": "long",
        "title": "Cocrear una estrategia o política Nacional de Estado Abierto que incorpore diversos actores y agendas temáticas y que sea asumida como una prioridad política de las altas autoridades de todos los poderes del Estado",
        "institutions": ["comision_integridad", "red_sociedad_civil", "red_academica", "contraloria"],
        "activities": [
            {
                "code": "3.1.1",
                "description": "Diseñar un proceso de cocreación crítico y reflexivo sobre las prioridades país para consolidar la estrategia o política de Estado Abierto desde los todos los poderes del Estado, gobiernos locales, sociedad civil, academia. Dicho proceso debe cumplir con los estándares de participación y cocreación de la Alianza para el Gobierno Abierto (OGP, por sus siglas en inglés)..",
                "responsibles": "Mesa Nacional de Estado Abierto, Comisión para la Integridad Pública y Transparencia, poderes del Estado, Red de Sociedad Civil, Red de Academia y la Contraloría General de la República.",
                "progress_description": "",
                "duration": "De 1 a 2 años",
                "status": "No iniciado",
            },
            {
                "code": "3.1.2",
                "description": "Cocrear un documento que permita:\n• Transversalizar la agenda de manera efectiva y medible en las instituciones y formulación de políticas del Estado chileno.\n• Visibilizar el rol de la Mesa Nacional de Estado Abierto como actor vital para la incidencia y creación de políticas, proyectos e iniciativas asociadas a la agenda.\n• Otorgar mayor relevancia a la agenda para que sea asumida como prioridad estratégica por los diferentes actores institucionales.\n• Contar con indicadores nacionales de medición y cumplimiento, que permitan evaluar el impacto y avance en la institucionalización de los principios de Gobierno Abierto.",
                "responsibles": "Mesa Nacional de Estado Abierto, Comisión para la Integridad Pública y Transparencia, poderes del Estado, Red de Sociedad Civil, Red de Academia y la Contraloría General de la República.",
                "progress_description": "",
                "duration": "De 1 a 2 años",
                "status": "No iniciado",
            },
            {
                "code": "3.1.3",
                "description": "Promover que cada poder del Estado y gobierno local asociado a la agenda elaboren una estrategia o política de Estado Abierto en sus instituciones, para que el proceso de institucionalización y transformación de la cultural institucional vaya avanzando de manera paralela en cada ente. Dichas políticas deben ir alineadas con la Agenda Nacional de Estado Abierto.",
                "responsibles": "Mesa Nacional de Estado Abierto, Comisión para la Integridad Pública y Transparencia, poderes del Estado, Red de Sociedad Civil, Red de Academia y la Contraloría General de la República.",
                "progress_description": "",
                "duration": "De 1 a 2 años",
                "status": "No iniciado",
            },
        ],
    },
    {
        "code": "3.2",
        "horizon": "long",
        "title": "Institucionalizar un equipo y recursos especializados en la implementación de la estrategia o política Nacional de Estado Abierto",
        "institutions": ["comision_integridad", "segpres", "contraloria"],
        "activities": [
            {
                "code": "3.2.1",
                "description": "Generar un proceso de consulta interna en SEGPRES para identificar las condiciones políticas a fin de convertir a la Comisión en una División de la SEGPRES con recursos propios y que cuente con un equipo de trabajo que se dedique de manera exclusiva a las tareas asociadas a Estado Abierto o, en su defecto, crear de manera directa la Unidad de Estado Abierto en la SEGPRES con recursos humanos, presupuestarios y normativas para las tareas correspondientes.",
                "responsibles": "Mesa Nacional de Estado Abierto, Comisión para la Integridad Pública y Transparencia, poderes del Estado, SEGPRES y la Contraloría General de la República.",
                "progress_description": "",
                "duration": "De 1 a 3 años",
                "status": "No iniciado",
            },
            {
                "code": "3.2.2",
                "description": "Si la respuesta fuera positiva, iniciar un proceso de cocreación de la propuesta de ley con la Mesa de Estado Abierto y aprovechar el rol de coordinación con el Parlamento que tiene la SEGPRES para impulsar esta norma.",
                "responsibles": "Mesa Nacional de Estado Abierto, Comisión para la Integridad Pública y Transparencia, poderes del Estado, SEGPRES y la Contraloría General de la República",
                "progress_description": "",
                "duration": "De 1 a 3 años",
                "status": "No iniciado",
            },
            {
                "code": "3.2.3",
                "description": "Si la respuesta fuera negativa en lo que respecta a la creación de una División o Unidad específica para Estado Abierto, elaborar una estrategia de negociación que permita incorporar, en el marco de las actuales de reformas de la Ley de Transparencia que se están discutiendo en el Congreso. Esta estrategia tendría como objetivos:\n• Reconocer vía ley los principios de Estado Abierto.\n• Dotar de recursos propios, tanto humanos como presupuestarios, a la Comisión para la Integridad Pública y Transparencia para garantizar la implementación de la agenda más allá de los planes de acción de OGP.\n• Delegar en la Comisión de Integridad Pública y Transparencia el rol de implementación y supervisión de cumplimiento de los principios de Gobierno Abierto, con herramientas para dotar de carácter obligatorio las acciones que la Comisión determine prioritarias en esta materia.",
                "responsibles": "Mesa Nacional de Estado Abierto, Comisión para la Integridad Pública y Transparencia, poderes del Estado, SEGPRES y la Contraloría General de la República",
                "progress_description": "",
                "duration": "De 1 a 3 años",
                "status": "No iniciado",
            },
            {
                "code": "3.2.4",
                "description": "Si ninguna de estas rutas lograra el respaldo político necesario, se propone considerar la redacción de un Instructivo de Estado Abierto, que le dé mayor grado de obligatoriedad a la implementación de los principios, buenas prácticas y políticas de Estado Abierto. Es ideal garantizar algún nivel de formalización para que la institucionalización de los principios sea realmente exigible.",
                "responsibles": "Mesa Nacional de Estado Abierto, Comisión para la Integridad Pública y Transparencia, poderes del Estado, SEGPRES y la Contraloría General de la República",
                "progress_description": "",
                "duration": "De 1 a 3 años",
                "status": "No iniciado",
            },
        ],
    },
]
