"""Truth table: every transition × every persona × every starting status.

Only the lead institution's implementers write (create, edit, submit) their drafts and returned
reports, and the secretariat writes (creates, edits) them on behalf of the institution; the secretariat
submits only what it entered on behalf (tests/test_monitoring_on_behalf.py), not these reports; only the
secretariat requests changes, validates and publishes; a published report is
corrected (by its implementers or the secretariat) as a new version. Everything else is refused.
"""

import datetime
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from abierto.monitoring import services
from abierto.monitoring.models import ProgressReport, ReportingPeriod

pytestmark = pytest.mark.django_db
S = ProgressReport.Status

PERSONAS = ["anonymous", "participant", "implementer", "other_implementer", "secretariat", "forum_member", "evaluator"]
# None: no report yet (only "create" starts there).
STATUSES = [None, S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.VALIDATED, S.PUBLISHED]

# transition: (call, {(persona, starting status): resulting status}); absent pairs are refused.
EDITABLE = [S.DRAFT, S.CHANGES_REQUESTED]
TRANSITIONS = {
    "create": (
        lambda actor, c, p, r: services.report_create(actor=actor, commitment=c, period=p),
        {("implementer", None): S.DRAFT, ("secretariat", None): S.DRAFT},
    ),
    "update": (
        lambda actor, c, p, r: services.report_update(r, actor=actor, fields={"next_steps": "Seguir."}),
        {(persona, s): s for s in EDITABLE for persona in ("implementer", "secretariat")},
    ),
    "submit": (
        lambda actor, c, p, r: services.report_submit(r, actor=actor),
        {("implementer", s): S.SUBMITTED for s in EDITABLE},
    ),
    "request_changes": (
        lambda actor, c, p, r: services.report_request_changes(r, actor=actor, comment="Falta evidencia."),
        {("secretariat", S.SUBMITTED): S.CHANGES_REQUESTED},
    ),
    "validate": (
        lambda actor, c, p, r: services.report_validate(r, actor=actor),
        {("secretariat", S.SUBMITTED): S.VALIDATED},
    ),
    "publish": (
        lambda actor, c, p, r: services.report_publish(r, actor=actor),
        {("secretariat", S.VALIDATED): S.PUBLISHED},
    ),
    "correct": (
        lambda actor, c, p, r: services.report_correct(r, actor=actor),
        {("implementer", S.PUBLISHED): S.DRAFT, ("secretariat", S.PUBLISHED): S.DRAFT},
    ),
}


@pytest.fixture
def commitment(make_plan, make_commitment, lead_institution):
    return make_commitment(make_plan(), lead_institution=lead_institution)


@pytest.fixture(autouse=True)
def quiet(monkeypatch):
    monkeypatch.setattr(services, "notify", lambda **kwargs: None)


CASES = [(t, s) for t, s in itertools.product(TRANSITIONS, STATUSES) if t == "create" or s is not None]


@pytest.mark.parametrize(("transition", "start"), CASES)
def test_truth_table(transition, start, personas, commitment):
    call, allowed = TRANSITIONS[transition]
    for n, persona in enumerate(PERSONAS):
        period = ReportingPeriod.objects.create(
            plan=commitment.plan,
            label=f"Período {n}",
            start=datetime.date(2025, 1, 1),
            end=datetime.date(2025, 6, 30),
            deadline=datetime.date(2025, 7, 31),
        )
        report = None
        if start is not None:
            report = ProgressReport.all_objects.create(
                commitment=commitment,
                period=period,
                period_label=period.label,
                status=start,
                completion="limited",
                results_description="Resultados del período.",
            )
        expected = allowed.get((persona, start))
        if transition == "create" and start is not None and persona in ("implementer", "secretariat"):
            # Allowed to report, but the period already has a report: edit or correct it instead.
            with pytest.raises(ValidationError):
                call(personas[persona], commitment, period, report)
            continue
        if expected is None:
            with pytest.raises(PermissionDenied):
                call(personas[persona], commitment, period, report)
            if report is not None:
                report.refresh_from_db()
                assert report.status == start, (transition, persona, start)
            continue
        result = call(personas[persona], commitment, period, report)
        assert result.status == expected, (transition, persona, start)
        result.refresh_from_db()
        assert result.status == expected, (transition, persona, start)


def test_an_implementer_of_another_institution_never_writes(other_implementer, commitment):
    period = ReportingPeriod.objects.create(
        plan=commitment.plan,
        label="P",
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 6, 30),
        deadline=datetime.date(2025, 7, 31),
    )
    with pytest.raises(PermissionDenied):
        services.report_create(actor=other_implementer, commitment=commitment, period=period)


def test_a_superuser_cannot_skip_the_workflow(django_user_model, commitment):
    """Superusers are secretariat, but a draft is still not validated or published directly."""
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "clave-segura-123")
    period = ReportingPeriod.objects.create(
        plan=commitment.plan,
        label="P",
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 6, 30),
        deadline=datetime.date(2025, 7, 31),
    )
    report = ProgressReport.all_objects.create(
        commitment=commitment, period=period, period_label="P", status=S.DRAFT, completion="limited"
    )
    for call in (services.report_validate, services.report_publish):
        with pytest.raises(PermissionDenied):
            call(report, actor=admin)
