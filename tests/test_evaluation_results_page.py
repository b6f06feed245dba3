"""The public results page exists only after the secretariat published the ranking, which it can do only
after the evaluation stage closed; it shows aggregated figures, never an evaluator's scores or name. The
selector the proposal's public trace uses answers None until then."""

from decimal import Decimal

import pytest
import time_machine
from django.core.cache import cache

from abierto.audit.models import AuditEvent
from abierto.cocreation.testing import make_proposal
from abierto.evaluation.selectors import public_result_for
from abierto.evaluation.testing import AFTER, DURING, assign, give_scores, make_criteria, make_evaluation_process


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def process(make_plan):
    return make_evaluation_process(make_plan(number=5, start=2020, end=2022))


@pytest.fixture
def proposals(process, participant, forum_member, evaluator):
    criteria = make_criteria(process)
    air = make_proposal(process, participant, title="Calidad del aire")
    lobby = make_proposal(process, participant, title="Lobby abierto")
    for person, values in ((forum_member, [5, 5]), (evaluator, [3, 3])):
        give_scores(assign(air, person), criteria, values)
    give_scores(assign(lobby, forum_member), criteria, [2, 1])
    return air, lobby


def test_before_publication_the_page_is_not_public(client, secretariat_client, process, proposals):
    url = f"/cocreacion/{process.slug}/evaluacion/resultados/"
    assert client.get(url).status_code == 404
    assert secretariat_client.get(url).status_code == 404
    assert public_result_for(proposals[0]) is None


def test_publication_during_the_stage_is_refused(secretariat_client, process, proposals):
    with time_machine.travel(DURING, tick=False):
        response = secretariat_client.post(f"/cocreacion/{process.slug}/evaluacion/publicar/")
    assert response.status_code == 302
    assert public_result_for(proposals[0]) is None


def test_after_the_stage_the_secretariat_publishes_and_everyone_sees_aggregates(
    client, secretariat_client, process, proposals, forum_member, evaluator
):
    air, lobby = proposals
    with time_machine.travel(AFTER, tick=False):
        ranking = secretariat_client.get(f"/cocreacion/{process.slug}/evaluacion/ranking/").content.decode()
        assert "Publicar los resultados" in ranking
        response = secretariat_client.post(
            f"/cocreacion/{process.slug}/evaluacion/publicar/", {"note": "La Mesa seleccionó las tres primeras."}
        )
        assert response.status_code == 302
        page = client.get(f"/cocreacion/{process.slug}/evaluacion/resultados/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Calidad del aire" in body and "Lobby abierto" in body
    assert "75,00" in body  # mean of 100 and 50
    assert "La Mesa seleccionó las tres primeras." in body
    assert forum_member.username not in body and evaluator.username not in body
    score, rank, evaluations, published_at = public_result_for(air)
    assert (score, rank, evaluations) == (Decimal("75.00"), 1, 2)
    assert published_at is not None
    assert public_result_for(lobby)[:3] == (Decimal("12.50"), 2, 1)
    event = AuditEvent.objects.get(object_type="publication")
    assert event.plan_id == process.plan_id


def test_the_published_figures_are_a_snapshot(secretariat_client, client, process, proposals, forum_member):
    air, _lobby = proposals
    with time_machine.travel(AFTER, tick=False):
        secretariat_client.post(f"/cocreacion/{process.slug}/evaluacion/publicar/")
    air.evaluation_assignments.get(evaluator=forum_member).scores.update(value=1)
    assert public_result_for(air)[0] == Decimal("75.00")


def test_a_proposal_hidden_after_publication_loses_its_title_on_the_page(
    client, secretariat_client, process, proposals
):
    air, _lobby = proposals
    with time_machine.travel(AFTER, tick=False):
        secretariat_client.post(f"/cocreacion/{process.slug}/evaluacion/publicar/")
    type(air).objects.filter(pk=air.pk).update(hidden_at=air.submitted_at, hidden_reason="Datos personales")
    cache.clear()
    body = client.get(f"/cocreacion/{process.slug}/evaluacion/resultados/").content.decode()
    assert "Calidad del aire" not in body
    assert "Propuesta ocultada por moderación" in body
