"""Reads of the co-creation pages, each in a fixed number of queries."""

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from abierto.audit.models import AuditEvent
from abierto.cocreation import territory
from abierto.cocreation.models import CoCreationProcess, Comment, Flag, Proposal, Stage, Support, Theme
from abierto.cocreation.text import similar, terms_of

PAGE_SIZE = 20
SORTS = {"apoyos": ("-support_count", "-submitted_at", "-id"), "recientes": ("-submitted_at", "-id")}


def process_by_slug(slug: str) -> CoCreationProcess:
    process = (
        CoCreationProcess.objects.select_related("plan")
        .prefetch_related(Prefetch("stages", queryset=Stage.objects.order_by("position")))
        .filter(slug=slug)
        .first()
    )
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
    queryset = process.proposals.visible()
    if filters.theme:
        queryset = queryset.filter(themes__slug=filters.theme)
    if filters.region:
        queryset = queryset.filter(region=filters.region)
    if filters.status:
        queryset = queryset.filter(filters.STATUSES[filters.status])
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    queryset = queryset.select_related("author", "response_commitment").prefetch_related("themes")
    queryset = queryset.order_by(*SORTS[filters.sort])
    paginator = Paginator(queryset, PAGE_SIZE)
    return paginator.get_page(page)


def supported_ids(user, process: CoCreationProcess) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Support.objects.filter(user=user, proposal__process=process).values_list("proposal_id", flat=True))


def similar_proposals(
    process: CoCreationProcess, text: str, *, exclude_id: int | None = None, limit: int = 5
) -> list[tuple[Proposal, float]]:
    """The published proposals of ``process`` most like ``text`` (see ``abierto.cocreation.text.similar``)."""
    candidates = process.proposals.visible().exclude(merged_into__isnull=False)
    if exclude_id:
        candidates = candidates.exclude(pk=exclude_id)
    scored = similar(terms_of(text), candidates.values_list("pk", "terms").iterator(), limit=limit)
    by_id = Proposal.objects.select_related("process").in_bulk([pk for pk, _score in scored])
    return [(by_id[pk], score) for pk, score in scored if pk in by_id]


@dataclass
class TraceStep:
    label: str
    done: bool
    when: Any = None
    detail: str = ""


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


def proposal_by_id(process: CoCreationProcess, pk: int) -> Proposal:
    proposal = (
        Proposal.objects.select_related(
            "author", "lead_institution", "response_commitment__plan", "merged_into", "process__plan"
        )
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
        # Seams for the forum's evaluation and the co-creation tables (a later version fills them).
        TraceStep(_("Evaluada por la Mesa"), False, None, _("Aún sin registro de evaluación en la plataforma.")),
        TraceStep(
            _("Discutida en una mesa de cocreación"), False, None, _("Aún sin registro de mesas en la plataforma.")
        ),
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
