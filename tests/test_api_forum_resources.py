"""The forum (la Mesa) in the read API: forums, seats and terms with the names the public pages show, sessions,
agenda, documents, attendance, closed votes and their named ballots, published minutes, agreements and their
follow-up; open votes, unpublished minutes and e-mail addresses never appear; constant queries per page."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from abierto.forum import services
from abierto.forum.models import Attendance, Minutes, MinutesPoint, SeatTerm
from abierto.forum.testing import give_seat, make_forum, seat
from abierto.opendata.resources import REGISTRY
from abierto.opendata.testing import assert_rows_match_openapi

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 10)
LATER = datetime.date(2026, 4, 14)


@pytest.fixture
def forum(db):
    return make_forum(voting=3, voice_only=1, observers=1)


@pytest.fixture
def nameless(db):
    """An account known only by an e-mail address: a public page would show it; the open data never does."""
    return get_user_model().objects.create_user("titular@example.org", email="titular@example.org")


@pytest.fixture
def terms(forum, implementer, forum_member, nameless):
    give_seat(seat(forum, "Voto 1"), implementer, alternate=forum_member, start=datetime.date(2023, 5, 19))
    give_seat(seat(forum, "Voto 2"), name="Ana Pérez Soto")
    SeatTerm.objects.filter(seat=seat(forum, "Voto 2")).update(holder_email="ana.perez@example.org")
    give_seat(seat(forum, "Voto 3"), nameless)


def _held(forum, secretariat, day, agenda="Cronograma\nPresupuesto\n- Ejecución"):
    session = services.convene_session(
        actor=secretariat,
        forum=forum,
        date=day,
        start_time=datetime.time(9, 30),
        end_time=datetime.time(11, 0),
        place="Teatinos 92",
        agenda=services.parse_agenda(agenda),
        send=False,
    )
    services.advance_session(actor=secretariat, session=session)
    return session


def _attend(session, secretariat, name, by="holder", status="in_person"):
    services.record_attendance(
        actor=secretariat, session=session, seat=seat(session.forum, name), status=status, attended_by=by
    )


@pytest.fixture
def held(forum, terms, secretariat):
    """A session with its attendance, a closed vote, an open vote, published minutes and an agreement."""
    session = _held(forum, secretariat, DAY)
    _attend(session, secretariat, "Voto 1", by="alternate")
    _attend(session, secretariat, "Voto 2", status="online")
    _attend(session, secretariat, "Voto 3")
    Attendance.objects.create(
        session=session, group=Attendance.Group.OTHER, status="present", name="Observadora", description="CEPAL"
    )
    item = session.agenda.get(number="1")
    services.add_document(actor=secretariat, item=item, title="Cronograma (PDF)", url="https://example.cl/c.pdf")
    closed = services.open_motion(actor=secretariat, session=session, title="Aprobar el cronograma", agenda_item=item)
    services.cast_vote(actor=secretariat, motion=closed, seat=seat(forum, "Voto 1"), choice="yes")
    services.cast_vote(actor=secretariat, motion=closed, seat=seat(forum, "Voto 2"), choice="no")
    services.cast_vote(actor=secretariat, motion=closed, seat=seat(forum, "Voto 3"), choice="yes")
    services.close_motion(actor=secretariat, motion=closed)
    minutes = services.draft_minutes(actor=secretariat, session=session)
    services.circulate_minutes(actor=secretariat, minutes=minutes)

    later = _held(forum, secretariat, LATER, agenda="Aprobación del acta")
    for name in ("Voto 1", "Voto 2", "Voto 3"):
        _attend(later, secretariat, name)
    approval = services.open_motion(actor=secretariat, session=later, title="Aprobar el acta", minutes=minutes)
    for name in ("Voto 1", "Voto 2", "Voto 3"):
        services.cast_vote(actor=secretariat, motion=approval, seat=seat(forum, name), choice="yes")
    services.close_motion(actor=secretariat, motion=approval)
    minutes.refresh_from_db()
    services.publish_minutes(actor=secretariat, minutes=minutes)
    draft = services.draft_minutes(actor=secretariat, session=later)  # never published
    still_open = services.open_motion(actor=secretariat, session=later, title="Moción aún abierta")
    services.cast_vote(actor=secretariat, motion=still_open, seat=seat(forum, "Voto 2"), choice="abstain")

    agreement = services.create_agreement(
        actor=secretariat,
        forum=forum,
        session=session,
        text="Enviar el cronograma a las instituciones",
        responsible_seat=seat(forum, "Voto 2"),
        asap=True,
    )
    services.follow_up_agreement(
        actor=secretariat, agreement=agreement, status="in_progress", note="Enviado a 5 de 9.", date=DAY
    )
    return {
        "session": session,
        "later": later,
        "closed": closed,
        "approval": approval,
        "open": still_open,
        "minutes": minutes,
        "draft": draft,
        "agreement": agreement,
    }


def _results(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_forums_publish_their_protocol_rules(client, forum):
    rows = _results(client, "/api/v1/forums/?is_current=true")
    assert [(r["slug"], r["quorum_rule"], r["default_majority"], r["majority_base"]) for r in rows] == [
        ("mesa-prueba", "majority", "simple", "present")
    ]
    assert rows[0]["established_on"] == "2023-05-19" and rows[0]["asap_horizon_days"] == 15
    assert _results(client, "/api/v1/forums/?is_current=false") == []


def test_seats_carry_their_rights(client, forum):
    rows = _results(client, "/api/v1/forum-seats/?forum=mesa-prueba")
    assert [(r["name"], r["right"], r["is_chair"]) for r in rows] == [
        ("Voto 1", "voice_vote", True),
        ("Voto 2", "voice_vote", False),
        ("Voto 3", "voice_vote", False),
        ("Solo voz 1", "voice_only", False),
        ("Observador 1", "observer", False),
    ]
    assert [r["name"] for r in _results(client, "/api/v1/forum-seats/?right=observer")] == ["Observador 1"]


def test_terms_name_holders_as_the_public_pages_do_and_never_by_email(client, forum, terms):
    rows = {r["seat"]: r for r in _results(client, "/api/v1/forum-seat-terms/?forum=mesa-prueba")}
    first = rows[seat(forum, "Voto 1").pk]
    assert first["holder"] == "Eduardo González"
    assert first["alternate"] == "integrante-mesa"  # the seat history page falls back to the account's name
    assert first["start"] == "2023-05-19" and first["end"] is None
    assert rows[seat(forum, "Voto 2").pk]["holder"] == "Ana Pérez Soto"
    assert rows[seat(forum, "Voto 3").pk]["holder"] is None  # only an e-mail address to show: nothing
    body = client.get("/api/v1/forum-seat-terms/").content.decode()
    assert "@" not in body
    assert not {name for row in rows.values() for name in row if "email" in name or "user" in name}


def test_sessions_agenda_and_documents(client, held):
    session = held["session"]
    rows = _results(client, "/api/v1/forum-sessions/?forum=mesa-prueba&date_to=2026-03-31")
    assert [r["id"] for r in rows] == [session.pk]
    row = rows[0]
    assert (row["date"], row["start_time"], row["end_time"], row["place"]) == (
        "2026-03-10",
        "09:30",
        "11:00",
        "Teatinos 92",
    )
    assert row["status"] == "in_progress" and row["kind"] == "ordinary"
    assert row["html_url"] == f"/mesa/sesiones/{session.pk}/"
    assert [r["id"] for r in _results(client, "/api/v1/forum-sessions/?date_from=2026-04-01")] == [held["later"].pk]
    agenda = _results(client, f"/api/v1/forum-agenda-items/?session={session.pk}")
    assert [(a["number"], a["title"]) for a in agenda] == [
        ("1", "Cronograma"),
        ("2", "Presupuesto"),
        ("2.1", "Ejecución"),
    ]
    assert agenda[2]["parent"] == agenda[1]["id"]
    documents = _results(client, f"/api/v1/forum-documents/?session={session.pk}")
    assert [(d["title"], d["url"], d["agenda_item"]) for d in documents] == [
        ("Cronograma (PDF)", "https://example.cl/c.pdf", agenda[0]["id"])
    ]


def test_attendance_names_who_attended_as_the_session_page_does(client, held, forum):
    rows = _results(client, f"/api/v1/forum-attendance/?session={held['session'].pk}")
    by_seat = {r["seat_name"]: r for r in rows}
    assert by_seat["Voto 1"]["attended_by"] == "alternate" and by_seat["Voto 1"]["attendee"] == "integrante-mesa"
    assert by_seat["Voto 2"]["status"] == "online" and by_seat["Voto 2"]["attendee"] == "Ana Pérez Soto"
    assert by_seat["Voto 3"]["attendee"] is None  # an e-mail address is never published
    other = by_seat[None]
    assert (other["group"], other["attendee"], other["description"]) == ("other", "Observadora", "CEPAL")
    assert "@" not in client.get("/api/v1/forum-attendance/").content.decode()


def test_only_closed_votes_and_their_ballots_are_published(client, held, forum):
    motions = _results(client, "/api/v1/forum-motions/")
    assert [m["id"] for m in motions] == [held["closed"].pk, held["approval"].pk]
    closed = motions[0]
    assert (closed["outcome"], closed["yes_count"], closed["no_count"], closed["abstain_count"]) == (
        "approved",
        2,
        1,
        0,
    )
    assert closed["present_voting"] == 3 and closed["quorum_required"] == 2
    assert motions[1]["minutes"] == held["minutes"].pk
    assert client.get(f"/api/v1/forum-motions/{held['open'].pk}/").status_code == 404

    votes = _results(client, f"/api/v1/forum-votes/?motion={held['closed'].pk}")
    assert [(v["seat_name"], v["choice"], v["voter"], v["recorded_by_secretariat"]) for v in votes] == [
        ("Voto 1", "yes", "integrante-mesa", True),
        ("Voto 2", "no", "Ana Pérez Soto", True),
        ("Voto 3", "yes", None, True),
    ]
    every_vote = _results(client, "/api/v1/forum-votes/?limit=500")
    assert held["open"].pk not in {v["motion"] for v in every_vote}
    assert _results(client, f"/api/v1/forum-votes/?motion={held['open'].pk}") == []
    body = client.get("/api/v1/forum-votes/").content.decode()
    assert "@" not in body and "cast_by" not in body


def test_only_published_minutes_are_public(client, held):
    rows = _results(client, "/api/v1/forum-minutes/")
    assert [r["id"] for r in rows] == [held["minutes"].pk]
    row = rows[0]
    assert row["version"] == 1 and row["approved_in"] == held["later"].pk and row["published_at"]
    assert row["points"][0] == "1. 1. Cronograma"
    assert row["html_url"] == f"/mesa/sesiones/{held['session'].pk}/acta/"
    assert client.get(f"/api/v1/forum-minutes/{held['draft'].pk}/").status_code == 404


def test_agreements_with_status_due_date_and_follow_up(client, held, forum):
    rows = _results(client, f"/api/v1/forum-agreements/?session={held['session'].pk}")
    assert len(rows) == 1
    row = rows[0]
    assert row["text"] == "Enviar el cronograma a las instituciones"
    assert row["responsible"] == "Voto 2" and row["responsible_seat"] == seat(forum, "Voto 2").pk
    assert row["asap"] is True and row["due_date"] is None
    assert row["effective_due"] == "2026-03-25"  # the session plus the protocol's 15 days
    assert row["status"] == "in_progress"
    assert isinstance(row["overdue"], bool)
    assert _results(client, "/api/v1/forum-agreements/?status=done") == []
    notes = _results(client, f"/api/v1/forum-agreement-notes/?agreement={held['agreement'].pk}")
    assert [(n["date"], n["text"]) for n in notes] == [("2026-03-10", "Enviado a 5 de 9.")]
    assert "author" not in notes[0]


def test_a_person_responsible_for_an_agreement_is_named_never_by_email(client, forum, secretariat, nameless):
    named = services.create_agreement(
        actor=secretariat, forum=forum, text="Revisar", responsible_user=secretariat, due_date=DAY
    )
    unnamed = services.create_agreement(
        actor=secretariat, forum=forum, text="Publicar", responsible_user=nameless, due_date=DAY
    )
    assert client.get(f"/api/v1/forum-agreements/{named.pk}/").json()["responsible"] == "Valeria Secretaria"
    assert client.get(f"/api/v1/forum-agreements/{unnamed.pk}/").json()["responsible"] is None


def _add_rows(forum, secretariat, n: int, start: datetime.date) -> None:
    for i in range(n):
        session = _held(forum, secretariat, start + datetime.timedelta(days=i))
        for name in ("Voto 1", "Voto 2"):
            _attend(session, secretariat, name, by="alternate" if name == "Voto 1" else "holder")
        item = session.agenda.first()
        services.add_document(actor=secretariat, item=item, title=f"Documento {i}", url="https://example.cl/d.pdf")
        motion = services.open_motion(actor=secretariat, session=session, title=f"Moción {i}")
        services.cast_vote(actor=secretariat, motion=motion, seat=seat(forum, "Voto 1"), choice="yes")
        services.close_motion(actor=secretariat, motion=motion)
        minutes = Minutes.objects.create(
            session=session, status=Minutes.Status.PUBLISHED, approved_at=timezone.now(), published_at=timezone.now()
        )
        MinutesPoint.objects.create(minutes=minutes, number=1, text="Se revisa el cronograma.")
        agreement = services.create_agreement(
            actor=secretariat,
            forum=forum,
            session=session,
            text=f"Acuerdo {i}",
            asap=True,
            responsible_seat=seat(forum, "Voto 2"),
        )
        services.follow_up_agreement(actor=secretariat, agreement=agreement, note="Avance.")
        give_seat(seat(forum, "Solo voz 1"), name=f"Persona {i}", start=start, end=start)


def test_list_pages_take_the_same_queries_for_3_or_30_rows(client, forum, terms, secretariat):
    urls = [
        "/api/v1/forums/",
        "/api/v1/forum-seats/",
        "/api/v1/forum-seat-terms/",
        "/api/v1/forum-sessions/",
        "/api/v1/forum-agenda-items/",
        "/api/v1/forum-documents/",
        "/api/v1/forum-attendance/",
        "/api/v1/forum-motions/",
        "/api/v1/forum-votes/",
        "/api/v1/forum-minutes/",
        "/api/v1/forum-agreements/",
        "/api/v1/forum-agreement-notes/",
    ]

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"limit": 500}).status_code == 200
        return len(captured)

    _add_rows(forum, secretariat, 3, datetime.date(2026, 1, 5))
    few = {url: count(url) for url in urls}
    _add_rows(forum, secretariat, 27, datetime.date(2026, 6, 1))
    assert {url: count(url) for url in urls} == few
    assert max(few.values()) <= 4
    assert len(json.loads(client.get("/api/v1/forum-attendance/", {"limit": 500}).content)["results"]) == 60


def test_every_forum_row_matches_its_openapi_schema(client, held):
    names = [name for name in REGISTRY if name == "forums" or name.startswith("forum-")]
    assert len(names) == 12
    assert assert_rows_match_openapi(client, names) >= 30
