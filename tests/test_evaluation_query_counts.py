"""Every evaluation page makes the same number of queries with 3 proposals as with 30 (no N+1)."""

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from abierto.cocreation.testing import make_proposal
from abierto.evaluation import services
from abierto.evaluation.testing import AFTER, assign, give_scores, make_criteria, make_evaluation_process

# page → (who opens it, most queries allowed)
PAGES = {
    "mis-asignaciones/": ("member", 11),
    "asignaciones/{first}/": ("member", 13),
    "asignaciones/{first}/conflicto/": ("member", 10),
    "criterios/": ("secretariat", 11),
    "criterios/{criterion}/": ("secretariat", 12),
    "asignacion/": ("secretariat", 15),
    "ranking/": ("secretariat", 15),
    "ranking.csv": ("secretariat", 10),
    "resultados/": ("anonymous", 5),
}


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def _add_proposals(process, criteria, count, participant, forum_member, evaluator):
    first = None
    for i in range(count):
        proposal = make_proposal(process, participant, title=f"Propuesta {process.proposals.count() + 1}")
        mine = assign(proposal, forum_member)
        first = first or mine
        give_scores(mine, criteria, [3, 5, None if i % 3 == 0 else 2])
        give_scores(assign(proposal, evaluator), criteria, [4, 4, 1])
    return first


@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_is_constant_in_the_number_of_proposals(
    client, make_plan, participant, forum_member, evaluator, secretariat, page, django_assert_num_queries
):
    who, limit = PAGES[page]
    process = make_evaluation_process(make_plan(number=5, start=2020, end=2022))
    criteria = make_criteria(process, specs=((1, 1, 5), (2, 0, 10), (1, 1, 3)))
    first = _add_proposals(process, criteria, 3, participant, forum_member, evaluator)
    url = f"/cocreacion/{process.slug}/evaluacion/{page.format(first=first.pk, criterion=criteria[0].pk)}"
    if who != "anonymous":
        client.force_login(secretariat if who == "secretariat" else forum_member)
    counts = []
    for more in (0, 27):
        _add_proposals(process, criteria, more, participant, forum_member, evaluator)
        with time_machine.travel(AFTER, tick=False):
            services.publish_results(process=process, actor=secretariat)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert process.proposals.count() == 30
    assert counts[0] == counts[1], counts
    assert counts[1] <= limit, counts
    with django_assert_num_queries(counts[1]):
        client.get(url)
