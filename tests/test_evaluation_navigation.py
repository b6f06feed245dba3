"""The way in: /cocreacion/<slug>/evaluacion/ sends each persona to their page, and the include the process
page uses shows each persona only the links they can follow."""

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import RequestFactory

from abierto.evaluation import services
from abierto.evaluation.testing import AFTER, make_criteria, make_evaluation_process


@pytest.fixture
def process(make_plan):
    return make_evaluation_process(make_plan(number=5, start=2020, end=2022))


EXPECTED = {
    "participant": (200, None),
    "implementer": (200, None),
    "other_implementer": (200, None),
    "secretariat": (302, "/evaluacion/ranking/"),
    "forum_member": (302, "/evaluacion/mis-asignaciones/"),
    "evaluator": (302, "/evaluacion/mis-asignaciones/"),
}


def test_the_entry_sends_each_persona_to_their_page(client, personas, process):
    url = f"/cocreacion/{process.slug}/evaluacion/"
    anonymous = client.get(url)
    assert anonymous.status_code == 200
    assert "Los resultados aún no se publican." in anonymous.content.decode()
    for name, (status, target) in EXPECTED.items():
        client.force_login(personas[name])
        response = client.get(url)
        assert response.status_code == status, name
        if target:
            assert response["Location"].endswith(target), name


def _links(process, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string("evaluation/_process_links.html", {"process": process}, request=request)


def test_the_process_links_show_what_each_persona_can_follow(personas, process, secretariat):
    assert _links(process, personas["anonymous"]).strip() == ""
    assert _links(process, personas["participant"]).strip() == ""
    assert "/evaluacion/mis-asignaciones/" in _links(process, personas["forum_member"])
    staff = _links(process, personas["secretariat"])
    assert "/evaluacion/ranking/" in staff and "/evaluacion/criterios/" in staff
    make_criteria(process)
    with time_machine.travel(AFTER, tick=False):
        services.publish_results(process=process, actor=secretariat)
    process.refresh_from_db()
    public = _links(process, personas["anonymous"])
    assert f"/cocreacion/{process.slug}/evaluacion/resultados/" in public
    assert "/evaluacion/ranking/" not in public


def test_once_published_anyone_is_sent_to_the_results(client, personas, process, secretariat):
    make_criteria(process)
    with time_machine.travel(AFTER, tick=False):
        services.publish_results(process=process, actor=secretariat)
    for name in ("anonymous", "participant", "implementer"):
        client.logout()
        if name != "anonymous":
            client.force_login(personas[name])
        response = client.get(f"/cocreacion/{process.slug}/evaluacion/")
        assert response.status_code == 302, name
        assert response["Location"].endswith("/evaluacion/resultados/"), name
