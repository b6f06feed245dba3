"""Progress reports of one period as a spreadsheet: the XLSX template and the checked upload.

``build_template`` writes the workbook (sheets «Reportes», «Hitos», «Evidencia», «Instrucciones»).
``parse_upload`` reads an uploaded file and checks ALL of it; it returns the errors (sheet, row, column,
message) or the plan of what would be saved, as plain JSON-able data (kept in the session between the
preview and the confirmation). ``apply`` saves that plan through the monitoring services in one
transaction, exactly as the report form would.
"""

import contextlib
import datetime
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from abierto.accounts.rules import institution_ids, is_secretariat
from abierto.monitoring import services
from abierto.monitoring.models import ProgressReport, ReportingPeriod
from abierto.plans.models import Commitment, Completion, Milestone

REPORTS = "Reportes"
MILESTONES = "Hitos"
EVIDENCE = "Evidencia"
INSTRUCTIONS = "Instrucciones"
LISTS = "Listas"
EVIDENCE_ROWS = 30

# (header, key, width). The keys of the report sheet are the template fields it carries.
REPORT_COLUMNS = [
    ("ID compromiso", "commitment_id", 14),
    ("Código", "code", 12),
    ("Título (no editar)", "title", 50),
    ("Nivel de cumplimiento", "completion", 24),
    ("Descripción de los resultados", "results_description", 60),
    ("Fecha de conclusión", "conclusion_date_text", 20),
    ("Próximos pasos", "next_steps", 40),
    ("Lo que queda por lograr y retos", "remaining_and_challenges", 40),
    ("Institución responsable (no editar)", "institution", 36),
]
REPORT_FIELDS = ("completion", "results_description", "conclusion_date_text", "next_steps", "remaining_and_challenges")
MILESTONE_COLUMNS = [
    ("ID hito", "milestone_id", 10),
    ("Código compromiso", "code", 18),
    ("Descripción (no editar)", "description", 50),
    ("Estado", "status", 16),
    ("Avance", "progress", 10),
    ("Inicio real", "actual_start_date", 14),
    ("Término real", "actual_end_date", 14),
    ("Descripción del avance", "note", 50),
]
EVIDENCE_COLUMNS = [
    ("Código compromiso", "code", 18),
    ("ID hito (opcional)", "milestone_id", 18),
    ("Título", "title", 50),
    ("Enlace", "url", 50),
    ("Fecha", "date", 14),
]


class NotAWorkbook(Exception):
    """The upload is not an XLSX workbook that can be read."""


# ------------------------------------------------------------------ who reports on what


def reportable_commitments(user: Any, period: ReportingPeriod) -> list[Commitment]:
    """The commitments of the period's plan that ``user`` may report on (the secretariat: all of them)."""
    qs = Commitment.objects.filter(plan_id=period.plan_id).select_related("lead_institution")
    if not is_secretariat(user):
        qs = qs.filter(lead_institution_id__in=institution_ids(user))
    return list(qs.order_by("code", "id"))


def _latest_reports(period: ReportingPeriod, commitment_ids) -> dict[int, ProgressReport]:
    latest: dict[int, ProgressReport] = {}
    qs = ProgressReport.all_objects.filter(period=period, commitment_id__in=list(commitment_ids)).order_by(
        "commitment_id", "-version"
    )
    for report in qs.select_related("commitment"):
        latest.setdefault(report.commitment_id, report)
    return latest


# ------------------------------------------------------------------ the template


def _style_sheet(ws, columns, frozen="A2") -> None:
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")
    for index, (header, _key, width) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=header)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = frozen


def _date(value):
    return value.isoformat() if value else None


