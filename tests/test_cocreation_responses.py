"""Every proposal gets a public reasoned response; the process counts those still without one; a
proposal's page shows its whole trace, up to the progress of the commitment it became."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ValidationError

from abierto.cocreation import services
from abierto.cocreation.models import Proposal
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


def test_the_three_kinds_of_response_and_their_required_parts(
    process, participant, secretariat, make_commitment, frozen
):
    commitment = make_commitment(process.plan, code="CL0060")
    adopted, merged, rejected = (make_proposal(process, participant, title=t) for t in ("A", "B", "C"))
    with pytest.raises(ValidationError):
        services.respond(proposal=adopted, actor=secretariat, kind="adopted")
    with pytest.raises(ValidationError):
        services.respond(proposal=rejected, actor=secretariat, kind="not_adopted", text="")
    services.respond(proposal=adopted, actor=secretariat, kind="adopted", commitment=commitment)
    services.respond(proposal=merged, actor=secretariat, kind="merged", merged_into=adopted)
    services.respond(proposal=rejected, actor=secretariat, kind="not_adopted", text="No es de gobierno abierto.")
    assert all(p.has_response for p in Proposal.objects.all())
    assert Notification.objects.filter(user=participant, kind="proposal_response").count() == 3


def test_a_commitment_of_another_plan_is_refused(process, participant, secretariat, make_plan, make_commitment, frozen):
    other = make_commitment(make_plan(number=4, start=2018, end=2020), code="CL0050")
    proposal = make_proposal(process, participant)
    with pytest.raises(ValidationError):
        services.respond(proposal=proposal, actor=secretariat, kind="adopted", commitment=other)


def test_the_process_page_counts_the_proposals_without_response(client, process, participant, secretariat, frozen):
    first, second, third = (make_proposal(process, participant, title=t) for t in ("A", "B", "C"))
    make_proposal(process, participant, title="Borrador", published=False)
    services.respond(proposal=first, actor=secretariat, kind="not_adopted", text="Fuera de plazo")
    assert set(process.proposals_without_response()) == {second, third}
    assert not second.has_response and first.has_response
    page = client.get("/cocreacion/5/").content.decode()
    assert "2 propuestas aún no tienen respuesta fundada." in page


def test_the_secretariat_answers_from_the_page(client, process, participant, secretariat, make_commitment, frozen):
    commitment = make_commitment(process.plan, code="CL0060", title="Datos del aire")
    proposal = make_proposal(process, participant)
    client.force_login(participant)
    assert client.get(f"/cocreacion/5/propuestas/{proposal.pk}/respuesta/").status_code == 403
    client.force_login(secretariat)
    url = f"/cocreacion/5/propuestas/{proposal.pk}/respuesta/"
    response = client.post(url, {"kind": "not_adopted", "text": ""})
    assert "Explique por qué la propuesta no se incorporó." in response.content.decode()
    response = client.post(url, {"kind": "adopted", "commitment": commitment.pk, "text": "Se incorporó completa."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.response_commitment == commitment


def test_the_trace_follows_the_proposal_into_its_commitment(
    client,
    process,
    participant,
    forum_member,
    secretariat,
    make_commitment,
    make_milestone,
    frozen,
    django_assert_max_num_queries,
):
    proposal = make_proposal(process, participant, title="Calidad del aire")
    services.support(proposal=proposal, actor=forum_member)
    commitment = make_commitment(process.plan, code="CL0060", title="Datos abiertos del aire")
    frozen.shift(datetime.timedelta(days=60))
    services.respond(proposal=proposal, actor=secretariat, kind="adopted", commitment=commitment)
    frozen.shift(datetime.timedelta(days=100))
    make_milestone(commitment, description="Portal publicado", status="completed", progress=100)
    commitment.refresh_from_db()
    assert commitment.progress_computed == Decimal("100")
    with django_assert_max_num_queries(25):
        page = client.get(f"/cocreacion/5/propuestas/{proposal.pk}/").content.decode()
    for step in ("Presentada", "Apoyada", "Evaluada por la Mesa", "Respondida", "Incorporada en el compromiso CL0060"):
        assert step in page, step
    assert "1 apoyo" in page  # the response did not overwrite the counter
    assert "Avance calculado hoy: 100" in page
    assert "Portal publicado" in page  # the commitment's changes since the response
    assert commitment.get_absolute_url() in page
