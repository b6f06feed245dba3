"""The secretariat answers comments (also after the stage closed); the answer shows under the comment, an edit
makes a new revision with its history in the audit events, and the comment's author is told after commit."""

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from abierto.audit.models import AuditEvent
from abierto.consultation import services
from abierto.consultation.models import ConsultationAnswer
from abierto.consultation.testing import AFTER, DURING, make_comment, make_consultation, make_draft_commitment
from abierto.notifications.models import Notification


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def process(make_plan):
    return make_consultation(make_plan(number=5, start=2020, end=2022))


@pytest.fixture
def comment(process, participant):
    return make_comment(process, make_draft_commitment(process.plan), participant, body="¿Y el presupuesto?")


def test_the_secretariat_answers_and_the_author_is_told_after_commit(
    process, comment, participant, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        answer = services.answer(comment=comment, body="Se indicará en la versión final.", actor=secretariat)
        assert not Notification.objects.exists()  # nothing before the commit
    assert len(callbacks) == 1
    assert (answer.revision, answer.author) == (1, secretariat)
    notice = Notification.objects.get()
    assert notice.user == participant and notice.kind == "consultation_answer"
    assert "BOR01" in notice.subject and "Se indicará en la versión final." in notice.body
    assert notice.url == f"/cocreacion/5/consulta/compromisos/BOR01/#comentario-{comment.pk}"
    event = AuditEvent.objects.get(object_type="consultationanswer")
    assert event.actor == secretariat and event.changes["body"] == [None, "Se indicará en la versión final."]


def test_an_edit_is_a_new_revision_with_its_history_and_a_new_notice(
    process, comment, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.answer(comment=comment, body="Primera respuesta", actor=secretariat)
    with time_machine.travel(AFTER, tick=False), django_capture_on_commit_callbacks(execute=True):
        answer = services.answer(comment=comment, body="Respuesta corregida", actor=secretariat)
        same = services.answer(comment=comment, body="Respuesta corregida", actor=secretariat)
    assert same.revision == answer.revision == 2 and answer.edited_at is not None
    assert ConsultationAnswer.objects.count() == 1
    edits = AuditEvent.objects.filter(object_type="consultationanswer", action="update")
    assert [e.changes["body"] for e in edits] == [["Primera respuesta", "Respuesta corregida"]]
    assert Notification.objects.count() == 2


@pytest.mark.parametrize("name", ["participant", "implementer", "forum_member", "evaluator"])
def test_only_the_secretariat_answers(comment, personas, name):
    with pytest.raises(PermissionDenied, match="Solo la secretaría"):
        services.answer(comment=comment, body="Yo respondo", actor=personas[name])
    assert not ConsultationAnswer.objects.exists()


def test_an_empty_answer_is_refused(comment, secretariat):
    with pytest.raises(ValidationError, match="Escriba la respuesta"):
        services.answer(comment=comment, body="   ", actor=secretariat)


def test_answering_through_the_page_shows_it_under_the_comment(client, process, comment, secretariat):
    client.force_login(secretariat)
    url = f"/cocreacion/5/consulta/comentarios/{comment.pk}/responder/"
    refused = client.post(url, {"body": ""})
    assert refused.status_code == 400 and "Escriba la respuesta." in refused.content.decode()
    response = client.post(url, {"body": "Gracias, lo **consideramos**."})
    assert response.status_code == 302
    assert response.url == f"/cocreacion/5/consulta/compromisos/BOR01/#comentario-{comment.pk}"
    client.logout()
    page = client.get("/cocreacion/5/consulta/compromisos/BOR01/").content.decode()
    assert "Respuesta de la secretaría" in page and "Gracias, lo <strong>consideramos</strong>." in page
    assert "sin respuesta de la secretaría todavía" not in page


def test_the_queue_lists_visible_comments_without_an_answer(client, process, comment, participant, secretariat):
    commitment = comment.commitment
    answered = make_comment(process, commitment, participant, body="Respondido ya")
    services.answer(comment=answered, body="Listo", actor=secretariat)
    hidden = make_comment(process, commitment, participant, body="Grosero")
    services.hide(comment=hidden, reason="Lenguaje ofensivo", actor=secretariat)
    client.force_login(secretariat)
    with time_machine.travel(DURING, tick=False):
        page = client.get("/cocreacion/5/consulta/secretaria/").content.decode()
    assert "¿Y el presupuesto?" in page
    assert "Respondido ya" not in page and "Grosero" not in page
    assert "1 comentario visible espera" in page
