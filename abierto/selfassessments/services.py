"""Writing self-assessments: one function per verb, each checking the permission, running in one
transaction and recording an audit event.

draft ──open_for_comment──▶ open ──close_comment──▶ closed ──publish_final──▶ published
  ▲ │
  └─┘ assemble (again), only while draft

``assemble`` takes, for each commitment of the plan, the latest progress report that was validated or
published up to the cut-off date (the latest period, then the highest version) and copies what the
report says into a ``SelfAssessmentEntry``, with the computed progress, milestone statuses, evidence
links and IRM completion as they stand at assembly. Drafts, submitted reports and reports returned
with changes never count.
"""

import datetime
from decimal import Decimal
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from abierto.assessments.models import Assessment
from abierto.audit import services as audit
from abierto.monitoring.models import ProgressReport
from abierto.plans.models import ActionPlan, Commitment, Milestone
from abierto.selfassessments.models import SelfAssessment, SelfAssessmentComment, SelfAssessmentEntry

Status = SelfAssessment.Status
Kind = SelfAssessment.Kind
COUNTED_REPORT_STATUSES = (ProgressReport.Status.VALIDATED, ProgressReport.Status.PUBLISHED)
TEXT_LIMIT = 5000


def _require(perm: str, actor: Any, obj: Any = None, message: str | None = None) -> None:
    if not rules.has_perm(perm, actor, obj):
        raise PermissionDenied(message or _("Solo la secretaría ejecutiva puede hacer esto con la autoevaluación."))


def _record(actor: Any, instance: Any, action: str, changes: dict[str, Any], plan_id: int | None) -> None:
    audit.record(actor=actor, action=action, instance=instance, changes=changes, plan_id=plan_id)


def _locked(sa: SelfAssessment) -> SelfAssessment:
    """Re-read under a row lock so two people cannot move the same self-assessment at once."""
    fresh = SelfAssessment.objects.select_for_update(of=("self",)).get(pk=sa.pk)
    sa.__dict__.update({k: v for k, v in fresh.__dict__.items() if not k.startswith("_")})
    return sa


def default_title(plan: ActionPlan, kind: str) -> str:
    if kind == Kind.MID_TERM:
        return _("Autoevaluación de medio término · %(plan)s") % {"plan": plan.title}
    return _("Autoevaluación de fin de término · %(plan)s") % {"plan": plan.title}


# ------------------------------------------------------------------ assembling


