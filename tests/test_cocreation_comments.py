"""Threaded comments on proposals (three levels), sanitised, rate-limited, kept when refused."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ValidationError

from abierto.cocreation import services
from abierto.cocreation.models import Comment
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


def test_replies_go_three_levels_deep_and_no_further(process, participant, forum_member, frozen):
    proposal = make_proposal(process, participant)
    first = services.add_comment(actor=forum_member, proposal=proposal, text="Nivel 1")
    second = services.add_comment(actor=participant, proposal=proposal, parent=first, text="Nivel 2")
    third = services.add_comment(actor=forum_member, proposal=proposal, parent=second, text="Nivel 3")
    assert [first.depth, second.depth, third.depth] == [1, 2, 3]
    with pytest.raises(ValidationError, match="tercer nivel"):
        services.add_comment(actor=participant, proposal=proposal, parent=third, text="Nivel 4")


def test_comments_are_posted_and_threaded_on_the_page(client, process, participant, forum_member, frozen):
    proposal = make_proposal(process, participant)
    client.force_login(forum_member)
    response = client.post(f"/cocreacion/5/propuestas/{proposal.pk}/comentar/", {"text": "Me parece <b>bien</b>"})
    first = Comment.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"#comentario-{first.pk}")
    client.force_login(participant)
    client.post(f"/cocreacion/5/propuestas/{proposal.pk}/comentar/", {"text": "Gracias", "parent": first.pk})
    page = client.get(f"/cocreacion/5/propuestas/{proposal.pk}/").content.decode()
    assert "Me parece &lt;b&gt;bien&lt;/b&gt;" in page and "<b>bien</b>" not in page
    assert 'class="depth-2"' in page and page.index("Me parece") < page.index("Gracias")


def test_a_refused_comment_keeps_its_text(client, process, participant, frozen, settings):
    settings.ABIERTO_COCREATION_RATES = {"comment": (1, 100, 600)}
    proposal = make_proposal(process, participant)
    client.force_login(participant)
    client.post(f"/cocreacion/5/propuestas/{proposal.pk}/comentar/", {"text": "Primero"})
    response = client.post(f"/cocreacion/5/propuestas/{proposal.pk}/comentar/", {"text": "Segundo, largo y pensado"})
    text = response.content.decode()
    assert response.status_code == 400
    assert "Ha hecho muchos envíos seguidos" in text and "Segundo, largo y pensado" in text
    assert Comment.objects.count() == 1


def test_the_comment_honeypot(client, process, participant, frozen):
    proposal = make_proposal(process, participant)
    client.force_login(participant)
    response = client.post(f"/cocreacion/5/propuestas/{proposal.pk}/comentar/", {"text": "Hola", "sitio_web": "x"})
    assert response.status_code == 400 and not Comment.objects.exists()


def test_anonymous_visitors_cannot_comment(client, process, participant, frozen):
    proposal = make_proposal(process, participant)
    response = client.post(f"/cocreacion/5/propuestas/{proposal.pk}/comentar/", {"text": "Hola"})
    assert response.status_code == 302 and not Comment.objects.exists()


def test_comments_on_commitments_use_the_same_model(process, participant, make_commitment, frozen):
    commitment = make_commitment(process.plan, code="CL0060")
    comment = services.add_comment(actor=participant, commitment=commitment, text="Sobre el compromiso")
    reply = services.add_comment(actor=participant, commitment=commitment, parent=comment, text="Respuesta")
    assert reply.depth == 2 and reply.commitment == commitment and reply.proposal is None


def test_commitments_have_their_own_comment_page(
    client, make_plan, make_commitment, participant, forum_member, secretariat, django_assert_max_num_queries
):
    plan = make_plan(number=6, start=2023, end=2027)
    commitment = make_commitment(plan, code="CL0081", title="Participación en el Congreso")
    url = "/cocreacion/compromisos/6/CL0081/comentarios/"
    assert client.post(url, {"text": "Anónimo"}).status_code == 302
    client.force_login(participant)
    response = client.post(url, {"text": "¿Cuándo se publica el *diagnóstico*?"})
    first = Comment.objects.get()
    assert response.status_code == 302 and first.commitment == commitment and first.depth == 1
    client.force_login(forum_member)
    client.post(url, {"text": "En marzo", "parent": first.pk})
    client.post(f"/cocreacion/compromisos/comentarios/{first.pk}/reportar/", {"reason": "Prueba de reporte"})
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    assert "<em>diagnóstico</em>" in page and 'class="depth-2"' in page
    client.force_login(secretariat)
    client.post(
        f"/cocreacion/compromisos/comentarios/{first.pk}/moderar/", {"accion": "ocultar", "reason": "Fuera de tema"}
    )
    assert "Ocultado por moderación: Fuera de tema" in client.get(url).content.decode()
    assert Comment.objects.count() == 2
