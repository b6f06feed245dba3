"""An institution's system submits a progress report through the API, with a person's key, under the same
rules and workflow as the web form: its own commitments only, drafts first, every change in the history."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from abierto.accounts import tokens
from abierto.audit.models import AuditEvent
from abierto.monitoring.models import ProgressReport, ReportingPeriod

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def commitment(make_plan, make_commitment, lead_institution):
    return make_commitment(make_plan(), lead_institution=lead_institution)


@pytest.fixture
def period(commitment):
    return ReportingPeriod.objects.create(
        plan=commitment.plan,
        label="Primer semestre 2026",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 6, 30),
        deadline=datetime.date(2026, 7, 31),
    )


@pytest.fixture
def milestone(commitment, make_milestone):
    return make_milestone(commitment, description="Diseño del modelo", code="1")


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {tokens.create(user=user, name='Sistema')[1]}"}


def _post(client, url, data, auth):
    return client.post(url, json.dumps(data), content_type="application/json", **auth)


def test_an_implementer_system_drafts_attaches_and_submits_a_report(client, implementer, commitment, period, milestone):
    auth = _auth(implementer)
    created = _post(
        client,
        "/api/v1/me/reports/",
        {
            "commitment": commitment.pk,
            "period": period.pk,
            "completion": "limited",
            "results_description": "Tres talleres regionales.",
            "milestones": [{"milestone": milestone.pk, "status": "in_progress", "progress": 40}],
            "evidence": [{"title": "Acta del taller", "url": "https://example.org/acta.pdf"}],
        },
        auth,
    )
    assert created.status_code == 201, created.content
    report = created.json()
    assert report["status"] == "draft" and report["milestones"][0]["progress"] == 40
    assert report["evidence"][0]["url"] == "https://example.org/acta.pdf"

    upload = SimpleUploadedFile("informe.pdf", PDF, content_type="application/pdf")
    attached = client.post(f"/api/v1/me/reports/{report['id']}/files/", {"title": "Informe", "file": upload}, **auth)
    assert attached.status_code == 201, attached.content
    assert any(row["file"] == "informe.pdf" for row in attached.json()["evidence"])

    patched = client.patch(
        f"/api/v1/me/reports/{report['id']}/",
        json.dumps({"next_steps": "Publicar el modelo."}),
        content_type="application/json",
        **auth,
    )
    assert patched.json()["next_steps"] == "Publicar el modelo."
    submitted = client.post(f"/api/v1/me/reports/{report['id']}/submit/", **auth)
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"

    stored = ProgressReport.all_objects.get()
    assert stored.created_by == implementer and stored.submitted_by == implementer
    assert AuditEvent.objects.filter(object_type="progressreport", actor=implementer).count() >= 3
    # Not public until the secretariat validates and publishes it.
    assert client.get("/api/v1/reports/").json()["results"] == []


def test_the_implementer_of_another_institution_cannot_report_or_see(
    client, other_implementer, implementer, commitment, period
):
    auth = _auth(other_implementer)
    response = _post(client, "/api/v1/me/reports/", {"commitment": commitment.pk, "period": period.pk}, auth)
    assert response.status_code == 403
    assert not ProgressReport.all_objects.exists()
    _post(client, "/api/v1/me/reports/", {"commitment": commitment.pk, "period": period.pk}, _auth(implementer))
    report = ProgressReport.all_objects.get()
    assert client.get(f"/api/v1/me/reports/{report.pk}/", **auth).status_code == 404
    assert client.get("/api/v1/me/reports/", **auth).json()["results"] == []


@pytest.mark.parametrize(
    "body, field",
    [
        ({"completion": "casi"}, "completion"),
        ({"milestones": [{"milestone": 999999, "status": "completed", "progress": 100}]}, "milestones[0]"),
        ({"milestones": [{"milestone": "M", "status": "x", "progress": 1}]}, "milestones[0]"),
        ({"evidence": [{"title": "Sin enlace"}]}, "evidence[0]"),
        ({"colour": "azul"}, None),
    ],
)
def test_bad_data_is_refused_whole_with_the_field_named(
    client, implementer, commitment, period, milestone, body, field
):
    response = _post(
        client, "/api/v1/me/reports/", {"commitment": commitment.pk, "period": period.pk, **body}, _auth(implementer)
    )
    assert response.status_code == 400
    error = response.json()["error"]
    if field:
        assert field in error["details"]
    assert not ProgressReport.all_objects.exists()


def test_a_report_cannot_be_submitted_without_the_required_fields(client, implementer, commitment, period):
    auth = _auth(implementer)
    report = _post(client, "/api/v1/me/reports/", {"commitment": commitment.pk, "period": period.pk}, auth).json()
    response = client.post(f"/api/v1/me/reports/{report['id']}/submit/", **auth)
    assert response.status_code == 400
    assert set(response.json()["error"]["details"]) == {"completion", "results_description"}
    assert ProgressReport.all_objects.get().status == "draft"


def test_a_nul_character_is_refused_not_stored(client, implementer, commitment, period):
    body = {"commitment": commitment.pk, "period": period.pk, "next_steps": "Publicar\x00"}
    response = _post(client, "/api/v1/me/reports/", body, _auth(implementer))
    assert response.status_code == 400
    assert not ProgressReport.all_objects.exists()
