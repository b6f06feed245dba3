"""A cache in front of the app (nginx, docs/deploy.md) revalidates its copy of an anonymous page with the
page's ETag: 304 while the data the page shows is unchanged, the new page as soon as it changes."""

import pytest
from django.core.cache import cache

from abierto.plans import services

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.ABIERTO_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def plan(make_plan, make_commitment):
    plan = make_plan(number=5, start=2020, end=2022)
    make_commitment(plan, code="C1", title="Primer compromiso")
    return plan


def test_an_unchanged_page_answers_304_with_one_query(client, plan, django_assert_num_queries):
    first = client.get("/planes/5/")
    etag = first["ETag"]
    assert etag
    with django_assert_num_queries(1):  # the data version only: nothing rendered, nothing read from the cache
        again = client.get("/planes/5/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again.content == b""


def test_a_changed_page_answers_200_with_a_new_etag(client, plan, secretariat):
    etag = client.get("/planes/5/")["ETag"]
    commitment = plan.commitments.get()
    commitment.title = "Título corregido"
    services.save(commitment, actor=secretariat)
    fresh = client.get("/planes/5/", HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200
    assert fresh["ETag"] != etag
    assert "Título corregido" in fresh.content.decode()


def test_each_language_has_its_own_etag(client, plan):
    spanish = client.get("/planes/5/")["ETag"]
    client.get("/idioma/en/?next=/planes/5/")
    english = client.get("/planes/5/", HTTP_IF_NONE_MATCH=spanish)
    assert english.status_code == 200
    assert english["ETag"] != spanish


def test_signed_in_people_are_never_answered_304_from_the_shared_validator(client, plan, participant):
    etag = client.get("/planes/5/")["ETag"]
    client.force_login(participant)
    page = client.get("/planes/5/", HTTP_IF_NONE_MATCH=etag)
    assert page.status_code == 200
