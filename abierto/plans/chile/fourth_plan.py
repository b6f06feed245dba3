"""Two commitments of the 4th plan (CL0053, CL0060), as the 2020 co-creation presentation shows them.

The presentation gives them as examples ("Compromiso N° 3", "Compromiso N° 10"): title, responsible
institution, "¿Cuál es el compromiso?", "Actores" and "Componentes". Its "Actores" lists end in
"entre otros"; the named ones are linked as supporting institutions and the list is kept verbatim.
"""

from abierto.plans.chile import sources

_SOURCE = f"{sources.COCREATION_2020}; {sources.OGP_COMMITMENTS_PAGE}"

COMMITMENTS = {
    "CL0053": {
        "fields": {
            "number": "3",
            "title": "Justicia Abierta",
            "description": (
                "Acercar la justicia a la ciudadanía a través de la democratización el conocimiento de los "
                "derechos de los ciudadanos en materia penal."
            ),
            "responsibles_text": (
                "Ministerio de Justicia, Poder Judicial, Consejo de la Sociedad Civil de la Defensoría Penal "
                "Pública, Red de Lenguaje Claro, entre otros."
            ),
            "components": (
                "Elaborar una política de Gobierno Abierto, mesas de coordinación, programa de lenguaje claro, "
                "datos abiertos y estrategia multicanal de atención al usuario."
            ),
            "source": _SOURCE,
        },
        "lead": "defensoria_penal",
        "supporting": ["minjusticia", "poder_judicial", "cosoc_dpp", "red_lenguaje_claro"],
    },
    "CL0060": {
        "fields": {
            "number": "10",
            "title": "Política de Datos Abiertos y Protección de Datos",
            "description": (
                "Desarrollar e implementar un modelo de herramientas para conciliar la disponibilización de "
                "datos abiertos con la protección de datos personales."
            ),
            "responsibles_text": (
                "Ministerio Secretaría General de la Presidencia, Fundación Datos Protegidos, Derechos "
                "Digitales, entre otros."
            ),
            "components": (
                "Diagnóstico de brechas en la protección de datos, desarrollo de un modelo de privacidad por "
                "diseño, difusión del modelo de privacidad por diseño."
            ),
            "source": _SOURCE,
        },
        "lead": "cplt",
        "supporting": ["segpres", "datos_protegidos", "derechos_digitales"],
    },
}
