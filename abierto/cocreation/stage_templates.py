"""Stage templates: the stages a new process starts from, and which actions each switches on.

FIFTH_PLAN is the schedule of the co-creation of Chile's 5th plan (seed 002, "Cronograma de trabajo
del quinto Plan de Acción durante el año 2020"); SIXTH_PLAN is the 6th plan's variant described in the
Open State roadmap's progress report (seed 000): workshops, mapping of public-sector initiatives,
citizen consultation, evaluation by the Mesa's criteria, co-creation tables. Names and descriptions
are the sources' (stored data, in Spanish as the sources write them, not interface text); the action
switches are the platform's reading of each stage.
"""

FIFTH_PLAN: list[dict] = [
    {
        "key": "sensibilizacion",
        "name": "Jornadas de sensibilización",
        "description": "Espacios informativos sobre Gobierno Abierto y el proceso de cocreación.",
    },
    {
        "key": "recepcion",
        "name": "Recepción de propuestas",
        "description": "Vía formulario único y abierto a la ciudadanía.",
        "allows_submit": True,
        "allows_support": True,
        "allows_comment": True,
    },
    {
        "key": "mesas",
        "name": "Mesas de trabajo",
        "description": "Cocreación de propuestas de compromisos.",
        "allows_comment": True,
    },
    {
        "key": "resultados-mesas",
        "name": "Publicación de resultados de las mesas de trabajo",
        "description": "En plataforma abierta a la ciudadanía.",
    },
    {
        "key": "seleccion",
        "name": "Selección de propuestas",
        "description": "Por la Mesa de Gobierno Abierto en base a criterios y estándares OGP.",
        "allows_evaluate": True,
    },
    {
        "key": "consulta-borrador",
        "name": "Consulta pública del borrador del Plan de Acción",
        "description": "Retroalimentación desde la ciudadanía.",
        "allows_comment_draft": True,
    },
    {
        "key": "publicacion",
        "name": "Publicación del Plan de Acción",
        "description": "Lanzamiento y difusión.",
    },
]

SIXTH_PLAN: list[dict] = [
    {
        "key": "talleres",
        "name": "Talleres de Estado Abierto",
        "description": (
            "Talleres en los que se presentaron los conceptos centrales y las oportunidades de "
            "participación en el proceso de cocreación."
        ),
    },
    {
        "key": "mapeo",
        "name": "Mapeo de iniciativas del sector público",
        "description": "Las instituciones de los poderes del Estado presentan iniciativas de Estado Abierto.",
        "allows_submit": True,
    },
    {
        "key": "consulta-ciudadana",
        "name": "Consulta ciudadana",
        "description": "Recepción de propuestas de la ciudadanía.",
        "allows_submit": True,
        "allows_support": True,
        "allows_comment": True,
    },
    {
        "key": "evaluacion",
        "name": "Evaluación",
        "description": "Según los criterios y estándares definidos por la Mesa Nacional de Estado Abierto.",
        "allows_evaluate": True,
    },
    {
        "key": "mesas-cocreacion",
        "name": "Mesas de cocreación",
        "description": "Discusión de las propuestas e iniciativas evaluadas y redacción de los compromisos.",
        "allows_comment": True,
    },
    {
        "key": "publicacion",
        "name": "Publicación del Plan de Acción",
        "description": "",
    },
]

TEMPLATES = {"fifth": FIFTH_PLAN, "sixth": SIXTH_PLAN}
