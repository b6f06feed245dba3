"""Who may do what in the forum, as truth tables over every persona."""

import datetime

import pytest
import rules

from abierto.forum import services
from abierto.forum.models import Minutes
from abierto.forum.testing import give_seat, make_forum, seat

PERSONAS = ["anonymous", "participant", "implementer", "other_implementer", "secretariat", "forum_member", "evaluator"]


@pytest.fixture
def forum(db, forum_member):
    forum = make_forum()
    give_seat(seat(forum, "Voto 2"), forum_member)
    return forum


@pytest.fixture
def session(forum, secretariat):
    return services.convene_session(
        actor=secretariat, forum=forum, date=datetime.date(2026, 12, 1), place="Sala", agenda=[], send=False
    )


def table(personas, perm, obj=None):
    return {name: rules.has_perm(perm, personas[name], obj) for name in PERSONAS}


def only(*names):
    return {name: name in names for name in PERSONAS}


def test_only_the_secretariat_manages_the_forum(personas, forum):
    assert table(personas, "forum.manage") == only("secretariat")
    assert table(personas, "forum.record_vote_on_behalf") == only("secretariat")


def test_motions_are_run_by_the_secretariat_or_the_chair(personas, session, forum):
    assert table(personas, "forum.run_motion", session) == only("secretariat")
    give_seat(seat(forum, "Voto 1"), personas["participant"])  # the chair's seat
    personas["participant"].__dict__.pop("_forum_seat_ids", None)
    assert table(personas, "forum.run_motion", session) == only("secretariat", "participant")


def test_a_seat_votes_only_through_whoever_holds_it_and_only_with_a_vote(personas, forum):
    assert table(personas, "forum.vote_for_seat", seat(forum, "Voto 2")) == only("forum_member")
    assert table(personas, "forum.vote_for_seat", seat(forum, "Voto 3")) == only()
    give_seat(seat(forum, "Solo voz 1"), personas["evaluator"])
    assert table(personas, "forum.vote_for_seat", seat(forum, "Solo voz 1")) == only()


def test_drafts_are_seen_and_circulated_minutes_commented_by_members(personas, session, secretariat):
    assert table(personas, "forum.view_drafts") == only("secretariat", "forum_member")
    minutes = services.draft_minutes(actor=secretariat, session=session)
    assert table(personas, "forum.comment_minutes", minutes) == only()
    services.circulate_minutes(actor=secretariat, minutes=minutes)
    assert minutes.status == Minutes.Status.CIRCULATED
    assert table(personas, "forum.comment_minutes", minutes) == only("forum_member")


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_secretariat_screens_answer_each_persona(client, personas, persona, session):
    if persona != "anonymous":
        client.force_login(personas[persona])
    for url in ("/mesa/sesiones/convocar/", f"/mesa/sesiones/{session.pk}/gestion/", "/mesa/acuerdos/"):
        status = client.get(url).status_code
        expected = 200 if persona == "secretariat" else (302 if persona == "anonymous" else 403)
        assert status == expected, url
