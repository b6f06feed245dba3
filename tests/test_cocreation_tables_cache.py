"""The anonymous page cache drops the tables and workshops pages as soon as the secretariat publishes a table
or records a workshop."""

import datetime

import pytest
from django.core.cache import cache

from abierto.cocreation import services
from abierto.cocreation.testing import make_process, make_table

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.ABIERTO_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def process(make_plan):
    return make_process(make_plan(number=5, start=2020, end=2022), template="fifth", start=datetime.date(2026, 3, 1))


def test_publishing_a_table_refreshes_the_cached_list(client, process, secretariat):
    table = make_table(process, title="Mesa de género", published=False)
    client.get("/cocreacion/5/mesas/")
    assert client.get("/cocreacion/5/mesas/")["X-Abierto-Cache"] == "hit"
    services.publish_table(table=table, actor=secretariat)
    page = client.get("/cocreacion/5/mesas/")
    assert page["X-Abierto-Cache"] == "miss" and "Mesa de género" in page.content.decode()


def test_recording_a_workshop_refreshes_the_cached_pages(client, process, secretariat):
    client.get("/cocreacion/5/talleres/")
    client.get("/cocreacion/5/")
    services.save_workshop(process=process, actor=secretariat, data={"title": "Taller en Arica", "region": "XV"})
    for url in ("/cocreacion/5/talleres/", "/cocreacion/5/"):
        page = client.get(url)
        assert page["X-Abierto-Cache"] == "miss" and "Taller en Arica" in page.content.decode(), url
