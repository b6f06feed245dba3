"""The scoring form: one field per criterion on its scale, with a comment; a value outside the scale is
refused with a Spanish message, nothing is saved and the form keeps what was typed; every change of a
score is an audit event without a plan (scores are private)."""

import re

import pytest
import time_machine
from django.core.exceptions import ValidationError

from abierto.audit.models import AuditEvent
from abierto.cocreation.testing import make_proposal
from abierto.evaluation import services
from abierto.evaluation.models import Score
from abierto.evaluation.testing import DURING, assign, make_criteria, make_evaluation_process


@pytest.fixture(autouse=True)
def _during():
    with time_machine.travel(DURING, tick=False):
        yield


@pytest.fixture
def process(make_plan):
    return make_evaluation_process(make_plan(number=5, start=2020, end=2022))


@pytest.fixture
def criteria(process):
    first, second = make_criteria(process, specs=((1, 1, 5), (2, 0, 3)))
    first.min_label, first.max_label = "Nada", "Totalmente"
    first.save()
    return [first, second]


@pytest.fixture
def assignment(process, participant, forum_member, criteria):
    return assign(make_proposal(process, participant), forum_member)


@pytest.fixture
def member(client, forum_member):
    client.force_login(forum_member)
    return client


def _url(process, assignment):
    return f"/cocreacion/{process.slug}/evaluacion/asignaciones/{assignment.pk}/"


def test_the_form_shows_each_criterion_as_radio_buttons_over_its_scale(member, process, assignment, criteria):
    body = member.get(_url(process, assignment)).content.decode()
    first, second = criteria
    for value in range(1, 6):
        assert f'name="criterio_{first.pk}" value="{value}"' in body
    assert f'name="criterio_{second.pk}" value="0"' in body
    assert f'name="criterio_{second.pk}" value="4"' not in body
    assert "1 · Nada" in body and "5 · Totalmente" in body
    assert "Escala de 1 a 5." in body
    assert f"<legend>{first.name}</legend>" in body
    assert f'<label for="id_criterio_{first.pk}_comentario">' in body


def test_scores_are_saved_with_their_comments_and_recorded(member, process, assignment, criteria):
    first, second = criteria
    response = member.post(
        _url(process, assignment),
        {
            f"criterio_{first.pk}": "4",
            f"criterio_{first.pk}_comentario": "Bien planteada",
            f"criterio_{second.pk}": "2",
        },
    )
    assert response.status_code == 302
    assert dict(Score.objects.values_list("criterion_id", "value")) == {first.pk: 4, second.pk: 2}
    assert Score.objects.get(criterion=first).comment == "Bien planteada"
    events = AuditEvent.objects.filter(object_type="score")
    assert events.count() == 2
    assert all(event.plan_id is None for event in events)  # never in the plan's public history
    assert events.filter(changes__value=[None, 4]).exists()


def test_a_change_of_score_keeps_its_history(process, assignment, criteria, forum_member):
    first, second = criteria
    services.save_scores(assignment=assignment, actor=forum_member, values={first.pk: (2, ""), second.pk: (1, "")})
    services.save_scores(assignment=assignment, actor=forum_member, values={first.pk: (5, "Mejor"), second.pk: (1, "")})
    change = AuditEvent.objects.filter(object_type="score", action="update").get()
    assert change.changes["value"] == [2, 5]
    assert change.changes["comment"] == ["", "Mejor"]
    assert change.actor == forum_member


def test_an_out_of_scale_value_is_refused_nothing_is_saved_and_the_form_keeps_the_input(
    member, process, assignment, criteria
):
    first, second = criteria
    response = member.post(
        _url(process, assignment),
        {
            f"criterio_{first.pk}": "4",
            f"criterio_{first.pk}_comentario": "Mi comentario escrito",
            f"criterio_{second.pk}": "9",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert f"El puntaje de «{second.name}» debe ser un número entero entre 0 y 3." in body
    assert f'id="id_criterio_{second.pk}-error"' in body
    assert "Mi comentario escrito" in body
    checked = re.findall(r'<input type="radio" name="criterio_(\d+)" value="(\d*)"[^>]*checked', body)
    assert checked == [(str(first.pk), "4")]
    assert not Score.objects.exists()


def test_the_service_refuses_an_out_of_scale_value_too(assignment, criteria, forum_member):
    first, second = criteria
    with pytest.raises(ValidationError) as error:
        services.save_scores(assignment=assignment, actor=forum_member, values={first.pk: (0, ""), second.pk: (1, "")})
    assert error.value.message_dict[f"criterio_{first.pk}"] == [
        f"El puntaje de «{first.name}» debe ser un número entero entre 1 y 5."
    ]
    assert not Score.objects.exists()


def test_clearing_a_value_removes_the_score_and_records_it(assignment, criteria, forum_member):
    first, second = criteria
    services.save_scores(assignment=assignment, actor=forum_member, values={first.pk: (3, ""), second.pk: (1, "")})
    services.save_scores(assignment=assignment, actor=forum_member, values={first.pk: (3, ""), second.pk: (None, "")})
    assert list(Score.objects.values_list("criterion_id", flat=True)) == [first.pk]
    assert AuditEvent.objects.filter(object_type="score", action="delete").exists()


def test_nobody_else_opens_an_evaluators_form(client, process, assignment, personas):
    for name, person in personas.items():
        if name in ("forum_member", "anonymous"):
            continue
        client.force_login(person)
        assert client.get(_url(process, assignment)).status_code == 404, name
    client.logout()
    assert client.get(_url(process, assignment)).status_code == 302  # to the login page


def test_my_assignments_shows_progress_n_of_m(member, process, assignment, criteria, forum_member, participant):
    other = assign(make_proposal(process, participant, title="Presupuestos abiertos"), forum_member)
    first, second = criteria
    services.save_scores(assignment=assignment, actor=forum_member, values={first.pk: (3, ""), second.pk: (2, "")})
    services.save_scores(assignment=other, actor=forum_member, values={first.pk: (3, "")})
    body = member.get(f"/cocreacion/{process.slug}/evaluacion/mis-asignaciones/").content.decode()
    assert "Lleva 1 de 2 propuestas terminadas." in body
    assert "2 de 2" in body and "1 de 2" in body
    assert "completa" in body and "en curso" in body
