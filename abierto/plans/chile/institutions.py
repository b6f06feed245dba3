"""Institutions named in the sources, keyed for reference by the other data modules.

``branch`` uses the values of ``Institution.Branch``. Names are written as the sources write them;
where a source uses a short form (SEGPRES) the record keeps the full name and the acronym.
"""

INSTITUTIONS = {
    # State: executive
    "segpres": {
        "name": "Ministerio Secretaría General de la Presidencia",
        "branch": "executive",
        "acronym": "SEGPRES",
    },
    # The roadmap calls it both "Comisión Asesora Presidencial para la Integridad Pública y
    # Transparencia" and "Comisión para la Integridad Pública y Transparencia": one body.
    "comision_integridad": {
        "name": "Comisión para la Integridad Pública y Transparencia",
        "branch": "executive",
    },
    "defensoria_penal": {"name": "Defensoría Penal Pública", "branch": "executive"},
    "minjusticia": {"name": "Ministerio de Justicia", "branch": "executive"},
    # State: other branches and autonomous bodies
    "poder_judicial": {"name": "Poder Judicial", "branch": "judicial"},
    "congreso": {"name": "Congreso Nacional", "branch": "legislative"},
    "contraloria": {"name": "Contraloría General de la República", "branch": "autonomous"},
    "cplt": {"name": "Consejo para la Transparencia", "branch": "autonomous"},
    # Local governments (commitment 15 of the 3rd plan)
    "muni_vitacura": {"name": "Municipalidad de Vitacura", "branch": "local"},
    "muni_pirque": {"name": "Municipalidad de Pirque", "branch": "local"},
    "muni_talagante": {"name": "Municipalidad de Talagante", "branch": "local"},
    "muni_cerro_navia": {"name": "Municipalidad de Cerro Navia", "branch": "local"},
    "muni_santo_domingo": {"name": "Municipalidad de Santo Domingo", "branch": "local"},
    "muni_providencia": {"name": "Municipalidad de Providencia", "branch": "local"},
    "muni_penalolen": {"name": "Municipalidad de Peñalolén", "branch": "local"},
    "muni_recoleta": {"name": "Municipalidad de Recoleta", "branch": "local"},
    # Civil society and academia
    "osc_mesa_ogp": {
        "name": "Organizaciones de la Sociedad Civil en la Mesa de Trabajo de OGP en Chile",
        "branch": "civil_society",
    },
    "ciudadano_inteligente": {"name": "Fundación Ciudadano Inteligente", "branch": "civil_society"},
    "chile_transparente": {"name": "Chile Transparente", "branch": "civil_society"},
    "cosoc_dpp": {
        "name": "Consejo de la Sociedad Civil de la Defensoría Penal Pública",
        "branch": "civil_society",
    },
    "datos_protegidos": {"name": "Fundación Datos Protegidos", "branch": "civil_society"},
    "derechos_digitales": {"name": "Derechos Digitales", "branch": "civil_society"},
    # The roadmap says "Red de Sociedad Civil" and "Red de Academia"; its report gives the full names.
    "red_sociedad_civil": {
        "name": "Red de Organizaciones de la Sociedad Civil de Gobierno Abierto",
        "branch": "civil_society",
    },
    "red_academica": {"name": "Red Académica de Gobierno Abierto", "branch": "academia"},
    # A network of public bodies of several branches: no single branch fits.
    "red_lenguaje_claro": {"name": "Red de Lenguaje Claro", "branch": "unknown"},
}

LOCAL_PILOT_MUNICIPALITIES = [
    "muni_vitacura",
    "muni_pirque",
    "muni_talagante",
    "muni_cerro_navia",
    "muni_santo_domingo",
    "muni_providencia",
    "muni_penalolen",
    "muni_recoleta",
]
