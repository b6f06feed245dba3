"""Search over plans, commitments, milestones and institutions, through /buscar/ as a visitor uses it.

Runs on SQLite and on PostgreSQL (DATABASE_URL); tests/test_search_parity.py pins that both find
the same documents.
"""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils.text import slugify

from abierto.institutions.models import Institution
from abierto.plans import services
from abierto.plans.models import Milestone, PolicyArea
from abierto.search import highlight, normalize, selectors
from abierto.search import services as search_services
from abierto.search.models import SearchDocument

URL = "/buscar/"


@pytest.fixture
def save_institution(db, chile):
    """An institution saved through the services, so that it is indexed like any other write."""

    def make(name, acronym="", branch=Institution.Branch.EXECUTIVE):
        return services.save(
            Institution(name=name, slug=slugify(name)[:120], acronym=acronym, branch=branch, government=chile),
            actor=None,
            actor_label="prueba",
        )

    return make


@pytest.fixture
def plan(make_plan):
    return make_plan(number=5, slug="5", title="5° Plan de Acción de Estado Abierto", start=2023, end=2027)


@pytest.fixture
def corpus(plan, make_commitment, make_milestone, save_institution):
    lead = save_institution("Ministerio Secretaría General de la Presidencia", acronym="SEGPRES")
    participation = make_commitment(
        plan,
        code="CL0101",
        title="Participación ciudadana en el presupuesto",
        brief_description="Mecanismos para que la ciudadanía opine sobre el gasto público.",
        lead_institution=lead,
    )
    make_commitment(
        plan,
        code="CL0102",
        title="Portal de Datos Abiertos de salud",
        brief_description="Publicar los datos de listas de espera en formatos abiertos.",
    )
    make_commitment(
        plan,
        code="CL0103",
        title="Transparencia en compras públicas",
        brief_description="Fortalecer la transparencia de ChileCompra.",
    )
    make_milestone(
        participation,
        code="1",
        description="Invitar a participar a organizaciones de la sociedad civil",
        expected_output="Convocatoria publicada",
    )
    return participation


def titles(response) -> list[str]:
    """The result titles on a search page, without markup, in order."""
    html = response.content.decode()
    found = re.findall(r'<h3><a href="[^"]*">(.*?)</a></h3>', html, flags=re.S)
    return [re.sub(r"<[^>]+>", "", title) for title in found]


def search_titles(client, query, **params):
    response = client.get(URL, {"q": query, **params})
    assert response.status_code == 200
    return titles(response)


# -- The linguistic pipeline


def test_fold_lowercases_and_strips_accents():
    assert normalize.fold("Participación CIUDADANA Ñuñoa") == "participacion ciudadana nunoa"


def test_stop_words_are_not_terms_and_content_words_stay():
    assert normalize.query_terms("de la en los") == []
    assert normalize.query_terms("Estado de Chile") == ["estad", "chil"]


def test_accent_and_verb_forms_share_a_term():
    assert normalize.query_terms("participación") == normalize.query_terms("participar") == ["particip"]
    assert normalize.query_terms("Gobiernos") == normalize.query_terms("gobierno")


def test_query_terms_are_ascii_and_bounded():
    long_query = "palabra " * 100
    assert normalize.query_terms(long_query) == ["palabr"]
    assert normalize.clean_query(long_query) == ("palabra " * 25).strip()
    for term in normalize.query_terms("東京 Ελλάδα straße naïve"):
        assert re.fullmatch(r"[0-9a-z]+", term)


def test_excerpt_is_a_window_around_the_first_match():
    filler = " ".join(f"palabra{n}" for n in range(100))
    text = f"{filler} La Participación ciudadana <importa>. {filler}"
    html = highlight.excerpt(text, normalize.query_terms("participar"))
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>Participación</mark> ciudadana &lt;importa&gt;." in html
    assert len(html) < 600
    # Without a match: the beginning.
    assert highlight.excerpt(text, ["zzz"]).startswith("palabra0 palabra1")
    assert highlight.mark("Datos <abiertos>", ["abiert"]) == "Datos &lt;<mark>abiertos</mark>&gt;"


