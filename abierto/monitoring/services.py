"""The progress-report workflow: one function per transition.

draft ──submit──▶ submitted ──validate──▶ validated ──publish──▶ published
  ▲                   │                                              │
  └──(edit)── changes_requested ◀──request_changes                   └──correct──▶ draft of version n+1

Each function checks the permission (``abierto.monitoring.rules``), runs in one transaction, records
an audit event on the commitment's history and, where someone must know, calls ``notify``.
Validation applies the report's milestone updates and evidence to the public record through
``abierto.plans.services`` (so the computed progress changes then, with the validator as author).
"""

from dataclasses import dataclass
from typing import Any

import rules
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from abierto.accounts.models import Role
from abierto.audit import services as audit
from abierto.monitoring.models import (
    MilestoneUpdate,
    ProgressReport,
    ReportEvidence,
    ReportingPeriod,
    ReviewComment,
)
from abierto.monitoring.rules import is_secretariat, leads_commitment
from abierto.notifications.services import notify
from abierto.plans import services as plan_services
from abierto.plans.models import Commitment, Evidence, Milestone

Status = ProgressReport.Status

# Fields of the template the implementer writes; the rest is set by the workflow.
EDITABLE_FIELDS = ProgressReport.TEMPLATE_FIELDS


def _require(perm: str, actor: Any, obj: Any) -> None:
    if not rules.has_perm(perm, actor, obj):
        raise PermissionDenied(_("No tiene permiso para hacer esto con este reporte."))


def _record(actor: Any, report: ProgressReport, action: str, changes: dict[str, Any]) -> None:
    audit.record(
        actor=actor,
        action=action,
        instance=report,
        changes=changes,
        plan_id=report.commitment.plan_id,
        commitment_id=report.commitment_id,
    )


def _move(report: ProgressReport, actor: Any, new_status: str, **stamps: Any) -> ProgressReport:
    old = report.status
    report.status = new_status
    for name, value in stamps.items():
        setattr(report, name, value)
    report.full_clean()
    report.save()
    _record(actor, report, "update", {"status": [old, new_status]})
    return report


def on_behalf(actor: Any, commitment: Commitment) -> bool:
    """The secretariat writing for an institution it does not report for."""
    return bool(is_secretariat(actor) and not leads_commitment(actor, commitment))


def _locked(report: ProgressReport) -> ProgressReport:
    """Re-read the report under a row lock, so two reviewers cannot move it at once."""
    fresh = (
        ProgressReport.all_objects.select_for_update(of=("self",))
        .select_related("commitment", "period")
        .get(pk=report.pk)
    )
    report.__dict__.update({k: v for k, v in fresh.__dict__.items() if not k.startswith("_")})
    return report


# ------------------------------------------------------------------ writing


@dataclass
class MilestoneChange:
    milestone: Milestone
    status: str
    progress: int
    actual_start_date: Any = None
    actual_end_date: Any = None
    note: str = ""


@dataclass
class EvidenceLink:
    title: str
    url: str
    date: Any = None
    milestone: Milestone | None = None


@dataclass
class EvidenceFile:
    """A file uploaded with the report (checked by size and content by ``validate_evidence_file``)."""

    title: str
    file: Any
    date: Any = None
    milestone: Milestone | None = None


def _discard_stored(names: list[str]) -> None:
    """After the transaction, delete stored files that no report row references any more."""

    def discard() -> None:
        for name in names:
            if name and not ReportEvidence.objects.filter(file=name).exists():
                default_storage.delete(name)

    if names:
        transaction.on_commit(discard)


@transaction.atomic
def report_create(*, actor: Any, commitment: Commitment, period: ReportingPeriod, **fields: Any) -> ProgressReport:
    """A new draft for ``commitment`` in ``period``. A published period is corrected, not reported anew."""
    _require("monitoring.add_progressreport", actor, commitment)
    if period.plan_id != commitment.plan_id:
        raise ValidationError({"period": _("El período no pertenece al plan del compromiso.")})
    if ProgressReport.all_objects.filter(commitment=commitment, period=period).exists():
        raise ValidationError(
            _("Este compromiso ya tiene un reporte para este período: edítelo o corrija la versión publicada.")
        )
    report = ProgressReport(
        commitment=commitment,
        period=period,
        period_label=period.label,
        status=Status.DRAFT,
        version=1,
        created_by=actor,
        entered_on_behalf=on_behalf(actor, commitment),
    )
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not a field of the template")
        setattr(report, name, value)
    report.full_clean()
    report.save()
    changes = {"status": [None, Status.DRAFT], "version": [None, 1]}
    if report.entered_on_behalf:
        changes["entered_on_behalf"] = [None, True]
    _record(actor, report, "create", changes)
    return report


