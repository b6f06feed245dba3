"""Reads for the public pages of the registry. Each returns what one page needs in a fixed
number of queries, whatever the size of the data."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from abierto.audit.models import AuditEvent
from abierto.institutions.models import Government, Institution
from abierto.monitoring.models import ProgressReport
from abierto.plans import progress
from abierto.plans.models import (
    ActionPlan,
    Commitment,
    CommitmentValue,
    Completion,
    Evidence,
    Indicator,
    Milestone,
    OgpValue,
    PolicyArea,
)

BAND_LABELS = {
    "not_started": Completion.NOT_STARTED.label,
    "limited": Completion.LIMITED.label,
    "substantial": Completion.SUBSTANTIAL.label,
    "complete": Completion.COMPLETE.label,
}
BAND_ORDER = ["not_started", "limited", "substantial", "complete"]


def home_government() -> Government | None:
    return Government.objects.filter(code=settings.ABIERTO_HOME_GOVERNMENT).first()


def plan_by_slug(slug: str) -> ActionPlan:
    plan = ActionPlan.objects.select_related("government").filter(slug=slug).first()
    if plan is None:
        raise Http404(_("No existe un plan con esa dirección."))
    return plan


# ---------------------------------------------------------------- home and plan index


@dataclass
class HomeData:
    government: Government | None
    current_plan: ActionPlan | None
    plans: list[ActionPlan]
    figures: dict[str, int]
    roadmap: ActionPlan | None


def home_data() -> HomeData:
    government = home_government()
    plans = list(
        ActionPlan.objects.filter(government=government)
        .annotate(n_commitments=Count("commitments"))
        .order_by("-start_year", "-number")
    )
    national = [p for p in plans if p.kind == ActionPlan.Kind.NATIONAL]
    current = next((p for p in national if p.status == ActionPlan.Status.IMPLEMENTATION), None) or (
        national[0] if national else None
    )
    roadmap = next((p for p in plans if p.kind == ActionPlan.Kind.ROADMAP), None)
    # Headline figures count action-plan commitments; the roadmap's actions are not commitments.
    plan_ids = [p.pk for p in plans if p.kind != ActionPlan.Kind.ROADMAP]
    commitments = Commitment.objects.filter(plan_id__in=plan_ids)
    figures = {
        "plans": len(national),
        "commitments": commitments.count(),
        "institutions": Institution.objects.filter(led_commitments__plan_id__in=plan_ids).distinct().count(),
        "overdue": Milestone.objects.overdue().filter(commitment__plan_id__in=plan_ids).count(),
        "evidence": Evidence.objects.filter(commitment__plan_id__in=plan_ids).count(),
    }
    return HomeData(government=government, current_plan=current, plans=plans, figures=figures, roadmap=roadmap)


@dataclass
class PlanIndex:
    government: Government | None
    plans: list[ActionPlan]
    selected_other: Government | None
    other_plans: list[ActionPlan]
    other_governments: list[Government]


def plan_index(*, government_code: str | None = None) -> PlanIndex:
    home = home_government()
    plans = list(
        ActionPlan.objects.filter(government=home)
        .annotate(n_commitments=Count("commitments"))
        .order_by("kind", "-start_year", "-number")
    )
    others = list(
        Government.objects.exclude(pk=home.pk if home else None)
        .annotate(n_plans=Count("plans"))
        .filter(n_plans__gt=0)
        .order_by("kind", "name")
    )
    selected = None
    other_plans: list[ActionPlan] = []
    if government_code:
        selected = next((g for g in others if g.code.lower() == government_code.lower()), None)
        if selected:
            other_plans = list(
                ActionPlan.objects.filter(government=selected)
                .annotate(n_commitments=Count("commitments"))
                .order_by("-start_year", "-number")
            )
    return PlanIndex(
        government=home, plans=plans, selected_other=selected, other_plans=other_plans, other_governments=others
    )


# ---------------------------------------------------------------- plan page

SORTS = {
    "codigo": ("position", "code"),
    "titulo": ("title", "title_en"),
    "avance": ("progress_computed", "position"),
    "-avance": ("-progress_computed", "position"),
    "institucion": ("lead_institution__name", "position"),
    "termino": ("end_date", "position"),
}


@dataclass
class PlanFilters:
    band: str = ""
    institution: str = ""
    area: str = ""
    value: str = ""
    sort: str = "codigo"

    @classmethod
    def from_query(cls, params) -> "PlanFilters":
        sort = params.get("orden", "codigo")
        return cls(
            band=params.get("estado", ""),
            institution=params.get("institucion", ""),
            area=params.get("area", ""),
            value=params.get("valor", ""),
            sort=sort if sort in SORTS else "codigo",
        )

    @property
    def active(self) -> bool:
        return bool(self.band or self.institution or self.area or self.value)


@dataclass
class Group:
    label: str
    mean: Decimal | None
    n: int
    n_counted: int


@dataclass
class PlanPage:
    plan: ActionPlan
    commitments: list[Commitment]
    shown: list[Commitment]
    filters: PlanFilters
    bands: list[tuple[str, str, int]]
    no_data: int
    withdrawn: int
    by_institution: list[Group]
    by_branch: list[Group]
    by_value: list[Group]
    overdue: list[Milestone]
    overdue_total: int
    institutions: list[Institution]
    areas: list[PolicyArea]
    has_milestones: bool
    irm_counts: list[tuple[str, int]]
    self_counts: list[tuple[str, int]]
    today: datetime.date = field(default_factory=timezone.localdate)


def _mean(values: list[Decimal]) -> Decimal | None:
    return progress.plain_mean(values)


def plan_page(plan: ActionPlan, filters: PlanFilters, *, overdue_limit: int = 25) -> PlanPage:
    today = timezone.localdate()
    completion_labels = dict(Completion.choices)
    # The self-reported reading is the completion of each commitment's latest published report:
    # one correlated subquery, however many report versions there are.
    latest_completion = (
        ProgressReport.all_objects.filter(commitment=OuterRef("pk"), status=ProgressReport.Status.PUBLISHED)
        .order_by("-published_on", "-id")
        .values("completion")[:1]
    )
    # Only the columns the table and the charts use: descriptions and the IRM's raw sheet can be
    # tens of kilobytes per commitment.
    commitments = list(
        plan.commitments.select_related("lead_institution", "assessment")
        .only(
            "id",
            "plan_id",
            "code",
            "ogp_id",
            "number",
            "position",
            "title",
            "title_en",
            "end_date",
            "is_withdrawn",
            "progress_computed",
            "progress_milestones_counted",
            "lead_institution__id",
            "lead_institution__name",
            "lead_institution__slug",
            "lead_institution__branch",
            "assessment__id",
            "assessment__commitment_id",
            "assessment__completion_end_of_term",
            "assessment__completion_progress_report",
        )
        .annotate(self_completion=Subquery(latest_completion))
        .order_by(*SORTS[filters.sort])
    )
    if filters.sort == "-avance":
        # Commitments without a figure go last whatever the direction.
        commitments.sort(key=lambda c: (c.progress_computed is None, -(c.progress_computed or 0)))
    elif filters.sort == "avance":
        commitments.sort(key=lambda c: (c.progress_computed is None, c.progress_computed or 0))

    # Policy areas and OGP values as plain tuples, one query each.
    areas_by_commitment: dict[int, list[PolicyArea]] = defaultdict(list)
    area_objects: dict[int, PolicyArea] = {}
    for commitment_id, area_id, name, name_es, slug in Commitment.policy_areas.through.objects.filter(
        commitment__plan=plan
    ).values_list("commitment_id", "policyarea_id", "policyarea__name", "policyarea__name_es", "policyarea__slug"):
        area = area_objects.get(area_id) or PolicyArea(id=area_id, name=name, name_es=name_es, slug=slug)
        area_objects[area_id] = area
        areas_by_commitment[commitment_id].append(area)
    values_by_commitment: dict[int, set[str]] = defaultdict(set)
    for commitment_id, value in CommitmentValue.objects.filter(commitment__plan=plan).values_list(
        "commitment_id", "value"
    ):
        values_by_commitment[commitment_id].add(value)

    for c in commitments:
        c.plan = plan  # every URL on the page needs it; one object, no query per row
        c.band = None if c.is_withdrawn else progress.band(c.progress_computed)
        c.self_reported = completion_labels.get(c.self_completion) if c.self_completion else None
        c.irm = getattr(c, "assessment", None)
        c.value_codes = values_by_commitment.get(c.pk, set())
        c.area_list = sorted(areas_by_commitment.get(c.pk, []), key=lambda a: a.label)
        c.area_slugs = {a.slug for a in c.area_list}

    def keep(c: Commitment) -> bool:
        if filters.band:
            if filters.band == "sin-datos":
                if c.band is not None or c.is_withdrawn:
                    return False
            elif filters.band == "retirado":
                if not c.is_withdrawn:
                    return False
            elif c.band != filters.band:
                return False
        if filters.institution and (not c.lead_institution or c.lead_institution.slug != filters.institution):
            return False
        if filters.area and filters.area not in c.area_slugs:
            return False
        return not (filters.value and filters.value not in c.value_codes)

    shown = [c for c in commitments if keep(c)]
    active = [c for c in commitments if not c.is_withdrawn]
    band_counts = Counter(c.band for c in active if c.band)
    bands = [(b, BAND_LABELS[b], band_counts.get(b, 0)) for b in BAND_ORDER]

    def group(key_fn) -> list[Group]:
        buckets: dict[str, list[Commitment]] = defaultdict(list)
        for c in active:
            for key in key_fn(c):
                buckets[key].append(c)
        groups = []
        for label, items in buckets.items():
            figures = [c.progress_computed for c in items if c.progress_computed is not None]
            groups.append(Group(label=label, mean=_mean(figures), n=len(items), n_counted=len(figures)))
        groups.sort(key=lambda g: (g.mean is None, -(g.mean or 0), g.label))
        return groups

    # Labels translated once per page, not once per commitment.
    branch_labels = {code: str(label) for code, label in Institution.Branch.choices}
    value_labels = {code: str(label) for code, label in OgpValue.choices}
    by_institution = group(
        lambda c: [c.lead_institution.name] if c.lead_institution else [_("Sin institución responsable")]
    )
    by_branch = group(
        lambda c: [branch_labels[c.lead_institution.branch]] if c.lead_institution else [_("Sin clasificar")]
    )
    by_value = group(lambda c: [value_labels[v] for v in sorted(c.value_codes)])

    overdue_qs = Milestone.objects.overdue(today).filter(commitment__plan=plan)
    overdue = list(overdue_qs.select_related("commitment").order_by("end_date")[:overdue_limit])
    for m in overdue:
        m.commitment.plan = plan
    overdue_total = overdue_qs.count()

    institutions = sorted({c.lead_institution for c in commitments if c.lead_institution}, key=lambda i: i.name)
    areas = sorted(area_objects.values(), key=lambda a: a.label)
    irm = Counter(c.irm.latest_completion for c in commitments if c.irm and c.irm.latest_completion)
    selfrep = Counter(c.self_completion for c in commitments if c.self_completion)
    return PlanPage(
        plan=plan,
        commitments=commitments,
        shown=shown,
        filters=filters,
        bands=bands,
        no_data=sum(1 for c in active if c.band is None),
        withdrawn=sum(1 for c in commitments if c.is_withdrawn),
        by_institution=by_institution,
        by_branch=by_branch,
        by_value=by_value,
        overdue=overdue,
        overdue_total=overdue_total,
        institutions=institutions,
        areas=areas,
        has_milestones=any(c.progress_milestones_counted for c in commitments),
        irm_counts=[(completion_labels[k], irm[k]) for k in Completion.values if irm.get(k)],
        self_counts=[(completion_labels[k], selfrep[k]) for k in Completion.values if selfrep.get(k)],
        today=today,
    )


@dataclass
class RoadmapPage:
    plan: ActionPlan
    horizons: list[tuple[str, list[Commitment]]]
    status_counts: list[tuple[str, int]]


def roadmap_page(plan: ActionPlan) -> RoadmapPage:
    milestones = Milestone.objects.only(
        "id",
        "commitment_id",
        "code",
        "position",
        "description",
        "responsibles_text",
        "progress_description",
        "duration_text",
        "status",
    ).order_by("position", "id")
    actions = list(
        plan.commitments.only("id", "plan_id", "code", "title", "title_en", "horizon", "position", "progress_computed")
        .prefetch_related(Prefetch("milestones", queryset=milestones))
        .order_by("position", "code")
    )
    status_labels = {value: str(label) for value, label in Milestone.Status.choices}
    grouped: dict[str, list[Commitment]] = defaultdict(list)
    for action in actions:
        action.plan = plan
        for m in action.milestones.all():
            m.status_label = status_labels[m.status]
        grouped[action.horizon].append(action)
    labels = dict(Commitment.Horizon.choices)
    horizons = [(str(labels[h]), grouped[h]) for h in Commitment.Horizon.values if grouped.get(h)]
    if grouped.get(""):
        horizons.append((_("Sin horizonte"), grouped[""]))
    statuses = Counter(m.status for a in actions for m in a.milestones.all())
    return RoadmapPage(
        plan=plan,
        horizons=horizons,
        status_counts=[(status_labels[s], statuses[s]) for s in Milestone.Status.values if statuses.get(s)],
    )


# ---------------------------------------------------------------- commitment page


def _field_labels(event: AuditEvent) -> list[str]:
    """The changed fields of an audit event, named as the forms name them."""
    model = next((m for m in apps.get_models() if m._meta.model_name == event.object_type), None)
    labels = []
    for name in event.changes:
        try:
            labels.append(str(model._meta.get_field(name).verbose_name) if model else name)
        except FieldDoesNotExist:
            labels.append(name)
    return labels


@dataclass
class MilestoneRow:
    milestone: Milestone
    share: Decimal | None
    contribution: Decimal | None
    overdue: bool
    evidence: list[Evidence]


@dataclass
class CommitmentPage:
    commitment: Commitment
    rows: list[MilestoneRow]
    total_weight: Decimal
    loose_evidence: list[Evidence]
    indicators: list[Indicator]
    report: ProgressReport | None
    reports: list[ProgressReport]
    assessment: object | None
    history: list[AuditEvent]
    carried_to: list[Commitment]
    band: str | None


def commitment_page(plan: ActionPlan, code: str, *, history_limit: int = 50) -> CommitmentPage:
    commitment = (
        Commitment.objects.select_related("plan", "plan__government", "lead_institution", "carried_from__plan")
        .prefetch_related(
            "supporting_institutions",
            "policy_areas",
            "values",
            Prefetch("milestones", queryset=Milestone.objects.order_by("position", "id")),
            Prefetch("evidence", queryset=Evidence.objects.order_by("date", "id")),
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related("measurements")),
            # Published reports only (the workflow's drafts and reviews never reach the public page).
            Prefetch(
                "progress_reports",
                queryset=ProgressReport.all_objects.filter(status=ProgressReport.Status.PUBLISHED).order_by(
                    "-published_on", "-id"
                ),
            ),
            Prefetch("carried_to", queryset=Commitment.objects.select_related("plan")),
        )
        .filter(plan=plan, code=code)
        .first()
    )
    if commitment is None:
        raise Http404(_("No existe ese compromiso en este plan."))
    commitment.plan = plan
    today = timezone.localdate()
    milestones = list(commitment.milestones.all())
    counted = [m for m in milestones if m.counts_for_progress]
    total_weight = sum((m.weight for m in counted), Decimal(0))
    evidence = list(commitment.evidence.all())
    by_milestone: dict[int, list[Evidence]] = defaultdict(list)
    loose = []
    for item in evidence:
        if item.milestone_id:
            by_milestone[item.milestone_id].append(item)
        else:
            loose.append(item)
    rows = []
    for m in milestones:
        share = (
            (m.weight / total_weight * 100).quantize(Decimal("0.1")) if m.counts_for_progress and total_weight else None
        )
        contribution = (m.weight * m.progress / total_weight).quantize(Decimal("0.01")) if share is not None else None
        rows.append(MilestoneRow(m, share, contribution, m.is_overdue(today), by_milestone.get(m.pk, [])))
    from abierto.monitoring.services import report_changes

    reports = list(commitment.progress_reports.all())
    # A correction (version n+1) lists what it changed from the version it supersedes.
    by_id = {r.pk: r for r in reports}
    for r in reports:
        r.changes = report_changes(by_id.get(r.supersedes_id), r) if r.supersedes_id else []
    try:
        assessment = commitment.assessment
    except Commitment.assessment.RelatedObjectDoesNotExist:
        assessment = None
    history = list(AuditEvent.objects.filter(commitment=commitment).order_by("-created_at", "-id")[:history_limit])
    for event in history:
        event.field_labels = _field_labels(event)
    return CommitmentPage(
        commitment=commitment,
        rows=rows,
        total_weight=total_weight,
        loose_evidence=loose,
        indicators=list(commitment.indicators.all()),
        report=reports[0] if reports else None,
        reports=reports,
        assessment=assessment,
        history=history,
        carried_to=list(commitment.carried_to.all()),
        band=None if commitment.is_withdrawn else progress.band(commitment.progress_computed),
    )


# ---------------------------------------------------------------- institutions


INSTITUTIONS_PER_PAGE = 50


def institution_index(*, branch: str = "", page: str | int | None = 1) -> Page:
    qs = Institution.objects.annotate(
        n_led=Count("led_commitments", distinct=True), n_supported=Count("supported_commitments", distinct=True)
    ).filter(Q(n_led__gt=0) | Q(n_supported__gt=0))
    if branch:
        qs = qs.filter(branch=branch)
    return Paginator(qs.order_by("name", "id"), INSTITUTIONS_PER_PAGE).get_page(page)


@dataclass
class InstitutionPage:
    institution: Institution
    led: list[tuple[ActionPlan, list[Commitment]]]
    supported: list[Commitment]
    mean: Decimal | None
    n_counted: int
    n_led: int


def institution_page(slug: str) -> InstitutionPage:
    institution = Institution.objects.select_related("government").filter(slug=slug).first()
    if institution is None:
        raise Http404(_("No existe esa institución en el registro."))
    led = list(
        Commitment.objects.filter(lead_institution=institution)
        .select_related("plan")
        .order_by("-plan__start_year", "plan__number", "position", "code")
    )
    grouped: dict[int, list[Commitment]] = defaultdict(list)
    plans: dict[int, ActionPlan] = {}
    for c in led:
        grouped[c.plan_id].append(c)
        plans[c.plan_id] = c.plan
        c.band = None if c.is_withdrawn else progress.band(c.progress_computed)
    supported = list(
        institution.supported_commitments.select_related("plan", "lead_institution").order_by(
            "-plan__start_year", "position"
        )
    )
    figures = [c.progress_computed for c in led if c.progress_computed is not None and not c.is_withdrawn]
    return InstitutionPage(
        institution=institution,
        led=[(plans[pid], items) for pid, items in grouped.items()],
        supported=supported,
        mean=progress.plain_mean(figures),
        n_counted=len(figures),
        n_led=len(led),
    )


def value_choices() -> list[tuple[str, str]]:
    return [(v, str(label)) for v, label in OgpValue.choices]
