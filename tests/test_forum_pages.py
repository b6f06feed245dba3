"""The public pages of the forum: what each shows, and in how many queries."""

import datetime

import pytest

from abierto.forum import services
from abierto.forum.chile import load_forum
from abierto.forum.models import Session
from abierto.forum.testing import give_seat, make_forum, seat


@pytest.fixture
def chile(db):
    load_forum()


def test_the_forum_page_shows_the_members_by_seat_and_right(chile, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get("/mesa/")
    html = response.content.decode()
    assert "<h1>Mesa Nacional de Estado Abierto</h1>" in html
    for label in ("Voz y voto", "Solo voz", "Observador", "Corte Suprema", "Laboratorio de Gobierno"):
        assert label in html
    assert html.count("<h1") == 1


def test_the_old_forum_and_its_session_and_agreements(chile, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        html = client.get("/mesa/?mesa=mesa-de-gobierno-abierto-2017").content.decode()
    assert "Resolución Exenta N° 852" in html and "Igor Morales" in html
    assert "Propuesta de presupuesto para la cocreación del 6° Plan de Acción" in html
    assert "Vencido" not in html


def test_the_protocol_page_shows_the_rules_as_data(db, client, django_assert_max_num_queries):
    make_forum(quorum_rule="two_thirds", majority="absolute", base="all")
    with django_assert_max_num_queries(5):
        html = client.get("/mesa/protocolo/").content.decode()
    assert "Dos tercios de los asientos con voto" in html
    assert "Mayoría absoluta (más de la mitad de la base)" in html
    assert "Todos los asientos con voto" in html
    assert "Funciones, deberes y votaciones" in html


def test_the_protocol_page_says_when_the_rules_are_not_recorded(chile, client):
    html = client.get("/mesa/protocolo/").content.decode()
    assert "La plataforma aún no tiene el texto del protocolo." in html and "No registrado" in html


def test_the_seat_history(chile, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        html = client.get("/mesa/integrantes/historial/").content.decode()
    assert "Carolina Chávez" in html and "Mesa de Gobierno Abierto" in html and "Sin titular registrado" in html


def test_the_seat_history_shows_successive_holders(db, client):
    forum = make_forum()
    give_seat(
        seat(forum, "Voto 1"), name="Primera titular", start=datetime.date(2023, 5, 19), end=datetime.date(2024, 12, 31)
    )
    give_seat(seat(forum, "Voto 1"), name="Segundo titular", start=datetime.date(2025, 1, 1))
    html = client.get("/mesa/integrantes/historial/").content.decode()
    assert html.index("Primera titular") < html.index("Segundo titular")
    home = client.get("/mesa/").content.decode()
    assert "Segundo titular" in home and "Primera titular" not in home


def test_the_session_page(chile, client, django_assert_max_num_queries):
    session = Session.objects.get(date=datetime.date(2022, 3, 28))
    with django_assert_max_num_queries(14):
        response = client.get(f"/mesa/sesiones/{session.pk}/")
    html = response.content.decode()
    assert "Edificio Bicentenario" in html and "09:30" in html
    assert "Implementación de la Hoja de Ruta" in html
    assert "Valeria Lübbert" in html and "Cristina Vio" in html
    assert f'href="/mesa/sesiones/{session.pk}/acta/"' in html


def test_the_printable_minutes_in_few_queries(chile, client, django_assert_max_num_queries):
    session = Session.objects.get(date=datetime.date(2022, 3, 28))
    with django_assert_max_num_queries(6):
        html = client.get(f"/mesa/sesiones/{session.pk}/acta/").content.decode()
    assert html.count("<li value=") >= 14


def test_a_closed_vote_is_public_with_named_votes(db, client, secretariat, forum_member):
    forum = make_forum(voting=3)
    give_seat(seat(forum, "Voto 2"), forum_member)
    session = services.convene_session(
        actor=secretariat, forum=forum, date=datetime.date(2026, 11, 2), place="Sala", agenda=[], send=False
    )
    services.advance_session(actor=secretariat, session=session)
    for name in ("Voto 1", "Voto 2"):
        services.record_attendance(
            actor=secretariat, session=session, seat=seat(forum, name), status="online", attended_by="holder"
        )
    motion = services.open_motion(actor=secretariat, session=session, title="Aprobar la tabla")
    services.cast_vote(actor=forum_member, motion=motion, seat=seat(forum, "Voto 2"), choice="no")
    # While open, the motion is listed but its votes are not public.
    assert "Votos nominales" not in client.get(f"/mesa/sesiones/{session.pk}/").content.decode()
    services.cast_vote(actor=secretariat, motion=motion, seat=seat(forum, "Voto 1"), choice="yes")
    services.close_motion(actor=secretariat, motion=motion)
    html = client.get(f"/mesa/sesiones/{session.pk}/").content.decode()
    assert "Aprobar la tabla" in html and "En contra" in html and "registrado por la secretaría" in html
    assert "Rechazada" in html  # a tie under a simple majority


def test_the_forum_page_before_any_forum_is_registered(db, client):
    response = client.get("/mesa/")
    assert response.status_code == 200
    assert "Aún no hay una Mesa registrada" in response.content.decode()


def test_members_find_the_minutes_under_review_from_the_session_page(db, client, secretariat, forum_member):
    forum = make_forum()
    session = services.convene_session(
        actor=secretariat, forum=forum, date=datetime.date(2026, 11, 2), place="Sala", agenda=[], send=False
    )
    minutes = services.draft_minutes(actor=secretariat, session=session)
    services.circulate_minutes(actor=secretariat, minutes=minutes)
    assert f"/mesa/actas/{minutes.pk}/" not in client.get(f"/mesa/sesiones/{session.pk}/").content.decode()
    client.force_login(forum_member)
    assert f"/mesa/actas/{minutes.pk}/" in client.get(f"/mesa/sesiones/{session.pk}/").content.decode()