@transaction.atomic
def report_update(
    report: ProgressReport,
    *,
    actor: Any,
    fields: dict[str, Any] | None = None,
    milestone_changes: list[MilestoneChange] | None = None,
    evidence: list[EvidenceLink] | None = None,
    files: list[EvidenceFile] | None = None,
    remove_files: list[int] | None = None,
) -> ProgressReport:
    """Edit a draft (or a report returned with changes): template fields, milestone updates, evidence.

    ``milestone_changes`` and ``evidence`` (the links), when given, replace what the report had.
    ``files`` are added to the report's files; ``remove_files`` (ids of its file rows) are taken off.
    When the secretariat edits for the institution, the report records ``entered_on_behalf``.
    """
    _locked(report)
    _require("monitoring.change_progressreport", actor, report)
    before = audit.snapshot(report)
    for name, value in (fields or {}).items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not a field of the template")
        setattr(report, name, value)
    if not report.entered_on_behalf and on_behalf(actor, report.commitment):
        report.entered_on_behalf = True
    report.full_clean()
    report.save()
    changes = audit.diff(before, audit.snapshot(report))
    changes.pop("updated_at", None)

    if milestone_changes is not None:
        old = {u.milestone_id: u for u in report.milestone_updates.all()}
        new_ids = set()
        for change in milestone_changes:
            if change.milestone.commitment_id != report.commitment_id:
                raise ValidationError(_("Ese hito no pertenece a este compromiso."))
            update = old.get(change.milestone.pk) or MilestoneUpdate(report=report, milestone=change.milestone)
            update.status = change.status
            update.progress = change.progress
            update.actual_start_date = change.actual_start_date
            update.actual_end_date = change.actual_end_date
            update.note = change.note
            update.full_clean()
            update.save()
            new_ids.add(change.milestone.pk)
        removed = [pk for pk in old if pk not in new_ids]
        report.milestone_updates.filter(milestone_id__in=removed).delete()
        if new_ids or removed:
            changes["hitos propuestos"] = [len(old), len(new_ids)]

    if evidence is not None:
        old_links = list(report.evidence_links.filter(file=""))
        report.evidence_links.filter(file="").delete()
        for link in evidence:
            if link.milestone is not None and link.milestone.commitment_id != report.commitment_id:
                raise ValidationError(_("Ese hito no pertenece a este compromiso."))
            row = ReportEvidence(
                report=report, title=link.title, url=link.url, date=link.date, milestone=link.milestone
            )
            row.full_clean()
            row.save()
        if [(e.title, e.url) for e in old_links] != [(e.title, e.url) for e in evidence]:
            changes["medios de verificación propuestos"] = [len(old_links), len(evidence)]

    if files or remove_files:
        old_files = list(report.evidence_links.exclude(file=""))
        removed = [row for row in old_files if row.pk in set(remove_files or [])]
        if len(removed) != len(set(remove_files or [])):
            raise ValidationError(_("Ese archivo no pertenece a este reporte."))
        names = [row.file.name for row in removed]
        ReportEvidence.objects.filter(pk__in=[row.pk for row in removed]).delete()
        for item in files or []:
            if item.milestone is not None and item.milestone.commitment_id != report.commitment_id:
                raise ValidationError(_("Ese hito no pertenece a este compromiso."))
            row = ReportEvidence(
                report=report, title=item.title, file=item.file, date=item.date, milestone=item.milestone
            )
            try:
                row.full_clean()
            except ValidationError as error:
                raise ValidationError(
                    {"file": [f"{item.file.name}: {message}" for message in error.message_dict.get("file", [])]}
                    if "file" in error.message_dict
                    else error.message_dict
                ) from error
            row.save()
        _discard_stored(names)
        changes["archivos de evidencia"] = [
            [row.filename for row in old_files],
            [row.filename for row in report.evidence_links.exclude(file="")],
        ]

    if changes:
        _record(actor, report, "update", changes)
    return report


