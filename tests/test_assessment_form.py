"""Evaluators record the independent assessment; "starred" is computed, never typed."""

import pytest

from abierto.assessments.models import Assessment
from abierto.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment(make_plan, make_commitment, lead_institution):
    return make_commitment(make_plan(), lead_institution=lead_institution)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("participant", 403),
        ("implementer", 403),
        ("other_implementer", 403),
        ("forum_member", 403),
        ("evaluator", 200),
        ("secretariat", 200),
    ],
)
def test_who_may_record_an_assessment(client, personas, commitment, persona, status):
    if persona != "anonymous":
        client.force_login(personas[persona])
    assert client.get("/planes/3/compromisos/CL0046/evaluacion/").status_code == status


def test_an_evaluator_records_an_assessment_and_starred_is_computed(client, evaluator, commitment):
    client.force_login(evaluator)
    response = client.post(
        "/planes/3/compromisos/CL0046/evaluacion/",
        {
            "source": "Informe de fin de término 2016-2018",
            "verifiable": "true",
            "relevant_civic_participation": "true",
            "potential_impact": "transformative",
            "completion_end_of_term": "substantial",
            "specificity": "high",
        },
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(commitment=commitment)
    assert assessment.starred is True
    assert AuditEvent.objects.filter(object_type="assessment", actor=evaluator).exists()
    page = client.get("/planes/3/compromisos/CL0046/").content.decode()
    assert "Destacado (calculado)" in page


def test_the_form_offers_no_starred_field(client, evaluator, commitment):
    client.force_login(evaluator)
    page = client.get("/planes/3/compromisos/CL0046/evaluacion/").content.decode()
    assert 'name="irm_starred"' not in page and 'name="starred"' not in page
