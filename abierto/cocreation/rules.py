"""Who may do what in a co-creation process, and when.

Participation actions are open only while a stage that switches them on is open (the clock is read
through ``django.utils.timezone``, so tests freeze it). The object of each permission is the
process (to submit) or the proposal (everything else). Services check these with
``rules.has_perm`` and raise a clear error; views use them to show or hide buttons.
"""

import rules
from django.utils import timezone

from abierto.accounts.rules import is_implementer, is_participant, is_secretariat


def _process_of(obj):
    return getattr(obj, "process", obj)


def stage_allows(action: str):
    @rules.predicate(name=f"stage_allows_{action}")
    def check(user, obj) -> bool:
        return obj is not None and _process_of(obj).allows(action)

    return check


allows_submit = stage_allows("submit")
allows_support = stage_allows("support")
allows_comment = stage_allows("comment")


@rules.predicate
def is_author(user, proposal) -> bool:
    return bool(proposal is not None and getattr(user, "pk", None) and proposal.author_id == user.pk)


@rules.predicate
def is_draft(user, proposal) -> bool:
    return proposal is not None and proposal.status == proposal.Status.DRAFT


@rules.predicate
def is_visible(user, proposal) -> bool:
    """Published and not hidden by moderation."""
    return proposal is not None and proposal.is_published and not proposal.is_hidden


@rules.predicate
def in_edit_window(user, proposal) -> bool:
    deadline = proposal.edit_deadline() if proposal is not None else None
    return deadline is not None and timezone.now() <= deadline


@rules.predicate
def is_open_for_supports(user, proposal) -> bool:
    """Not merged into another proposal (its supports moved there)."""
    return proposal is not None and proposal.response_kind != proposal.Response.MERGED


# Submitting: anyone signed in proposes; the mapping of public-sector initiatives is for public institutions.
rules.add_perm("cocreation.submit_proposal", is_participant & allows_submit)
rules.add_perm("cocreation.submit_initiative", (is_implementer | is_secretariat) & allows_submit)
# The author edits a draft, or a published proposal within the edit window, unless it was hidden.
rules.add_perm("cocreation.change_proposal", is_author & (is_draft | (in_edit_window & is_visible)))
rules.add_perm("cocreation.view_proposal", ~is_draft | is_author | is_secretariat)

# Taking part on a published proposal.
rules.add_perm("cocreation.support_proposal", is_participant & is_visible & is_open_for_supports & allows_support)
rules.add_perm("cocreation.comment_proposal", is_participant & is_visible & allows_comment)
rules.add_perm("cocreation.flag", is_participant)
# Commitments are discussed at any time (no stage): anyone signed in, within the rate limits.
rules.add_perm("cocreation.comment_commitment", is_participant)

# The secretariat moderates, answers and merges.
rules.add_perm("cocreation.moderate", is_secretariat)
rules.add_perm("cocreation.respond", is_secretariat)
rules.add_perm("cocreation.merge", is_secretariat)


# Co-creation tables and workshops: the secretariat records them; a table is public once published.
@rules.predicate
def is_published_table(user, table) -> bool:
    return table is not None and table.is_published


rules.add_perm("cocreation.manage_tables", is_secretariat)
rules.add_perm("cocreation.view_table", is_published_table | is_secretariat)
rules.add_perm("cocreation.manage_workshops", is_secretariat)
