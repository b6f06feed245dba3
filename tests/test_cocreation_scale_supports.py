"""The fast support path keeps every guarantee: a refusal leaves no trace (the counter moved first goes back),
the messages keep their order, each support has its audit event, the page cache hears of it, and the POST makes
a small fixed number of queries."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ValidationError

from abierto.audit.models import AuditEvent
from abierto.cocreation import services
from abierto.cocreation.models import Participation, Proposal, Support
from abierto.cocreation.testing import make_process, make_proposal
from abierto.core import pagecache

START = datetime.date(2026, 3, 1)
SUPPORT_STAGE = datetime.datetime(2026, 3, 12, 12, 0, tzinfo=datetime.UTC)  # reception: 11-20 March


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def frozen():
    with time_machine.travel(SUPPORT_STAGE, tick=False) as traveller:
        yield traveller


@pytest.fixture
def process(make_plan):
    return make_process(make_plan(number=5, start=2020, end=2022), template="fifth", start=START, days=10)


def _used(process, person) -> int:
    return Participation.objects.get(process=process, user=person).supports_used


def test_a_repeated_support_is_refused_and_the_counter_goes_back(process, participant, secretariat, frozen):
    proposal = make_proposal(process, secretariat)
    services.support(proposal=proposal, actor=participant)
    with pytest.raises(ValidationError, match="Ya apoya esta propuesta"):
        services.support(proposal=proposal, actor=participant)
    assert _used(process, participant) == 1
    assert Proposal.objects.get(pk=proposal.pk).support_count == 1


def test_at_the_limit_an_old_support_is_named_before_the_limit(process, participant, secretariat, frozen):
    process.support_limit = 2
    process.save()
    first, second, third = (make_proposal(process, secretariat, title=f"P{n}") for n in range(3))
    services.support(proposal=first, actor=participant)
    services.support(proposal=second, actor=participant)
    with pytest.raises(ValidationError, match="Ya apoya esta propuesta"):
        services.support(proposal=first, actor=participant)
    with pytest.raises(ValidationError, match="Ya usó sus 2 apoyos"):
        services.support(proposal=third, actor=participant)
    assert _used(process, participant) == 2
    services.withdraw_support(proposal=first, actor=participant)
    services.support(proposal=third, actor=participant)
    assert _used(process, participant) == 2
    assert set(Support.objects.filter(user=participant).values_list("proposal_id", flat=True)) == {second.pk, third.pk}


def test_withdrawing_what_was_not_given_leaves_the_counter(process, participant, secretariat, frozen):
    given, other = make_proposal(process, secretariat), make_proposal(process, secretariat, title="Otra")
    services.support(proposal=given, actor=participant)
    with pytest.raises(ValidationError, match="No apoya esta propuesta"):
        services.withdraw_support(proposal=other, actor=participant)
    assert _used(process, participant) == 1


def test_each_support_and_withdrawal_has_its_audit_event(process, participant, secretariat, frozen):
    proposal = make_proposal(process, secretariat)
    row = services.support(proposal=proposal, actor=participant)
    services.withdraw_support(proposal=proposal, actor=participant)
    events = list(AuditEvent.objects.filter(object_type="support").order_by("id"))
    assert [(e.action, e.object_id, e.changes, e.actor_id) for e in events] == [
        ("create", str(row.pk), {"proposal": [None, proposal.pk]}, participant.pk),
        ("delete", str(row.pk), {"proposal": [proposal.pk, None]}, participant.pk),
    ]


@pytest.mark.django_db(transaction=True)
def test_a_support_raises_the_page_cache_version_with_its_commit(process, participant, secretariat, frozen):
    proposal = make_proposal(process, secretariat)
    # The person's participation row exists already: the support itself saves no model instance.
    Participation.objects.create(process=process, user=participant, supports_used=0)
    before = pagecache.current_version("participation")
    services.support(proposal=proposal, actor=participant)
    assert pagecache.current_version("participation") == before + 1
    with pytest.raises(ValidationError):
        services.support(proposal=proposal, actor=participant)  # refused: rolled back, nothing changed
    assert pagecache.current_version("participation") == before + 1


def test_the_support_post_makes_few_queries(
    client, process, participant, secretariat, frozen, django_assert_max_num_queries
):
    first, second = make_proposal(process, secretariat), make_proposal(process, secretariat, title="Otra")
    client.force_login(participant)
    # Session, person, process and stages (from the cache in production), proposal; then in one transaction the
    # person's counter (created by the first support), the support row, the proposal's counter, the audit event
    # and the page cache's version.
    with django_assert_max_num_queries(12):
        assert client.post(f"/cocreacion/5/propuestas/{first.pk}/apoyo/", {"accion": "apoyar"}).status_code == 302
    with django_assert_max_num_queries(12):
        assert client.post(f"/cocreacion/5/propuestas/{second.pk}/apoyo/", {"accion": "apoyar"}).status_code == 302
    with django_assert_max_num_queries(40):  # refused: the proposal page again, without the similar proposals
        assert client.post(f"/cocreacion/5/propuestas/{second.pk}/apoyo/", {"accion": "apoyar"}).status_code == 409
    assert Support.objects.filter(user=participant).count() == 2
