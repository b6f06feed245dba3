"""Every write to the registry goes through here: it validates, saves, records who did what
in the audit log, recomputes the progress figures that depend on the row, and refreshes search.

Views, the admin, importers and loaders call these functions; none of them saves models directly.
"""

import contextlib
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from abierto.audit import services as audit
from abierto.institutions.models import Institution
from abierto.plans import progress
from abierto.plans.models import ActionPlan, Commitment, CommitmentValue, Evidence, Indicator, Measurement, Milestone
from abierto.search import services as search


def _scope(instance: models.Model) -> tuple[int | None, int | None]:
    """(plan_id, commitment_id) an instance belongs to, for the history of those pages."""
    if isinstance(instance, ActionPlan):
        return instance.pk, None
    if isinstance(instance, Commitment):
        return instance.plan_id, instance.pk
    if isinstance(instance, (Milestone, Indicator, Evidence, CommitmentValue)):
        commitment = instance.commitment
        return commitment.plan_id, commitment.pk
    if isinstance(instance, Measurement):
        commitment = instance.indicator.commitment
        return commitment.plan_id, commitment.pk
    commitment = getattr(instance, "commitment", None)
    if isinstance(commitment, Commitment):
        return commitment.plan_id, commitment.pk
    return None, None


def _after_write(instance: models.Model, before: dict[str, Any] | None, *, deleted: bool = False) -> None:
    if isinstance(instance, Milestone):
        progress.commitment_changed(instance.commitment_id, [instance.commitment.plan_id])
    elif isinstance(instance, Commitment):
        plan_ids = {instance.plan_id}
        if before and before.get("_plan_id"):
            plan_ids.add(before["_plan_id"])
        if deleted:
            for plan_id in plan_ids:
                progress.plan_changed(plan_id)
        else:
            progress.commitment_changed(instance.pk, plan_ids)

    if isinstance(instance, (ActionPlan, Commitment, Milestone, Institution)):
        if deleted:
            search.remove(instance)
        else:
            search.index(instance)
    if isinstance(instance, ActionPlan) and not deleted:
        # Commitment documents show their plan's title.
        for commitment in instance.commitments.all():
            search.index(commitment)


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """For importers and loaders: progress figures and search documents are brought up to date
    once, at the end, instead of after every row. Use inside the caller's transaction."""
    with progress.batch(), search.deferred():
        yield


@transaction.atomic
def save(instance: models.Model, *, actor: Any, actor_label: str | None = None, validate: bool = True) -> models.Model:
    """Create or update ``instance`` on behalf of ``actor``; records the change and its consequences."""
    model = type(instance)
    before: dict[str, Any] | None = None
    if instance.pk is not None:
        current = model.objects.filter(pk=instance.pk).first()
        if current is not None:
            before = audit.snapshot(current)
            if isinstance(current, Commitment):
                before["_plan_id"] = current.plan_id
    if isinstance(instance, Evidence) and instance.milestone_id and not instance.commitment_id:
        instance.commitment_id = instance.milestone.commitment_id
    if validate:
        instance.full_clean()
    instance.save()
    after = audit.snapshot(instance)
    plan_id, commitment_id = _scope(instance)
    if before is None:
        audit.record(
            actor=actor,
            actor_label=actor_label,
            action="create",
            instance=instance,
            changes={key: [None, value] for key, value in after.items() if value not in (None, "", [], {})},
            plan_id=plan_id,
            commitment_id=commitment_id,
        )
    else:
        changes = audit.diff({k: v for k, v in before.items() if not k.startswith("_")}, after)
        if changes:
            audit.record(
                actor=actor,
                actor_label=actor_label,
                action="update",
                instance=instance,
                changes=changes,
                plan_id=plan_id,
                commitment_id=commitment_id,
            )
    _after_write(instance, before)
    return instance


@transaction.atomic
def delete(instance: models.Model, *, actor: Any, actor_label: str | None = None) -> None:
    plan_id, commitment_id = _scope(instance)
    before = audit.snapshot(instance)
    pk = instance.pk
    if isinstance(instance, Commitment):
        before["_plan_id"] = instance.plan_id
        # The commitment's own history stays, attached to the plan.
        commitment_id = None
    audit.record(
        actor=actor,
        actor_label=actor_label,
        action="delete",
        instance=instance,
        changes={
            key: [value, None] for key, value in before.items() if not key.startswith("_") and value not in (None, "")
        },
        plan_id=plan_id,
        commitment_id=commitment_id,
    )
    if isinstance(instance, Commitment):
        for milestone in instance.milestones.all():
            search.remove(milestone)
    instance.delete()
    instance.pk = pk
    _after_write(instance, before, deleted=True)


