"""The secretariat's criteria editor: weights above zero, a scale whose minimum is below its maximum, a
reason once scores exist (recorded in the history), never a new scale for a scored criterion."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from abierto.audit.models import AuditEvent
from abierto.cocreation.testing import make_proposal
from abierto.evaluation import services
from abierto.evaluation.models import Criterion
from abierto.evaluation.testing import assign, give_scores, make_criteria, make_evaluation_process


@pytest.fixture
def process(make_plan):
    return make_evaluation_process(make_plan(number=5, start=2020, end=2022))


@pytest.fixture
def url(process):
    return f"/cocreacion/{process.slug}/evaluacion/criterios/"


FORM = {
    "name": "Factibilidad",
    "description": "Si puede implementarse en el plazo del plan.",
    "weight": "2",
    "scale_min": "1",
    "scale_max": "5",
    "min_label": "No es factible",
    "max_label": "Plenamente factible",
}


def test_the_secretariat_adds_a_criterion_and_it_is_recorded_in_the_plan_history(secretariat_client, process, url):
    response = secretariat_client.post(url, FORM)
    assert response.status_code == 302
    criterion = Criterion.objects.get()
    assert (criterion.name, criterion.weight, criterion.position) == ("Factibilidad", Decimal("2"), 1)
    event = AuditEvent.objects.get(object_type="criterion")
    assert event.action == "create" and event.plan_id == process.plan_id
    page = secretariat_client.get(url).content.decode()
    assert "Factibilidad" in page and "<caption>1 criterio de este proceso</caption>" in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"weight": "0"}, "weight", "La ponderación debe ser mayor que cero."),
        ({"scale_min": "5", "scale_max": "5"}, "scale_max", "El máximo de la escala debe ser mayor que el mínimo."),
        ({"name": ""}, "name", "Este campo es obligatorio."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_the_form_keeps_it(secretariat_client, url, change, field, message):
    response = secretariat_client.post(url, {**FORM, **change})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert f'id="id_{field}-error"' in body
    assert "Si puede implementarse en el plazo del plan." in body
    assert not Criterion.objects.exists()


def test_the_database_refuses_a_bad_scale_or_weight(process):
    for fields in ({"scale_min": 3, "scale_max": 3}, {"weight": Decimal("0")}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Criterion.objects.create(process=process, position=9, name="x", **fields)


def test_a_scored_criterion_changes_only_with_a_reason_and_never_its_scale(
    secretariat, process, participant, forum_member
):
    criterion, other = make_criteria(process)
    give_scores(assign(make_proposal(process, participant), forum_member), [criterion, other], [3, 3])
    with pytest.raises(ValidationError) as error:
        services.save_criterion(process=process, actor=secretariat, criterion=criterion, data={"weight": Decimal("3")})
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.save_criterion(
            process=process, actor=secretariat, criterion=criterion, data={"scale_max": 7}, reason="Más matices"
        )
    assert error.value.message_dict["scale_min"] == [
        "No se puede cambiar la escala de un criterio que ya tiene puntajes."
    ]
    services.save_criterion(
        process=process,
        actor=secretariat,
        criterion=criterion,
        data={"weight": Decimal("3")},
        reason="Acuerdo de la Mesa del 12 de abril",
    )
    criterion.refresh_from_db()
    assert criterion.weight == Decimal("3")
    event = AuditEvent.objects.filter(object_type="criterion", action="update").get()
    assert event.changes["weight"] == ["1", "3"]
    assert event.changes["motivo"] == [None, "Acuerdo de la Mesa del 12 de abril"]


def test_adding_a_criterion_after_scores_needs_a_reason(secretariat, process, participant, forum_member):
    criteria = make_criteria(process)
    give_scores(assign(make_proposal(process, participant), forum_member), criteria, [3, 3])
    with pytest.raises(ValidationError):
        services.save_criterion(process=process, actor=secretariat, data={"name": "Nuevo"})
    services.save_criterion(process=process, actor=secretariat, data={"name": "Nuevo"}, reason="Pedido por la Mesa")
    assert process.criteria.get(name="Nuevo").position == 3


def test_a_scored_criterion_cannot_be_deleted_an_unscored_one_can(
    secretariat_client, secretariat, process, participant, forum_member
):
    scored, free = make_criteria(process)
    give_scores(assign(make_proposal(process, participant), forum_member), [scored, free], [3, None])
    with pytest.raises(ValidationError):
        services.delete_criterion(criterion=scored, actor=secretariat)
    response = secretariat_client.post(
        f"/cocreacion/{process.slug}/evaluacion/criterios/{free.pk}/", {"accion": "eliminar"}
    )
    assert response.status_code == 302
    assert list(Criterion.objects.values_list("pk", flat=True)) == [scored.pk]


def test_nobody_but_the_secretariat_opens_the_editor(client, personas, url):
    for name, person in personas.items():
        if name in ("secretariat", "anonymous"):
            continue
        client.force_login(person)
        assert client.get(url).status_code == 403, name
        assert client.post(url, FORM).status_code == 403, name
    assert not Criterion.objects.exists()


def test_the_edit_page_asks_for_the_reason_and_keeps_what_was_typed(
    secretariat_client, process, participant, forum_member
):
    criterion, other = make_criteria(process)
    give_scores(assign(make_proposal(process, participant), forum_member), [criterion, other], [3, 3])
    url = f"/cocreacion/{process.slug}/evaluacion/criterios/{criterion.pk}/"
    page = secretariat_client.get(url).content.decode()
    assert "ya tiene puntajes" in page and "Eliminar este criterio" not in page
    refused = secretariat_client.post(url, {**FORM, "scale_min": "1", "scale_max": "5", "reason": ""})
    assert refused.status_code == 400
    body = refused.content.decode()
    assert 'id="id_reason-error"' in body and "explique el motivo del cambio" in body
    assert "Si puede implementarse en el plazo del plan." in body
    criterion.refresh_from_db()
    assert criterion.name == "Criterio 1"
    saved = secretariat_client.post(url, {**FORM, "scale_min": "1", "scale_max": "5", "reason": "Acuerdo de la Mesa"})
    assert saved.status_code == 302
    criterion.refresh_from_db()
    assert criterion.name == "Factibilidad"
    refused_delete = secretariat_client.post(url, {"accion": "eliminar"})
    assert refused_delete.status_code == 302
    assert Criterion.objects.filter(pk=criterion.pk).exists()
