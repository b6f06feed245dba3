"""The consultation on the draft plan in the read API and the bulk export: every comment with its section,
commitment, date, the author as the commitment's page names them and the secretariat's current answer; a
hidden comment keeps only its place and the public reason; never an e-mail address or an account id; the texts
commented on as their own resource; every list page in a constant number of queries."""

import csv
import io
import json
import zipfile

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from abierto.consultation import services
from abierto.consultation.models import SectionVersion
from abierto.consultation.testing import DURING, make_answer, make_comment, make_consultation, make_draft_commitment
from abierto.opendata import export
from abierto.opendata.testing import assert_rows_match_openapi

pytestmark = pytest.mark.django_db
NAMES = ["consultation-comments", "consultation-section-versions"]


@pytest.fixture
def process(make_plan):
    return make_consultation(make_plan(number=5, start=2020, end=2022))


@pytest.fixture
def commitment(process):
    return make_draft_commitment(process.plan, code="BOR01")


@pytest.fixture
def comments(process, commitment, participant, implementer, secretariat):
    with time_machine.travel(DURING, tick=False):
        named = make_comment(process, commitment, implementer, section="objetivo", body="Falta un plazo.")
        nameless = make_comment(process, commitment, participant, section="problema", body="¿Y el presupuesto?")
        hidden = make_comment(process, commitment, participant, section="hitos", body="Texto ofensivo")
    with time_machine.travel(DURING.replace(hour=15), tick=False):
        services.answer(comment=named, body="Se indicará en la versión final.", actor=secretariat)
        services.answer(comment=hidden, body="Respuesta que cita el texto ofensivo.", actor=secretariat)
        services.hide(comment=hidden, reason="Lenguaje ofensivo", actor=secretariat)
    return {"named": named, "nameless": nameless, "hidden": hidden}


