"""The XLSX download, read back with openpyxl: a summary sheet, one row per commitment with every
field, the comments (hidden ones without their text), styled and frozen headers."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from openpyxl import load_workbook

from abierto.assessments.models import Assessment
from abierto.monitoring.models import MilestoneUpdate, ProgressReport, ReportEvidence, ReportingPeriod
from abierto.selfassessments import services
from abierto.selfassessments.models import SelfAssessment

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 22, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def sa(make_plan, make_commitment, make_milestone, lead_institution, secretariat, participant):
    plan = make_plan(number=6, start=2023, end=2027)
    reported = make_commitment(
        plan, code="CL0081", title="Datos abiertos de compras", lead_institution=lead_institution
    )
    make_commitment(plan, code="CL0082", title="Justicia abierta")
    milestone = make_milestone(reported, description="Portal publicado", code="1", status="in_progress", progress=60)
    period = ReportingPeriod.objects.create(
        plan=plan,
        label="Primer semestre 2026",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 6, 30),
        deadline=datetime.date(2026, 7, 31),
    )
    report = ProgressReport.all_objects.create(
        commitment=reported,
        period=period,
        period_label=period.label,
        status=ProgressReport.Status.VALIDATED,
        completion="substantial",
        results_description="Se publicó el portal.",
        conclusion_date_text="Julio de 2027",
        next_steps="Capacitar a municipios.",
        remaining_and_challenges="Financiamiento.",
        additional_info="Presupuesto: 10 millones.",
        validated_at=datetime.datetime(2026, 8, 3, 15, 0, tzinfo=datetime.UTC),
    )
    MilestoneUpdate.objects.create(report=report, milestone=milestone, status="in_progress", progress=60, note="Ok")
    ReportEvidence.objects.create(report=report, title="Portal", url="https://example.org/portal")
    Assessment.objects.create(commitment=reported, completion_progress_report="limited")
    sa = services.assemble(
        plan=plan, kind=SelfAssessment.Kind.MID_TERM, cutoff=datetime.date(2026, 10, 31), actor=secretariat
    )
    services.update_text(sa, actor=secretariat, title="Autoevaluación 2026", introduction="Contexto del plan.")
    services.open_for_comment(
        sa, actor=secretariat, start=NOW - datetime.timedelta(days=1), end=NOW + datetime.timedelta(days=9)
    )
    entry = sa.entries.get(code="CL0081")
    services.add_comment(sa, actor=participant, text="Muy bien.", entry=entry)
    bad = services.add_comment(sa, actor=participant, text="Texto ofensivo.")
    services.answer_comment(bad, actor=secretariat, text="Le pedimos respeto.")
    services.hide_comment(bad, actor=secretariat, reason="Lenguaje ofensivo.")
    return sa


def _workbook(client, sa):
    response = client.get(f"/autoevaluaciones/{sa.pk}/descarga.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment;" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content))


def _rows(ws):
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c.value for c in row), strict=False)) for row in ws.iter_rows(min_row=2)]


def test_three_sheets_with_styled_frozen_headers_and_widths(client, sa):
    wb = _workbook(client, sa)
    assert wb.sheetnames == ["Resumen", "Compromisos", "Comentarios"]
    for ws in wb:
        assert ws.freeze_panes == "A2"
        assert all(cell.font.bold for cell in ws[1] if cell.value)
        assert ws["A1"].fill.fgColor.rgb.endswith("DDE7F0")
        assert ws.column_dimensions["A"].width > 0 and ws.column_dimensions["B"].width >= 10


def test_the_summary_sheet(client, sa):
    ws = _workbook(client, sa)["Resumen"]
    values = {row[0].value: row[1].value for row in ws.iter_rows(min_row=2) if row[0].value}
    assert values["Título"] == "Autoevaluación 2026"
    assert values["Tipo"] == "Medio término"
    assert values["Estado"] == "En consulta pública"
    assert values["Fecha de corte"].date() == datetime.date(2026, 10, 31)
    assert values["Introducción de la secretaría"] == "Contexto del plan."
    assert (values["Compromisos"], values["Con reporte validado"], values["Sin reporte validado"]) == (2, 1, 1)
    assert values["Avance calculado promedio (%)"] == 60
    levels = {row[0].value: (row[1].value, row[2].value) for row in ws.iter_rows(min_row=2) if row[0].value}
    assert levels["Sustancial"] == (1, 0)
    assert levels["Limitado"] == (0, 1)


def test_one_row_per_commitment_with_every_field(client, sa):
    rows = _rows(_workbook(client, sa)["Compromisos"])
    assert [r["Código"] for r in rows] == ["CL0081", "CL0082"]
    first, second = rows
    assert first["Compromiso"] == "Datos abiertos de compras"
    assert first["Institución responsable"] == "Consejo para la Transparencia"
    assert first["Reporte validado"] == "Sí"
    assert first["Período informado"] == "Primer semestre 2026"
    assert first["Versión"] == 1
    assert first["Validado el"].date() == datetime.date(2026, 8, 3)
    assert first["Cumplimiento (autorreportado)"] == "Sustancial"
    assert Decimal(str(first["Avance calculado (%)"])) == Decimal("60")
    assert first["Cumplimiento (IRM)"] == "Limitado"
    assert first["Descripción de los resultados"] == "Se publicó el portal."
    assert first["Fecha de conclusión"] == "Julio de 2027"
    assert first["Próximos pasos"] == "Capacitar a municipios."
    assert first["Lo que queda por lograr y retos"] == "Financiamiento."
    assert first["Información adicional"] == "Presupuesto: 10 millones."
    assert "Portal publicado" in first["Hitos (estado y avance)"] and "60 %" in first["Hitos (estado y avance)"]
    assert first["Medios de verificación"] == "Portal · https://example.org/portal"
    assert second["Reporte validado"] == "No"
    assert second["Cumplimiento (autorreportado)"] == "sin reporte validado"
    assert second["Cumplimiento (IRM)"] == "sin evaluación"


def test_the_comments_sheet_keeps_hidden_text_out(client, sa):
    rows = _rows(_workbook(client, sa)["Comentarios"])
    assert len(rows) == 2
    on_entry, hidden = rows
    assert (on_entry["Sobre"], on_entry["Comentario"]) == ("CL0081", "Muy bien.")
    assert on_entry["Autor"] == "Persona registrada"
    assert hidden["Sobre"] == "Documento completo"
    assert hidden["Comentario"] is None
    assert hidden["Oculto: razón pública"] == "Lenguaje ofensivo."
    assert hidden["Respuesta de la secretaría"] == "Le pedimos respeto."
    assert isinstance(on_entry["Fecha"], datetime.datetime)