# -- Finding things


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("participacion", {"Participación ciudadana en el presupuesto", "Invitar a participar a organizaciones"}),
        ("PARTICIPACIÓN", {"Participación ciudadana en el presupuesto", "Invitar a participar a organizaciones"}),
        ("TRANSPARENCIA", {"Transparencia en compras públicas"}),
        ("transparéncia", {"Transparencia en compras públicas"}),
        ("datos abiertos", {"Portal de Datos Abiertos de salud"}),
        ("DATO ABIERTO", {"Portal de Datos Abiertos de salud"}),
        ("cl0102", {"Portal de Datos Abiertos de salud"}),
        ("segpres", {"Participación ciudadana en el presupuesto", "Ministerio Secretaría General de la Presidencia"}),
    ],
)
def test_accents_case_and_word_forms_do_not_matter(client, corpus, query, expected):
    found = search_titles(client, query)
    for title in expected:
        assert any(found_title.startswith(title) for found_title in found), (query, found)
    assert len(found) == len(expected), (query, found)


def test_every_word_must_match(client, corpus):
    assert search_titles(client, "datos salud") == ["Portal de Datos Abiertos de salud"]
    assert search_titles(client, "datos presupuesto") == []
    # Stop words do not count as words to match.
    assert search_titles(client, "los datos de la salud") == ["Portal de Datos Abiertos de salud"]


def test_matches_in_the_body_and_in_related_records(client, corpus):
    # The brief description, and the plan a commitment belongs to.
    assert search_titles(client, "listas espera") == ["Portal de Datos Abiertos de salud"]
    assert "Transparencia en compras públicas" in search_titles(client, "estado abierto transparencia")


def test_result_shows_kind_subtitle_link_and_marked_excerpt(client, corpus):
    response = client.get(URL, {"q": "participación"})
    html = response.content.decode()
    assert '<a href="/planes/5/compromisos/CL0101/"><mark>Participación</mark> ciudadana en el presupuesto</a>' in html
    milestone = Milestone.objects.get(commitment=corpus)
    assert f'href="/planes/5/compromisos/CL0101/#hito-{milestone.pk}"' in html
    assert "CL0101 · Participación ciudadana en el presupuesto" in html  # the milestone's commitment
    assert "<mark>participar</mark>" in html
    assert ">Compromiso<" in html
    assert ">Hito<" in html


