"""The evaluation arithmetic, as pure functions (no database), stated here and on the ranking page.

- An evaluation (one evaluator, one proposal) is **complete** when every criterion of the process has a
  value. Its score is normalised to 0–100: each value is placed on its criterion's scale,
  (value − min) / (max − min), and these are averaged with the criteria's weights:
  ``100 × Σ weight × (value − min) / (max − min) / Σ weight``.
- An evaluation whose evaluator declared a conflict of interest is **excluded**, whatever it holds.
- A proposal's score is the plain mean of its complete, non-excluded evaluations; with none, it has no
  score (never zero) and no place in the ranking.
- The ranking orders by score (highest first), ties broken by the number of evaluations (more first),
  then by the proposal's number (lowest first), so every place is distinct and reproducible.
- The spread is the highest minus the lowest evaluation score of the proposal (0 with one evaluation).

The arithmetic is exact (fractions); figures are rounded to two decimals only when shown.
"""

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CENT = Decimal("0.01")


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    weight: Decimal
    scale_min: int
    scale_max: int


@dataclass(frozen=True)
class EvaluationInput:
    """One assignment: the evaluator's values by criterion id, and whether they declared a conflict."""

    proposal_id: int
    evaluator_id: int
    values: Mapping[int, int]
    conflicted: bool = False


@dataclass
class ProposalResult:
    proposal_id: int
    assigned: int = 0
    conflicts: int = 0
    evaluation_scores: list[Fraction] = field(default_factory=list)
    rank: int | None = None

    @property
    def evaluations(self) -> int:
        """Complete evaluations that count (conflicts excluded)."""
        return len(self.evaluation_scores)

    @property
    def missing(self) -> int:
        """Assigned evaluations, without a conflict, not complete yet."""
        return self.assigned - self.conflicts - self.evaluations

    @property
    def exact_score(self) -> Fraction | None:
        if not self.evaluation_scores:
            return None
        return sum(self.evaluation_scores, Fraction(0)) / len(self.evaluation_scores)

    @property
    def score(self) -> Decimal | None:
        return to_decimal(self.exact_score)

    @property
    def spread(self) -> Decimal | None:
        if not self.evaluation_scores:
            return None
        return to_decimal(max(self.evaluation_scores) - min(self.evaluation_scores))


def to_decimal(value: Fraction | None) -> Decimal | None:
    """A figure for people: two decimals, halves rounded up."""
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, rounding=ROUND_HALF_UP)


def evaluation_score(criteria: Sequence[CriterionSpec], values: Mapping[int, int]) -> Fraction | None:
    """One evaluation's weighted score on 0–100, or None while a criterion has no value (or there are none)."""
    if not criteria or any(c.id not in values for c in criteria):
        return None
    total_weight = sum((Fraction(c.weight) for c in criteria), Fraction(0))
    weighted = sum(
        (Fraction(c.weight) * Fraction(values[c.id] - c.scale_min, c.scale_max - c.scale_min) for c in criteria),
        Fraction(0),
    )
    return 100 * weighted / total_weight


def aggregate(
    criteria: Sequence[CriterionSpec], evaluations: Iterable[EvaluationInput], proposal_ids: Iterable[int] = ()
) -> list[ProposalResult]:
    """Every proposal's result (those in ``proposal_ids`` too, even without evaluations), ranked."""
    results: dict[int, ProposalResult] = {pk: ProposalResult(pk) for pk in proposal_ids}
    for evaluation in evaluations:
        result = results.setdefault(evaluation.proposal_id, ProposalResult(evaluation.proposal_id))
        result.assigned += 1
        if evaluation.conflicted:
            result.conflicts += 1
            continue
        score = evaluation_score(criteria, evaluation.values)
        if score is not None:
            result.evaluation_scores.append(score)
    return rank(list(results.values()))


def rank(results: list[ProposalResult]) -> list[ProposalResult]:
    """Order by score, then evaluations, then proposal id; places 1, 2, 3… for those with a score."""
    scored = sorted(
        (r for r in results if r.exact_score is not None),
        key=lambda r: (-r.exact_score, -r.evaluations, r.proposal_id),
    )
    for place, result in enumerate(scored, start=1):
        result.rank = place
    unscored = sorted((r for r in results if r.exact_score is None), key=lambda r: r.proposal_id)
    for result in unscored:
        result.rank = None
    return scored + unscored


@dataclass
class Distribution:
    pairs: list[tuple[int, int]]  # (proposal id, evaluator id) to create
    short: dict[int, int]  # proposal id → evaluators it still lacks (not enough eligible people)


def assign_evenly(
    proposals: Sequence[tuple[int, int | None]],
    evaluators: Sequence[int],
    k: int,
    existing: Iterable[tuple[int, int]] = (),
) -> Distribution:
    """Give each proposal ``k`` evaluators, balancing the load, never a proposal to its own author.

    ``proposals`` are (proposal id, author id); ``existing`` are (proposal id, evaluator id) pairs already
    assigned in the process: they count towards ``k`` and towards each evaluator's load. Each proposal, in
    id order, takes the least loaded eligible evaluators (ties by evaluator id). Starting from no
    assignments and with no author among the evaluators, loads end within one of each other.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    people = sorted(set(evaluators))
    taken: dict[int, set[int]] = {}
    load = dict.fromkeys(people, 0)
    for proposal_id, evaluator_id in existing:
        taken.setdefault(proposal_id, set()).add(evaluator_id)
        if evaluator_id in load:
            load[evaluator_id] += 1
    pairs: list[tuple[int, int]] = []
    short: dict[int, int] = {}
    for proposal_id, author_id in sorted(proposals):
        already = taken.setdefault(proposal_id, set())
        need = k - len(already)
        if need <= 0:
            continue
        eligible = [p for p in people if p != author_id and p not in already]
        chosen = heapq.nsmallest(need, eligible, key=lambda p: (load[p], p))
        for person in chosen:
            pairs.append((proposal_id, person))
            already.add(person)
            load[person] += 1
        if len(chosen) < need:
            short[proposal_id] = need - len(chosen)
    return Distribution(pairs=pairs, short=short)
