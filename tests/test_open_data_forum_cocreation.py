"""The bulk download and the per-resource CSV carry the forum's and co-creation's resources, described in
datapackage.json in Spanish and English, with only what is public: no drafts, no hidden text, no open votes,
no unpublished minutes, no e-mail addresses; read in chunks, in a constant number of queries."""

import csv
import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from abierto.cocreation import services as cocreation
from abierto.cocreation.testing import make_process, make_proposal
from abierto.forum import services as forum_services
from abierto.forum.models import Minutes, Session
from abierto.forum.testing import give_seat, make_forum, seat
from abierto.opendata import export
from abierto.opendata.resources import REGISTRY

pytestmark = pytest.mark.django_db

COCREATION = (
    "cocreation-processes",
    "cocreation-stages",
    "cocreation-themes",
    "cocreation-workshops",
    "proposals",
    "responses",
)
FORUM = (
    "forums",
    "forum-seats",
    "forum-seat-terms",
    "forum-sessions",
    "forum-agenda-items",
    "forum-documents",
    "forum-attendance",
    "forum-motions",
    "forum-votes",
    "forum-minutes",
    "forum-agreements",
    "forum-agreement-notes",
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def data(make_plan, participant, secretariat, implementer):
    import datetime

    plan = make_plan(number=5, start=2020, end=2022)
    process = make_process(plan, template="fifth", start=datetime.date(2026, 3, 1), slug="quinto-plan")
    make_proposal(process, implementer, title="Calidad del aire")
    make_proposal(process, participant, title="Borrador secreto", published=False)
    hidden = make_proposal(process, participant, title="Título ofensivo", problem="Texto ofensivo")
    cocreation.respond(proposal=hidden, actor=secretariat, kind="not_adopted", text="Fuera de las reglas.")
    cocreation.hide(actor=secretariat, proposal=hidden, reason="Moderada")

    forum = make_forum(voting=2, voice_only=0, observers=0)
    nameless = get_user_model().objects.create_user("titular@example.org", email="titular@example.org")
    give_seat(seat(forum, "Voto 1"), implementer)
    give_seat(seat(forum, "Voto 2"), nameless)
    session = forum_services.convene_session(
        actor=secretariat,
        forum=forum,
        date=datetime.date(2026, 3, 10),
        place="Teatinos 92",
        agenda=forum_services.parse_agenda("Cronograma"),
        send=False,
    )
    forum_services.advance_session(actor=secretariat, session=session)
    for name in ("Voto 1", "Voto 2"):
        forum_services.record_attendance(
            actor=secretariat, session=session, seat=seat(forum, name), status="in_person", attended_by="holder"
        )
    motion = forum_services.open_motion(actor=secretariat, session=session, title="Moción abierta")
    forum_services.cast_vote(actor=secretariat, motion=motion, seat=seat(forum, "Voto 2"), choice="yes")
    forum_services.draft_minutes(actor=secretariat, session=session)
    return {"process": process, "forum": forum, "session": session}


def _zip(built) -> zipfile.ZipFile:
    with built.file.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def _csv(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(f"csv/{name}.csv").decode("utf-8"))))


def test_the_new_resources_are_registered_once_each():
    assert set(COCREATION + FORUM) <= set(REGISTRY)


def test_the_package_holds_the_forum_and_cocreation_resources_described_in_two_languages(data):
    built = export.build()
    archive = _zip(built)
    names = set(archive.namelist())
    package = json.loads(archive.read("datapackage.json"))
    tabular = {r["name"]: r for r in package["resources"] if r["profile"] == "tabular-data-resource"}
    for name in COCREATION + FORUM:
        assert f"csv/{name}.csv" in names and f"json/{name}.json" in names, name
        fields = tabular[name]["schema"]["fields"]
        assert [f["name"] for f in fields] == [c.name for c in REGISTRY[name].columns]
        assert all(f["description"] and f["description_en"] for f in fields), name
        assert tabular[name]["title"] and tabular[name]["title_en"]
    assert built.rows["proposals"] == 2 and built.rows["responses"] == 1
    assert built.rows["forum-motions"] == 0 and built.rows["forum-votes"] == 0  # the only vote is still open
    assert built.rows["forum-minutes"] == 0  # a draft is not public
    assert built.rows["forum-attendance"] == 2 and built.rows["cocreation-stages"] == 7


def test_the_package_publishes_nothing_private(data):
    archive = _zip(export.build())
    proposals = _csv(archive, "proposals")
    assert "Borrador secreto" not in {row["title"] for row in proposals}
    hidden = next(row for row in proposals if row["hidden"] == "true")
    assert hidden["title"] == "" and hidden["problem"] == "" and hidden["hidden_reason"] == "Moderada"
    for name in archive.namelist():
        text = archive.read(name).decode("utf-8", errors="ignore") if not name.endswith(".xlsx") else ""
        if name.startswith(("csv/", "json/")):
            assert "@" not in text, name
            assert "Texto ofensivo" not in text and "Borrador secreto" not in text, name
    terms = {row["seat"]: row for row in _csv(archive, "forum-seat-terms")}
    assert terms[str(seat(data["forum"], "Voto 1").pk)]["holder"] == "Eduardo González"
    assert terms[str(seat(data["forum"], "Voto 2").pk)]["holder"] == ""


def test_each_new_resource_streams_as_csv(client, data):
    for name in COCREATION + FORUM:
        response = client.get(f"/datos-abiertos/{name}.csv")
        assert response.status_code == 200 and response.streaming, name
        header = next(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
        assert header == [c.name for c in REGISTRY[name].columns], name
    response = client.get("/datos-abiertos/responses.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    assert [(row["kind"], row["text"], row["proposal_title"]) for row in rows] == [
        ("not_adopted", "Fuera de las reglas.", "")
    ]


def test_the_streamed_csv_reads_in_a_constant_number_of_queries(client, data, participant, secretariat):
    def count(name: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            b"".join(client.get(f"/datos-abiertos/{name}.csv").streaming_content)
        return len(captured)

    names = ("proposals", "forum-attendance", "forum-minutes")
    process, forum = data["process"], data["forum"]

    def add(n: int) -> None:
        for i in range(n):
            proposal = make_proposal(process, participant, title=f"Propuesta {i}")
            proposal.themes.add(*process.themes.all())
            session = Session.objects.create(forum=forum, date=data["session"].date, place="Sala")
            forum_services.record_attendance(
                actor=secretariat, session=session, seat=seat(forum, "Voto 1"), status="in_person", attended_by="holder"
            )
            Minutes.objects.create(
                session=session,
                status=Minutes.Status.PUBLISHED,
                approved_at=timezone.now(),
                published_at=timezone.now(),
            )

    add(3)
    few = {name: count(name) for name in names}
    add(27)
    assert {name: count(name) for name in names} == few


def test_the_open_data_page_and_the_catalogue_list_the_new_resources(client, data):
    page = client.get("/datos-abiertos/").content.decode()
    catalogue = client.get("/datos-abiertos/catalogo.jsonld").json()
    identifiers = {d["dct:identifier"] for d in catalogue["dcat:dataset"]}
    docs = client.get("/api/").content.decode()
    assert 'id="privacidad"' in docs and "quién apoya no se publica" in docs
    for name in COCREATION + FORUM:
        assert f"/datos-abiertos/{name}.csv" in page
        assert name in identifiers
        assert f'id="{name}"' in docs
