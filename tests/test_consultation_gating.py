"""Comments on the draft are open only while the consultation stage is open: the server refuses them before
and after, with the clock frozen, and the page offers the form only during the stage."""

import datetime

import pytest
import time_machine
from django.core.cache import cache

from abierto.cocreation.services import ActionClosed
from abierto.consultation import services
from abierto.consultation.models import ConsultationComment
from abierto.consultation.testing import (
    AFTER,
    BEFORE,
    CONSULTATION_FIRST_DAY,
    CONSULTATION_LAST_DAY,
    DURING,
    make_consultation,
    make_draft_commitment,
    noon,
)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def process(make_plan):
    return make_consultation(make_plan(number=5, start=2020, end=2022))


@pytest.fixture
def commitment(process):
    return make_draft_commitment(process.plan)


def test_the_consultation_stage_is_the_one_that_allows_comments_on_the_draft(process):
    stage = process.stages.get(allows_comment_draft=True)
    assert stage.name == "Consulta pública del borrador del Plan de Acción"
    assert (stage.starts_on, stage.ends_on) == (CONSULTATION_FIRST_DAY, CONSULTATION_LAST_DAY)


@pytest.mark.parametrize(
    "day",
    [CONSULTATION_FIRST_DAY, CONSULTATION_LAST_DAY, datetime.date(2026, 4, 24)],
)
def test_the_service_accepts_a_comment_on_every_day_of_the_stage(process, commitment, participant, day):
    with time_machine.travel(noon(day), tick=False):
        services.add_comment(process=process, commitment=commitment, section="problema", body="Bien", actor=participant)
    assert ConsultationComment.objects.count() == 1


@pytest.mark.parametrize("moment", [BEFORE, AFTER])
def test_the_service_refuses_a_comment_outside_the_stage_naming_it(process, commitment, participant, moment):
    with (
        time_machine.travel(moment, tick=False),
        pytest.raises(ActionClosed, match=r"Consulta pública del borrador del Plan de Acción.*20-04-2026 a 29-04-2026"),
    ):
        services.add_comment(process=process, commitment=commitment, section="problema", body="Bien", actor=participant)
    assert not ConsultationComment.objects.exists()


def test_the_page_offers_a_form_per_section_only_during_the_stage(client, process, commitment, participant):
    client.force_login(participant)
    url = "/cocreacion/5/consulta/compromisos/BOR01/"
    with time_machine.travel(DURING, tick=False):
        page = client.get(url).content.decode()
        assert page.count('action="/cocreacion/5/consulta/compromisos/BOR01/comentar/#seccion-') == 9
        assert "está abierta hasta el" in page
    for moment, words in ((BEFORE, "se abrirá el"), (AFTER, "ya no se reciben comentarios")):
        with time_machine.travel(moment, tick=False):
            page = client.get(url).content.decode()
            assert "/comentar/" not in page and words in page


@pytest.mark.parametrize("moment", [BEFORE, AFTER])
def test_a_post_outside_the_stage_is_refused_and_keeps_the_text(client, process, commitment, participant, moment):
    client.force_login(participant)
    with time_machine.travel(moment, tick=False):
        response = client.post(
            "/cocreacion/5/consulta/compromisos/BOR01/comentar/",
            {"section": "objetivo", "body": "Mi comentario pensado con calma"},
        )
    text = response.content.decode()
    assert response.status_code == 403
    assert "No se puede comentar el borrador del plan ahora" in text
    assert "Mi comentario pensado con calma" in text
    assert not ConsultationComment.objects.exists()


def test_an_undated_consultation_never_opens(make_plan, participant):
    from abierto.cocreation import services as cocreation_services

    plan = make_plan(number=6, start=2023, end=2027)
    process = cocreation_services.create_process(plan=plan, actor=None, template="fifth")
    commitment = make_draft_commitment(plan)
    with time_machine.travel(DURING, tick=False), pytest.raises(ActionClosed, match="ninguna etapa abierta"):
        services.add_comment(process=process, commitment=commitment, section="problema", body="Hola", actor=participant)
