"""The secretariat writes reports on behalf of an institution (the report form and the spreadsheet).

Such a report records ``entered_on_behalf``; the review page and the public commitment page say
"Cargado por la Secretaría en nombre de <institución>". The secretariat submits what it entered on
behalf, not what the institution wrote alone. Implementers keep uploading only their own rows.
"""

import datetime
import io

import pytest
import rules
from openpyxl import load_workbook

from abierto.monitoring import services
from abierto.monitoring.models import ProgressReport, ReportingPeriod

pytestmark = pytest.mark.django_db
S = ProgressReport.Status
PERSONAS = ["anonymous", "participant", "implementer", "other_implementer", "secretariat", "forum_member", "evaluator"]
EDITABLE = {S.DRAFT, S.CHANGES_REQUESTED}


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


# ------------------------------------------------------------------ the rules


def expected(perm, persona, status, on_behalf):
    writer = persona == "implementer" or persona == "secretariat"
    if perm == "add":
        return writer
    if perm == "change":
        return writer and status in EDITABLE
    if perm == "submit":
        return status in EDITABLE and (persona == "implementer" or (persona == "secretariat" and on_behalf))
    raise AssertionError(perm)


@pytest.mark.parametrize("on_behalf", [False, True])
@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("perm", ["add", "change", "submit"])
def test_truth_table(personas, commitment, period, perm, status, on_behalf):
    report = ProgressReport(
        commitment=commitment, period=period, period_label=period.label, status=status, entered_on_behalf=on_behalf
    )
    obj = commitment if perm == "add" else report
    for persona in PERSONAS:
        got = rules.has_perm(f"monitoring.{perm}_progressreport", personas[persona], obj)
        assert got == expected(perm, persona, status, on_behalf), (perm, persona, status, on_behalf)


def test_the_secretariat_writes_and_submits_on_behalf_then_reviews_as_usual(secretariat, commitment, period):
    report = services.report_create(actor=secretariat, commitment=commitment, period=period)
    assert report.entered_on_behalf and report.created_by == secretariat
    services.report_update(
        report, actor=secretariat, fields={"completion": "limited", "results_description": "Según correo."}
    )
    services.report_submit(report, actor=secretariat)
    services.report_validate(report, actor=secretariat)
    services.report_publish(report, actor=secretariat)
    report.refresh_from_db()
    assert report.status == S.PUBLISHED and report.entered_on_behalf


def test_an_implementers_report_edited_by_the_secretariat_becomes_on_behalf(
    implementer, secretariat, commitment, period
):
    report = services.report_create(actor=implementer, commitment=commitment, period=period)
    assert not report.entered_on_behalf
    services.report_update(report, actor=implementer, fields={"next_steps": "Seguir."})
    report.refresh_from_db()
    assert not report.entered_on_behalf
    services.report_update(report, actor=secretariat, fields={"next_steps": "Seguir, según la institución."})
    report.refresh_from_db()
    assert report.entered_on_behalf


# ------------------------------------------------------------------ pages


def test_the_form_review_and_public_pages_say_it(client, secretariat, implementer, commitment, period):
    client.force_login(secretariat)
    url = f"/seguimiento/compromisos/{commitment.pk}/periodos/{period.pk}/"
    html = client.get(url).content.decode()
    institution = str(commitment.lead_institution)
    assert f"en nombre de {institution}" in html
    data = {
        "completion": "substantial",
        "results_description": "Lo que la institución envió por correo.",
        "conclusion_date_text": "",
        "next_steps": "",
        "remaining_and_challenges": "",
        "additional_info": "",
        "hitos-TOTAL_FORMS": "0",
        "hitos-INITIAL_FORMS": "0",
        "evidencia-TOTAL_FORMS": "0",
        "evidencia-INITIAL_FORMS": "0",
        "archivos-TOTAL_FORMS": "0",
        "archivos-INITIAL_FORMS": "0",
        "enviar": "1",
    }
    response = client.post(url, data)
    report = ProgressReport.all_objects.get()
    assert response.status_code == 302 and response["Location"] == f"/seguimiento/reportes/{report.pk}/"
    assert report.status == S.SUBMITTED and report.entered_on_behalf and report.submitted_by == secretariat

    notice = f"Cargado por la Secretaría en nombre de {institution}."
    assert notice in client.get(f"/seguimiento/reportes/{report.pk}/").content.decode()
    client.force_login(implementer)
    assert notice in client.get(f"/seguimiento/reportes/{report.pk}/").content.decode()

    services.report_validate(report, actor=secretariat)
    services.report_publish(report, actor=secretariat)
    client.logout()
    assert notice in client.get(commitment.get_absolute_url()).content.decode()


def test_a_report_written_by_the_institution_says_nothing(client, implementer, secretariat, commitment, period):
    report = services.report_create(
        actor=implementer, commitment=commitment, period=period, completion="limited", results_description="Ok."
    )
    services.report_submit(report, actor=implementer)
    client.force_login(secretariat)
    assert "Cargado por la Secretaría" not in client.get(f"/seguimiento/reportes/{report.pk}/").content.decode()
    services.report_validate(report, actor=secretariat)
    services.report_publish(report, actor=secretariat)
    client.logout()
    assert "Cargado por la Secretaría" not in client.get(commitment.get_absolute_url()).content.decode()


# ------------------------------------------------------------------ the spreadsheet


