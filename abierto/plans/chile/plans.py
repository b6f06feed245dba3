"""Chile as an OGP member, its six national action plans and the Estado Abierto roadmap."""

import datetime

from abierto.plans.chile import sources
from abierto.plans.chile.roadmap import ACTIONS

GOVERNMENT = {
    "code": "CHL",
    "name": "Chile",
    "kind": "national",
    "region": "Americas",
    "ogp_url": "https://www.opengovpartnership.org/members/chile/",
}

_FIRST_TO_FOURTH = f"{sources.COCREATION_2020}; {sources.OGP_COMMITMENTS_PAGE}"

NATIONAL_PLANS = [
    {
        "number": 1,
        "title": "Primer Plan de Acción de Gobierno Abierto (2012–2013)",
        "start_year": 2012,
        "end_year": 2013,
        "declared_commitments": 19,
        "status": "closed",
        "description": (
            "Primer plan de acción de Chile en la Alianza para el Gobierno Abierto, de la que Chile es miembro "
            "desde 2011, cuando manifestó su intención de ser parte de ella desde el momento de su creación. "
            "Abarca el período 2012–2013 y declara 19 compromisos (CL0001 a CL0019 en la página de OGP), "
            "entre ellos el proyecto de ley de lobby (CL0015), que OGP marca como compromiso destacado."
        ),
        "source": _FIRST_TO_FOURTH,
    },
    {
        "number": 2,
        "title": "Segundo Plan de Acción de Gobierno Abierto (2014–2016)",
        "start_year": 2014,
        "end_year": 2016,
        "declared_commitments": 12,
        "status": "closed",
        "description": (
            "Segundo plan de acción de Chile en la Alianza para el Gobierno Abierto. Abarca el período "
            "2014–2016 y declara 12 compromisos (CL0020 a CL0031 en la página de OGP); OGP marca como "
            "destacados la implementación del Modelo de Gestión de Transparencia Municipal (CL0020) y el "
            "fortalecimiento de la democracia ambiental (CL0031)."
        ),
        "source": _FIRST_TO_FOURTH,
    },
    {
        "number": 3,
        "title": "Tercer Plan de Acción de Gobierno Abierto (2016–2018)",
        "start_year": 2016,
        "end_year": 2018,
        "declared_commitments": 19,
        "status": "closed",
        "description": (
            "Tercer plan de acción de Chile en la Alianza para el Gobierno Abierto. Abarca el período "
            "2016–2018 y declara 19 compromisos (CL0032 a CL0050 en la página de OGP). Su compromiso 19 "
            "buscó institucionalizar la Alianza en Chile mediante una Secretaría Ejecutiva de Gobierno "
            "Abierto: durante su implementación, la Mesa de Gobierno Abierto fue formalizada por la "
            "Resolución Exenta N° 852, de 31 de julio de 2017, del Ministerio Secretaría General de la "
            "Presidencia; la preside el Subsecretario General de la Presidencia y la integran un "
            "representante de la Red de Sociedad Civil de Gobierno Abierto y uno de la Red Académica de "
            "Gobierno Abierto, con la CEPAL y el PNUD como observadores. Su compromiso 15 se propuso "
            "elaborar un Modelo de Gobierno Abierto a nivel subnacional con ocho municipalidades y "
            "organizaciones de la sociedad civil."
        ),
        "source": f"{_FIRST_TO_FOURTH}; {sources.IRM_END_OF_TERM_2016_2018}",
    },
    {
        "number": 4,
        "title": "Cuarto Plan de Acción de Gobierno Abierto (2018–2020)",
        "start_year": 2018,
        "end_year": 2020,
        "declared_commitments": 12,
        "status": "closed",
        "description": (
            "Cuarto plan de acción de Chile en la Alianza para el Gobierno Abierto. Abarca el período "
            "2018–2020 y declara 12 compromisos (CL0051 a CL0062 en la página de OGP). Su cocreación se "
            "inició oficialmente en la «Feria del Gobierno Abierto», el 10 de mayo de 2018, donde se "
            "generaron 158 propuestas que se discutieron en talleres a lo largo del país, en un proceso "
            "previsto hasta noviembre de 2018. La Mesa de Gobierno Abierto acordó el diseño del proceso "
            "(fechas, plazos, actividades y metodologías de trabajo), el Laboratorio de Gobierno colaboró "
            "en la metodología de las mesas de cocreación y el fondo de apoyo del BID para los países "
            "miembros de la Alianza de América Latina y el Caribe financió su diseño e implementación."
        ),
        "source": f"{_FIRST_TO_FOURTH}; {sources.IRM_END_OF_TERM_2016_2018}",
    },
    {
        "number": 5,
        "title": "Quinto Plan de Acción de Gobierno Abierto (2020–2022)",
        "start_year": 2020,
        "end_year": 2022,
        "declared_commitments": 10,
        "status": "closed",
        "description": (
            "Quinto plan de acción de Chile en la Alianza para el Gobierno Abierto, para el período "
            "2020–2022, con 10 compromisos. Conforme al calendario de la Alianza, Chile desarrolló su "
            "cocreación durante 2020, en un cronograma de siete etapas: 1) jornadas de sensibilización "
            "sobre Gobierno Abierto y el proceso de cocreación (agosto de 2020); 2) recepción de propuestas "
            "mediante un formulario único y abierto a la ciudadanía (del 10 al 24 de agosto); 3) mesas de "
            "trabajo para la cocreación de propuestas de compromisos (septiembre de 2020); 4) publicación de "
            "los resultados de las mesas en una plataforma abierta a la ciudadanía (octubre de 2020); "
            "5) selección de propuestas por la Mesa de Gobierno Abierto según criterios y estándares OGP "
            "(noviembre de 2020); 6) consulta pública del borrador del plan (noviembre de 2020); y "
            "7) publicación, lanzamiento y difusión del plan (diciembre de 2020)."
        ),
        "source": sources.COCREATION_2020,
    },
    {
        "number": 6,
        "title": "Sexto Plan de Acción de Estado Abierto (2023–2027)",
        "start_year": 2023,
        "end_year": 2027,
        "declared_commitments": 11,
        "submitted_on": datetime.date(2023, 12, 29),
        "status": "implementation",
        "description": (
            "Sexto plan de acción de Chile, de cuatro años (2023–2027), entregado el 29 de diciembre de "
            "2023: el primero de Estado Abierto, con compromisos del Poder Judicial y del Poder Legislativo. "
            "Lo cocreó la Mesa Nacional de Estado Abierto, creada el 19 de mayo de 2023 por la Resolución "
            "Exenta N° 499 del Ministerio Secretaría General de la Presidencia. Además de la consulta "
            "ciudadana para recibir propuestas, el proceso incluyó un mapeo de iniciativas desde el sector "
            "público, en el que el Poder Legislativo y el Poder Judicial presentaron iniciativas; unas y "
            "otras se evaluaron según los criterios y estándares definidos por la Mesa y se discutieron en "
            "mesas de cocreación. Para difundir el proceso se realizaron 9 Talleres de Estado Abierto, "
            "entre el 22 de mayo y el 26 de julio, entre ellos talleres en regiones y otros dirigidos a "
            "mujeres, a personas mayores y a la juventud. La Mesa definió como temas prioritarios "
            "transversales: grupos de especial protección, "
            "género, medioambiente y cambio climático, territorios y descentralización, y desarrollo "
            "sostenible. Se seleccionaron y redactaron 11 compromisos."
        ),
        "source": sources.ROADMAP_REPORT,
    },
]


def _roadmap_description() -> str:
    activities = [activity for action in ACTIONS for activity in action["activities"]]
    completed = sum(1 for activity in activities if activity["status"] == "Completo")
    not_started = sum(1 for activity in activities if activity["status"] == "No iniciado")
    return (
        "Hoja de Ruta de Estado Abierto de Chile: acciones inmediatas, a mediano plazo y a largo plazo, "
        "cada una con sus actividades, responsables, descripción del avance, duración y estado. Los datos "
        "provienen del informe de estado de avance de diciembre de 2023, que da el estado de cada "
        f"actividad a esa fecha: de {len(activities)} actividades, {completed} completas y "
        f"{not_started} no iniciadas."
    )


ROADMAP_PLAN = {
    "slug": "hoja-de-ruta",
    "title": "Hoja de Ruta de Estado Abierto",
    "start_year": 2023,
    "end_year": 2023,
    "status": "implementation",
    "description": _roadmap_description(),
    "source": sources.ROADMAP_REPORT,
}
