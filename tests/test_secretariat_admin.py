"""The secretariat maintains the registry in Spanish forms; every change is recorded with its author;
invalid input gets a clear message and saves nothing; nobody else can write."""

from decimal import Decimal

import pytest

from abierto.audit.models import AuditEvent
from abierto.plans.models import ActionPlan, Commitment, Milestone

pytestmark = pytest.mark.django_db


def milestone_formset(prefix="milestones", rows=()):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def empty_inlines():
    data = {}
    for prefix in ("values", "milestones", "evidence"):
        data.update(milestone_formset(prefix))
    return data


def commitment_form(plan, **overrides):
    data = {
        "plan": plan.pk,
        "code": "CL0046",
        "ogp_id": "CL0046",
        "number": "15",
        "position": "15",
        "title": "Modelo de Gobierno Abierto a nivel subnacional",
        "title_en": "",
        "theme": "",
        "horizon": "",
        "dates_text": "",
        "responsibles_text": "",
        "responsible_name": "",
        "responsible_position": "",
        "responsible_email": "",
        "responsible_phone": "",
        "problem": "",
        "main_objective": "",
        "brief_description": "",
        "description": "",
        "components": "",
        "expected_results": "",
        "ogp_challenge": "",
        "relevance": "",
        "ambition": "",
        "sdg": "",
        "closes_gender_gap": "unknown",
        "closes_inclusion_gap": "unknown",
        "additional_info": "",
        "source": "",
        "year": "",
    }
    data.update(empty_inlines())
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("participant", 302), ("secretariat", 200)],
)
def test_only_the_secretariat_reaches_the_commitment_form(client, participant, secretariat, persona, status):
    if persona == "participant":
        client.force_login(participant)
    elif persona == "secretariat":
        client.force_login(secretariat)
    assert client.get("/admin/plans/commitment/add/").status_code == status


def test_the_secretariat_creates_a_commitment_with_milestones_and_it_is_recorded(
    secretariat_client, secretariat, make_plan
):
    plan = make_plan()
    data = commitment_form(plan)
    data.update(
        milestone_formset(
            "milestones",
            [
                {
                    "description": "Diseño",
                    "status": "completed",
                    "progress": "100",
                    "weight": "2",
                    "code": "1",
                    "position": "1",
                },
                {
                    "description": "Piloto",
                    "status": "in_progress",
                    "progress": "40",
                    "weight": "1",
                    "code": "2",
                    "position": "2",
                },
            ],
        )
    )
    response = secretariat_client.post("/admin/plans/commitment/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    commitment = Commitment.objects.get(code="CL0046")
    assert commitment.progress_computed == Decimal("80.00")
    plan.refresh_from_db()
    assert plan.progress_computed == Decimal("80.00")
    events = AuditEvent.objects.filter(commitment=commitment, actor=secretariat)
    assert {e.action for e in events} == {"create"}
    assert events.count() == 3  # the commitment and its two milestones
    assert "Valeria Secretaria" in {e.actor_label for e in events}


def test_an_edit_records_what_changed_from_what_to_what(secretariat_client, secretariat, make_plan, make_commitment):
    plan = make_plan()
    commitment = make_commitment(plan)
    data = commitment_form(plan, theme="Modernización del Estado")
    response = secretariat_client.post(f"/admin/plans/commitment/{commitment.pk}/change/", data)
    assert response.status_code == 302
    event = AuditEvent.objects.filter(commitment=commitment, action="update").get()
    assert event.actor == secretariat
    assert event.changes["theme"] == ["", "Modernización del Estado"]


def test_a_status_and_percentage_that_disagree_are_refused_and_nothing_is_saved(secretariat_client, make_plan):
    plan = make_plan()
    data = commitment_form(plan)
    data.update(
        milestone_formset(
            "milestones",
            [
                {"description": "Diseño", "status": "completed", "progress": "60", "weight": "1", "position": "1"},
            ],
        )
    )
    events = AuditEvent.objects.count()
    response = secretariat_client.post("/admin/plans/commitment/add/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Un hito completo tiene un avance de 100 %." in page
    assert "Modelo de Gobierno Abierto a nivel subnacional" in page  # what was typed is kept
    assert not Commitment.objects.filter(code="CL0046").exists()
    assert not Milestone.objects.exists()
    assert AuditEvent.objects.count() == events


def test_deleting_a_milestone_in_the_admin_recomputes_and_is_recorded(
    secretariat_client, secretariat, make_plan, make_commitment, make_milestone
):
    commitment = make_commitment(make_plan())
    make_milestone(commitment, status="completed", progress=100)
    late = make_milestone(commitment, status="not_started", progress=0)
    response = secretariat_client.post(f"/admin/plans/milestone/{late.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.progress_computed == Decimal("100.00")
    assert AuditEvent.objects.filter(action="delete", object_type="milestone", actor=secretariat).exists()


def test_derived_figures_cannot_be_typed(secretariat_client, make_plan, make_commitment):
    commitment = make_commitment(make_plan())
    page = secretariat_client.get(f"/admin/plans/commitment/{commitment.pk}/change/").content.decode()
    assert 'name="progress_computed"' not in page


def test_the_audit_log_cannot_be_edited_or_erased(secretariat_client, make_plan):
    make_plan()
    event = AuditEvent.objects.first()
    assert secretariat_client.get(f"/admin/audit/auditevent/{event.pk}/delete/").status_code == 403
    response = secretariat_client.post(f"/admin/audit/auditevent/{event.pk}/change/", {"actor_label": "otro"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.actor_label == "prueba"


def test_the_admin_speaks_spanish(secretariat_client):
    page = secretariat_client.get("/admin/").content.decode()
    assert "Abierto · Secretaría ejecutiva" in page
    assert "Planes de acción" in page


def test_a_plan_with_its_end_before_its_start_is_refused(secretariat_client, chile):
    response = secretariat_client.post(
        "/admin/plans/actionplan/add/",
        {
            "government": chile.pk,
            "kind": "national",
            "number": "7",
            "slug": "7",
            "title": "Séptimo",
            "start_year": "2027",
            "end_year": "2025",
            "status": "co_creation",
        },
    )
    assert response.status_code == 200
    assert "El año de término no puede ser anterior al año de inicio." in response.content.decode()
    assert not ActionPlan.objects.filter(slug="7").exists()