@transaction.atomic
def report_submit(report: ProgressReport, *, actor: Any) -> ProgressReport:
    _locked(report)
    _require("monitoring.submit_progressreport", actor, report)
    errors = {}
    if not report.completion:
        errors["completion"] = _("Indique el nivel de cumplimiento antes de enviar el reporte.")
    if not report.results_description.strip():
        errors["results_description"] = _("Describa los resultados del período antes de enviar el reporte.")
    if errors:
        raise ValidationError(errors)
    return _move(report, actor, Status.SUBMITTED, submitted_by=actor, submitted_at=timezone.now())


# ------------------------------------------------------------------ reviewing


def _recipients(report: ProgressReport) -> list[Any]:
    """The report's authors and the active implementers of the lead institution."""
    people: dict[int, Any] = {}
    for user in (report.created_by, report.submitted_by):
        if user is not None and user.is_active:
            people[user.pk] = user
    if report.commitment.lead_institution_id:
        users = get_user_model().objects.filter(
            is_active=True,
            roles__kind=Role.Kind.IMPLEMENTER,
            roles__institution_id=report.commitment.lead_institution_id,
            roles__revoked_at__isnull=True,
        )
        for user in users:
            people[user.pk] = user
    return [people[pk] for pk in sorted(people)]


@transaction.atomic
def report_request_changes(report: ProgressReport, *, actor: Any, comment: str) -> ProgressReport:
    _locked(report)
    _require("monitoring.request_changes_progressreport", actor, report)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Explique qué debe cambiar: el comentario es obligatorio.")})
    ReviewComment.objects.create(report=report, author=actor, text=comment)
    _move(report, actor, Status.CHANGES_REQUESTED)
    subject = _("Reporte devuelto con comentarios: %(report)s") % {"report": report}
    for user in _recipients(report):
        notify(
            user=user,
            kind="report_returned",
            subject=subject,
            body=comment,
            url=report.get_absolute_url(),
            dedupe_key=f"report_returned:{report.pk}:{report.comments.count()}",
            context={"report_id": report.pk, "commitment_id": report.commitment_id},
        )
    return report


@transaction.atomic
def report_validate(report: ProgressReport, *, actor: Any) -> ProgressReport:
    """Validate and apply: milestone updates and evidence reach the public record, authored by the validator."""
    _locked(report)
    _require("monitoring.validate_progressreport", actor, report)
    label = _("Reporte de avance: %(period)s") % {"period": report.period_label}
    for update in report.milestone_updates.select_related("milestone"):
        milestone = update.milestone
        milestone.status = update.status
        milestone.progress = update.progress
        if update.actual_start_date:
            milestone.actual_start_date = update.actual_start_date
        if update.actual_end_date:
            milestone.actual_end_date = update.actual_end_date
        if update.note:
            milestone.progress_description = update.note
        plan_services.save(milestone, actor=actor)
    for link in report.evidence_links.select_related("milestone", "evidence"):
        # A file reaches the registry as a link to the monitoring view that serves it, which keeps it
        # private until the report is published; a correction's file rows keep the evidence they had.
        url = link.url or f"{settings.ABIERTO_SITE_URL}{link.get_download_url()}"
        existing = link.evidence if link.file and link.evidence else None
        if existing is None:
            existing = Evidence.objects.filter(commitment_id=report.commitment_id, url=url, title=link.title).first()
        if existing is None:
            existing = plan_services.save(
                Evidence(
                    commitment_id=report.commitment_id,
                    milestone=link.milestone,
                    title=link.title,
                    url=url,
                    date=link.date,
                    description=label,
                ),
                actor=actor,
            )
        if link.evidence_id != existing.pk:
            link.evidence = existing
            link.save(update_fields=["evidence"])
    return _move(report, actor, Status.VALIDATED, validated_by=actor, validated_at=timezone.now())


@transaction.atomic
def report_publish(report: ProgressReport, *, actor: Any) -> ProgressReport:
    _locked(report)
    _require("monitoring.publish_progressreport", actor, report)
    now = timezone.now()
    _move(report, actor, Status.PUBLISHED, published_by=actor, published_at=now, published_on=timezone.localdate(now))
    subject = _("Reporte publicado: %(report)s") % {"report": report}
    body = _("El reporte de avance de %(code)s para «%(period)s» ya es público.") % {
        "code": report.commitment.code,
        "period": report.period_label,
    }
    for user in _recipients(report):
        notify(
            user=user,
            kind="report_published",
            subject=subject,
            body=body,
            url=report.commitment.get_absolute_url(),
            dedupe_key=f"report_published:{report.pk}",
            context={"report_id": report.pk, "commitment_id": report.commitment_id},
        )
    return report


