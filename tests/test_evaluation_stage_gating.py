"""Scoring is possible only while a stage that allows evaluation is open: the server refuses it before and
after, with the clock frozen, and says when it opens. Publication is possible only after the stage."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from abierto.cocreation.testing import make_proposal
from abierto.evaluation import services
from abierto.evaluation.models import Publication, Score
from abierto.evaluation.testing import (
    AFTER,
    BEFORE,
    DURING,
    EVALUATION_FIRST_DAY,
    EVALUATION_LAST_DAY,
    assign,
    make_criteria,
    make_evaluation_process,
    noon,
)


@pytest.fixture
def process(make_plan):
    return make_evaluation_process(make_plan(number=5, start=2020, end=2022))


@pytest.fixture
def setup(process, participant, forum_member):
    criteria = make_criteria(process)
    assignment = assign(make_proposal(process, participant), forum_member)
    return assignment, {c.pk: (3, "") for c in criteria}


@pytest.mark.parametrize("moment", [BEFORE, AFTER])
def test_the_server_refuses_scores_outside_the_evaluation_stage(setup, forum_member, moment):
    assignment, values = setup
    with time_machine.travel(moment, tick=False), pytest.raises(PermissionDenied, match="Selección de propuestas"):
        services.save_scores(assignment=assignment, actor=forum_member, values=values)
    assert not Score.objects.exists()


@pytest.mark.parametrize("day", [EVALUATION_FIRST_DAY, EVALUATION_LAST_DAY])
def test_scores_are_accepted_from_the_first_to_the_last_day_of_the_stage(setup, forum_member, day):
    assignment, values = setup
    with time_machine.travel(noon(day), tick=False):
        services.save_scores(assignment=assignment, actor=forum_member, values=values)
    assert Score.objects.count() == 2


@pytest.mark.parametrize("moment", [BEFORE, AFTER])
def test_the_scoring_page_says_when_scoring_opens_and_refuses_a_post(client, setup, forum_member, process, moment):
    assignment, values = setup
    client.force_login(forum_member)
    url = f"/cocreacion/{process.slug}/evaluacion/asignaciones/{assignment.pk}/"
    with time_machine.travel(moment, tick=False):
        page = client.get(url)
        assert page.status_code == 200
        assert "Selección de propuestas" in page.content.decode()
        assert "Guardar puntajes" not in page.content.decode()
        posted = client.post(url, {f"criterio_{pk}": "3" for pk in values})
    assert posted.status_code == 403
    assert not Score.objects.exists()


def test_results_cannot_be_published_before_or_during_the_stage(process, secretariat):
    make_criteria(process)
    for moment in (BEFORE, DURING, noon(EVALUATION_LAST_DAY)):
        with time_machine.travel(moment, tick=False), pytest.raises(PermissionDenied):
            services.publish_results(process=process, actor=secretariat)
    assert not Publication.objects.exists()
    with time_machine.travel(noon(EVALUATION_LAST_DAY + datetime.timedelta(days=1)), tick=False):
        services.publish_results(process=process, actor=secretariat)
    assert Publication.objects.filter(process=process).exists()
