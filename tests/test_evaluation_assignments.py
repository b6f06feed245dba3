"""Assigning proposals: by hand and "assign evenly" (k evaluators per proposal, balanced, never a proposal
to its own author), only published, visible, not merged proposals, only to forum members or appointed
evaluators; each assignment recorded and its evaluator told."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from abierto.accounts.models import Role
from abierto.audit.models import AuditEvent
from abierto.cocreation.models import Proposal
from abierto.cocreation.testing import make_proposal
from abierto.evaluation import services
from abierto.evaluation.models import Assignment
from abierto.evaluation.testing import assign, give_scores, make_criteria, make_evaluation_process
from abierto.notifications.models import Notification


@pytest.fixture
def process(make_plan):
    return make_evaluation_process(make_plan(number=5, start=2020, end=2022))


@pytest.fixture
def members(db):
    people = []
    for n in range(4):
        person = get_user_model().objects.create_user(f"mesa{n}", email=f"mesa{n}@example.org", password="x-123456789")
        Role.objects.create(user=person, kind=Role.Kind.FORUM_MEMBER)
        people.append(person)
    return people


def test_assign_evenly_balances_gives_k_each_and_never_self(process, secretariat, members, participant):
    proposals = [make_proposal(process, participant, title=f"Propuesta {n}") for n in range(5)]
    own = make_proposal(process, members[0], title="La propuesta de una integrante")
    result = services.assign_evenly(process=process, evaluators=members, k=2, actor=secretariat)
    assert result.short == {}
    rows = list(Assignment.objects.values_list("proposal_id", "evaluator_id"))
    assert len(rows) == 12
    for proposal in [*proposals, own]:
        assert sum(1 for p, _e in rows if p == proposal.pk) == 2
    assert (own.pk, members[0].pk) not in rows
    loads = [sum(1 for _p, e in rows if e == m.pk) for m in members]
    assert max(loads) - min(loads) <= 1
    assert AuditEvent.objects.filter(object_type="assignment", action="create").count() == 12
    assert not AuditEvent.objects.filter(object_type="assignment", plan__isnull=False).exists()


def test_assign_evenly_skips_drafts_hidden_and_merged_proposals_and_counts_existing(
    process, secretariat, members, participant
):
    kept = make_proposal(process, participant, title="Visible")
    make_proposal(process, participant, title="Borrador", published=False)
    make_proposal(process, participant, title="Oculta", hidden_at=timezone.now(), hidden_reason="Spam")
    make_proposal(
        process,
        participant,
        title="Fusionada",
        response_kind=Proposal.Response.MERGED,
        merged_into=kept,
        responded_at=timezone.now(),
    )
    assign(kept, members[0])
    services.assign_evenly(process=process, evaluators=members, k=2, actor=secretariat)
    assert set(Assignment.objects.values_list("proposal_id", flat=True)) == {kept.pk}
    assert Assignment.objects.count() == 2
    again = services.assign_evenly(process=process, evaluators=members, k=2, actor=secretariat)
    assert again.pairs == [] and Assignment.objects.count() == 2


def test_assign_evenly_reports_what_it_could_not_fill(process, secretariat, members):
    own = make_proposal(process, members[0])
    result = services.assign_evenly(process=process, evaluators=members[:2], k=2, actor=secretariat)
    assert result.short == {own.pk: 1}
    assert list(Assignment.objects.values_list("evaluator_id", flat=True)) == [members[1].pk]


def test_nobody_is_told_before_the_commit(process, secretariat, members, participant):
    for n in range(3):
        make_proposal(process, participant, title=f"P{n}")
    services.assign_evenly(process=process, evaluators=members[:2], k=1, actor=secretariat)
    # The test runs inside a transaction that never commits: the notices wait for the commit.
    assert not Notification.objects.exists()


def test_each_evaluator_is_told_after_the_commit(
    process, secretariat, members, participant, django_capture_on_commit_callbacks
):
    for n in range(3):
        make_proposal(process, participant, title=f"P{n}")
    with django_capture_on_commit_callbacks(execute=True):
        services.assign_evenly(process=process, evaluators=members[:2], k=1, actor=secretariat)
    notices = Notification.objects.filter(kind="evaluation_assigned")
    assert sorted(notices.values_list("user_id", flat=True)) == sorted([members[0].pk, members[1].pk])
    assert all(n.url == f"/cocreacion/{process.slug}/evaluacion/mis-asignaciones/" for n in notices)


def test_by_hand_refuses_the_author_people_without_the_role_and_twice(
    process, secretariat, members, participant, implementer
):
    proposal = make_proposal(process, members[0])
    with pytest.raises(ValidationError, match="propia propuesta"):
        services.assign(proposal=proposal, evaluator=members[0], actor=secretariat)
    with pytest.raises(ValidationError, match="integrantes de la Mesa"):
        services.assign(proposal=proposal, evaluator=implementer, actor=secretariat)
    services.assign(proposal=proposal, evaluator=members[1], actor=secretariat)
    with pytest.raises(ValidationError, match="ya tiene asignada"):
        services.assign(proposal=proposal, evaluator=members[1], actor=secretariat)
    assert Assignment.objects.count() == 1


def test_the_assignment_page_assigns_by_hand_and_evenly(secretariat_client, process, members, participant):
    url = f"/cocreacion/{process.slug}/evaluacion/asignacion/"
    proposal = make_proposal(process, participant)
    page = secretariat_client.get(url)
    assert page.status_code == 200
    response = secretariat_client.post(
        url, {"accion": "asignar", "una-proposal": proposal.pk, "una-evaluator": members[2].pk}
    )
    assert response.status_code == 302
    response = secretariat_client.post(
        url, {"accion": "repartir", "reparto-evaluators": [m.pk for m in members], "reparto-k": "3"}
    )
    assert response.status_code == 302
    assert Assignment.objects.filter(proposal=proposal).count() == 3
    refused = secretariat_client.post(url, {"accion": "repartir", "reparto-k": "2"})
    assert refused.status_code == 400
    assert "Elija al menos una persona." in refused.content.decode()


def test_an_assignment_with_scores_cannot_be_removed(secretariat_client, process, members, participant):
    criteria = make_criteria(process)
    proposal = make_proposal(process, participant)
    scored, free = assign(proposal, members[0]), assign(proposal, members[1])
    give_scores(scored, criteria, [3, None])
    base = f"/cocreacion/{process.slug}/evaluacion/asignacion/"
    secretariat_client.post(f"{base}{scored.pk}/quitar/")
    secretariat_client.post(f"{base}{free.pk}/quitar/")
    assert list(Assignment.objects.values_list("pk", flat=True)) == [scored.pk]
    assert AuditEvent.objects.filter(object_type="assignment", action="delete").count() == 1
