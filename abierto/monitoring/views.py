"""Monitoring pages (/seguimiento/): the implementer's home, the report form, the secretariat's
dashboard of a period and the review page. Thin: services write, selectors read, rules decide."""

import rules
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from abierto.accounts.rules import is_secretariat
from abierto.monitoring import selectors, services
from abierto.monitoring.forms import (
    EvidenceFileFormSet,
    EvidenceLinkFormSet,
    MilestoneUpdateFormSet,
    RemoveFilesForm,
    ReportForm,
    RequestChangesForm,
)
from abierto.monitoring.models import ProgressReport, ReportEvidence, ReportingPeriod
from abierto.plans.models import Commitment

HOME_CRUMB = (_("Seguimiento"), "/seguimiento/")


def _forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(
        request,
        "monitoring/forbidden.html",
        {"message": message, "crumbs": [(_("Seguimiento"), "")]},
        status=403,
    )


NO_ROLE = _(
    "El seguimiento de compromisos es para las contrapartes de las instituciones responsables y para la "
    "secretaría ejecutiva. Su cuenta no tiene ninguno de esos roles: si reporta por una institución, pida a la "
    "secretaría que le asigne el rol de contraparte."
)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("monitoring.access", request.user):
        return _forbidden(request, NO_ROLE)
    page = selectors.home(request.user, secretariat=is_secretariat(request.user))
    return render(request, "monitoring/home.html", {"page": page, "crumbs": [(_("Seguimiento"), "")]})


@login_required
def dashboard(request: HttpRequest, period_id: int) -> HttpResponse:
    if not rules.has_perm("monitoring.view_dashboard", request.user):
        return _forbidden(request, _("El tablero de un período es para la secretaría ejecutiva."))
    if request.method == "POST" and request.POST.get("accion") == "recordar":
        period = get_object_or_404(ReportingPeriod, pk=period_id)
        institution = request.POST.get("institucion") or None
        sent = services.remind_late(
            period=period, actor=request.user, institution_id=int(institution) if institution else None
        )
        if sent:
            messages.success(request, _("Recordatorio enviado a %(n)s contraparte(s).") % {"n": sent})
        else:
            messages.info(request, _("No se envió ningún recordatorio: no hay atrasos o ya se recordó hoy."))
        return redirect(request.path)
    page = selectors.dashboard(period_id)
    crumbs = [HOME_CRUMB, (f"{page.plan.title} · {page.period.label}", "")]
    return render(request, "monitoring/dashboard.html", {"page": page, "crumbs": crumbs})


# ------------------------------------------------------------------ the report form


def _milestone_initial(milestones, report):
    updates = {u.milestone_id: u for u in report.milestone_updates.all()} if report and report.pk else {}
    initial = []
    for m in milestones:
        u = updates.get(m.pk)
        source = u or m
        initial.append(
            {
                "milestone_id": m.pk,
                "status": source.status,
                "progress": source.progress,
                "actual_start_date": source.actual_start_date,
                "actual_end_date": source.actual_end_date,
                "note": u.note if u else "",
            }
        )
    return initial


def _evidence_initial(rows):
    return [{"title": e.title, "url": e.url, "date": e.date, "milestone": e.milestone_id} for e in rows if not e.file]