def download(client, period):
    response = client.get(f"/seguimiento/periodos/{period.pk}/planilla.xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def as_upload(wb):
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "planilla.xlsx"
    return out


def test_the_secretariat_uploads_for_several_institutions(
    client, secretariat, implementer, commitment, foreign, period
):
    existing = services.report_create(actor=implementer, commitment=commitment, period=period)
    client.force_login(secretariat)
    wb = download(client, period)
    ws = wb["Reportes"]
    rows = {ws.cell(row=r, column=2).value: r for r in range(2, ws.max_row + 1)}
    assert ws.cell(row=1, column=9).value == "Institución responsable (no editar)"
    assert ws.cell(row=rows["CL0061"], column=9).value == str(foreign.lead_institution)
    ws.cell(row=rows["CL0060"], column=5, value="Resumen del correo de la institución.")
    ws.cell(row=rows["CL0061"], column=4, value="Limitado")
    ws.cell(row=rows["CL0061"], column=5, value="La defensoría informó avances.")
    response = client.post(f"/seguimiento/periodos/{period.pk}/planilla/", {"archivo": as_upload(wb)})
    assert response.status_code == 200
    assert not response.context["errors"]
    preview = {row["code"]: row for row in response.context["preview"]}
    assert preview["CL0060"]["action"] == "Actualizar el borrador" and preview["CL0060"]["on_behalf"]
    assert preview["CL0061"]["action"] == "Crear un borrador" and preview["CL0061"]["on_behalf"]
    html = response.content.decode()
    assert f"en nombre de {commitment.lead_institution} (cargado por la Secretaría)" in html
    assert f"en nombre de {foreign.lead_institution} (cargado por la Secretaría)" in html

    confirmed = client.post(
        f"/seguimiento/periodos/{period.pk}/planilla/", {"confirmar": "1", "token": response.context["token"]}
    )
    assert confirmed.status_code == 302
    reports = {r.commitment.code: r for r in ProgressReport.all_objects.select_related("commitment")}
    assert reports["CL0060"].pk == existing.pk
    assert reports["CL0060"].results_description == "Resumen del correo de la institución."
    assert reports["CL0061"].created_by == secretariat
    assert all(r.status == S.DRAFT and r.entered_on_behalf for r in reports.values())


def test_an_implementers_preview_says_it_is_for_their_institution(client, implementer, commitment, period):
    client.force_login(implementer)
    wb = download(client, period)
    wb["Reportes"].cell(row=2, column=5, value="Avance propio.")
    response = client.post(f"/seguimiento/periodos/{period.pk}/planilla/", {"archivo": as_upload(wb)})
    [row] = response.context["preview"]
    assert row["action"] == "Crear un borrador" and not row["on_behalf"]
    assert f"por su institución, {commitment.lead_institution}" in response.content.decode()
    client.post(f"/seguimiento/periodos/{period.pk}/planilla/", {"confirmar": "1", "token": response.context["token"]})
    assert not ProgressReport.all_objects.get().entered_on_behalf


def test_an_implementer_row_of_another_institution_is_refused_with_sheet_row_and_column(
    client, implementer, commitment, foreign, period
):
    client.force_login(implementer)
    wb = download(client, period)
    wb["Reportes"].append([foreign.pk, foreign.code, "", "Limitado", "Intento"])
    wb["Evidencia"].append([foreign.code, None, "Ajena", "https://example.org/x"])
    response = client.post(f"/seguimiento/periodos/{period.pk}/planilla/", {"archivo": as_upload(wb)})
    errors = [str(e) for e in response.context["errors"]]
    institution = str(foreign.lead_institution)
    assert (
        f"Reportes, fila 3, columna «ID compromiso»: el compromiso CL0061 lo reporta {institution}: usted solo "
        "puede subir los compromisos de su institución." in errors
    )
    assert any(e.startswith("Evidencia, fila 2, columna «Código compromiso»") and institution in e for e in errors)
    assert not ProgressReport.all_objects.exists()


def test_query_count_of_the_secretariat_preview(
    client, secretariat, plan, period, make_commitment, lead_institution, django_assert_max_num_queries
):
    for n in range(12):
        make_commitment(plan, code=f"CL09{n:02d}", title=f"Compromiso {n}", lead_institution=lead_institution)
    client.force_login(secretariat)
    wb = download(client, period)
    for r in range(2, 14):
        wb["Reportes"].cell(row=r, column=5, value="Según correo.")
    with django_assert_max_num_queries(20):
        response = client.post(f"/seguimiento/periodos/{period.pk}/planilla/", {"archivo": as_upload(wb)})
    assert len(response.context["preview"]) == 12


def test_the_dashboard_offers_to_load_a_missing_report(
    client, secretariat, implementer, commitment, foreign, period, django_assert_max_num_queries
):
    services.report_create(actor=secretariat, commitment=foreign, period=period)
    client.force_login(secretariat)
    with django_assert_max_num_queries(15):
        html = client.get(f"/seguimiento/periodos/{period.pk}/").content.decode()
    assert f'href="/seguimiento/compromisos/{commitment.pk}/periodos/{period.pk}/"' in html
    assert "Cargar en nombre de la institución" in html
    assert "(cargado por la Secretaría)" in html  # CL0061's draft
    assert f"/seguimiento/periodos/{period.pk}/planilla/" in client.get("/seguimiento/").content.decode()


def test_the_secretariat_form_runs_a_fixed_number_of_queries(
    client, secretariat, commitment, period, make_milestone, django_assert_max_num_queries
):
    for n in range(8):
        make_milestone(commitment, description=f"Hito {n}", code=str(n))
    client.force_login(secretariat)
    with django_assert_max_num_queries(12):
        assert client.get(f"/seguimiento/compromisos/{commitment.pk}/periodos/{period.pk}/").status_code == 200
