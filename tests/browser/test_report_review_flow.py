"""An implementer submits a progress report with evidence (a link and an uploaded file); the secretariat
sends it back, then validates and publishes it. Drives Debian's chromium through the real pages, with
axe-core on each form."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client

from abierto.monitoring.models import ProgressReport, ReportingPeriod
from abierto.plans.models import Commitment, Milestone
from tests.browser.conftest import assert_no_axe_violations, screenshot, visit

pytestmark = pytest.mark.browser


def sign_in(tab, live_server, user) -> None:
    """Give the browser the session cookie of ``user`` (the login form is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    tab.context.clear_cookies()
    tab.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def reporting(transactional_db, make_plan, make_commitment, make_milestone, lead_institution, implementer, secretariat):
    plan = make_plan(number=6, start=2023, end=2027)
    commitment = make_commitment(
        plan, code="CL0081", title="Participación ciudadana en el Congreso", lead_institution=lead_institution
    )
    make_milestone(
        commitment,
        description="Diagnóstico de mecanismos de participación",
        status="in_progress",
        progress=20,
        code="1",
    )
    period = ReportingPeriod.objects.create(
        plan=plan,
        label="Primer semestre 2026",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 6, 30),
        deadline=datetime.date(2026, 12, 31),
    )
    return commitment, period


def test_an_implementer_reports_and_the_secretariat_returns_then_validates(
    page, live_server, reporting, implementer, secretariat, tmp_path
):
    commitment, period = reporting
    form_url = f"/seguimiento/compromisos/{commitment.pk}/periodos/{period.pk}/"

    # The implementer fills the compliance template, updates the milestone, links evidence and submits.
    sign_in(page, live_server, implementer)
    visit(page, form_url)
    assert_no_axe_violations(page, "report form")
    page.select_option("#id_completion", "limited")
    page.fill("#id_results_description", "Se levantó el diagnóstico con tres talleres.")
    page.select_option("#id_hitos-0-status", "in_progress")
    page.fill("#id_hitos-0-progress", "60")
    page.fill("#id_evidencia-0-title", "Informe del diagnóstico")
    page.fill("#id_evidencia-0-url", "https://example.org/diagnostico.pdf")
    acta = tmp_path / "acta-taller.pdf"
    acta.write_bytes(b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n")
    page.fill("#id_archivos-0-title", "Acta del primer taller")
    page.set_input_files("#id_archivos-0-file", str(acta))
    screenshot(page, "report-form-filled")
    page.click("button[name=enviar]")
    page.wait_for_load_state("load")
    report = ProgressReport.all_objects.get(commitment=commitment, period=period)
    assert report.status == "submitted"
    stored = report.evidence_links.get(title="Acta del primer taller")
    assert stored.filename == "acta-taller.pdf"

    # The secretariat sends it back with a comment.
    sign_in(page, live_server, secretariat)
    visit(page, f"/seguimiento/reportes/{report.pk}/")
    assert_no_axe_violations(page, "review page")
    page.locator("form:has(input[name=accion][value=devolver]) textarea").fill("Agregue la fecha de los talleres.")
    page.click("form:has(input[name=accion][value=devolver]) button[type=submit]")
    page.wait_for_load_state("load")
    report.refresh_from_db()
    assert report.status == "changes_requested"

    # The implementer sees the comment and the saved file (with a checkbox to take it off), completes the
    # report and submits again.
    sign_in(page, live_server, implementer)
    visit(page, form_url)
    assert page.get_by_text("Agregue la fecha de los talleres.").is_visible()
    assert page.get_by_label("Quitar «Acta del primer taller»").is_visible()
    assert_no_axe_violations(page, "report form with a saved file")
    page.fill("#id_results_description", "Se levantó el diagnóstico con tres talleres (marzo, abril y mayo de 2026).")
    page.click("button[name=enviar]")
    page.wait_for_load_state("load")
    report.refresh_from_db()
    assert report.status == "submitted"

    # The secretariat validates: the milestone update and the evidence reach the public registry.
    sign_in(page, live_server, secretariat)
    visit(page, f"/seguimiento/reportes/{report.pk}/")
    page.click("form:has(input[name=accion][value=validar]) button[type=submit]")
    page.wait_for_load_state("load")
    report.refresh_from_db()
    assert report.status == "validated"
    milestone = Milestone.objects.get(commitment=commitment)
    assert milestone.progress == 60
    assert Commitment.objects.get(pk=commitment.pk).progress_computed == 60
    page.context.clear_cookies()
    visit(page, commitment.get_absolute_url())
    assert page.get_by_role("link", name="Informe del diagnóstico").count() == 1
    assert page.get_by_role("link", name="Acta del primer taller").count() == 1
    screenshot(page, "commitment-after-validation")
    # Validated is not published: the file is not public yet; once published, anyone downloads it.
    file_url = f"{live_server.url}/seguimiento/archivos/{stored.pk}/"
    assert page.request.get(file_url, max_redirects=0).status == 302
    sign_in(page, live_server, secretariat)
    visit(page, f"/seguimiento/reportes/{report.pk}/")
    page.click("form:has(input[name=accion][value=publicar]) button[type=submit]")
    page.wait_for_load_state("load")
    report.refresh_from_db()
    assert report.status == "published"
    page.context.clear_cookies()
    download = page.request.get(file_url)
    assert download.status == 200
    assert download.headers["content-disposition"] == 'attachment; filename="acta-taller.pdf"'
    assert download.body().startswith(b"%PDF-")
    assert get_user_model().objects.filter(pk=implementer.pk).exists()
