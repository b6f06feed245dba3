"""Every co-creation request reads its process, plan and stages from a short-lived cache, and a proposal list the
count its pages are numbered from; a change to what they are built from is seen by the very next request, a
support changes neither, and the stage gating still follows the clock, not the copy."""

import datetime

import pytest
import time_machine
from django.core.cache import cache

from abierto.cocreation import processcache, selectors, services
from abierto.cocreation.models import Stage, Support, Theme
from abierto.cocreation.testing import make_process, make_proposal
from abierto.plans import services as plan_services

START = datetime.date(2026, 3, 1)
RECEPTION = datetime.datetime(2026, 3, 12, 12, 0, tzinfo=datetime.UTC)  # the reception stage: 11-20 March


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.ABIERTO_PROCESS_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def process(make_plan):
    return make_process(make_plan(number=5, start=2020, end=2022), template="fifth", start=START, days=10)


def test_the_second_read_of_a_process_makes_no_query(process, django_assert_num_queries):
    with django_assert_num_queries(2):  # the process with its plan, then its stages
        first = selectors.process_by_slug("5")
    with django_assert_num_queries(0):
        again = selectors.process_by_slug("5")
    assert again.pk == first.pk
    assert [s.position for s in again.stages.all()] == [s.position for s in first.stages.all()]
    assert again.plan.title == process.plan.title


def test_an_unknown_process_is_a_404_and_is_not_remembered(process, client):
    assert client.get("/cocreacion/no-existe/").status_code == 404
    assert client.get("/cocreacion/no-existe/").status_code == 404


def test_a_stage_closed_by_the_secretariat_closes_supports_on_the_next_request(
    process, client, participant, secretariat
):
    with time_machine.travel(RECEPTION, tick=False):
        first, second = make_proposal(process, secretariat), make_proposal(process, secretariat, title="Otra")
        client.force_login(participant)
        assert client.post(f"/cocreacion/5/propuestas/{first.pk}/apoyo/", {"accion": "apoyar"}).status_code == 302
        supporting = process.stages.get(allows_support=True)
        services.set_stage_dates(
            stage=supporting,
            starts_on=supporting.starts_on,
            ends_on=RECEPTION.date() - datetime.timedelta(days=1),
            actor=secretariat,
        )
        response = client.post(f"/cocreacion/5/propuestas/{second.pk}/apoyo/", {"accion": "apoyar"})
    assert response.status_code == 403  # a closed stage: the page again with the reason
    assert "No se puede apoyar propuestas ahora" in response.content.decode()
    assert list(Support.objects.values_list("proposal_id", flat=True)) == [first.pk]


def test_the_cached_copy_holds_dates_and_the_clock_decides(process, client, participant, secretariat):
    with time_machine.travel(RECEPTION, tick=False):
        proposal = make_proposal(process, secretariat)
        selectors.process_by_slug("5")  # cached while the stage is open
    with time_machine.travel(RECEPTION + datetime.timedelta(days=30), tick=False):
        client.force_login(participant)
        response = client.post(f"/cocreacion/5/propuestas/{proposal.pk}/apoyo/", {"accion": "apoyar"})
    assert response.status_code == 403
    assert "No se puede apoyar propuestas ahora" in response.content.decode()
    assert not Support.objects.exists()


def test_renaming_the_plan_or_the_process_shows_at_once(process, client, secretariat):
    selectors.process_by_slug("5")
    process.plan.title = "Quinto Plan, con otro nombre"
    plan_services.save(process.plan, actor=secretariat)
    assert selectors.process_by_slug("5").plan.title == "Quinto Plan, con otro nombre"
    process.title = "Cocreación renombrada"
    plan_services.save(process, actor=secretariat)
    assert selectors.process_by_slug("5").title == "Cocreación renombrada"


def test_a_deleted_stage_is_gone_from_the_next_read(process):
    assert len(selectors.process_by_slug("5").stages.all()) == 7
    Stage.objects.filter(process=process).order_by("-position").first().delete()
    assert len(selectors.process_by_slug("5").stages.all()) == 6


def test_an_emptied_cache_starts_a_new_generation(process, django_assert_num_queries):
    selectors.process_by_slug("5")
    cache.clear()
    with django_assert_num_queries(2):
        selectors.process_by_slug("5")
    with django_assert_num_queries(0):
        selectors.process_by_slug("5")


def test_with_the_cache_off_every_read_goes_to_the_database(process, settings, django_assert_num_queries):
    settings.ABIERTO_PROCESS_CACHE_SECONDS = 0
    selectors.process_by_slug("5")
    with django_assert_num_queries(2):
        selectors.process_by_slug("5")
    processcache.processes.invalidate()  # harmless with the cache off


# --------------------------------------------------------------------------- the counts of the proposal lists


def _count(client, query=""):
    return client.get(f"/cocreacion/5/propuestas/{query}").context["page"].paginator.count


def _counted(captured) -> bool:
    return any("COUNT(" in query["sql"].upper() for query in captured.captured_queries)


@pytest.fixture
def proposals(process, secretariat):
    genero = Theme.objects.get(process=process, slug="genero")
    rows = []
    with time_machine.travel(RECEPTION, tick=False):
        for n in range(3):
            proposal = make_proposal(process, secretariat, title=f"Propuesta {n}", region="XIV" if n else "")
            proposal.themes.add(genero)
            rows.append(proposal)
    return rows


def test_a_list_is_counted_once_then_read_from_the_cache(proposals, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        assert _count(client, "?tema=genero") == 3
    with CaptureQueriesContext(connection) as second:
        assert _count(client, "?tema=genero") == 3
    assert _counted(first) and not _counted(second)
    assert _count(client, "?tema=genero&region=XIV") == 2  # each filter has its own count
    assert _count(client, "?tema=no-existe") == 0
    assert _count(client) == 3


def test_a_new_proposal_a_theme_moved_or_a_hidden_one_changes_the_count(proposals, process, client, secretariat):
    assert (_count(client), _count(client, "?tema=genero")) == (3, 3)
    with time_machine.travel(RECEPTION, tick=False):
        make_proposal(process, secretariat, title="Nueva")
    assert (_count(client), _count(client, "?tema=genero")) == (4, 3)
    proposals[0].themes.clear()
    assert _count(client, "?tema=genero") == 2
    services.hide(actor=secretariat, reason="Datos personales", proposal=proposals[1])
    assert (_count(client), _count(client, "?tema=genero")) == (3, 1)


def test_a_support_leaves_the_counts_and_the_process_cached(proposals, process, client, participant):
    _count(client, "?tema=genero")
    selectors.process_by_slug("5")
    generations = cache.get_many([processcache.proposal_counts.generation_key, processcache.processes.generation_key])
    with time_machine.travel(RECEPTION, tick=False):
        client.force_login(participant)
        assert (
            client.post(f"/cocreacion/5/propuestas/{proposals[0].pk}/apoyo/", {"accion": "apoyar"}).status_code == 302
        )
    assert cache.get_many(list(generations)) == generations
