"""The secretariat convenes a session of the Mesa, records attendance and a vote, drafts the minutes, and
publishes them after a later session approves them. Drives Debian's chromium through the real pages, with
axe-core on each screen."""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from abierto.forum.models import Minutes, Motion, Session
from abierto.forum.testing import give_seat, make_forum, seat
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
def forum(transactional_db, forum_member, participant):
    forum = make_forum(voting=3, voice_only=1, observers=1)
    give_seat(seat(forum, "Voto 1"), participant)
    give_seat(seat(forum, "Voto 2"), forum_member)
    return forum


def submit(tab, action: str) -> None:
    tab.click(f"form:has(input[name=accion][value={action}]) button[type=submit]")
    tab.wait_for_load_state("load")


def convene(tab, date: str, agenda: str) -> Session:
    visit(tab, "/mesa/sesiones/convocar/")
    tab.select_option("#id_kind", "ordinary")
    tab.fill("#id_date", date)
    tab.fill("#id_start_time", "09:30")
    tab.fill("#id_end_time", "11:00")
    tab.fill("#id_place", "Edificio Bicentenario. Teatinos 92, Santiago")
    tab.fill("#id_agenda", agenda)
    tab.click("form.form button[type=submit]")
    tab.wait_for_load_state("load")
    return Session.objects.order_by("-pk").first()


def start_and_attend(tab, session, forum) -> None:
    submit(tab, "avanzar")
    for name in ("Voto 1", "Voto 2", "Voto 3", "Solo voz 1"):
        tab.select_option(f"#id_estado_{seat(forum, name).pk}", "in_person")
        tab.select_option(f"#id_asistio_{seat(forum, name).pk}", "holder")
    submit(tab, "asistencia")


def vote_all(tab, forum, choices: dict[str, str]) -> None:
    for name, choice in choices.items():
        tab.select_option(f"#id_voto_{seat(forum, name).pk}", choice)
    submit(tab, "registrar")
    submit(tab, "cerrar")


def test_the_secretariat_runs_a_session_from_the_call_to_the_published_minutes(
    page, live_server, forum, secretariat, mailoutbox
):
    sign_in(page, live_server, secretariat)

    # Convene, with an agenda of items and sub-items.
    visit(page, "/mesa/sesiones/convocar/")
    assert_no_axe_violations(page, "convene form")
    session = convene(page, "2026-11-10", "Cronograma de cocreación\n- Etapas\nPresupuesto")
    assert session.agenda.count() == 3
    assert page.url.endswith(f"/mesa/sesiones/{session.pk}/gestion/")
    # Audited on a fresh load: the flash message list of base.html (ul role="status") is audited elsewhere.
    visit(page, f"/mesa/sesiones/{session.pk}/gestion/")
    assert_no_axe_violations(page, "session management")
    screenshot(page, "forum-session-manage")

    # Start the session and record attendance: the quorum appears.
    start_and_attend(page, session, forum)
    assert page.get_by_text("Hay quórum").count() >= 1

    # Open a motion and record the in-person votes on the seats' behalf, then close it.
    page.fill("#id_mocion-title", "Aprobar el cronograma de cocreación")
    submit(page, "mocion")
    motion = Motion.objects.get(session=session)
    assert page.url.endswith(f"/mesa/votaciones/{motion.pk}/")
    visit(page, f"/mesa/votaciones/{motion.pk}/")
    assert_no_axe_violations(page, "motion page")
    # Voice-only and observer seats are not offered a vote.
    assert page.locator(f"#id_voto_{seat(forum, 'Solo voz 1').pk}").count() == 0
    vote_all(page, forum, {"Voto 1": "yes", "Voto 2": "yes", "Voto 3": "abstain"})
    motion.refresh_from_db()
    assert motion.outcome == Motion.Outcome.APPROVED
    assert motion.votes.filter(recorded_by_secretariat=True).count() == 3

    # Draft the minutes (from the agenda and the vote), edit them and circulate them.
    visit(page, f"/mesa/sesiones/{session.pk}/gestion/")
    submit(page, "acta")
    minutes = Minutes.objects.get(session=session)
    assert "Aprobar el cronograma de cocreación" in page.locator("#id_points").input_value()
    visit(page, f"/mesa/actas/{minutes.pk}/")
    assert_no_axe_violations(page, "minutes draft")
    page.fill("#id_next_meeting", "20 de noviembre de 2026")
    submit(page, "guardar")
    submit(page, "circular")
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.CIRCULATED

    # A later session approves them by a vote.
    later = convene(page, "2026-11-20", "Aprobación del acta anterior")
    start_and_attend(page, later, forum)
    page.fill("#id_mocion-title", "Aprobar el acta del 10 de noviembre")
    page.select_option("#id_mocion-minutes", str(minutes.pk))
    submit(page, "mocion")
    vote_all(page, forum, {"Voto 1": "yes", "Voto 2": "yes", "Voto 3": "yes"})
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED

    # Publish, and the public sees the printable minutes.
    visit(page, f"/mesa/actas/{minutes.pk}/")
    submit(page, "publicar")
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.PUBLISHED
    page.context.clear_cookies()
    visit(page, f"/mesa/sesiones/{session.pk}/")
    assert_no_axe_violations(page, "public session page")
    assert page.get_by_role("link", name="Acta publicada (imprimible)").count() == 1
    visit(page, f"/mesa/sesiones/{session.pk}/acta/")
    assert_no_axe_violations(page, "published minutes")
    assert page.get_by_text("20 de noviembre de 2026").count() == 1
    screenshot(page, "forum-minutes-published")
    assert len(mailoutbox) == 2  # one call per session, with its .ics


def test_the_public_forum_pages_read_on_a_phone(mobile_page, live_server, transactional_db):
    from abierto.forum.chile import load_forum

    load_forum()
    session = Session.objects.get()
    for path in (
        "/mesa/",
        "/mesa/?mesa=mesa-de-gobierno-abierto-2017",
        "/mesa/protocolo/",
        "/mesa/integrantes/historial/",
        f"/mesa/sesiones/{session.pk}/",
        f"/mesa/sesiones/{session.pk}/acta/",
    ):
        result = visit(mobile_page, path)
        assert result.status == 200, path
        assert result.script_bytes == 0, path
        assert_no_axe_violations(mobile_page, path)
        overflow = mobile_page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    screenshot(mobile_page, "forum-minutes-2022-phone")
