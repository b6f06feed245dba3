"""Agreements: a date or "a la brevedad" with the protocol's horizon, status and follow-up notes, overdue
ones marked on the forum page, and reminders to whoever is responsible (clock frozen)."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from abierto.forum import services
from abierto.forum.models import Agreement
from abierto.forum.testing import give_seat, make_forum, seat
from abierto.notifications.models import Notification

SESSION_DAY = datetime.date(2026, 11, 2)


@pytest.fixture
def forum(db, forum_member):
    forum = make_forum(horizon=15)
    give_seat(seat(forum, "Voto 2"), forum_member)
    return forum


@pytest.fixture
def session(forum, secretariat):
    return services.convene_session(
        actor=secretariat, forum=forum, date=SESSION_DAY, place="Sala", agenda=[], send=False
    )


def test_a_la_brevedad_falls_due_after_the_protocols_horizon(forum, session, secretariat):
    agreement = services.create_agreement(
        actor=secretariat,
        forum=forum,
        session=session,
        text="Enviar el cronograma",
        responsible_label="Secretaría",
        asap=True,
    )
    assert agreement.effective_due() == datetime.date(2026, 11, 17)
    assert not agreement.is_overdue(datetime.date(2026, 11, 17))
    assert agreement.is_overdue(datetime.date(2026, 11, 18))


def test_without_a_horizon_a_la_brevedad_is_never_marked_overdue(forum, session, secretariat):
    forum.asap_horizon_days = None
    services.save(forum, actor=secretariat)
    agreement = services.create_agreement(
        actor=secretariat, forum=forum, session=session, text="Enviar", responsible_label="Secretaría", asap=True
    )
    assert agreement.effective_due() is None and not agreement.is_overdue(datetime.date(2030, 1, 1))


def test_a_date_and_a_la_brevedad_together_are_refused_and_the_form_keeps_the_text(forum, secretariat_client):
    response = secretariat_client.post(
        "/mesa/acuerdos/",
        {
            "text": "Preparar términos de referencia",
            "responsible_label": "Comisión",
            "due_date": "2026-12-01",
            "asap": "on",
        },
    )
    html = response.content.decode()
    assert "Indique una fecha de plazo o marque «a la brevedad», no ambas." in html
    assert "Preparar términos de referencia" in html
    assert not Agreement.objects.exists()


def test_done_and_cancelled_agreements_are_not_overdue(forum, session, secretariat):
    agreement = services.create_agreement(
        actor=secretariat, forum=forum, session=session, text="Enviar", responsible_label="S", due_date=SESSION_DAY
    )
    services.follow_up_agreement(actor=secretariat, agreement=agreement, status="done", note="Enviado por correo.")
    assert not agreement.is_overdue(datetime.date(2027, 1, 1))
    assert agreement.notes.get().text == "Enviado por correo."


@time_machine.travel(datetime.datetime(2026, 11, 22, 15, 0, tzinfo=datetime.UTC), tick=False)
def test_overdue_agreements_are_marked_on_the_forum_page(forum, session, secretariat, client):
    services.create_agreement(
        actor=secretariat,
        forum=forum,
        session=session,
        text="Propuesta de presupuesto",
        responsible_seat=seat(forum, "Voto 2"),
        asap=True,
    )  # due 17-11-2026
    services.create_agreement(
        actor=secretariat,
        forum=forum,
        session=session,
        text="Informe anual",
        responsible_label="S",
        due_date=datetime.date(2026, 12, 31),
    )
    html = client.get("/mesa/").content.decode()
    assert "1 acuerdo vencido." in html
    assert html.count("Vencido</strong>") == 1
    row = html[html.index("Propuesta de presupuesto") :]
    assert row.index("Vencido") < row.index("Informe anual")


def test_reminders_go_to_the_responsible_once_before_and_once_after_the_deadline(
    forum, session, secretariat, forum_member, implementer, lead_institution
):
    seat_agreement = services.create_agreement(
        actor=secretariat,
        forum=forum,
        session=session,
        text="Propuesta de presupuesto",
        responsible_seat=seat(forum, "Voto 2"),
        asap=True,
    )  # due 17-11-2026
    services.create_agreement(
        actor=secretariat,
        forum=forum,
        session=session,
        text="Publicar los datos",
        responsible_institution=lead_institution,
        due_date=datetime.date(2026, 12, 20),
    )
    with time_machine.travel(datetime.datetime(2026, 11, 5, 12, 0, tzinfo=datetime.UTC), tick=False):
        call_command("send_forum_reminders")
        assert not Notification.objects.exists()  # nothing due within a week
    with time_machine.travel(datetime.datetime(2026, 11, 12, 12, 0, tzinfo=datetime.UTC), tick=False):
        call_command("send_forum_reminders")
        call_command("send_forum_reminders")
    assert list(Notification.objects.values_list("user__username", "kind")) == [
        ("integrante-mesa", "forum_agreement_due")
    ]
    with time_machine.travel(datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC), tick=False):
        call_command("send_forum_reminders")
        call_command("send_forum_reminders")
    kinds = sorted(Notification.objects.filter(user=forum_member).values_list("kind", flat=True))
    assert kinds == ["forum_agreement_due", "forum_agreement_overdue"]
    assert "17-11-2026" in Notification.objects.get(kind="forum_agreement_overdue").body
    with time_machine.travel(datetime.datetime(2026, 12, 15, 12, 0, tzinfo=datetime.UTC), tick=False):
        services.follow_up_agreement(actor=secretariat, agreement=seat_agreement, status="done")
        call_command("send_forum_reminders")
    # The institution's implementers are reminded of its agreement; the done one sends nothing more.
    assert Notification.objects.filter(user=implementer, kind="forum_agreement_due").count() == 1
    assert Notification.objects.filter(user=forum_member).count() == 2


def test_the_secretariat_follows_up_through_the_page(forum, session, secretariat, secretariat_client):
    agreement = services.create_agreement(
        actor=secretariat, forum=forum, session=session, text="Enviar", responsible_label="S", asap=True
    )
    response = secretariat_client.post(
        f"/mesa/acuerdos/{agreement.pk}/", {"status": "in_progress", "date": "2026-11-10", "note": "Borrador listo."}
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "in_progress"
    assert agreement.notes.get().date == datetime.date(2026, 11, 10)
