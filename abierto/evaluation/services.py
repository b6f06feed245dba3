"""Every write of the evaluation: one function per verb, each taking the acting person as ``actor=``,
checking the permission (``abierto.evaluation.rules``) and, for scoring, the stage that must be open;
each runs in one transaction and records an audit event. Notices go out after the commit.

Criteria and the published results are public records (their audit events belong to the plan's history);
assignments, scores and conflicts are private (their audit events carry no plan, so no public page or
feed shows them), but every change is still recorded with its author, from what to what.
"""

from collections.abc import Iterable, Mapping
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from abierto.audit import services as audit
from abierto.cocreation.models import CoCreationProcess, Proposal
from abierto.cocreation.services import ActionClosed, _closed_message
from abierto.evaluation import scoring, selectors
from abierto.evaluation.models import Assignment, ConflictDeclaration, Criterion, Publication, PublishedResult, Score
from abierto.evaluation.rules import can_be_assigned, evaluation_closed
from abierto.notifications.services import notify

CRITERION_FIELDS = (
    "position",
    "name",
    "description",
    "weight",
    "scale_min",
    "scale_max",
    "min_label",
    "max_label",
    "source",
)


def _record(actor: Any, instance: Any, action: str, changes: dict[str, Any], *, plan_id: int | None = None) -> None:
    audit.record(actor=actor, action=action, instance=instance, changes=changes, plan_id=plan_id)


def _require(perm: str, actor: Any, obj: Any, message: str) -> None:
    if not rules.has_perm(perm, actor, obj):
        raise PermissionDenied(message)


def _clean_text(value: Any) -> str:
    return str(value or "").replace("\x00", "").strip()


# --------------------------------------------------------------------------- criteria


@transaction.atomic
def save_criterion(
    *,
    process: CoCreationProcess,
    actor: Any,
    data: Mapping[str, Any],
    criterion: Criterion | None = None,
    reason: str = "",
) -> Criterion:
    """Create or change a criterion. Once scores exist (for this criterion, or in the process when adding
    one) the change needs a reason, recorded with it; the scale of a scored criterion never changes."""
    _require("evaluation.manage", actor, process, _("Solo la secretaría define los criterios de evaluación."))
    reason = _clean_text(reason)
    if criterion is None:
        if Score.objects.filter(criterion__process=process).exists() and not reason:
            raise ValidationError(
                {
                    "reason": _(
                        "Ya hay puntajes en este proceso: explique por qué agrega un criterio "
                        "(las evaluaciones quedarán incompletas hasta que se puntúe)."
                    )
                }
            )
        criterion = Criterion(process=process)
        before: dict[str, Any] = {}
        scored = False
    else:
        if criterion.process_id != process.pk:
            raise ValidationError(_("Ese criterio es de otro proceso."))
        scored = criterion.scores.exists()
        if scored and not reason:
            raise ValidationError(
                {"reason": _("Este criterio ya tiene puntajes: explique el motivo del cambio; quedará registrado.")}
            )
        before = audit.snapshot(criterion)
    for name in CRITERION_FIELDS:
        if name in data and data[name] is not None:
            value = data[name]
            setattr(criterion, name, _clean_text(value) if isinstance(value, str) else value)
    if criterion.position is None:
        last = process.criteria.aggregate(n=Max("position"))["n"] or 0
        criterion.position = last + 1
    if scored and (before["scale_min"] != criterion.scale_min or before["scale_max"] != criterion.scale_max):
        raise ValidationError({"scale_min": _("No se puede cambiar la escala de un criterio que ya tiene puntajes.")})
    criterion.full_clean()
    criterion.save()
    changes = audit.diff(before, audit.snapshot(criterion))
    if changes:
        if reason:
            changes["motivo"] = [None, reason]
        _record(actor, criterion, "update" if before else "create", changes, plan_id=process.plan_id)
    return criterion


@transaction.atomic
def delete_criterion(*, criterion: Criterion, actor: Any) -> None:
    process = criterion.process
    _require("evaluation.manage", actor, process, _("Solo la secretaría define los criterios de evaluación."))
    if criterion.scores.exists():
        raise ValidationError(_("Este criterio ya tiene puntajes: no se puede eliminar."))
    _record(actor, criterion, "delete", {"name": [criterion.name, None]}, plan_id=process.plan_id)
    criterion.delete()


# --------------------------------------------------------------------------- assignments


