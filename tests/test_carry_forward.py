"""The secretariat carries an unfinished commitment into the next plan; both keep the link."""

import pytest

from abierto.plans.models import Commitment, Milestone

pytestmark = pytest.mark.django_db


@pytest.fixture
def unfinished(make_plan, make_commitment, make_milestone, lead_institution):
    third = make_plan(number=3)
    make_plan(number=4, start=2018, end=2020)
    c = make_commitment(third, lead_institution=lead_institution, problem="Falta un modelo local.")
    make_milestone(c, description="Diseño", status=Milestone.Status.COMPLETED, progress=100, code="1")
    make_milestone(c, description="Piloto", status=Milestone.Status.IN_PROGRESS, progress=40, code="2")
    make_milestone(c, description="Reportes", status=Milestone.Status.WITHDRAWN, progress=0, code="3")
    return c


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("participant", 403),
        ("implementer", 403),
        ("other_implementer", 403),
        ("forum_member", 403),
        ("evaluator", 403),
        ("secretariat", 200),
    ],
)
def test_only_the_secretariat_may_carry_forward(client, personas, unfinished, persona, status):
    if persona != "anonymous":
        client.force_login(personas[persona])
    assert client.get("/planes/3/compromisos/CL0046/continuar/").status_code == status


def test_carrying_forward_copies_the_unfinished_work_and_links_both(secretariat_client, unfinished):
    response = secretariat_client.post("/planes/3/compromisos/CL0046/continuar/", {"plan": "", "code": "CL0054"})
    assert response.status_code == 200  # no plan chosen: refused, nothing created
    plan_four = unfinished.plan.__class__.objects.get(slug="4")
    response = secretariat_client.post(
        "/planes/3/compromisos/CL0046/continuar/", {"plan": plan_four.pk, "code": "CL0054"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/planes/4/compromisos/CL0054/"
    new = Commitment.objects.get(plan=plan_four, code="CL0054")
    assert new.carried_from == unfinished
    assert new.problem == "Falta un modelo local." and new.lead_institution == unfinished.lead_institution
    assert [(m.description, m.status, m.progress) for m in new.milestones.all()] == [("Piloto", "in_progress", 40)]
    assert new.progress_computed == 40
    assert "/planes/4/compromisos/CL0054/" in secretariat_client.get("/planes/3/compromisos/CL0046/").content.decode()


def test_it_cannot_go_to_the_same_or_an_earlier_plan_or_twice(secretariat_client, unfinished, make_plan):
    from django.core.exceptions import ValidationError

    from abierto.plans import services

    earlier = make_plan(number=2, start=2014, end=2016)
    with pytest.raises(ValidationError):
        services.commitment_carry_forward(commitment=unfinished, plan=unfinished.plan, code="X1", actor=None)
    with pytest.raises(ValidationError):
        services.commitment_carry_forward(commitment=unfinished, plan=earlier, code="X2", actor=None)
    later = unfinished.plan.__class__.objects.get(slug="4")
    services.commitment_carry_forward(commitment=unfinished, plan=later, code="X3", actor=None)
    with pytest.raises(ValidationError) as error:
        services.commitment_carry_forward(commitment=unfinished, plan=later, code="X4", actor=None)
    assert "Este compromiso ya continúa en ese plan." in str(error.value)
