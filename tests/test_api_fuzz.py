"""Fuzzing the API from its own OpenAPI document (schemathesis): whatever the query, path or body, the server
never answers 5xx, and what it answers conforms to the document. The sample data gives every resource rows
(co-creation, its tables, the evaluation, the consultation, the forum), hidden and answered ones included, so
the answers checked are real rows, not empty lists."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from abierto.accounts import tokens
from abierto.cocreation import services as cocreation
from abierto.cocreation.testing import make_process, make_proposal, make_table
from abierto.consultation import services as consultation
from abierto.consultation.testing import make_answer, make_comment
from abierto.evaluation.models import Criterion, Publication, PublishedResult
from abierto.forum import services as forum_services
from abierto.forum.testing import give_seat, make_forum, seat
from abierto.monitoring.models import ReportingPeriod

APP = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)
# Derandomized: the same examples on every run, so CI is repeatable; raise max_examples locally to explore.
FUZZ = settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # A real WSGI call closes the database connection when the response ends; the test's transaction needs it.
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _cocreation(plan, commitment, participant, secretariat) -> None:
    """A process with a visible, a hidden and a draft proposal, a response, a published and a draft table, the
    evaluation's published results and the consultation's comments (one answered, one hidden)."""
    import datetime
    from decimal import Decimal

    process = make_process(plan, template="fifth", start=datetime.date(2026, 3, 1), slug="quinto-plan")
    visible = make_proposal(process, participant, title="Calidad del aire")
    hidden = make_proposal(process, participant, title="Título ofensivo")
    make_proposal(process, participant, title="Borrador", published=False)
    cocreation.respond(proposal=visible, actor=secretariat, kind="adopted", commitment=commitment)
    cocreation.hide(actor=secretariat, proposal=hidden, reason="Moderada")
    make_table(process, participation={"academia": 3, "public": 2}, proposals=[visible, hidden], commitment=commitment)
    make_table(process, title="Mesa en preparación", published=False, place="", online_url="https://example.cl/m")
    Criterion.objects.create(process=process, position=1, name="Ambición", weight=Decimal("2"))
    publication = Publication.objects.create(process=process, note="Resultados.")
    PublishedResult.objects.create(publication=publication, proposal=visible, rank=1, score=Decimal("75.5"))
    PublishedResult.objects.create(publication=publication, proposal=hidden, evaluations=0)
    answered = make_comment(process, commitment, participant, body="Falta un plazo.")
    make_answer(answered, secretariat)
    moderated = make_comment(process, commitment, participant, section="hitos", body="Texto ofensivo")
    consultation.hide(comment=moderated, reason="Moderado", actor=secretariat)


def _forum(implementer, secretariat) -> None:
    """A forum with two seats, a held session with attendance, a closed vote and an agreement followed up."""
    import datetime

    forum = make_forum(voting=2, voice_only=0, observers=0)
    give_seat(seat(forum, "Voto 1"), implementer)
    give_seat(seat(forum, "Voto 2"), name="Ana Pérez Soto")
    session = forum_services.convene_session(
        actor=secretariat,
        forum=forum,
        date=datetime.date(2026, 3, 10),
        place="Teatinos 92",
        agenda=forum_services.parse_agenda("Cronograma"),
        send=False,
    )
    forum_services.advance_session(actor=secretariat, session=session)
    for name in ("Voto 1", "Voto 2"):
        forum_services.record_attendance(
            actor=secretariat, session=session, seat=seat(forum, name), status="in_person", attended_by="holder"
        )
    motion = forum_services.open_motion(actor=secretariat, session=session, title="Aprobar el cronograma")
    for name in ("Voto 1", "Voto 2"):
        forum_services.cast_vote(actor=secretariat, motion=motion, seat=seat(forum, name), choice="yes")
    forum_services.close_motion(actor=secretariat, motion=motion)
    agreement = forum_services.create_agreement(
        actor=secretariat,
        forum=forum,
        session=session,
        text="Enviar el cronograma",
        responsible_seat=seat(forum, "Voto 2"),
        asap=True,
    )
    forum_services.follow_up_agreement(actor=secretariat, agreement=agreement, status="in_progress", note="Enviado.")


@pytest.fixture
def data(make_plan, make_commitment, make_milestone, lead_institution, participant, implementer, secretariat):
    import datetime

    plan = make_plan(number=5, start=2020, end=2022)
    for n in range(3):
        commitment = make_commitment(plan, code=f"C{n}", title=f"Compromiso {n}", lead_institution=lead_institution)
        make_milestone(commitment, description=f"Hito {n}")
    _cocreation(plan, commitment, participant, secretariat)
    _forum(implementer, secretariat)
    ReportingPeriod.objects.create(
        plan=plan,
        label="2021",
        start=datetime.date(2021, 1, 1),
        end=datetime.date(2021, 6, 30),
        deadline=datetime.date(2021, 7, 31),
    )
    return plan


@pytest.fixture
def key(implementer):
    return tokens.create(user=implementer, name="fuzz")[1]


@schema.include(path_regex=r"^/api/v1/(?!me/)").parametrize()
@FUZZ
@pytest.mark.django_db
def test_the_read_api_never_fails_and_keeps_its_word(case, data):
    response = case.call()
    # A cursor is opaque: a random string is refused with 400 and a reason, which is right, so the check that
    # every schema-valid value must be accepted does not apply.
    case.validate_response(response, excluded_checks=[positive_data_acceptance])


@schema.include(path_regex=r"^/api/v1/me/").parametrize()
@FUZZ
@pytest.mark.django_db
def test_the_write_api_never_fails_whatever_it_is_sent(case, data, key):
    response = case.call(headers={"Authorization": f"Bearer {key}"})
    assert response.status_code < 500, response.text[:500]


FILLED = (
    "cocreation-processes",
    "proposals",
    "responses",
    "cocreation-tables",
    "cocreation-table-participation",
    "cocreation-table-proposals",
    "evaluation-publications",
    "evaluation-results",
    "evaluation-criteria",
    "consultation-comments",
    "consultation-section-versions",
    "forums",
    "forum-seat-terms",
    "forum-sessions",
    "forum-attendance",
    "forum-motions",
    "forum-votes",
    "forum-agreements",
    "forum-agreement-notes",
)


@pytest.mark.django_db
def test_the_sample_data_gives_the_participation_and_forum_resources_rows(client, data):
    empty = [name for name in FILLED if not client.get(f"/api/v1/{name}/").json()["results"]]
    assert empty == []