def _check_assignable(proposal: Proposal, evaluator: Any) -> None:
    if not selectors.eligible_proposals(proposal.process).filter(pk=proposal.pk).exists():
        raise ValidationError(_("Solo se asignan propuestas publicadas, visibles y no fusionadas."))
    if not can_be_assigned(evaluator):
        raise ValidationError(
            {"evaluator": _("Solo se asigna a integrantes de la Mesa o a evaluadores designados por la secretaría.")}
        )
    if proposal.author_id == evaluator.pk:
        raise ValidationError({"evaluator": _("Nadie evalúa su propia propuesta.")})


def _tell_assigned(evaluator: Any, process: CoCreationProcess, n: int) -> None:
    url = f"/cocreacion/{process.slug}/evaluacion/mis-asignaciones/"
    transaction.on_commit(
        lambda: notify(
            user=evaluator,
            kind="evaluation_assigned",
            subject=_("Tiene propuestas por evaluar en «%(process)s»") % {"process": process.title},
            body=_("La secretaría le asignó %(n)s propuesta(s) para evaluar según los criterios de la Mesa.")
            % {"n": n},
            url=url,
        )
    )


@transaction.atomic
def assign(*, proposal: Proposal, evaluator: Any, actor: Any) -> Assignment:
    process = proposal.process
    _require("evaluation.manage", actor, process, _("Solo la secretaría asigna propuestas."))
    _check_assignable(proposal, evaluator)
    try:
        with transaction.atomic():
            row = Assignment.objects.create(proposal=proposal, evaluator=evaluator, assigned_by=actor)
    except IntegrityError as error:
        raise ValidationError({"evaluator": _("Esa persona ya tiene asignada esta propuesta.")}) from error
    _record(actor, row, "create", {"proposal": [None, proposal.pk], "evaluator": [None, str(evaluator)]})
    _tell_assigned(evaluator, process, 1)
    return row


@transaction.atomic
def unassign(*, assignment: Assignment, actor: Any) -> None:
    _require("evaluation.manage", actor, assignment.proposal.process, _("Solo la secretaría asigna propuestas."))
    if assignment.scores.exists():
        raise ValidationError(_("Esta asignación ya tiene puntajes: no se puede quitar."))
    _record(
        actor,
        assignment,
        "delete",
        {"proposal": [assignment.proposal_id, None], "evaluator": [str(assignment.evaluator), None]},
    )
    assignment.delete()


@transaction.atomic
def assign_evenly(*, process: CoCreationProcess, evaluators: Iterable[Any], k: int, actor: Any) -> scoring.Distribution:
    """Distribute the process's published, visible, not merged proposals among ``evaluators``, ``k``
    evaluators per proposal (counting those already assigned), balancing the load, never self."""
    _require("evaluation.manage", actor, process, _("Solo la secretaría asigna propuestas."))
    people = {person.pk: person for person in evaluators}
    if not people:
        raise ValidationError({"evaluators": _("Elija al menos una persona.")})
    if k < 1 or k > len(people):
        raise ValidationError(
            {"k": _("Indique entre 1 y %(n)s evaluadores por propuesta (las personas elegidas).") % {"n": len(people)}}
        )
    refused = [str(person) for person in people.values() if not can_be_assigned(person)]
    if refused:
        raise ValidationError(
            {
                "evaluators": _("No integran la Mesa ni están designadas como evaluadoras: %(names)s.")
                % {"names": ", ".join(refused)}
            }
        )
    proposals = list(selectors.eligible_proposals(process).values_list("pk", "author_id"))
    existing = list(Assignment.objects.filter(proposal__process=process).values_list("proposal_id", "evaluator_id"))
    distribution = scoring.assign_evenly(proposals, list(people), k, existing)
    rows = Assignment.objects.bulk_create(
        [
            Assignment(proposal_id=proposal_id, evaluator=people[evaluator_id], assigned_by=actor)
            for proposal_id, evaluator_id in distribution.pairs
        ]
    )
    counts: dict[int, int] = {}
    for row in rows:
        counts[row.evaluator_id] = counts.get(row.evaluator_id, 0) + 1
        _record(
            actor,
            row,
            "create",
            {"proposal": [None, row.proposal_id], "evaluator": [None, str(row.evaluator)], "reparto": [None, k]},
        )
    for evaluator_id, n in counts.items():
        _tell_assigned(people[evaluator_id], process, n)
    return distribution


# --------------------------------------------------------------------------- scores and conflicts


def field_name(criterion: Criterion) -> str:
    """The form field (and error key) of a criterion's value."""
    return f"criterio_{criterion.pk}"


