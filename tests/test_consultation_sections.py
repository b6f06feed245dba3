"""A comment stays attached to the text of the section it was made about, even after the secretariat edits
the commitment; the sections are declared once and their text does not depend on the reader's language."""

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import translation

from abierto.consultation import sections, services
from abierto.consultation.models import ConsultationComment, SectionVersion
from abierto.consultation.testing import DURING, make_consultation, make_draft_commitment
from abierto.plans import services as plan_services
from abierto.plans.models import Commitment, Milestone


@pytest.fixture(autouse=True)
def frozen():
    cache.clear()
    with time_machine.travel(DURING, tick=False):
        yield


@pytest.fixture
def process(make_plan):
    return make_consultation(make_plan(number=5, start=2020, end=2022))


@pytest.fixture
def commitment(process):
    return make_draft_commitment(process.plan)


def _edit(commitment, secretariat, **fields):
    fresh = Commitment.objects.get(pk=commitment.pk)
    for name, value in fields.items():
        setattr(fresh, name, value)
    return plan_services.save(fresh, actor=secretariat)


def test_the_sections_follow_the_ogp_template_once():
    assert [s.code for s in sections.SECTIONS] == [
        "problema",
        "objetivo",
        "descripcion",
        "componentes",
        "resultados",
        "hitos",
        "valores",
        "ambicion",
        "informacion",
    ]
    model_fields = {f.name for f in Commitment._meta.get_fields()}
    for section in sections.SECTIONS:
        assert set(section.fields) <= model_fields, section.code


def test_the_text_of_each_section_is_built_from_its_fields(commitment):
    fresh = Commitment.objects.prefetch_related("milestones", "values").get(pk=commitment.pk)
    assert sections.get("problema").text(fresh) == "Las compras públicas no se publican como datos abiertos."
    assert sections.get("hitos").text(fresh) == "- 1. Portal publicado · producto: Portal"
    assert sections.get("valores").text(fresh) == "- **Acceso a la información**: Abre datos de compras."
    assert sections.get("componentes").text(fresh) == ""


def test_the_text_and_its_digest_do_not_depend_on_the_language_of_the_page(commitment):
    fresh = Commitment.objects.prefetch_related("milestones", "values").get(pk=commitment.pk)
    with translation.override("en"):
        english = sections.get("valores").text(fresh)
    assert english == sections.get("valores").text(fresh)


def test_a_comment_survives_an_edit_of_its_section(client, process, commitment, participant, secretariat):
    original = "Las compras públicas no se publican como datos abiertos."
    comment = services.add_comment(
        process=process, commitment=commitment, section="problema", body="Falta el plazo.", actor=participant
    )
    _edit(commitment, secretariat, problem="Las compras públicas se publican tarde y en PDF.")

    comment = ConsultationComment.objects.select_related("version").get(pk=comment.pk)
    assert comment.version.text == original
    assert comment.version.digest == sections.digest(original)

    page = client.get("/cocreacion/5/consulta/compromisos/BOR01/").content.decode()
    section = page[page.index('id="seccion-problema"') : page.index('id="seccion-objetivo"')]
    assert "se publican tarde y en PDF" in section  # today's text
    assert "Falta el plazo." in section  # the comment, still under its section
    assert "Comentado sobre una versión anterior de esta sección" in section
    assert original in section  # and the words it was about


def test_a_comment_on_the_current_text_is_not_marked_as_earlier(client, process, commitment, participant):
    services.add_comment(process=process, commitment=commitment, section="hitos", body="Bien", actor=participant)
    page = client.get("/cocreacion/5/consulta/compromisos/BOR01/").content.decode()
    assert "Comentado sobre una versión anterior" not in page


def test_an_edit_of_a_milestone_changes_the_milestones_section_only(process, commitment, participant, secretariat):
    on_milestones = services.add_comment(
        process=process, commitment=commitment, section="hitos", body="¿Cuándo?", actor=participant
    )
    on_problem = services.add_comment(
        process=process, commitment=commitment, section="problema", body="Claro", actor=participant
    )
    milestone = Milestone.objects.get(commitment=commitment)
    milestone.description = "Portal publicado con API"
    plan_services.save(milestone, actor=secretariat)
    later = services.add_comment(
        process=process, commitment=commitment, section="hitos", body="Mejor", actor=participant
    )
    assert later.version_id != on_milestones.version_id
    again = services.add_comment(
        process=process, commitment=commitment, section="problema", body="Otra", actor=participant
    )
    assert again.version_id == on_problem.version_id  # one stored version per text
    assert SectionVersion.objects.count() == 3


def test_a_comment_made_on_a_text_that_changed_meanwhile_is_refused(process, commitment, participant, secretariat):
    fresh = Commitment.objects.prefetch_related("milestones", "values").get(pk=commitment.pk)
    read = sections.digest(sections.get("objetivo").text(fresh))
    _edit(commitment, secretariat, main_objective="Otro objetivo")
    with pytest.raises(ValidationError, match="cambió el texto de esta sección"):
        services.add_comment(
            process=process,
            commitment=commitment,
            section="objetivo",
            body="Sobre el objetivo",
            actor=participant,
            version_digest=read,
        )
    assert not ConsultationComment.objects.exists()


def test_the_refused_stale_comment_comes_back_with_its_text(client, process, commitment, participant, secretariat):
    client.force_login(participant)
    fresh = Commitment.objects.prefetch_related("milestones", "values").get(pk=commitment.pk)
    read = sections.digest(sections.get("objetivo").text(fresh))
    _edit(commitment, secretariat, main_objective="Otro objetivo")
    response = client.post(
        "/cocreacion/5/consulta/compromisos/BOR01/comentar/",
        {"section": "objetivo", "version": read, "body": "Lo que pensé del objetivo"},
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "cambió el texto de esta sección" in text and "Lo que pensé del objetivo" in text