def build_template(user: Any, period: ReportingPeriod) -> bytes:
    commitments = reportable_commitments(user, period)
    reports = _latest_reports(period, [c.pk for c in commitments])
    open_commitments, closed = [], []
    for c in commitments:
        report = reports.get(c.pk)
        (open_commitments if report is None or report.is_editable else closed).append(c)

    wb = Workbook()
    ws = wb.active
    ws.title = REPORTS
    _style_sheet(ws, REPORT_COLUMNS, frozen="D2")
    lists = wb.create_sheet(LISTS)
    completion_labels = [str(label) for _v, label in Completion.choices]
    status_labels = [str(label) for _v, label in Milestone.Status.choices]
    for i, label in enumerate(completion_labels, start=1):
        lists.cell(row=i, column=1, value=label)
    for i, label in enumerate(status_labels, start=1):
        lists.cell(row=i, column=2, value=label)
    lists.sheet_state = "hidden"

    completion_dv = DataValidation(type="list", formula1=f"={LISTS}!$A$1:$A${len(completion_labels)}", allow_blank=True)
    completion_dv.error = _("Elija un nivel de cumplimiento de la lista.")
    ws.add_data_validation(completion_dv)
    completion_label = dict(Completion.choices)
    for row, c in enumerate(open_commitments, start=2):
        report = reports.get(c.pk)
        values = {
            "commitment_id": c.pk,
            "code": c.code,
            "title": c.display_title,
            "institution": str(c.lead_institution) if c.lead_institution_id else None,
        }
        if report is not None:
            for name in REPORT_FIELDS:
                values[name] = getattr(report, name) or None
            if report.completion:
                values["completion"] = str(completion_label.get(report.completion, report.completion))
        for col, (_h, key, _w) in enumerate(REPORT_COLUMNS, start=1):
            ws.cell(row=row, column=col, value=values.get(key))
        completion_dv.add(f"D{row}")

    hs = wb.create_sheet(MILESTONES)
    _style_sheet(hs, MILESTONE_COLUMNS, frozen="D2")
    status_dv = DataValidation(type="list", formula1=f"={LISTS}!$B$1:$B${len(status_labels)}", allow_blank=False)
    status_dv.error = _("Elija un estado de la lista.")
    progress_dv = DataValidation(type="whole", operator="between", formula1="0", formula2="100")
    progress_dv.error = _("El avance es un número entero entre 0 y 100.")
    hs.add_data_validation(status_dv)
    hs.add_data_validation(progress_dv)
    status_label = dict(Milestone.Status.choices)
    milestones = Milestone.objects.filter(commitment__in=open_commitments).select_related("commitment")
    row = 1
    for m in milestones.order_by("commitment__code", "position", "id"):
        row += 1
        report = reports.get(m.commitment_id)
        update = None
        if report is not None:
            update = next((u for u in report.milestone_updates.all() if u.milestone_id == m.pk), None)
        source = update or m
        values = [
            m.pk,
            m.commitment.code,
            m.description,
            str(status_label.get(source.status, source.status)),
            source.progress,
            _date(source.actual_start_date),
            _date(source.actual_end_date),
            (update.note if update else None) or None,
        ]
        for col, value in enumerate(values, start=1):
            hs.cell(row=row, column=col, value=value)
        status_dv.add(f"D{row}")
        progress_dv.add(f"E{row}")

    es = wb.create_sheet(EVIDENCE)
    _style_sheet(es, EVIDENCE_COLUMNS, frozen="A2")
    row = 1
    for c in open_commitments:
        report = reports.get(c.pk)
        if report is None:
            continue
        for link in report.evidence_links.filter(file=""):
            row += 1
            for col, value in enumerate([c.code, link.milestone_id, link.title, link.url, _date(link.date)], start=1):
                es.cell(row=row, column=col, value=value)

    ins = wb.create_sheet(INSTRUCTIONS)
    ins.column_dimensions["A"].width = 110
    lines = [
        _("Planilla de reportes de avance: %(plan)s · %(period)s")
        % {"plan": period.plan.title, "period": period.label},
        "",
        _("1. En «Reportes», complete una fila por compromiso. No cambie el ID ni el código."),
        _("   El nivel de cumplimiento se elige de la lista: %(labels)s.") % {"labels": ", ".join(completion_labels)},
        _("   Una fila sin ningún dato en un compromiso sin borrador no crea nada."),
        _("2. En «Hitos», una fila por hito. Estado (de la lista: %(labels)s) y avance de 0 a 100 deben concordar:")
        % {"labels": ", ".join(status_labels)},
        _("   «Completo» = 100, «No iniciado» = 0, «En curso» menos de 100."),
        _("   Las fechas se escriben AAAA-MM-DD (por ejemplo 2025-03-31) o como fecha de la planilla."),
        _("3. En «Evidencia», un medio de verificación por fila: código del compromiso, título y enlace (https://…)."),
        _("   El ID del hito es opcional. Las filas de evidencia reemplazan los enlaces del borrador;"),
        _("   los archivos se suben desde el formulario de cada reporte y la planilla no los modifica."),
        _("4. Suba la planilla en la plataforma: se revisa completa, se muestra una vista previa y nada se guarda"),
        _("   hasta que confirme. Se guardan borradores: el envío a la secretaría se hace desde cada reporte."),
    ]
    if is_secretariat(user):
        lines += [
            "",
            _("Como secretaría ejecutiva, usted guarda los reportes en nombre de la institución responsable de cada"),
            _("compromiso: cada reporte dirá «Cargado por la Secretaría en nombre de <institución>»."),
        ]
    if closed:
        lines += ["", _("No incluidos porque su reporte ya fue enviado, validado o publicado:")]
        lines += [f"   {c.code} · {c.title}" for c in closed]
    for i, line in enumerate(lines, start=1):
        ins.cell(row=i, column=1, value=line)
    ins["A1"].font = Font(bold=True, size=13)

    wb.move_sheet(lists, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(LISTS))
    wb.active = 0
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ------------------------------------------------------------------ reading an upload


