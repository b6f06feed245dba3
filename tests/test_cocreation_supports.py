"""Supports: one per person per proposal, a per-person limit per process, withdrawable while the
support stage is open, and counts that always equal the rows, also under concurrency (PostgreSQL)."""

import datetime
import threading

import pytest
import rules
import time_machine
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction

from abierto.cocreation import services
from abierto.cocreation.models import Participation, Proposal, Support
from abierto.cocreation.testing import make_process, make_proposal

START = datetime.date(2026, 3, 1)
SUPPORT_STAGE = datetime.datetime(2026, 3, 12, 12, 0, tzinfo=datetime.UTC)  # reception: 11-20 March


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def process(make_plan):
    return make_process(make_plan(number=5, start=2020, end=2022), template="fifth", start=START, days=10)


@pytest.fixture
def frozen():
    with time_machine.travel(SUPPORT_STAGE, tick=False) as traveller:
        yield traveller


def _rows_match(process):
    for proposal in Proposal.objects.filter(process=process):
        assert proposal.support_count == Support.objects.filter(proposal=proposal).count(), proposal.title
    for participation in Participation.objects.filter(process=process):
        used = Support.objects.filter(user=participation.user, proposal__process=process).count()
        assert participation.supports_used == used


def test_one_support_per_person_per_proposal(process, participant, secretariat, frozen):
    proposal = make_proposal(process, secretariat)
    services.support(proposal=proposal, actor=participant)
    with pytest.raises(ValidationError, match="Ya apoya esta propuesta"):
        services.support(proposal=proposal, actor=participant)
    proposal.refresh_from_db()
    assert proposal.support_count == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(proposal=proposal, user=participant)


def test_the_per_person_limit_holds_and_a_withdrawal_frees_a_support(process, participant, secretariat, frozen):
    process.support_limit = 7
    process.save()
    proposals = [make_proposal(process, secretariat, title=f"Propuesta {n}") for n in range(8)]
    for proposal in proposals[:7]:
        services.support(proposal=proposal, actor=participant)
    with pytest.raises(ValidationError, match="Ya usó sus 7 apoyos"):
        services.support(proposal=proposals[7], actor=participant)
    services.withdraw_support(proposal=proposals[0], actor=participant)
    services.support(proposal=proposals[7], actor=participant)
    assert set(Support.objects.filter(user=participant).values_list("proposal_id", flat=True)) == {
        p.pk for p in proposals[1:]
    }
    _rows_match(process)


def test_withdrawing_what_was_not_given_is_refused(process, participant, secretariat, frozen):
    proposal = make_proposal(process, secretariat)
    with pytest.raises(ValidationError, match="No apoya esta propuesta"):
        services.withdraw_support(proposal=proposal, actor=participant)


def test_drafts_hidden_and_merged_proposals_take_no_supports(process, participant, secretariat, frozen):
    draft = make_proposal(process, secretariat, published=False)
    hidden = make_proposal(process, secretariat, title="Oculta")
    services.hide(actor=secretariat, proposal=hidden, reason="Contenido ofensivo")
    for proposal in (draft, hidden):
        with pytest.raises(Exception, match="no recibe apoyos"):
            services.support(proposal=proposal, actor=participant)


PERSONAS_MAY_SUPPORT = {
    "anonymous": False,
    "participant": True,
    "implementer": True,
    "other_implementer": True,
    "secretariat": True,
    "forum_member": True,
    "evaluator": True,
}


def test_who_may_support_during_and_outside_the_stage(process, personas, secretariat):
    with time_machine.travel(SUPPORT_STAGE, tick=False):
        proposal = make_proposal(process, secretariat)
        for name, person in personas.items():
            assert rules.has_perm("cocreation.support_proposal", person, proposal) is PERSONAS_MAY_SUPPORT[name], name
    with time_machine.travel(SUPPORT_STAGE + datetime.timedelta(days=30), tick=False):
        for name, person in personas.items():
            assert rules.has_perm("cocreation.support_proposal", person, proposal) is False, name


def test_supporting_over_http_and_the_shown_count_equals_the_rows(
    client, process, participant, forum_member, secretariat, frozen
):
    first = make_proposal(process, secretariat, title="Primera")
    second = make_proposal(process, secretariat, title="Segunda")
    for person in (participant, forum_member):
        client.force_login(person)
        response = client.post(f"/cocreacion/5/propuestas/{first.pk}/apoyo/", {"accion": "apoyar"}, follow=True)
        assert "Gracias: su apoyo quedó registrado." in response.content.decode()
    client.post(f"/cocreacion/5/propuestas/{second.pk}/apoyo/", {"accion": "apoyar"})
    client.post(f"/cocreacion/5/propuestas/{second.pk}/apoyo/", {"accion": "apoyar"})  # twice: counted once
    response = client.post(f"/cocreacion/5/propuestas/{second.pk}/apoyo/", {"accion": "retirar"}, follow=True)
    assert "Retiró su apoyo." in response.content.decode()
    _rows_match(process)
    page = client.get(f"/cocreacion/5/propuestas/{first.pk}/").content.decode()
    assert f"{Support.objects.filter(proposal=first).count()} apoyos" in page
    listing = client.get("/cocreacion/5/propuestas/").content.decode()
    assert "2 apoyos" in listing and "0 apoyos" in listing


