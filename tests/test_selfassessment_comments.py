"""The public consultation: comments only while open and between its start and end (clock frozen
before, during and after), public answers, and abusive comments hidden with a public reason."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from abierto.audit.models import AuditEvent
from abierto.selfassessments import services
from abierto.selfassessments.models import SelfAssessment, SelfAssessmentComment

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
ASSEMBLED = datetime.datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
START = datetime.datetime(2026, 6, 1, 13, 0, tzinfo=UTC)
END = datetime.datetime(2026, 6, 15, 13, 0, tzinfo=UTC)
BEFORE = START - datetime.timedelta(minutes=1)
DURING = START + datetime.timedelta(days=3)
AFTER = END + datetime.timedelta(seconds=1)


@pytest.fixture
def sa(secretariat, make_plan, make_commitment, lead_institution):
    plan = make_plan(number=6, start=2023, end=2027)
    make_commitment(plan, code="CL0081", title="Datos abiertos de compras", lead_institution=lead_institution)
    with time_machine.travel(ASSEMBLED, tick=False):
        sa = services.assemble(
            plan=plan, kind=SelfAssessment.Kind.MID_TERM, cutoff=datetime.date(2026, 4, 30), actor=secretariat
        )
        services.open_for_comment(sa, actor=secretariat, start=START, end=END)
    return sa


def url(sa):
    return f"/autoevaluaciones/{sa.pk}/"


@pytest.mark.parametrize(
    ("moment", "accepted"), [(BEFORE, False), (START, True), (DURING, True), (END, False), (AFTER, False)]
)
def test_the_service_accepts_comments_only_inside_the_period(sa, participant, moment, accepted):
    with time_machine.travel(moment, tick=False):
        if accepted:
            comment = services.add_comment(sa, actor=participant, text="Falta el presupuesto.")
            assert comment.author == participant
        else:
            with pytest.raises(ValidationError) as error:
                services.add_comment(sa, actor=participant, text="Falta el presupuesto.")
            assert "consulta pública" in str(error.value)
    assert SelfAssessmentComment.objects.count() == (1 if accepted else 0)


def test_the_refusal_says_when_it_opens_or_that_it_ended(sa, participant):
    with time_machine.travel(BEFORE, tick=False), pytest.raises(ValidationError, match="comienza el"):
        services.add_comment(sa, actor=participant, text="Hola")
    with time_machine.travel(AFTER, tick=False), pytest.raises(ValidationError, match="terminó"):
        services.add_comment(sa, actor=participant, text="Hola")


def test_a_draft_or_closed_self_assessment_takes_no_comments(sa, secretariat, participant):
    with time_machine.travel(DURING, tick=False):
        services.close_comment(sa, actor=secretariat)
        with pytest.raises(ValidationError, match="terminó"):
            services.add_comment(sa, actor=participant, text="Hola")
    assert not SelfAssessmentComment.objects.exists()


def test_anonymous_cannot_comment_even_during_the_period(sa):
    from django.contrib.auth.models import AnonymousUser

    with time_machine.travel(DURING, tick=False), pytest.raises(PermissionDenied):
        services.add_comment(sa, actor=AnonymousUser(), text="Hola")


@time_machine.travel(DURING, tick=False)
def test_a_signed_in_person_comments_on_the_document_and_on_one_commitment(client, sa, forum_member):
    entry = sa.entries.get()
    client.force_login(forum_member)
    page = client.get(url(sa)).content.decode()
    assert 'name="text"' in page
    assert f'href="?sobre={entry.pk}#comentar"' in page

    response = client.post(url(sa), {"accion": "comentar", "entry": "", "text": "Buen informe en general."})
    assert response.status_code == 302
    response = client.post(url(sa), {"accion": "comentar", "entry": str(entry.pk), "text": "¿Y los municipios?"})
    assert response.status_code == 302

    general, on_entry = SelfAssessmentComment.objects.order_by("id")
    assert (general.entry, on_entry.entry) == (None, entry)
    assert AuditEvent.objects.filter(object_type="selfassessmentcomment", actor=forum_member).count() == 2
    page = client.get(url(sa)).content.decode()
    section = page[page.index(f'id="{entry.anchor}"') : page.index('id="comentarios"')]
    assert "¿Y los municipios?" in section
    assert "Buen informe en general." in page[page.index('id="comentarios"') :]


@time_machine.travel(DURING, tick=False)
def test_an_empty_comment_gets_a_message_and_keeps_the_choice(client, sa, participant):
    entry = sa.entries.get()
    client.force_login(participant)
    response = client.post(url(sa), {"accion": "comentar", "entry": str(entry.pk), "text": "   "})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Este campo es obligatorio" in page or "Escriba su comentario" in page
    assert f'<option value="{entry.pk}" selected>' in page
    assert not SelfAssessmentComment.objects.exists()


def test_outside_the_period_the_form_is_not_shown(client, sa, participant):
    client.force_login(participant)
    with time_machine.travel(BEFORE, tick=False):
        page = client.get(url(sa)).content.decode()
        assert 'name="text"' not in page
        assert "comienza el" in page
    with time_machine.travel(AFTER, tick=False):
        page = client.get(url(sa)).content.decode()
        assert 'name="text"' not in page
        assert "terminó" in page
        # A post that arrives after the end is refused, and the text typed is given back.
        response = client.post(url(sa), {"accion": "comentar", "entry": "", "text": "Llegué tarde."})
        assert response.status_code == 400
        page = response.content.decode()
        assert "terminó" in page
        assert "Llegué tarde." in page
    assert not SelfAssessmentComment.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_anonymous_visitors_read_comments_and_get_a_link_to_sign_in(client, sa, participant):
    services.add_comment(sa, actor=participant, text="Comentario visible.")
    page = client.get(url(sa)).content.decode()
    assert "Comentario visible." in page
    assert 'name="text"' not in page
    assert "/cuentas/" in page and "Ingrese con su cuenta para comentar" in page
    response = client.post(url(sa), {"accion": "comentar", "text": "Sin cuenta"})
    assert response.status_code == 302 and "next=" in response["Location"]
    assert SelfAssessmentComment.objects.count() == 1


@time_machine.travel(DURING, tick=False)
def test_the_secretariat_answers_and_hides_with_a_public_reason(client, sa, participant, secretariat):
    kind = services.add_comment(sa, actor=participant, text="Falta el presupuesto.")
    abusive = services.add_comment(sa, actor=participant, text="Insulto grosero.")
    client.force_login(secretariat)

    response = client.post(url(sa), {"accion": "responder", "comentario": kind.pk, f"c{kind.pk}-answer": "Se agrega."})
    assert response.status_code == 302
    response = client.post(url(sa), {"accion": "ocultar", "comentario": abusive.pk, f"c{abusive.pk}-hidden_reason": ""})
    assert response.status_code == 400  # the reason is required
    response = client.post(
        url(sa), {"accion": "ocultar", "comentario": abusive.pk, f"c{abusive.pk}-hidden_reason": "Lenguaje ofensivo."}
    )
    assert response.status_code == 302

    kind.refresh_from_db()
    abusive.refresh_from_db()
    assert (kind.answer, kind.answered_by) == ("Se agrega.", secretariat)
    assert abusive.is_hidden and abusive.hidden_by == secretariat
    assert abusive.text == "Insulto grosero."  # nothing is deleted
    client.logout()
    page = client.get(url(sa)).content.decode()
    assert "Se agrega." in page
    assert "Insulto grosero." not in page
    assert "Lenguaje ofensivo." in page
    assert AuditEvent.objects.filter(object_type="selfassessmentcomment", actor=secretariat).count() == 2


@time_machine.travel(DURING, tick=False)
def test_only_the_secretariat_answers_or_hides(client, sa, participant, implementer):
    comment = services.add_comment(sa, actor=participant, text="Hola.")
    with pytest.raises(PermissionDenied):
        services.answer_comment(comment, actor=implementer, text="Respuesta")
    with pytest.raises(PermissionDenied):
        services.hide_comment(comment, actor=participant, reason="Me arrepentí")
    client.force_login(implementer)
    response = client.post(
        url(sa), {"accion": "ocultar", "comentario": comment.pk, f"c{comment.pk}-hidden_reason": "x"}
    )
    assert response.status_code == 403
    comment.refresh_from_db()
    assert not comment.is_hidden and not comment.answer


@time_machine.travel(DURING, tick=False)
def test_comments_show_the_persons_name_never_their_email(client, sa, implementer, participant):
    services.add_comment(sa, actor=implementer, text="Desde la institución.")
    services.add_comment(sa, actor=participant, text="Desde la ciudadanía.")
    page = client.get(url(sa)).content.decode()
    assert "Eduardo González" in page
    assert "Persona registrada" in page
    assert "ciudadana@example.org" not in page and "contraparte@example.org" not in page
