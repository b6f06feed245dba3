"""The progress arithmetic of domain.md: weighted means, withdrawn milestones out,
recomputed on every write and delete."""

from decimal import Decimal

import pytest

from abierto.plans import progress, services
from abierto.plans.models import Milestone

pytestmark = pytest.mark.django_db


def test_a_commitment_is_the_weighted_mean_of_its_milestones(make_plan, make_commitment, make_milestone):
    commitment = make_commitment(make_plan())
    make_milestone(commitment, weight="3", status=Milestone.Status.COMPLETED, progress=100)
    make_milestone(commitment, weight="1", status=Milestone.Status.IN_PROGRESS, progress=20)
    commitment.refresh_from_db()
    assert commitment.progress_computed == Decimal("80.00")
    assert commitment.progress_milestones_counted == 2


def test_a_withdrawn_milestone_leaves_the_arithmetic(make_plan, make_commitment, make_milestone):
    commitment = make_commitment(make_plan())
    make_milestone(commitment, weight="1", status=Milestone.Status.COMPLETED, progress=100)
    make_milestone(commitment, weight="5", status=Milestone.Status.WITHDRAWN, progress=0)
    commitment.refresh_from_db()
    assert commitment.progress_computed == Decimal("100.00")
    assert commitment.progress_milestones_counted == 1


def test_a_commitment_without_milestones_has_no_figure_not_zero(make_plan, make_commitment):
    commitment = make_commitment(make_plan())
    commitment.refresh_from_db()
    assert commitment.progress_computed is None


def test_a_commitment_whose_milestones_are_all_withdrawn_has_no_figure(make_plan, make_commitment, make_milestone):
    commitment = make_commitment(make_plan())
    make_milestone(commitment, status=Milestone.Status.WITHDRAWN)
    commitment.refresh_from_db()
    assert commitment.progress_computed is None


def test_progress_is_recomputed_when_a_milestone_changes(make_plan, make_commitment, make_milestone):
    commitment = make_commitment(make_plan())
    milestone = make_milestone(commitment, status=Milestone.Status.IN_PROGRESS, progress=10)
    services.milestone_update_progress(milestone=milestone, actor=None, status="completed", progress_value=100)
    commitment.refresh_from_db()
    assert commitment.progress_computed == Decimal("100.00")
    assert commitment.plan.__class__.objects.get(pk=commitment.plan_id).progress_computed == Decimal("100.00")


def test_progress_is_recomputed_when_a_milestone_is_deleted(make_plan, make_commitment, make_milestone):
    commitment = make_commitment(make_plan())
    make_milestone(commitment, status=Milestone.Status.COMPLETED, progress=100)
    late = make_milestone(commitment, status=Milestone.Status.NOT_STARTED, progress=0)
    commitment.refresh_from_db()
    assert commitment.progress_computed == Decimal("50.00")
    services.delete(late, actor=None, actor_label="prueba")
    commitment.refresh_from_db()
    assert commitment.progress_computed == Decimal("100.00")


def test_deleting_the_last_milestone_clears_the_figure(make_plan, make_commitment, make_milestone):
    commitment = make_commitment(make_plan())
    only = make_milestone(commitment, status=Milestone.Status.COMPLETED, progress=100)
    services.delete(only, actor=None, actor_label="prueba")
    commitment.refresh_from_db()
    assert commitment.progress_computed is None
    commitment.plan.refresh_from_db()
    assert commitment.plan.progress_computed is None


def test_a_plan_is_the_plain_mean_of_commitments_with_a_figure(make_plan, make_commitment, make_milestone):
    plan = make_plan()
    first = make_commitment(plan, code="CL0001", title="Uno")
    second = make_commitment(plan, code="CL0002", title="Dos")
    make_commitment(plan, code="CL0003", title="Sin hitos")
    make_milestone(first, status=Milestone.Status.COMPLETED, progress=100, weight="10")
    make_milestone(second, status=Milestone.Status.IN_PROGRESS, progress=50)
    plan.refresh_from_db()
    # Not weighted by milestone weights and not dragged down by the commitment without milestones.
    assert plan.progress_computed == Decimal("75.00")
    assert plan.progress_commitments_counted == 2


