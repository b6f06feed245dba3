"""Notices by email: preferences, dedupe, the daily digest, unsubscribe links, follows, reminders."""

import datetime
import email
import email.policy
import socket

import pytest
import time_machine
from django.core import signing
from django.core.management import call_command
from django.db import transaction

from abierto.jobs import services as jobs
from abierto.jobs.models import Job
from abierto.notifications import reminders, services
from abierto.notifications.models import Follow, Notification, Preference
from abierto.plans.models import Milestone
from tests.conftest import FROZEN_TODAY


def say(user, n=1, **extra):
    message = {
        "user": user,
        "kind": "commitment_update",
        "subject": f"Cambio {n} en el compromiso CL0046",
        "body": f"Se actualizó el avance ({n}).",
        "url": "/planes/3/compromisos/CL0046/",
    }
    message.update(extra)
    return services.notify(**message)


@pytest.fixture
def plan(make_plan):
    return make_plan()


@pytest.fixture
def commitment(plan, make_commitment, lead_institution):
    return make_commitment(plan, lead_institution=lead_institution)


def test_an_immediate_notice_is_emailed_in_spanish_with_an_unsubscribe_link(participant, mailoutbox):
    notice = say(participant)
    assert Job.objects.filter(task="notifications.send_notification").count() == 1
    assert mailoutbox == []  # only the worker sends
    jobs.run_pending()
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["ciudadana@example.org"]
    assert "Cambio 1 en el compromiso CL0046" in email.subject
    assert "Se actualizó el avance (1)." in email.body
    assert "http://127.0.0.1:8000/planes/3/compromisos/CL0046/" in email.body
    assert "Dejar de recibir estos correos" in email.body
    unsubscribe = services.unsubscribe_url(participant)
    assert unsubscribe in email.body
    assert email.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html" and unsubscribe in html and 'lang="es"' in html
    notice.refresh_from_db()
    assert notice.sent_at is not None


def test_the_same_dedupe_key_reaches_a_person_once(participant, secretariat, mailoutbox):
    assert say(participant, dedupe_key="hito:7") is not None
    assert say(participant, 2, dedupe_key="hito:7") is None
    assert say(secretariat, dedupe_key="hito:7") is not None  # per person
    jobs.run_pending()
    assert sorted(m.to[0] for m in mailoutbox) == ["ciudadana@example.org", "secretaria@example.org"]
    assert Notification.objects.filter(user=participant).count() == 1


