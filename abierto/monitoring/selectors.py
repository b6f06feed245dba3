"""Reading for the monitoring pages. Each function runs a fixed number of queries, whatever the size."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from abierto.accounts.rules import institution_ids
from abierto.monitoring.models import ProgressReport, ReportingPeriod, ReviewComment
from abierto.plans.models import ActionPlan, Commitment, Milestone

Status = ProgressReport.Status
NOT_YET_SUBMITTED = {None, Status.DRAFT, Status.CHANGES_REQUESTED}


@dataclass
class Row:
    commitment: Commitment
    period: ReportingPeriod
    report: ProgressReport | None
    late: bool
    overdue_milestones: int = 0
    last_comment: ReviewComment | None = None

    @property
    def status(self) -> str | None:
        return self.report.status if self.report else None

    @property
    def form_url(self) -> str:
        return reverse("monitoring:report_form", args=[self.commitment.pk, self.period.pk])


def _latest_reports(commitment_ids, period_ids) -> dict[tuple[int, int], ProgressReport]:
    """The latest version of each (commitment, period) report, with its number of comments."""
    latest: dict[tuple[int, int], ProgressReport] = {}
    newer = ProgressReport.all_objects.filter(
        commitment_id=OuterRef("commitment_id"), period_id=OuterRef("period_id"), version__gt=OuterRef("version")
    )
    reports = (
        ProgressReport.all_objects.filter(commitment_id__in=commitment_ids, period_id__in=period_ids)
        .filter(~Exists(newer))  # only the latest version of each: earlier ones are never shown here
        .annotate(n_comments=Count("comments"))
        .only(
            "id",
            "commitment_id",
            "period_id",
            "status",
            "version",
            "completion",
            "submitted_at",
            "published_on",
            "entered_on_behalf",
        )
        .order_by("commitment_id", "period_id", "version")
    )
    for report in reports:
        latest[(report.commitment_id, report.period_id)] = report
    return latest


def _is_late(period: ReportingPeriod, report: ProgressReport | None, today: datetime.date) -> bool:
    """Deadline passed and nothing submitted (a correction in progress is not late: a version is public)."""
    if not period.is_past_deadline(today):
        return False
    if report is None:
        return True
    return report.status in NOT_YET_SUBMITTED and report.version == 1


@dataclass
class PeriodGroup:
    period: ReportingPeriod
    rows: list[Row]
    #: Reports of a past period already sent: counted, not listed.
    done: int = 0


@dataclass
class Home:
    is_secretariat: bool
    groups: list[PeriodGroup]
    returned: list[Row]
    commitments: list[Commitment]
    periods_for_secretariat: list[ReportingPeriod]
    today: datetime.date = field(default_factory=timezone.localdate)


HOME_RECENT_DAYS = 90
HOME_REPORT_FIELDS = ("id", "commitment_id", "period_id", "status", "version", "submitted_at", "entered_on_behalf")


def home(user, *, secretariat: bool) -> Home:
    today = timezone.localdate()
    ids = institution_ids(user)
    commitments = []
    groups: list[PeriodGroup] = []
    returned: list[Row] = []
    if ids:
        commitments = list(
            Commitment.objects.filter(lead_institution_id__in=ids)
            .only("id", "code", "title", "title_en", "plan_id", "position")
            .order_by("plan_id", "position", "code")
        )
        by_plan: dict[int, list[Commitment]] = defaultdict(list)
        for c in commitments:
            by_plan[c.plan_id].append(c)
        periods = list(
            ReportingPeriod.objects.filter(plan_id__in=by_plan).select_related("plan").order_by("deadline", "id")
        )
        # The home is what is due: current periods in full; for periods whose deadline is long past,
        # only what still needs the implementer (missing, draft, returned). The rest is counted.
        # Two queries joined on the institution (no list of ids): the reports of past periods that are
        # done, as keys only, and the latest version of every report the page shows.
        recent = today - datetime.timedelta(days=HOME_RECENT_DAYS)
        open_work = [Status.DRAFT, Status.CHANGES_REQUESTED]
        newer = ProgressReport.all_objects.filter(
            commitment_id=OuterRef("commitment_id"), period_id=OuterRef("period_id"), version__gt=OuterRef("version")
        )
        latest = ProgressReport.all_objects.filter(commitment__lead_institution_id__in=ids).filter(~Exists(newer))
        done_keys = set(
            latest.filter(period__deadline__lt=recent)
            .exclude(status__in=open_work)
            .values_list("commitment_id", "period_id")
        )
        shown = {
            (r.commitment_id, r.period_id): r
            for r in latest.filter(Q(period__deadline__gte=recent) | Q(status__in=open_work)).only(*HOME_REPORT_FIELDS)
        }
        for period in periods:
            rows = []
            done = 0
            for c in by_plan[period.plan_id]:
                if (c.pk, period.pk) in done_keys:
                    done += 1
                    continue
                report = shown.get((c.pk, period.pk))
                rows.append(Row(c, period, report, _is_late(period, report, today)))
            if rows:
                groups.append(PeriodGroup(period, rows, done))
        returned_rows = [r for g in groups for r in g.rows if r.status == Status.CHANGES_REQUESTED]
        last: dict[int, ReviewComment] = {}
        for comment in ReviewComment.objects.filter(report_id__in=[r.report.pk for r in returned_rows]).order_by(
            "created_at", "id"
        ):
            last[comment.report_id] = comment
        for row in returned_rows:
            row.last_comment = last.get(row.report.pk)
        returned = returned_rows
    periods_for_secretariat = []
    if secretariat:
        periods_for_secretariat = list(ReportingPeriod.objects.select_related("plan").order_by("-deadline", "id")[:50])
    return Home(secretariat, groups, returned, commitments, periods_for_secretariat, today)


@dataclass
class Dashboard:
    period: ReportingPeriod
    plan: ActionPlan
    rows: list[Row]
    counts: dict[str, int]
    late: int
    missing: int
    today: datetime.date


def dashboard(period_id: int) -> Dashboard:
    from django.shortcuts import get_object_or_404

    today = timezone.localdate()
    period = get_object_or_404(ReportingPeriod.objects.select_related("plan"), pk=period_id)
    overdue = Q(milestones__end_date__lt=today) & ~Q(
        milestones__status__in=[Milestone.Status.COMPLETED, Milestone.Status.WITHDRAWN]
    )
    commitments = list(
        period.plan.commitments.select_related("lead_institution")
        .only(
            "id",
            "code",
            "title",
            "title_en",
            "plan_id",
            "position",
            "is_withdrawn",
            "lead_institution__id",
            "lead_institution__name",
        )
        .annotate(n_overdue=Count("milestones", filter=overdue))
        .order_by("position", "code")
    )
    latest = _latest_reports([c.pk for c in commitments], [period.pk])
    rows = []
    counts: dict[str, int] = defaultdict(int)
    for c in commitments:
        c.plan = period.plan
        report = latest.get((c.pk, period.pk))
        row = Row(c, period, report, _is_late(period, report, today), overdue_milestones=c.n_overdue)
        rows.append(row)
        counts[row.status or "missing"] += 1
    return Dashboard(
        period=period,
        plan=period.plan,
        rows=rows,
        counts=dict(counts),
        late=sum(1 for r in rows if r.late),
        missing=counts.get("missing", 0),
        today=today,
    )
