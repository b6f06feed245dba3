"""The secretariat hides a comment with a public reason: nothing is deleted, the page shows the reason in its
place, the report still counts it (as hidden), and it can be shown again. Each change is an audit event."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from abierto.audit.models import AuditEvent
from abierto.consultation import selectors, services
from abierto.consultation.models import ConsultationComment
from abierto.consultation.testing import make_comment, make_consultation, make_draft_commitment


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def process(make_plan):
    return make_consultation(make_plan(number=5, start=2020, end=2022))


@pytest.fixture
def comment(process, participant):
    return make_comment(process, make_draft_commitment(process.plan), participant, body="Texto ofensivo aquí")


def test_hiding_keeps_the_row_and_shows_the_reason(client, process, comment, secretariat):
    client.force_login(secretariat)
    url = f"/cocreacion/5/consulta/comentarios/{comment.pk}/moderar/"
    refused = client.post(url, {"accion": "ocultar", "reason": ""})
    assert refused.status_code == 400 and "Indique el motivo público" in refused.content.decode()
    response = client.post(url, {"accion": "ocultar", "reason": "Insultos a una persona"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Insultos a una persona"
    assert comment.body == "Texto ofensivo aquí"  # nothing deleted
    client.logout()
    page = client.get("/cocreacion/5/consulta/compromisos/BOR01/").content.decode()
    assert "Ocultado por moderación: Insultos a una persona" in page
    assert "Texto ofensivo aquí" not in page
    event = AuditEvent.objects.filter(object_type="consultationcomment", action="update").get()
    assert event.actor == secretariat and event.changes["hidden_reason"] == ["", "Insultos a una persona"]


def test_a_hidden_comment_is_counted_in_the_report_as_hidden(process, comment, participant, secretariat):
    make_comment(process, comment.commitment, participant, body="Otro")
    services.hide(comment=comment, reason="Spam", actor=secretariat)
    report = selectors.report(process)
    assert (report.totals.comments, report.totals.hidden, report.totals.to_answer) == (2, 1, 1)
    assert report.totals.people == 1


def test_showing_again(process, comment, secretariat, client):
    services.hide(comment=comment, reason="Spam", actor=secretariat)
    client.force_login(secretariat)
    response = client.post(f"/cocreacion/5/consulta/comentarios/{comment.pk}/moderar/", {"accion": "mostrar"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert not comment.is_hidden and comment.hidden_reason == ""
    assert AuditEvent.objects.filter(object_type="consultationcomment", action="update").count() == 2


def test_only_the_secretariat_moderates(comment, personas):
    for name, person in personas.items():
        if name == "secretariat":
            continue
        with pytest.raises(PermissionDenied, match="Solo la secretaría modera"):
            services.hide(comment=comment, reason="No me gusta", actor=person)
    assert not ConsultationComment.objects.filter(hidden_at__isnull=False).exists()


def test_hiding_twice_is_refused(comment, secretariat):
    services.hide(comment=comment, reason="Spam", actor=secretariat)
    with pytest.raises(ValidationError, match="ya está oculto"):
        services.hide(comment=comment, reason="Otra vez", actor=secretariat)
