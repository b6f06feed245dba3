"""The consultation report as CSV (one row per comment) and as an XLSX workbook: «Resumen», «Por compromiso»,
«Por sección» and «Comentarios». A hidden comment keeps its row, without its text, with the public reason."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from abierto.consultation.selectors import Figures, Report

SUMMARY = "Resumen"
BY_COMMITMENT = "Por compromiso"
BY_SECTION = "Por sección"
COMMENTS = "Comentarios"


def _local(value):
    """openpyxl cannot write aware datetimes: local time, without the zone."""
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def _figure_headers() -> list[str]:
    return [
        _("Comentarios recibidos"),
        _("Ocultos por moderación"),
        _("Por responder (recibidos menos ocultos)"),
        _("Respondidos"),
        _("Sin respuesta"),
        _("Respondido (%)"),
        _("Personas"),
    ]


def _figure_values(f: Figures) -> list:
    return [f.comments, f.hidden, f.to_answer, f.answered, f.unanswered, f.percent_answered, f.people]


def comment_headers() -> list[str]:
    return [
        _("Código del compromiso"),
        _("Compromiso"),
        _("Sección"),
        _("N° de comentario"),
        _("Fecha"),
        _("Autor"),
        _("Comentario"),
        _("Oculto: motivo público"),
        _("Texto comentado coincide con el actual"),
        _("Respuesta de la secretaría"),
        _("Respondido el"),
        _("Versión de la respuesta"),
    ]


def comment_values(c, current: dict | None = None) -> list:
    answer = c.answer_or_none
    same = None
    if current is not None:
        same = _("Sí") if current.get((c.commitment_id, c.section)) == c.version.digest else _("No")
    return [
        c.commitment.code,
        c.commitment.display_title,
        c.section_label(),
        c.pk,
        _local(c.created_at),
        c.author_name(),
        None if c.is_hidden else c.body,
        c.hidden_reason or None,
        same,
        answer.body if answer else None,
        _local(answer.edited_at or answer.answered_at) if answer else None,
        answer.revision if answer else None,
    ]


def build_csv(comments: list, current: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(comment_headers())
    for c in comments:
        row = comment_values(c, current)
        row[4] = row[4].strftime("%Y-%m-%d %H:%M") if row[4] else ""
        row[10] = row[10].strftime("%Y-%m-%d %H:%M") if row[10] else ""
        writer.writerow(["" if value is None else value for value in row])
    return out.getvalue()


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


def build_xlsx(page: Report, comments: list, current: dict) -> bytes:
    process = page.process
    wb = Workbook()

    ws = wb.active
    ws.title = SUMMARY
    _style_header(ws, [(_("Dato"), 48), (_("Valor"), 60)])
    stage = page.stage
    rows = [
        (_("Proceso"), process.title),
        (_("Plan"), process.plan.title),
        (_("Etapa de consulta"), stage.name if stage else None),
        (_("Inicio de la consulta"), stage.starts_on if stage else None),
        (_("Término de la consulta"), stage.ends_on if stage else None),
        (_("Primer comentario"), _local(page.first_at)),
        (_("Último comentario"), _local(page.last_at)),
        *zip(_figure_headers(), _figure_values(page.totals), strict=True),
    ]
    for row in rows:
        ws.append(list(row))
    for row in ws.iter_rows(min_row=2, max_col=2):
        value = row[1].value
        row[1].alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        if hasattr(value, "hour"):
            row[1].number_format = "DD-MM-YYYY HH:MM"
        elif hasattr(value, "year"):
            row[1].number_format = "DD-MM-YYYY"

    cs = wb.create_sheet(BY_COMMITMENT)
    _style_header(cs, [(_("Código"), 12), (_("Compromiso"), 50), *((h, 14) for h in _figure_headers())])
    for commitment, figures in page.by_commitment:
        cs.append([commitment.code, commitment.display_title, *_figure_values(figures)])

    ss = wb.create_sheet(BY_SECTION)
    _style_header(ss, [(_("Sección"), 40), *((h, 14) for h in _figure_headers())])
    for section, figures in page.by_section:
        ss.append([str(section.label), *_figure_values(figures)])

    ms = wb.create_sheet(COMMENTS)
    widths = [12, 40, 24, 10, 18, 24, 60, 30, 14, 60, 18, 10]
    _style_header(ms, list(zip(comment_headers(), widths, strict=True)))
    for c in comments:
        ms.append(comment_values(c, current))
    for row in ms.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row[4].number_format = "DD-MM-YYYY HH:MM"
        row[10].number_format = "DD-MM-YYYY HH:MM"

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
