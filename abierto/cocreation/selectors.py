"""Reads of the co-creation pages, each in a fixed number of queries."""

import datetime
import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from abierto.audit.models import AuditEvent
from abierto.cocreation import processcache, similarity, territory
from abierto.cocreation.models import (
    CoCreationProcess,
    CoCreationTable,
    Comment,
    Flag,
    Proposal,
    Stage,
    Support,
    TableParticipation,
    TableProposal,
    TableSector,
    Theme,
    Workshop,
)
from abierto.cocreation.text import terms_of

PAGE_SIZE = 20
SORTS = {"apoyos": ("-support_count", "-submitted_at", "-id"), "recientes": ("-submitted_at", "-id")}


def _load_process(slug: str) -> CoCreationProcess | None:
    return (
        CoCreationProcess.objects.select_related("plan")
        .prefetch_related(Prefetch("stages", queryset=Stage.objects.order_by("position")))
        .filter(slug=slug)
        .first()
    )


def process_by_slug(slug: str) -> CoCreationProcess:
    """The process with its plan and stages (from a short-lived cache: ``processcache``)."""
    process = processcache.processes.get(slug, lambda: _load_process(slug))
    if process is None:
        raise Http404(_("No existe ese proceso de cocreación."))
    return process


def process_index() -> list[CoCreationProcess]:
    return list(
        CoCreationProcess.objects.select_related("plan")
        .prefetch_related(Prefetch("stages", queryset=Stage.objects.order_by("position")))
        .annotate(n_proposals=Count("proposals", filter=Q(proposals__status="published")))
        .order_by("-plan__start_year")
    )


@dataclass
class ProcessPage:
    process: CoCreationProcess
    n_published: int
    n_supports: int
    n_without_response: int
    by_response: list[tuple[str, int]]
    themes: list[Theme]
    workshops: list


def process_page(process: CoCreationProcess) -> ProcessPage:
    published = process.proposals.published()
    totals = published.aggregate(n=Count("id"), supports=Sum("support_count"))
    responses = dict(published.exclude(response_kind="").values_list("response_kind").annotate(n=Count("id")))
    by_response = [(label, responses.get(value, 0)) for value, label in Proposal.Response.choices]
    return ProcessPage(
        process=process,
        n_published=totals["n"],
        n_supports=totals["supports"] or 0,
        n_without_response=process.proposals_without_response().count(),
        by_response=by_response,
        themes=list(process.themes.all()),
        workshops=list(process.workshops.all()),
    )


@dataclass
class ProposalFilters:
    theme: str = ""
    region: str = ""
    status: str = ""
    sort: str = "apoyos"
    kind: str = ""

    STATUSES = {
        "sin-respuesta": Q(response_kind=""),
        "incorporada": Q(response_kind="adopted"),
        "fusionada": Q(response_kind="merged"),
        "no-incorporada": Q(response_kind="not_adopted"),
    }

    @classmethod
    def from_query(cls, params) -> "ProposalFilters":
        region = params.get("region", "")
        status = params.get("estado", "")
        sort = params.get("orden", "apoyos")
        kind = params.get("tipo", "")
        return cls(
            theme=params.get("tema", "")[:120],
            region=region if region in territory.REGION_NAMES else "",
            status=status if status in cls.STATUSES else "",
            sort=sort if sort in SORTS else "apoyos",
            kind=kind if kind in Proposal.Kind.values else "",
        )

    def querystring(self, **override: str) -> str:
        from urllib.parse import urlencode

        values = {
            "tema": self.theme,
            "region": self.region,
            "estado": self.status,
            "orden": self.sort,
            "tipo": self.kind,
        }
        values.update(override)
        return urlencode({k: v for k, v in values.items() if v})


