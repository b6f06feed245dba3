"""Moderation: people report a proposal or a comment; the secretariat hides it with a public reason;
nothing is deleted, and hidden items say why."""

import datetime

import pytest
import rules
import time_machine
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from abierto.cocreation import services
from abierto.cocreation.models import Comment, Flag, Proposal
from abierto.cocreation.testing import make_process, make_proposal

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


MAY_MODERATE = {
    "anonymous": False,
    "participant": False,
    "implementer": False,
    "other_implementer": False,
    "secretariat": True,
    "forum_member": False,
    "evaluator": False,
}


def test_only_the_secretariat_moderates_answers_and_merges(personas):
    for perm in ("cocreation.moderate", "cocreation.respond", "cocreation.merge"):
        for name, person in personas.items():
            assert rules.has_perm(perm, person, None) is MAY_MODERATE[name], (perm, name)
    for name, person in personas.items():
        assert rules.has_perm("cocreation.flag", person, None) is (name != "anonymous"), name


def test_a_report_reaches_the_secretariat_and_hiding_keeps_the_row(
    client, process, participant, forum_member, secretariat, frozen
):
    proposal = make_proposal(process, participant, title="Texto con insultos")
    client.force_login(forum_member)
    response = client.post(f"/cocreacion/5/propuestas/{proposal.pk}/reportar/", {"reason": "Insulta a una persona"})
    assert response.status_code == 302
    assert Flag.objects.get().reason == "Insulta a una persona"
    # A participant cannot hide.
    assert client.get(f"/cocreacion/5/propuestas/{proposal.pk}/moderar/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.hide(actor=forum_member, proposal=proposal, reason="x")

    client.force_login(secretariat)
    queue = client.get("/cocreacion/5/secretaria/").content.decode()
    assert "Insulta a una persona" in queue
    response = client.post(f"/cocreacion/5/propuestas/{proposal.pk}/moderar/", {"accion": "ocultar", "reason": ""})
    assert "Este campo es obligatorio." in response.content.decode()
    client.post(
        f"/cocreacion/5/propuestas/{proposal.pk}/moderar/", {"accion": "ocultar", "reason": "Lenguaje ofensivo"}
    )
    proposal.refresh_from_db()
    assert proposal.is_hidden and proposal.hidden_reason == "Lenguaje ofensivo"
    assert Flag.objects.get().resolved_at is not None
    assert Proposal.objects.filter(pk=proposal.pk).exists()  # nothing deleted

    client.logout()
    page = client.get(f"/cocreacion/5/propuestas/{proposal.pk}/").content.decode()
    assert "Ocultado por moderación: Lenguaje ofensivo" in page
    assert "No hay datos abiertos de la calidad del aire" not in page  # content withheld from the public
    assert "Texto con insultos" not in client.get("/cocreacion/5/propuestas/").content.decode()


def test_a_hidden_comment_shows_its_reason_in_the_thread(
    client, process, participant, forum_member, secretariat, frozen
):
    proposal = make_proposal(process, participant)
    comment = services.add_comment(actor=forum_member, proposal=proposal, text="Un comentario fuera de lugar")
    client.force_login(participant)
    client.post(f"/cocreacion/5/comentarios/{comment.pk}/reportar/", {"reason": "Spam"})
    assert Flag.objects.get().comment == comment
    client.force_login(secretariat)
    client.post(f"/cocreacion/5/comentarios/{comment.pk}/moderar/", {"accion": "ocultar", "reason": "Publicidad"})
    comment.refresh_from_db()
    assert comment.is_hidden and Comment.objects.count() == 1
    page = client.get(f"/cocreacion/5/propuestas/{proposal.pk}/").content.decode()
    assert "Ocultado por moderación: Publicidad" in page and "fuera de lugar" not in page
    # Shown again.
    client.post(f"/cocreacion/5/comentarios/{comment.pk}/moderar/", {"accion": "mostrar"})
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_a_report_needs_a_reason(client, process, participant, frozen):
    proposal = make_proposal(process, participant)
    client.force_login(participant)
    response = client.post(f"/cocreacion/5/propuestas/{proposal.pk}/reportar/", {"reason": "  "})
    assert response.status_code == 200 and not Flag.objects.exists()


def test_reporting_needs_an_account(client, process, participant, frozen):
    proposal = make_proposal(process, participant)
    response = client.get(f"/cocreacion/5/propuestas/{proposal.pk}/reportar/")
    assert response.status_code == 302 and "next=" in response.url
    assert not Flag.objects.exists()