def test_a_rolled_back_write_sends_nothing(participant, mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        say(participant)
        raise RuntimeError
    assert not Notification.objects.exists() and not Job.objects.exists()
    jobs.run_pending()
    assert mailoutbox == []


def test_no_email_for_a_person_who_chose_none_but_the_notice_is_kept(participant, mailoutbox):
    services.set_frequency(participant, Preference.Frequency.NONE)
    say(participant)
    services.queue_daily_digests()
    jobs.run_pending()
    assert mailoutbox == []
    assert Notification.objects.filter(user=participant, sent_at__isnull=True).count() == 1


def test_choosing_none_after_the_notice_was_queued_still_stops_the_email(participant, mailoutbox):
    say(participant)
    services.set_frequency(participant, Preference.Frequency.NONE)
    jobs.run_pending()
    assert mailoutbox == []


def test_daily_digest_sends_one_email_per_person_with_every_unsent_notice(participant, secretariat, mailoutbox):
    services.set_frequency(participant, Preference.Frequency.DAILY)
    for n in (1, 2, 3):
        say(participant, n)
    say(secretariat)  # immediate
    jobs.run_pending()
    assert [m.to for m in mailoutbox] == [["secretaria@example.org"]]

    assert services.queue_daily_digests() == 1
    jobs.run_pending()
    assert len(mailoutbox) == 2
    digest = mailoutbox[1]
    assert digest.to == ["ciudadana@example.org"]
    assert "Resumen diario: 3 avisos" in digest.subject
    for n in (1, 2, 3):
        assert f"Cambio {n} en el compromiso CL0046" in digest.body
    assert digest.extra_headers["List-Unsubscribe"] == f"<{services.unsubscribe_url(participant)}>"
    assert not Notification.objects.filter(user=participant, sent_at__isnull=True).exists()
    assert Notification.objects.filter(user=participant, digest_at__isnull=False).count() == 3

    services.queue_daily_digests()
    jobs.run_pending()
    assert len(mailoutbox) == 2  # nothing new, nothing sent


def test_unsubscribe_link_works_without_login(client, participant, mailoutbox):
    say(participant)
    jobs.run_pending()
    link = services.unsubscribe_url(participant).removeprefix("http://127.0.0.1:8000")
    assert link in mailoutbox[0].body
    response = client.get(link)
    assert response.status_code == 200
    assert "Ya no recibirá correos de avisos" in response.content.decode()
    assert Preference.objects.get(user=participant).frequency == Preference.Frequency.NONE


def test_one_click_unsubscribe_by_post(client, participant):
    response = client.post(services.unsubscribe_url(participant).removeprefix("http://127.0.0.1:8000"))
    assert response.status_code == 200
    assert Preference.objects.get(user=participant).frequency == Preference.Frequency.NONE


@pytest.mark.parametrize(
    "forge",
    [
        lambda victim: signing.dumps({"u": victim.pk}, salt="otra-sal"),
        lambda victim: signing.dumps({"u": victim.pk}, key="otra-clave", salt=services.UNSUBSCRIBE_SALT),
        lambda victim: services.unsubscribe_token(victim)[:-2] + "xx",
        lambda victim: "no-es-un-token",
    ],
)
def test_unsubscribe_tokens_cannot_be_forged(client, participant, secretariat, forge):
    token = forge(secretariat)
    response = client.get(f"/avisos/baja/{token}/")
    assert response.status_code == 400
    assert "Enlace no válido" in response.content.decode()
    assert services.frequency_for(secretariat) == Preference.Frequency.IMMEDIATE
    assert not Preference.objects.exists()


def test_a_token_names_only_its_own_person(participant, secretariat):
    assert services.user_id_from_token(services.unsubscribe_token(participant)) == participant.pk
    assert services.unsubscribe_token(participant) != services.unsubscribe_token(secretariat)


def test_preferences_page_needs_login_and_saves_the_choice(client, participant, commitment):
    assert client.get("/avisos/preferencias/").status_code == 302
    client.force_login(participant)
    services.follow(participant, commitment)
    page = client.get("/avisos/preferencias/").content.decode()
    assert "Mis avisos" in page and "Un resumen diario" in page and "CL0046" in page
    response = client.post("/avisos/preferencias/", {"frequency": "daily"})
    assert response.status_code == 302
    assert services.frequency_for(participant) == Preference.Frequency.DAILY
    client.post("/avisos/preferencias/", {"frequency": "a veces"})
    assert Preference.objects.get(user=participant).frequency == Preference.Frequency.DAILY


def test_following_a_commitment(client, participant, commitment):
    url = f"/avisos/seguir/{commitment.pk}/"
    assert client.post(url).status_code == 302
    assert not Follow.objects.exists()  # anonymous: sent to log in
    client.force_login(participant)
    assert client.get(url).status_code == 405
    response = client.post(url, {"accion": "seguir", "next": "https://malo.example/"})
    assert response.status_code == 302 and response.url == commitment.get_absolute_url()
    assert Follow.objects.filter(user=participant, commitment=commitment).count() == 1
    client.post(url, {"accion": "seguir"})
    assert Follow.objects.count() == 1
    client.post(url, {"accion": "dejar"})
    assert not Follow.objects.exists()
    assert client.post("/avisos/seguir/999999/").status_code == 404


def test_follow_button_include(rf, participant, commitment):
    from django.contrib.auth.models import AnonymousUser
    from django.template import engines

    template = engines["django"].from_string('{% include "notifications/follow_button.html" %}')
    request = rf.get(commitment.get_absolute_url())
    request.user = participant
    assert "Seguir este compromiso" in template.render({"commitment": commitment, "user": participant}, request)
    services.follow(participant, commitment)
    assert "Dejar de seguir este compromiso" in template.render(
        {"commitment": commitment, "user": participant}, request
    )
    request.user = AnonymousUser()
    assert "Ingrese para seguir" in template.render({"commitment": commitment, "user": request.user}, request)


def test_followers_hear_of_commitment_updates(participant, secretariat, commitment, mailoutbox):
    services.follow(participant, commitment)
    services.follow(secretariat, commitment)
    stored = services.notify_followers(
        commitment,
        exclude=secretariat,
        subject="Nuevo reporte de avance",
        body="Se publicó un reporte.",
        dedupe_key="reporte:1",
    )
    assert stored == 1
    jobs.run_pending()
    assert [m.to for m in mailoutbox] == [["ciudadana@example.org"]]
    assert commitment.get_absolute_url() in mailoutbox[0].body


# ---------------------------------------------------------------- overdue milestones


@pytest.fixture
def late_milestone(commitment, make_milestone):
    return make_milestone(
        commitment,
        description="Publicar el informe final",
        code="1.2",
        status=Milestone.Status.IN_PROGRESS,
        progress=40,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 10, 31),
    )


