"""Co-creation tables in the read API and the bulk export: published tables only (a draft never appears, nor
its participants or proposals), with theme, date, place or link, facilitation, participants by sector, the
published proposals discussed, the draft commitment text and the commitment adopted; every list page in a
constant number of queries."""

import csv
import datetime
import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from abierto.cocreation import services
from abierto.cocreation.models import CoCreationTable
from abierto.cocreation.testing import make_process, make_proposal, make_table
from abierto.opendata import export
from abierto.opendata.testing import assert_rows_match_openapi

pytestmark = pytest.mark.django_db
NAMES = ["cocreation-tables", "cocreation-table-participation", "cocreation-table-proposals"]
START = datetime.date(2026, 3, 1)


@pytest.fixture
def process(make_plan):
    return make_process(make_plan(number=5, start=2020, end=2022), template="fifth", start=START, slug="quinto-plan")


@pytest.fixture
def tables(process, participant, make_commitment):
    air = make_proposal(process, participant, title="Datos abiertos de calidad del aire")
    offensive = make_proposal(process, participant, title="Título ofensivo")
    draft_proposal = make_proposal(process, participant, title="Borrador de propuesta", published=False)
    commitment = make_commitment(process.plan, code="CL0101", title="Aire limpio y abierto")
    published = make_table(
        process,
        title="Mesa de medioambiente",
        theme=process.themes.get(slug="medioambiente"),
        starts_at=datetime.time(10, 0),
        ends_at=datetime.time(13, 30),
        facilitator="Laboratorio de Gobierno",
        region="XIV",
        commune="Valdivia",
        summary="Se discutió la red de monitoreo.",
        participation={"civil_society": 12, "public": 6, "academia": 2},
        proposals=[air, offensive, draft_proposal],
        draft_title="Datos abiertos de calidad del aire en todas las comunas",
        draft_problem="No hay datos comparables.",
        draft_objective="Publicar las mediciones.",
        draft_description="Un portal con las mediciones.",
        draft_milestones="Diagnóstico\nPortal",
        commitment=commitment,
    )
    published.discussed.filter(proposal=air).update(note="Se fusionó con la propuesta de datos de agua.")
    online = make_table(
        process,
        title="Mesa en línea",
        held_on=datetime.date(2026, 3, 25),
        place="",
        online_url="https://meet.example.org/m",
    )
    draft = make_table(
        process,
        title="Mesa en preparación",
        published=False,
        participation={"citizens": 9},
        proposals=[air],
        draft_title="Texto secreto",
    )
    return {
        "published": published,
        "online": online,
        "draft": draft,
        "air": air,
        "offensive": offensive,
        "draft_proposal": draft_proposal,
        "commitment": commitment,
    }


