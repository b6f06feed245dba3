"""Who may do what in the forum.

The secretariat runs the forum: convenes sessions, records attendance, drafts, circulates and publishes
minutes, and manages agreements. The chair (the holder or alternate of the chair's seat) or the
secretariat open and close motions. A seat with voice and vote votes through its holder or alternate;
the secretariat may record a seat's vote on its behalf (recorded as such). Seats with voice only and
observers never vote. Forum members comment on minutes while they are circulated.

Services check these with ``rules.has_perm``.
"""

import rules
from django.db.models import Q
from django.utils import timezone

from abierto.accounts.rules import is_forum_member, is_secretariat
from abierto.forum.models import Minutes, Right, SeatTerm


def _seat_ids_of(user) -> set[int]:
    """Seats the person holds, as holder or alternate, today (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_forum_seat_ids", None)
    if cached is None:
        terms = SeatTerm.objects.on(timezone.localdate()).filter(Q(holder_user=user) | Q(alternate_user=user))
        cached = set(terms.values_list("seat_id", flat=True))
        user._forum_seat_ids = cached
    return cached


@rules.predicate
def holds_seat(user, seat) -> bool:
    return seat is not None and seat.pk in _seat_ids_of(user)


@rules.predicate
def seat_has_vote(user, seat) -> bool:
    return seat is not None and seat.right == Right.VOICE_VOTE


@rules.predicate
def holds_any_seat(user) -> bool:
    return bool(_seat_ids_of(user))


@rules.predicate
def chairs_session(user, session) -> bool:
    """The person holds (or is alternate of) the chair's seat of the session's forum."""
    if session is None:
        return False
    ids = _seat_ids_of(user)
    return bool(ids) and session.forum.seats.filter(is_chair=True, pk__in=ids).exists()


@rules.predicate
def minutes_circulated(user, minutes) -> bool:
    return minutes is not None and minutes.status == Minutes.Status.CIRCULATED


is_member = is_forum_member | holds_any_seat

rules.add_perm("forum.manage", is_secretariat)
rules.add_perm("forum.run_motion", is_secretariat | chairs_session)
rules.add_perm("forum.vote_for_seat", holds_seat & seat_has_vote)
rules.add_perm("forum.record_vote_on_behalf", is_secretariat)
rules.add_perm("forum.view_drafts", is_secretariat | is_member)
rules.add_perm("forum.comment_minutes", is_member & minutes_circulated)