@transaction.atomic
def set_related(
    instance: models.Model, field: str, values: list[models.Model], *, actor: Any, actor_label: str | None = None
) -> None:
    """Replace a many-to-many field (policy areas, supporting institutions) and record the change."""
    manager = getattr(instance, field)
    old = sorted(str(obj) for obj in manager.all())
    new = sorted(str(obj) for obj in values)
    if old == new:
        return
    manager.set(values)
    plan_id, commitment_id = _scope(instance)
    audit.record(
        actor=actor,
        actor_label=actor_label,
        action="update",
        instance=instance,
        changes={field: [old, new]},
        plan_id=plan_id,
        commitment_id=commitment_id,
    )
    if isinstance(instance, Commitment):
        search.index(instance)


def milestone_update_progress(
    *, milestone: Milestone, actor: Any, status: str, progress_value: int, actual_end_date=None
) -> Milestone:
    """The usual monitoring edit: a milestone's status and percentage (and its actual end)."""
    milestone.status = status
    milestone.progress = progress_value
    if actual_end_date is not None:
        milestone.actual_end_date = actual_end_date
    return save(milestone, actor=actor)


CARRIED_FIELDS = [
    "title",
    "title_en",
    "theme",
    "lead_institution",
    "responsibles_text",
    "responsible_name",
    "responsible_position",
    "responsible_email",
    "responsible_phone",
    "problem",
    "main_objective",
    "brief_description",
    "description",
    "components",
    "expected_results",
    "relevance",
    "ambition",
    "ogp_challenge",
    "sdg",
    "closes_gender_gap",
    "closes_inclusion_gap",
]


@transaction.atomic
def commitment_carry_forward(*, commitment: Commitment, plan: ActionPlan, code: str, actor: Any) -> Commitment:
    """Carry an unfinished commitment into a later plan (the forum asked that none be dropped).

    The new commitment keeps a link to the old one (``carried_from``); its template fields, policy
    areas, supporting institutions and OGP values are copied, and so are the milestones that were
    not finished, with their status and progress. The old commitment is left as it was.
    """
    errors = {}
    if plan.pk == commitment.plan_id:
        errors["plan"] = _("Elija otro plan: el compromiso ya está en este.")
    elif plan.start_year < commitment.plan.start_year:
        errors["plan"] = _("Solo se puede continuar en un plan posterior.")
    elif Commitment.objects.filter(plan=plan, carried_from=commitment).exists():
        errors["plan"] = _("Este compromiso ya continúa en ese plan.")
    if Commitment.objects.filter(plan=plan, code=code).exists():
        errors["code"] = _("Ya existe un compromiso con ese código en el plan de destino.")
    if errors:
        raise ValidationError(errors)
    new = Commitment(
        plan=plan, code=code, carried_from=commitment, source=_("Continuación de %(code)s") % {"code": commitment.code}
    )
    for name in CARRIED_FIELDS:
        setattr(new, name, getattr(commitment, name))
    save(new, actor=actor)
    set_related(new, "policy_areas", list(commitment.policy_areas.all()), actor=actor)
    set_related(new, "supporting_institutions", list(commitment.supporting_institutions.all()), actor=actor)
    for value in commitment.values.all():
        save(CommitmentValue(commitment=new, value=value.value, justification=value.justification), actor=actor)
    unfinished = commitment.milestones.exclude(status__in=[Milestone.Status.COMPLETED, Milestone.Status.WITHDRAWN])
    for milestone in unfinished.order_by("position", "id"):
        save(
            Milestone(
                commitment=new,
                code=milestone.code,
                position=milestone.position,
                description=milestone.description,
                expected_output=milestone.expected_output,
                responsibles_text=milestone.responsibles_text,
                stakeholders=milestone.stakeholders,
                weight=milestone.weight,
                status=milestone.status,
                progress=milestone.progress,
                actual_start_date=milestone.actual_start_date,
            ),
            actor=actor,
        )
    return new
