"""The national consultation generator (``generate_scale --cocreation``), at its small size: the rows it writes
respect every rule the services enforce, the same seed gives the same data, and a rerun replaces it."""

import datetime
import io
from collections import Counter

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count

from abierto.cocreation import scale
from abierto.cocreation.models import (
    CoCreationProcess,
    Comment,
    Participation,
    ProcessTerm,
    Proposal,
    ProposalTerm,
    Support,
)
from abierto.cocreation.similarity import TOTAL

TODAY = datetime.datetime(2026, 3, 12, 12, 0, tzinfo=datetime.UTC)
SIZE = scale.SIZES["small"]


@pytest.fixture
def consultation(db):
    with time_machine.travel(TODAY, tick=False):
        report = scale.ConsultationBuilder("small").run()
    return CoCreationProcess.objects.get(slug=scale.PROCESS_SLUG), report


def test_it_builds_the_requested_rows(consultation):
    _process, report = consultation
    assert report.counts["proposals"] == SIZE.proposals
    assert report.counts["people"] == SIZE.people
    assert report.counts["supports"] == SIZE.supports
    assert report.counts["comments"] == SIZE.comments
    assert 0 < report.counts["hidden"] < SIZE.proposals // 20
    assert 0 < report.counts["merged"] < report.counts["responded"]
    people = get_user_model().objects.filter(username__startswith=scale.USER_PREFIX)
    assert people.filter(password__startswith="!").count() == SIZE.people  # unusable passwords


def test_counters_equal_the_rows_and_nobody_passes_the_limit(consultation):
    process, _report = consultation
    rows = Counter(Support.objects.filter(proposal__process=process).values_list("proposal_id", flat=True))
    for pk, count in Proposal.objects.filter(process=process).values_list("pk", "support_count"):
        assert count == rows.get(pk, 0)
    per_person = Counter(Support.objects.filter(proposal__process=process).values_list("user_id", flat=True))
    assert max(per_person.values()) <= process.support_limit == 7
    assert dict(Participation.objects.filter(process=process).values_list("user_id", "supports_used")) == per_person
    assert not Support.objects.filter(proposal__process=process, proposal__response_kind="merged").exists()
    pairs = Support.objects.values("proposal_id", "user_id").annotate(n=Count("id")).filter(n__gt=1)
    assert not pairs.exists()


def test_the_support_stage_is_open_on_the_day_it_was_built(consultation):
    process, _report = consultation
    with time_machine.travel(TODAY, tick=False):
        assert process.allows("support") and process.allows("comment") and process.allows("submit")


def test_texts_are_spanish_with_their_stems_and_the_similarity_index(consultation):
    process, _report = consultation
    proposal = Proposal.objects.filter(process=process).order_by("pk").first()
    assert proposal.title and proposal.problem and proposal.what
    from abierto.cocreation.text import terms_of

    assert proposal.terms == terms_of(proposal.similarity_text())
    assert set(ProposalTerm.objects.filter(proposal=proposal).values_list("term", flat=True)) == set(
        proposal.terms.split()
    )
    frequencies = dict(ProcessTerm.objects.filter(process=process).values_list("term", "df"))
    assert frequencies[TOTAL] == SIZE.proposals
    counted = Counter(ProposalTerm.objects.filter(process=process).values_list("term", flat=True))
    assert {term: df for term, df in frequencies.items() if term != TOTAL} == dict(counted)


def test_comments_are_threaded_three_levels_at_most(consultation):
    process, _report = consultation
    comments = list(Comment.objects.filter(proposal__process=process).select_related("parent"))
    assert {c.depth for c in comments} == {1, 2, 3}
    for comment in comments:
        if comment.parent is None:
            assert comment.depth == 1
        else:
            assert comment.depth == comment.parent.depth + 1
            assert comment.proposal_id == comment.parent.proposal_id


def test_same_seed_same_data_and_a_rerun_replaces_it(consultation):
    process, _report = consultation
    first = list(Proposal.objects.filter(process=process).order_by("pk").values_list("title", "support_count"))
    with time_machine.travel(TODAY, tick=False):
        call_command("generate_scale", "--cocreation", "small", stdout=io.StringIO())
    again = CoCreationProcess.objects.get(slug=scale.PROCESS_SLUG)
    assert again.pk != process.pk
    assert list(Proposal.objects.filter(process=again).order_by("pk").values_list("title", "support_count")) == first
    assert CoCreationProcess.objects.filter(slug=scale.PROCESS_SLUG).count() == 1
    assert Support.objects.count() == SIZE.supports
    assert get_user_model().objects.filter(username__startswith=scale.USER_PREFIX).count() == SIZE.people


def test_a_rerun_after_supports_given_through_the_site_replaces_them_too(consultation):
    """A benchmark's supports are given by synthetic people through the site, each with its audit event: a rerun
    takes those away with the people, instead of failing on them."""
    from abierto.audit.models import AuditEvent
    from abierto.cocreation import services

    process, _report = consultation
    idle = (
        get_user_model()
        .objects.filter(username__startswith=scale.USER_PREFIX)
        .exclude(pk__in=Participation.objects.values("user_id"))
        .first()
    )
    proposal = Proposal.objects.filter(process=process, status=Proposal.Status.PUBLISHED, hidden_at=None).first()
    with time_machine.travel(TODAY, tick=False):
        proposal.process = CoCreationProcess.objects.get(pk=process.pk)
        services.support(proposal=proposal, actor=idle)
        assert AuditEvent.objects.filter(actor=idle).count() == 1
        call_command("generate_scale", "--cocreation", "small", stdout=io.StringIO())
    assert not AuditEvent.objects.filter(actor_id=idle.pk).exists()
    assert Support.objects.count() == SIZE.supports