@dataclass
class CellError:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.sheet
        if self.row:
            where += _(", fila %(row)s") % {"row": self.row}
        if self.column:
            where += _(", columna «%(column)s»") % {"column": self.column}
        return f"{where}: {self.message}"


@dataclass
class ParseResult:
    errors: list[CellError] = field(default_factory=list)
    # JSON-able: one entry per commitment to save.
    plan: list[dict[str, Any]] = field(default_factory=list)
    sha256: str = ""


def open_workbook(content: bytes):
    """The workbook in ``content``, or ``NotAWorkbook``: checked by content, not by the file's name."""
    if not content.startswith(b"PK\x03\x04") or not zipfile.is_zipfile(io.BytesIO(content)):
        raise NotAWorkbook(_("El archivo no es una planilla XLSX (Excel o LibreOffice guardada como .xlsx)."))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise NotAWorkbook(_("El archivo es un ZIP, pero no una planilla XLSX."))
        return load_workbook(io.BytesIO(content), data_only=True)
    except NotAWorkbook:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise NotAWorkbook(_("No se pudo leer la planilla: el archivo XLSX está dañado.")) from error


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _int(value):
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        return int(value)
    text = str(value).strip().rstrip("%").strip()
    if not text:
        return None
    return int(text)


def _parse_date(value):
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError


def _choice(value, choices) -> str | None:
    """The stored value for a label (or a value) of ``choices``, ignoring case; None if unknown."""
    text = _text(value).casefold()
    for stored, label in choices:
        if text in (str(label).casefold(), stored.casefold()):
            return stored
    return None


def _rows(ws, width):
    for index, row in enumerate(ws.iter_rows(min_row=2, max_col=width, values_only=True), start=2):
        row = list(row) + [None] * (width - len(row))
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        yield index, row