def test_title_and_excerpt_are_escaped(client, plan, make_commitment):
    make_commitment(
        plan,
        code="CL0200",
        title="Registro <script>alert(1)</script> de lobby",
        brief_description="Publicar <b>audiencias</b> & donativos.",
    )
    html = client.get(URL, {"q": "lobby audiencias"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>audiencias</mark>" not in html or "&lt;b&gt;" in html
    assert "&lt;b&gt;<mark>audiencias</mark>&lt;/b&gt; &amp; donativos" in html


def test_nothing_found_explains_and_suggests(client, corpus):
    response = client.get(URL, {"q": "astronáutica"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "No encontramos resultados para «astronáutica»" in html
    assert "Revise la ortografía" in html
    assert "Use menos palabras" in html


@pytest.mark.parametrize("query", ["", "   ", "de la", "y o u"])
def test_blank_or_stop_word_query_has_no_results_and_no_error(client, corpus, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert titles(response) == []


def test_page_without_query_parameter(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Buscar" in html
    assert '<label for="q">' in html


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "*",
        "datos*",
        "OR",
        "datos OR salud",
        "NEAR(",
        "NEAR(datos salud)",
        "'; drop table search_searchdocument; --",
        "title_stems:datos",
        "^datos",
        "datos AND NOT salud",
        "(datos",
        "datos & !salud | <->",
        "\\",
        "%s %% {}",
        "x" * 500,
        "participación " * 60,
    ],
)
def test_hostile_input_is_harmless(client, corpus, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert SearchDocument.objects.count() == 6


def test_a_nul_character_is_refused_with_a_reason_and_changes_nothing(client, corpus):
    response = client.get(URL, {"q": "datos\x00"})
    assert response.status_code == 400
    assert "carácter nulo" in response.content.decode()
    assert SearchDocument.objects.count() == 6


def test_long_query_is_truncated_not_refused(client, corpus):
    query = "participación " + "x" * 490
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert response.context["query"] == query[:200]
    assert "Participación ciudadana en el presupuesto" in titles(response)


# -- Kinds and pages


def test_counts_per_kind_and_kind_filter(client, corpus):
    response = client.get(URL, {"q": "participar"})
    html = response.content.decode()
    assert "Compromisos (1)" in html
    assert "Hitos (1)" in html
    assert "Todos (2)" in html
    assert "Instituciones (0)" in html
    assert 'href="/buscar/?q=participar&amp;tipo=hitos"' in html

    filtered = client.get(URL, {"q": "participar", "tipo": "hitos"})
    assert titles(filtered) == ["Invitar a participar a organizaciones de la sociedad civil"]
    # Counts still cover every kind, and the current filter is marked.
    assert "Compromisos (1)" in filtered.content.decode()
    assert 'aria-current="page">Hitos (1)</a>' in filtered.content.decode()

    assert titles(client.get(URL, {"q": "participar", "tipo": "planes"})) == []
    # An unknown kind searches everything.
    assert len(titles(client.get(URL, {"q": "participar", "tipo": "otra-cosa"}))) == 2


def test_pagination(client, plan, make_commitment, make_milestone):
    commitment = make_commitment(plan, code="CL0300", title="Formación de funcionarios")
    for number in range(1, 26):
        make_milestone(commitment, code=f"{number}", description=f"Taller de capacitación número {number:02d}")
    first = client.get(URL, {"q": "capacitaciones", "tipo": "hitos"})
    html = first.content.decode()
    assert len(titles(first)) == 20
    assert "Hitos (25)" in html
    assert "Página 1 de 2" in html
    assert 'rel="next"' in html and 'rel="prev"' not in html
    assert 'href="/buscar/?q=capacitaciones&amp;tipo=hitos&amp;pagina=2" rel="next"' in html

    second = client.get(URL, {"q": "capacitaciones", "tipo": "hitos", "pagina": "2"})
    assert len(titles(second)) == 5
    assert 'rel="prev"' in second.content.decode()
    assert not set(titles(first)) & set(titles(second))

    # Out of range or nonsense page numbers are forgiven.
    assert titles(client.get(URL, {"q": "capacitaciones", "tipo": "hitos", "pagina": "99"})) == titles(second)
    assert titles(client.get(URL, {"q": "capacitaciones", "tipo": "hitos", "pagina": "abc"})) == titles(first)
    assert titles(client.get(URL, {"q": "capacitaciones", "tipo": "hitos", "pagina": "-3"})) == titles(first)


def test_equal_ranks_are_ordered_by_title(client, plan, make_commitment, make_milestone):
    commitment = make_commitment(plan, code="CL0301", title="Formación")
    for description in ["Curso Charlie", "Curso Alfa", "Curso Bravo"]:
        make_milestone(commitment, description=description)
    assert search_titles(client, "curso") == ["Curso Alfa", "Curso Bravo", "Curso Charlie"]


def test_query_count_is_constant(client, django_assert_max_num_queries, plan, make_commitment, make_milestone):
    commitment = make_commitment(plan, code="CL0400", title="Gobierno digital")
    for number in range(30):
        make_milestone(commitment, description=f"Trámite digital número {number}")
    with django_assert_max_num_queries(6):
        response = client.get(URL, {"q": "digital"})
    assert len(titles(response)) == 20
    with django_assert_max_num_queries(6):
        client.get(URL, {"q": "digital", "tipo": "hitos", "pagina": "2"})
    with django_assert_max_num_queries(6):
        client.get(URL, {"q": "nada parecido"})


def test_selector_reports_totals(corpus):
    results = selectors.search("participar")
    assert results.total == 2
    assert results.counts == {"plan": 0, "commitment": 1, "milestone": 1, "institution": 0}
    only = selectors.search("participar", kind="milestone")
    assert only.total == 1 and [hit.kind for hit in only.hits] == ["milestone"]
    assert selectors.search("").total == 0


# -- The index follows the registry


def test_index_follows_create_rename_and_delete(client, plan, make_commitment, make_milestone):
    assert search_titles(client, "humedales") == []
    commitment = make_commitment(plan, code="CL0500", title="Protección de humedales urbanos")
    milestone = make_milestone(commitment, description="Catastro de humedales")
    assert set(search_titles(client, "humedal")) == {"Protección de humedales urbanos", "Catastro de humedales"}

    commitment.title = "Protección de glaciares"
    commitment.code = "CL0501"
    commitment.ogp_id = "CL0501"
    services.save(commitment, actor=None, actor_label="prueba")
    assert search_titles(client, "humedales") == ["Catastro de humedales"]
    assert search_titles(client, "glaciares") == ["Protección de glaciares"]
    # The milestone's document shows its commitment's new code, title and address.
    document = SearchDocument.objects.get(kind="milestone", object_id=milestone.pk)
    assert document.subtitle == "CL0501 · Protección de glaciares"
    assert document.url == f"/planes/5/compromisos/CL0501/#hito-{milestone.pk}"

    services.delete(commitment, actor=None, actor_label="prueba")
    assert search_titles(client, "glaciares") == []
    assert search_titles(client, "humedales") == []
    assert not SearchDocument.objects.filter(kind__in=["commitment", "milestone"]).exists()


def test_milestone_edits_are_indexed(client, corpus):
    milestone = Milestone.objects.get(commitment=corpus)
    milestone.progress_description = "Se realizaron cabildos regionales"
    services.save(milestone, actor=None, actor_label="prueba")
    assert search_titles(client, "cabildo") == ["Invitar a participar a organizaciones de la sociedad civil"]


def test_plan_rename_and_delete(client, plan, make_commitment, make_milestone):
    commitment = make_commitment(plan, code="CL0600", title="Justicia abierta")
    make_milestone(commitment, description="Publicar sentencias")
    plan.title = "Plan de Estado Abierto bicentenario"
    services.save(plan, actor=None, actor_label="prueba")
    # Commitments are found by their plan's title.
    assert set(search_titles(client, "bicentenario")) == {"Plan de Estado Abierto bicentenario", "Justicia abierta"}

    services.delete(plan, actor=None, actor_label="prueba")
    assert SearchDocument.objects.count() == 0


def test_institution_rename_reaches_the_commitments_it_leads(client, plan, make_commitment, save_institution):
    institution = save_institution("Servicio de Salud Metropolitano")
    make_commitment(plan, code="CL0700", title="Listas de espera", lead_institution=institution)
    assert set(search_titles(client, "metropolitano")) == {"Servicio de Salud Metropolitano", "Listas de espera"}
    institution.name = "Servicio de Salud Oriente"
    services.save(institution, actor=None, actor_label="prueba")
    assert set(search_titles(client, "oriente")) == {"Servicio de Salud Oriente", "Listas de espera"}
    assert search_titles(client, "metropolitano") == []


def test_policy_areas_are_searchable(client, plan, make_commitment):
    commitment = make_commitment(plan, code="CL0800", title="Agenda de probidad")
    area = PolicyArea.objects.create(name="Anti-Corruption", name_es="Anticorrupción", slug="anti-corruption")
    services.set_related(commitment, "policy_areas", [area], actor=None, actor_label="prueba")
    assert search_titles(client, "anticorrupcion") == ["Agenda de probidad"]


def test_rebuild_recreates_the_same_index(client, corpus):
    def snapshot():
        return sorted(
            SearchDocument.objects.values_list("kind", "object_id", "title", "subtitle", "url", "title_stems")
        )

    before = snapshot()
    SearchDocument.objects.all().delete()
    assert search_titles(client, "participar") == []
    assert search_services.rebuild() == len(before)
    assert snapshot() == before
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == before
    assert len(search_titles(client, "participar")) == 2


def test_full_text_structure_exists(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'search_searchdocument'"
            )
            # A migration that remakes the table drops these: recreate them in that migration.
            assert {row[0] for row in cursor.fetchall()} == {
                "search_fts_after_insert",
                "search_fts_after_update",
                "search_fts_after_delete",
            }
        else:
            cursor.execute(
                "SELECT data_type FROM information_schema.columns "
                "WHERE table_name = 'search_searchdocument' AND column_name = 'search_vector'"
            )
            assert cursor.fetchone() == ("tsvector",)
