"""Bad input is refused with a clear Spanish message, nothing is saved, and the form keeps what was typed:
an empty comment, an unknown section, a filled honeypot, too many comments in a row."""

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ValidationError

from abierto.consultation import services
from abierto.consultation.models import ConsultationComment
from abierto.consultation.testing import DURING, make_consultation, make_draft_commitment

URL = "/cocreacion/5/consulta/compromisos/BOR01/comentar/"


@pytest.fixture(autouse=True)
def frozen():
    cache.clear()
    with time_machine.travel(DURING, tick=False):
        yield


@pytest.fixture
def process(make_plan):
    process = make_consultation(make_plan(number=5, start=2020, end=2022))
    make_draft_commitment(process.plan)
    return process


@pytest.fixture
def signed_in(client, participant):
    client.force_login(participant)
    return client


def test_an_empty_comment_is_refused_under_its_section(signed_in, process):
    response = signed_in.post(URL, {"section": "objetivo", "body": "   "})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Escriba su comentario." in page
    # The error is tied to the field of that section's form.
    assert 'id="id_objetivo_body-error"' in page and 'aria-invalid="true"' in page
    section = page[page.index('id="seccion-objetivo"') : page.index('id="seccion-descripcion"')]
    assert "Escriba su comentario." in section
    assert not ConsultationComment.objects.exists()


def test_an_unknown_section_is_refused_keeping_the_text(signed_in, process):
    response = signed_in.post(URL, {"section": "presupuesto", "body": "Mi idea sobre el presupuesto"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Esa sección no existe: elija una de las secciones del compromiso." in page
    assert "Mi idea sobre el presupuesto" in page
    # Shown again at the top, with the sections to choose from.
    assert "Su comentario no se publicó" in page and '<option value="problema">' in page
    assert not ConsultationComment.objects.exists()


def test_the_service_refuses_an_unknown_section_too(process, participant):
    with pytest.raises(ValidationError, match="Esa sección no existe"):
        services.add_comment(
            process=process, commitment=process.plan.commitments.get(), section="x", body="Hola", actor=participant
        )


def test_a_too_long_comment_is_refused_keeping_the_text(signed_in, process):
    body = "palabra " * 400
    response = signed_in.post(URL, {"section": "problema", "body": body})
    assert response.status_code == 400
    assert "El comentario es muy largo" in response.content.decode()
    assert body.strip()[:100] in response.content.decode()
    assert not ConsultationComment.objects.exists()


def test_the_honeypot(signed_in, process):
    response = signed_in.post(URL, {"section": "problema", "body": "Hola", "sitio_web": "http://spam"})
    assert response.status_code == 400 and "No pudimos aceptar el envío" in response.content.decode()
    assert not ConsultationComment.objects.exists()


def test_the_rate_limit_keeps_the_text(signed_in, process, settings):
    settings.ABIERTO_COCREATION_RATES = {"comment": (1, 100, 600)}
    assert signed_in.post(URL, {"section": "problema", "body": "Primero"}).status_code == 302
    response = signed_in.post(URL, {"section": "problema", "body": "Segundo, largo y pensado"})
    page = response.content.decode()
    assert response.status_code == 429
    assert "Ha hecho muchos envíos seguidos" in page and "Segundo, largo y pensado" in page
    assert ConsultationComment.objects.count() == 1


def test_a_good_comment_is_published_and_shown_with_safe_markdown(signed_in, process):
    response = signed_in.post(URL, {"section": "problema", "body": "Muy **bien** <script>x</script>"})
    comment = ConsultationComment.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/compromisos/BOR01/#comentario-{comment.pk}")
    page = signed_in.get("/cocreacion/5/consulta/compromisos/BOR01/").content.decode()
    assert "Muy <strong>bien</strong> &lt;script&gt;" in page and "<script>x" not in page