@transaction.atomic
def save_scores(*, assignment: Assignment, actor: Any, values: Mapping[int, tuple[int | None, str]]) -> list[Score]:
    """Set the evaluator's values ({criterion id: (value or None, comment)}); None clears a value.

    Refused outside a stage that allows evaluation, for anyone but the assignee, after a conflict, and for a
    value outside its criterion's scale (nothing is saved then). Every change is an audit event."""
    assignment = Assignment.objects.select_for_update().select_related("proposal__process").get(pk=assignment.pk)
    process = assignment.proposal.process
    if not process.allows("evaluate"):
        raise ActionClosed(_closed_message(process, "evaluate", _("puntuar propuestas")))
    if hasattr(assignment, "conflict"):
        raise PermissionDenied(_("Declaró un conflicto de interés con esta propuesta: no puede puntuarla."))
    _require("evaluation.score", actor, assignment, _("Solo quien tiene asignada la propuesta la puntúa."))
    criteria = {c.pk: c for c in process.criteria.all()}
    errors: dict[str, str] = {}
    for criterion_id in values:
        if criterion_id not in criteria:
            errors["__all__"] = _("Uno de los criterios no es de este proceso.")
    for criterion in criteria.values():
        value, _comment = values.get(criterion.pk, (None, ""))
        if value is not None and not (criterion.scale_min <= value <= criterion.scale_max):
            errors[field_name(criterion)] = _(
                "El puntaje de «%(name)s» debe ser un número entero entre %(min)s y %(max)s."
            ) % {"name": criterion.name, "min": criterion.scale_min, "max": criterion.scale_max}
    if errors:
        raise ValidationError(errors)
    existing = {score.criterion_id: score for score in assignment.scores.all()}
    saved = []
    for criterion in criteria.values():
        value, comment = values.get(criterion.pk, (None, ""))
        comment = _clean_text(comment)
        score = existing.get(criterion.pk)
        if value is None:
            if score is not None:
                _record(actor, score, "delete", {"value": [score.value, None], "criterion": [criterion.name, None]})
                score.delete()
            continue
        if score is None:
            score = Score.objects.create(assignment=assignment, criterion=criterion, value=value, comment=comment)
            _record(
                actor,
                score,
                "create",
                {"criterion": [None, criterion.name], "value": [None, value], "comment": [None, comment]},
            )
        elif (score.value, score.comment) != (value, comment):
            changes = {"criterion": [criterion.name, criterion.name]}
            if score.value != value:
                changes["value"] = [score.value, value]
            if score.comment != comment:
                changes["comment"] = [score.comment, comment]
            score.value, score.comment = value, comment
            score.save(update_fields=["value", "comment", "updated_at"])
            _record(actor, score, "update", changes)
        saved.append(score)
    return saved


@transaction.atomic
def declare_conflict(*, assignment: Assignment, actor: Any, reason: str) -> ConflictDeclaration:
    """The assignee declares a conflict of interest: they can no longer score it; their scores are excluded."""
    reason = _clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Indique el motivo del conflicto de interés.")})
    _require(
        "evaluation.declare_conflict",
        actor,
        assignment,
        _("Solo quien tiene asignada la propuesta declara un conflicto, antes de que se publiquen los resultados."),
    )
    try:
        with transaction.atomic():
            row = ConflictDeclaration.objects.create(assignment=assignment, reason=reason)
    except IntegrityError as error:
        raise ValidationError(_("Ya declaró un conflicto de interés con esta propuesta.")) from error
    _record(actor, row, "create", {"assignment": [None, assignment.pk], "reason": [None, reason]})
    return row


# --------------------------------------------------------------------------- results


@transaction.atomic
def publish_results(*, process: CoCreationProcess, actor: Any, note: str = "") -> Publication:
    """Publish (or publish again) the ranking: a snapshot of the aggregated figures, never individual scores."""
    _require("evaluation.manage", actor, process, _("Solo la secretaría publica los resultados."))
    if not evaluation_closed(process):
        raise ActionClosed(_("Los resultados se publican cuando termina la etapa de evaluación."))
    ranking = selectors.ranking(process)
    publication = Publication.objects.filter(process=process).first()
    before = audit.snapshot(publication) if publication else {}
    if publication is None:
        publication = Publication(process=process)
    publication.published_at = timezone.now()
    publication.published_by = actor if getattr(actor, "is_authenticated", False) else None
    publication.note = _clean_text(note)
    publication.save()
    publication.results.all().delete()
    PublishedResult.objects.bulk_create(
        [
            PublishedResult(
                publication=publication,
                proposal_id=row.result.proposal_id,
                rank=row.result.rank,
                score=row.result.score,
                evaluations=row.result.evaluations,
                spread=row.result.spread,
            )
            for row in ranking.rows
        ]
    )
    changes = audit.diff(before, audit.snapshot(publication))
    changes["propuestas"] = [None, len(ranking.rows)]
    _record(actor, publication, "update" if before else "create", changes, plan_id=process.plan_id)
    return publication
