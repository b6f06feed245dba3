"""The spreadsheet round trip of a reporting period: template, checked upload, preview, confirmation."""

import datetime
import io

import pytest
from openpyxl import Workbook, load_workbook

from abierto.monitoring import services
from abierto.monitoring.models import MilestoneUpdate, ProgressReport, ReportEvidence, ReportingPeriod
from abierto.plans.models import Milestone

pytestmark = pytest.mark.django_db
S = ProgressReport.Status


@pytest.fixture(autouse=True)
def quiet(monkeypatch):
    monkeypatch.setattr(services, "notify", lambda **kwargs: None)


@pytest.fixture
def plan(make_plan):
    return make_plan(number=6, start=2023, end=2027)


@pytest.fixture
def commitment(plan, make_commitment, lead_institution):
    return make_commitment(plan, code="CL0060", title="Datos abiertos de compras", lead_institution=lead_institution)


@pytest.fixture
def foreign(plan, make_commitment, other_institution):
    return make_commitment(plan, code="CL0061", title="Defensa pública abierta", lead_institution=other_institution)


@pytest.fixture
def period(plan):
    return ReportingPeriod.objects.create(
        plan=plan,
        label="Primer semestre 2025",
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 6, 30),
        deadline=datetime.date(2025, 7, 31),
    )


@pytest.fixture
def milestones(commitment, make_milestone):
    return [
        make_milestone(commitment, description="Publicar el portal", code="1"),
        make_milestone(commitment, description="Capacitar a compradores", code="2"),
    ]


def url(period, suffix="planilla/"):
    return f"/seguimiento/periodos/{period.pk}/{suffix}"


def download(client, period):
    response = client.get(url(period, "planilla.xlsx"))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def as_upload(wb, name="planilla.xlsx"):
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = name
    return out


def upload(client, period, fileobj):
    return client.post(url(period), {"archivo": fileobj})


def test_template_rows_for_implementer_and_secretariat(
    client, implementer, secretariat, period, commitment, foreign, milestones
):
    client.force_login(implementer)
    wb = download(client, period)
    assert wb.sheetnames[:3] == ["Reportes", "Hitos", "Evidencia"]
    assert "Instrucciones" in wb.sheetnames
    reports = wb["Reportes"]
    assert reports["A1"].value == "ID compromiso"
    assert reports.freeze_panes == "D2"
    assert [row[1] for row in reports.iter_rows(min_row=2, values_only=True)] == ["CL0060"]
    assert [row[0] for row in wb["Hitos"].iter_rows(min_row=2, values_only=True)] == [m.pk for m in milestones]
    assert reports.data_validations.dataValidation  # the completion list

    client.force_login(secretariat)
    wb = download(client, period)
    assert [row[1] for row in wb["Reportes"].iter_rows(min_row=2, values_only=True)] == ["CL0060", "CL0061"]


@pytest.mark.parametrize("persona", ["participant", "forum_member", "evaluator", "other_implementer"])
def test_template_forbidden_for_other_personas(client, personas, persona, period, commitment):
    client.force_login(personas[persona])
    assert client.get(url(period, "planilla.xlsx")).status_code == 403
    assert client.get(url(period)).status_code == 403


def test_template_prefilled_from_draft(client, implementer, period, commitment, milestones):
    report = services.report_create(actor=implementer, commitment=commitment, period=period)
    services.report_update(
        report,
        actor=implementer,
        fields={"completion": "limited", "results_description": "Avanzamos."},
        milestone_changes=[services.MilestoneChange(milestones[0], "in_progress", 40)],
        evidence=[services.EvidenceLink("Acta", "https://example.org/acta.pdf")],
    )
    client.force_login(implementer)
    wb = download(client, period)
    row = next(wb["Reportes"].iter_rows(min_row=2, values_only=True))
    assert row[3] == "Limitado" and row[4] == "Avanzamos."
    hitos = list(wb["Hitos"].iter_rows(min_row=2, values_only=True))
    assert hitos[0][3:5] == ("En curso", 40)
    assert next(wb["Evidencia"].iter_rows(min_row=2, values_only=True))[2:4] == ("Acta", "https://example.org/acta.pdf")


