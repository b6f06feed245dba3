"""Bulk open data: one zip with every public resource as CSV, JSON and XLSX, described by datapackage.json in
Spanish and English; a CSV per resource streamed; a DCAT catalogue that CKAN can harvest; the open-data page."""

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from abierto.monitoring.models import ProgressReport
from abierto.opendata import export
from abierto.opendata.models import Export
from abierto.opendata.resources import REGISTRY
from abierto.plans.models import Milestone

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def data(make_plan, make_commitment, make_milestone, lead_institution):
    plan = make_plan(number=5, start=2020, end=2022)
    first = make_commitment(
        plan, code="C1", title="Datos, abiertos; con «comillas» y\nsalto", lead_institution=lead_institution
    )
    make_milestone(first, description="Hito uno", status=Milestone.Status.COMPLETED, progress=100)
    second = make_commitment(plan, code="C2", title="Segundo")
    ProgressReport.all_objects.create(commitment=second, period_label="2025", status="draft", version=1)
    return plan


def _zip(export_row: Export) -> zipfile.ZipFile:
    with export_row.file.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def test_the_package_holds_every_resource_in_three_formats_described_in_two_languages(data):
    built = export.build()
    assert built.status == Export.Status.READY and built.size > 0 and len(built.sha256) == 64
    assert built.rows["commitments"] == 2 and built.rows["reports"] == 0  # drafts are not public
    archive = _zip(built)
    names = set(archive.namelist())
    package = json.loads(archive.read("datapackage.json"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["profile"] == "tabular-data-package"
    tabular = {r["name"]: r for r in package["resources"] if r["profile"] == "tabular-data-resource"}
    assert set(tabular) == set(REGISTRY)
    for name, resource in REGISTRY.items():
        assert f"csv/{name}.csv" in names and f"json/{name}.json" in names
        fields = tabular[name]["schema"]["fields"]
        assert [f["name"] for f in fields] == [c.name for c in resource.columns]
        assert all(f["description"] and f["description_en"] for f in fields)
        reader = csv.reader(io.StringIO(archive.read(f"csv/{name}.csv").decode("utf-8")))
        assert next(reader) == [c.name for c in resource.columns]
        assert len(list(reader)) == built.rows[name] == len(json.loads(archive.read(f"json/{name}.json")))

    commitments = list(csv.DictReader(io.StringIO(archive.read("csv/commitments.csv").decode("utf-8"))))
    assert commitments[0]["title"] == "Datos, abiertos; con «comillas» y\nsalto"
    assert commitments[0]["is_withdrawn"] == "false"
    assert commitments[0]["supporting_institutions"] == "[]"
    assert commitments[0]["progress_computed"] == "100.0"
    assert commitments[1]["progress_computed"] == ""  # no milestones: no figure, never 0

    workbook = load_workbook(io.BytesIO(archive.read("abierto.xlsx")), read_only=True)
    assert workbook.sheetnames[0] == "Léame"
    sheet = workbook["commitments"]
    assert [cell.value for cell in next(sheet.iter_rows(max_row=1))][:3] == ["id", "plan", "code"]
    assert len(list(sheet.iter_rows())) == 3  # the header and two commitments


def test_the_command_publishes_and_keeps_the_last_seven(data, capsys):
    for _ in range(9):
        call_command("build_open_data", verbosity=0)
    assert Export.objects.filter(status=Export.Status.READY).count() == 7
    call_command("build_open_data")
    assert "filas de" in capsys.readouterr().out


def test_the_download_serves_the_latest_package(client, data):
    assert client.get("/datos-abiertos/abierto-datos.zip").status_code == 404
    built = export.build()
    response = client.get("/datos-abiertos/abierto-datos.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["ETag"] == f'"{built.sha256}"'
    assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).testzip() is None


def test_one_resource_streams_as_csv(client, data):
    response = client.get("/datos-abiertos/commitments.csv")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    assert [row["code"] for row in rows] == ["C1", "C2"]
    assert client.get("/datos-abiertos/secretos.csv").status_code == 404


def test_the_dcat_catalogue_lists_a_dataset_per_resource_with_its_distributions(client, data):
    export.build()
    response = client.get("/datos-abiertos/catalogo.jsonld")
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    catalogue = response.json()
    assert catalogue["@type"] == "dcat:Catalog"
    datasets = {d["dct:identifier"]: d for d in catalogue["dcat:dataset"]}
    assert set(datasets) == set(REGISTRY) | {"abierto-datos"}
    commitments = datasets["commitments"]
    assert {"@value": "Compromisos", "@language": "es"} in commitments["dct:title"]
    urls = {d["dct:format"]: d["dcat:accessURL"]["@id"] for d in commitments["dcat:distribution"]}
    assert urls == {
        "CSV": "http://testserver/datos-abiertos/commitments.csv",
        "JSON": "http://testserver/api/v1/commitments/",
    }
    assert commitments["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "dct:modified" in commitments


def test_the_open_data_page_links_every_format(client, data, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        page = client.get("/datos-abiertos/").content.decode()
    assert "todavía no hay una" in page
    export.build()
    page = client.get("/datos-abiertos/").content.decode()
    assert "/datos-abiertos/abierto-datos.zip" in page and "/datos-abiertos/catalogo.jsonld" in page
    for name in REGISTRY:
        assert f"/datos-abiertos/{name}.csv" in page
    assert "/planes/5/feed/" in page
    assert "/mesa/sesiones.ics" in page
