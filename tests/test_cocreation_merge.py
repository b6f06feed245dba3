"""Similar proposals (Spanish-aware) and merging duplicates: every supporter once, authors told."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.cache import cache

from abierto.cocreation import selectors, services
from abierto.cocreation.models import Participation, Support
from abierto.cocreation.testing import make_process, make_proposal
from abierto.notifications.models import Notification

START = datetime.date(2026, 3, 1)
OPEN = datetime.datetime(2026, 3, 12, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def process(make_plan):
    return make_process(make_plan(number=5, start=2020, end=2022), template="fifth", start=START, days=10)


@pytest.fixture
def frozen():
    with time_machine.travel(OPEN, tick=False) as traveller:
        yield traveller


def test_similar_proposals_match_across_accents_and_word_forms(process, participant, frozen):
    air = make_proposal(
        process,
        participant,
        title="Información pública sobre la contaminación atmosférica",
        problem="Las comunas no publican mediciones",
        what="Publicar mediciones",
    )
    make_proposal(
        process,
        participant,
        title="Presupuestos participativos municipales",
        problem="Los vecinos no deciden el presupuesto",
        what="Consultas vinculantes",
    )
    found = selectors.similar_proposals(process, "informacion publica de contaminacion atmosferica por comuna")
    assert found and found[0][0] == air and 0 < found[0][1] <= 1
    assert all(p != air for p, _s in selectors.similar_proposals(process, "presupuesto participativo"))


def test_merging_keeps_every_supporter_once_and_tells_both_authors(
    process, participant, forum_member, secretariat, frozen
):
    people = [get_user_model().objects.create_user(f"p{n}") for n in range(4)]
    source = make_proposal(process, participant, title="Aire limpio en Temuco")
    target = make_proposal(process, forum_member, title="Calidad del aire en el sur")
    for person in people[:3]:
        services.support(proposal=source, actor=person)
    for person in people[1:]:
        services.support(proposal=target, actor=person)
    # people[1] and people[2] supported both.
    services.merge(source=source, target=target, actor=secretariat)
    source.refresh_from_db()
    target.refresh_from_db()
    assert set(Support.objects.filter(proposal=target).values_list("user_id", flat=True)) == {p.pk for p in people}
    assert target.support_count == 4 == Support.objects.filter(proposal=target).count()
    assert source.support_count == 0 and source.response_kind == "merged" and source.merged_into == target
    for person in people:
        participation = Participation.objects.get(user=person)
        assert participation.supports_used == Support.objects.filter(user=person).count() == 1
    assert Notification.objects.filter(user=participant, kind="proposal_response").exists()
    assert Notification.objects.filter(user=forum_member, kind="proposal_merged").exists()


def test_the_secretariat_merges_from_the_page_and_sees_similar_ones(client, process, participant, secretariat, frozen):
    source = make_proposal(process, participant, title="Datos abiertos del aire")
    target = make_proposal(process, participant, title="Datos abiertos de la calidad del aire")
    client.force_login(participant)
    assert client.get(f"/cocreacion/5/propuestas/{source.pk}/fusionar/").status_code == 403
    client.force_login(secretariat)
    page = client.get(f"/cocreacion/5/propuestas/{source.pk}/fusionar/").content.decode()
    assert "Las más parecidas" in page and "Datos abiertos de la calidad del aire" in page
    response = client.post(f"/cocreacion/5/propuestas/{source.pk}/fusionar/", {"target": target.pk})
    assert response.status_code == 302 and response.url == f"/cocreacion/5/propuestas/{target.pk}/"
    page = client.get(f"/cocreacion/5/propuestas/{source.pk}/").content.decode()
    assert "Esta propuesta se fusionó con" in page


def test_a_merged_proposal_takes_no_more_supports(process, participant, forum_member, secretariat, frozen):
    source = make_proposal(process, participant, title="Uno")
    target = make_proposal(process, participant, title="Dos")
    services.merge(source=source, target=target, actor=secretariat)
    source.refresh_from_db()
    with pytest.raises(Exception, match="no recibe apoyos"):
        services.support(proposal=source, actor=forum_member)
