"""Reads of the consultation pages, each in a fixed number of queries whatever the number of comments.

The report's arithmetic, stated once (and on the report page):
- comments received: every comment, hidden ones included;
- hidden: hidden by moderation with a public reason (still received, still counted);
- to answer: received minus hidden; answered: those of them with the secretariat's answer;
- % answered = answered / to answer × 100 (no figure when nothing is to answer);
- people: distinct accounts that sent at least one comment (hidden ones included).
"""

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Min, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from abierto.cocreation.models import CoCreationProcess, Stage
from abierto.cocreation.selectors import process_by_slug  # noqa: F401  (the one way to read a process)
from abierto.consultation import sections
from abierto.consultation.models import ConsultationComment
from abierto.plans.models import Commitment

QUEUE_PAGE_SIZE = 50


def consultation_stage(process: CoCreationProcess) -> Stage | None:
    """The stage that opens the consultation on the draft (stages are prefetched by ``process_by_slug``)."""
    return process.stage_for("comment_draft")


def phase(process: CoCreationProcess, stage: Stage | None, today: datetime.date | None = None) -> str:
    """Where the consultation stands today: "open", "before", "after" or "undated" (no dated stage)."""
    today = today or timezone.localdate()
    if process.allows("comment_draft", today):
        return "open"
    if stage is None or stage.starts_on is None:
        return "undated"
    return "before" if today < stage.starts_on else "after"


def _comments(process: CoCreationProcess) -> QuerySet:
    return ConsultationComment.objects.filter(process=process)


# --------------------------------------------------------------------------- the index


def draft_commitments(process: CoCreationProcess) -> list[Commitment]:
    """The plan's commitments with ``n_comments`` (visible), ``n_hidden`` and ``n_unanswered``, in one query."""
    mine = Q(consultation_comments__process=process)
    visible = mine & Q(consultation_comments__hidden_at__isnull=True)
    return list(
        process.plan.commitments.select_related("lead_institution")
        .annotate(
            n_comments=Count("consultation_comments", filter=visible, distinct=True),
            n_hidden=Count(
                "consultation_comments", filter=mine & Q(consultation_comments__hidden_at__isnull=False), distinct=True
            ),
            n_unanswered=Count(
                "consultation_comments",
                filter=visible & Q(consultation_comments__answer__isnull=True),
                distinct=True,
            ),
        )
        .order_by("position", "code")
    )


# --------------------------------------------------------------------------- a commitment's page


@dataclass
class SectionBlock:
    section: sections.Section
    text: str
    digest: str
    comments: list = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.section.code

    @property
    def label(self) -> str:
        return str(self.section.label)

    @property
    def n_visible(self) -> int:
        return sum(1 for c in self.comments if not c.is_hidden)


@dataclass
class CommitmentPage:
    commitment: Commitment
    blocks: list[SectionBlock]
    n_comments: int


def commitment_by_code(process: CoCreationProcess, code: str) -> Commitment:
    commitment = (
        Commitment.objects.select_related("plan", "lead_institution")
        .prefetch_related("milestones", "values")
        .filter(plan_id=process.plan_id, code=code)
        .first()
    )
    if commitment is None:
        raise Http404(_("Ese compromiso no está en el borrador de este plan."))
    return commitment


def commitment_page(process: CoCreationProcess, commitment: Commitment) -> CommitmentPage:
    """Each section's text today, with its comments (and their answers) under it."""
    blocks = {}
    for section in sections.SECTIONS:
        text = section.text(commitment)
        blocks[section.code] = SectionBlock(section=section, text=text, digest=sections.digest(text))
    comments = (
        _comments(process)
        .filter(commitment=commitment)
        .select_related("author", "version", "answer", "answer__author")
        .order_by("created_at", "id")
    )
    for comment in comments:
        block = blocks.get(comment.section)
        if block is not None:
            comment.on_current_text = comment.version.digest == block.digest
            block.comments.append(comment)
    return CommitmentPage(
        commitment=commitment,
        blocks=list(blocks.values()),
        n_comments=sum(block.n_visible for block in blocks.values()),
    )


