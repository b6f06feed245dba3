# ruff: noqa: E501
"""Commitment 19 of the 3rd plan (CL0050), from its OGP page and the IRM end-of-term summary shown there.

Texts are the page's. In ``ogp_challenge`` the page breaks words across table columns ("servicio s
público s", "Increm entar", "rendici ón" …); the words are joined again and each of the five numbered
challenges is put on its own line. Nothing else is changed.
"""

import datetime

from abierto.plans.chile import sources

OGP_ID = "CL0050"

COMMITMENT = {
    "number": "19",
    "title": "Institucionalización de la Alianza para el Gobierno Abierto en Chile mediante creación de la Secretaría Ejecutiva de Gobierno Abierto para el diseño, implementación y monitoreo de planes de acción",
    "start_date": datetime.date(2016, 9, 1),
    "end_date": datetime.date(2018, 6, 30),
    "dates_text": "Septiembre 2016 – junio 2018",
    "problem": "Este compromiso apunta a resolver la falta de un espacio formal para la dirección y coordinación de las actividades de la Alianza para el Gobierno Abierto en Chile.",
    "main_objective": "Institucionalizar el funcionamiento de la Alianza para el Gobierno en Chile y crear un organismo encargado de ésta, coordinando sus actividades, difundiendo sus valores y principios y diseñando, implementando y monitoreando los planes de acción asociados a la Alianza.",
    "brief_description": "Crear una instancia administrativa, en el marco de la organización actual del Ministerio Secretaría General de la Presidencia, que coordine a los actores involucrados, diseñe e implemente los planes de acción de la OGP y les dé seguimiento",
    "ogp_challenge": "Dado que este compromiso apunta a la creación de una instancia formal e institucionalizada para la dirección de los objetivos de la Alianza para el Gobierno Abierto en Chile, este compromiso atiende -en el mediano y largo plazo- los cinco desafíos planteados por la Alianza.\n1) Mejorar servicios públicos\n2) Incrementar la integridad pública\n3) Tener una gestión efectiva y eficiente de los recursos\n4) Crear comunidades más seguras\n5) Incrementar responsabilidad corporativa y rendición de cuentas del sector privado",
    "relevance": "El compromiso de institucionalizar la Alianza para el Gobierno Abierto en Chile a través de la creación y puesta en marcha de una Secretaría Ejecutiva apunta al fortalecimiento de todos los valores y principios de la OGP. Con funciones claras de coordinación, difusión, implementación y monitoreo, esta Secretaría Ejecutiva permitirá que el correcto desarrollo de planes de acción en el país fortalezca la transparencia y el acceso a la información, la rendición de cuentas públicas y la probidad en el sector, la participación cívica y el uso de nuevas tecnologías e innovación para la apertura y rendición de cuentas.",
    "ambition": "Se espera que una vez cumplido este compromiso, tanto el Gobierno como la Sociedad de Chile cuenten con un espacio formal para la coordinación de las actividades de la Alianza para el Gobierno Abierto en el país, dando sustento institucional a la representación de sus interese, al diseño y la realización de instancias de co-creación, la difusión de los valores y principios de la Alianza, la implementación de planes de acción y el seguimiento al cumplimiento de los compromisos contenidos en éstos.",
    "source": f"{sources.OGP_CL0050_PAGE}; {sources.IRM_END_OF_TERM_2016_2018}",
}

LEAD = "segpres"
SUPPORTING = ["osc_mesa_ogp"]

# "Policy Areas" and "Relevant to OGP Values" at a glance.
POLICY_AREAS = ["Legislature", "OGP", "Public Participation"]
VALUES = ["access_to_information", "civic_participation"]

