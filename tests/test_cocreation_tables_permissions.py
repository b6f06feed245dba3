"""Who may record, publish and read co-creation tables and workshops: truth tables over every persona,
for the permission and for the pages behind it."""

import datetime

import pytest
import rules
import time_machine
from django.core.cache import cache

from abierto.cocreation.models import Workshop
from abierto.cocreation.testing import make_process, make_table

START = datetime.date(2026, 3, 1)
TODAY = datetime.datetime(2026, 4, 2, 12, 0, tzinfo=datetime.UTC)  # stage 4: publication of the tables

SECRETARIAT_ONLY = {
    "anonymous": False,
    "participant": False,
    "implementer": False,
    "other_implementer": False,
    "secretariat": True,
    "forum_member": False,
    "evaluator": False,
}
EVERYONE = dict.fromkeys(SECRETARIAT_ONLY, True)


@pytest.fixture(autouse=True)
def _frozen():
    cache.clear()
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def process(make_plan):
    return make_process(make_plan(number=5, start=2020, end=2022), template="fifth", start=START, days=10)


def _client_for(client, person):
    client.logout()
    if getattr(person, "is_authenticated", False):
        client.force_login(person)
    return client


@pytest.mark.parametrize("perm", ["cocreation.manage_tables", "cocreation.manage_workshops"])
def test_only_the_secretariat_records_tables_and_workshops(process, personas, perm):
    for name, person in personas.items():
        assert rules.has_perm(perm, person, process) is SECRETARIAT_ONLY[name], name


@pytest.mark.parametrize(("published", "table"), [(True, EVERYONE), (False, SECRETARIAT_ONLY)])
def test_a_published_table_is_public_and_a_draft_is_for_the_secretariat(process, personas, published, table):
    mesa = make_table(process, published=published)
    for name, person in personas.items():
        assert rules.has_perm("cocreation.view_table", person, mesa) is table[name], name


def test_the_pages_answer_each_persona_as_the_rules_say(client, process, personas):
    draft = make_table(process, title="Mesa en preparación", published=False)
    public = make_table(process, title="Mesa de género")
    workshop = Workshop.objects.create(process=process, title="Taller en Rancagua", region="VI")
    for name, person in personas.items():
        c = _client_for(client, person)
        allowed = SECRETARIAT_ONLY[name]
        assert c.get("/cocreacion/5/mesas/").status_code == 200, name
        assert c.get(f"/cocreacion/5/mesas/{public.pk}/").status_code == 200, name
        assert c.get(f"/cocreacion/5/mesas/{draft.pk}/").status_code == (200 if allowed else 404), name
        assert c.get("/cocreacion/5/talleres/").status_code == 200, name
        listing = c.get("/cocreacion/5/mesas/").content.decode()
        assert ("Mesa en preparación" in listing) is allowed, name
        for url in (
            "/cocreacion/5/mesas/nueva/",
            f"/cocreacion/5/mesas/{public.pk}/editar/",
            "/cocreacion/5/talleres/nuevo/",
            f"/cocreacion/5/talleres/{workshop.pk}/editar/",
        ):
            response = c.get(url)
            if name == "anonymous":
                assert response.status_code == 302 and response["Location"].startswith("/cuentas/"), url
            else:
                assert response.status_code == (200 if allowed else 403), (name, url)
    # Publishing: refused to everyone but the secretariat (who goes last).
    for name in sorted(personas, key=lambda n: n == "secretariat"):
        response = _client_for(client, personas[name]).post(f"/cocreacion/5/mesas/{draft.pk}/publicar/")
        draft.refresh_from_db()
        if name == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith("/cuentas/")
        elif not SECRETARIAT_ONLY[name]:
            assert response.status_code == 403, name
        assert draft.is_published is SECRETARIAT_ONLY[name], name


def test_the_secretariat_sees_the_buttons_and_others_do_not(client, process, participant, secretariat):
    public = make_table(process)
    Workshop.objects.create(process=process, title="Taller en Rancagua", region="VI")
    client.force_login(participant)
    assert "Registrar una mesa" not in client.get("/cocreacion/5/mesas/").content.decode()
    assert "/editar/" not in client.get(f"/cocreacion/5/mesas/{public.pk}/").content.decode()
    assert "Registrar un taller" not in client.get("/cocreacion/5/talleres/").content.decode()
    client.force_login(secretariat)
    assert "Registrar una mesa" in client.get("/cocreacion/5/mesas/").content.decode()
    assert "/editar/" in client.get(f"/cocreacion/5/mesas/{public.pk}/").content.decode()
    assert "Registrar un taller" in client.get("/cocreacion/5/talleres/").content.decode()
