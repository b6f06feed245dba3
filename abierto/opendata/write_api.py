"""The write API: an institution's own system submits progress reports and evidence as a person, with that
person's personal token, under exactly the rules and workflow of the web forms (``abierto.monitoring.services``
does the work; this module only translates JSON to its calls and its errors to JSON).

    GET   /api/v1/me/                               who the token belongs to, and their roles
    GET   /api/v1/me/reports/?period=&status=       the reports this person may see (drafts included)
    POST  /api/v1/me/reports/                       a new draft (JSON: commitment, period, template fields,
                                                    milestones, evidence)
    GET   /api/v1/me/reports/<id>/                  one report
    PATCH /api/v1/me/reports/<id>/                  edit a draft or a report sent back
    POST  /api/v1/me/reports/<id>/files/            add a file (multipart: title, file, date, milestone)
    POST  /api/v1/me/reports/<id>/submit/           send it to the secretariat
"""

import datetime
import json
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from abierto.accounts import rules as account_rules
from abierto.accounts import tokens
from abierto.monitoring import services as monitoring
from abierto.monitoring.models import ProgressReport, ReportingPeriod
from abierto.opendata.api import ApiError, _error, _json_bytes
from abierto.plans.models import Commitment, Milestone

TEMPLATE_FIELDS = tuple(monitoring.EDITABLE_FIELDS)
MILESTONE_STATUSES = tuple(Milestone.Status.values)