@time_machine.travel(datetime.datetime(2026, 11, 22, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_overdue_milestone_alerts_the_lead_institution_once(
    late_milestone, commitment, make_milestone, implementer, other_implementer, participant, mailoutbox
):
    make_milestone(
        commitment,
        description="Terminado",
        status=Milestone.Status.COMPLETED,
        progress=100,
        end_date=datetime.date(2026, 1, 31),
    )
    make_milestone(commitment, description="Todavía a tiempo", end_date=FROZEN_TODAY + datetime.timedelta(days=3))
    call_command("send_reminders", verbosity=0)
    jobs.run_pending()
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["contraparte@example.org"]
    assert "Hito atrasado en el compromiso CL0046" in email.subject
    assert "«1.2»" in email.body and "31 de octubre de 2026" in email.body

    # The next day (and the day after) nothing is repeated.
    for days in (0, 1, 2):
        with time_machine.travel(datetime.datetime(2026, 11, 22 + days, 9, 0, tzinfo=datetime.UTC), tick=False):
            call_command("send_reminders", verbosity=0)
            jobs.run_pending()
    assert len(mailoutbox) == 1
    assert Notification.objects.filter(kind="milestone_overdue").count() == 1


@time_machine.travel(datetime.datetime(2026, 11, 22, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_a_rescheduled_milestone_late_again_is_announced_again(late_milestone, implementer):
    assert reminders.overdue_milestones() == 1
    assert reminders.overdue_milestones() == 0
    late_milestone.end_date = datetime.date(2026, 11, 20)
    late_milestone.save()
    assert reminders.overdue_milestones() == 1


def test_send_reminders_queues_the_daily_tasks_once_a_day(db):
    call_command("send_reminders", verbosity=0)
    call_command("send_reminders", verbosity=0)
    assert sorted(Job.objects.values_list("task", flat=True)) == [
        "notifications.check_overdue_milestones",
        "notifications.check_reporting_deadlines",
        "notifications.queue_daily_digests",
        "opendata.build_export",
    ]


# ---------------------------------------------------------------- a real SMTP server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_notice_travels_through_a_real_smtp_server(participant, settings):
    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.envelopes = []

        async def handle_DATA(self, server, session, envelope):
            self.envelopes.append(envelope)
            return "250 Message accepted for delivery"

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = controller.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        say(participant)
        assert jobs.run_pending() == 1
    finally:
        controller.stop()
    assert Job.objects.get().status == Job.Status.DONE
    assert len(inbox.envelopes) == 1
    envelope = inbox.envelopes[0]
    assert envelope.rcpt_tos == ["ciudadana@example.org"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["List-Unsubscribe"].strip() == f"<{services.unsubscribe_url(participant)}>"
    assert message["To"] == "ciudadana@example.org"
    assert "Cambio 1 en el compromiso CL0046" in message["Subject"]
    assert message.get_body(("html",)).get_content().count(services.unsubscribe_url(participant)) == 1


@time_machine.travel(datetime.datetime(2026, 11, 22, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_reporting_deadline_reminders_go_out_the_configured_days_before(
    settings, plan, commitment, implementer, other_implementer, mailoutbox
):
    monitoring = pytest.importorskip("abierto.monitoring.models")
    if not hasattr(monitoring, "ReportingPeriod"):
        pytest.skip("no reporting periods yet")
    settings.ABIERTO_REMINDER_DAYS = [7, 1]
    monitoring.ReportingPeriod.objects.create(
        plan=plan,
        label="Segundo semestre 2026",
        start=datetime.date(2026, 7, 1),
        end=datetime.date(2026, 12, 31),
        deadline=FROZEN_TODAY + datetime.timedelta(days=7),
    )
    assert reminders.reporting_deadlines() == 1
    assert reminders.reporting_deadlines() == 0
    jobs.run_pending()
    assert [m.to for m in mailoutbox] == [["contraparte@example.org"]]
    assert "Quedan 7 días para reportar el compromiso CL0046" in mailoutbox[0].subject
    assert "29 de noviembre de 2026" in mailoutbox[0].body
    assert reminders.reporting_deadlines(FROZEN_TODAY + datetime.timedelta(days=1)) == 0  # 6 days before
    assert reminders.reporting_deadlines(FROZEN_TODAY + datetime.timedelta(days=6)) == 1  # 1 day before
