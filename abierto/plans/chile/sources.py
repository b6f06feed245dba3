"""The source documents, named in words (they are cited in the ``source`` fields)."""

ROADMAP_REPORT = "Estado Abierto Chile: estado de avance de la Hoja de Ruta de Estado Abierto (diciembre de 2023)"
COCREATION_2020 = "Presentación «Proceso de cocreación: camino al quinto Plan de Acción» (2020)"
OGP_COMMITMENTS_PAGE = "OGP, página de compromisos de Chile"
OGP_CL0050_PAGE = "OGP, página del compromiso CL0050"
IRM_END_OF_TERM_2016_2018 = "Informe de fin de término del IRM, Chile 2016-2018"
TEMPLATE_COMMITMENT_15 = "Plantilla de cumplimiento del compromiso 15 (3er Plan)"