# The five milestones ("hitos") of the commitment text. The source gives no dates or percentages per
# milestone; statuses follow the IRM's end-of-term text, quoted in ``progress_description``.
MILESTONES = [
    {
        "code": "1",
        "description": "Diseño de la Secretaría Ejecutiva",
        "status": "completed",
        "progress": 100,
        "progress_description": "Completo. El informe de medio término del IRM ya lo da por cumplido: «El único hito cumplido se refería al diseño de la Mesa de Gobierno Abierto, la instancia que cumple con el rol de secretaría ejecutiva del OGP Chile. A esta instancia se habían definido su estructura, sus funciones y sus integrantes.»",
    },
    {
        "code": "2",
        "description": "Formalización",
        "status": "completed",
        "progress": 100,
        "actual_end_date": datetime.date(2017, 7, 31),
        "progress_description": "Completo. Según el informe de fin de término del IRM, se realizó oficialmente mediante la Resolución Exenta N° 852 del Ministerio Secretaría General de la Presidencia, de fecha 31 de julio de 2017, que «Crea la Instancia de Participación en el Contexto de la Alianza para el Gobierno Abierto», fuera del plazo programado «debido al retraso inicial en la etapa de diseño y a las exigencias de los procedimientos internos del Ministerio Secretaría General de la Presidencia para su aprobación».",
    },
    {
        "code": "3",
        "description": "Monitoreo del tercer Plan de Acción",
        "status": "in_progress",
        "progress": 0,
        "progress_description": "En curso, no completo. El informe de fin de término del IRM registra dos reuniones de monitoreo con los responsables de compromisos (17 de abril de 2017 y 18 de julio de 2017), ambas anteriores a la formalización de la Mesa de Gobierno Abierto, y reuniones periódicas de la Mesa sobre diversos temas de Gobierno Abierto; no da el hito por cumplido (los hitos completados que nombra son los de la formalización) y recoge la lectura del representante de la sociedad civil: la Mesa «no fue un espacio para ello» y la sociedad civil «no tuvo información sobre los avances en la mayoría de los compromisos». La fuente no da un porcentaje: se registra 0 para no inventar una cifra.",
    },
    {
        "code": "4",
        "description": "Elaboración y difusión de reportes de seguimiento (2 reportes)",
        "status": "withdrawn",
        "progress": 0,
        "progress_description": "Retirado. Según el informe de fin de término del IRM, «debido al retraso general en las definiciones y la formalización del compromiso, por acuerdo general de los integrantes de la Mesa de Gobierno Abierto se decidió no generar reportes de seguimiento y centrarse en los eventos de difusión y sensibilización sobre la Alianza para el Gobierno Abierto y sus valores»: un evento en la CEPAL el 17 de enero de 2018, actividades de la Semana de Gobierno Abierto (OpenGov Week) en mayo de 2018 y, en junio, un intercambio de experiencias con Natalia Carfi, vicedirectora de la Carta Internacional de Datos Abiertos. Un hito retirado no cuenta en el avance calculado.",
    },
    {
        "code": "5",
        "description": "Elaboración del cuarto Plan de Acción (diseño e implementación)",
        "status": "in_progress",
        "progress": 0,
        "progress_description": "En curso. El informe de fin de término del IRM informa que la generación del IV Plan de Acción (2018-2020) «se encuentra en proceso de elaboración»: la cocreación se inició oficialmente en la «Feria del Gobierno Abierto» del 10 de mayo de 2018, con 158 propuestas en discusión en talleres hasta noviembre de 2018, y según el cronograma el plan se enviaría a OGP el 12 de noviembre de 2018. La fuente no da un porcentaje de avance: se registra 0 para no inventar una cifra.",
    },
]

