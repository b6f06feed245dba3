"""Chile's open-government record, transcribed from the official sources the project holds.

The data modules here hold the text of the sources as Python structures (Spanish text as the
sources write it, HTML turned into plain text, list items on their own lines starting with "• ");
``loader.load_chile`` writes them through the audited services. Nothing here is invented: a field
the sources do not fill stays empty.
"""

ACTOR_LABEL = "Carga de datos de Chile (fuentes oficiales)"
