"""The forum's quorum and majority arithmetic (abierto.forum.protocol): worked examples and properties
checked over many attendance and vote combinations."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from abierto.forum import protocol

RULES = st.sampled_from(["majority", "two_thirds", "none"])
MAJORITIES = st.sampled_from(protocol.MAJORITIES)
BASES = st.sampled_from(protocol.BASES)


@st.composite
def sittings(draw):
    """A forum of 1-30 voting seats, some present, and the votes of some of those present."""
    total = draw(st.integers(min_value=1, max_value=30))
    present = draw(st.integers(min_value=0, max_value=total))
    yes = draw(st.integers(min_value=0, max_value=present))
    no = draw(st.integers(min_value=0, max_value=present - yes))
    abstain = draw(st.integers(min_value=0, max_value=present - yes - no))
    return total, present, yes, no, abstain


def run(rule, majority, base, sitting, fixed=None):
    total, present, yes, no, abstain = sitting
    return protocol.tally(
        quorum_rule=rule,
        quorum_fixed=fixed,
        majority=majority,
        base=base,
        total_voting=total,
        present_voting=present,
        yes=yes,
        no=no,
        abstain=abstain,
    )


# ------------------------------------------------------------------ worked examples


@pytest.mark.parametrize(
    ("rule", "total", "required"),
    [
        ("majority", 8, 5),  # the 2023 Mesa has eight seats with voice and vote
        ("majority", 7, 4),
        ("majority", 1, 1),
        ("two_thirds", 8, 6),
        ("two_thirds", 9, 6),
        ("two_thirds", 3, 2),
        ("none", 8, 1),
    ],
)
def test_the_quorum_required_for_each_rule(rule, total, required):
    assert protocol.quorum_required(rule, total) == required


def test_a_fixed_quorum_is_that_number_of_seats_at_most_all_of_them():
    assert protocol.quorum_required("fixed", 8, 3) == 3
    assert protocol.quorum_required("fixed", 2, 3) == 2
    with pytest.raises(ValueError):
        protocol.quorum_required("fixed", 8, None)


def test_eight_seats_five_present_three_yes_two_no_passes_by_simple_and_absolute_of_present():
    sitting = (8, 5, 3, 2, 0)
    assert run("majority", "simple", "present", sitting).outcome == protocol.APPROVED
    assert run("majority", "absolute", "present", sitting).outcome == protocol.APPROVED
    # but not an absolute majority of all eight seats (five needed), nor two thirds of those present (four)
    assert run("majority", "absolute", "all", sitting).outcome == protocol.REJECTED
    assert run("majority", "two_thirds", "present", sitting).yes_needed == 4
    assert run("majority", "two_thirds", "present", sitting).outcome == protocol.REJECTED


def test_abstentions_do_not_count_for_a_simple_majority_but_do_weigh_in_an_absolute_one():
    sitting = (8, 6, 2, 1, 3)  # two yes, one no, three abstain
    assert run("majority", "simple", "present", sitting).outcome == protocol.APPROVED
    assert run("majority", "absolute", "present", sitting).outcome == protocol.REJECTED


def test_a_tie_is_rejected():
    assert run("majority", "simple", "present", (8, 6, 3, 3, 0)).outcome == protocol.REJECTED


def test_without_quorum_the_result_says_so_whatever_the_votes():
    result = run("majority", "simple", "present", (8, 4, 4, 0, 0))
    assert result.outcome == protocol.NO_QUORUM
    assert result.quorum_met is False and result.quorum_required == 5


def test_nobody_voting_yes_never_approves():
    assert run("none", "simple", "present", (3, 1, 0, 0, 1)).outcome == protocol.REJECTED


def test_more_votes_than_seats_present_is_refused():
    with pytest.raises(ValueError):
        run("majority", "simple", "present", (8, 2, 2, 1, 0))


# ------------------------------------------------------------------ properties


@given(RULES, MAJORITIES, BASES, sittings())
def test_the_outcome_is_always_one_of_three_and_counts_add_up(rule, majority, base, sitting):
    result = run(rule, majority, base, sitting)
    assert result.outcome in {protocol.APPROVED, protocol.REJECTED, protocol.NO_QUORUM}
    assert result.yes + result.no + result.abstain + result.not_voting == result.present_voting
    assert result.base_count == (result.present_voting if base == "present" else result.total_voting)


@given(RULES, MAJORITIES, BASES, sittings())
def test_no_quorum_exactly_when_fewer_present_than_required(rule, majority, base, sitting):
    result = run(rule, majority, base, sitting)
    assert (result.outcome == protocol.NO_QUORUM) == (sitting[1] < protocol.quorum_required(rule, sitting[0]))


@given(RULES, MAJORITIES, BASES, sittings())
def test_approved_means_the_majority_really_was_reached(rule, majority, base, sitting):
    result = run(rule, majority, base, sitting)
    if result.outcome != protocol.APPROVED:
        return
    assert result.quorum_met and result.yes >= 1
    if majority == "simple":
        assert result.yes > result.no
    elif majority == "absolute":
        assert 2 * result.yes > result.base_count
    else:
        assert 3 * result.yes >= 2 * result.base_count


@given(RULES, MAJORITIES, BASES, sittings())
def test_one_more_yes_from_a_seat_that_did_not_vote_never_turns_approval_into_rejection(rule, majority, base, sitting):
    total, present, yes, no, abstain = sitting
    if yes + no + abstain == present:
        return
    before = run(rule, majority, base, sitting)
    after = run(rule, majority, base, (total, present, yes + 1, no, abstain))
    if before.outcome == protocol.APPROVED:
        assert after.outcome == protocol.APPROVED


@given(RULES, MAJORITIES, sittings())
def test_the_all_seats_base_is_never_easier_than_the_present_base(rule, majority, sitting):
    if run(rule, majority, "all", sitting).outcome == protocol.APPROVED:
        assert run(rule, majority, "present", sitting).outcome == protocol.APPROVED


@given(RULES, BASES, sittings())
def test_two_thirds_is_never_easier_than_absolute(rule, base, sitting):
    if run(rule, "two_thirds", base, sitting).outcome == protocol.APPROVED:
        assert run(rule, "absolute", base, sitting).outcome == protocol.APPROVED


@given(st.integers(min_value=1, max_value=200))
def test_quorum_rules_are_ordered_and_never_exceed_the_seats(total):
    none = protocol.quorum_required("none", total)
    majority = protocol.quorum_required("majority", total)
    two_thirds = protocol.quorum_required("two_thirds", total)
    assert 1 == none <= majority <= two_thirds <= total
    assert 2 * majority > total and 2 * (majority - 1) <= total
    assert 3 * two_thirds >= 2 * total and 3 * (two_thirds - 1) < 2 * total
