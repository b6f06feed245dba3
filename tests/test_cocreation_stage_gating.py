"""Each stage switches actions on or off; the server enforces it, with the clock frozen before,
during and after each stage. The current stage shows on every page of the process."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from abierto.cocreation import services
from abierto.cocreation.models import ACTIONS, Proposal
from abierto.cocreation.testing import make_process, make_proposal

START = datetime.date(2026, 3, 1)  # stage n runs START + 10(n-1) .. START + 10n - 1


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def process(make_plan):
    plan = make_plan(number=5, start=2020, end=2022)
    return make_process(plan, template="fifth", start=START, days=10)


def _noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12, 0), tzinfo=datetime.timezone(datetime.timedelta(hours=-3)))


def test_the_fifth_plan_template_has_seven_stages_with_their_switches(process):
    stages = list(process.stages.order_by("position"))
    assert [s.name for s in stages] == [
        "Jornadas de sensibilización",
        "Recepción de propuestas",
        "Mesas de trabajo",
        "Publicación de resultados de las mesas de trabajo",
        "Selección de propuestas",
        "Consulta pública del borrador del Plan de Acción",
        "Publicación del Plan de Acción",
    ]
    assert stages[1].actions() == ["submit", "support", "comment"]
    assert stages[4].actions() == ["evaluate"]
    assert stages[5].actions() == ["comment_draft"]


@pytest.mark.parametrize("position", range(1, 8))
def test_each_stage_switches_its_actions_on_only_while_it_is_open(process, position):
    stage = process.stages.get(position=position)
    before = stage.starts_on - datetime.timedelta(days=1)
    after = stage.ends_on + datetime.timedelta(days=1)
    for day in (stage.starts_on, stage.ends_on):
        with time_machine.travel(_noon(day), tick=False):
            assert process.current_stage() == stage
            for action in ACTIONS:
                assert process.allows(action) == (action in stage.actions()), (day, action)
    for day in (before, after):
        with time_machine.travel(_noon(day), tick=False):
            assert process.current_stage() != stage


def test_nothing_is_open_before_the_first_stage_or_after_the_last(process):
    for day in (START - datetime.timedelta(days=1), START + datetime.timedelta(days=70)):
        with time_machine.travel(_noon(day), tick=False):
            assert process.current_stage() is None
            assert not any(process.allows(action) for action in ACTIONS)


def test_the_server_refuses_a_proposal_outside_the_reception_stage(process, participant):
    reception = process.stages.get(position=2)
    data = {"title": "Presupuestos abiertos", "problem": "Opaco", "what": "Abrirlos"}
    for day in (reception.starts_on - datetime.timedelta(days=1), reception.ends_on + datetime.timedelta(days=1)):
        with (
            time_machine.travel(_noon(day), tick=False),
            pytest.raises(PermissionDenied, match="Recepción de propuestas"),
        ):
            services.save_proposal(process=process, actor=participant, data=data, publish=True)
    assert not Proposal.objects.exists()
    with time_machine.travel(_noon(reception.starts_on), tick=False):
        proposal = services.save_proposal(process=process, actor=participant, data=data, publish=True)
    assert proposal.is_published


def test_supports_and_comments_are_refused_after_the_stage_closes(process, participant, secretariat):
    reception = process.stages.get(position=2)
    with time_machine.travel(_noon(reception.starts_on), tick=False):
        proposal = make_proposal(process, secretariat)
        services.support(proposal=proposal, actor=participant)
        services.add_comment(actor=participant, proposal=proposal, text="Muy buena idea")
    with time_machine.travel(_noon(reception.ends_on + datetime.timedelta(days=1)), tick=False):
        with pytest.raises(PermissionDenied, match="apoyar"):
            services.support(proposal=proposal, actor=secretariat)
        with pytest.raises(PermissionDenied, match="retirar"):
            services.withdraw_support(proposal=proposal, actor=participant)
        # Comments stay open in the working tables (stage 3), which starts the next day.
        services.add_comment(actor=participant, proposal=proposal, text="Sigo pensando que es buena")
    with (
        time_machine.travel(_noon(START + datetime.timedelta(days=31)), tick=False),
        pytest.raises(PermissionDenied, match="comentar"),
    ):
        services.add_comment(actor=participant, proposal=proposal, text="Tarde")


def test_the_current_stage_shows_on_every_page_of_the_process(client, process, participant):
    reception = process.stages.get(position=2)
    with time_machine.travel(_noon(reception.starts_on), tick=False):
        proposal = make_proposal(process, participant)
        client.force_login(participant)
        for url in (
            "/cocreacion/5/",
            "/cocreacion/5/propuestas/",
            f"/cocreacion/5/propuestas/{proposal.pk}/",
            "/cocreacion/5/propuestas/nueva/",
            "/cocreacion/5/mis-propuestas/",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            text = response.content.decode()
            assert "Etapa actual:" in text and "Recepción de propuestas" in text, url
    with time_machine.travel(_noon(START - datetime.timedelta(days=5)), tick=False):
        response = client.get("/cocreacion/5/")
        assert "Hoy no hay una etapa abierta en este proceso." in response.content.decode()


def test_the_form_page_says_when_submissions_open(client, process, participant):
    client.force_login(participant)
    with time_machine.travel(_noon(START), tick=False):
        response = client.get("/cocreacion/5/propuestas/nueva/")
    assert response.status_code == 403
    assert "Recepción de propuestas" in response.content.decode()