# Footnotes of the IRM end-of-term text that give a real link, with the milestone they document.
# [112] ("Invitación y programa") and [114] ("Visita de Natalia Carf") name a document without a link.
EVIDENCE = [
    {
        "milestone": "2",
        "title": "Información sobre el lanzamiento de la Mesa de Gobierno Abierto (MinSegpres)",
        "url": "http://www.minsegpres.gob.cl/noticias/plan-de-accion-de-gobierno-abierto-2016-2018-89-de-las-medidas-estan-su-fase-final-de-implementacion/",
        "description": "Nota [110] Ver: Resolución Exenta N° 852/2017 de MinSegpres; información sobre el lanzamiento de la mesa en: http://www.minsegpres.gob.cl/noticias/plan-de-accion-de-gobierno-abierto-2016-2018-89-de-las-medidas-estan-su-fase-final-de-implementacion/ (informe de fin de término del IRM).",
    },
    {
        "milestone": "3",
        "title": "Actas de las sesiones de la Mesa de Gobierno Abierto",
        "url": "http://www.ogp.gob.cl/es/mesa-de-trabajo/",
        "description": "Nota [111] Ver las actas de las sesiones de la Mesa en: http://www.ogp.gob.cl/es/mesa-de-trabajo/ (informe de fin de término del IRM).",
    },
    {
        "milestone": "4",
        "title": "Semana de Gobierno Abierto (OpenGov Week), mayo de 2018",
        "url": "http://www.cl.undp.org/content/chile/es/home/presscenter/articles/2018/SemanaGobiernoAbierto2018.html",
        "description": "Nota [113] Ver información en: http://www.cl.undp.org/content/chile/es/home/presscenter/articles/2018/SemanaGobiernoAbierto2018.html (informe de fin de término del IRM).",
    },
    {
        "milestone": "5",
        "title": "Propuestas recibidas para el IV Plan de Acción",
        "url": "https://docs.google.com/spreadsheets/d/15e_FlRfSPr6TTEs93XpIY7AAWFpkTjHFUC2NFwdvcVQ/edit#gid=556113843",
        "description": "Nota [115] Ver las propuestas recibidas en: https://docs.google.com/spreadsheets/d/15e_FlRfSPr6TTEs93XpIY7AAWFpkTjHFUC2NFwdvcVQ/edit#gid=556113843 (informe de fin de término del IRM).",
    },
    {
        "milestone": "5",
        "title": "Plan de trabajo de la Mesa de Gobierno Abierto",
        "url": "https://docs.google.com/spreadsheets/d/1otyO2kUCBvKRXRVMKNkHnG-oruQyldO1DNBSVpy569g/edit#gid=1165695375",
        "description": "Nota [116] Ver plan de trabajo de la mesa en: https://docs.google.com/spreadsheets/d/1otyO2kUCBvKRXRVMKNkHnG-oruQyldO1DNBSVpy569g/edit#gid=1165695375 (informe de fin de término del IRM).",
    },
    {
        "milestone": "5",
        "title": "Acuerdo de colaboración para la metodología de las mesas de cocreación",
        "url": "https://drive.google.com/file/d/1357SXwc9PCjai5aK6Z3eE-V32PtuBNKW/view",
        "description": "Nota [117] Ver acuerdo de colaboración en: https://drive.google.com/file/d/1357SXwc9PCjai5aK6Z3eE-V32PtuBNKW/view (informe de fin de término del IRM).",
    },
]

