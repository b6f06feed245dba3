"""A proposal's public trace shows the forum's evaluation only once the results are published: its score out
of 100, its place and how many evaluations it had, linked to the results page."""

import pytest
import time_machine

from abierto.cocreation.testing import make_proposal
from abierto.evaluation import services
from abierto.evaluation.testing import AFTER, assign, give_scores, make_criteria, make_evaluation_process


@pytest.fixture
def scored(make_plan, participant, forum_member):
    process = make_evaluation_process(make_plan(number=5, start=2020, end=2022))
    proposal = make_proposal(process, participant, title="Datos abiertos de calidad del aire")
    criteria = make_criteria(process)
    give_scores(assign(proposal, forum_member), criteria, [5, 4])
    return process, proposal


def _step(client, process, proposal):
    page = client.get(f"/cocreacion/{process.slug}/propuestas/{proposal.pk}/").content.decode()
    start = page.index("Evaluada por la Mesa")
    return page[start : start + 600]


def test_before_publication_the_trace_shows_no_score(client, scored):
    process, proposal = scored
    step = _step(client, process, proposal)
    assert "Sin resultados de evaluación publicados." in step
    assert "Puntaje" not in step


def test_after_publication_the_trace_shows_score_place_and_link(client, scored, secretariat):
    process, proposal = scored
    with time_machine.travel(AFTER, tick=False):
        services.publish_results(process=process, actor=secretariat)
        step = _step(client, process, proposal)
    assert "Puntaje 87,5 de 100, lugar 1 (1 evaluación)." in step
    assert f"/cocreacion/{process.slug}/evaluacion/resultados/" in step