def comment_by_id(process: CoCreationProcess, pk: int) -> ConsultationComment:
    comment = (
        _comments(process)
        .select_related("commitment", "author", "version", "answer", "answer__author")
        .filter(pk=pk)
        .first()
    )
    if comment is None:
        raise Http404(_("No existe ese comentario en esta consulta."))
    return comment


# --------------------------------------------------------------------------- the secretariat's queue


def unanswered_page(process: CoCreationProcess, number) -> Page:
    """Visible comments without an answer, oldest first."""
    queryset = (
        _comments(process).unanswered().select_related("commitment", "author", "version").order_by("created_at", "id")
    )
    return Paginator(queryset, QUEUE_PAGE_SIZE).get_page(number)


# --------------------------------------------------------------------------- the report


@dataclass
class Figures:
    comments: int = 0
    hidden: int = 0
    answered: int = 0
    people: int = 0

    @property
    def to_answer(self) -> int:
        return self.comments - self.hidden

    @property
    def unanswered(self) -> int:
        return self.to_answer - self.answered

    @property
    def percent_answered(self) -> float | None:
        return round(self.answered * 100 / self.to_answer, 1) if self.to_answer else None


FIGURES = {
    "comments": Count("id"),
    "hidden": Count("id", filter=Q(hidden_at__isnull=False)),
    "answered": Count("id", filter=Q(hidden_at__isnull=True, answer__isnull=False)),
    "people": Count("author", distinct=True),
}


def _figures(row: dict) -> Figures:
    return Figures(comments=row["comments"], hidden=row["hidden"], answered=row["answered"], people=row["people"])


@dataclass
class Report:
    process: CoCreationProcess
    stage: Stage | None
    totals: Figures
    first_at: object
    last_at: object
    by_commitment: list[tuple[Commitment, Figures]]
    by_section: list[tuple[sections.Section, Figures]]


def report(process: CoCreationProcess) -> Report:
    """The consultation's figures: totals, per commitment (every draft commitment, with or without comments)
    and per section, in four queries."""
    comments = _comments(process)
    totals = comments.aggregate(**FIGURES, first=Min("created_at"), last=Max("created_at"))
    per_commitment = {
        row["commitment_id"]: _figures(row) for row in comments.values("commitment_id").annotate(**FIGURES)
    }
    per_section = {row["section"]: _figures(row) for row in comments.values("section").annotate(**FIGURES)}
    commitments = list(process.plan.commitments.order_by("position", "code"))
    return Report(
        process=process,
        stage=consultation_stage(process),
        totals=_figures(totals),
        first_at=totals["first"],
        last_at=totals["last"],
        by_commitment=[(c, per_commitment.get(c.pk, Figures())) for c in commitments],
        by_section=[(s, per_section.get(s.code, Figures())) for s in sections.SECTIONS],
    )


def report_comments(process: CoCreationProcess) -> list[ConsultationComment]:
    """Every comment with its commitment, author, text commented on and answer (for the downloads), by
    commitment, then section in the order of the template, then date."""
    rows = list(
        _comments(process)
        .select_related("commitment", "author", "version", "answer", "answer__author")
        .order_by("commitment__position", "commitment__code", "created_at", "id")
    )
    return sorted(
        rows,
        key=lambda c: (c.commitment.position, c.commitment.code, sections.ORDER.get(c.section, 99), c.created_at, c.pk),
    )


def current_digests(process: CoCreationProcess) -> dict[tuple[int, str], str]:
    """{(commitment id, section code): digest of the section's text today}, to tell in the downloads whether a
    comment was made about the text as it stands now (three queries)."""
    commitments = process.plan.commitments.prefetch_related("milestones", "values")
    return {
        (commitment.pk, section.code): sections.digest(section.text(commitment))
        for commitment in commitments
        for section in sections.SECTIONS
    }
