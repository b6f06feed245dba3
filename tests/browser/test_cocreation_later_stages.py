"""The later stages of a process as people meet them: the workshops and co-creation tables, the forum's
published evaluation, and the consultation on the draft plan, where a citizen comments on one section and
the secretariat's answer shows under it. Axe-core on every page, at desktop and phone sizes."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone

from abierto.cocreation.models import Workshop
from abierto.cocreation.testing import make_process, make_proposal, make_table
from abierto.consultation.models import ConsultationComment
from abierto.consultation.testing import make_answer, make_comment, make_draft_commitment
from abierto.evaluation import services as evaluation_services
from abierto.evaluation.testing import assign, give_scores, make_criteria
from abierto.plans.models import ActionPlan
from tests.browser.conftest import assert_no_axe_violations, screenshot, visit

pytestmark = pytest.mark.browser

PASSWORD = "una-clave-bien-larga-2026"


@pytest.fixture
def setting(transactional_db, make_plan, secretariat, forum_member):
    cache.clear()
    plan = make_plan(number=7, start=2027, end=2031, status=ActionPlan.Status.CO_CREATION)
    # Seven stages of ten days; the sixth (the consultation on the draft) is open today, the fifth
    # (the forum's evaluation) has closed.
    today = timezone.localdate()
    process = make_process(plan, template="fifth", start=today - datetime.timedelta(days=55), days=10)
    author = get_user_model().objects.create_user("autora", email="autora@example.org", first_name="Rosa")
    proposals = [
        make_proposal(process, author, title="Presupuestos participativos en Valdivia", region="XIV"),
        make_proposal(process, author, title="Lenguaje claro en los trámites municipales"),
    ]
    for i, (region, group, attendance) in enumerate(
        (("XIV", "Organizaciones de la sociedad civil", 40), ("RM", "Funcionarios municipales", None))
    ):
        Workshop.objects.create(
            process=process,
            position=i,
            held_on=today - datetime.timedelta(days=40 - i),
            title=f"Taller {i + 1}",
            region=region,
            target_group=group,
            attendance=attendance,
        )
    table = make_table(
        process,
        title="Mesa de participación local",
        participation={"civil_society": 12, "public": 5},
        proposals=proposals,
        draft_title="Presupuestos participativos con datos abiertos",
    )
    criteria = make_criteria(process)
    give_scores(assign(proposals[0], forum_member), criteria, [5, 4])
    give_scores(assign(proposals[1], forum_member), criteria, [3, 3])
    evaluation_services.publish_results(process=process, actor=secretariat)
    draft = make_draft_commitment(plan, code="BOR01")
    earlier = make_comment(process, draft, author, section="problema", body="Falta decir qué municipios.")
    make_answer(earlier, secretariat, body="Gracias: se agregará la lista de municipios.")
    citizen = get_user_model().objects.create_user(
        "camila", email="camila@example.org", password=PASSWORD, first_name="Camila", last_name="Rojas"
    )
    EmailAddress.objects.create(user=citizen, email=citizen.email, verified=True, primary=True)
    return {"process": process, "table": table, "draft": draft, "citizen": citizen}


def _paths(setting) -> list[str]:
    base = f"/cocreacion/{setting['process'].slug}"
    return [
        f"{base}/",
        f"{base}/talleres/",
        f"{base}/mesas/",
        f"{base}/mesas/{setting['table'].pk}/",
        f"{base}/evaluacion/resultados/",
        f"{base}/consulta/",
        f"{base}/consulta/compromisos/BOR01/",
        f"{base}/consulta/informe/",
    ]


def test_the_later_stage_pages_pass_axe_at_desktop_size(page, live_server, setting):
    for path in _paths(setting):
        result = visit(page, path)
        assert result.status == 200 and not result.console_errors, path
        assert_no_axe_violations(page, path)
    base = f"/cocreacion/{setting['process'].slug}"
    for path, name in (
        ("/", "cocreation-process"),
        ("/talleres/", "cocreation-workshops"),
        ("/evaluacion/resultados/", "evaluation-results"),
        ("/consulta/informe/", "consultation-report"),
    ):
        visit(page, base + path)
        screenshot(page, name)
    visit(page, f"/cocreacion/{setting['process'].slug}/mesas/{setting['table'].pk}/")
    screenshot(page, "cocreation-table")


def test_the_later_stage_pages_pass_axe_on_a_phone(mobile_page, live_server, setting):
    for path in _paths(setting):
        result = visit(mobile_page, path)
        assert result.status == 200 and not result.console_errors, path
        assert_no_axe_violations(mobile_page, path)
        width = mobile_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (path, width)


def test_a_citizen_comments_on_one_section_of_the_draft(page, live_server, setting):
    base = f"/cocreacion/{setting['process'].slug}/consulta/compromisos/BOR01/"
    visit(page, base)
    assert "Gracias: se agregará la lista de municipios." in page.inner_text("#seccion-problema")
    page.click("#seccion-problema a:has-text('Ingrese para comentar')")
    page.wait_for_load_state("load")
    page.fill("#id_login", setting["citizen"].email)
    page.fill("#id_password", PASSWORD)
    page.click("main form:has(#id_login) button[type=submit]")
    page.wait_for_load_state("load")
    assert "/consulta/compromisos/BOR01/" in page.url

    page.click("#seccion-objetivo summary")
    page.locator("#seccion-objetivo textarea").fill("El objetivo debería decir en qué plazo.")
    page.click("#seccion-objetivo button[type=submit]")
    page.wait_for_load_state("load")
    assert "El objetivo debería decir en qué plazo." in page.inner_text("#seccion-objetivo")
    comment = ConsultationComment.objects.get(author=setting["citizen"])
    assert comment.section == "objetivo"
    visit(page, base)
    assert_no_axe_violations(page, "consultation page, signed in")
    screenshot(page, "consultation-commitment")