@login_required
def report_form(request: HttpRequest, commitment_id: int, period_id: int) -> HttpResponse:
    commitment = get_object_or_404(Commitment.objects.select_related("plan", "lead_institution"), pk=commitment_id)
    period = get_object_or_404(ReportingPeriod, pk=period_id, plan_id=commitment.plan_id)
    report = (
        ProgressReport.all_objects.filter(commitment=commitment, period=period)
        .select_related("commitment")
        .order_by("-version")
        .first()
    )
    if report is not None:
        if not rules.has_perm("monitoring.change_progressreport", request.user, report):
            if rules.has_perm("monitoring.view_progressreport", request.user, report):
                return redirect(report.get_absolute_url())
            return _forbidden(request, _("Solo las contrapartes de la institución responsable editan este reporte."))
    elif not rules.has_perm("monitoring.add_progressreport", request.user, commitment):
        return _forbidden(request, _("Solo las contrapartes de la institución responsable reportan este compromiso."))

    milestones = list(commitment.milestones.order_by("position", "id"))
    by_id = {m.pk: m for m in milestones}
    instance = report or ProgressReport(commitment=commitment, period=period, period_label=period.label)
    evidence_rows = list(report.evidence_links.all()) if report else []
    saved_files = [row for row in evidence_rows if row.file]
    lost_files = False
    if request.method == "POST":
        form = ReportForm(request.POST, instance=instance)
        m_formset = MilestoneUpdateFormSet(request.POST, prefix="hitos", initial=_milestone_initial(milestones, report))
        e_formset = EvidenceLinkFormSet(request.POST, prefix="evidencia", form_kwargs={"milestones": milestones})
        f_data = request.POST
        if "archivos-TOTAL_FORMS" not in f_data:  # a client that sends no file rows at all
            f_data = f_data.copy()
            f_data.update({"archivos-TOTAL_FORMS": "0", "archivos-INITIAL_FORMS": "0"})
        f_formset = EvidenceFileFormSet(
            f_data, request.FILES, prefix="archivos", form_kwargs={"milestones": milestones}
        )
        remove_form = RemoveFilesForm(request.POST, prefix="guardados", rows=saved_files)
        valid = [
            form.is_valid(),
            m_formset.is_valid(),
            e_formset.is_valid(),
            f_formset.is_valid(),
            remove_form.is_valid(),
        ]
        if all(valid):
            fields = {name: form.cleaned_data[name] for name in ProgressReport.TEMPLATE_FIELDS}
            changes = []
            for f in m_formset:
                d = f.cleaned_data
                m = by_id.get(d.get("milestone_id"))
                if m is None:
                    continue
                same = (
                    d["status"] == m.status
                    and d["progress"] == m.progress
                    and d["actual_start_date"] == m.actual_start_date
                    and d["actual_end_date"] == m.actual_end_date
                    and not d["note"]
                )
                if not same:
                    changes.append(
                        services.MilestoneChange(
                            m, d["status"], d["progress"], d["actual_start_date"], d["actual_end_date"], d["note"]
                        )
                    )
            links = [
                services.EvidenceLink(
                    f.cleaned_data["title"],
                    f.cleaned_data["url"],
                    f.cleaned_data["date"],
                    by_id.get(f.cleaned_data["milestone"]),
                )
                for f in e_formset
                if f.cleaned_data and not f.cleaned_data.get("DELETE") and not f.is_blank
            ]
            files = [
                services.EvidenceFile(
                    f.cleaned_data["title"],
                    f.cleaned_data["file"],
                    f.cleaned_data["date"],
                    by_id.get(f.cleaned_data["milestone"]),
                )
                for f in f_formset
                if f.cleaned_data and not f.is_blank
            ]
            submit = "enviar" in request.POST
            existed = report
            try:
                with transaction.atomic():
                    if report is None:
                        report = services.report_create(actor=request.user, commitment=commitment, period=period)
                    services.report_update(
                        report,
                        actor=request.user,
                        fields=fields,
                        milestone_changes=changes,
                        evidence=links,
                        files=files,
                        remove_files=remove_form.cleaned_data["remove"],
                    )
            except ValidationError as error:
                report = existed
                _add_errors(form, error)
                lost_files = bool(files)
            else:
                if not submit:
                    messages.success(request, _("Se guardó el borrador."))
                    return redirect(request.path)
                try:
                    services.report_submit(report, actor=request.user)
                except ValidationError as error:
                    _add_errors(form, error)
                    form.add_error(None, _("Se guardó el borrador, pero no se pudo enviar: complete lo que falta."))
                    # The files are saved with the draft: show them as saved, with the empty rows again.
                    saved_files = list(report.evidence_links.exclude(file=""))
                    remove_form = RemoveFilesForm(prefix="guardados", rows=saved_files)
                    f_formset = EvidenceFileFormSet(prefix="archivos", form_kwargs={"milestones": milestones})
                else:
                    messages.success(request, _("Se envió el reporte a la secretaría ejecutiva para su revisión."))
                    return redirect(report.get_absolute_url())
        else:
            lost_files = any(f.chose_a_file for f in f_formset)
        if lost_files:
            for f in f_formset:
                if f.chose_a_file and not f.has_error("file"):
                    f.add_error(
                        "file",
                        _(
                            "El reporte no se guardó: vuelva a elegir este archivo (el navegador no lo conserva "
                            "cuando la página tiene errores)."
                        ),
                    )
    else:
        form = ReportForm(instance=instance)
        m_formset = MilestoneUpdateFormSet(prefix="hitos", initial=_milestone_initial(milestones, report))
        e_formset = EvidenceLinkFormSet(
            prefix="evidencia", initial=_evidence_initial(evidence_rows), form_kwargs={"milestones": milestones}
        )
        f_formset = EvidenceFileFormSet(prefix="archivos", form_kwargs={"milestones": milestones})
        remove_form = RemoveFilesForm(prefix="guardados", rows=saved_files)
    rows = list(zip(milestones, m_formset.forms, strict=False))
    comments = list(report.comments.select_related("author")) if report and report.pk else []
    crumbs = [HOME_CRUMB, (f"{commitment.code} · {period.label}", "")]
    on_behalf = services.on_behalf(request.user, commitment)
    return render(
        request,
        "monitoring/report_form.html",
        {
            "commitment": commitment,
            "period": period,
            "report": report,
            "form": form,
            "m_formset": m_formset,
            "e_formset": e_formset,
            "f_formset": f_formset,
            "remove_form": remove_form,
            "saved_files": [(row, f"id_guardados-remove-{i}") for i, row in enumerate(remove_form.rows)],
            "milestone_rows": rows,
            "comments": comments,
            "crumbs": crumbs,
            "on_behalf": on_behalf,
            "max_upload_mb": round(settings.ABIERTO_MAX_UPLOAD_BYTES / 1024 / 1024, 1),
        },
    )


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# ------------------------------------------------------------------ review


