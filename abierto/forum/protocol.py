"""The forum's voting arithmetic, as plain functions of plain numbers.

A forum's protocol says, as data (``Forum`` fields), how many voting seats must be present for the
session to decide (the quorum) and how many "yes" votes carry a motion (the majority):

Quorum rules (over the seats with voice and vote, ``total_voting``):
    ``majority``   more than half of the voting seats:            floor(total / 2) + 1
    ``two_thirds`` at least two thirds of the voting seats:        ceil(2 * total / 3)
    ``fixed``      a fixed number of voting seats (``quorum_fixed``), at most all of them
    ``none``       no minimum (one voting seat present is enough to hold a vote)

Majorities:
    ``simple``     more "yes" than "no" votes; abstentions count for neither side
    ``absolute``   more than half of the base:                     yes > base / 2
    ``two_thirds`` at least two thirds of the base:                yes >= 2 * base / 3

The base of an absolute or two-thirds majority is either the voting seats present (``present``) or
all voting seats of the forum (``all``). A voting seat that is present and does not vote counts in the
base as a vote that is not "yes". Without quorum nothing is decided: the result is ``no_quorum``,
whatever the votes. A vote in which nobody voted "yes" is never approved.

Everything is integer arithmetic: no rounding, no floating point.
"""

from dataclasses import dataclass

QUORUM_RULES = ("majority", "two_thirds", "fixed", "none")
MAJORITIES = ("simple", "absolute", "two_thirds")
BASES = ("present", "all")

APPROVED = "approved"
REJECTED = "rejected"
NO_QUORUM = "no_quorum"


def quorum_required(rule: str, total_voting: int, fixed: int | None = None) -> int:
    """How many voting seats must be present for the forum to decide."""
    if total_voting < 0:
        raise ValueError("total_voting must not be negative")
    if rule == "majority":
        return total_voting // 2 + 1
    if rule == "two_thirds":
        return -(-2 * total_voting // 3)  # ceil without floats
    if rule == "fixed":
        if fixed is None or fixed < 1:
            raise ValueError("a fixed quorum needs a positive number of seats")
        return min(fixed, total_voting) if total_voting else fixed
    if rule == "none":
        return 1
    raise ValueError(f"unknown quorum rule {rule!r}")


def has_quorum(rule: str, total_voting: int, present_voting: int, fixed: int | None = None) -> bool:
    if not 0 <= present_voting <= total_voting:
        raise ValueError("present_voting must be between 0 and total_voting")
    return total_voting > 0 and present_voting >= quorum_required(rule, total_voting, fixed)


def yes_needed(majority: str, base_count: int, no: int = 0) -> int:
    """The smallest number of "yes" votes that carries the motion (never less than one)."""
    if majority == "simple":
        return no + 1
    if majority == "absolute":
        return base_count // 2 + 1
    if majority == "two_thirds":
        return max(1, -(-2 * base_count // 3))
    raise ValueError(f"unknown majority {majority!r}")


@dataclass(frozen=True)
class Result:
    outcome: str  # APPROVED, REJECTED or NO_QUORUM
    yes: int
    no: int
    abstain: int
    not_voting: int  # voting seats present that cast no vote
    present_voting: int
    total_voting: int
    quorum_required: int
    quorum_met: bool
    base_count: int
    yes_needed: int

    @property
    def approved(self) -> bool:
        return self.outcome == APPROVED


def tally(
    *,
    quorum_rule: str,
    majority: str,
    base: str,
    total_voting: int,
    present_voting: int,
    yes: int,
    no: int,
    abstain: int,
    quorum_fixed: int | None = None,
) -> Result:
    """The result of a vote. Votes come only from voting seats that are present."""
    if base not in BASES:
        raise ValueError(f"unknown base {base!r}")
    if min(yes, no, abstain) < 0:
        raise ValueError("vote counts must not be negative")
    if yes + no + abstain > present_voting:
        raise ValueError("more votes than voting seats present")
    required = quorum_required(quorum_rule, total_voting, quorum_fixed)
    quorum = has_quorum(quorum_rule, total_voting, present_voting, quorum_fixed)
    base_count = present_voting if base == "present" else total_voting
    needed = yes_needed(majority, base_count, no)
    if not quorum:
        outcome = NO_QUORUM
    elif yes >= needed:
        outcome = APPROVED
    else:
        outcome = REJECTED
    return Result(
        outcome=outcome,
        yes=yes,
        no=no,
        abstain=abstain,
        not_voting=present_voting - yes - no - abstain,
        present_voting=present_voting,
        total_voting=total_voting,
        quorum_required=required,
        quorum_met=quorum,
        base_count=base_count,
        yes_needed=needed,
    )
