"""A declared conflict of interest: the member can no longer score that proposal, their scores (if any)
are excluded from the aggregate, and the declaration is recorded with its reason."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from abierto.audit.models import AuditEvent
from abierto.cocreation.testing import make_proposal
from abierto.evaluation import selectors, services
from abierto.evaluation.models import ConflictDeclaration, Score
from abierto.evaluation.testing import DURING, assign, give_scores, make_criteria, make_evaluation_process


@pytest.fixture(autouse=True)
def _during():
    with time_machine.travel(DURING, tick=False):
        yield


@pytest.fixture
def process(make_plan):
    return make_evaluation_process(make_plan(number=5, start=2020, end=2022))


@pytest.fixture
def criteria(process):
    return make_criteria(process)


@pytest.fixture
def proposal(process, participant):
    return make_proposal(process, participant)


def test_conflicted_scores_are_excluded_from_the_aggregate(process, proposal, criteria, forum_member, evaluator):
    mine = assign(proposal, forum_member)
    theirs = assign(proposal, evaluator)
    give_scores(mine, criteria, [5, 5])  # 100
    give_scores(theirs, criteria, [1, 3])  # 25
    assert selectors.ranking(process).rows[0].result.score == 62.5
    services.declare_conflict(assignment=mine, actor=forum_member, reason="Trabajo en la organización autora.")
    result = selectors.ranking(process).rows[0].result
    assert (result.score, result.evaluations, result.conflicts, result.missing) == (25, 1, 1, 0)
    assert Score.objects.filter(assignment=mine).count() == 2  # kept, only excluded


def test_after_a_conflict_the_member_cannot_score(process, proposal, criteria, forum_member):
    assignment = assign(proposal, forum_member)
    services.declare_conflict(assignment=assignment, actor=forum_member, reason="Familiar de la autora.")
    assignment.refresh_from_db()
    with pytest.raises(PermissionDenied, match="conflicto de interés"):
        services.save_scores(assignment=assignment, actor=forum_member, values={criteria[0].pk: (3, "")})
    assert not Score.objects.exists()


def test_a_conflict_needs_a_reason_and_is_recorded(client, process, proposal, criteria, forum_member):
    assignment = assign(proposal, forum_member)
    client.force_login(forum_member)
    url = f"/cocreacion/{process.slug}/evaluacion/asignaciones/{assignment.pk}/conflicto/"
    refused = client.post(url, {"reason": "   "})
    assert refused.status_code == 400
    assert "Indique el motivo del conflicto de interés." in refused.content.decode()
    assert not ConflictDeclaration.objects.exists()
    assert client.post(url, {"reason": "Asesoré la redacción."}).status_code == 302
    declaration = ConflictDeclaration.objects.get()
    assert declaration.reason == "Asesoré la redacción."
    event = AuditEvent.objects.get(object_type="conflictdeclaration")
    assert event.actor == forum_member and event.plan_id is None
    page = client.get(f"/cocreacion/{process.slug}/evaluacion/asignaciones/{assignment.pk}/").content.decode()
    assert "Declaró un conflicto de interés" in page
    assert "Guardar puntajes" not in page


def test_only_the_assignee_declares_and_only_once(process, proposal, forum_member, evaluator):
    assignment = assign(proposal, forum_member)
    with pytest.raises(PermissionDenied):
        services.declare_conflict(assignment=assignment, actor=evaluator, reason="No es mía.")
    services.declare_conflict(assignment=assignment, actor=forum_member, reason="Sí es mía.")
    assignment.refresh_from_db()
    with pytest.raises((PermissionDenied, ValidationError)):
        services.declare_conflict(assignment=assignment, actor=forum_member, reason="Otra vez.")
    assert ConflictDeclaration.objects.count() == 1
