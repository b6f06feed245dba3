"""A citizen signs in, submits a proposal, supports two others, and later finds the commitment their
proposal became. Drives Debian's chromium through the real pages, with axe-core on each screen."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone

from abierto.cocreation import services
from abierto.cocreation.models import Proposal, Support
from abierto.cocreation.testing import make_process, make_proposal
from tests.browser.conftest import assert_no_axe_violations, screenshot, visit

pytestmark = pytest.mark.browser

PASSWORD = "una-clave-bien-larga-2026"


@pytest.fixture
def setting(transactional_db, make_plan, make_commitment, lead_institution, secretariat):
    cache.clear()
    plan = make_plan(number=6, start=2023, end=2027)
    commitment = make_commitment(
        plan, code="CL0081", title="Calidad del aire en datos abiertos", lead_institution=lead_institution
    )
    # Stages of ten days each; the second (reception, supports, comments) is open today.
    today = timezone.localdate()
    process = make_process(plan, template="fifth", start=today - datetime.timedelta(days=15), days=10)
    author = get_user_model().objects.create_user("autora-otra", email="otra@example.org", first_name="Rosa")
    others = [
        make_proposal(
            process,
            author,
            title="Presupuestos participativos en Valdivia",
            region="XIV",
            problem="Los vecinos no deciden el uso del presupuesto municipal.",
            what="Consultas vinculantes.",
        ),
        make_proposal(
            process,
            author,
            title="Lenguaje claro en los trámites municipales",
            problem="Los formularios son difíciles de entender.",
            what="Reescribirlos con la Red de Lenguaje Claro.",
        ),
    ]
    citizen = get_user_model().objects.create_user(
        "camila", email="camila@example.org", password=PASSWORD, first_name="Camila", last_name="Rojas"
    )
    EmailAddress.objects.create(user=citizen, email=citizen.email, verified=True, primary=True)
    return {
        "process": process,
        "commitment": commitment,
        "others": others,
        "citizen": citizen,
        "secretariat": secretariat,
    }


def test_a_citizen_proposes_supports_and_finds_the_commitment(page, live_server, setting):
    process, commitment, citizen = setting["process"], setting["commitment"], setting["citizen"]
    base = f"/cocreacion/{process.slug}"

    # Signs in with the login form, coming from the new-proposal page.
    visit(page, f"{base}/propuestas/nueva/")
    assert "/cuentas/ingresar/" in page.url
    page.fill("#id_login", citizen.email)
    page.fill("#id_password", PASSWORD)
    page.click("main form:has(#id_login) button[type=submit]")
    page.wait_for_load_state("load")
    assert page.url.endswith(f"{base}/propuestas/nueva/")
    assert "Recepción de propuestas" in page.inner_text(".process-banner")
    # Audited on a fresh load too (the form as anyone opening it sees it).
    visit(page, f"{base}/propuestas/nueva/")
    assert_no_axe_violations(page, "new proposal form")

    # Submits a proposal.
    page.fill("#id_title", "Datos abiertos de la calidad del aire en Temuco")
    page.fill("#id_problem", "No hay **datos abiertos** de la calidad del aire por comuna.")
    page.fill("#id_gap", "Falta transparencia activa sobre el aire que respiramos.")
    page.fill("#id_what", "Publicar las mediciones horarias como datos abiertos.")
    page.check("text=Medioambiente y cambio climático")
    page.select_option("#id_region", "IX")
    page.select_option("#id_commune", "Temuco")
    page.click("button[name=publicar]")
    page.wait_for_load_state("load")
    proposal = Proposal.objects.get(author=citizen)
    assert page.url.endswith(f"{base}/propuestas/{proposal.pk}/")
    assert "Su propuesta está publicada." in page.inner_text("main")
    assert page.locator("main strong", has_text="datos abiertos").count() == 1
    visit(page, f"{base}/propuestas/{proposal.pk}/")
    assert_no_axe_violations(page, "proposal page")
    screenshot(page, "cocreation-proposal")

    # Supports two others from the list.
    visit(page, f"{base}/propuestas/")
    assert_no_axe_violations(page, "proposal list")
    for other in setting["others"]:
        page.click(f"li:has(a:text-is('{other.title}')) button[name=accion][value=apoyar]")
        page.wait_for_load_state("load")
        assert "Gracias: su apoyo quedó registrado." in page.inner_text("main")
    assert Support.objects.filter(user=citizen).count() == 2
    assert page.locator("button[name=accion][value=retirar]").count() == 2

    # Later, the secretariat answers: the proposal became commitment CL0081.
    services.respond(
        proposal=proposal,
        actor=setting["secretariat"],
        kind="adopted",
        commitment=commitment,
        text="Se incorporó al compromiso sobre datos del aire.",
    )
    visit(page, f"{base}/mis-propuestas/")
    assert_no_axe_violations(page, "my proposals")
    assert "Incorporada en un compromiso" in page.inner_text("main")
    page.click(f"a:text-is('{proposal.title}')")
    page.wait_for_load_state("load")
    assert "Incorporada en el compromiso CL0081" in page.inner_text(".trace")
    page.click("#respuesta ~ p a:has-text('CL0081'), section a:has-text('CL0081 ·')")
    page.wait_for_load_state("load")
    assert page.url.endswith("/planes/6/compromisos/CL0081/")
    assert "Calidad del aire en datos abiertos" in page.inner_text("h1")


def test_the_process_pages_pass_axe_on_a_phone(mobile_page, live_server, setting):
    process = setting["process"]
    proposal = setting["others"][0]
    paths = (
        f"/cocreacion/{process.slug}/",
        f"/cocreacion/{process.slug}/propuestas/",
        f"/cocreacion/{process.slug}/propuestas/{proposal.pk}/",
        "/cocreacion/",
    )
    for path in paths:
        result = visit(mobile_page, path)
        assert result.status == 200 and not result.console_errors and result.script_bytes == 0
        assert_no_axe_violations(mobile_page, path)
        width = mobile_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (path, width)
