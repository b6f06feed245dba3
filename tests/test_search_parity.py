"""The same corpus gives the same hits on SQLite and on PostgreSQL.

CI runs the suite twice (SQLite, then DATABASE_URL=postgres://…); this table of exact hit sets is
asserted on whichever database runs it, so a difference between the two fails one of the runs.
Ranking may differ between the databases; the sets may not.
"""

import pytest
from django.utils.text import slugify

from abierto.institutions.models import Institution
from abierto.plans import services
from abierto.search import selectors

P = "plan"
C = "commitment"
M = "milestone"
I = "institution"  # noqa: E741

PLAN_4 = "4° Plan de Acción de Gobierno Abierto"
PLAN_5 = "5° Plan de Acción de Estado Abierto"
CPLT = "Consejo para la Transparencia"
MINEDUC = "Ministerio de Educación"
PENALOLEN = "Municipalidad de Peñalolén"
BCN = "Biblioteca del Congreso Nacional"
SUBNATIONAL = "Modelo de Gobierno Abierto a nivel subnacional"
PARTICIPATION = "Participación ciudadana en la gestión pública"
EDUCATION_DATA = "Datos abiertos de educación"
ALGORITHMS = "Transparencia algorítmica"
LOBBY = "Ley de lobby y probidad en el Congreso"
DIALOGUES = "Realizar diálogos participativos en cada región"
TRAINING = "Capacitar a funcionarios en participación ciudadana"
CATALOGUE = "Publicar el catálogo de datos de la educación pública"
GUIDE = "Guía para publicar algoritmos públicos"
HEARINGS = "Publicar las audiencias de lobby en datos abiertos"
LOCAL_PLANS = "Municipios implementan planes locales de gobierno abierto"


@pytest.fixture
def corpus(db, chile, make_plan, make_commitment, make_milestone):
    def institution(name, acronym, branch):
        return services.save(
            Institution(name=name, slug=slugify(name), acronym=acronym, branch=branch, government=chile),
            actor=None,
            actor_label="prueba",
        )

    cplt = institution(CPLT, "CPLT", Institution.Branch.AUTONOMOUS)
    mineduc = institution(MINEDUC, "MINEDUC", Institution.Branch.EXECUTIVE)
    penalolen = institution(PENALOLEN, "", Institution.Branch.LOCAL)
    bcn = institution(BCN, "BCN", Institution.Branch.LEGISLATIVE)

    plan_4 = make_plan(
        number=4,
        slug="4",
        title=PLAN_4,
        start=2018,
        end=2020,
        description="Compromisos de transparencia, participación y rendición de cuentas.",
    )
    plan_5 = make_plan(
        number=5,
        slug="5",
        title=PLAN_5,
        start=2023,
        end=2027,
        description="Primer plan que incluye a los poderes Legislativo y Judicial.",
    )

    subnational = make_commitment(
        plan_4,
        code="CL0046",
        title=SUBNATIONAL,
        brief_description="Implementar planes locales en municipios y gobiernos regionales.",
        lead_institution=penalolen,
    )
    participation = make_commitment(
        plan_4,
        code="CL0050",
        title=PARTICIPATION,
        brief_description="Fortalecer los consejos de la sociedad civil y las consultas ciudadanas.",
    )
    education = make_commitment(
        plan_5,
        code="CL0120",
        title=EDUCATION_DATA,
        brief_description="Publicar los datos de matrícula y resultados educativos en formatos abiertos.",
        lead_institution=mineduc,
    )
    algorithms = make_commitment(
        plan_5,
        code="CL0121",
        title=ALGORITHMS,
        brief_description="Registro público de los algoritmos que usan los servicios del Estado.",
        lead_institution=cplt,
    )
    lobby = make_commitment(
        plan_5,
        code="CL0122",
        title=LOBBY,
        brief_description="Publicación de audiencias, viajes y donativos de parlamentarios.",
        lead_institution=bcn,
    )

    make_milestone(participation, description=DIALOGUES, expected_output="Informe de los diálogos")
    make_milestone(participation, description=TRAINING)
    make_milestone(education, description=CATALOGUE)
    make_milestone(algorithms, description=GUIDE)
    make_milestone(lobby, description=HEARINGS)
    make_milestone(subnational, description=LOCAL_PLANS)


PARITY = [
    # Accents, case and word forms: participación / participar / participativos share "particip".
    ("participacion", {(P, PLAN_4), (C, PARTICIPATION), (M, DIALOGUES), (M, TRAINING)}),
    ("PARTICIPAR", {(P, PLAN_4), (C, PARTICIPATION), (M, DIALOGUES), (M, TRAINING)}),
    ("Participación", {(P, PLAN_4), (C, PARTICIPATION), (M, DIALOGUES), (M, TRAINING)}),
    ("TRANSPARENCIA", {(P, PLAN_4), (I, CPLT), (C, ALGORITHMS)}),
    ("datos abiertos", {(C, EDUCATION_DATA), (M, HEARINGS)}),
    ("Dato Abierto", {(C, EDUCATION_DATA), (M, HEARINGS)}),
    # educación / educativos / Educación (an institution's name).
    ("educacion", {(C, EDUCATION_DATA), (M, CATALOGUE), (I, MINEDUC)}),
    # Plural and singular; commitments are found by their plan's title too.
    ("gobiernos", {(P, PLAN_4), (C, SUBNATIONAL), (C, PARTICIPATION), (M, LOCAL_PLANS)}),
    ("municipios locales", {(C, SUBNATIONAL), (M, LOCAL_PLANS)}),
    # publicar / público / publicación all stem to "public"; both words must match.
    ("publicar datos", {(C, EDUCATION_DATA), (M, CATALOGUE), (M, HEARINGS)}),
    ("ciudadanas", {(C, PARTICIPATION), (M, TRAINING)}),
    ("algoritmos", {(C, ALGORITHMS), (M, GUIDE)}),
    ("lobby", {(C, LOBBY), (M, HEARINGS)}),
    # Codes, acronyms, the lead institution's name, a plan's period.
    ("cl0046", {(C, SUBNATIONAL)}),
    ("mineduc", {(I, MINEDUC), (C, EDUCATION_DATA)}),
    ("penalolen", {(I, PENALOLEN), (C, SUBNATIONAL)}),
    ("consejo transparencia", {(I, CPLT), (C, ALGORITHMS)}),
    ("congreso", {(I, BCN), (C, LOBBY)}),
    ("2027", {(P, PLAN_5)}),
    ("judicial", {(P, PLAN_5)}),
    # Nothing, and hostile input: quoted terms only, never query syntax.
    ("astronomía", set()),
    ("de la y", set()),
    ("", set()),
    ('"lobby"', {(C, LOBBY), (M, HEARINGS)}),
    ("lobby OR algoritmos", set()),
    ("lobby*", {(C, LOBBY), (M, HEARINGS)}),
    ('NEAR("datos" abiertos)', set()),
    ("title_stems:lobby", set()),
    ("lobby & !algoritmos", set()),
    ("'; drop table search_searchdocument; --", set()),
]


@pytest.mark.parametrize(("query", "expected"), PARITY, ids=[query or "blank" for query, _ in PARITY])
def test_same_hits_on_every_database(corpus, query, expected):
    results = selectors.search(query, per_page=100)
    assert {(hit.kind, hit.title) for hit in results.hits} == expected
    assert results.total == len(expected)
    assert sum(results.counts.values()) == len(expected)


def test_counts_per_kind(corpus):
    results = selectors.search("participación")
    assert results.counts == {P: 1, C: 1, M: 2, I: 0}
