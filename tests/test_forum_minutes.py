"""Minutes (acta): drafted from the agenda and the votes, circulated for members' comments, approved by a vote
at a later session, then published; never edited after approval (a correction is a new version); printable."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from abierto.forum import services
from abierto.forum.models import Minutes, MinutesComment
from abierto.forum.testing import give_seat, make_forum, seat


@pytest.fixture
def forum(db, forum_member):
    forum = make_forum(voting=3)
    give_seat(seat(forum, "Voto 2"), forum_member)
    return forum


def held_session(forum, secretariat, day, agenda="Cronograma\nPresupuesto"):
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
    for name in ("Voto 1", "Voto 2", "Voto 3"):
        services.record_attendance(
            actor=secretariat, session=session, seat=seat(forum, name), status="in_person", attended_by="holder"
        )
    return session


def approve_by_vote(forum, secretariat, minutes, day):
    later = held_session(forum, secretariat, day, agenda="Aprobación del acta")
    motion = services.open_motion(actor=secretariat, session=later, title="Aprobar el acta", minutes=minutes)
    for name in ("Voto 1", "Voto 2", "Voto 3"):
        services.cast_vote(actor=secretariat, motion=motion, seat=seat(forum, name), choice="yes")
    services.close_motion(actor=secretariat, motion=motion)
    minutes.refresh_from_db()
    return later


@pytest.fixture
def minutes(forum, secretariat):
    session = held_session(forum, secretariat, datetime.date(2026, 3, 10))
    motion = services.open_motion(actor=secretariat, session=session, title="Aprobar el cronograma")
    services.cast_vote(actor=secretariat, motion=motion, seat=seat(forum, "Voto 1"), choice="yes")
    services.close_motion(actor=secretariat, motion=motion)
    return services.draft_minutes(actor=secretariat, session=session)


def test_the_draft_starts_from_the_agenda_and_the_votes(minutes):
    texts = [p.text for p in minutes.points.all()]
    assert texts[0] == "1. Cronograma" and texts[1] == "2. Presupuesto"
    assert texts[2].startswith("Se votó «Aprobar el cronograma»: 1 a favor")
    assert minutes.status == Minutes.Status.DRAFT


def test_members_comment_only_while_the_minutes_are_circulated(minutes, secretariat, forum_member, participant):
    with pytest.raises(PermissionDenied):
        services.comment_minutes(actor=forum_member, minutes=minutes, text="Falta un punto.")
    services.circulate_minutes(actor=secretariat, minutes=minutes)
    minutes.refresh_from_db()
    services.comment_minutes(actor=forum_member, minutes=minutes, text="Falta un punto.")
    with pytest.raises(PermissionDenied):
        services.comment_minutes(actor=participant, minutes=minutes, text="Opino")
    assert MinutesComment.objects.filter(minutes=minutes).count() == 1
    assert forum_member.notifications.filter(kind="forum_minutes_circulated").exists()


def test_approval_needs_a_vote_at_a_later_session(minutes, forum, secretariat):
    services.circulate_minutes(actor=secretariat, minutes=minutes)
    minutes.refresh_from_db()
    with pytest.raises(ValidationError, match="sesión posterior"):
        services.open_motion(actor=secretariat, session=minutes.session, title="Aprobar el acta", minutes=minutes)
    later = approve_by_vote(forum, secretariat, minutes, datetime.date(2026, 4, 14))
    assert minutes.status == Minutes.Status.APPROVED
    assert minutes.approved_in == later
    assert minutes.content["points"][0]["text"] == "1. Cronograma"


def test_a_rejected_approval_vote_leaves_the_minutes_in_review(minutes, forum, secretariat):
    services.circulate_minutes(actor=secretariat, minutes=minutes)
    later = held_session(forum, secretariat, datetime.date(2026, 4, 14))
    motion = services.open_motion(actor=secretariat, session=later, title="Aprobar el acta", minutes=minutes)
    services.cast_vote(actor=secretariat, motion=motion, seat=seat(forum, "Voto 1"), choice="no")
    services.close_motion(actor=secretariat, motion=motion)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.CIRCULATED


def test_approved_minutes_are_never_edited_and_their_content_is_frozen(minutes, forum, secretariat, client):
    services.circulate_minutes(actor=secretariat, minutes=minutes)
    approve_by_vote(forum, secretariat, minutes, datetime.date(2026, 4, 14))
    with pytest.raises(ValidationError, match="no se modifica"):
        services.update_minutes(actor=secretariat, minutes=minutes, points=["Otro texto"], next_meeting="")
    # Changing the session's agenda afterwards does not change what the approved minutes say.
    minutes.session.agenda.filter(number="1").update(title="Cronograma cambiado")
    services.publish_minutes(actor=secretariat, minutes=minutes)
    html = client.get(f"/mesa/sesiones/{minutes.session.pk}/acta/").content.decode()
    assert "Cronograma cambiado" not in html
    assert "1. Cronograma" in html


def test_only_approved_minutes_are_published_and_public(minutes, secretariat, client):
    with pytest.raises(ValidationError, match="aprobada"):
        services.publish_minutes(actor=secretariat, minutes=minutes)
    assert client.get(f"/mesa/sesiones/{minutes.session.pk}/acta/").status_code == 404
    assert client.get(f"/mesa/actas/{minutes.pk}/").status_code == 302  # drafts need an account


def test_a_correction_is_a_new_version_and_the_approved_one_stays(minutes, forum, secretariat, client):
    services.circulate_minutes(actor=secretariat, minutes=minutes)
    approve_by_vote(forum, secretariat, minutes, datetime.date(2026, 4, 14))
    services.publish_minutes(actor=secretariat, minutes=minutes)
    with pytest.raises(ValidationError):
        services.correct_minutes(actor=secretariat, minutes=minutes, reason="")
    new = services.correct_minutes(actor=secretariat, minutes=minutes, reason="Faltaba una asistente.")
    assert (new.version, new.status, new.supersedes) == (2, Minutes.Status.DRAFT, minutes)
    services.update_minutes(actor=secretariat, minutes=new, points=["Texto corregido"], next_meeting="")
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.PUBLISHED and minutes.content["points"][0]["text"] == "1. Cronograma"
    # The public page keeps showing the published version until the correction is approved and published.
    assert "Texto corregido" not in client.get(f"/mesa/sesiones/{minutes.session.pk}/acta/").content.decode()
    with pytest.raises(ValidationError):
        services.correct_minutes(actor=secretariat, minutes=minutes, reason="Otra vez")


def test_the_secretariat_edits_a_draft_through_the_page(minutes, secretariat_client):
    response = secretariat_client.post(
        f"/mesa/actas/{minutes.pk}/",
        {"accion": "guardar", "points": "Primer punto.\r\n\r\nSegundo punto.", "next_meeting": "14 de abril"},
    )
    assert response.status_code == 302
    assert list(minutes.points.values_list("number", "text")) == [(1, "Primer punto."), (2, "Segundo punto.")]
    html = secretariat_client.get(f"/mesa/actas/{minutes.pk}/").content.decode()
    assert "Segundo punto." in html and "14 de abril" in html and 'media="print"' in html


def test_a_forum_member_comments_through_the_page(minutes, secretariat, forum_member, client):
    services.circulate_minutes(actor=secretariat, minutes=minutes)
    client.force_login(forum_member)
    response = client.post(f"/mesa/actas/{minutes.pk}/", {"accion": "comentar", "text": ""})
    assert "Este campo es obligatorio" in response.content.decode()
    client.post(f"/mesa/actas/{minutes.pk}/", {"accion": "comentar", "text": "Agregar la hora de término."})
    assert MinutesComment.objects.get().text == "Agregar la hora de término."
