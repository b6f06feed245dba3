"""A proposal's public trace: submitted, supported, (evaluated), discussed at a co-creation table, answered,
adopted. "Discussed" is done only once a published table lists the proposal, with its date and a link."""

import datetime
import re

import pytest
import time_machine
from django.core.cache import cache

from abierto.cocreation.testing import make_process, make_proposal, make_table

START = datetime.date(2026, 3, 1)
TODAY = datetime.datetime(2026, 4, 2, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    cache.clear()
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def process(make_plan):
    return make_process(make_plan(number=5, start=2020, end=2022), template="fifth", start=START, days=10)


def _trace(html: str) -> list[str]:
    trace = re.search(r'<ol class="trace">(.*?)</ol>', html, re.S).group(1)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in re.findall(r"<li[^>]*>(.*?)</li>", trace, re.S)]


def test_the_discussed_step_sits_after_supported_and_before_the_response(client, process, participant):
    proposal = make_proposal(process, participant)
    steps = _trace(client.get(f"/cocreacion/5/propuestas/{proposal.pk}/").content.decode())
    labels = [step.split(" (")[0].split(" · ")[0].strip() for step in steps]
    assert labels == [
        "Presentada",
        "Apoyada",
        "Evaluada por la Mesa",
        "Discutida en una mesa de cocreación",
        "Respondida",
    ]
    assert "pendiente" in steps[3] and "Aún no se discute en una mesa." in steps[3]


def test_a_draft_table_does_not_count_and_a_published_one_does(client, process, participant):
    proposal = make_proposal(process, participant)
    draft = make_table(process, title="Mesa en preparación", published=False, proposals=[proposal])
    html = client.get(f"/cocreacion/5/propuestas/{proposal.pk}/").content.decode()
    assert "Mesa en preparación" not in html and f"/mesas/{draft.pk}/" not in html
    table = make_table(process, title="Mesa de medioambiente", held_on=datetime.date(2026, 3, 25), proposals=[proposal])
    make_table(process, title="Mesa de seguimiento", held_on=datetime.date(2026, 3, 28), proposals=[proposal])
    html = client.get(f"/cocreacion/5/propuestas/{proposal.pk}/").content.decode()
    step = _trace(html)[3]
    assert "pendiente" not in step
    assert "25-03-2026" in step or "25/03/2026" in step
    assert "Mesa de medioambiente y 1 mesas más" in step
    assert f'<a href="/cocreacion/5/mesas/{table.pk}/">' in html


def test_the_proposal_page_makes_one_more_query_at_most(client, process, participant, django_assert_max_num_queries):
    proposal = make_proposal(process, participant)
    for i in range(5):
        make_table(process, title=f"Mesa {i}", proposals=[proposal])
    with django_assert_max_num_queries(25):
        assert client.get(f"/cocreacion/5/propuestas/{proposal.pk}/").status_code == 200