def _respond(data: Any, status: int = 200) -> HttpResponse:
    response = HttpResponse(_json_bytes(data), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


def _authenticated(view):
    @csrf_exempt
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = tokens.authenticate(request.headers.get("Authorization", ""))
        if user is None:
            response = _error(
                ApiError(401, "unauthorized", _("Falta una clave de API válida (Authorization: Bearer …)."))
            )
            response["WWW-Authenticate"] = 'Bearer realm="abierto"'
            return response
        request.user = user
        try:
            return view(request, *args, **kwargs)
        except ApiError as error:
            return _error(error)
        except PermissionDenied as error:
            return _error(ApiError(403, "forbidden", str(error) or _("No tiene permiso para hacer eso.")))
        except ValidationError as error:
            details = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            return _error(ApiError(400, "invalid", _("Los datos no son válidos; nada se guardó."), details))

    wrapper.__name__ = view.__name__
    return wrapper


def _body(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "invalid_json", _("El cuerpo no es JSON válido.")) from None
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_json", _("El cuerpo debe ser un objeto JSON."))
    if _has_nul(data):
        raise ApiError(400, "invalid", _("El texto no puede contener el carácter nulo."))
    return data


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def _date(value: Any, field: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ApiError(400, "invalid", _("Fecha no válida (use AAAA-MM-DD)."), {field: value}) from None


def _id(value: Any) -> int | None:
    """An identifier as the database can hold it, or None."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**63:
        return None
    return value


def _report_json(report: ProgressReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "commitment": report.commitment_id,
        "period": report.period_id,
        "status": report.status,
        "version": report.version,
        "entered_on_behalf": report.entered_on_behalf,
        **{name: getattr(report, name) or None for name in TEMPLATE_FIELDS},
        "milestones": [
            {
                "milestone": update.milestone_id,
                "status": update.status,
                "progress": update.progress,
                "actual_start_date": update.actual_start_date.isoformat() if update.actual_start_date else None,
                "actual_end_date": update.actual_end_date.isoformat() if update.actual_end_date else None,
                "note": update.note or None,
            }
            for update in report.milestone_updates.all()
        ],
        "evidence": [
            {
                "id": row.pk,
                "title": row.title,
                "url": row.url or None,
                "file": row.filename if row.file else None,
                "date": row.date.isoformat() if row.date else None,
                "milestone": row.milestone_id,
            }
            for row in report.evidence_links.all()
        ],
    }


def _visible_reports(user):
    rows = ProgressReport.all_objects.select_related("commitment").prefetch_related(
        "milestone_updates", "evidence_links"
    )
    if account_rules.is_secretariat(user):
        return rows
    return rows.filter(commitment__lead_institution_id__in=account_rules.institution_ids(user))


def _report_for(user, pk: int) -> ProgressReport:
    report = _visible_reports(user).filter(pk=pk).first()
    if report is None:
        raise ApiError(404, "not_found", _("No existe ese reporte, o no es de su institución."), {"id": pk})
    return report


def _changes(report_commitment: Commitment, data: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments of ``report_update`` from a JSON body."""
    unknown = sorted(set(data) - set(TEMPLATE_FIELDS) - {"milestones", "evidence", "commitment", "period"})
    if unknown:
        raise ApiError(400, "unknown_field", _("Campos desconocidos: %(names)s.") % {"names": ", ".join(unknown)})
    wrong = sorted(
        name for name in TEMPLATE_FIELDS if name in data and data[name] is not None and not isinstance(data[name], str)
    )
    if wrong:
        raise ApiError(400, "invalid", _("Estos campos deben ser texto: %(names)s.") % {"names": ", ".join(wrong)})
    kwargs: dict[str, Any] = {"fields": {name: data[name] or "" for name in TEMPLATE_FIELDS if name in data}}
    milestones = {m.pk: m for m in report_commitment.milestones.all()}
    if "milestones" in data:
        changes = []
        if not isinstance(data["milestones"] or [], list):
            raise ApiError(400, "invalid", _("«milestones» debe ser una lista."))
        for index, item in enumerate(data["milestones"] or []):
            milestone = milestones.get(_id(item.get("milestone"))) if isinstance(item, dict) else None
            if milestone is None:
                raise ApiError(
                    400, "invalid", _("Ese hito no pertenece a este compromiso."), {f"milestones[{index}]": item}
                )
            status = item.get("status")
            if status not in MILESTONE_STATUSES:
                raise ApiError(400, "invalid", _("Estado de hito no válido."), {f"milestones[{index}].status": status})
            progress = item.get("progress")
            if not isinstance(progress, int) or isinstance(progress, bool):
                raise ApiError(
                    400,
                    "invalid",
                    _("El avance debe ser un entero de 0 a 100."),
                    {f"milestones[{index}].progress": progress},
                )
            changes.append(
                monitoring.MilestoneChange(
                    milestone=milestone,
                    status=status,
                    progress=progress,
                    actual_start_date=_date(item.get("actual_start_date"), f"milestones[{index}].actual_start_date"),
                    actual_end_date=_date(item.get("actual_end_date"), f"milestones[{index}].actual_end_date"),
                    note=str(item.get("note") or ""),
                )
            )
        kwargs["milestone_changes"] = changes
    if "evidence" in data:
        links = []
        if not isinstance(data["evidence"] or [], list):
            raise ApiError(400, "invalid", _("«evidence» debe ser una lista."))
        for index, item in enumerate(data["evidence"] or []):
            if (
                not isinstance(item, dict)
                or not isinstance(item.get("title"), str)
                or not isinstance(item.get("url"), str)
                or not item["title"].strip()
                or not item["url"].strip()
            ):
                raise ApiError(
                    400, "invalid", _("Cada evidencia necesita «title» y «url»."), {f"evidence[{index}]": item}
                )
            milestone = milestones.get(_id(item.get("milestone"))) if item.get("milestone") else None
            links.append(
                monitoring.EvidenceLink(
                    title=str(item["title"]),
                    url=str(item["url"]),
                    date=_date(item.get("date"), f"evidence[{index}].date"),
                    milestone=milestone,
                )
            )
        kwargs["evidence"] = links
    return kwargs


@_authenticated
def me(request: HttpRequest) -> HttpResponse:
    if request.method != "GET":
        raise ApiError(405, "method_not_allowed", _("Método no permitido."))
    user = request.user
    roles = [
        {"kind": role.kind, "institution": role.institution.slug if role.institution_id else None}
        for role in user.roles.active().select_related("institution")
    ]
    return _respond({"email": user.email, "name": user.get_full_name() or None, "roles": roles})


@_authenticated
def my_reports(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "GET":
        rows = _visible_reports(user).order_by("pk")
        for param, lookup in (("period", "period_id"), ("commitment", "commitment_id")):
            if request.GET.get(param):
                try:
                    value = _id(int(request.GET[param]))
                    if value is None:
                        raise ValueError(param)
                    rows = rows.filter(**{lookup: value})
                except ValueError:
                    raise ApiError(
                        400, "invalid_parameter", _("Valor no válido."), {param: request.GET[param]}
                    ) from None
        if request.GET.get("status"):
            rows = rows.filter(status=request.GET["status"])
        return _respond({"results": [_report_json(report) for report in rows[:500]]})
    if request.method != "POST":
        raise ApiError(405, "method_not_allowed", _("Método no permitido."))
    data = _body(request)
    commitment_id, period_id = _id(data.get("commitment")), _id(data.get("period"))
    commitment = Commitment.objects.filter(pk=commitment_id).first() if commitment_id else None
    period = ReportingPeriod.objects.filter(pk=period_id).first() if period_id else None
    if commitment is None or period is None:
        raise ApiError(
            400,
            "invalid",
            _("Indique «commitment» y «period» con los identificadores de la API pública."),
            {"commitment": data.get("commitment"), "period": data.get("period")},
        )
    changes = _changes(commitment, data)
    with transaction.atomic():
        report = monitoring.report_create(actor=user, commitment=commitment, period=period, **changes.pop("fields"))
        if changes:
            monitoring.report_update(report, actor=user, **changes)
    return _respond(_report_json(_report_for(user, report.pk)), status=201)


@_authenticated
def my_report(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    report = _report_for(user, pk)
    if request.method == "GET":
        return _respond(_report_json(report))
    if request.method != "PATCH":
        raise ApiError(405, "method_not_allowed", _("Método no permitido."))
    changes = _changes(report.commitment, _body(request))
    monitoring.report_update(report, actor=user, **changes)
    return _respond(_report_json(_report_for(user, pk)))


@_authenticated
def my_report_files(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        raise ApiError(405, "method_not_allowed", _("Método no permitido."))
    user = request.user
    report = _report_for(user, pk)
    upload = request.FILES.get("file")
    title = (request.POST.get("title") or "").strip()
    if upload is None or not title:
        raise ApiError(400, "invalid", _("Envíe «file» y «title» como multipart/form-data."))
    if any(_has_nul(value) for value in request.POST.values()):
        raise ApiError(400, "invalid", _("El texto no puede contener el carácter nulo."))
    milestone = None
    if request.POST.get("milestone"):
        raw = request.POST["milestone"]
        wanted = _id(int(raw)) if re.fullmatch(r"[0-9]{1,19}", raw) else None
        milestone = report.commitment.milestones.filter(pk=wanted).first() if wanted else None
        if milestone is None:
            raise ApiError(400, "invalid", _("Ese hito no pertenece a este compromiso."))
    item = monitoring.EvidenceFile(
        title=title, file=upload, date=_date(request.POST.get("date"), "date"), milestone=milestone
    )
    monitoring.report_update(report, actor=user, files=[item])
    return _respond(_report_json(_report_for(user, pk)), status=201)


@_authenticated
def my_report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        raise ApiError(405, "method_not_allowed", _("Método no permitido."))
    user = request.user
    monitoring.report_submit(_report_for(user, pk), actor=user)
    return _respond(_report_json(_report_for(user, pk)))