def fill(wb, milestones):
    reports = wb["Reportes"]
    reports["D2"] = "Sustancial"
    reports["E2"] = "Se publicó el portal."
    reports["F2"] = "Diciembre de 2026"
    hitos = wb["Hitos"]
    hitos["D2"], hitos["E2"], hitos["F2"], hitos["G2"] = "Completo", 100, "2025-01-10", datetime.date(2025, 3, 1)
    hitos["H2"] = "Portal en línea."
    hitos["D3"], hitos["E3"] = "En curso", 50
    ev = wb["Evidencia"]
    ev["A2"], ev["B2"], ev["C2"], ev["D2"], ev["E2"] = (
        "CL0060",
        milestones[0].pk,
        "Portal",
        "https://example.org/p",
        "2025-03-01",
    )
    ev["A3"], ev["C3"], ev["D3"] = "CL0060", "Informe", "https://example.org/informe.pdf"


def test_round_trip_preview_then_confirm(client, implementer, period, commitment, milestones):
    client.force_login(implementer)
    wb = download(client, period)
    fill(wb, milestones)
    response = upload(client, period, as_upload(wb))
    assert response.status_code == 200
    assert response.context["errors"] == []
    assert response.context["preview"][0]["code"] == "CL0060"
    assert "Confirmar" in response.content.decode()
    assert not ProgressReport.all_objects.exists()  # nothing saved before confirming

    token = response.context["token"]
    response = client.post(url(period), {"confirmar": "1", "token": token})
    assert response.status_code == 302
    report = ProgressReport.all_objects.get()
    assert report.status == S.DRAFT and report.created_by == implementer
    assert report.completion == "substantial" and report.conclusion_date_text == "Diciembre de 2026"
    updates = {u.milestone_id: u for u in MilestoneUpdate.objects.all()}
    done = updates[milestones[0].pk]
    assert (done.status, done.progress, done.actual_start_date, done.note) == (
        "completed",
        100,
        datetime.date(2025, 1, 10),
        "Portal en línea.",
    )
    assert done.actual_end_date == datetime.date(2025, 3, 1)
    assert (updates[milestones[1].pk].status, updates[milestones[1].pk].progress) == ("in_progress", 50)
    links = list(ReportEvidence.objects.order_by("id"))
    assert [(e.title, e.milestone_id) for e in links] == [("Portal", milestones[0].pk), ("Informe", None)]
    # The public record is untouched until validation.
    milestones[0].refresh_from_db()
    assert milestones[0].status == Milestone.Status.NOT_STARTED

    # Confirming the same preview again saves nothing more.
    response = client.post(url(period), {"confirmar": "1", "token": token}, follow=True)
    assert "ya se confirmó" in response.content.decode()
    assert ProgressReport.all_objects.count() == 1
    assert ReportEvidence.objects.count() == 2 and MilestoneUpdate.objects.count() == 2

    # Uploading the same file again updates the draft; it does not duplicate anything.
    response = upload(client, period, as_upload(wb))
    client.post(url(period), {"confirmar": "1", "token": response.context["token"]})
    assert ProgressReport.all_objects.count() == 1
    assert ReportEvidence.objects.count() == 2 and MilestoneUpdate.objects.count() == 2


