"""Votes: who may vote for which seat, the secretariat's votes on a seat's behalf, the frozen list of
seats entitled to vote, and the result computed from the protocol (including "sin quórum")."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from abierto.forum import services
from abierto.forum.models import Motion, Right, Session, VoteEntitlement
from abierto.forum.testing import give_seat, make_forum, seat

DAY = datetime.date(2026, 11, 22)


@pytest.fixture
def forum(db):
    return make_forum(voting=4, voice_only=1, observers=1)


@pytest.fixture
def session(forum, secretariat):
    s = services.convene_session(
        actor=secretariat,
        forum=forum,
        date=DAY,
        start_time=datetime.time(9, 30),
        place="Sala de la Comisión",
        agenda=services.parse_agenda("Aprobación de la tabla\nCronograma\n- Etapas"),
        send=False,
    )
    services.advance_session(actor=secretariat, session=s)
    return s


def attend(session, secretariat, *names, status="in_person"):
    for name in names:
        services.record_attendance(
            actor=secretariat, session=session, seat=seat(session.forum, name), status=status, attended_by="holder"
        )


def test_a_seat_holder_votes_for_their_seat_and_it_is_not_marked_as_recorded_by_the_secretariat(
    session, secretariat, forum_member
):
    give_seat(seat(session.forum, "Voto 2"), forum_member)
    attend(session, secretariat, "Voto 1", "Voto 2", "Voto 3")
    motion = services.open_motion(actor=secretariat, session=session, title="Aprobar el cronograma")
    vote = services.cast_vote(actor=forum_member, motion=motion, seat=seat(session.forum, "Voto 2"), choice="yes")
    assert vote.recorded_by_secretariat is False
    assert vote.cast_by == forum_member


def test_the_alternate_votes_too(session, secretariat, forum_member, participant):
    give_seat(seat(session.forum, "Voto 2"), participant, alternate=forum_member)
    attend(session, secretariat, "Voto 2")
    motion = services.open_motion(actor=secretariat, session=session, title="Moción")
    assert services.cast_vote(actor=forum_member, motion=motion, seat=seat(session.forum, "Voto 2"), choice="no")


def test_nobody_votes_for_a_seat_they_do_not_hold(session, secretariat, forum_member, participant):
    give_seat(seat(session.forum, "Voto 2"), participant)
    attend(session, secretariat, "Voto 2")
    motion = services.open_motion(actor=secretariat, session=session, title="Moción")
    with pytest.raises(PermissionDenied):
        services.cast_vote(actor=forum_member, motion=motion, seat=seat(session.forum, "Voto 2"), choice="yes")


@pytest.mark.parametrize("name", ["Solo voz 1", "Observador 1"])
def test_voice_only_seats_and_observers_cannot_vote_even_through_the_secretariat(
    session, secretariat, forum_member, name
):
    give_seat(seat(session.forum, name), forum_member)
    attend(session, secretariat, name)
    motion = services.open_motion(actor=secretariat, session=session, title="Moción")
    for actor in (forum_member, secretariat):
        with pytest.raises(ValidationError, match="no vota"):
            services.cast_vote(actor=actor, motion=motion, seat=seat(session.forum, name), choice="yes")
    assert motion.votes.count() == 0


def test_the_secretariat_records_votes_on_a_seats_behalf_and_it_says_so(session, secretariat):
    attend(session, secretariat, "Voto 1")
    motion = services.open_motion(actor=secretariat, session=session, title="Moción")
    vote = services.cast_vote(actor=secretariat, motion=motion, seat=seat(session.forum, "Voto 1"), choice="abstain")
    assert vote.recorded_by_secretariat is True
    assert vote.cast_by == secretariat


def test_a_seat_that_is_not_present_cannot_vote(session, secretariat):
    attend(session, secretariat, "Voto 1", status="excused")
    motion = services.open_motion(actor=secretariat, session=session, title="Moción")
    with pytest.raises(ValidationError, match="no está presente"):
        services.cast_vote(actor=secretariat, motion=motion, seat=seat(session.forum, "Voto 1"), choice="yes")


def test_a_closed_vote_takes_no_more_votes(session, secretariat):
    attend(session, secretariat, "Voto 1", "Voto 2", "Voto 3")
    motion = services.open_motion(actor=secretariat, session=session, title="Moción")
    services.close_motion(actor=secretariat, motion=motion)
    with pytest.raises(ValidationError, match="cerrada"):
        services.cast_vote(actor=secretariat, motion=motion, seat=seat(session.forum, "Voto 1"), choice="yes")


def test_closing_computes_the_result_from_the_protocol(session, secretariat):
    attend(session, secretariat, "Voto 1", "Voto 2", "Voto 3")
    motion = services.open_motion(actor=secretariat, session=session, title="Moción", majority="absolute")
    for name, choice in (("Voto 1", "yes"), ("Voto 2", "yes"), ("Voto 3", "abstain")):
        services.cast_vote(actor=secretariat, motion=motion, seat=seat(session.forum, name), choice=choice)
    motion = services.close_motion(actor=secretariat, motion=motion)
    assert motion.outcome == Motion.Outcome.APPROVED
    assert (motion.total_voting, motion.present_voting, motion.quorum_required) == (4, 3, 3)
    assert (motion.yes_count, motion.no_count, motion.abstain_count, motion.yes_needed) == (2, 0, 1, 2)


def test_a_vote_without_quorum_says_so(session, secretariat):
    attend(session, secretariat, "Voto 1", "Voto 2")  # two of four: a majority quorum needs three
    motion = services.open_motion(actor=secretariat, session=session, title="Moción")
    services.cast_vote(actor=secretariat, motion=motion, seat=seat(session.forum, "Voto 1"), choice="yes")
    services.cast_vote(actor=secretariat, motion=motion, seat=seat(session.forum, "Voto 2"), choice="yes")
    motion = services.close_motion(actor=secretariat, motion=motion)
    assert motion.outcome == Motion.Outcome.NO_QUORUM
    assert motion.get_outcome_display() == "Sin quórum: no hay decisión"


def test_the_entitled_list_is_frozen_when_the_vote_closes(session, secretariat, client):
    attend(session, secretariat, "Voto 1", "Voto 2", "Voto 3")
    motion = services.open_motion(actor=secretariat, session=session, title="Aprobar el cronograma")
    services.cast_vote(actor=secretariat, motion=motion, seat=seat(session.forum, "Voto 1"), choice="yes")
    services.close_motion(actor=secretariat, motion=motion)
    frozen = list(VoteEntitlement.objects.filter(motion=motion).values_list("seat_name", "present"))
    assert frozen == [("Voto 1", True), ("Voto 2", True), ("Voto 3", True), ("Voto 4", False)]

    # Later the protocol changes: a voice-only seat gets a vote and a voting seat loses it.
    services.save(_with(seat(session.forum, "Solo voz 1"), right=Right.VOICE_VOTE), actor=secretariat)
    services.save(_with(seat(session.forum, "Voto 4"), right=Right.OBSERVER), actor=secretariat)
    assert list(VoteEntitlement.objects.filter(motion=motion).values_list("seat_name", "present")) == frozen
    page = client.get(f"/mesa/sesiones/{session.pk}/").content.decode()
    assert "Voto 4" in page and "Aprobar el cronograma" in page


def _with(instance, **fields):
    for name, value in fields.items():
        setattr(instance, name, value)
    return instance


def test_only_the_chair_or_the_secretariat_open_and_close_votes(session, secretariat, forum_member, participant):
    give_seat(seat(session.forum, "Voto 1"), participant)  # "Voto 1" chairs the test forum
    give_seat(seat(session.forum, "Voto 2"), forum_member)
    with pytest.raises(PermissionDenied):
        services.open_motion(actor=forum_member, session=session, title="Moción")
    motion = services.open_motion(actor=participant, session=session, title="Moción del presidente")
    with pytest.raises(PermissionDenied):
        services.close_motion(actor=forum_member, motion=motion)
    assert services.close_motion(actor=participant, motion=motion).status == Motion.Status.CLOSED


def test_votes_need_a_session_in_progress_and_recorded_voting_rules(forum, secretariat):
    session = services.convene_session(
        actor=secretariat, forum=forum, date=DAY, place="Sala", agenda=services.parse_agenda("Punto"), send=False
    )
    with pytest.raises(ValidationError, match="en curso"):
        services.open_motion(actor=secretariat, session=session, title="Moción")
    services.advance_session(actor=secretariat, session=session)
    forum.default_majority = ""
    services.save(forum, actor=secretariat)
    with pytest.raises(ValidationError, match="reglas de quórum y mayoría"):
        services.open_motion(actor=secretariat, session=Session.objects.get(pk=session.pk), title="Moción")


def test_the_chair_opens_a_vote_and_a_member_votes_through_the_pages(
    session, secretariat, forum_member, participant, client
):
    give_seat(seat(session.forum, "Voto 1"), participant)  # the chair
    give_seat(seat(session.forum, "Voto 2"), forum_member)
    attend(session, secretariat, "Voto 1", "Voto 2", "Voto 3")
    client.force_login(participant)
    assert "Abrir una votación" in client.get(f"/mesa/sesiones/{session.pk}/").content.decode()
    response = client.post(
        f"/mesa/sesiones/{session.pk}/votaciones/nueva/",
        {"title": "Aprobar el cronograma", "majority": "simple", "base": "present"},
    )
    motion = Motion.objects.get()
    assert response["Location"] == f"/mesa/votaciones/{motion.pk}/"
    services.cast_vote(actor=secretariat, motion=motion, seat=seat(session.forum, "Voto 3"), choice="no")

    client.force_login(forum_member)
    page = client.get(f"/mesa/votaciones/{motion.pk}/").content.decode()
    assert "Su voto por el asiento «Voto 2»" in page
    assert "Votos registrados" not in page  # others' votes are public only once the vote closes
    client.post(
        f"/mesa/votaciones/{motion.pk}/",
        {"accion": "votar", "asiento": seat(session.forum, "Voto 2").pk, "choice": "yes"},
    )
    assert motion.votes.get(seat__name="Voto 2").recorded_by_secretariat is False
    # A member cannot vote for a seat that is not theirs by changing the form.
    response = client.post(
        f"/mesa/votaciones/{motion.pk}/",
        {"accion": "votar", "asiento": seat(session.forum, "Voto 1").pk, "choice": "yes"},
    )
    assert response.status_code == 404
    assert not motion.votes.filter(seat__name="Voto 1").exists()


def test_the_vote_page_of_an_open_motion_is_not_for_the_public(session, secretariat, client, participant):
    motion = services.open_motion(actor=secretariat, session=session, title="Moción")
    client.force_login(participant)
    assert client.get(f"/mesa/votaciones/{motion.pk}/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.cast_vote(actor=participant, motion=motion, seat=seat(session.forum, "Voto 1"), choice="yes")
