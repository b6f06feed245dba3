"""The evaluation arithmetic (abierto.evaluation.scoring): normalisation to 0–100, weights, the mean of
complete non-conflicted evaluations, the ranking and its tie-breaks, and the even assignment."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from abierto.evaluation.scoring import (
    CriterionSpec,
    EvaluationInput,
    ProposalResult,
    aggregate,
    assign_evenly,
    evaluation_score,
    rank,
)

TWO = [CriterionSpec(1, Decimal("1"), 1, 5), CriterionSpec(2, Decimal("3"), 0, 10)]


def test_a_score_is_normalised_over_each_scale_and_weighted():
    # (4-1)/4 = 0.75 with weight 1; (5-0)/10 = 0.5 with weight 3 → (0.75 + 1.5) / 4 = 0.5625
    assert evaluation_score(TWO, {1: 4, 2: 5}) == Fraction(225, 4)
    assert evaluation_score(TWO, {1: 1, 2: 0}) == 0
    assert evaluation_score(TWO, {1: 5, 2: 10}) == 100


def test_an_incomplete_evaluation_has_no_score():
    assert evaluation_score(TWO, {1: 4}) is None
    assert evaluation_score([], {}) is None


def test_a_proposal_score_is_the_mean_of_complete_non_conflicted_evaluations():
    results = aggregate(
        TWO,
        [
            EvaluationInput(7, 1, {1: 5, 2: 10}),  # 100
            EvaluationInput(7, 2, {1: 1, 2: 0}),  # 0
            EvaluationInput(7, 3, {1: 5}),  # incomplete: missing
            EvaluationInput(7, 4, {1: 1, 2: 0}, conflicted=True),  # excluded
        ],
    )
    (result,) = results
    assert result.score == Decimal("50.00")
    assert (result.assigned, result.evaluations, result.missing, result.conflicts) == (4, 2, 1, 1)
    assert result.spread == Decimal("100.00")
    assert result.rank == 1


def test_a_proposal_without_complete_evaluations_has_no_score_and_no_place():
    results = aggregate(TWO, [EvaluationInput(3, 1, {1: 2})], proposal_ids=[3, 9])
    assert [(r.proposal_id, r.score, r.rank, r.missing) for r in results] == [(3, None, None, 1), (9, None, None, 0)]


def test_ties_are_broken_by_number_of_evaluations_then_proposal_id():
    same = {1: 3, 2: 5}
    results = aggregate(
        TWO,
        [
            EvaluationInput(30, 1, same),
            EvaluationInput(20, 1, same),
            EvaluationInput(10, 1, same),
            EvaluationInput(20, 2, same),
            EvaluationInput(40, 1, {1: 5, 2: 10}),
        ],
    )
    assert [(r.proposal_id, r.rank) for r in results] == [(40, 1), (20, 2), (10, 3), (30, 4)]


def test_rounding_is_only_for_display():
    thirds = [CriterionSpec(1, Decimal("1"), 0, 3)]
    result = aggregate(thirds, [EvaluationInput(1, 1, {1: 1}), EvaluationInput(1, 2, {1: 1})])[0]
    assert result.exact_score == Fraction(100, 3)
    assert result.score == Decimal("33.33")


criteria_strategy = st.lists(
    st.tuples(
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100"), places=2),
        st.integers(min_value=-5, max_value=5),
        st.integers(min_value=1, max_value=10),
    ),
    min_size=1,
    max_size=6,
).map(lambda rows: [CriterionSpec(i, w, low, low + width) for i, (w, low, width) in enumerate(rows)])


@given(criteria_strategy, st.data())
def test_every_complete_evaluation_scores_between_0_and_100(criteria, data):
    values = {c.id: data.draw(st.integers(min_value=c.scale_min, max_value=c.scale_max)) for c in criteria}
    score = evaluation_score(criteria, values)
    assert 0 <= score <= 100
    if all(values[c.id] == c.scale_max for c in criteria):
        assert score == 100
    if all(values[c.id] == c.scale_min for c in criteria):
        assert score == 0


@given(criteria_strategy, st.data())
def test_raising_one_value_never_lowers_the_score(criteria, data):
    values = {c.id: data.draw(st.integers(min_value=c.scale_min, max_value=c.scale_max)) for c in criteria}
    target = data.draw(st.sampled_from(criteria))
    if values[target.id] == target.scale_max:
        return
    higher = {**values, target.id: values[target.id] + 1}
    assert evaluation_score(criteria, higher) > evaluation_score(criteria, values)


@given(criteria_strategy, st.data(), st.integers(min_value=2, max_value=9))
def test_multiplying_every_weight_changes_nothing(criteria, data, factor):
    values = {c.id: data.draw(st.integers(min_value=c.scale_min, max_value=c.scale_max)) for c in criteria}
    scaled = [CriterionSpec(c.id, c.weight * factor, c.scale_min, c.scale_max) for c in criteria]
    assert evaluation_score(scaled, values) == evaluation_score(criteria, values)


@given(
    st.lists(
        st.tuples(st.integers(min_value=1, max_value=40), st.lists(st.fractions(0, 100), max_size=4)),
        unique_by=lambda row: row[0],
        max_size=15,
    )
)
def test_the_ranking_is_ordered_and_its_places_are_1_to_n(rows):
    results = [ProposalResult(pk, assigned=len(s), evaluation_scores=list(s)) for pk, s in rows]
    ranked = rank(results)
    scored = [r for r in ranked if r.exact_score is not None]
    assert [r.rank for r in scored] == list(range(1, len(scored) + 1))
    assert all(r.rank is None for r in ranked[len(scored) :])
    keys = [(-r.exact_score, -r.evaluations, r.proposal_id) for r in scored]
    assert keys == sorted(keys)


# --------------------------------------------------------------------------- assign evenly


@given(
    n_proposals=st.integers(min_value=0, max_value=40),
    n_people=st.integers(min_value=1, max_value=12),
    data=st.data(),
)
def test_assign_evenly_gives_k_each_and_balances_within_one(n_proposals, n_people, data):
    k = data.draw(st.integers(min_value=1, max_value=n_people))
    people = list(range(100, 100 + n_people))
    proposals = [(pk, 1) for pk in range(1, n_proposals + 1)]  # authors are not among the evaluators
    result = assign_evenly(proposals, people, k)
    per_proposal: dict[int, set[int]] = {}
    for proposal_id, person in result.pairs:
        per_proposal.setdefault(proposal_id, set()).add(person)
    assert len(result.pairs) == len(set(result.pairs)) == n_proposals * k
    assert all(len(per_proposal[pk]) == k for pk, _author in proposals)
    loads = [sum(1 for _p, person in result.pairs if person == who) for who in people]
    assert max(loads) - min(loads) <= 1
    assert result.short == {}


@given(
    n_proposals=st.integers(min_value=1, max_value=30),
    n_people=st.integers(min_value=1, max_value=8),
    data=st.data(),
)
def test_assign_evenly_never_gives_a_proposal_to_its_author(n_proposals, n_people, data):
    people = list(range(1, n_people + 1))
    k = data.draw(st.integers(min_value=1, max_value=n_people))
    proposals = [(pk, data.draw(st.sampled_from([*people, None]))) for pk in range(1, n_proposals + 1)]
    result = assign_evenly(proposals, people, k)
    authors = dict(proposals)
    assert all(authors[proposal_id] != person for proposal_id, person in result.pairs)
    for proposal_id, author in proposals:
        eligible = n_people - (1 if author in people else 0)
        got = sum(1 for p, _who in result.pairs if p == proposal_id)
        assert got == min(k, eligible)
        assert result.short.get(proposal_id, 0) == k - got


def test_assign_evenly_counts_existing_assignments():
    result = assign_evenly([(1, None), (2, None)], [10, 11, 12], 2, existing=[(1, 10), (1, 11)])
    # Proposal 1 already has its two; proposal 2 takes the least loaded (12, none yet), then 10 (lower id).
    assert sorted(result.pairs) == [(2, 10), (2, 12)]


def test_assign_evenly_refuses_k_below_one():
    with pytest.raises(ValueError):
        assign_evenly([(1, None)], [1], 0)