def test_a_withdrawn_commitment_leaves_the_plan_figure(make_plan, make_commitment, make_milestone):
    plan = make_plan()
    kept = make_commitment(plan, code="CL0001", title="Uno")
    dropped = make_commitment(plan, code="CL0002", title="Dos")
    make_milestone(kept, status=Milestone.Status.COMPLETED, progress=100)
    make_milestone(dropped, status=Milestone.Status.NOT_STARTED, progress=0)
    dropped.is_withdrawn = True
    services.save(dropped, actor=None, actor_label="prueba")
    plan.refresh_from_db()
    assert plan.progress_computed == Decimal("100.00")


def test_moving_a_commitment_recomputes_both_plans(make_plan, make_commitment, make_milestone):
    old_plan, new_plan = make_plan(number=3), make_plan(number=4, start=2018, end=2020)
    commitment = make_commitment(old_plan)
    make_milestone(commitment, status=Milestone.Status.COMPLETED, progress=100)
    commitment.plan = new_plan
    services.save(commitment, actor=None, actor_label="prueba")
    old_plan.refresh_from_db()
    new_plan.refresh_from_db()
    assert old_plan.progress_computed is None
    assert new_plan.progress_computed == Decimal("100.00")


def test_a_batch_recomputes_once_at_the_end(make_plan, make_commitment, make_milestone, django_assert_max_num_queries):
    plan = make_plan()
    commitment = make_commitment(plan)
    with progress.batch():
        for _ in range(5):
            make_milestone(commitment, status=Milestone.Status.COMPLETED, progress=100)
        commitment.refresh_from_db()
        assert commitment.progress_computed is None  # not yet
    commitment.refresh_from_db()
    assert commitment.progress_computed == Decimal("100.00")


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([], None),
        ([(Decimal(1), 0)], Decimal("0.00")),
        ([(Decimal(1), 100), (Decimal(1), 0), (Decimal(1), 0)], Decimal("33.33")),
        ([(Decimal("0.5"), 100), (Decimal("1.5"), 0)], Decimal("25.00")),
    ],
)
def test_weighted_mean_rounds_half_up_to_two_places(pairs, expected):
    assert progress.weighted_mean(pairs) == expected


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (None, None),
        (Decimal(0), "not_started"),
        (Decimal("0.01"), "limited"),
        (Decimal(50), "substantial"),
        (Decimal(100), "complete"),
    ],
)
def test_bands_follow_the_methodology(value, band):
    assert progress.band(value) == band


def test_recomputing_everything_gives_the_same_figures_as_each_write(make_plan, make_commitment, make_milestone):
    plan = make_plan()
    first = make_commitment(plan, code="CL0001", title="Uno")
    second = make_commitment(plan, code="CL0002", title="Dos")
    make_commitment(plan, code="CL0003", title="Sin hitos")
    make_milestone(first, weight="0.5", status=Milestone.Status.COMPLETED, progress=100)
    make_milestone(first, weight="1.5", status=Milestone.Status.IN_PROGRESS, progress=33)
    make_milestone(first, weight="4", status=Milestone.Status.WITHDRAWN, progress=0)
    make_milestone(second, status=Milestone.Status.IN_PROGRESS, progress=1)
    before = {c.pk: (c.progress_computed, c.progress_milestones_counted) for c in plan.commitments.all()}
    plan.refresh_from_db()
    plan_before = plan.progress_computed
    plan.commitments.update(progress_computed=None, progress_milestones_counted=0)
    progress.recompute_all()
    after = {c.pk: (c.progress_computed, c.progress_milestones_counted) for c in plan.commitments.all()}
    plan.refresh_from_db()
    assert after == before
    assert plan.progress_computed == plan_before
