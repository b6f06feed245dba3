"""Who may do what in the evaluation of proposals, and when.

- The secretariat defines the criteria, assigns proposals, sees the aggregate and publishes it.
- Forum members (and the evaluators the secretariat appointed) see their assignments; each scores the
  proposals assigned to them while a stage that switches evaluation on is open, unless they declared a
  conflict of interest. A conflict can be declared until the results are published.
- The results page is public once the secretariat published it, after the evaluation stage closed.

The object of each permission is the process (``evaluation.manage``, ``evaluation.view_results``,
``evaluation.publish_results``) or an assignment (``evaluation.score``, ``evaluation.declare_conflict``).
"""

import rules
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from abierto.accounts.rules import is_evaluator, is_forum_member, is_secretariat


def _process_of(obj):
    if obj is None:
        return None
    if hasattr(obj, "proposal"):  # an assignment
        return obj.proposal.process
    return getattr(obj, "process", obj)


def is_published(process) -> bool:
    try:
        return process.evaluation_publication is not None
    except ObjectDoesNotExist:
        return False


def evaluation_closed(process, today=None) -> bool:
    """The evaluation is over: no stage allows it today, and a stage that allowed it has ended."""
    today = today or timezone.localdate()
    if process.allows("evaluate", today):
        return False
    return any(s.allows_evaluate and s.ends_on is not None and s.ends_on < today for s in process.stages.all())


@rules.predicate
def can_be_assigned(user) -> bool:
    """Forum members and the evaluators appointed by the secretariat."""
    return is_forum_member(user) or is_evaluator(user)


@rules.predicate
def allows_evaluate(user, obj) -> bool:
    process = _process_of(obj)
    return process is not None and process.allows("evaluate")


@rules.predicate
def is_assignee(user, assignment) -> bool:
    return bool(
        assignment is not None and getattr(user, "pk", None) and getattr(assignment, "evaluator_id", None) == user.pk
    )


@rules.predicate
def has_conflict(user, assignment) -> bool:
    if assignment is None:
        return False
    try:
        return assignment.conflict is not None
    except ObjectDoesNotExist:
        return False


@rules.predicate
def results_published(user, obj) -> bool:
    process = _process_of(obj)
    return process is not None and is_published(process)


@rules.predicate
def stage_closed(user, obj) -> bool:
    process = _process_of(obj)
    return process is not None and evaluation_closed(process)


rules.add_perm("evaluation.manage", is_secretariat)
rules.add_perm("evaluation.view_own_assignments", can_be_assigned)
rules.add_perm("evaluation.score", can_be_assigned & is_assignee & ~has_conflict & allows_evaluate)
rules.add_perm("evaluation.declare_conflict", can_be_assigned & is_assignee & ~has_conflict & ~results_published)
rules.add_perm("evaluation.publish_results", is_secretariat & stage_closed)
rules.add_perm("evaluation.view_results", results_published)
