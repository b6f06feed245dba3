# ruff: noqa: E501
"""Commitment 15 of the 3rd plan (CL0046), from its compliance template ("plantilla de cumplimiento").

Every field of the template is here, as the template writes it. The main objective runs across a page
break in the source; it is joined. The template marks "Sustancial" in the completion row; that is the
self-reported completion of the progress report, not an IRM reading.
"""

import datetime

from abierto.plans.chile import sources
from abierto.plans.chile.institutions import LOCAL_PILOT_MUNICIPALITIES

OGP_ID = "CL0046"

COMMITMENT = {
    "number": "15",
    "title": "Modelo de Gobierno Abierto a nivel subnacional",
    "theme": "Modernización del Estado",
    "start_date": datetime.date(2016, 9, 1),
    "end_date": datetime.date(2018, 7, 31),
    "dates_text": "Septiembre de 2016 – Julio 2018",
    "responsible_name": "Eduardo González Yáñez",
    "responsible_position": "Director de Desarrollos y Procesos",
    "responsible_email": "egonzalez@consejotransparencia.cl",
    "responsible_phone": "+562 24952100",
    "responsibles_text": "Gobierno: Municipalidades de Vitacura, Pirque, Talagante, Cerro Navia, Santo Domingo, Providencia, Peñalolén y Recoleta.\nSociedad civil, iniciativa privada, grupos de trabajo o multilaterales:\n• Fundación Ciudadano Inteligente\n• Chile Transparente",
    "problem": "La adopción de políticas de gobierno abierto en Chile, se ha arraigado en el centro de gobierno y los planes de acción que se han elaborado, si bien tienen alcance nacional, su implementación ha sido de forma centralizada; lo que no ha permitido llegar a niveles subnacionales. El municipio es la primera respuesta que las personas ven del Estado, por lo que adoptar acciones de gobierno abierto en la administración local puede tener un impacto más directo en los usuarios, mejorando los servicios que reciben, entregando herramientas que los habilitan para un mayor involucramiento en la resolución de los asuntos públicos y generando una identidad común en el territorio que habitan.",
    "main_objective": "Desarrollar un Modelo de Gobierno Abierto a Nivel Subnacional, que permita la definición de políticas locales y la elaboración de planes de acción asociados a su implementación. Este modelo será elaborado de forma colaborativa por el Consejo para la Transparencia y las instituciones que participen del compromiso, involucrando activamente a la sociedad civil territorial. Se contempla la implementación del modelo de forma piloto en, a lo menos, 5 municipios de la zona central del país.",
    "brief_description": "El proyecto consiste en la construcción de un Modelo de Gobierno Abierto para Municipios, el que se desarrollará de manera participativa en base a revisión de las mejores prácticas nacionales e internacionales en la materia. Posteriormente, se realizará un diagnóstico de brechas entre el modelo diseñado y las realidades locales de los Municipios que participarán del proyecto a modo piloto, considerando tanto a las Administraciones como a la población. En base a dichas brechas, se co-construirán estrategias de acción específicas para cada realidad municipal, a modo de planes de acción, que permitan la instalación de gobiernos abiertos en cada participante. Ello, finalmente, será evaluado.",
    "relevance": "Este compromiso contribuye a fortalecer los valores de Gobierno Abierto al generar un Modelo acorde a la realidad subnacional del país, considerando –a su vez- las diferencias que existen entre los Municipios, por ello, considerará estadios de desarrollo en cada una de las dimensiones que aborde, identificando herramientas específicas y concretas para cada nivel de evolución. Todo esto, a través de la activa participación de la población, lo que fomenta la interrelación entre los organismos públicos y las necesidades y requerimientos de sus usuarios, fomentando la transparencia, la rendición de cuentas y la facilitación del acceso (a través de las tecnologías), así como la participación ciudadana.",
    "ambition": "Lo que se espera es la generación de un Modelo de Gobierno Abierto para Municipios, construido participativamente y validado por actores reales, los que a través de la puesta en marcha de planes de acción específicos, permitan posteriormente la masificación del mismo a nivel nacional.",
    "source": f"{sources.TEMPLATE_COMMITMENT_15}; {sources.OGP_COMMITMENTS_PAGE}",
}

