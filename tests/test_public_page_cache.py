"""Anonymous public pages come from a cache that drops them as soon as the public data changes."""

import pytest
from django.core.cache import cache

from abierto.core import pagecache
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


def test_a_second_anonymous_visit_is_served_from_the_cache(client, plan, django_assert_num_queries):
    first = client.get("/planes/5/")
    assert first["X-Abierto-Cache"] == "miss"
    with django_assert_num_queries(1):  # only the data version is read
        second = client.get("/planes/5/")
    assert second["X-Abierto-Cache"] == "hit"
    assert second.content == first.content


def test_a_change_to_public_data_drops_the_cached_pages(client, plan, secretariat):
    client.get("/planes/5/")
    commitment = plan.commitments.get()
    commitment.title = "Título corregido"
    services.save(commitment, actor=secretariat)
    page = client.get("/planes/5/")
    assert page["X-Abierto-Cache"] == "miss"
    assert "Título corregido" in page.content.decode()


def test_the_version_rises_once_per_transaction_and_not_on_rollback(plan, secretariat):
    from django.db import transaction

    before = pagecache.current_version()
    with transaction.atomic():
        for n in range(3):
            commitment = plan.commitments.get()
            commitment.title = f"Cambio {n}"
            services.save(commitment, actor=secretariat)
    assert pagecache.current_version() == before + 1
    try:
        with transaction.atomic():
            commitment = plan.commitments.get()
            commitment.title = "No llega"
            services.save(commitment, actor=secretariat)
            raise RuntimeError
    except RuntimeError:
        pass
    assert pagecache.current_version() == before + 1
    commitment = plan.commitments.get()
    commitment.title = "Sí llega"
    services.save(commitment, actor=secretariat)
    assert pagecache.current_version() == before + 2


def test_each_language_has_its_own_copy(client, plan):
    client.get("/metodologia/")
    client.cookies["django_language"] = "en"
    english = client.get("/metodologia/")
    assert english["Content-Language"] == "en" and "How the figures are computed" in english.content.decode()


@pytest.mark.parametrize("persona", ["participant", "secretariat"])
def test_signed_in_people_never_get_or_fill_the_shared_cache(client, plan, personas, persona):
    client.force_login(personas[persona])
    for _ in range(2):
        response = client.get("/planes/5/")
        assert "X-Abierto-Cache" not in response
    client.logout()
    assert client.get("/planes/5/")["X-Abierto-Cache"] == "miss"


def test_private_areas_and_pages_with_a_form_token_are_not_cached(client, plan):
    for url in ("/cuentas/ingresar/", "/seguimiento/", "/salud/"):
        client.get(url)
        assert "X-Abierto-Cache" not in client.get(url), url


def test_a_support_drops_the_co_creation_pages_but_not_the_registry(client, plan, participant, secretariat):
    import datetime

    from django.utils import timezone

    from abierto.cocreation import services as cocreation
    from abierto.cocreation.testing import make_process, make_proposal

    process = make_process(plan, slug="consulta", start=timezone.localdate() - datetime.timedelta(days=25), days=10)
    process.stages.update(allows_support=True)
    proposal = make_proposal(process, secretariat, title="Datos abiertos del aire")
    registry, listing = "/planes/5/", "/cocreacion/consulta/propuestas/"
    for url in (registry, listing):
        client.get(url)
        assert client.get(url)["X-Abierto-Cache"] == "hit", url

    cocreation.support(proposal=proposal, actor=participant)

    assert client.get(registry)["X-Abierto-Cache"] == "hit"
    page = client.get(listing)
    assert page["X-Abierto-Cache"] == "miss"
    assert "1 apoyo" in page.content.decode()