def parse_upload(user: Any, period: ReportingPeriod, content: bytes) -> ParseResult:
    """Check the whole file. ``NotAWorkbook`` if it is not one; otherwise errors or the plan."""
    wb = open_workbook(content)
    result = ParseResult(sha256=hashlib.sha256(content).hexdigest())
    errors = result.errors
    for name in (REPORTS, MILESTONES, EVIDENCE):
        if name not in wb.sheetnames:
            errors.append(CellError(name, None, None, _("falta la hoja «%(name)s» de la plantilla.") % {"name": name}))
    if errors:
        return result

    allowed = {c.pk: c for c in reportable_commitments(user, period)}
    plan_commitments = {
        c.pk: c for c in Commitment.objects.filter(plan_id=period.plan_id).select_related("lead_institution")
    }
    reports = _latest_reports(period, plan_commitments)
    url_field = services_url_field()

    def col(columns, key):
        return next(h for h, k, _w in columns if k == key)

    # ---- Reportes
    entries: dict[int, dict[str, Any]] = {}
    seen: set[int] = set()
    for row, values in _rows(wb[REPORTS], len(REPORT_COLUMNS)):
        data = dict(zip([k for _h, k, _w in REPORT_COLUMNS], values, strict=True))
        err = len(errors)
        try:
            commitment_id = _int(data["commitment_id"])
        except (TypeError, ValueError):
            commitment_id = None
        column = col(REPORT_COLUMNS, "commitment_id")
        if commitment_id is None:
            errors.append(CellError(REPORTS, row, column, _("falta el ID del compromiso o no es un número.")))
            continue
        commitment = plan_commitments.get(commitment_id)
        if commitment is None:
            errors.append(
                CellError(REPORTS, row, column, _("no hay un compromiso %(id)s en este plan.") % {"id": commitment_id})
            )
            continue
        report = reports.get(commitment_id)
        if commitment_id not in allowed:
            errors.append(CellError(REPORTS, row, column, _foreign(commitment)))
            continue
        if not _may_write(user, commitment, report):
            errors.append(
                CellError(
                    REPORTS,
                    row,
                    column,
                    _("el reporte de %(code)s ya fue enviado, validado o publicado: no se puede editar.")
                    % {"code": commitment.code},
                )
            )
            continue
        if commitment_id in seen:
            errors.append(
                CellError(
                    REPORTS, row, column, _("el compromiso %(code)s aparece dos veces.") % {"code": commitment.code}
                )
            )
            continue
        seen.add(commitment_id)
        code = _text(data["code"])
        if code and code != commitment.code:
            errors.append(
                CellError(
                    REPORTS,
                    row,
                    col(REPORT_COLUMNS, "code"),
                    _("el código no corresponde al ID %(id)s (es %(code)s).")
                    % {"id": commitment_id, "code": commitment.code},
                )
            )
        fields = {name: _text(data[name]) for name in REPORT_FIELDS}
        if fields["completion"]:
            stored = _choice(fields["completion"], Completion.choices)
            if stored is None:
                errors.append(
                    CellError(
                        REPORTS,
                        row,
                        col(REPORT_COLUMNS, "completion"),
                        _("«%(value)s» no es un nivel de la lista (%(labels)s).")
                        % {
                            "value": fields["completion"],
                            "labels": ", ".join(str(lbl) for _v, lbl in Completion.choices),
                        },
                    )
                )
            fields["completion"] = stored or ""
        if len(fields["conclusion_date_text"]) > 120:
            errors.append(
                CellError(REPORTS, row, col(REPORT_COLUMNS, "conclusion_date_text"), _("tiene más de 120 caracteres."))
            )
        if len(errors) == err:
            entries[commitment_id] = {
                "commitment_id": commitment_id,
                "code": commitment.code,
                "title": commitment.title,
                "report_id": report.pk if report else None,
                "institution": str(commitment.lead_institution) if commitment.lead_institution_id else "",
                "on_behalf": services.on_behalf(user, commitment),
                "fields": fields,
                "milestones": [],
                "evidence": [],
                "row": row,
            }
    allowed_codes = {c.code: c.pk for c in allowed.values()}

    # ---- Hitos
    milestone_ids = set()
    rows = list(_rows(wb[MILESTONES], len(MILESTONE_COLUMNS)))
    ids = []
    for _row, values in rows:
        with contextlib.suppress(TypeError, ValueError):
            ids.append(_int(values[0]))
    known = {m.pk: m for m in Milestone.objects.filter(pk__in=[i for i in ids if i]).select_related("commitment")}
    for row, values in rows:
        data = dict(zip([k for _h, k, _w in MILESTONE_COLUMNS], values, strict=True))
        column = col(MILESTONE_COLUMNS, "milestone_id")
        try:
            milestone_id = _int(data["milestone_id"])
        except (TypeError, ValueError):
            milestone_id = None
        if milestone_id is None:
            errors.append(CellError(MILESTONES, row, column, _("falta el ID del hito o no es un número.")))
            continue
        m = known.get(milestone_id)
        if m is None or m.commitment.plan_id != period.plan_id:
            errors.append(
                CellError(MILESTONES, row, column, _("no hay un hito %(id)s en este plan.") % {"id": milestone_id})
            )
            continue
        if m.commitment_id not in allowed:
            errors.append(CellError(MILESTONES, row, column, _foreign(plan_commitments[m.commitment_id])))
            continue
        if not _may_write(user, m.commitment, reports.get(m.commitment_id)):
            errors.append(
                CellError(
                    MILESTONES,
                    row,
                    column,
                    _("usted no puede reportar el compromiso %(code)s.") % {"code": m.commitment.code},
                )
            )
            continue
        if milestone_id in milestone_ids:
            errors.append(
                CellError(MILESTONES, row, column, _("el hito %(id)s aparece dos veces.") % {"id": milestone_id})
            )
            continue
        milestone_ids.add(milestone_id)
        code = _text(data["code"])
        if code and code != m.commitment.code:
            errors.append(
                CellError(
                    MILESTONES,
                    row,
                    col(MILESTONE_COLUMNS, "code"),
                    _("el hito %(id)s es del compromiso %(code)s.") % {"id": milestone_id, "code": m.commitment.code},
                )
            )
        status = _choice(data["status"], Milestone.Status.choices)
        if status is None:
            errors.append(
                CellError(
                    MILESTONES,
                    row,
                    col(MILESTONE_COLUMNS, "status"),
                    _("«%(value)s» no es un estado de la lista (%(labels)s).")
                    % {
                        "value": _text(data["status"]),
                        "labels": ", ".join(str(lbl) for _v, lbl in Milestone.Status.choices),
                    },
                )
            )
        progress_col = col(MILESTONE_COLUMNS, "progress")
        try:
            progress = _int(data["progress"])
        except (TypeError, ValueError):
            progress = None
            errors.append(CellError(MILESTONES, row, progress_col, _("debe ser un número entero entre 0 y 100")))
        else:
            if progress is None:
                errors.append(CellError(MILESTONES, row, progress_col, _("falta el avance (0 a 100)")))
            elif not 0 <= progress <= 100:
                errors.append(CellError(MILESTONES, row, progress_col, _("debe estar entre 0 y 100")))
                progress = None
        if status is not None and progress is not None:
            message = None
            if status == Milestone.Status.COMPLETED and progress != 100:
                message = _("un hito completo tiene un avance de 100 %.")
            elif status == Milestone.Status.NOT_STARTED and progress != 0:
                message = _("un hito no iniciado tiene un avance de 0 %.")
            elif status == Milestone.Status.IN_PROGRESS and progress >= 100:
                message = _("un hito en curso tiene menos de 100 %: si está terminado, márquelo como completo.")
            if message:
                errors.append(CellError(MILESTONES, row, progress_col, message))
        dates = {}
        for key in ("actual_start_date", "actual_end_date"):
            try:
                dates[key] = _parse_date(data[key])
            except (TypeError, ValueError):
                dates[key] = None
                errors.append(
                    CellError(
                        MILESTONES,
                        row,
                        col(MILESTONE_COLUMNS, key),
                        _("«%(value)s» no es una fecha (use AAAA-MM-DD).") % {"value": _text(data[key])},
                    )
                )
        if (
            dates["actual_start_date"]
            and dates["actual_end_date"]
            and dates["actual_end_date"] < dates["actual_start_date"]
        ):
            errors.append(
                CellError(
                    MILESTONES,
                    row,
                    col(MILESTONE_COLUMNS, "actual_end_date"),
                    _("el término real no puede ser anterior al inicio real."),
                )
            )
        if m.commitment_id not in seen:
            errors.append(
                CellError(
                    MILESTONES,
                    row,
                    col(MILESTONE_COLUMNS, "code"),
                    _("el compromiso %(code)s no está en la hoja «Reportes».") % {"code": m.commitment.code},
                )
            )
        entry = entries.get(m.commitment_id)
        if entry is None:
            continue
        note = _text(data["note"])
        same = (
            status == m.status
            and progress == m.progress
            and dates["actual_start_date"] == m.actual_start_date
            and dates["actual_end_date"] == m.actual_end_date
            and not note
        )
        if not same and status is not None and progress is not None:
            entry["milestones"].append(
                {
                    "milestone_id": m.pk,
                    "description": m.description,
                    "status": status,
                    "progress": progress,
                    "actual_start_date": _date(dates["actual_start_date"]),
                    "actual_end_date": _date(dates["actual_end_date"]),
                    "note": note,
                    "row": row,
                }
            )

    # ---- Evidencia
    for row, values in _rows(wb[EVIDENCE], len(EVIDENCE_COLUMNS)):
        data = dict(zip([k for _h, k, _w in EVIDENCE_COLUMNS], values, strict=True))
        code = _text(data["code"])
        code_col = col(EVIDENCE_COLUMNS, "code")
        commitment_id = allowed_codes.get(code)
        if not code:
            errors.append(CellError(EVIDENCE, row, code_col, _("falta el código del compromiso.")))
        elif commitment_id is None:
            other = next((c for c in plan_commitments.values() if c.code == code), None)
            errors.append(
                CellError(
                    EVIDENCE,
                    row,
                    code_col,
                    _foreign(other)
                    if other is not None
                    else _("no hay un compromiso «%(code)s» en este plan.") % {"code": code},
                )
            )
        elif commitment_id not in seen:
            errors.append(
                CellError(
                    EVIDENCE, row, code_col, _("el compromiso %(code)s no está en la hoja «Reportes».") % {"code": code}
                )
            )
        milestone = None
        try:
            milestone_id = _int(data["milestone_id"])
        except (TypeError, ValueError):
            milestone_id = None
            errors.append(CellError(EVIDENCE, row, col(EVIDENCE_COLUMNS, "milestone_id"), _("no es un número.")))
        if milestone_id is not None:
            milestone = Milestone.objects.filter(pk=milestone_id).first()
            if milestone is None or milestone.commitment_id != commitment_id:
                errors.append(
                    CellError(
                        EVIDENCE,
                        row,
                        col(EVIDENCE_COLUMNS, "milestone_id"),
                        _("el hito %(id)s no es del compromiso %(code)s.") % {"id": milestone_id, "code": code},
                    )
                )
                milestone = None
        title, raw_url = _text(data["title"]), _text(data["url"])
        url = ""
        if not raw_url:
            errors.append(
                CellError(
                    EVIDENCE, row, col(EVIDENCE_COLUMNS, "url"), _("indique el enlace del medio de verificación.")
                )
            )
        else:
            try:
                url = url_field.clean(raw_url)
            except ValidationError:
                errors.append(
                    CellError(
                        EVIDENCE,
                        row,
                        col(EVIDENCE_COLUMNS, "url"),
                        _("«%(value)s» no es un enlace válido.") % {"value": raw_url},
                    )
                )
        if not title:
            errors.append(
                CellError(EVIDENCE, row, col(EVIDENCE_COLUMNS, "title"), _("indique un título para el enlace."))
            )
        elif len(title) > 300:
            errors.append(CellError(EVIDENCE, row, col(EVIDENCE_COLUMNS, "title"), _("tiene más de 300 caracteres.")))
        try:
            date = _parse_date(data["date"])
        except (TypeError, ValueError):
            date = None
            errors.append(
                CellError(
                    EVIDENCE,
                    row,
                    col(EVIDENCE_COLUMNS, "date"),
                    _("«%(value)s» no es una fecha (use AAAA-MM-DD).") % {"value": _text(data["date"])},
                )
            )
        if commitment_id in entries and url and title:
            entries[commitment_id]["evidence"].append(
                {
                    "title": title,
                    "url": url,
                    "date": _date(date),
                    "milestone_id": milestone.pk if milestone else None,
                    "row": row,
                }
            )

    if errors:
        return result
    for entry in entries.values():
        blank = not any(entry["fields"].values()) and not entry["milestones"] and not entry["evidence"]
        if blank and entry["report_id"] is None:
            continue
        result.plan.append(entry)
    return result


