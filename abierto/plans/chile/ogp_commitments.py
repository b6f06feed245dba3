# ruff: noqa: E501
"""Chile's 62 commitments as OGP lists them (CL0001–CL0062): OGP id, year, policy area, English title.

Titles are OGP's, as published (three begin with "Starred commitment ", OGP's mark for a starred
commitment; the loader strips it and records the mark). One web artefact is cleaned: in CL0057 a
non-breaking space doubled the space before "Link".
"""

STARRED_PREFIX = "Starred commitment "

# The year of the OGP action plan cycle gives the national plan.
PLAN_NUMBER_BY_YEAR = {2012: 1, 2014: 2, 2016: 3, 2018: 4}

# OGP's policy areas and a faithful Spanish rendering of each.
POLICY_AREAS = {
    "Asset Disclosure": "Declaración de patrimonio",
    "Audits and Controls": "Auditorías y controles",
    "Beneficial Ownership": "Beneficiarios finales",
    "Capacity Building": "Fortalecimiento de capacidades",
    "Citizenship and Immigration": "Ciudadanía e inmigración",
    "Conflicts of Interest": "Conflictos de interés",
    "E-Government": "Gobierno electrónico",
    "Environment and Climate": "Medio ambiente y clima",
    "Legislation & Regulation": "Legislación y regulación",
    "Legislature": "Poder Legislativo",
    "OGP": "Alianza para el Gobierno Abierto (OGP)",
    "Open Data": "Datos abiertos",
    "Public Participation": "Participación pública",
    "Records Management": "Gestión de archivos",
}

