"""The secretariat adds and edits workshops through a form, with the materials link; every save leaves an
audit event with its author. Empty attendance stays unknown (not zero); bad input saves nothing and the form
keeps what was typed."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from abierto.audit.models import AuditEvent
from abierto.cocreation import services
from abierto.cocreation.models import Workshop
from abierto.cocreation.testing import make_process

START = datetime.date(2026, 3, 1)
TODAY = datetime.datetime(2026, 4, 2, 12, 0, tzinfo=datetime.UTC)
FORM = "/cocreacion/5/talleres/nuevo/"


@pytest.fixture(autouse=True)
def _frozen():
    cache.clear()
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def process(make_plan):
    return make_process(make_plan(number=5, start=2020, end=2022), template="fifth", start=START, days=10)


def _data(**extra):
    data = {
        "title": "Taller de Estado Abierto en Valdivia",
        "held_on": "2026-05-22",
        "place": "Municipalidad de Valdivia",
        "region": "",
        "commune": "Valdivia",
        "target_group": "Juventudes",
        "organiser": "Comisión para la Integridad Pública y Transparencia",
        "attendance": "",
        "materials_url": "https://example.org/presentacion.pdf",
    }
    data.update(extra)
    return data


def test_the_secretariat_adds_a_workshop_and_edits_it(client, secretariat, process):
    client.force_login(secretariat)
    response = client.post(FORM, _data())
    assert response.status_code == 302 and response["Location"] == "/cocreacion/5/talleres/"
    workshop = Workshop.objects.get()
    assert workshop.region == "XIV"  # given by the commune
    assert workshop.attendance is None  # unknown, not zero
    assert workshop.materials_url == "https://example.org/presentacion.pdf" and workshop.position == 1
    created = AuditEvent.objects.get(object_type="workshop", action="create")
    assert created.actor == secretariat and created.plan_id == process.plan_id

    form = client.get(f"/cocreacion/5/talleres/{workshop.pk}/editar/").content.decode()
    assert 'value="Taller de Estado Abierto en Valdivia"' in form
    client.post(f"/cocreacion/5/talleres/{workshop.pk}/editar/", _data(attendance="0", region="XIV"))
    workshop.refresh_from_db()
    assert workshop.attendance == 0  # a real zero, typed on purpose
    updated = AuditEvent.objects.get(object_type="workshop", action="update")
    assert updated.actor == secretariat and updated.changes == {"attendance": [None, 0]}


def test_the_next_workshop_goes_after_the_last(secretariat, process):
    Workshop.objects.create(process=process, title="Primero", position=4)
    second = services.save_workshop(process=process, actor=secretariat, data={"title": "Segundo"})
    assert second.position == 5


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"region": "RM"}, "commune", "Valdivia no está en la región Metropolitana de Santiago."),
        ({"attendance": "-3"}, "attendance", "mayor o igual a 0"),
        ({"attendance": "muchos"}, "attendance", "número entero"),
        ({"materials_url": "no es un enlace"}, "materials_url", "URL válida"),
        ({"title": ""}, "title", "obligatorio"),
    ],
)
def test_bad_input_saves_nothing_and_keeps_what_was_typed(client, secretariat, process, change, field, message):
    client.force_login(secretariat)
    response = client.post(FORM, _data(**change))
    assert response.status_code == 200
    assert not Workshop.objects.exists() and not AuditEvent.objects.filter(object_type="workshop").exists()
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}-error"' in html and 'aria-invalid="true"' in html
    assert "Comisión para la Integridad Pública y Transparencia" in html


def test_the_service_refuses_people_who_are_not_the_secretariat(personas, process):
    for name, person in personas.items():
        if name == "secretariat":
            continue
        with pytest.raises(PermissionDenied):
            services.save_workshop(process=process, actor=person, data={"title": "Taller"})
    assert not Workshop.objects.exists()


def test_a_workshop_of_another_process_is_not_editable_here(client, secretariat, process, make_plan):
    other = make_process(make_plan(number=6, start=2023, end=2027), template="sixth", start=START, slug="sexto")
    foreign = Workshop.objects.create(process=other, title="Ajeno")
    client.force_login(secretariat)
    assert client.get(f"/cocreacion/5/talleres/{foreign.pk}/editar/").status_code == 404