LEAD = "cplt"
# "Otros actores involucrados": government (the eight municipalities) and civil society.
SUPPORTING = [*LOCAL_PILOT_MUNICIPALITIES, "ciudadano_inteligente", "chile_transparente"]

PROGRESS_REPORT = {
    "period_label": "Informe de cumplimiento, 3er Plan de Acción",
    "completion": "substantial",
    "results_description": "El principal resultado del trabajo es una propuesta preliminar del Modelo de Gobierno Abierto a nivel subnacional, emergente de un proceso colaborativo del que han participado los integrantes del comité ejecutivo del compromiso (conformado por los municipios participantes, las organizaciones de la sociedad civil y el Consejo para la Transparencia). Durante la construcción de la propuesta –y con el objeto de fortalecerla-, tuvieron lugar las siguientes instancias:\n• Revisión, recopilación y sistematización de experiencias de gobierno abierto municipal –y de prácticas e iniciativas relacionadas-, a nivel internacional y nacional. Tal sistematización –nutrida además por una aproximación conceptual– constituyó un insumo para generar la discusión necesaria, y sirvió como base para la formulación preliminar y operacionalización de las dimensiones de la propuesta de Modelo.\n• 3 Talleres Expertos, para la presentación e incorporación de visiones y experiencias orientadas a enriquecer la propuesta de Modelo de Gobierno Abierto nivel subnacional, realizados en diciembre de 2016 y en marzo de 2017. De éstos, participaron los siguientes expositores: Alejandro Barros (Consultor independiente), Álvaro Ramírez-Alujas (Grupo de Investigación en Gobierno, Administración y Políticas Públicas [GIGAPP]), Cristian Pliscoff (Instituto de Asuntos Públicos, Universidad de Chile), Andrés Bustamante (ASIMOV), Juan Felipe López (Laboratorio de Gobierno), Cristián López (Asociación de Municipalidades de Chile), Manuel Aris (Espacio Público), José Hernández (Instituto Chileno de Municipalidades [ICHEM]), y Francisco Arellano (Fundación Datos Protegidos).\n• 3 Talleres de Esquema, para el co-diseño de una propuesta de Modelo de Gobierno Abierto a nivel subnacional, de los que participaron los municipios que integran el comité ejecutivo del compromiso, junto con las organizaciones de la sociedad civil Fundación Ciudadano Inteligente y Chile Transparente.\n\nTras su sistematización, la propuesta elaborada será remitida a un comité asesor que se ha constituido en el marco de esta iniciativa, cuya función es ofrecer retroalimentación a los productos intermedios y finales, y que está compuesto por Romina Garrido (Fundación Datos Protegidos), Jorge Sahd (Centro de Estudios Internacionales, Universidad Católica), Andrés Bustamante, Juan Felipe López, José Hernández y Álvaro Ramírez-Alujas.",
    "conclusion_date_text": "Julio de 2018",
    "next_steps": "• Realización de foros ciudadanos y foros internos a nivel de las comunas administradas por los municipios participantes, y sistematización.\n• Ajuste de la propuesta preliminar, para su pilotaje.\n• Realización de diagnósticos a nivel de municipios participantes\n• Pilotaje de la propuesta en municipios participantes\n  • Diseño de políticas específicas, según realidad local\n  • Socialización y capacitación en la política y sus componentes\n• Evaluación de la ejecución de los planes de acción.",
    # Empty in the template.
    "additional_info": "",
    "remaining_and_challenges": "Uno de los desafíos más significativos que puede preverse tendrá la implementación del Modelo, será el proceso de ajuste de sus componentes –y las expectativas de base en cada caso- a las múltiples y diversas realidades enfrentadas por los municipios del país. Por otra parte, otro gran desafío será fomentar la participación efectiva de la ciudadanía a nivel comunal, de manera que el involucramiento de las personas y organizaciones que habitan el territorio pueda pasar de ser una buena práctica u obligación normativa, a transformarse en condición de posibilidad para el desarrollo de mejores y más eficaces políticas públicas.",
    "source": sources.TEMPLATE_COMMITMENT_15,
}