def _end_of_day(day: datetime.date) -> datetime.datetime:
    """The first instant after ``day`` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def reports_at_cutoff(plan: ActionPlan, cutoff: datetime.date) -> dict[int, ProgressReport]:
    """For each commitment of ``plan``, the report that stood validated or published at ``cutoff``.

    A report counts when it is validated or published now and was validated on or before the cut-off
    (reports loaded from earlier sources have no validation time: their publication date counts).
    Among those: the latest period (by its end; a loaded report by its publication date), then the
    highest version.
    """
    counted = Q(validated_at__lt=_end_of_day(cutoff)) | Q(validated_at__isnull=True, published_on__lte=cutoff)
    reports = (
        ProgressReport.all_objects.filter(commitment__plan=plan, status__in=COUNTED_REPORT_STATUSES)
        .filter(counted)
        .select_related("period")
        .prefetch_related("milestone_updates", "evidence_links__milestone")
    )
    best: dict[int, ProgressReport] = {}

    def key(report: ProgressReport) -> tuple:
        when = report.period.end if report.period else report.published_on
        validated = report.validated_at.date() if report.validated_at else report.published_on
        return (when or datetime.date.min, report.version, validated or datetime.date.min, report.pk)

    for report in reports:
        current = best.get(report.commitment_id)
        if current is None or key(report) > key(current):
            best[report.commitment_id] = report
    return best


def _report_fields(report: ProgressReport) -> dict[str, str]:
    return {name: getattr(report, name) or "" for name in ProgressReport.TEMPLATE_FIELDS}


def _milestones(commitment: Commitment, report: ProgressReport | None) -> list[dict[str, Any]]:
    updates = {u.milestone_id: u for u in report.milestone_updates.all()} if report else {}
    status_label = dict(Milestone.Status.choices)
    rows = []
    for m in commitment.milestones.all():
        update = updates.get(m.pk)
        rows.append(
            {
                "code": m.code,
                "description": m.description,
                "end_date": m.end_date.isoformat() if m.end_date else None,
                "status": m.status,
                "status_label": str(status_label.get(m.status, m.status)),
                "progress": m.progress,
                "reported_status": update.status if update else None,
                "reported_status_label": str(status_label.get(update.status, update.status)) if update else None,
                "reported_progress": update.progress if update else None,
                "note": update.note if update else "",
            }
        )
    return rows


def _evidence(report: ProgressReport | None) -> list[dict[str, Any]]:
    if report is None:
        return []
    rows = []
    for link in report.evidence_links.all():
        url = link.url
        if not url and getattr(link, "file", None):
            # A file attached to the report is served by the monitoring app (public once published).
            url = f"/seguimiento/archivos/{link.pk}/"
        rows.append(
            {
                "title": link.title,
                "url": url,
                "date": link.date.isoformat() if link.date else None,
                "milestone": link.milestone.code if link.milestone else "",
            }
        )
    return rows


def _irm_completion(assessment: Assessment | None, kind: str) -> str:
    if assessment is None:
        return ""
    if kind == Kind.MID_TERM:
        return assessment.completion_progress_report
    return assessment.completion_end_of_term


def _build_entries(sa: SelfAssessment) -> list[SelfAssessmentEntry]:
    reports = reports_at_cutoff(sa.plan, sa.cutoff)
    commitments = (
        Commitment.objects.filter(plan=sa.plan)
        .select_related("lead_institution")
        .prefetch_related("milestones")
        .order_by("position", "code")
    )
    assessments = {a.commitment_id: a for a in Assessment.objects.filter(commitment__plan=sa.plan)}
    entries = []
    for position, c in enumerate(commitments, start=1):
        report = reports.get(c.pk)
        entry = SelfAssessmentEntry(
            self_assessment=sa,
            commitment=c,
            position=position,
            code=c.code,
            title=c.display_title[:500],
            lead_institution_name=c.lead_institution.name if c.lead_institution else "",
            is_withdrawn=c.is_withdrawn,
            has_report=report is not None,
            progress_computed=Decimal(c.progress_computed) if c.progress_computed is not None else None,
            irm_completion=_irm_completion(assessments.get(c.pk), sa.kind),
            milestones=_milestones(c, report),
            evidence=_evidence(report),
        )
        if report is not None:
            entry.source_report = report
            entry.source_version = report.version
            entry.source_period_label = report.period_label
            entry.source_status = report.status
            entry.source_validated_on = (
                timezone.localdate(report.validated_at) if report.validated_at else report.published_on
            )
            entry.completion = report.completion
            entry.report = _report_fields(report)
        entries.append(entry)
    return entries


@transaction.atomic
def assemble(*, plan: ActionPlan, kind: str, cutoff: datetime.date, actor: Any, title: str = "") -> SelfAssessment:
    """Create the self-assessment of ``plan`` and ``kind`` (or assemble its draft again) at ``cutoff``."""
    _require("selfassessments.manage", actor)
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Elija medio término o fin de término.")})
    if cutoff is None:
        raise ValidationError({"cutoff": _("Indique la fecha de corte.")})
    if cutoff > timezone.localdate():
        raise ValidationError({"cutoff": _("La fecha de corte no puede ser futura.")})
    title = (title or "").strip()
    sa = SelfAssessment.objects.select_for_update().filter(plan=plan, kind=kind).first()
    created = sa is None
    if created:
        sa = SelfAssessment(plan=plan, kind=kind, created_by=actor)
        before: dict[str, Any] = {}
    else:
        if sa.status != Status.DRAFT:
            raise ValidationError(
                _("Esta autoevaluación ya salió de borrador (%(status)s): no se puede volver a armar.")
                % {"status": sa.get_status_display()}
            )
        before = {"cutoff": sa.cutoff.isoformat(), "title": sa.title, "entries": sa.entries.count()}
    sa.cutoff = cutoff
    sa.title = (title or (sa.title if not created else default_title(plan, kind)))[:300]
    sa.assembled_at = timezone.now()
    sa.full_clean()
    sa.save()
    sa.entries.all().delete()
    entries = _build_entries(sa)
    SelfAssessmentEntry.objects.bulk_create(entries)
    after = {"cutoff": cutoff.isoformat(), "title": sa.title, "entries": len(entries)}
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    changes["armada"] = [None, sum(1 for e in entries if e.has_report)]
    _record(actor, sa, "create" if created else "update", changes, plan.pk)
    return sa


# ------------------------------------------------------------------ editing and the workflow


@transaction.atomic
def update_text(sa: SelfAssessment, *, actor: Any, title: str, introduction: str) -> SelfAssessment:
    """The title and the secretariat's introduction: in draft, and after the consultation before publishing."""
    _locked(sa)
    _require("selfassessments.manage", actor, sa)
    if sa.status not in (Status.DRAFT, Status.CLOSED):
        raise ValidationError(
            _("El texto se edita en borrador o con la consulta cerrada, no mientras está en consulta ni publicada.")
        )
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("El título es obligatorio.")})
    before = audit.snapshot(sa)
    sa.title = title
    sa.introduction = (introduction or "").strip()
    sa.full_clean()
    sa.save()
    changes = audit.diff(before, audit.snapshot(sa))
    if changes:
        _record(actor, sa, "update", changes, sa.plan_id)
    return sa


def _move(sa: SelfAssessment, actor: Any, new_status: str, **fields: Any) -> SelfAssessment:
    before = audit.snapshot(sa)
    sa.status = new_status
    for name, value in fields.items():
        setattr(sa, name, value)
    sa.full_clean()
    sa.save()
    _record(actor, sa, "update", audit.diff(before, audit.snapshot(sa)), sa.plan_id)
    return sa