def _results(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_a_published_table_reads_with_everything_its_page_shows(client, process, tables):
    table = tables["published"]
    row = client.get(f"/api/v1/cocreation-tables/{table.pk}/").json()
    assert (row["process"], row["theme"], row["title"]) == ("quinto-plan", "medioambiente", "Mesa de medioambiente")
    assert (row["held_on"], row["starts_at"], row["ends_at"]) == ("2026-03-20", "10:00", "13:30")
    assert (row["place"], row["online_url"], row["region"], row["commune"]) == (
        "Biblioteca Nacional",
        None,
        "XIV",
        "Valdivia",
    )
    assert row["facilitator"] == "Laboratorio de Gobierno" and row["summary"] == "Se discutió la red de monitoreo."
    assert row["participants"] == 20
    assert row["proposals"] == sorted([str(tables["air"].pk), str(tables["offensive"].pk)])
    assert row["draft_title"] == "Datos abiertos de calidad del aire en todas las comunas"
    assert (row["draft_problem"], row["draft_objective"]) == ("No hay datos comparables.", "Publicar las mediciones.")
    assert row["draft_milestones"] == "Diagnóstico\nPortal"
    assert (row["commitment"], row["commitment_code"]) == (tables["commitment"].pk, "CL0101")
    assert row["published_at"] and row["html_url"] == f"/cocreacion/quinto-plan/mesas/{table.pk}/"
    online = client.get(f"/api/v1/cocreation-tables/{tables['online'].pk}/").json()
    assert (online["place"], online["online_url"], online["participants"]) == (None, "https://meet.example.org/m", None)


def test_a_draft_table_never_appears_nor_its_participants_or_proposals(client, tables):
    draft = tables["draft"]
    assert draft.pk not in [r["id"] for r in _results(client, "/api/v1/cocreation-tables/")]
    assert client.get(f"/api/v1/cocreation-tables/{draft.pk}/").status_code == 404
    assert _results(client, f"/api/v1/cocreation-table-participation/?table={draft.pk}") == []
    assert _results(client, f"/api/v1/cocreation-table-proposals/?table={draft.pk}") == []
    bodies = "".join(client.get(f"/api/v1/{name}/").content.decode() for name in NAMES)
    assert "Texto secreto" not in bodies and "citizens" not in bodies


def test_participants_are_counted_by_sector(client, tables):
    table = tables["published"]
    rows = _results(client, f"/api/v1/cocreation-table-participation/?table={table.pk}")
    assert {r["sector"]: r["count"] for r in rows} == {"civil_society": 12, "public": 6, "academia": 2}
    assert rows[0]["html_url"] == f"/cocreacion/quinto-plan/mesas/{table.pk}/"
    assert [r["count"] for r in _results(client, "/api/v1/cocreation-table-participation/?sector=academia")] == [2]
    assert len(_results(client, "/api/v1/cocreation-table-participation/?process=quinto-plan")) == 3
    assert _results(client, "/api/v1/cocreation-table-participation/?process=otro") == []


def test_discussed_proposals_are_the_published_ones_a_hidden_one_without_its_title(client, tables, secretariat):
    services.hide(actor=secretariat, proposal=tables["offensive"], reason="Lenguaje ofensivo")
    rows = _results(client, f"/api/v1/cocreation-table-proposals/?table={tables['published'].pk}")
    assert {r["proposal"]: (r["proposal_title"], r["note"]) for r in rows} == {
        tables["air"].pk: ("Datos abiertos de calidad del aire", "Se fusionó con la propuesta de datos de agua."),
        tables["offensive"].pk: (None, None),
    }
    assert tables["draft_proposal"].pk not in [r["proposal"] for r in rows]
    assert "Borrador de propuesta" not in client.get("/api/v1/cocreation-table-proposals/").content.decode()
    assert [
        r["table"] for r in _results(client, f"/api/v1/cocreation-table-proposals/?proposal={tables['air'].pk}")
    ] == [tables["published"].pk]


def test_filters_narrow_the_tables(client, process, tables, make_plan):
    other = make_process(make_plan(number=6, start=2023, end=2027), template="sixth", start=START, slug="sexto-plan")
    make_table(other, title="Mesa del sexto plan", region="V")

    def titles(query: str) -> list[str]:
        return [r["title"] for r in _results(client, f"/api/v1/cocreation-tables/?{query}")]

    assert titles("process=sexto-plan") == ["Mesa del sexto plan"]
    assert titles("plan=6") == ["Mesa del sexto plan"]
    assert titles("region=V") == ["Mesa del sexto plan"]
    assert titles("theme=medioambiente") == ["Mesa de medioambiente"]
    assert titles(f"commitment={tables['commitment'].pk}") == ["Mesa de medioambiente"]
    assert titles("process=quinto-plan&date_from=2026-03-21") == ["Mesa en línea"]
    assert titles("process=quinto-plan&date_to=2026-03-20") == ["Mesa de medioambiente"]
    response = client.get("/api/v1/cocreation-tables/?date_from=ayer")
    assert response.status_code == 400 and "date_from" in response.json()["error"]["details"]


def test_publishing_a_draft_table_makes_it_appear(client, tables, secretariat):
    services.publish_table(table=tables["draft"], actor=secretariat)
    assert tables["draft"].pk in [r["id"] for r in _results(client, "/api/v1/cocreation-tables/")]
    assert [
        r["count"] for r in _results(client, f"/api/v1/cocreation-table-participation/?table={tables['draft'].pk}")
    ] == [9]


def test_list_pages_take_the_same_queries_for_3_or_30_rows(client, process, participant):
    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def add(n: int) -> None:
        for i in range(n):
            proposals = [make_proposal(process, participant, title=f"Propuesta {i} de {n} {j}") for j in range(2)]
            make_table(
                process,
                title=f"Mesa {i} de {n}",
                theme=process.themes.first(),
                participation={"academia": i + 1, "public": 2},
                proposals=proposals,
            )

    urls = [f"/api/v1/{name}/" for name in NAMES]
    add(3)
    few = {url: count(url) for url in urls}
    add(27)
    assert len(_results(client, "/api/v1/cocreation-tables/")) == 30
    assert {url: count(url) for url in urls} == few
    assert max(few.values()) <= 4


def test_every_table_row_matches_its_openapi_schema(client, tables):
    assert assert_rows_match_openapi(client, NAMES) == 2 + 3 + 2


def test_the_export_and_its_data_package_carry_the_tables(tables, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with export.build().file.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    for name in NAMES:
        assert {f"csv/{name}.csv", f"json/{name}.json"} <= set(archive.namelist()), name
    package = json.loads(archive.read("datapackage.json"))
    described = {r["name"]: r for r in package["resources"] if r["name"] in NAMES}
    assert {name: r["count"] for name, r in described.items()} == {
        "cocreation-tables": 2,
        "cocreation-table-participation": 3,
        "cocreation-table-proposals": 2,
    }
    fields = {f["name"]: f for f in described["cocreation-tables"]["schema"]["fields"]}
    assert fields["draft_title"]["description_en"] == "Title of the commitment the table proposed."
    rows = json.loads(archive.read("json/cocreation-tables.json"))
    assert {r["title"] for r in rows} == {"Mesa de medioambiente", "Mesa en línea"}
    assert CoCreationTable.objects.count() == 3


def test_the_tables_stream_as_csv(client, tables):
    for name in NAMES:
        response = client.get(f"/datos-abiertos/{name}.csv")
        assert response.status_code == 200 and response.streaming, name
    response = client.get("/datos-abiertos/cocreation-tables.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    assert [(row["title"], row["participants"]) for row in rows] == [
        ("Mesa de medioambiente", "20"),
        ("Mesa en línea", ""),
    ]