def _foreign(commitment: Commitment) -> str:
    """Why an implementer may not upload a row of another institution's commitment."""
    if commitment.lead_institution_id:
        return _(
            "el compromiso %(code)s lo reporta %(institution)s: usted solo puede subir los compromisos de su "
            "institución."
        ) % {"code": commitment.code, "institution": commitment.lead_institution}
    return _("el compromiso %(code)s no tiene institución responsable: usted no puede reportarlo.") % {
        "code": commitment.code
    }


def services_url_field():
    from django import forms

    return forms.URLField(max_length=500, assume_scheme="https")


def _may_write(user: Any, commitment: Commitment, report: ProgressReport | None) -> bool:
    if report is None:
        return rules.has_perm("monitoring.add_progressreport", user, commitment)
    return rules.has_perm("monitoring.change_progressreport", user, report)


# ------------------------------------------------------------------ saving


def _iso(value):
    return datetime.date.fromisoformat(value) if value else None


@transaction.atomic
def apply(user: Any, period: ReportingPeriod, plan: list[dict[str, Any]]) -> list[ProgressReport]:
    """Save every entry of ``plan`` as drafts, in one transaction, through the monitoring services."""
    saved = []
    commitments = {
        c.pk: c for c in Commitment.objects.filter(plan_id=period.plan_id, pk__in=[e["commitment_id"] for e in plan])
    }
    milestone_ids = [m["milestone_id"] for e in plan for m in e["milestones"]]
    milestone_ids += [v["milestone_id"] for e in plan for v in e["evidence"] if v["milestone_id"]]
    milestones = {m.pk: m for m in Milestone.objects.filter(pk__in=milestone_ids)}
    reports = _latest_reports(period, commitments)
    for entry in plan:
        commitment = commitments.get(entry["commitment_id"])
        if commitment is None:
            raise ValidationError(_("El compromiso %(code)s ya no está en el plan.") % {"code": entry["code"]})
        report = reports.get(commitment.pk)
        if report is not None and not report.is_editable:
            raise ValidationError(
                _("El reporte de %(code)s ya fue enviado o validado: no se puede editar.") % {"code": commitment.code}
            )
        if report is None:
            report = services.report_create(actor=user, commitment=commitment, period=period)
        changes = [
            services.MilestoneChange(
                milestones[m["milestone_id"]],
                m["status"],
                m["progress"],
                _iso(m["actual_start_date"]),
                _iso(m["actual_end_date"]),
                m["note"],
            )
            for m in entry["milestones"]
        ]
        links = [
            services.EvidenceLink(v["title"], v["url"], _iso(v["date"]), milestones.get(v["milestone_id"]))
            for v in entry["evidence"]
        ]
        services.report_update(
            report, actor=user, fields=dict(entry["fields"]), milestone_changes=changes, evidence=links
        )
        saved.append(report)
    return saved
