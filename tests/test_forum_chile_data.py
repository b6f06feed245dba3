"""Chile's forum record (seeds 000, 001, 002): both Mesas with their seats, and the meeting of
28 March 2022 in full. Loading twice creates nothing the second time."""

import datetime

import pytest

from abierto.forum.chile import load_forum
from abierto.forum.models import Agreement, Attendance, Forum, Minutes, Right, Session


@pytest.fixture
def loaded(db):
    return load_forum()


def test_a_second_load_creates_and_changes_nothing(loaded):
    again = load_forum()
    assert sum(row["created"] for row in again.values()) == 0
    assert sum(row["updated"] for row in again.values()) == 0
    assert again["minutes_point"]["unchanged"] == 14


def test_the_2017_and_2023_mesas_with_their_legal_basis(loaded):
    old = Forum.objects.get(slug="mesa-de-gobierno-abierto-2017")
    new = Forum.objects.get(slug="mesa-nacional-de-estado-abierto")
    assert "N° 852" in old.legal_basis and old.established_on == datetime.date(2017, 7, 31)
    assert "N° 499" in new.legal_basis and new.established_on == datetime.date(2023, 5, 19)
    assert Forum.objects.current() == new
    # The sources do not give the protocol's text or its voting rules: left empty, not invented.
    assert new.protocol_text == "" and new.quorum_rule == "" and new.asap_horizon_days is None


def test_the_2023_seats_by_right(loaded):
    forum = Forum.objects.get(slug="mesa-nacional-de-estado-abierto")
    counts = {right: forum.seats.filter(right=right).count() for right in Right.values}
    assert counts == {"voice_vote": 8, "voice_only": 8, "observer": 2}
    assert forum.seats.filter(name="Corte Suprema", right="voice_vote", sector="judicial").exists()
    assert set(forum.seats.filter(right="observer").values_list("sector", flat=True)) == {"international"}


def test_the_2017_mesa_is_chaired_by_the_undersecretary_with_cepal_and_undp_observing(loaded):
    forum = Forum.objects.get(slug="mesa-de-gobierno-abierto-2017")
    assert forum.seats.get(is_chair=True).name == "Subsecretario General de la Presidencia"
    assert forum.seats.filter(right="observer").count() == 2
    assert forum.seats.count() == 5


def test_the_meeting_of_28_march_2022_in_full(loaded):
    session = Session.objects.get(date=datetime.date(2022, 3, 28))
    assert session.place == "Edificio Bicentenario. Teatinos 92, Santiago"
    assert (session.start_time, session.end_time) == (datetime.time(9, 30), datetime.time(11, 0))
    assert session.kind == ""  # the minutes do not say whether it was ordinary
    assert session.agenda.count() == 3
    members = session.attendance.filter(group=Attendance.Group.MEMBER)
    assert [a.name for a in members.order_by("order")] == [
        "Carolina Chávez",
        "Igor Morales",
        "Felipe Ajenjo",
        "Alejandra Naser",
        "Valeria Lübbert",
    ]
    assert session.attendance.filter(group=Attendance.Group.OTHER).count() == 5
    minutes = Minutes.objects.get(session=session)
    assert minutes.status == Minutes.Status.PUBLISHED
    points = list(minutes.points.values_list("number", "text"))
    assert len(points) == 14
    assert points[0][1].startswith("La reunión inicia con la ronda de presentaciones")
    assert points[13][1].endswith("ya sea con el Ministro o con la Subsecretaria.")
    assert minutes.next_meeting == "No se fija fecha de próxima reunión."
    agreements = list(Agreement.objects.filter(session=session).order_by("order"))
    assert len(agreements) == 4 and all(a.asap for a in agreements)
    assert agreements[3].responsible_label == "Representante de la Red de Sociedad Civil"
    assert agreements[3].responsible_seat.name == "Red de Organizaciones de la Sociedad Civil de Gobierno Abierto"
    # The protocol gives no horizon for "a la brevedad": never marked overdue.
    assert not any(a.is_overdue(datetime.date(2030, 1, 1)) for a in agreements)


def test_the_published_minutes_print_with_the_structure_of_the_original(loaded, client):
    session = Session.objects.get(date=datetime.date(2022, 3, 28))
    html = client.get(f"/mesa/sesiones/{session.pk}/acta/").content.decode()
    for heading in ("Antecedentes", "Asistentes", "Tabla", "Desarrollo", "Acuerdos y compromisos", "Próxima reunión"):
        assert heading in html
    assert "Valeria Lübbert" in html and "Daniel Oyarzún" in html and "A la brevedad" in html
    assert "forum/minutes-print.css" in html
