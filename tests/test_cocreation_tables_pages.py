"""The public pages of the co-creation tables: the list of a process, and a table's page with its participants
by sector (bars with their numbers and the table behind them), the proposals it discussed and the draft
commitment text. Each page makes the same number of queries for 3 tables or 30."""

import datetime
import re

import pytest
import time_machine
from django.core.cache import cache

from abierto.cocreation.models import CoCreationTable
from abierto.cocreation.testing import make_process, make_proposal, make_table

START = datetime.date(2026, 3, 1)
TODAY = datetime.datetime(2026, 4, 2, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    cache.clear()
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def process(make_plan):
    return make_process(make_plan(number=5, start=2020, end=2022), template="fifth", start=START, days=10)


def _cells(html: str, caption: str) -> list[list[str]]:
    """The rows of the table with ``caption``, as lists of cell texts."""
    table = re.search(r"<caption>" + re.escape(caption) + r"</caption>(.*?)</table>", html, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    return [
        [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)]
        for r in rows
    ]


def test_the_public_list_shows_published_tables_by_date(client, process):
    make_table(process, title="Mesa de género", held_on=datetime.date(2026, 9, 9), participation={"academia": 4})
    make_table(
        process,
        title="Mesa de medioambiente",
        held_on=datetime.date(2026, 9, 2),
        online_url="https://meet.example.org/m",
    )
    make_table(process, title="Mesa en preparación", published=False)
    html = client.get("/cocreacion/5/mesas/").content.decode()
    assert "Mesa en preparación" not in html
    assert html.index("Mesa de medioambiente") < html.index("Mesa de género")
    rows = _cells(html, "2 mesas de cocreación")
    assert rows[0] == ["Fecha", "Mesa", "Tema", "Lugar", "Participantes", "Propuestas discutidas", "Compromiso"]
    assert rows[1][1] == "Mesa de medioambiente" and rows[1][4] == "sin dato"  # nobody counted: not zero
    assert rows[2][1] == "Mesa de género" and rows[2][4] == "4"


def test_a_table_page_shows_participants_proposals_and_the_draft_text(client, process, participant, make_commitment):
    proposal = make_proposal(process, participant, title="Datos abiertos de calidad del aire")
    commitment = make_commitment(process.plan, code="CL0101", title="Aire limpio y abierto")
    table = make_table(
        process,
        title="Mesa de medioambiente",
        theme=process.themes.get(slug="medioambiente"),
        facilitator="Laboratorio de Gobierno",
        region="XIV",
        commune="Valdivia",
        participation={"civil_society": 12, "public": 6, "academia": 2},
        proposals=[proposal],
        draft_title="Datos abiertos de calidad del aire en todas las comunas",
        draft_problem="No hay datos **comparables**.",
        draft_objective="Publicar las mediciones.",
        draft_milestones="Diagnóstico\nPortal",
        commitment=commitment,
    )
    table.discussed.update(note="Se fusionó con la propuesta de datos de agua.")
    html = client.get(f"/cocreacion/5/mesas/{table.pk}/").content.decode()
    assert "Laboratorio de Gobierno" in html and "Valdivia, Los Ríos" in html
    rows = _cells(html, "Participantes por sector")
    assert rows[1:] == [["Sociedad civil", "12", "60 %"], ["Academia", "2", "10 %"], ["Sector público", "6", "30 %"]]
    assert "Total: 20 personas." in html
    assert 'style="width: 100.0%"' in html and 'style="width: 50.0%"' in html  # bars scaled to the largest
    assert f'href="/cocreacion/5/propuestas/{proposal.pk}/"' in html
    assert "Se fusionó con la propuesta de datos de agua." in html
    assert "Datos abiertos de calidad del aire en todas las comunas" in html
    assert "<strong>comparables</strong>" in html
    assert "/planes/5/compromisos/CL0101/" in html
    assert "Resultados publicados el" in html


def test_a_table_without_counts_says_so_instead_of_zero(client, process):
    table = make_table(process, online_url="https://meet.example.org/m", place="")
    html = client.get(f"/cocreacion/5/mesas/{table.pk}/").content.decode()
    assert "Sin dato de participantes." in html
    assert "https://meet.example.org/m" in html
    assert "La mesa aún no publica el texto de su compromiso." in html


def test_the_process_navigation_links_tables_and_workshops(client, process):
    html = client.get("/cocreacion/5/").content.decode()
    assert 'href="/cocreacion/5/mesas/"' in html and 'href="/cocreacion/5/talleres/"' in html


def _tables(process, n, participant):
    proposals = [make_proposal(process, participant, title=f"Propuesta {i}") for i in range(3)]
    for i in range(n):
        make_table(
            process,
            title=f"Mesa {i}",
            theme=process.themes.first(),
            participation={"civil_society": 3, "academia": 1},
            proposals=proposals,
        )


@pytest.mark.parametrize("persona", ["anonymous", "secretariat"])
def test_the_list_makes_the_same_queries_for_3_tables_or_30(
    client, process, personas, participant, persona, django_assert_num_queries, django_assert_max_num_queries
):
    if persona != "anonymous":
        client.force_login(personas[persona])
    _tables(process, 3, participant)
    client.get("/cocreacion/5/mesas/")  # warm the session and the cache of roles
    cache.clear()
    with django_assert_max_num_queries(12) as few:
        client.get("/cocreacion/5/mesas/")
    _tables(process, 27, participant)
    cache.clear()
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get("/cocreacion/5/mesas/")
    assert response.content.decode().count("/cocreacion/5/mesas/") >= 30
    assert CoCreationTable.objects.count() == 30


def test_a_table_page_makes_the_same_queries_for_3_proposals_or_30(
    client, process, participant, django_assert_max_num_queries
):
    few = make_table(
        process,
        participation={"civil_society": 3},
        proposals=[make_proposal(process, participant, title=f"Propuesta {i}") for i in range(3)],
    )
    many = make_table(
        process,
        participation={"civil_society": 3, "academia": 2, "other": 1},
        proposals=[make_proposal(process, participant, title=f"Otra propuesta {i}") for i in range(30)],
    )
    with django_assert_max_num_queries(10) as counted:
        client.get(f"/cocreacion/5/mesas/{few.pk}/")
    cache.clear()
    with django_assert_max_num_queries(len(counted.captured_queries)):
        html = client.get(f"/cocreacion/5/mesas/{many.pk}/").content.decode()
    assert len(re.findall(r'href="/cocreacion/5/propuestas/\d+/"', html)) == 30