def test_errors_by_sheet_row_and_column_and_nothing_saved(client, implementer, period, commitment, milestones):
    client.force_login(implementer)
    wb = download(client, period)
    fill(wb, milestones)
    wb["Reportes"]["D2"] = "Casi listo"
    wb["Hitos"]["E2"] = 150
    wb["Hitos"]["D3"], wb["Hitos"]["E3"] = "Completo", 80
    wb["Hitos"]["F3"] = "31/02/2025"
    wb["Evidencia"]["A4"], wb["Evidencia"]["C4"] = "CL0060", "Sin enlace"
    wb["Evidencia"]["A5"], wb["Evidencia"]["C5"], wb["Evidencia"]["D5"] = "CL0060", "Malo", "no es un enlace"
    response = upload(client, period, as_upload(wb))
    errors = [str(e) for e in response.context["errors"]]
    text = response.content.decode()
    assert "Reportes, fila 2, columna «Nivel de cumplimiento»" in errors[0]
    assert "Hitos, fila 2, columna «Avance»: debe estar entre 0 y 100" in errors
    assert any(e.startswith("Hitos, fila 3, columna «Avance»: un hito completo") for e in errors)
    assert any(e.startswith("Hitos, fila 3, columna «Inicio real»") for e in errors)
    assert any(e.startswith("Evidencia, fila 4, columna «Enlace»") for e in errors)
    assert any(e.startswith("Evidencia, fila 5, columna «Enlace»") for e in errors)
    assert "no se guardó nada" in text
    assert "token" not in response.context or not response.context.get("preview")
    assert not ProgressReport.all_objects.exists()
    assert not MilestoneUpdate.objects.exists() and not ReportEvidence.objects.exists()


def test_foreign_commitment_is_refused(client, implementer, period, commitment, foreign, make_milestone):
    other_milestone = make_milestone(foreign, description="Ajeno")
    client.force_login(implementer)
    wb = download(client, period)
    wb["Reportes"].append([foreign.pk, foreign.code, "", "Limitado", "Intento"])
    wb["Hitos"].append([other_milestone.pk, foreign.code, "", "En curso", 10])
    wb["Evidencia"].append([foreign.code, None, "Ajena", "https://example.org/x"])
    response = upload(client, period, as_upload(wb))
    errors = [str(e) for e in response.context["errors"]]
    assert any(e.startswith("Reportes, fila 3, columna «ID compromiso»") and "CL0061" in e for e in errors)
    assert any(e.startswith("Hitos, fila") and "CL0061" in e for e in errors)
    assert any(e.startswith("Evidencia, fila 2") for e in errors)
    assert not ProgressReport.all_objects.exists()


def test_submitted_report_cannot_be_edited(client, implementer, period, commitment, milestones):
    report = services.report_create(
        actor=implementer, commitment=commitment, period=period, completion="limited", results_description="Ok"
    )
    services.report_submit(report, actor=implementer)
    client.force_login(implementer)
    wb = Workbook()
    wb.active.title = "Reportes"
    wb.create_sheet("Hitos")
    wb.create_sheet("Evidencia")
    wb["Reportes"].append(["ID compromiso"])
    wb["Reportes"].append([commitment.pk, commitment.code, "", "Completo", "Cambio"])
    response = upload(client, period, as_upload(wb))
    assert "Reportes, fila 2" in str(response.context["errors"][0])
    report.refresh_from_db()
    assert report.status == S.SUBMITTED and report.results_description == "Ok"


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF", "ID compromiso;Código\n1;CL0060\n".encode()],
    ids=["pdf", "csv"],
)
def test_non_xlsx_is_refused(client, implementer, period, commitment, content):
    client.force_login(implementer)
    fileobj = io.BytesIO(content)
    fileobj.name = "planilla.xlsx"
    response = upload(client, period, fileobj)
    assert response.status_code == 200
    assert "no es una planilla XLSX" in response.content.decode()
    assert not ProgressReport.all_objects.exists()


def test_too_large_is_refused(client, implementer, period, commitment, settings):
    settings.ABIERTO_MAX_UPLOAD_BYTES = 10
    client.force_login(implementer)
    fileobj = io.BytesIO(b"PK\x03\x04" + b"0" * 100)
    fileobj.name = "planilla.xlsx"
    response = upload(client, period, fileobj)
    assert "el máximo permitido" in response.content.decode()


def test_links_on_home_and_dashboard(client, implementer, secretariat, period, commitment):
    client.force_login(implementer)
    assert url(period) in client.get("/seguimiento/").content.decode()
    client.force_login(secretariat)
    assert url(period, "planilla.xlsx") in client.get(f"/seguimiento/periodos/{period.pk}/").content.decode()