def proposal_list(process: CoCreationProcess, filters: ProposalFilters, page: Any = 1) -> Page:
    filtered = process.proposals.visible().filter(_filters_but_theme(filters))
    queryset = filtered.filter(themes__slug=filters.theme) if filters.theme else filtered
    queryset = queryset.select_related("author", "response_commitment").prefetch_related("themes")
    queryset = queryset.order_by(*SORTS[filters.sort])
    paginator = Paginator(queryset, PAGE_SIZE)
    paginator.count = _list_count(process, filters, filtered)
    return paginator.get_page(page)


def _list_count(process: CoCreationProcess, filters: ProposalFilters, filtered) -> int:
    """How many proposals the list holds, from the cache while no proposal changed (``processcache``). A theme is
    counted by its id: by its slug the database would read every theme's rows of the many-to-many table."""

    def count() -> int:
        if not filters.theme:
            return filtered.count()
        theme_id = Theme.objects.filter(process=process, slug=filters.theme).values_list("pk", flat=True).first()
        return filtered.filter(themes=theme_id).count() if theme_id is not None else 0

    key = hashlib.sha256(repr((process.pk, filters.theme, filters.region, filters.status, filters.kind)).encode())
    return processcache.proposal_counts.get(key.hexdigest(), count)


def _filters_but_theme(filters: ProposalFilters) -> Q:
    condition = Q()
    if filters.region:
        condition &= Q(region=filters.region)
    if filters.status:
        condition &= filters.STATUSES[filters.status]
    if filters.kind:
        condition &= Q(kind=filters.kind)
    return condition


def supported_ids(user, process: CoCreationProcess) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Support.objects.filter(user=user, proposal__process=process).values_list("proposal_id", flat=True))


def similar_proposals(
    process: CoCreationProcess, text: str, *, exclude_id: int | None = None, limit: int = 5
) -> list[tuple[Proposal, float]]:
    """The published proposals of ``process`` most like ``text`` (see ``abierto.cocreation.similarity``):
    exact over a small process, through the inverted index over a large one."""
    candidates = process.proposals.visible().exclude(merged_into__isnull=False)
    if exclude_id:
        candidates = candidates.exclude(pk=exclude_id)
    scored = similarity.similar(process.pk, terms_of(text), candidates, limit=limit)
    # What a list of similar proposals shows (a title and a link): not the long texts of their forms.
    by_id = Proposal.objects.only("id", "process_id", "title", "support_count").in_bulk([pk for pk, _ in scored])
    for row in by_id.values():
        row.process = process
    return [(by_id[pk], score) for pk, score in scored if pk in by_id]


@dataclass
class TraceStep:
    label: str
    done: bool
    when: Any = None
    detail: str = ""
    url: str = ""


@dataclass
class ProposalPage:
    proposal: Proposal
    comments: list[Comment]
    trace: list[TraceStep]
    commitment_events: list[AuditEvent] = field(default_factory=list)
    similar: list[tuple[Proposal, float]] = field(default_factory=list)
    merged_from: list[Proposal] = field(default_factory=list)


def proposal_for_action(process: CoCreationProcess, pk: int) -> Proposal:
    """The proposal a support or a comment is about: one query, without what only its page shows."""
    proposal = Proposal.objects.select_related("author").filter(process=process, pk=pk).first()
    if proposal is None:
        raise Http404(_("No existe esa propuesta."))
    proposal.process = process
    return proposal


# What deciding on a support reads of its proposal (the rules, the redirect): not the long texts of its form.
SUPPORT_FIELDS = ("id", "process_id", "kind", "status", "author_id", "title", "hidden_at", "response_kind")


def proposal_for_support(process: CoCreationProcess, pk: int) -> Proposal:
    """The proposal a support is about, in one narrow query: the busiest write of a consultation."""
    proposal = Proposal.objects.only(*SUPPORT_FIELDS).filter(process=process, pk=pk).first()
    if proposal is None:
        raise Http404(_("No existe esa propuesta."))
    proposal.process = process
    return proposal


