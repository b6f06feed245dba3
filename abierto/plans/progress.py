"""Progress arithmetic, in one place. The public methodology page states the same rules.

1. A milestone's progress is a percentage from 0 to 100 that its status cannot contradict
   (database constraints: completed = 100, not started = 0, in progress < 100).
2. A withdrawn milestone leaves the arithmetic: it counts neither in the numerator nor in the weights.
3. A commitment's computed progress is the weighted mean of its counting milestones, with the
   weights normalised over those milestones: sum(weight × progress) / sum(weight).
4. A commitment with no counting milestone has no computed progress (shown as "sin datos"), never 0.
5. A plan's computed progress is the plain mean of the computed progress of its commitments that
   have one; withdrawn commitments and commitments without milestones are left out and counted apart.
6. Every figure is recomputed from the rows it depends on, after every write and every delete.
"""

import contextlib
import threading
from collections.abc import Iterable, Iterator
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Sum
from django.utils import timezone

from abierto.plans.models import ActionPlan, Commitment, Milestone

TWO_PLACES = Decimal("0.01")

_state = threading.local()


def weighted_mean(pairs: Iterable[tuple[Decimal, int | Decimal]]) -> Decimal | None:
    """Weighted mean of (weight, progress) pairs, or None when there is nothing to average."""
    total_weight = Decimal(0)
    total = Decimal(0)
    for weight, progress in pairs:
        weight = Decimal(weight)
        total_weight += weight
        total += weight * Decimal(progress)
    if total_weight <= 0:
        return None
    return (total / total_weight).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def plain_mean(values: Iterable[Decimal]) -> Decimal | None:
    values = [Decimal(v) for v in values]
    if not values:
        return None
    return (sum(values) / len(values)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def recompute_commitment(commitment_id: int) -> None:
    pairs = list(
        Milestone.objects.filter(commitment_id=commitment_id)
        .exclude(status=Milestone.Status.WITHDRAWN)
        .values_list("weight", "progress")
    )
    Commitment.objects.filter(pk=commitment_id).update(
        progress_computed=weighted_mean(pairs),
        progress_milestones_counted=len(pairs),
        progress_computed_at=timezone.now(),
    )


def recompute_plan(plan_id: int) -> None:
    values = list(
        Commitment.objects.filter(plan_id=plan_id, is_withdrawn=False, progress_computed__isnull=False).values_list(
            "progress_computed", flat=True
        )
    )
    ActionPlan.objects.filter(pk=plan_id).update(
        progress_computed=plain_mean(values),
        progress_commitments_counted=len(values),
        progress_computed_at=timezone.now(),
    )


def commitment_changed(commitment_id: int, plan_ids: Iterable[int]) -> None:
    """Recompute a commitment and the plan(s) it belongs or belonged to, now or at the end of a batch."""
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending[0].add(commitment_id)
        pending[1].update(plan_ids)
        return
    recompute_commitment(commitment_id)
    for plan_id in set(plan_ids):
        recompute_plan(plan_id)


def plan_changed(plan_id: int) -> None:
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending[1].add(plan_id)
        return
    recompute_plan(plan_id)


@contextlib.contextmanager
def batch() -> Iterator[None]:
    """Defer recomputation to the end of a bulk load (importers, seed data, benchmarks)."""
    if getattr(_state, "pending", None) is not None:
        yield
        return
    _state.pending = (set(), set())
    try:
        yield
        commitments, plans = _state.pending
    finally:
        _state.pending = None
    with transaction.atomic():
        for commitment_id in commitments:
            recompute_commitment(commitment_id)
        for plan_id in plans:
            recompute_plan(plan_id)


def recompute_all() -> None:
    """Recompute every figure with two grouped queries instead of two queries per commitment
    (the same rules as recompute_commitment and recompute_plan; the benchmark data builder uses it)."""
    now = timezone.now()
    sums = {
        row["commitment_id"]: row
        for row in Milestone.objects.exclude(status=Milestone.Status.WITHDRAWN)
        .values("commitment_id")
        .annotate(
            total_weight=Sum("weight"),
            total=Sum(ExpressionWrapper(F("weight") * F("progress"), output_field=DecimalField())),
            n=Count("id"),
        )
    }
    with transaction.atomic():
        commitments = list(Commitment.objects.only("id", "plan_id", "is_withdrawn"))
        for commitment in commitments:
            row = sums.get(commitment.pk)
            value = None
            if row and row["total_weight"]:
                value = (Decimal(row["total"]) / Decimal(row["total_weight"])).quantize(
                    TWO_PLACES, rounding=ROUND_HALF_UP
                )
            commitment.progress_computed = value
            commitment.progress_milestones_counted = row["n"] if row else 0
            commitment.progress_computed_at = now
        Commitment.objects.bulk_update(
            commitments, ["progress_computed", "progress_milestones_counted", "progress_computed_at"], batch_size=500
        )
        by_plan: dict[int, list[Decimal]] = {}
        for commitment in commitments:
            if not commitment.is_withdrawn and commitment.progress_computed is not None:
                by_plan.setdefault(commitment.plan_id, []).append(commitment.progress_computed)
        plans = list(ActionPlan.objects.only("id"))
        for plan in plans:
            figures = by_plan.get(plan.pk, [])
            plan.progress_computed = plain_mean(figures)
            plan.progress_commitments_counted = len(figures)
            plan.progress_computed_at = now
        ActionPlan.objects.bulk_update(
            plans, ["progress_computed", "progress_commitments_counted", "progress_computed_at"], batch_size=500
        )


def band(progress: Decimal | None) -> str | None:
    """The completion band a computed figure falls in (methodology page, rule 7)."""
    if progress is None:
        return None
    if progress <= 0:
        return "not_started"
    if progress < 50:
        return "limited"
    if progress < 100:
        return "substantial"
    return "complete"