def test_the_support_button_is_refused_after_the_stage(client, process, participant, secretariat):
    with time_machine.travel(SUPPORT_STAGE, tick=False):
        proposal = make_proposal(process, secretariat)
    with time_machine.travel(SUPPORT_STAGE + datetime.timedelta(days=30), tick=False):
        client.force_login(participant)
        response = client.post(f"/cocreacion/5/propuestas/{proposal.pk}/apoyo/", {"accion": "apoyar"}, follow=True)
    assert "No se puede apoyar propuestas ahora" in response.content.decode()
    assert not Support.objects.exists()


def test_supports_are_rate_limited(client, process, participant, secretariat, frozen, settings):
    settings.ABIERTO_COCREATION_RATES = {"support": (3, 100, 600)}
    proposal = make_proposal(process, secretariat)
    client.force_login(participant)
    for _ in range(3):
        client.post(f"/cocreacion/5/propuestas/{proposal.pk}/apoyo/", {"accion": "apoyar"})
    response = client.post(f"/cocreacion/5/propuestas/{proposal.pk}/apoyo/", {"accion": "retirar"}, follow=True)
    assert "Ha hecho muchos envíos seguidos" in response.content.decode()
    assert Support.objects.count() == 1  # the withdrawal was refused


# --------------------------------------------------------------------------- concurrency

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Threads need separate connections to one database; SQLite's in-memory test database is not shared "
    "between threads (SQLite serialises writers with BEGIN IMMEDIATE in any case). Run on PostgreSQL.",
)


def _in_threads(target, args_list):
    barrier = threading.Barrier(len(args_list))
    errors: list[Exception] = []

    def run(*args):
        try:
            barrier.wait()
            target(*args)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=args) for args in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_many_people_supporting_at_once_are_each_counted_once(process, secretariat):
    users = [get_user_model().objects.create_user(f"persona{n}") for n in range(24)]
    with time_machine.travel(SUPPORT_STAGE, tick=False):
        proposal = make_proposal(process, secretariat)
        errors = _in_threads(lambda user: services.support(proposal=proposal, actor=user), [(u,) for u in users])
        assert errors == []
        proposal.refresh_from_db()
        assert proposal.support_count == Support.objects.filter(proposal=proposal).count() == 24
        # The same person from many tabs at once: one support.
        errors = _in_threads(lambda _n: services.support(proposal=proposal, actor=users[0]), [(n,) for n in range(8)])
        assert len(errors) == 8
        proposal.refresh_from_db()
        assert proposal.support_count == 24
        _rows_match(process)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_the_per_person_limit_holds_under_concurrency(process, participant, secretariat):
    process.support_limit = 7
    process.save()
    with time_machine.travel(SUPPORT_STAGE, tick=False):
        proposals = [make_proposal(process, secretariat, title=f"Propuesta {n}") for n in range(12)]
        errors = _in_threads(lambda p: services.support(proposal=p, actor=participant), [(p,) for p in proposals])
        assert len(errors) == 5 and all("Ya usó sus 7 apoyos" in str(e) for e in errors)
        assert Support.objects.filter(user=participant).count() == 7
        assert Participation.objects.get(user=participant).supports_used == 7
        # Supports and withdrawals racing: still exact.
        supported = list(Proposal.objects.filter(supports__user=participant))
        others = [p for p in proposals if p not in supported]
        calls = [(services.withdraw_support, p) for p in supported[:3]] + [(services.support, p) for p in others]
        _in_threads(lambda fn, p: fn(proposal=p, actor=participant), calls)
        used = Support.objects.filter(user=participant).count()
        assert used <= 7
        assert Participation.objects.get(user=participant).supports_used == used
        _rows_match(process)


def test_editing_or_answering_a_stale_copy_never_overwrites_the_count(
    process, participant, forum_member, secretariat, frozen
):
    proposal = make_proposal(process, participant)
    stale = Proposal.objects.get(pk=proposal.pk)
    services.support(proposal=proposal, actor=forum_member)
    services.save_proposal(process=process, actor=participant, proposal=stale, data={"title": "Nuevo título"})
    stale.refresh_from_db()
    assert stale.support_count == 1 and stale.title == "Nuevo título"
    stale.support_count = 0  # a copy read before the support
    services.respond(proposal=stale, actor=secretariat, kind="not_adopted", text="Fuera del alcance")
    assert Proposal.objects.get(pk=proposal.pk).support_count == 1


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (0, "203.0.113.9", "10.0.0.2"),  # no proxy trusted: the header is ignored
        (1, "203.0.113.9", "203.0.113.9"),  # behind nginx: the address nginx saw
        (1, "198.51.100.7, 203.0.113.9", "203.0.113.9"),  # a forged entry on the left is ignored
        (2, "198.51.100.7, 203.0.113.9", "198.51.100.7"),  # behind a balancer and nginx
        (2, "203.0.113.9", "10.0.0.2"),  # fewer entries than proxies: the connection's address
    ],
)
def test_the_rate_limits_count_the_visitors_address_behind_trusted_proxies(settings, rf, proxies, forwarded, expected):
    from abierto.cocreation import ratelimit

    settings.ABIERTO_TRUSTED_PROXIES = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert ratelimit.client_ip(request) == expected