ASSESSMENT = {
    "source": sources.IRM_END_OF_TERM_2016_2018,
    "verifiable": True,
    "relevant_access_to_information": True,
    "relevant_civic_participation": True,
    "completion_progress_report": "limited",
    "completion_end_of_term": "substantial",
    # "Early Results: Major" at a glance is the IRM's overall "Did it open government?" reading.
    "opened_government": "major",
    "opened_access_to_information": "marginal",
    "opened_civic_participation": "major",
    "irm_starred": False,
    # "¿Se incorporó en el siguiente plan? El IV Plan de Acción de Chile no incorpora este compromiso."
    "carried_forward": False,
    "mid_term_summary": "El cumplimiento de medio término se consideró limitado principalmente por el atraso en las fechas comprometidas para cada uno de los hitos.\n\nEl único hito cumplido se refería al diseño de la Mesa de Gobierno Abierto, la instancia que cumple con el rol de secretaría ejecutiva del OGP Chile. A esta instancia se habían definido su estructura, sus funciones y sus integrantes. El segundo hito, que consistía en su formalización, iba con retraso, en parte por las trabas administrativas y legales con las que se encontró el gobierno cuando se quiso establecer como secretaría ejecutiva. Este mismo hecho afectó al cumplimiento del tercer hito, que consistía en hacer seguimiento de los compromisos del III Plan de Acción.\n\nEl representante del Gobierno en la mesa reportó que el seguimiento estaba llevándose a cabo, mientras que el representante de la sociedad civil en la mesa informó de que, al no estar formalizada, el seguimiento que hacía la mesa no tenía la relevancia que requería el cumplimiento del hito. En esa diversidad de pareceres, la evaluadora consideró este hito con avance limitado. Los hitos referidos a la elaboración de informes sobre la implementación de los planes de acción y el de creación del IV Plan de Acción no estaban iniciados. Para más información, consulte el informe 2016-2017 de medio término.",
    "end_of_term_summary": "A fin de término este compromiso se considera cumplido sustancialmente, pues se han completado los hitos referidos a la formalización de la Secretaría Ejecutiva de OGP‑Chile. Este hito se realizó oficialmente mediante la resolución n.º 852 del Ministerio Secretaría General de la Presidencia, de fecha 31 de julio de 2017, que “Crea la Instancia de Participación en el Contexto de la Alianza para el Gobierno Abierto”. [110] Sin embargo, no se realizó dentro del plazo programado debido al retraso inicial en la etapa de diseño y a las exigencias de los procedimientos internos del Ministerio Secretaría General de la Presidencia para su aprobación.\n\nEn relación con el hito del monitoreo al III Plan de Acción (hito 3), se generaron dos reuniones con los responsables de compromisos. Si bien estas se celebraron de manera previa a la formalización de la Mesa de Gobierno Abierto, el monitoreo se hizo de acuerdo con los representantes de la sociedad civil y la academia. Las reuniones se realizaron con fecha 17 de abril de 2017 y 18 de julio de 2017. Además, se hicieron reuniones periódicas con la Mesa de Gobierno Abierto para tratar diversos temas relacionados con Gobierno Abierto. [111]\n\nEn relación con el hito 4 de elaboración y difusión de dos reportes de seguimiento, debido al retraso general en las definiciones y la formalización del compromiso, por acuerdo general de los integrantes de la Mesa de Gobierno Abierto se decidió no generar reportes de seguimiento y centrarse en los eventos de difusión y sensibilización sobre la Alianza para el Gobierno Abierto y sus valores. En esta línea, se realizó un evento en la CEPAL el 17 de enero de 2018, [112] y también una serie de actividades generadas durante la Semana de Gobierno Abierto (OpenGov Week), realizados en mayo de 2018. [113] Además, durante el mes de junio se generó una instancia de intercambio de experiencias con Natalia Carfi, vicedirectora de la Carta Internacional de Datos Abiertos. [114]\n\nCabe considerar que el informe del Gobierno y el que la evaluadora obtuvo del representante de la ONG Ciudadano Inteligente en la mesa ponen énfasis en valoraciones diferentes sobre el papel cumplido por la mesa. Este último es más crítico sobre la función de seguimiento del plan, considerando que esta no fue un espacio para ello y que la sociedad civil no tuvo información sobre los avances en la mayoría de los compromisos, exceptuando los compromisos 15 y 19, en los que la participación de la sociedad civil fue fundamental.\n\nRespecto del hito 5 del compromiso, la generación del IV Plan de Acción (2018-2020) se encuentra en proceso de elaboración. En la actividad que se denominó “Feria del Gobierno Abierto”, el día 10 de mayo de 2018, se dio inicio oficialmente al proceso de co-creación del IV Plan de Acción. En este evento, con actividades abiertas al público, se generaron 158 propuestas que se están discutiendo en talleres a lo largo del país, proceso que se extenderá hasta noviembre de 2018. [115]\n\nEl diseño del proceso para elaborar el Plan de Acción lo acordó la Mesa de Gobierno Abierto con fechas, plazos, actividades y metodologías de trabajo. Según el cronograma, el IV Plan de Acción de Chile se le enviará a OGP el 12 de noviembre de 2018. [116] Para generar la metodología utilizada en las mesas de cocreación se contó con la colaboración del Laboratorio de Gobierno. [117] Las actividades de diseño e implementación del IV Plan de Acción las está financiando el fondo de apoyo del BID para los países miembros de la Alianza para el Gobierno Abierto de América Latina y el Caribe, gracias a la presentación de una propuesta hecha por Chile para ese fin.\n\n[110] Ver: Resolución Exenta N° 852/2017 de MinSegpres; información sobre el lanzamiento de la mesa en: http://www.minsegpres.gob.cl/noticias/plan-de-accion-de-gobierno-abierto-2016-2018-89-de-las-medidas-estan-su-fase-final-de-implementacion/\n[111] Ver las actas de las sesiones de la Mesa en: http://www.ogp.gob.cl/es/mesa-de-trabajo/\n[112] Ver sobre evento CEPAL en: Invitación y programa.\n[113] Ver información en: http://www.cl.undp.org/content/chile/es/home/presscenter/articles/2018/SemanaGobiernoAbierto2018.html\n[114] Ver informe en: Visita de Natalia Carf\n[115] Ver las propuestas recibidas en: https://docs.google.com/spreadsheets/d/15e_FlRfSPr6TTEs93XpIY7AAWFpkTjHFUC2NFwdvcVQ/edit#gid=556113843\n[116] Ver plan de trabajo de la mesa en: https://docs.google.com/spreadsheets/d/1otyO2kUCBvKRXRVMKNkHnG-oruQyldO1DNBSVpy569g/edit#gid=1165695375\n[117] Ver acuerdo de colaboración en: https://drive.google.com/file/d/1357SXwc9PCjai5aK6Z3eE-V32PtuBNKW/view",
    "opened_government_summary": "La formalización de la Mesa de Gobierno Abierto ha sido un factor importante para darle un marco jurídico e institucional a la implementación de la AGA en Chile, por las funciones que se le asignan en los procesos de coordinación, difusión, implementación y monitoreo de los planes de acción de todos los compromisos de Chile con OGP, lo que conlleva la búsqueda de la mejora del Gobierno en todos los valores que promueve la Alianza.\n\nSin embargo, el trabajo de la Mesa ha incidido principalmente en que la cocreación del IV Plan de Acción haya difundido información y haya tenido un proceso de participación mucho más sólido que lo que se dio en planes anteriores. En este aspecto, el representante de la sociedad civil tiene una evaluación muy positiva del proceso y señala que ha existido un despliegue territorial y masivo para la cocreación de compromisos, con presencia de la sociedad civil, la academia y el Gobierno, con notable asistencia de representantes de la sociedad civil y un trabajo proactivo de la SEGPRES. Indica que, como Red Chilena de Gobierno Abierto, están muy satisfechos por los logros y avances que este proceso implica para OGP Chile.\n\nEste proceso participativo también conlleva una mayor voluntad y compromiso político en estas materias y un mayor interés de los medios de comunicación en el actual proceso.\n\nAsimismo, la formalización de la Mesa de Gobierno Abierto generó un trabajo coordinado y horizontal entre los actores que la conforman, avanzando especialmente en el principio de la participación de la sociedad civil, y, en menor escala, en el de rendición de cuentas, en la medida en que los actores no gubernamentales pueden inquirir directamente y en un espacio validado que los representantes gubernamentales den cuenta de sus compromisos. Esta instancia ha sido una herramienta importante para que el Estado se haga parte de una cultura de Gobierno más transversal, abierta y transparente.",
    # The at-a-glance cells as the page shows them.
    "raw_values": {
        "Starred": "No",
        "Early Results": "Major Major",
        "Verifiable": "Yes",
        "Relevant to OGP Values": "Access to Information Civic Participation",
        "Potential Impact": "",
        "Completion": "",
        "IRM Report": "Chile End-of-Term Report 2016-2018, Chile Mid-Term Report 2016-2018",
    },
}
