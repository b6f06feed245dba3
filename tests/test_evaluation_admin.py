"""The evaluation in the back office: the secretariat reads every record there; nobody changes one there
(changes go through the evaluation pages, which check the stage, ask for reasons and record them)."""

import pytest

from abierto.cocreation.testing import make_proposal
from abierto.evaluation.testing import assign, give_scores, make_criteria, make_evaluation_process

MODELS = ["criterion", "assignment", "conflictdeclaration", "score", "publication"]


@pytest.fixture
def data(make_plan, participant, forum_member):
    process = make_evaluation_process(make_plan(number=5, start=2020, end=2022))
    criteria = make_criteria(process)
    give_scores(assign(make_proposal(process, participant), forum_member), criteria, [2, 4])
    return criteria


@pytest.mark.parametrize("model", MODELS)
def test_the_secretariat_reads_but_cannot_add_or_change(secretariat_client, data, model):
    assert secretariat_client.get(f"/admin/evaluation/{model}/").status_code == 200
    assert secretariat_client.get(f"/admin/evaluation/{model}/add/").status_code == 403


def test_a_criterion_cannot_be_changed_in_the_admin(secretariat_client, data):
    criterion = data[0]
    response = secretariat_client.post(f"/admin/evaluation/criterion/{criterion.pk}/change/", {"name": "Otro"})
    assert response.status_code == 403
    criterion.refresh_from_db()
    assert criterion.name == "Criterio 1"


@pytest.mark.parametrize("model", MODELS)
def test_nobody_else_reaches_the_evaluation_admin(client, forum_member, data, model):
    forum_member.is_staff = True
    forum_member.save()
    client.force_login(forum_member)
    assert client.get(f"/admin/evaluation/{model}/").status_code in (302, 403)
