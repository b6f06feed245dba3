"""The read API: every public resource as JSON, paged by cursor, filtered, revalidated by ETag, open to CORS."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from abierto.monitoring.models import ProgressReport
from abierto.opendata.resources import REGISTRY
from abierto.plans import services
from abierto.plans.models import Milestone

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(make_plan):
    return make_plan(number=5, start=2020, end=2022)


@pytest.fixture
def commitments(plan, make_commitment, make_milestone, lead_institution):
    rows = []
    for n in range(5):
        commitment = make_commitment(plan, code=f"C{n}", title=f"Compromiso {n}", lead_institution=lead_institution)
        make_milestone(commitment, description=f"Hito {n}", status=Milestone.Status.COMPLETED, progress=100)
        rows.append(commitment)
    return rows


def test_the_root_lists_every_resource_with_its_address(client):
    data = client.get("/api/v1/").json()
    assert [item["name"] for item in data["resources"]] == list(REGISTRY)
    assert data["openapi"] == "http://testserver/api/v1/openapi.json"
    assert data["license"] == "CC-BY-4.0"


def test_a_commitment_reads_as_the_page_shows_it(client, commitments, lead_institution):
    first = commitments[0]
    data = client.get(f"/api/v1/commitments/{first.pk}/").json()
    assert data["id"] == first.pk
    assert data["plan"] == "5"
    assert data["code"] == "C0"
    assert data["title"] == "Compromiso 0"
    assert data["lead_institution"] == lead_institution.slug
    assert data["progress_computed"] == 100.0
    assert data["supporting_institutions"] == []
    assert data["html_url"] == "/planes/5/compromisos/C0/"
    assert data["description"] is None  # blank text is null, never ""


def test_the_cursor_walks_every_row_once_even_when_rows_are_added(client, commitments, plan, make_commitment):
    seen = []
    url = "/api/v1/commitments/?limit=2"
    pages = 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        body = response.json()
        seen += [row["code"] for row in body["results"]]
        url = body["next"]
        if pages == 0:
            make_commitment(plan, code="C9", title="Agregado mientras se lee")
            assert response["Link"] == f'<{body["next"]}>; rel="next"'
        pages += 1
    assert seen == ["C0", "C1", "C2", "C3", "C4", "C9"]
    assert pages == 3


def test_filters_narrow_the_list(client, commitments, make_plan, make_commitment):
    other = make_plan(number=6, start=2023, end=2027)
    make_commitment(other, code="X1", title="Del sexto plan")
    codes = [row["code"] for row in client.get("/api/v1/commitments/?plan=6").json()["results"]]
    assert codes == ["X1"]
    milestones = client.get(f"/api/v1/milestones/?commitment={commitments[1].pk}").json()["results"]
    assert [row["description"] for row in milestones] == ["Hito 1"]


@pytest.mark.parametrize(
    "query, code, fragment",
    [
        ("?plann=5", "unknown_parameter", "Parámetros desconocidos: plann"),
        ("?commitment=uno", "invalid_parameter", "commitment"),
        ("?updated_since=ayer", "invalid_parameter", "updated_since"),
        ("?limit=0", "invalid_parameter", "entre 1 y 500"),
        ("?limit=501", "invalid_parameter", "entre 1 y 500"),
        ("?cursor=%%%", "invalid_cursor", "cursor"),
    ],
)
def test_bad_parameters_are_refused_with_a_reason_in_spanish(client, commitments, query, code, fragment):
    resource = "milestones" if "commitment=" in query else "commitments"
    response = client.get(f"/api/v1/{resource}/{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code
    assert fragment in error["message"]


def test_unknown_resources_and_rows_are_404_in_json(client):
    assert client.get("/api/v1/secretos/").json()["error"]["code"] == "not_found"
    response = client.get("/api/v1/plans/999999/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"


def test_only_published_reports_are_public(client, commitments):
    draft = ProgressReport.all_objects.create(
        commitment=commitments[0], period_label="2025", status=ProgressReport.Status.DRAFT, version=1
    )
    published = ProgressReport.all_objects.create(
        commitment=commitments[1], period_label="2025", status=ProgressReport.Status.PUBLISHED, version=1
    )
    ids = [row["id"] for row in client.get("/api/v1/reports/").json()["results"]]
    assert ids == [published.pk]
    assert client.get(f"/api/v1/reports/{draft.pk}/").status_code == 404


def test_etag_revalidation_answers_304_until_the_data_changes(client, commitments, secretariat):
    url = f"/api/v1/commitments/{commitments[0].pk}/"
    first = client.get(url)
    etag = first["ETag"]
    assert first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    listing = client.get("/api/v1/commitments/")
    assert client.get("/api/v1/commitments/", HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 304

    commitment = commitments[0]
    commitment.title = "Compromiso 0 (corregido)"
    services.save(commitment, actor=secretariat)
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag
    assert again.json()["title"] == "Compromiso 0 (corregido)"
    assert client.get("/api/v1/commitments/", HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 200


def test_reads_are_open_to_other_origins(client, commitments):
    response = client.get("/api/v1/commitments/", HTTP_ORIGIN="https://periodistas.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options("/api/v1/commitments/", HTTP_ORIGIN="https://periodistas.example")
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert client.post("/api/v1/commitments/").status_code == 405


def test_a_page_takes_the_same_queries_for_5_or_50_commitments(client, plan, commitments, make_commitment):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/commitments/?limit=500").status_code == 200
        return len(captured)

    few = count()
    for n in range(45):
        make_commitment(plan, code=f"M{n}", title=f"Más {n}")
    assert count() == few
    assert few <= 8


def test_every_row_matches_its_openapi_schema(client, commitments, plan):
    ProgressReport.all_objects.create(
        commitment=commitments[1],
        period_label="2025",
        status=ProgressReport.Status.PUBLISHED,
        version=1,
        published_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
    )
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"] == "3.1.0"
    schemas = spec["components"]["schemas"]
    python_types = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "array": list}
    for resource in REGISTRY.values():
        assert f"/api/v1/{resource.name}/" in spec["paths"]
        component = "".join(part.capitalize() for part in resource.name.split("-"))
        schema = schemas[component]
        for row in client.get(f"/api/v1/{resource.name}/").json()["results"]:
            assert set(row) == set(schema["properties"]), resource.name
            for key, value in row.items():
                declared = schema["properties"][key]["type"]
                kinds = declared if isinstance(declared, list) else [declared]
                if value is None:
                    assert "null" in kinds, (resource.name, key)
                else:
                    expected = tuple(t for kind in kinds if kind != "null" for t in _tuple(python_types[kind]))
                    assert isinstance(value, expected), (resource.name, key, value)


def _tuple(value):
    return value if isinstance(value, tuple) else (value,)


def test_the_documentation_page_lists_every_resource_and_field(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        page = client.get("/api/").content.decode()
    for resource in REGISTRY.values():
        assert f'id="{resource.name}"' in page
        for column in resource.columns:
            assert f"<code>{column.name}</code>" in page


@pytest.mark.parametrize(
    "moment", ["4415-10-09T19:04:07-21:53", "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"]
)
def test_odd_but_valid_moments_are_answered_never_a_server_error(client, commitments, moment):
    response = client.get("/api/v1/plans/", {"updated_since": moment})
    assert response.status_code in (200, 400)


def test_a_nul_character_in_the_address_is_a_clear_400(client, commitments):
    response = client.get("/api/v1/institutions/?branch=a%00b")
    assert response.status_code == 400
    assert "carácter nulo" in response.content.decode()
    assert client.get("/buscar/?q=%00").status_code == 400