ACTIONS = {
    "validar": services.report_validate,
    "publicar": services.report_publish,
    "corregir": services.report_correct,
}
DONE = {
    "validar": _("Reporte validado: las actualizaciones de hitos y la evidencia ya están en el registro."),
    "publicar": _("Reporte publicado en la página del compromiso."),
    "corregir": _("Se creó una nueva versión en borrador; la versión publicada no cambia hasta que se publique."),
    "devolver": _("Reporte devuelto a la institución con su comentario."),
}


@login_required
def review(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_object_or_404(
        ProgressReport.all_objects.select_related(
            "commitment__plan",
            "commitment__lead_institution",
            "period",
            "supersedes",
            "created_by",
            "submitted_by",
            "validated_by",
            "published_by",
        ),
        pk=report_id,
    )
    user = request.user
    if not rules.has_perm("monitoring.view_progressreport", user, report):
        return _forbidden(request, _("Solo la institución responsable y la secretaría ejecutiva ven este reporte."))
    changes_form = RequestChangesForm()
    if request.method == "POST":
        action = request.POST.get("accion", "")
        try:
            if action == "devolver":
                changes_form = RequestChangesForm(request.POST)
                if changes_form.is_valid():
                    services.report_request_changes(report, actor=user, comment=changes_form.cleaned_data["comment"])
                else:
                    raise ValidationError(changes_form.errors["comment"])
            elif action in ACTIONS:
                result = ACTIONS[action](report, actor=user)
                if action == "corregir":
                    messages.success(request, DONE[action])
                    return redirect(f"/seguimiento/compromisos/{result.commitment_id}/periodos/{result.period_id}/")
            else:
                raise ValidationError(_("Acción desconocida."))
        except PermissionDenied:
            return _forbidden(request, _("No tiene permiso para hacer esto con este reporte en su estado actual."))
        except ValidationError as error:
            if action == "devolver" and not changes_form.errors:
                changes_form.add_error("comment", error.messages)
            elif action != "devolver":
                for message in error.messages:
                    messages.error(request, message)
        else:
            messages.success(request, DONE[action])
            return redirect(report.get_absolute_url())

    can = {
        name: rules.has_perm(f"monitoring.{name}_progressreport", user, report)
        for name in ("change", "request_changes", "validate", "publish", "correct")
    }
    crumbs = [HOME_CRUMB]
    if report.period_id and rules.has_perm("monitoring.view_dashboard", user):
        crumbs.append((report.period.label, f"/seguimiento/periodos/{report.period_id}/"))
    crumbs.append((str(report), ""))
    return render(
        request,
        "monitoring/review.html",
        {
            "report": report,
            "commitment": report.commitment,
            "updates": list(report.milestone_updates.select_related("milestone")),
            "evidence": list(report.evidence_links.select_related("milestone")),
            "comments": list(report.comments.select_related("author")),
            "diff": services.report_changes(report.supersedes, report),
            "can": can,
            "changes_form": changes_form,
            "crumbs": crumbs,
        },
    )


# ------------------------------------------------------------------ the spreadsheet of a period

SPREADSHEET_SESSION = "monitoring_spreadsheets"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _spreadsheet_access(request: HttpRequest, period: ReportingPeriod) -> HttpResponse | None:
    """403 unless the person may report on some commitment of the period's plan (or is the secretariat)."""
    from abierto.monitoring import spreadsheet

    if not rules.has_perm("monitoring.access", request.user):
        return _forbidden(request, NO_ROLE)
    if not is_secretariat(request.user) and not spreadsheet.reportable_commitments(request.user, period):
        return _forbidden(request, _("Su institución no lidera compromisos del plan de este período."))
    return None


@login_required
def spreadsheet_template(request: HttpRequest, period_id: int) -> HttpResponse:
    from abierto.monitoring import spreadsheet

    period = get_object_or_404(ReportingPeriod.objects.select_related("plan"), pk=period_id)
    denied = _spreadsheet_access(request, period)
    if denied:
        return denied
    response = HttpResponse(spreadsheet.build_template(request.user, period), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="planilla-periodo-{period.pk}.xlsx"'
    return response


class SpreadsheetUploadForm(forms.Form):
    archivo = forms.FileField(
        label=_("Planilla completada (.xlsx)"),
        help_text=_("La plantilla descargada de esta página, completada y guardada en formato XLSX."),
    )

    def clean_archivo(self):
        from django.conf import settings

        upload = self.cleaned_data["archivo"]
        limit = settings.ABIERTO_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("El archivo pesa más de %(mb)s MB, el máximo permitido.") % {"mb": round(limit / 1024 / 1024, 1)}
            )
        return upload


@login_required
def spreadsheet_upload(request: HttpRequest, period_id: int) -> HttpResponse:
    import hashlib
    import secrets

    from abierto.monitoring import spreadsheet

    period = get_object_or_404(ReportingPeriod.objects.select_related("plan"), pk=period_id)
    denied = _spreadsheet_access(request, period)
    if denied:
        return denied
    stash = request.session.get(SPREADSHEET_SESSION, {})
    context = {
        "period": period,
        "crumbs": [HOME_CRUMB, (f"{period.plan.title} · {period.label}", "")],
        "errors": [],
        "preview": None,
    }
    form = SpreadsheetUploadForm()
    if request.method == "POST" and "confirmar" in request.POST:
        token = request.POST.get("token", "")
        pending = stash.pop(token, None)
        request.session[SPREADSHEET_SESSION] = stash
        if not pending or pending["period"] != period.pk or pending["user"] != request.user.pk:
            messages.error(
                request, _("Esta vista previa ya se confirmó o expiró: suba la planilla otra vez si falta algo.")
            )
            return redirect(request.path)
        try:
            saved = spreadsheet.apply(request.user, period, pending["plan"])
        except PermissionDenied:
            messages.error(request, _("No tiene permiso para editar alguno de estos reportes: no se guardó nada."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            messages.error(request, _("No se guardó nada."))
        else:
            behalf = sum(1 for report in saved if report.entered_on_behalf and is_secretariat(request.user))
            messages.success(
                request,
                _("Se guardaron %(n)s borradores desde la planilla. Revíselos y envíelos desde cada reporte.")
                % {"n": len(saved)},
            )
            if behalf:
                messages.info(
                    request,
                    _("%(n)s de ellos quedan como cargados por la Secretaría en nombre de la institución responsable.")
                    % {"n": behalf},
                )
            return redirect("monitoring:home")
        return redirect(request.path)
    if request.method == "POST":
        form = SpreadsheetUploadForm(request.POST, request.FILES)
        if form.is_valid():
            content = form.cleaned_data["archivo"].read()
            try:
                result = spreadsheet.parse_upload(request.user, period, content)
            except spreadsheet.NotAWorkbook as error:
                form.add_error("archivo", str(error))
            else:
                if result.errors:
                    context["errors"] = result.errors
                elif not result.plan:
                    form.add_error("archivo", _("La planilla no trae nada que guardar."))
                else:
                    token = secrets.token_urlsafe(16)
                    stash = {k: v for k, v in stash.items() if v.get("sha256") != result.sha256}
                    stash[token] = {
                        "period": period.pk,
                        "user": request.user.pk,
                        "sha256": hashlib.sha256(content).hexdigest(),
                        "plan": result.plan,
                    }
                    request.session[SPREADSHEET_SESSION] = stash
                    context["preview"] = _spreadsheet_preview(result.plan)
                    context["token"] = token
    context["form"] = form
    return render(request, "monitoring/spreadsheet_upload.html", context)


def _spreadsheet_preview(plan):
    from abierto.plans.models import Completion, Milestone

    completion = dict(Completion.choices)
    status = dict(Milestone.Status.choices)
    rows = []
    for entry in plan:
        fields = dict(entry["fields"])
        fields["completion"] = completion.get(fields["completion"], "")
        rows.append(
            {
                "code": entry["code"],
                "title": entry["title"],
                "action": _("Actualizar el borrador") if entry["report_id"] else _("Crear un borrador"),
                "institution": entry.get("institution", ""),
                "on_behalf": entry.get("on_behalf", False),
                "fields": [
                    (_("Nivel de cumplimiento"), fields["completion"]),
                    (_("Descripción de los resultados"), fields["results_description"]),
                    (_("Fecha de conclusión"), fields["conclusion_date_text"]),
                    (_("Próximos pasos"), fields["next_steps"]),
                    (_("Lo que queda por lograr y retos"), fields["remaining_and_challenges"]),
                ],
                "milestones": [dict(m, status_label=status.get(m["status"], m["status"])) for m in entry["milestones"]],
                "evidence": entry["evidence"],
            }
        )
    return rows


# ------------------------------------------------------------------ evidence files

# Content types by the signature the upload validator recognised (abierto.plans.validators.SIGNATURES).
CONTENT_TYPES = {
    "PDF": "application/pdf",
    "PNG": "image/png",
    "JPEG": "image/jpeg",
}


def _content_type(head: bytes) -> str:
    from abierto.plans.validators import SIGNATURES

    for signature, name in SIGNATURES:
        if head.startswith(signature):
            return CONTENT_TYPES.get(name, "application/octet-stream")
    return "application/octet-stream"


def evidence_file(request: HttpRequest, evidence_id: int) -> HttpResponse:
    """Stream a report's evidence file through the storage: public once the report is published."""
    from django.contrib.auth.views import redirect_to_login
    from django.http import FileResponse, Http404

    row = get_object_or_404(
        ReportEvidence.objects.select_related("report__commitment").exclude(file=""), pk=evidence_id
    )
    if not rules.has_perm("monitoring.download_reportevidence", request.user, row):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return _forbidden(
            request,
            _(
                "Este archivo será público cuando se publique el reporte; antes solo lo ven la institución "
                "responsable y la secretaría."
            ),
        )
    try:
        handle = row.file.storage.open(row.file.name, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404(_("El archivo ya no está disponible.")) from error
    head = handle.read(16)
    handle.seek(0)
    response = FileResponse(handle, as_attachment=True, filename=row.filename, content_type=_content_type(head))
    response["X-Content-Type-Options"] = "nosniff"
    published = row.report.status == ProgressReport.Status.PUBLISHED
    response["Cache-Control"] = "public, max-age=3600" if published else "private, no-store"
    return response
