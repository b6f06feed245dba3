"""Assembling a self-assessment: which report of each commitment it takes, what it copies, and that
the copy does not move when the registry does."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from abierto.assessments.models import Assessment
from abierto.audit.models import AuditEvent
from abierto.monitoring import services as monitoring
from abierto.monitoring.models import MilestoneUpdate, ProgressReport, ReportEvidence, ReportingPeriod
from abierto.plans import services as plan_services
from abierto.plans.models import Milestone
from abierto.selfassessments import services
from abierto.selfassessments.models import SelfAssessment

pytestmark = pytest.mark.django_db
S = ProgressReport.Status
MID = SelfAssessment.Kind.MID_TERM
NOW = datetime.datetime(2026, 11, 22, 12, 0, tzinfo=datetime.UTC)
CUTOFF = datetime.date(2025, 9, 30)


def aware(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def plan(make_plan):
    return make_plan(number=6, start=2023, end=2027)


@pytest.fixture
def commitments(plan, make_commitment, lead_institution):
    return [
        make_commitment(plan, code="CL0081", title="Datos abiertos de compras", lead_institution=lead_institution),
        make_commitment(plan, code="CL0082", title="Justicia abierta", lead_institution=lead_institution),
        make_commitment(plan, code="CL0083", title="Congreso abierto"),
    ]


@pytest.fixture
def periods(plan):
    first = ReportingPeriod.objects.create(
        plan=plan,
        label="Primer semestre 2025",
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 6, 30),
        deadline=datetime.date(2025, 7, 31),
    )
    second = ReportingPeriod.objects.create(
        plan=plan,
        label="Segundo semestre 2025",
        start=datetime.date(2025, 7, 1),
        end=datetime.date(2025, 12, 31),
        deadline=datetime.date(2026, 1, 31),
    )
    return first, second


def report(commitment, period, status, *, version=1, completion="limited", validated=None, text="", **extra):
    validated_at = aware(validated) if validated and status in (S.VALIDATED, S.PUBLISHED) else None
    return ProgressReport.all_objects.create(
        commitment=commitment,
        period=period,
        period_label=period.label,
        status=status,
        version=version,
        completion=completion,
        results_description=text or f"{commitment.code} v{version} {status}",
        validated_at=validated_at,
        published_on=validated if status == S.PUBLISHED else None,
        **extra,
    )


def test_it_takes_the_highest_validated_or_published_version_at_the_cutoff(secretariat, commitments, periods):
    first, _second = periods
    a, b, _c = commitments
    v1 = report(a, first, S.PUBLISHED, validated=datetime.date(2025, 8, 5))
    v2 = report(
        a, first, S.PUBLISHED, version=2, completion="substantial", validated=datetime.date(2025, 9, 1), supersedes=v1
    )
    # A third version in the workflow does not count, whatever it says.
    report(a, first, S.SUBMITTED, version=3, completion="complete", supersedes=v2)
    # b: only a validated (not yet published) report: it counts.
    vb = report(b, first, S.VALIDATED, completion="not_started", validated=datetime.date(2025, 9, 30))

    sa = services.assemble(plan=a.plan, kind=MID, cutoff=CUTOFF, actor=secretariat)

    entries = {e.code: e for e in sa.entries.all()}
    assert list(entries) == ["CL0081", "CL0082", "CL0083"]
    assert (entries["CL0081"].source_report, entries["CL0081"].source_version) == (v2, 2)
    assert entries["CL0081"].completion == "substantial"
    assert entries["CL0081"].report["results_description"] == "CL0081 v2 published"
    assert entries["CL0082"].source_report == vb
    assert entries["CL0082"].source_validated_on == datetime.date(2025, 9, 30)
    assert entries["CL0083"].has_report is False
    assert entries["CL0083"].source_report is None
    assert entries["CL0083"].completion == ""


def test_drafts_submitted_and_returned_reports_never_count(secretariat, commitments, periods):
    first, _ = periods
    a, b, c = commitments
    report(a, first, S.DRAFT, completion="complete")
    report(b, first, S.SUBMITTED, completion="complete")
    report(c, first, S.CHANGES_REQUESTED, completion="complete")

    sa = services.assemble(plan=a.plan, kind=MID, cutoff=CUTOFF, actor=secretariat)

    assert [e.has_report for e in sa.entries.all()] == [False, False, False]
    assert {e.completion for e in sa.entries.all()} == {""}


def test_reports_validated_after_the_cutoff_are_left_out(secretariat, commitments, periods):
    first, second = periods
    a = commitments[0]
    older = report(a, first, S.PUBLISHED, validated=datetime.date(2025, 8, 1))
    # The next period's report was validated the day after the cut-off.
    report(a, second, S.PUBLISHED, completion="complete", validated=datetime.date(2025, 10, 1))
    sa = services.assemble(plan=a.plan, kind=MID, cutoff=CUTOFF, actor=secretariat)
    assert sa.entries.get(code="CL0081").source_report == older


def test_the_latest_period_wins_over_an_older_period_with_more_versions(secretariat, commitments, periods):
    first, second = periods
    a = commitments[0]
    v1 = report(a, first, S.PUBLISHED, validated=datetime.date(2025, 7, 1))
    report(a, first, S.PUBLISHED, version=2, validated=datetime.date(2025, 7, 20), supersedes=v1)
    newer = report(a, second, S.VALIDATED, completion="complete", validated=datetime.date(2025, 9, 15))
    sa = services.assemble(plan=a.plan, kind=MID, cutoff=CUTOFF, actor=secretariat)
    entry = sa.entries.get(code="CL0081")
    assert (entry.source_report, entry.source_period_label, entry.completion) == (
        newer,
        "Segundo semestre 2025",
        "complete",
    )


def test_a_report_loaded_from_an_earlier_source_counts_by_its_publication_date(secretariat, commitments):
    a = commitments[0]
    loaded = ProgressReport.all_objects.create(
        commitment=a,
        period=None,
        period_label="Informe 2024",
        completion="limited",
        results_description="Cargado.",
        published_on=datetime.date(2024, 12, 1),
    )
    sa = services.assemble(plan=a.plan, kind=MID, cutoff=CUTOFF, actor=secretariat)
    assert sa.entries.get(code="CL0081").source_report == loaded


def test_the_real_workflow_correction_in_progress_keeps_the_published_version(
    implementer, secretariat, commitments, periods, make_milestone
):
    first, _ = periods
    a = commitments[0]
    milestone = make_milestone(a, description="Portal publicado", code="1")
    with time_machine.travel(aware(datetime.date(2025, 8, 10)), tick=False):
        draft = monitoring.report_create(
            actor=implementer, commitment=a, period=first, completion="limited", results_description="Tres talleres."
        )
        monitoring.report_update(
            draft,
            actor=implementer,
            milestone_changes=[monitoring.MilestoneChange(milestone, Milestone.Status.IN_PROGRESS, 40, note="Avanza")],
            evidence=[monitoring.EvidenceLink("Acta del taller", "https://example.org/acta.pdf")],
        )
        monitoring.report_submit(draft, actor=implementer)
        monitoring.report_validate(draft, actor=secretariat)
        monitoring.report_publish(draft, actor=secretariat)
        correction = monitoring.report_correct(draft, actor=implementer)
        monitoring.report_update(correction, actor=implementer, fields={"completion": "complete"})
        monitoring.report_submit(correction, actor=implementer)

    sa = services.assemble(plan=a.plan, kind=MID, cutoff=CUTOFF, actor=secretariat)

    entry = sa.entries.get(code="CL0081")
    assert (entry.source_report_id, entry.source_version, entry.completion) == (draft.pk, 1, "limited")
    assert entry.evidence == [
        {"title": "Acta del taller", "url": "https://example.org/acta.pdf", "date": None, "milestone": ""}
    ]
    [m] = entry.milestones
    assert (m["status"], m["progress"], m["reported_status"], m["reported_progress"], m["note"]) == (
        "in_progress",
        40,
        "in_progress",
        40,
        "Avanza",
    )
    assert entry.progress_computed == Decimal("40.00")


def test_the_snapshot_does_not_change_when_the_registry_does(secretariat, commitments, periods, make_milestone):
    first, _ = periods
    a = commitments[0]
    milestone = make_milestone(a, description="Portal", status=Milestone.Status.IN_PROGRESS, progress=50)
    source = report(a, first, S.PUBLISHED, validated=datetime.date(2025, 8, 1), text="Lo que se informó.")
    MilestoneUpdate.objects.create(report=source, milestone=milestone, status="in_progress", progress=50)
    ReportEvidence.objects.create(report=source, title="Informe", url="https://example.org/informe")
    Assessment.objects.create(commitment=a, completion_progress_report="limited")
    sa = services.assemble(plan=a.plan, kind=MID, cutoff=CUTOFF, actor=secretariat)
    entry = sa.entries.get(code="CL0081")

    # Later, everything the entry was copied from changes.
    ProgressReport.all_objects.filter(pk=source.pk).update(results_description="Otra cosa.", completion="complete")
    source.milestone_updates.all().delete()
    source.evidence_links.all().delete()
    milestone.status, milestone.progress = Milestone.Status.COMPLETED, 100
    plan_services.save(milestone, actor=secretariat)
    a.title = "Título nuevo"
    plan_services.save(a, actor=secretariat)
    Assessment.objects.filter(commitment=a).update(completion_progress_report="complete")

    entry.refresh_from_db()
    assert entry.report["results_description"] == "Lo que se informó."
    assert entry.completion == "limited"
    assert entry.title == "Datos abiertos de compras"
    assert entry.progress_computed == Decimal("50.00")
    assert entry.milestones[0]["status"] == "in_progress"
    assert entry.evidence[0]["url"] == "https://example.org/informe"
    assert entry.irm_completion == "limited"
    page = sa.get_absolute_url()
    assert page == f"/autoevaluaciones/{sa.pk}/"


def test_reassembling_replaces_the_entries_while_draft_and_is_refused_afterwards(secretariat, commitments, periods):
    first, second = periods
    a = commitments[0]
    report(a, first, S.PUBLISHED, validated=datetime.date(2025, 8, 1))
    later = report(a, second, S.PUBLISHED, completion="complete", validated=datetime.date(2026, 2, 1))
    sa = services.assemble(plan=a.plan, kind=MID, cutoff=CUTOFF, actor=secretariat, title="Mi título")
    again = services.assemble(plan=a.plan, kind=MID, cutoff=datetime.date(2026, 3, 1), actor=secretariat)
    assert again.pk == sa.pk
    assert again.title == "Mi título"
    assert again.entries.count() == 3
    assert again.entries.get(code="CL0081").source_report == later

    services.open_for_comment(sa, actor=secretariat, start=NOW, end=NOW + datetime.timedelta(days=14))
    with pytest.raises(ValidationError, match="no se puede volver a armar"):
        services.assemble(plan=a.plan, kind=MID, cutoff=CUTOFF, actor=secretariat)
    assert SelfAssessment.objects.get(pk=sa.pk).cutoff == datetime.date(2026, 3, 1)


def test_one_self_assessment_per_plan_and_kind(secretariat, commitments):
    plan = commitments[0].plan
    services.assemble(plan=plan, kind=MID, cutoff=CUTOFF, actor=secretariat)
    services.assemble(plan=plan, kind=SelfAssessment.Kind.END_OF_TERM, cutoff=CUTOFF, actor=secretariat)
    assert SelfAssessment.objects.filter(plan=plan).count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        SelfAssessment.objects.create(plan=plan, kind=MID, cutoff=CUTOFF, title="Otra")


def test_the_cutoff_cannot_be_in_the_future(secretariat, commitments):
    with pytest.raises(ValidationError, match="futura"):
        services.assemble(plan=commitments[0].plan, kind=MID, cutoff=datetime.date(2027, 1, 1), actor=secretariat)
    assert not SelfAssessment.objects.exists()


def test_only_the_secretariat_assembles(implementer, commitments):
    with pytest.raises(PermissionDenied):
        services.assemble(plan=commitments[0].plan, kind=MID, cutoff=CUTOFF, actor=implementer)
    assert not SelfAssessment.objects.exists()


def test_every_transition_is_audited(secretariat, commitments):
    sa = services.assemble(plan=commitments[0].plan, kind=MID, cutoff=CUTOFF, actor=secretariat)
    services.update_text(sa, actor=secretariat, title="Autoevaluación 2025", introduction="Contexto.")
    services.open_for_comment(
        sa, actor=secretariat, start=NOW - datetime.timedelta(days=1), end=NOW + datetime.timedelta(days=14)
    )
    services.close_comment(sa, actor=secretariat)
    services.publish_final(sa, actor=secretariat)
    events = AuditEvent.objects.filter(object_type="selfassessment", object_id=str(sa.pk)).order_by("id")
    assert [e.action for e in events] == ["create", "update", "update", "update", "update"]
    assert all(e.actor == secretariat and e.plan_id == sa.plan_id for e in events)
    statuses = [e.changes.get("status") for e in events]
    assert statuses[2:] == [["draft", "open"], ["open", "closed"], ["closed", "published"]]
    assert events[1].changes["introduction"] == ["", "Contexto."]
    sa.refresh_from_db()
    assert (sa.status, sa.published_by) == (SelfAssessment.Status.PUBLISHED, secretariat)
    # Closing early moved the end of the consultation to that moment.
    assert sa.comment_end == NOW
