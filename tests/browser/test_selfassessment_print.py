"""A self-assessment in consultation, in Debian's chromium: accessible (axe) on desktop and at 375 px,
and printed without navigation or forms, one commitment per page, with the addresses of links."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

from abierto.monitoring.models import ProgressReport, ReportEvidence, ReportingPeriod
from abierto.selfassessments import services
from abierto.selfassessments.models import SelfAssessment
from tests.browser.conftest import assert_no_axe_violations, screenshot, visit

pytestmark = pytest.mark.browser


def sign_in(tab, live_server, user) -> None:
    """Give the browser the session cookie of ``user`` (the login form is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    tab.context.clear_cookies()
    tab.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def consultation(
    transactional_db, make_plan, make_commitment, make_milestone, lead_institution, secretariat, participant
):
    now = timezone.now()
    plan = make_plan(number=6, start=2023, end=2027)
    period = ReportingPeriod.objects.create(
        plan=plan,
        label="Primer semestre 2026",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 6, 30),
        deadline=datetime.date(2026, 7, 31),
    )
    for i, code in enumerate(["CL0081", "CL0082"]):
        c = make_commitment(plan, code=code, title=f"Compromiso de prueba {i}", lead_institution=lead_institution)
        make_milestone(c, description="Portal publicado", status="in_progress", progress=40, code="1")
        if i == 0:
            report = ProgressReport.all_objects.create(
                commitment=c,
                period=period,
                period_label=period.label,
                status=ProgressReport.Status.PUBLISHED,
                completion="substantial",
                results_description="Se publicó el portal.",
                validated_at=now - datetime.timedelta(days=30),
                published_on=timezone.localdate() - datetime.timedelta(days=29),
            )
            ReportEvidence.objects.create(report=report, title="Acta", url="https://example.org/acta.pdf")
    sa = services.assemble(plan=plan, kind=SelfAssessment.Kind.MID_TERM, cutoff=timezone.localdate(), actor=secretariat)
    services.update_text(sa, actor=secretariat, title=sa.title, introduction="Contexto del plan.")
    services.open_for_comment(
        sa, actor=secretariat, start=now - datetime.timedelta(days=1), end=now + datetime.timedelta(days=14)
    )
    services.add_comment(sa, actor=participant, text="¿Y el presupuesto?", entry=sa.entries.first())
    return sa


def test_the_report_is_accessible_and_prints_cleanly(page, mobile_page, live_server, consultation, secretariat):
    path = f"/autoevaluaciones/{consultation.pk}/"
    sign_in(page, live_server, secretariat)
    result = visit(page, path)
    assert result.status == 200 and not result.console_errors
    assert result.script_bytes == 0
    assert_no_axe_violations(page, "self-assessment (secretariat)")
    screenshot(page, "selfassessment-desktop")

    page.emulate_media(media="print")
    assert not page.locator("form").first.is_visible()
    assert not page.locator(".site-header").is_visible()
    assert page.locator(".sa-entry").first.evaluate("e => getComputedStyle(e).breakBefore") == "page"
    evidence = page.locator('a[href="https://example.org/acta.pdf"]')
    after = evidence.evaluate("e => getComputedStyle(e, '::after').content")
    assert "https://example.org/acta.pdf" in after

    result = visit(mobile_page, path)
    assert result.status == 200
    assert_no_axe_violations(mobile_page, "self-assessment (375 px, anonymous)")
    overflow = mobile_page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    assert mobile_page.get_by_text("Ingrese con su cuenta para comentar").is_visible()
    screenshot(mobile_page, "selfassessment-mobile")


def test_the_list_and_the_secretariat_screens_are_accessible(page, live_server, consultation, secretariat):
    sign_in(page, live_server, secretariat)
    for path in ("/autoevaluaciones/", "/autoevaluaciones/nueva/", f"/autoevaluaciones/{consultation.pk}/gestion/"):
        result = visit(page, path)
        assert result.status == 200 and not result.console_errors, path
        assert_no_axe_violations(page, path)
    # The create form with errors: messages tied to their fields, still accessible.
    visit(page, "/autoevaluaciones/nueva/")
    page.get_by_role("button", name="Armar en borrador").click()
    page.wait_for_load_state("load")
    assert page.get_by_text("Este campo es obligatorio").first.is_visible()
    assert_no_axe_violations(page, "create form with errors")
    screenshot(page, "selfassessment-create-errors")