def proposal_by_id(process: CoCreationProcess, pk: int) -> Proposal:
    proposal = (
        # Not the process (the caller's, with its stages, is set below) nor what it was merged into (one proposal in
        # a hundred: read only then, for its title).
        Proposal.objects.select_related("author", "lead_institution", "response_commitment__plan")
        .prefetch_related("themes", "links", "files")
        .filter(process=process, pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404(_("No existe esa propuesta."))
    proposal.process = process  # share the stages already fetched
    return proposal


def comment_threads(comments: list[Comment]) -> list[Comment]:
    """Comments in reading order: each followed by its replies (depth first), with ``.children``."""
    by_parent: dict[int | None, list[Comment]] = {}
    for comment in comments:
        by_parent.setdefault(comment.parent_id, []).append(comment)
    ordered: list[Comment] = []

    def walk(parent_id: int | None) -> None:
        for comment in by_parent.get(parent_id, []):
            ordered.append(comment)
            walk(comment.pk)

    walk(None)
    return ordered


def proposal_page(proposal: Proposal, *, with_similar: bool = True) -> ProposalPage:
    comments = comment_threads(list(proposal.comments.select_related("author").order_by("created_at", "id")))
    last_support = proposal.supports.order_by("-created_at").values_list("created_at", flat=True).first()
    commitment = proposal.response_commitment
    trace = [
        TraceStep(_("Presentada"), proposal.submitted_at is not None, proposal.submitted_at),
        TraceStep(
            _("Apoyada"),
            proposal.support_count > 0,
            last_support,
            _("%(n)s apoyos") % {"n": proposal.support_count},
        ),
        evaluated_step(proposal),
        discussed_step(proposal),
        TraceStep(
            _("Respondida"),
            proposal.has_response,
            proposal.responded_at,
            proposal.get_response_kind_display() if proposal.has_response else _("Pendiente"),
        ),
    ]
    events: list[AuditEvent] = []
    if commitment is not None:
        progress = commitment.progress_computed
        trace.append(
            TraceStep(
                _("Incorporada en el compromiso %(code)s") % {"code": commitment.code},
                True,
                proposal.responded_at,
                (
                    _("Avance calculado hoy: %(p)s %%") % {"p": progress}
                    if progress is not None
                    else _("El compromiso aún no tiene avance calculado.")
                ),
            )
        )
        events = list(
            AuditEvent.objects.filter(commitment_id=commitment.pk, created_at__gte=proposal.responded_at).order_by(
                "-created_at", "-id"
            )[:10]
        )
    similar_rows = (
        similar_proposals(proposal.process, proposal.similarity_text(), exclude_id=proposal.pk)
        if (with_similar and proposal.is_published)
        else []
    )
    merged_from = list(proposal.merged_from.all().only("pk", "title", "process_id"))
    return ProposalPage(
        proposal=proposal,
        comments=comments,
        trace=trace,
        commitment_events=events,
        similar=similar_rows,
        merged_from=merged_from,
    )


def open_flags() -> list[Flag]:
    return list(
        Flag.objects.filter(resolved_at__isnull=True)
        .select_related("proposal__process", "comment__proposal__process", "reporter")
        .order_by("created_at")[:200]
    )


def my_proposals(user, process: CoCreationProcess) -> list[Proposal]:
    return list(process.proposals.filter(author=user).order_by("-updated_at"))


# --------------------------------------------------------------------------- co-creation tables and workshops


def discussed_step(proposal: Proposal) -> TraceStep:
    """The trace's "discussed" step: done once a published table lists the proposal (its first such table)."""
    rows = list(
        TableProposal.objects.filter(proposal=proposal, table__status=CoCreationTable.Status.PUBLISHED)
        .select_related("table")
        .order_by("table__held_on", "table_id")
        .only("note", "table__title", "table__held_on", "table__process_id")
    )
    if not rows:
        return TraceStep(_("Discutida en una mesa de cocreación"), False, None, _("Aún no se discute en una mesa."))
    first = rows[0].table
    detail = first.title
    if len(rows) > 1:
        detail = _("%(title)s y %(n)s mesas más") % {"title": first.title, "n": len(rows) - 1}
    url = f"/cocreacion/{proposal.process.slug}/mesas/{first.pk}/"
    return TraceStep(_("Discutida en una mesa de cocreación"), True, first.held_on, detail, url)


@dataclass
class Bar:
    """One row of an HTML bar chart; ``value`` None means "sin dato" (no bar, never a zero)."""

    label: str
    value: int | None
    width: float = 0.0
    cells: list[str] = field(default_factory=list)
    note: str = ""
    href: str = ""


@dataclass
class BarChart:
    """A chart drawn as HTML bars inside the data table itself (caption, header cells, a number on every bar)."""

    title: str
    label_header: str
    value_header: str
    rows: list[Bar]
    extra_headers: list[str] = field(default_factory=list)
    note: str = ""


def _scaled(rows: list[Bar]) -> list[Bar]:
    biggest = max([row.value for row in rows if row.value is not None] + [0])
    for row in rows:
        row.width = round(100 * row.value / biggest, 1) if biggest and row.value is not None else 0.0
    return rows


def _participants_subquery() -> Subquery:
    return Subquery(
        TableParticipation.objects.filter(table=OuterRef("pk"))
        .values("table")
        .annotate(total=Sum("count"))
        .values("total"),
        output_field=IntegerField(),
    )


def _proposals_subquery() -> Subquery:
    return Subquery(
        TableProposal.objects.filter(table=OuterRef("pk")).values("table").annotate(n=Count("id")).values("n"),
        output_field=IntegerField(),
    )


def table_list(process: CoCreationProcess, *, include_drafts: bool = False) -> list[CoCreationTable]:
    """The tables of a process by date (drafts only for the secretariat), with their totals, in one query."""
    queryset = process.tables.all() if include_drafts else process.tables.published()
    return list(
        queryset.select_related("theme", "commitment")
        .annotate(n_participants=_participants_subquery(), n_proposals=_proposals_subquery())
        .order_by("held_on", "starts_at", "id")
    )


def table_by_id(process: CoCreationProcess, pk: int) -> CoCreationTable:
    table = (
        CoCreationTable.objects.select_related("theme", "commitment__plan")
        .prefetch_related(
            Prefetch("participation", queryset=TableParticipation.objects.order_by("sector")),
            Prefetch(
                "discussed",
                queryset=TableProposal.objects.select_related("proposal").order_by("proposal__title", "id"),
            ),
        )
        .filter(process=process, pk=pk)
        .first()
    )
    if table is None:
        raise Http404(_("No existe esa mesa de cocreación."))
    table.process = process
    return table


@dataclass
class TablePage:
    table: CoCreationTable
    total: int | None
    chart: BarChart | None
    discussed: list[TableProposal]


def table_page(table: CoCreationTable) -> TablePage:
    """Participants by sector (in the order of ``TableSector``; a sector not counted is left out) and the
    proposals discussed. The share of each sector is of the people counted."""
    by_sector = {row.sector: row.count for row in table.participation.all()}
    total = sum(by_sector.values()) if by_sector else None
    rows = [
        Bar(
            str(label),
            by_sector[value],
            cells=[f"{round(100 * by_sector[value] / total)} %" if total else "—"],
        )
        for value, label in TableSector.choices
        if value in by_sector
    ]
    chart = None
    if rows:
        chart = BarChart(
            _("Participantes por sector"),
            _("Sector"),
            _("Participantes"),
            _scaled(rows),
            extra_headers=[_("Proporción")],
            note=_("Total: %(n)s personas.") % {"n": total},
        )
    return TablePage(table=table, total=total, chart=chart, discussed=list(table.discussed.all()))


def workshop_list(process: CoCreationProcess) -> list[Workshop]:
    return list(process.workshops.order_by("held_on", "position", "id"))


@dataclass
class WorkshopSummary:
    n_workshops: int
    n_known: int
    attendance: int | None
    charts: list[BarChart]

    @property
    def n_unknown(self) -> int:
        return self.n_workshops - self.n_known


def _group_rows(groups: dict[str, list[Workshop]], measure_attendance: bool) -> list[Bar]:
    rows = []
    for label, items in groups.items():
        known = [w.attendance for w in items if w.attendance is not None]
        unknown = len(items) - len(known)
        value = (sum(known) if known else None) if measure_attendance else len(items)
        rows.append(
            Bar(
                label,
                value,
                cells=[str(len(items)), str(unknown)] if measure_attendance else [_("sin dato")],
                note=(
                    _("sin dato")
                    if value is None
                    else (_("más %(n)s sin dato") % {"n": unknown} if measure_attendance and unknown else "")
                ),
            )
        )
    return _scaled(rows)


def workshop_summary(workshops: list[Workshop]) -> WorkshopSummary:
    """Participation in workshops by territory (region) and by target group.

    Attendance is summed only where it is known; a workshop without attendance is counted as "sin dato",
    never as zero. When no workshop of the process has its attendance recorded, the bars count the
    workshops held instead, and say so."""
    known = [w.attendance for w in workshops if w.attendance is not None]
    measure_attendance = bool(known)
    no_region = _("Nacional o sin región")
    no_group = _("Sin público específico")
    by_region: dict[str, list[Workshop]] = {}
    order = {code: i for i, (code, _name) in enumerate(territory.REGION_CHOICES)}
    for w in sorted(workshops, key=lambda w: order.get(w.region, len(order))):
        by_region.setdefault(territory.region_name(w.region) or no_region, []).append(w)
    by_group: dict[str, list[Workshop]] = {}
    for w in sorted(workshops, key=lambda w: (not w.target_group, w.target_group.lower())):
        by_group.setdefault(w.target_group or no_group, []).append(w)
    value_header = _("Asistentes registrados") if measure_attendance else _("Talleres realizados")
    extra = (
        [_("Talleres"), _("Talleres sin dato de asistencia")] if measure_attendance else [_("Asistentes registrados")]
    )
    note = (
        _("Los talleres sin dato de asistencia no se cuentan como cero: se indican aparte.")
        if measure_attendance
        else _("Ningún taller tiene registrada su asistencia: las barras cuentan los talleres realizados.")
    )
    charts = []
    if workshops:
        charts = [
            BarChart(
                _("Talleres por región"),
                _("Región"),
                value_header,
                _group_rows(by_region, measure_attendance),
                extra,
                note,
            ),
            BarChart(
                _("Talleres por público objetivo"),
                _("Público objetivo"),
                value_header,
                _group_rows(by_group, measure_attendance),
                extra,
                note,
            ),
        ]
    return WorkshopSummary(
        n_workshops=len(workshops),
        n_known=len(known),
        attendance=sum(known) if known else None,
        charts=charts,
    )


def table_moment(day: datetime.date, time: datetime.time | None) -> datetime.date | datetime.datetime:
    """A table's start or end for a calendar: the local moment when its time is known, else the whole day."""
    if time is None:
        return day
    return timezone.make_aware(datetime.datetime.combine(day, time))


def evaluated_step(proposal: Proposal) -> TraceStep:
    """The forum's evaluation, once its results are published (scores stay private until then)."""
    from abierto.evaluation.selectors import public_result_for

    result = public_result_for(proposal)
    if result is None:
        return TraceStep(_("Evaluada por la Mesa"), False, None, _("Sin resultados de evaluación publicados."))
    score, rank, evaluations, published_at = result
    if score is None:
        detail = _("Sin evaluaciones completas.")
    else:
        detail = ngettext(
            "Puntaje %(score)s de 100, lugar %(rank)s (%(n)s evaluación).",
            "Puntaje %(score)s de 100, lugar %(rank)s (%(n)s evaluaciones).",
            evaluations,
        ) % {
            "score": number_format(score, decimal_pos=1, use_l10n=True),
            "rank": rank,
            "n": evaluations,
        }
    url = reverse("evaluation:results", args=[proposal.process.slug])
    return TraceStep(_("Evaluada por la Mesa"), True, published_at, detail, url)
