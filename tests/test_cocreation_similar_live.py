"""Similar proposals while a person writes: the fragment endpoint the proposal form calls, its rate limit, and
the form that works without JavaScript."""

import datetime

import pytest
import time_machine
from django.core.cache import cache

from abierto.cocreation.testing import make_process, make_proposal

START = datetime.date(2026, 3, 1)
RECEPTION = datetime.datetime(2026, 3, 12, 12, 0, tzinfo=datetime.UTC)  # reception: 11-20 March
URL = "/cocreacion/5/propuestas/parecidas/"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def frozen():
    with time_machine.travel(RECEPTION, tick=False) as traveller:
        yield traveller


@pytest.fixture
def process(make_plan, secretariat):
    process = make_process(make_plan(number=5, start=2020, end=2022), template="fifth", start=START, days=10)
    make_proposal(process, secretariat, title="Calidad del aire en Temuco")
    make_proposal(process, secretariat, title="Listas de espera", problem="Hospitales", what="Publicar las listas.")
    return process


def test_the_fragment_lists_what_is_like_the_text_typed(client, process, participant, frozen):
    client.force_login(participant)
    response = client.get(URL, {"title": "Mediciones de la calidad del aire", "texto": "en Temuco"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Propuestas parecidas" in page and "Calidad del aire en Temuco" in page
    assert "Listas de espera" not in page
    assert "<html" not in page  # a fragment, not a page


def test_nothing_typed_nothing_shown_and_nothing_found_is_said(client, process, frozen):
    assert client.get(URL).content.decode().strip() == ""
    page = client.get(URL, {"title": "Pavimentación de veredas"}).content.decode()
    assert "No encontramos propuestas parecidas." in page


def test_a_proposal_being_edited_is_not_its_own_match(client, process, frozen):
    own = process.proposals.get(title="Calidad del aire en Temuco")
    page = client.get(URL, {"title": "Calidad del aire en Temuco", "excluir": own.pk}).content.decode()
    assert "Calidad del aire en Temuco" not in page


@pytest.mark.parametrize("who", ["anonymous", "participant"])
def test_it_is_rate_limited_per_account_and_address(client, process, participant, frozen, settings, who):
    settings.ABIERTO_COCREATION_RATES = {"similar": (2, 3, 600)}
    if who == "participant":
        client.force_login(participant)
    limit = 2 if who == "participant" else 3
    for _ in range(limit):
        assert client.get(URL, {"title": "calidad del aire"}).status_code == 200
    response = client.get(URL, {"title": "calidad del aire"})
    assert response.status_code == 429
    assert "espere 10 minutos" in response.content.decode()


def test_the_endpoint_makes_few_queries(client, process, participant, frozen, django_assert_max_num_queries):
    client.force_login(participant)
    with django_assert_max_num_queries(8):
        client.get(URL, {"title": "calidad del aire", "texto": "Temuco"})


def test_the_form_calls_it_and_keeps_the_button_without_javascript(client, process, participant, frozen):
    client.force_login(participant)
    page = client.get("/cocreacion/5/propuestas/nueva/").content.decode()
    assert 'id="parecidas-en-vivo" aria-live="polite"' in page
    assert f'data-url="{URL}"' in page
    assert "cocreation/similar" in page and ".js" in page
    assert 'name="similares"' in page  # the same list without JavaScript