# (OGP id, year, policy area, English title as OGP publishes it)
OGP_COMMITMENTS = [
    ("CL0001", 2012, "E-Government", "Chileatiende"),
    ("CL0002", 2012, "E-Government", "Interoperability Framework"),
    ("CL0003", 2012, "E-Government", "Open Government Portal"),
    ("CL0004", 2012, "E-Government", "Digital Identity"),
    ("CL0005", 2012, "Legislation & Regulation", "Perfecting the Law on Access to Public Information"),
    ("CL0006", 2012, "Legislation & Regulation", "Draft Law on Political Parties"),
    ("CL0007", 2012, "Legislation & Regulation", "Promotion of the Model Law of the Organization of American States"),
    ("CL0008", 2012, "Asset Disclosure", "Bill Probity in Public"),
    (
        "CL0009",
        2012,
        "Public Participation",
        "Governing Board, Legislative and Civil Society Organizations to Promote Transparency",
    ),
    ("CL0010", 2012, "E-Government", "Transparency Portal"),
    ("CL0011", 2012, "Records Management", "National Archives Policy"),
    ("CL0012", 2012, "Conflicts of Interest", "Letter of Commitment from Public Officials"),
    (
        "CL0013",
        2012,
        "Asset Disclosure",
        "Relevant to the Declaration of Assets and Interests Actions: Relevant to the Declaration of Assets and Interests Shares Increase Number Authorities",
    ),
    ("CL0014", 2012, "Asset Disclosure", "Actions Relevant to the Declaration of Assets and Interests: New Form"),
    ("CL0015", 2012, "Conflicts of Interest", "Starred commitment Bill Lobby"),
    ("CL0016", 2012, "Public Participation", "Promoting Citizen Participation"),
    ("CL0017", 2012, "Legislation & Regulation", "Bills on Citizen Participation: Communal Plebiscites"),
    ("CL0018", 2012, "Legislation & Regulation", "Bills on Citizen Participation: Citizens' Initiative"),
    ("CL0019", 2012, "Environment and Climate", "Public Participation in Environmental Matters"),
    (
        "CL0020",
        2014,
        "Capacity Building",
        "Starred commitment Implementation of Model Management Municipal Transparency.",
    ),
    ("CL0021", 2014, "Open Data", "Open Data Strategy and Reuse"),
    ("CL0022", 2014, "Open Data", "National Contest Open Data and Reuse of Public Information Citizen Focus."),
    ("CL0023", 2014, "Capacity Building", "Transparency Portal"),
    (
        "CL0024",
        2014,
        "Records Management",
        "Develop a Model File Management and Document Management, Which Promotes Access to Public Information.",
    ),
    ("CL0025", 2014, "OGP", "Monitoring Process Presidential Commitments"),
    ("CL0026", 2014, "E-Government", "Strengthening of Mechanisms for Citizen Participation (Law 20,500)"),
    (
        "CL0027",
        2014,
        "E-Government",
        "Campaign Improving Procedures and Services Delivered to Citizens (Chile Paperless)",
    ),
    (
        "CL0028",
        2014,
        "Capacity Building",
        "Constitution of the National Council of Citizen Participation and Strengthening Civil Society",
    ),
    ("CL0029", 2014, "Citizenship and Immigration", "Citizen Portal Health Care"),
    ("CL0030", 2014, "Legislation & Regulation", "Implementation and Monitoring of Lobbying Law."),
    ("CL0031", 2014, "Environment and Climate", "Starred commitment Strengthening Environmental Democracy"),
    ("CL0032", 2016, "E-Government", "Energy Sector Watch: Transparent, Accessible and Participatory"),
    ("CL0033", 2016, "Environment and Climate", "Strengthening Environmental Democracy"),
    ("CL0034", 2016, "E-Government", "Georeferencing Complaints and Infringements Requests the Water Code"),
    ("CL0035", 2016, "E-Government", "Codelco Transparency Website"),
    ("CL0036", 2016, "Capacity Building", "Policy Citizenship Education Plan"),
    ("CL0037", 2016, "Capacity Building", "Open Educational Resources Citizenship Education Plan"),
    ("CL0038", 2016, "Capacity Building", "Working Model and Language Course Resources in Public Administration"),
    ("CL0039", 2016, "Capacity Building", "Policy Definition and Implementation of Open Government Data"),
    ("CL0040", 2016, "Audits and Controls", "Open Data and Public Procurement"),
    (
        "CL0041",
        2016,
        "E-Government",
        "Observatories Instrumentosde Implementation of Territorial Planning and Urban Land Market",
    ),
    ("CL0042", 2016, "Capacity Building", "Design and Implementation of DOM Platform Online"),
    ("CL0043", 2016, "Capacity Building", "More Access to Land Information Chile"),
    (
        "CL0044",
        2016,
        "E-Government",
        "Modernization and Transparency of Procurement Systems and Management Control of Public Works",
    ),
    ("CL0045", 2016, "E-Government", "Disponibilización of Económicotributaria Information on the Website"),
    ("CL0046", 2016, "Capacity Building", "Open Government Model Subnational"),
    (
        "CL0047",
        2016,
        "E-Government",
        "Strengthening Participation, Transparency and Decentralization of Trade Negotiations Conducted by Direcon, by Building Networks with Stakeholders at National Level and Implementation of Digital Interactive Platform.",
    ),
    ("CL0048", 2016, "Capacity Building", "Model Management Municipal Transparency 2.0"),
    ("CL0049", 2016, "Capacity Building", "System Integrity in Public Institutions"),
    (
        "CL0050",
        2016,
        "Legislature",
        "Institutionalizing the Alliance for Open Government in Chile by Creating the Executive Secretariat of Open Government for the Design, Implementation and Monitoring of Action Plans",
    ),
    (
        "CL0051",
        2018,
        "Capacity Building",
        "Creation of a National Plan of Civics in Matters of Integrity for Public Officials",
    ),
    ("CL0052", 2018, "Capacity Building", "Training Open Government"),
    ("CL0053", 2018, "Capacity Building", "Open Justice in the Public Defender's Office"),
    ("CL0054", 2018, "E-Government", "Broadening and Deepening the Model Municipal Open Government"),
    ("CL0055", 2018, "Capacity Building", "Capacity Building for Inclusive Care Services"),
    ("CL0056", 2018, "E-Government", "Strategic Plan for the Strengthening of the Public Integrity"),
    (
        "CL0057",
        2018,
        "E-Government",
        "Dissemination and Monitoring Plan in Chile of Sustainable Development Goals And Link with Public Policies",
    ),
    ("CL0058", 2018, "E-Government", "Water Resources Management"),
    (
        "CL0059",
        2018,
        "Capacity Building",
        "Strengthening Civil Society Councils and Other Participatory Mechanisms Citizen in Governance",
    ),
    ("CL0060", 2018, "E-Government", "Open Data Policy and Data Protection"),
    (
        "CL0061",
        2018,
        "Beneficial Ownership",
        "Collaboratively Build a Policy Proposal on Creating a Record of Real Owners (Final Beneficiaries - BF) Business",
    ),
    ("CL0062", 2018, "E-Government", "Implementation of OCDS (Open Contracting Data Standard)"),
]
