"""Reads of the evaluation pages, each in a fixed number of queries (whatever the number of proposals)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from abierto.accounts.models import Role
from abierto.cocreation.models import CoCreationProcess, Proposal
from abierto.evaluation import scoring
from abierto.evaluation.models import Assignment, Criterion, Publication, PublishedResult, Score


def eligible_proposals(process: CoCreationProcess) -> QuerySet:
    """What the forum evaluates: the process's published, visible proposals that were not merged."""
    return process.proposals.visible().exclude(response_kind=Proposal.Response.MERGED)


def criteria(process: CoCreationProcess) -> list[Criterion]:
    return list(process.criteria.annotate(n_scores=Count("scores")).order_by("position", "pk"))


def candidates() -> QuerySet:
    """People who can be assigned: active forum members and the evaluators appointed by the secretariat."""
    roles = Role.objects.active().filter(user=OuterRef("pk"), kind__in=[Role.Kind.FORUM_MEMBER, Role.Kind.EVALUATOR])
    return (
        get_user_model().objects.filter(Exists(roles), is_active=True).order_by("first_name", "last_name", "username")
    )


# --------------------------------------------------------------------------- an evaluator's pages


@dataclass
class AssignmentRow:
    assignment: Assignment
    scored: int
    total: int

    @property
    def conflicted(self) -> bool:
        return hasattr(self.assignment, "conflict")

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.scored >= self.total

    @property
    def percent(self) -> Decimal:
        return Decimal(100 * self.scored / self.total).quantize(Decimal("0.1")) if self.total else Decimal(0)


def my_assignments(user, process: CoCreationProcess) -> list[AssignmentRow]:
    total = process.criteria.count()
    rows = (
        Assignment.objects.filter(evaluator=user, proposal__process=process)
        .select_related("proposal", "conflict")
        .annotate(n_scored=Count("scores"))
        .order_by("proposal__title", "pk")
    )
    return [AssignmentRow(assignment=row, scored=row.n_scored, total=total) for row in rows]


def assignment_for(user, process: CoCreationProcess, pk: int) -> Assignment:
    """The person's own assignment (nobody else reads an evaluator's scores), or 404."""
    assignment = (
        Assignment.objects.select_related("proposal__process", "proposal__author", "conflict")
        .prefetch_related("scores")
        .filter(pk=pk, proposal__process=process, evaluator_id=getattr(user, "pk", None))
        .first()
    )
    if assignment is None:
        raise Http404(_("No tiene esa asignación."))
    assignment.proposal.process = process
    return assignment


# --------------------------------------------------------------------------- the secretariat's pages


@dataclass
class ProposalAssignments:
    proposal: Proposal
    assignments: list[Assignment]


def assignment_overview(process: CoCreationProcess) -> list[ProposalAssignments]:
    assignments = Assignment.objects.select_related("evaluator", "conflict").annotate(n_scored=Count("scores"))
    proposals = (
        eligible_proposals(process)
        .prefetch_related(Prefetch("evaluation_assignments", queryset=assignments.order_by("assigned_at", "pk")))
        .order_by("pk")
    )
    return [ProposalAssignments(p, list(p.evaluation_assignments.all())) for p in proposals]


@dataclass
class RankingRow:
    proposal: Proposal
    result: scoring.ProposalResult


@dataclass
class Ranking:
    criteria: list[Criterion]
    rows: list[RankingRow] = field(default_factory=list)

    @property
    def n_assigned(self) -> int:
        return sum(row.result.assigned for row in self.rows)

    @property
    def n_complete(self) -> int:
        return sum(row.result.evaluations for row in self.rows)

    @property
    def n_missing(self) -> int:
        return sum(row.result.missing for row in self.rows)

    @property
    def n_conflicts(self) -> int:
        return sum(row.result.conflicts for row in self.rows)


SORTS = {
    "puesto": lambda row: (row.result.rank is None, row.result.rank or 0, row.proposal.pk),
    "evaluaciones": lambda row: (-row.result.evaluations, row.result.rank or 10**9, row.proposal.pk),
    "faltantes": lambda row: (-row.result.missing, row.result.rank or 10**9, row.proposal.pk),
    "dispersion": lambda row: (
        row.result.spread is None,
        -(row.result.spread or 0),
        row.result.rank or 10**9,
        row.proposal.pk,
    ),
    "titulo": lambda row: (row.proposal.title.lower(), row.proposal.pk),
}


def ranking(process: CoCreationProcess, sort: str = "puesto") -> Ranking:
    """The aggregate of every eligible proposal (``scoring``): four queries."""
    rows_criteria = list(process.criteria.order_by("position", "pk"))
    specs = [scoring.CriterionSpec(c.pk, c.weight, c.scale_min, c.scale_max) for c in rows_criteria]
    proposals = {p.pk: p for p in eligible_proposals(process).select_related("author").order_by("pk")}
    assignments = list(
        Assignment.objects.filter(proposal_id__in=list(proposals)).values_list(
            "pk", "proposal_id", "evaluator_id", "conflict__id"
        )
    )
    values: dict[int, dict[int, int]] = {}
    for assignment_id, criterion_id, value in Score.objects.filter(assignment__proposal__process=process).values_list(
        "assignment_id", "criterion_id", "value"
    ):
        values.setdefault(assignment_id, {})[criterion_id] = value
    evaluations = [
        scoring.EvaluationInput(proposal_id, evaluator_id, values.get(pk, {}), conflicted=conflict_id is not None)
        for pk, proposal_id, evaluator_id, conflict_id in assignments
    ]
    results = scoring.aggregate(specs, evaluations, proposals)
    rows = [RankingRow(proposals[r.proposal_id], r) for r in results]
    rows.sort(key=SORTS.get(sort, SORTS["puesto"]))
    return Ranking(criteria=rows_criteria, rows=rows)


# --------------------------------------------------------------------------- published results


def publication_of(process: CoCreationProcess) -> Publication | None:
    return Publication.objects.filter(process=process).first()


def public_results(process: CoCreationProcess) -> tuple[Publication, list[PublishedResult]]:
    """The published ranking, or 404 while there is none (before publication the results are not public)."""
    publication = publication_of(process)
    if publication is None:
        raise Http404(_("Los resultados de la evaluación aún no se publican."))
    results = list(publication.results.select_related("proposal").order_by("rank", "proposal__title", "proposal_id"))
    for row in results:
        row.proposal.process = process
    scored = [r for r in results if r.rank is not None]
    return publication, [*scored, *(r for r in results if r.rank is None)]


def public_result_for(proposal: Proposal):
    """(score, rank, evaluations, published_at) of the proposal's published evaluation, or None unless the
    results of its process are published. Score is 0–100 (Decimal, or None without complete evaluations)."""
    row = (
        PublishedResult.objects.filter(proposal=proposal, publication__process_id=proposal.process_id)
        .select_related("publication")
        .first()
    )
    if row is None:
        return None
    return (row.score, row.rank, row.evaluations, row.publication.published_at)
