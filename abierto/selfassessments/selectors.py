"""Reading self-assessments for the pages and the XLSX download, in a fixed number of queries."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from abierto.plans.models import Completion
from abierto.selfassessments.models import SelfAssessment, SelfAssessmentComment, SelfAssessmentEntry

NO_REPORT = "sin_reporte"
NO_IRM = "sin_irm"
# The order in which completion levels are counted, as OGP lists them.
LEVELS = [c.value for c in Completion]


def listing(*, include_drafts: bool, plan_slug: str | None = None) -> QuerySet:
    qs = (
        SelfAssessment.objects.select_related("plan")
        .annotate(n_entries=Count("entries", distinct=True))
        .order_by("-cutoff", "-id")
    )
    if not include_drafts:
        qs = qs.exclude(status=SelfAssessment.Status.DRAFT)
    if plan_slug:
        qs = qs.filter(plan__slug=plan_slug)
    return qs


@dataclass
class LevelRow:
    key: str
    label: str
    self_reported: int
    irm: int


@dataclass
class Summary:
    total: int
    with_report: int
    without_report: int
    levels: list[LevelRow]
    mean_computed: Decimal | None
    computed_counted: int


@dataclass
class Report:
    sa: SelfAssessment
    entries: list[SelfAssessmentEntry]
    general_comments: list[SelfAssessmentComment]
    comments: list[SelfAssessmentComment]
    summary: Summary
    comments_by_entry: dict[int, list[SelfAssessmentComment]] = field(default_factory=dict)


def summarise(entries: list[SelfAssessmentEntry]) -> Summary:
    """Commitments by completion level, self-reported and IRM side by side, and the mean computed progress."""
    self_reported = Counter(e.completion if e.has_report and e.completion else NO_REPORT for e in entries)
    irm = Counter(e.irm_completion or NO_IRM for e in entries)
    labels = dict(Completion.choices)
    levels = [LevelRow(level, str(labels[level]), self_reported.get(level, 0), irm.get(level, 0)) for level in LEVELS]
    levels.append(
        LevelRow(
            NO_REPORT,
            _("Sin reporte validado / sin evaluación IRM"),
            self_reported.get(NO_REPORT, 0),
            irm.get(NO_IRM, 0),
        )
    )
    computed = [e.progress_computed for e in entries if e.progress_computed is not None]
    mean = None
    if computed:
        mean = (sum(computed) / len(computed)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    with_report = sum(1 for e in entries if e.has_report)
    return Summary(len(entries), with_report, len(entries) - with_report, levels, mean, len(computed))


def _day(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def report(sa_id: int) -> Report:
    """The self-assessment, its entries in order and its comments grouped by entry: four queries."""
    sa = get_object_or_404(SelfAssessment.objects.select_related("plan", "published_by"), pk=sa_id)
    entries = list(sa.entries.order_by("position", "code"))
    comments = list(
        SelfAssessmentComment.objects.filter(self_assessment=sa)
        .select_related("answered_by")
        .order_by("created_at", "id")
    )
    by_entry: dict[int, list[SelfAssessmentComment]] = defaultdict(list)
    entry_by_id = {e.pk: e for e in entries}
    general = []
    for c in comments:
        c.self_assessment = sa
        if c.entry_id is None:
            general.append(c)
        else:
            c.entry = entry_by_id.get(c.entry_id)
            by_entry[c.entry_id].append(c)
    for e in entries:
        e.self_assessment = sa
        e.comment_list = by_entry.get(e.pk, [])
        # The snapshot keeps dates as ISO text; the page formats them as dates.
        for m in e.milestones:
            m["end"] = _day(m.get("end_date"))
        for ev in e.evidence:
            ev["day"] = _day(ev.get("date"))
    return Report(sa, entries, general, comments, summarise(entries), dict(by_entry))
