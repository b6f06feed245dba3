"""A self-assessment as an XLSX workbook: «Resumen», «Compromisos» (every field of each entry) and
«Comentarios». Header rows are bold on a fill, columns have widths and the header row is frozen."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from abierto.plans.models import Completion
from abierto.selfassessments.selectors import Report

SUMMARY = "Resumen"
ENTRIES = "Compromisos"
COMMENTS = "Comentarios"


def _style_header(ws, columns) -> None:
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")
    for index, (header, width) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=header)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = "A2"


def _local(value):
    """openpyxl cannot write aware datetimes: local time, without the zone."""
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def _pct(value):
    return float(value) if value is not None else None


def build(page: Report) -> bytes:
    sa = page.sa
    labels = dict(Completion.choices)
    wb = Workbook()

    ws = wb.active
    ws.title = SUMMARY
    _style_header(ws, [(_("Dato"), 44), (_("Valor"), 60), (_("IRM"), 16)])
    rows = [
        (_("Título"), sa.title),
        (_("Plan"), sa.plan.title),
        (_("Tipo"), sa.get_kind_display()),
        (_("Fecha de corte"), sa.cutoff),
        (_("Estado"), sa.get_status_display()),
        (_("Inicio de la consulta pública"), _local(sa.comment_start)),
        (_("Término de la consulta pública"), _local(sa.comment_end)),
        (_("Introducción de la secretaría"), sa.introduction),
        (_("Compromisos"), page.summary.total),
        (_("Con reporte validado"), page.summary.with_report),
        (_("Sin reporte validado"), page.summary.without_report),
        (_("Avance calculado promedio (%)"), _pct(page.summary.mean_computed)),
    ]
    for row in rows:
        ws.append(list(row))
    ws.append([])
    start = ws.max_row + 1
    ws.append([_("Nivel de cumplimiento"), _("Compromisos (autorreportado)"), _("Compromisos (IRM)")])
    for cell in ws[start]:
        cell.font = Font(bold=True)
    for level in page.summary.levels:
        ws.append([level.label, level.self_reported, level.irm])
    for row in ws.iter_rows(min_row=2, max_col=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        if hasattr(row[1].value, "year") and not hasattr(row[1].value, "hour"):
            row[1].number_format = "DD-MM-YYYY"
        elif hasattr(row[1].value, "hour"):
            row[1].number_format = "DD-MM-YYYY HH:MM"

    es = wb.create_sheet(ENTRIES)
    columns = [
        (_("N°"), 6),
        (_("Código"), 12),
        (_("Compromiso"), 50),
        (_("Institución responsable"), 30),
        (_("Retirado"), 10),
        (_("Reporte validado"), 12),
        (_("Período informado"), 22),
        (_("Versión"), 9),
        (_("Validado el"), 14),
        (_("Cumplimiento (autorreportado)"), 20),
        (_("Avance calculado (%)"), 14),
        (_("Cumplimiento (IRM)"), 20),
        (_("Descripción de los resultados"), 60),
        (_("Fecha de conclusión"), 20),
        (_("Próximos pasos"), 40),
        (_("Lo que queda por lograr y retos"), 40),
        (_("Información adicional"), 40),
        (_("Hitos (estado y avance)"), 60),
        (_("Medios de verificación"), 60),
    ]
    _style_header(es, columns)
    yes, no = _("Sí"), _("No")
    for e in page.entries:
        fields = e.report or {}
        milestones = "\n".join(
            f"{m.get('code') or '—'} · {m['description'][:120]} · {m['status_label']} {m['progress']} %"
            + (
                f" ({_('reportado')}: {m['reported_status_label']} {m['reported_progress']} %)"
                if m.get("reported_status")
                else ""
            )
            for m in e.milestones
        )
        evidence = "\n".join(f"{ev['title']} · {ev['url']}" for ev in e.evidence)
        es.append(
            [
                e.position,
                e.code,
                e.title,
                e.lead_institution_name,
                yes if e.is_withdrawn else no,
                yes if e.has_report else no,
                e.source_period_label or None,
                e.source_version,
                e.source_validated_on,
                str(labels[e.completion]) if e.completion else _("sin reporte validado"),
                _pct(e.progress_computed),
                str(labels[e.irm_completion]) if e.irm_completion else _("sin evaluación"),
                fields.get("results_description") or None,
                fields.get("conclusion_date_text") or None,
                fields.get("next_steps") or None,
                fields.get("remaining_and_challenges") or None,
                fields.get("additional_info") or None,
                milestones or None,
                evidence or None,
            ]
        )
    for row in es.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row[8].number_format = "DD-MM-YYYY"

    cs = wb.create_sheet(COMMENTS)
    _style_header(
        cs,
        [
            (_("N°"), 6),
            (_("Fecha"), 18),
            (_("Autor"), 24),
            (_("Sobre"), 16),
            (_("Comentario"), 60),
            (_("Respuesta de la secretaría"), 60),
            (_("Oculto: razón pública"), 40),
        ],
    )
    for n, c in enumerate(page.comments, start=1):
        cs.append(
            [
                n,
                _local(c.created_at),
                c.author_name,
                c.entry.code if c.entry else _("Documento completo"),
                None if c.is_hidden else c.text,
                c.answer or None,
                c.hidden_reason or None,
            ]
        )
    for row in cs.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row[1].number_format = "DD-MM-YYYY HH:MM"

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
