"""The read API under the anonymous page cache: a support or a reasoned response (the "participation" scope)
shows at once in the API, as it does on the co-creation pages."""

import datetime

import pytest
import time_machine
from django.core.cache import cache

from abierto.cocreation import services
from abierto.cocreation.testing import make_process, make_proposal

pytestmark = pytest.mark.django_db(transaction=True)

IN_STAGE_2 = datetime.datetime(2026, 3, 12, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=-3)))


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.ABIERTO_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_a_new_support_and_a_response_show_at_once_in_the_api(client, make_plan, participant, secretariat):
    process = make_process(make_plan(number=5, start=2020, end=2022), start=datetime.date(2026, 3, 1))
    proposal = make_proposal(process, secretariat, title="Calidad del aire")
    url = f"/api/v1/proposals/{proposal.pk}/"
    with time_machine.travel(IN_STAGE_2, tick=False):
        assert client.get(url).json()["support_count"] == 0
        cached = client.get(url)
        assert cached["X-Abierto-Cache"] == "hit"
        services.support(proposal=proposal, actor=participant)
        fresh = client.get(url)
        assert fresh["X-Abierto-Cache"] == "miss" and fresh.json()["support_count"] == 1
        assert client.get("/api/v1/responses/").json()["results"] == []
        services.respond(proposal=proposal, actor=secretariat, kind="not_adopted", text="Excede el plan.")
        assert [r["text"] for r in client.get("/api/v1/responses/").json()["results"]] == ["Excede el plan."]
