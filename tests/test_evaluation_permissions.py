"""Who may do what in the evaluation, as truth tables over every persona, with the clock frozen
before, during and after the evaluation stage."""

import pytest
import rules
import time_machine

from abierto.cocreation.testing import make_proposal
from abierto.evaluation import services
from abierto.evaluation.testing import AFTER, BEFORE, DURING, assign, make_criteria, make_evaluation_process

NOBODY = dict.fromkeys(
    ["anonymous", "participant", "implementer", "other_implementer", "secretariat", "forum_member", "evaluator"], False
)
SECRETARIAT = {**NOBODY, "secretariat": True}
ASSIGNABLE = {**NOBODY, "forum_member": True, "evaluator": True}
EVERYONE = dict.fromkeys(NOBODY, True)


@pytest.fixture
def process(make_plan):
    return make_evaluation_process(make_plan(number=5, start=2020, end=2022))


@pytest.fixture
def proposal(process, participant):
    return make_proposal(process, participant)


def _table(perm, personas, obj):
    return {name: rules.has_perm(perm, person, obj) for name, person in personas.items()}


@pytest.mark.parametrize("moment", [BEFORE, DURING, AFTER])
def test_only_the_secretariat_manages_criteria_assignments_and_the_ranking(process, personas, moment):
    with time_machine.travel(moment, tick=False):
        assert _table("evaluation.manage", personas, process) == SECRETARIAT


def test_forum_members_and_appointed_evaluators_see_their_assignments(process, personas):
    assert _table("evaluation.view_own_assignments", personas, process) == ASSIGNABLE


def test_scoring_is_for_the_assignee_only_and_only_during_the_evaluation_stage(process, proposal, personas):
    member_assignment = assign(proposal, personas["forum_member"])
    evaluator_assignment = assign(proposal, personas["evaluator"])
    with time_machine.travel(DURING, tick=False):
        assert _table("evaluation.score", personas, member_assignment) == {**NOBODY, "forum_member": True}
        assert _table("evaluation.score", personas, evaluator_assignment) == {**NOBODY, "evaluator": True}
    for moment in (BEFORE, AFTER):
        with time_machine.travel(moment, tick=False):
            assert _table("evaluation.score", personas, member_assignment) == NOBODY


def test_a_declared_conflict_takes_away_the_right_to_score(process, proposal, personas):
    assignment = assign(proposal, personas["forum_member"])
    with time_machine.travel(DURING, tick=False):
        services.declare_conflict(assignment=assignment, actor=personas["forum_member"], reason="Asesoré a la autora.")
        assignment.refresh_from_db()
        assert _table("evaluation.score", personas, assignment) == NOBODY
        assert _table("evaluation.declare_conflict", personas, assignment) == NOBODY


def test_a_conflict_can_be_declared_by_the_assignee_at_any_time_until_publication(process, proposal, personas):
    assignment = assign(proposal, personas["forum_member"])
    for moment in (BEFORE, DURING, AFTER):
        with time_machine.travel(moment, tick=False):
            assert _table("evaluation.declare_conflict", personas, assignment) == {**NOBODY, "forum_member": True}
    with time_machine.travel(AFTER, tick=False):
        services.publish_results(process=process, actor=personas["secretariat"])
        process.refresh_from_db()
        assignment = type(assignment).objects.select_related("proposal__process").get(pk=assignment.pk)
        assert _table("evaluation.declare_conflict", personas, assignment) == NOBODY


def test_a_member_who_loses_the_role_can_no_longer_score(process, proposal, forum_member):
    assignment = assign(proposal, forum_member)
    forum_member.roles.update(revoked_at="2026-01-01T00:00:00Z")
    fresh = type(forum_member).objects.get(pk=forum_member.pk)  # roles are read once per user object
    with time_machine.travel(DURING, tick=False):
        assert rules.has_perm("evaluation.score", fresh, assignment) is False


def test_results_are_published_by_the_secretariat_only_after_the_stage(process, personas):
    for moment in (BEFORE, DURING):
        with time_machine.travel(moment, tick=False):
            assert _table("evaluation.publish_results", personas, process) == NOBODY
    with time_machine.travel(AFTER, tick=False):
        assert _table("evaluation.publish_results", personas, process) == SECRETARIAT


def test_results_are_public_for_everyone_once_published_and_for_nobody_before(process, personas):
    make_criteria(process)
    assert _table("evaluation.view_results", personas, process) == NOBODY
    with time_machine.travel(AFTER, tick=False):
        services.publish_results(process=process, actor=personas["secretariat"])
    process.refresh_from_db()
    assert _table("evaluation.view_results", personas, process) == EVERYONE
