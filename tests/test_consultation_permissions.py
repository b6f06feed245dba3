"""Who may do what in the consultation on the draft, as truth tables over every persona, before, during and
after the consultation stage; and what each persona gets from each page."""

import pytest
import rules
import time_machine
from django.core.cache import cache

from abierto.consultation.testing import (
    AFTER,
    BEFORE,
    DURING,
    make_comment,
    make_consultation,
    make_draft_commitment,
)

EVERYONE = {
    "anonymous": True,
    "participant": True,
    "implementer": True,
    "other_implementer": True,
    "secretariat": True,
    "forum_member": True,
    "evaluator": True,
}
SIGNED_IN = EVERYONE | {"anonymous": False}
NOBODY = dict.fromkeys(EVERYONE, False)
SECRETARIAT = {name: name == "secretariat" for name in EVERYONE}


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def process(make_plan):
    return make_consultation(make_plan(number=5, start=2020, end=2022))


@pytest.mark.parametrize(("moment", "table"), [(BEFORE, NOBODY), (DURING, SIGNED_IN), (AFTER, NOBODY)])
def test_commenting_is_for_anyone_signed_in_while_the_stage_is_open(process, personas, moment, table):
    with time_machine.travel(moment, tick=False):
        for name, person in personas.items():
            assert rules.has_perm("consultation.comment", person, process) is table[name], name


@pytest.mark.parametrize("moment", [BEFORE, DURING, AFTER])
@pytest.mark.parametrize(
    ("perm", "table"),
    [("consultation.view", EVERYONE), ("consultation.answer", SECRETARIAT), ("consultation.moderate", SECRETARIAT)],
)
def test_reading_answering_and_moderating_do_not_depend_on_the_stage(process, personas, moment, perm, table):
    with time_machine.travel(moment, tick=False):
        for name, person in personas.items():
            assert rules.has_perm(perm, person, process) is table[name], (name, perm)


@pytest.mark.parametrize(
    ("url", "table"),
    [
        ("/cocreacion/5/consulta/", {name: 200 for name in EVERYONE}),
        ("/cocreacion/5/consulta/compromisos/BOR01/", {name: 200 for name in EVERYONE}),
        ("/cocreacion/5/consulta/informe/", {name: 200 for name in EVERYONE}),
        ("/cocreacion/5/consulta/informe.csv", {name: 200 for name in EVERYONE}),
        ("/cocreacion/5/consulta/informe.xlsx", {name: 200 for name in EVERYONE}),
        ("/cocreacion/5/consulta/secretaria/", {**{n: 403 for n in EVERYONE}, "anonymous": 302, "secretariat": 200}),
        (
            "/cocreacion/5/consulta/comentarios/{pk}/responder/",
            {**{n: 403 for n in EVERYONE}, "anonymous": 302, "secretariat": 200},
        ),
        (
            "/cocreacion/5/consulta/comentarios/{pk}/moderar/",
            {**{n: 403 for n in EVERYONE}, "anonymous": 302, "secretariat": 200},
        ),
    ],
)
def test_pages_by_persona(client, process, personas, participant, url, table):
    commitment = make_draft_commitment(process.plan)
    comment = make_comment(process, commitment, participant)
    with time_machine.travel(DURING, tick=False):
        for name, person in personas.items():
            client.logout()
            if name != "anonymous":
                client.force_login(person)
            response = client.get(url.format(pk=comment.pk))
            assert response.status_code == table[name], (name, url)
            if response.status_code == 302:
                assert response.url.startswith("/cuentas/")


def test_only_the_secretariat_sees_the_answer_and_moderate_links(client, process, participant, secretariat):
    commitment = make_draft_commitment(process.plan)
    comment = make_comment(process, commitment, participant)
    links = (f"/comentarios/{comment.pk}/responder/", f"/comentarios/{comment.pk}/moderar/")
    page = client.get("/cocreacion/5/consulta/compromisos/BOR01/").content.decode()
    assert not any(link in page for link in links)
    client.force_login(participant)
    page = client.get("/cocreacion/5/consulta/compromisos/BOR01/").content.decode()
    assert not any(link in page for link in links)
    client.force_login(secretariat)
    page = client.get("/cocreacion/5/consulta/compromisos/BOR01/").content.decode()
    assert all(link in page for link in links)


def test_an_anonymous_post_is_sent_to_sign_in_and_saves_nothing(client, process):
    make_draft_commitment(process.plan)
    with time_machine.travel(DURING, tick=False):
        response = client.post(
            "/cocreacion/5/consulta/compromisos/BOR01/comentar/", {"section": "problema", "body": "Hola"}
        )
    assert response.status_code == 302 and response.url.startswith("/cuentas/")
    from abierto.consultation.models import ConsultationComment

    assert not ConsultationComment.objects.exists()


def test_a_commitment_of_another_plan_is_not_in_this_consultation(client, process, make_plan):
    make_draft_commitment(make_plan(number=4, start=2018, end=2020), code="OTRO1")
    assert client.get("/cocreacion/5/consulta/compromisos/OTRO1/").status_code == 404
