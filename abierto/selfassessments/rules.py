"""Who may do what with a self-assessment.

Anyone reads a self-assessment once it leaves draft; drafts are the secretariat's. Only the secretariat
assembles, edits, opens and closes the consultation and publishes the final version, answers comments
and hides abusive ones. Anyone signed in (any role) comments while the consultation is open and the
clock is inside its period.

Services check these with ``rules.has_perm`` (a superuser is also secretariat by ``is_secretariat``).
"""

import rules

from abierto.accounts.rules import is_participant, is_secretariat
from abierto.selfassessments.models import SelfAssessment


@rules.predicate
def is_not_draft(user, self_assessment) -> bool:
    return self_assessment is not None and self_assessment.status != SelfAssessment.Status.DRAFT


@rules.predicate
def accepts_comments(user, self_assessment) -> bool:
    """Open for comment and the clock between its start and end."""
    return self_assessment is not None and self_assessment.accepts_comments


rules.add_perm("selfassessments.view_selfassessment", is_not_draft | is_secretariat)
rules.add_perm("selfassessments.view_draft", is_secretariat)
rules.add_perm("selfassessments.manage", is_secretariat)
rules.add_perm("selfassessments.comment", is_participant & accepts_comments)
rules.add_perm("selfassessments.answer_comment", is_secretariat)
rules.add_perm("selfassessments.hide_comment", is_secretariat)
