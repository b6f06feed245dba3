"""The progress-report workflow: draft → submitted → changes requested / validated → published,
corrections as new versions, and what validation does to the public record."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from abierto.audit.models import AuditEvent
from abierto.monitoring import services
from abierto.monitoring.models import ProgressReport, ReportingPeriod, ReviewComment
from abierto.plans.models import Evidence, Milestone

pytestmark = pytest.mark.django_db
Status = ProgressReport.Status


@pytest.fixture
def sent(monkeypatch):
    calls = []
    monkeypatch.setattr(services, "notify", lambda **kwargs: calls.append(kwargs))
    return calls


@pytest.fixture
def commitment(make_plan, make_commitment, lead_institution):
    return make_commitment(make_plan(), lead_institution=lead_institution)


@pytest.fixture
def period(commitment):
    return ReportingPeriod.objects.create(
        plan=commitment.plan,
        label="Primer semestre 2025",
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 6, 30),
        deadline=datetime.date(2025, 7, 31),
    )


@pytest.fixture
def milestones(commitment, make_milestone):
    return [
        make_milestone(commitment, description="Diseño del modelo", code="1"),
        make_milestone(commitment, description="Piloto en municipios", code="2"),
    ]


def _draft(implementer, commitment, period, **fields):
    fields = {"completion": "limited", "results_description": "Se realizaron tres talleres.", **fields}
    return services.report_create(actor=implementer, commitment=commitment, period=period, **fields)


def test_the_whole_path_from_draft_to_published(implementer, secretariat, commitment, period, milestones, sent, client):
    report = _draft(implementer, commitment, period)
    assert (report.status, report.version, report.created_by) == (Status.DRAFT, 1, implementer)
    services.report_update(
        report,
        actor=implementer,
        milestone_changes=[services.MilestoneChange(milestones[0], Milestone.Status.COMPLETED, 100)],
        evidence=[services.EvidenceLink("Informe de talleres", "https://example.org/talleres.pdf")],
    )
    services.report_submit(report, actor=implementer)
    assert report.status == Status.SUBMITTED and report.submitted_by == implementer

    services.report_request_changes(report, actor=secretariat, comment="Agregue la evidencia del piloto.")
    assert report.status == Status.CHANGES_REQUESTED
    assert ReviewComment.objects.get(report=report).text == "Agregue la evidencia del piloto."
    assert [(c["kind"], c["user"]) for c in sent] == [("report_returned", implementer)]
    assert sent[0]["url"] == f"/seguimiento/reportes/{report.pk}/"

    services.report_update(report, actor=implementer, fields={"next_steps": "Extender el piloto."})
    services.report_submit(report, actor=implementer)

    # Nothing reaches the public record before validation.
    milestones[0].refresh_from_db()
    commitment.refresh_from_db()
    assert milestones[0].status == Milestone.Status.NOT_STARTED
    assert commitment.progress_computed == 0
    assert not Evidence.objects.filter(commitment=commitment).exists()

    services.report_validate(report, actor=secretariat)
    milestones[0].refresh_from_db()
    commitment.refresh_from_db()
    assert (milestones[0].status, milestones[0].progress) == (Milestone.Status.COMPLETED, 100)
    assert commitment.progress_computed == 50
    evidence = Evidence.objects.get(commitment=commitment)
    assert evidence.url == "https://example.org/talleres.pdf"
    milestone_event = AuditEvent.objects.filter(object_type="milestone", action="update").latest("id")
    assert milestone_event.actor == secretariat

    # Validated is still not public.
    assert client.get("/planes/3/compromisos/CL0046/").context["page"].report is None

    services.report_publish(report, actor=secretariat)
    assert report.status == Status.PUBLISHED and report.published_by == secretariat
    assert report.published_on is not None
    assert ("report_published", implementer) in [(c["kind"], c["user"]) for c in sent]
    page = client.get("/planes/3/compromisos/CL0046/").context["page"]
    assert page.report == report

    statuses = [
        e.changes["status"][1]
        for e in AuditEvent.objects.filter(object_type="progressreport", commitment=commitment).order_by("id")
        if "status" in e.changes
    ]
    assert statuses == ["draft", "submitted", "changes_requested", "submitted", "validated", "published"]


def test_a_correction_is_a_new_version_and_the_published_one_is_never_edited(
    implementer, secretariat, commitment, period, milestones, sent, client
):
    v1 = _draft(implementer, commitment, period)
    services.report_update(
        v1, actor=implementer, evidence=[services.EvidenceLink("Acta", "https://example.org/acta.pdf")]
    )
    for step in (services.report_submit,):
        step(v1, actor=implementer)
    services.report_validate(v1, actor=secretariat)
    services.report_publish(v1, actor=secretariat)

    v2 = services.report_correct(v1, actor=implementer)
    assert (v2.status, v2.version, v2.supersedes) == (Status.DRAFT, 2, v1)
    assert v2.results_description == v1.results_description
    assert v2.evidence_links.count() == 1
    services.report_update(v2, actor=implementer, fields={"completion": "substantial"})
    v1.refresh_from_db()
    assert (v1.status, v1.completion) == (Status.PUBLISHED, "limited")

    # While v2 is in review the public page keeps v1.
    services.report_submit(v2, actor=implementer)
    assert client.get("/planes/3/compromisos/CL0046/").context["page"].report == v1

    services.report_validate(v2, actor=secretariat)
    services.report_publish(v2, actor=secretariat)
    assert Evidence.objects.filter(commitment=commitment).count() == 1  # not duplicated by the copy
    response = client.get("/planes/3/compromisos/CL0046/")
    page = response.context["page"]
    assert page.report == v2 and page.reports == [v2, v1]
    assert [(c.name, c.old, c.new) for c in page.reports[0].changes] == [("completion", "Limitado", "Sustancial")]
    html = response.content.decode()
    assert "Reportes publicados anteriormente" in html and "Sustancial" in html

    # Only the latest version is corrected.
    with pytest.raises(PermissionDenied):
        services.report_correct(v1, actor=implementer)


def test_one_open_report_per_commitment_and_period(implementer, commitment, period):
    _draft(implementer, commitment, period)
    with pytest.raises(ValidationError):
        _draft(implementer, commitment, period)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressReport.all_objects.create(
            commitment=commitment, period=period, period_label="x", status=Status.SUBMITTED, version=2
        )


def test_a_report_is_not_submitted_without_completion_and_results(implementer, commitment, period):
    report = _draft(implementer, commitment, period, completion="", results_description="  ")
    with pytest.raises(ValidationError) as error:
        services.report_submit(report, actor=implementer)
    assert set(error.value.message_dict) == {"completion", "results_description"}
    report.refresh_from_db()
    assert report.status == Status.DRAFT


def test_changes_are_not_requested_without_a_comment(implementer, secretariat, commitment, period, sent):
    report = _draft(implementer, commitment, period)
    services.report_submit(report, actor=implementer)
    with pytest.raises(ValidationError):
        services.report_request_changes(report, actor=secretariat, comment="  ")
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and sent == []


def test_milestone_updates_keep_status_and_progress_in_agreement(implementer, commitment, period, milestones):
    report = _draft(implementer, commitment, period)
    with pytest.raises(ValidationError):
        services.report_update(
            report,
            actor=implementer,
            milestone_changes=[services.MilestoneChange(milestones[0], Milestone.Status.COMPLETED, 60)],
        )


def test_a_period_of_another_plan_is_refused(implementer, commitment, make_plan):
    other = make_plan(number=4, start=2018, end=2020)
    period = ReportingPeriod.objects.create(
        plan=other,
        label="2019",
        start=datetime.date(2019, 1, 1),
        end=datetime.date(2019, 12, 31),
        deadline=datetime.date(2020, 1, 31),
    )
    with pytest.raises(ValidationError):
        _draft(implementer, commitment, period)


def test_reporting_periods_are_ordered_and_unique_per_plan(commitment, period):
    bad = ReportingPeriod(
        plan=commitment.plan,
        label="Al revés",
        start=datetime.date(2025, 6, 1),
        end=datetime.date(2025, 1, 1),
        deadline=datetime.date(2025, 7, 1),
    )
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert "El término del período no puede ser anterior a su inicio." in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportingPeriod.objects.create(
            plan=commitment.plan, label=period.label, start=period.start, end=period.end, deadline=period.deadline
        )


def test_reports_loaded_from_sources_stay_published_version_one(commitment, client):
    """The Chile loader writes ProgressReport() without a period: a published, first version."""
    from abierto.plans import services as plan_services

    legacy = plan_services.save(
        ProgressReport(commitment=commitment, period_label="Informe de cumplimiento", completion="substantial"),
        actor=None,
        actor_label="carga",
    )
    assert (legacy.status, legacy.version, legacy.period) == (Status.PUBLISHED, 1, None)
    assert list(ProgressReport.objects.all()) == [legacy]
    assert client.get("/planes/3/compromisos/CL0046/").context["page"].report == legacy


def test_drafts_never_reach_public_readers(implementer, commitment, period, client):
    _draft(implementer, commitment, period)
    assert ProgressReport.objects.count() == 0  # the public manager
    assert ProgressReport.all_objects.count() == 1
    response = client.get("/planes/3/compromisos/CL0046/")
    assert response.context["page"].report is None
    assert client.get("/planes/3/").status_code == 200
