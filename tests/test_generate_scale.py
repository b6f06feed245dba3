"""The national-scale data builder (generate_scale), on its small profile."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from abierto.core.scale import PROFILES, SCALE_SOURCE
from abierto.plans.models import ActionPlan, Commitment, Evidence, Indicator, Measurement, Milestone
from abierto.search import services as search

pytestmark = pytest.mark.django_db


@pytest.fixture
def rebuild_calls(monkeypatch):
    """Records calls to the search rebuild, and still runs the real one when there is one."""
    calls = []
    original = getattr(search, "rebuild", None)

    def recording_rebuild(*args, **kwargs):
        calls.append((args, kwargs))
        return original(*args, **kwargs) if callable(original) else None

    monkeypatch.setattr(search, "rebuild", recording_rebuild, raising=False)
    return calls


def test_small_profile_builds_the_requested_rows_and_derived_figures(rebuild_calls):
    call_command("generate_scale", profile="small")

    profile = PROFILES["small"]
    assert ActionPlan.objects.count() == profile.plans
    assert Commitment.objects.count() == profile.commitments
    assert Milestone.objects.count() == profile.milestones
    assert Evidence.objects.count() == profile.evidence
    assert Indicator.objects.count() == profile.indicators
    assert Measurement.objects.count() == profile.measurements
    assert ActionPlan.objects.filter(kind=ActionPlan.Kind.ROADMAP).count() == 1
    assert not ActionPlan.objects.exclude(source=SCALE_SOURCE).exists()

    # Progress was computed from the milestones: every commitment with a counting milestone has a figure,
    # and it matches the arithmetic of abierto.plans.progress.
    counting = Commitment.objects.filter(milestones__isnull=False).exclude(milestones__status="withdrawn").distinct()
    assert counting.exists()
    assert not counting.filter(progress_computed__isnull=True).exists()
    assert not ActionPlan.objects.filter(progress_computed__isnull=True).exists()
    commitment = counting.order_by("pk").first()
    pairs = [(m.weight, m.progress) for m in commitment.milestones.all() if m.status != Milestone.Status.WITHDRAWN]
    expected = sum(w * p for w, p in pairs) / sum(w for w, _ in pairs)
    assert abs(commitment.progress_computed - expected) < 0.01

    # The search index was rebuilt once, after the data was in place.
    assert len(rebuild_calls) == 1


def test_statuses_never_contradict_percentages():
    call_command("generate_scale", profile="small")
    assert not Milestone.objects.filter(status="completed").exclude(progress=100).exists()
    assert not Milestone.objects.filter(status="not_started").exclude(progress=0).exists()
    assert not Milestone.objects.filter(status="in_progress", progress__in=[0, 100]).exists()


def test_same_seed_gives_the_same_registry_and_reruns_replace_synthetic_data():
    call_command("generate_scale", profile="small")
    first = list(Commitment.objects.order_by("plan__slug", "code").values_list("plan__slug", "code", "title"))
    call_command("generate_scale", profile="small")
    second = list(Commitment.objects.order_by("plan__slug", "code").values_list("plan__slug", "code", "title"))
    assert first == second
    assert Commitment.objects.count() == PROFILES["small"].commitments


def test_refuses_to_clobber_real_plans_without_force(make_plan):
    make_plan(number=3, slug="3")
    with pytest.raises(CommandError, match="--force"):
        call_command("generate_scale", profile="small")
    assert ActionPlan.objects.count() == 1

    call_command("generate_scale", profile="small", force=True)
    assert not ActionPlan.objects.filter(slug="3").exists()
    assert ActionPlan.objects.count() == PROFILES["small"].plans


def test_small_profile_builds_reporting_periods_reports_and_roles():
    from django.contrib.auth import get_user_model

    from abierto.accounts.models import Role
    from abierto.institutions.models import Institution
    from abierto.monitoring.models import ProgressReport, ReportingPeriod

    call_command("generate_scale", profile="small")
    profile = PROFILES["small"]
    assert ReportingPeriod.objects.count() == profile.plans * profile.periods_per_plan
    reports = ProgressReport.all_objects.filter(period__isnull=False)
    assert reports.count() == profile.workflow_reports
    assert {"published", "draft"} <= set(reports.values_list("status", flat=True))
    # Versions form chains: each correction supersedes the version before it, of the same pair.
    for report in reports.filter(version__gt=1).select_related("supersedes"):
        assert report.supersedes.version == report.version - 1
        previous = report.supersedes
        assert (previous.commitment_id, previous.period_id) == (report.commitment_id, report.period_id)
        assert report.supersedes.status == "published"
    assert Role.objects.filter(kind=Role.Kind.SECRETARIAT).count() == 1
    assert Role.objects.filter(kind=Role.Kind.IMPLEMENTER).count() == Institution.objects.count()
    assert not any(u.has_usable_password() for u in get_user_model().objects.all())

    # A rerun replaces the accounts and the workflow instead of failing on them.
    call_command("generate_scale", profile="small")
    assert ProgressReport.all_objects.filter(period__isnull=False).count() == profile.workflow_reports
    assert Role.objects.filter(kind=Role.Kind.SECRETARIAT).count() == 1