@transaction.atomic
def open_for_comment(
    sa: SelfAssessment, *, actor: Any, start: datetime.datetime, end: datetime.datetime
) -> SelfAssessment:
    _locked(sa)
    _require("selfassessments.manage", actor, sa)
    if sa.status != Status.DRAFT:
        raise ValidationError(_("Solo una autoevaluación en borrador se abre a comentarios."))
    errors = {}
    if start is None:
        errors["comment_start"] = _("Indique el inicio de la consulta.")
    if end is None:
        errors["comment_end"] = _("Indique el término de la consulta.")
    elif start is not None and end <= start:
        errors["comment_end"] = _("El término de la consulta debe ser posterior a su inicio.")
    elif end <= timezone.now():
        errors["comment_end"] = _("El término de la consulta ya pasó: elija una fecha futura.")
    if errors:
        raise ValidationError(errors)
    return _move(sa, actor, Status.OPEN, comment_start=start, comment_end=end)


@transaction.atomic
def close_comment(sa: SelfAssessment, *, actor: Any) -> SelfAssessment:
    """Close the consultation; closing before the planned end moves the end to now (recorded)."""
    _locked(sa)
    _require("selfassessments.manage", actor, sa)
    if sa.status != Status.OPEN:
        raise ValidationError(_("Solo se cierra una consulta abierta."))
    now = timezone.now()
    fields: dict[str, Any] = {}
    if sa.comment_end > now:
        fields["comment_end"] = max(now, sa.comment_start + datetime.timedelta(seconds=1))
    return _move(sa, actor, Status.CLOSED, **fields)


@transaction.atomic
def publish_final(sa: SelfAssessment, *, actor: Any) -> SelfAssessment:
    _locked(sa)
    _require("selfassessments.manage", actor, sa)
    if sa.status != Status.CLOSED:
        raise ValidationError(_("Se publica la versión final después de cerrar la consulta pública."))
    return _move(sa, actor, Status.PUBLISHED, published_by=actor, published_at=timezone.now())


# ------------------------------------------------------------------ comments


def comment_window_message(sa: SelfAssessment) -> str:
    window = sa.comment_window()
    if window == "before":
        return _("La consulta pública de esta autoevaluación comienza el %(when)s.") % {
            "when": date_format(timezone.localtime(sa.comment_start), "DATETIME_FORMAT")
        }
    if window == "after" or sa.status in (Status.CLOSED, Status.PUBLISHED):
        return _("La consulta pública de esta autoevaluación terminó: ya no recibe comentarios.")
    return _("Esta autoevaluación no está abierta a comentarios.")


def _clean_text(text: str, field: str, empty: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: empty})
    if len(text) > TEXT_LIMIT:
        raise ValidationError({field: _("El texto no puede superar los %(n)s caracteres.") % {"n": TEXT_LIMIT}})
    return text


@transaction.atomic
def add_comment(
    sa: SelfAssessment, *, actor: Any, text: str, entry: SelfAssessmentEntry | None = None
) -> SelfAssessmentComment:
    """A public comment on the whole document or on one commitment, while the consultation is open."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Ingrese con su cuenta para comentar."))
    if not rules.has_perm("selfassessments.comment", actor, sa):
        raise ValidationError(comment_window_message(sa))
    if entry is not None and entry.self_assessment_id != sa.pk:
        raise ValidationError({"entry": _("Ese compromiso no es parte de esta autoevaluación.")})
    text = _clean_text(text, "text", _("Escriba su comentario."))
    # Public: the person's name, never their email or username.
    name = actor.get_full_name().strip() or _("Persona registrada")
    comment = SelfAssessmentComment(self_assessment=sa, entry=entry, author=actor, author_name=name[:200], text=text)
    comment.full_clean()
    comment.save()
    _record(
        actor,
        comment,
        "create",
        {"text": [None, text], "entry": [None, entry.code if entry else None]},
        sa.plan_id,
    )
    return comment


@transaction.atomic
def answer_comment(comment: SelfAssessmentComment, *, actor: Any, text: str) -> SelfAssessmentComment:
    _require("selfassessments.answer_comment", actor, comment, _("Solo la secretaría ejecutiva responde comentarios."))
    text = _clean_text(text, "answer", _("Escriba la respuesta."))
    old = comment.answer
    comment.answer = text
    comment.answered_by = actor
    comment.answered_at = timezone.now()
    comment.full_clean()
    comment.save()
    _record(actor, comment, "update", {"answer": [old or None, text]}, comment.self_assessment.plan_id)
    return comment


@transaction.atomic
def hide_comment(comment: SelfAssessmentComment, *, actor: Any, reason: str) -> SelfAssessmentComment:
    """Hide an abusive comment with a public reason. The text stays in the database."""
    _require("selfassessments.hide_comment", actor, comment, _("Solo la secretaría ejecutiva oculta comentarios."))
    if comment.is_hidden:
        raise ValidationError(_("Este comentario ya está oculto."))
    reason = _clean_text(reason, "hidden_reason", _("Indique la razón pública para ocultar el comentario."))
    comment.hidden_at = timezone.now()
    comment.hidden_by = actor
    comment.hidden_reason = reason
    comment.full_clean()
    comment.save()
    _record(actor, comment, "update", {"oculto": [None, reason]}, comment.self_assessment.plan_id)
    return comment