@transaction.atomic
def report_correct(report: ProgressReport, *, actor: Any) -> ProgressReport:
    """Start a correction: version n+1 as a draft, a copy of the published one (left untouched)."""
    _locked(report)
    _require("monitoring.correct_progressreport", actor, report)
    if ProgressReport.all_objects.filter(
        commitment_id=report.commitment_id, period_id=report.period_id, status__in=ProgressReport.OPEN_STATUSES
    ).exists():
        raise ValidationError(_("Ya hay una versión en curso de este reporte."))
    new = ProgressReport(
        commitment_id=report.commitment_id,
        period_id=report.period_id,
        period_label=report.period_label,
        status=Status.DRAFT,
        version=report.version + 1,
        supersedes=report,
        source=report.source,
        created_by=actor,
        entered_on_behalf=report.entered_on_behalf or on_behalf(actor, report.commitment),
    )
    for name in ProgressReport.TEMPLATE_FIELDS:
        setattr(new, name, getattr(report, name))
    new.full_clean()
    new.save()
    for update in report.milestone_updates.all():
        update.pk = None
        update.report = new
        update.save()
    # The evidence is carried over; files are not copied: the new rows reference the same stored name.
    for link in report.evidence_links.all():
        link.pk = None
        link.report = new
        link.save()
    _record(actor, new, "create", {"status": [None, Status.DRAFT], "version": [report.version, new.version]})
    return new


# ------------------------------------------------------------------ reading helpers


@dataclass
class FieldChange:
    name: str
    label: str
    old: str
    new: str


def report_changes(old: ProgressReport | None, new: ProgressReport) -> list[FieldChange]:
    """Field by field, what a version changed from the previous published one (old → new)."""
    if old is None:
        return []
    changes = []
    for name in ProgressReport.TEMPLATE_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            field = ProgressReport._meta.get_field(name)
            if field.choices:
                before = dict(field.flatchoices).get(before, before)
                after = dict(field.flatchoices).get(after, after)
            changes.append(FieldChange(name, str(field.verbose_name), str(before or "—"), str(after or "—")))
    return changes


@transaction.atomic
def remind_late(*, period: ReportingPeriod, actor: Any, institution_id: int | None = None) -> int:
    """The secretariat reminds the implementers of late institutions (one, or all) that a report is due.

    A commitment is late when the period's deadline has passed and no version of its report was
    submitted. Each implementer gets one notification listing their institution's late commitments;
    the same reminder is not sent twice on the same day. Returns how many people were notified.
    """
    from abierto.monitoring import selectors

    if not rules.has_perm("monitoring.view_dashboard", actor):
        raise PermissionDenied(_("Solo la secretaría ejecutiva envía recordatorios."))
    page = selectors.dashboard(period.pk)
    late: dict[int, list[Commitment]] = {}
    for row in page.rows:
        lead_id = row.commitment.lead_institution_id
        if row.late and lead_id and (institution_id is None or lead_id == institution_id):
            late.setdefault(lead_id, []).append(row.commitment)
    if not late:
        return 0
    today = timezone.localdate()
    sent = 0
    roles = Role.objects.active().filter(kind=Role.Kind.IMPLEMENTER, institution_id__in=late).select_related("user")
    for role in roles:
        commitments = late[role.institution_id]
        codes = ", ".join(c.code for c in commitments)
        notification = notify(
            user=role.user,
            kind="deadline_reminder",
            subject=_("Recordatorio: reportes de avance atrasados (%(period)s)") % {"period": period.label},
            body=_(
                "La secretaría ejecutiva le recuerda que el plazo del período «%(period)s» venció el %(deadline)s "
                "y faltan los reportes de avance de: %(codes)s."
            )
            % {"period": period.label, "deadline": period.deadline.strftime("%d-%m-%Y"), "codes": codes},
            url="/seguimiento/",
            dedupe_key=f"late-reminder:{period.pk}:{role.institution_id}:{today.isoformat()}",
        )
        if notification is not None:
            sent += 1
    audit.record(
        actor=actor,
        action="update",
        instance=period,
        changes={"recordatorio": [None, sorted(c.code for items in late.values() for c in items)]},
        plan_id=period.plan_id,
    )
    return sent