def _results(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_a_comment_reads_with_its_section_author_date_and_answer(client, process, commitment, comments):
    row = client.get(f"/api/v1/consultation-comments/{comments['named'].pk}/").json()
    assert row["process"] == process.slug
    assert (row["commitment"], row["commitment_code"]) == (commitment.pk, "BOR01")
    assert (row["section"], row["section_label"]) == ("objetivo", "Objetivo principal")
    assert row["author"] == "Eduardo González"  # as the commitment's page names them
    assert row["text"] == "Falta un plazo."
    assert row["created_at"] == "2026-04-24T15:00:00Z"
    assert row["hidden"] is False and row["hidden_reason"] is None
    assert row["answered"] is True and row["answer"] == "Se indicará en la versión final."
    assert row["answered_at"] == "2026-04-24T18:00:00Z"
    assert (row["answer_revision"], row["answer_edited_at"]) == (1, None)
    assert row["version"] == comments["named"].version_id
    assert row["html_url"] == f"/cocreacion/{process.slug}/consulta/compromisos/BOR01/#comentario-{row['id']}"


def test_the_answer_is_the_current_one_with_its_revision(client, comments, secretariat):
    with time_machine.travel(DURING.replace(hour=17), tick=False):
        services.answer(comment=comments["named"], body="Lo incorporamos en el hito 2.", actor=secretariat)
    row = client.get(f"/api/v1/consultation-comments/{comments['named'].pk}/").json()
    assert row["answer"] == "Lo incorporamos en el hito 2." and row["answer_revision"] == 2
    assert row["answer_edited_at"] == "2026-04-24T20:00:00Z"


def test_a_person_without_a_name_is_named_as_the_page_names_them_never_by_email(client, comments):
    row = client.get(f"/api/v1/consultation-comments/{comments['nameless'].pk}/").json()
    assert row["author"] == "Participante"
    assert row["answered"] is False and row["answer"] is None
    body = client.get("/api/v1/consultation-comments/").content.decode()
    assert "@example.org" not in body and "ciudadana" not in body and "contraparte" not in body


def test_a_hidden_comment_keeps_its_place_and_reason_but_loses_its_text_author_and_answer(client, comments):
    hidden = comments["hidden"]
    row = client.get(f"/api/v1/consultation-comments/{hidden.pk}/").json()
    assert row["hidden"] is True and row["hidden_reason"] == "Lenguaje ofensivo"
    assert row["section"] == "hitos" and row["commitment_code"] == "BOR01"
    for name in ("text", "author", "answer", "answered_at", "answer_edited_at", "answer_revision", "version"):
        assert row[name] is None, name
    assert "ofensivo" not in json.dumps(row).replace("Lenguaje ofensivo", "")
    assert [r["id"] for r in _results(client, "/api/v1/consultation-comments/?hidden=true")] == [hidden.pk]


def test_no_account_field_is_a_column(client):
    spec = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["ConsultationComments"]
    assert not {name for name in spec["properties"] if "user" in name or "email" in name or "author_" in name}


def test_filters_narrow_the_comments(client, process, commitment, comments, make_plan, implementer):
    other_process = make_consultation(make_plan(number=6, start=2023, end=2027), slug="sexto")
    other = make_draft_commitment(other_process.plan, code="SEX01")
    make_comment(other_process, other, implementer, body="Del sexto plan")

    def ids(query: str) -> list[int]:
        return [r["id"] for r in _results(client, f"/api/v1/consultation-comments/?{query}")]

    assert len(ids(f"process={process.slug}")) == 3
    assert [r["text"] for r in _results(client, "/api/v1/consultation-comments/?process=sexto")] == ["Del sexto plan"]
    assert len(ids("plan=6")) == 1
    assert len(ids(f"commitment={commitment.pk}")) == 3
    assert ids("section=objetivo") == [comments["named"].pk]
    assert ids(f"answered=false&process={process.slug}") == [comments["nameless"].pk]
    assert ids("answered=true") == [comments["named"].pk, comments["hidden"].pk]
    assert ids("created_since=2100-01-01") == []
    response = client.get("/api/v1/consultation-comments/?answered=quizas")
    assert response.status_code == 400 and "answered" in response.json()["error"]["details"]


def test_the_texts_commented_on_are_their_own_resource(client, process, commitment, comments):
    rows = _results(client, f"/api/v1/consultation-section-versions/?commitment={commitment.pk}")
    assert {r["section"] for r in rows} == {"objetivo", "problema", "hitos"}
    objective = next(r for r in rows if r["section"] == "objetivo")
    assert objective["text"] == "Publicar las compras del Estado en formato abierto."
    assert objective["plan"] == process.plan.slug and objective["commitment_code"] == "BOR01"
    assert len(objective["digest"]) == 64
    assert objective["section_label"] == "Objetivo principal"
    assert [r["section"] for r in _results(client, "/api/v1/consultation-section-versions/?section=hitos")] == ["hitos"]
    assert _results(client, "/api/v1/consultation-section-versions/?plan=6") == []


def test_list_pages_take_the_same_queries_for_3_or_30_rows(client, process, commitment, participant, secretariat):
    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def add(n: int) -> None:
        for i in range(n):
            commitment.problem = f"Problema, versión {SectionVersion.objects.count()} {i}"
            commitment.save()
            comment = make_comment(process, commitment, participant, body=f"Comentario {i}")
            if i % 2:
                make_answer(comment, secretariat)

    urls = [f"/api/v1/{name}/" for name in NAMES]
    add(3)
    few = {url: count(url) for url in urls}
    add(27)
    assert len(_results(client, "/api/v1/consultation-comments/")) == 30
    assert {url: count(url) for url in urls} == few
    assert max(few.values()) <= 3


def test_every_consultation_row_matches_its_openapi_schema(client, comments):
    assert assert_rows_match_openapi(client, NAMES) == 3 + 3


def test_the_export_and_its_data_package_carry_the_consultation(comments, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with export.build().file.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    for name in NAMES:
        assert {f"csv/{name}.csv", f"json/{name}.json"} <= set(archive.namelist()), name
    package = json.loads(archive.read("datapackage.json"))
    described = {r["name"]: r for r in package["resources"] if r["name"] in NAMES}
    assert set(described) == set(NAMES) and described["consultation-comments"]["count"] == 3
    fields = {f["name"]: f for f in described["consultation-comments"]["schema"]["fields"]}
    assert fields["answer"]["description"].startswith("Respuesta vigente")
    assert fields["answer"]["description_en"].startswith("The secretariat's current answer")
    text = archive.read("csv/consultation-comments.csv").decode()
    assert "Falta un plazo." in text and "Texto ofensivo" not in text and "@example.org" not in text


def test_the_comments_stream_as_csv_without_the_hidden_text(client, comments):
    response = client.get("/datos-abiertos/consultation-comments.csv")
    assert response.status_code == 200 and response.streaming
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    assert [(row["section"], row["text"], row["hidden"]) for row in rows] == [
        ("objetivo", "Falta un plazo.", "false"),
        ("problema", "¿Y el presupuesto?", "false"),
        ("hitos", "", "true"),
    ]
