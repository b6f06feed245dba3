"""Convening a session (agenda, emails with an .ics invitation, the calendar feed), recording attendance and
showing the quorum while the session runs."""

import datetime

import pytest
import time_machine
from django.core import mail

from abierto.forum import services
from abierto.forum.models import AgendaItem, Attendance, Session
from abierto.forum.testing import give_seat, make_forum, seat

NOW = datetime.datetime(2026, 11, 22, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def forum(db, forum_member, participant):
    forum = make_forum(voting=4)
    give_seat(seat(forum, "Voto 1"), participant, alternate=forum_member)
    give_seat(seat(forum, "Solo voz 1"), name="Persona sin cuenta")
    term = seat(forum, "Observador 1").terms.create(holder_name="Observadora", holder_email="observadora@example.org")
    assert term.pk
    return forum


CONVENE = {
    "kind": "ordinary",
    "title": "",
    "date": "2026-12-03",
    "start_time": "09:30",
    "end_time": "11:00",
    "place": "Teatinos 92, Santiago",
    "online_url": "https://reunion.example.org/mesa",
    "agenda": "Aprobación del acta anterior\nSeguimiento del 6° Plan\n- Compromisos atrasados\n- Reportes",
}


@time_machine.travel(NOW, tick=False)
def test_the_secretariat_convenes_with_an_agenda_and_every_holder_and_alternate_gets_an_ics(
    secretariat_client, forum, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post("/mesa/sesiones/convocar/", CONVENE)
    session = Session.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/mesa/sesiones/{session.pk}/gestion/"
    assert session.status == Session.Status.CONVENED
    items = list(session.agenda.values_list("number", "title", "parent__number"))
    assert items == [
        ("1", "Aprobación del acta anterior", None),
        ("2", "Seguimiento del 6° Plan", None),
        ("2.1", "Compromisos atrasados", "2"),
        ("2.2", "Reportes", "2"),
    ]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.bcc) == {"ciudadana@example.org", "integrante-mesa@example.org", "observadora@example.org"}
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in content and "DTSTART:20261203T123000Z" in content  # 09:30 in Santiago (summer)
    assert "Seguimiento del 6° Plan" in message.body


def test_a_call_without_place_or_link_is_refused_and_keeps_what_was_typed(secretariat_client, forum):
    data = {**CONVENE, "place": "", "online_url": ""}
    response = secretariat_client.post("/mesa/sesiones/convocar/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Indique el lugar, el enlace para conectarse o ambos." in html
    assert "Seguimiento del 6° Plan" in html
    assert 'aria-describedby="id_place-error"' in html or "id_place-error" in html
    assert not Session.objects.exists()


@pytest.mark.parametrize("persona", ["anonymous", "participant", "forum_member", "implementer", "evaluator"])
def test_only_the_secretariat_convenes(client, personas, persona, forum):
    if persona != "anonymous":
        client.force_login(personas[persona])
    response = client.post("/mesa/sesiones/convocar/", CONVENE)
    assert response.status_code in (302, 403)
    if persona == "anonymous":
        assert "/login" in response["Location"] or "/cuenta" in response["Location"]
    assert not Session.objects.exists()


def test_the_calendar_feed_lists_sessions(client, forum, secretariat):
    services.convene_session(
        actor=secretariat,
        forum=forum,
        date=datetime.date(2026, 12, 3),
        start_time=datetime.time(9, 30),
        place="Sala",
        agenda=services.parse_agenda("Punto"),
        send=False,
    )
    response = client.get("/mesa/sesiones.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 1 and "Mesa de prueba" in body


def test_attendance_is_recorded_per_seat_and_the_quorum_shown(secretariat_client, forum, secretariat):
    session = services.convene_session(
        actor=secretariat, forum=forum, date=datetime.date(2026, 12, 3), place="Sala", agenda=[], send=False
    )
    services.advance_session(actor=secretariat, session=session)
    seats = {s.name: s.pk for s in forum.seats.all()}
    data = {
        "accion": "asistencia",
        f"estado_{seats['Voto 1']}": "in_person",
        f"asistio_{seats['Voto 1']}": "alternate",
        f"estado_{seats['Voto 2']}": "online",
        f"asistio_{seats['Voto 2']}": "holder",
        f"estado_{seats['Voto 3']}": "excused",
    }
    response = secretariat_client.post(f"/mesa/sesiones/{session.pk}/gestion/", data)
    assert response.status_code == 302
    rows = {a.seat.name: (a.status, a.attended_by) for a in Attendance.objects.filter(session=session)}
    assert rows == {"Voto 1": ("in_person", "alternate"), "Voto 2": ("online", "holder"), "Voto 3": ("excused", "")}
    html = secretariat_client.get(f"/mesa/sesiones/{session.pk}/").content.decode()
    assert "Sin quórum" in html and "2 de 4 asientos con voto presentes; se requieren 3." in html

    data[f"estado_{seats['Voto 3']}"] = "in_person"
    secretariat_client.post(f"/mesa/sesiones/{session.pk}/gestion/", data)
    html = secretariat_client.get(f"/mesa/sesiones/{session.pk}/gestion/").content.decode()
    assert "Hay quórum" in html


def test_saying_who_attended_for_an_absent_seat_is_refused(secretariat_client, forum, secretariat):
    session = services.convene_session(
        actor=secretariat, forum=forum, date=datetime.date(2026, 12, 3), place="Sala", agenda=[], send=False
    )
    pk = seat(forum, "Voto 1").pk
    response = secretariat_client.post(
        f"/mesa/sesiones/{session.pk}/gestion/",
        {"accion": "asistencia", f"estado_{pk}": "absent", f"asistio_{pk}": "holder"},
    )
    assert response.status_code == 400
    assert "Indique quién asistió solo si el asiento está presente." in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_document_is_attached_to_an_agenda_item_by_link(secretariat_client, forum, secretariat):
    session = services.convene_session(
        actor=secretariat,
        forum=forum,
        date=datetime.date(2026, 12, 3),
        place="Sala",
        agenda=services.parse_agenda("Cronograma"),
        send=False,
    )
    item = AgendaItem.objects.get(session=session)
    response = secretariat_client.post(
        f"/mesa/sesiones/{session.pk}/gestion/",
        {
            "accion": "documento",
            "doc-item": item.pk,
            "doc-title": "Borrador de cronograma",
            "doc-url": "https://example.org/c.pdf",
        },
    )
    assert response.status_code == 302
    html = secretariat_client.get(f"/mesa/sesiones/{session.pk}/").content.decode()
    assert 'href="https://example.org/c.pdf"' in html and "Borrador de cronograma" in html


def test_a_document_can_be_a_file(secretariat_client, forum, secretariat, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    session = services.convene_session(
        actor=secretariat,
        forum=forum,
        date=datetime.date(2026, 12, 3),
        place="Sala",
        agenda=services.parse_agenda("Cronograma"),
        send=False,
    )
    item = AgendaItem.objects.get(session=session)
    upload = SimpleUploadedFile("cronograma.pdf", b"%PDF-1.4 cronograma", content_type="application/pdf")
    response = secretariat_client.post(
        f"/mesa/sesiones/{session.pk}/gestion/",
        {"accion": "documento", "doc-item": item.pk, "doc-title": "Cronograma", "doc-file": upload},
    )
    assert response.status_code == 302
    document = item.documents.get()
    assert document.file.name.endswith(".pdf") and document.url == ""


def test_a_document_without_link_or_file_is_refused(secretariat_client, forum, secretariat):
    session = services.convene_session(
        actor=secretariat,
        forum=forum,
        date=datetime.date(2026, 12, 3),
        place="Sala",
        agenda=services.parse_agenda("Cronograma"),
        send=False,
    )
    item = AgendaItem.objects.get(session=session)
    response = secretariat_client.post(
        f"/mesa/sesiones/{session.pk}/gestion/", {"accion": "documento", "doc-item": item.pk, "doc-title": "Nada"}
    )
    assert response.status_code == 400
    assert "Un documento necesita un enlace o un archivo." in response.content.decode()
    assert not item.documents.exists()
