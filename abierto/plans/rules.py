"""Who may do what with the registry. The public reads everything; only these may write."""

import rules

from abierto.accounts.rules import institution_ids, is_evaluator, is_secretariat


@rules.predicate
def leads_commitment(user, commitment) -> bool:
    """An implementer of the commitment's lead institution."""
    return bool(commitment is not None and commitment.lead_institution_id in institution_ids(user))


# Reading is public: these exist so templates and views ask one question everywhere.
rules.add_perm("plans.view_actionplan", rules.always_allow)
rules.add_perm("plans.view_commitment", rules.always_allow)

# The registry itself is the secretariat's.
rules.add_perm("plans.add_actionplan", is_secretariat)
rules.add_perm("plans.change_actionplan", is_secretariat)
rules.add_perm("plans.delete_actionplan", is_secretariat)
rules.add_perm("plans.add_commitment", is_secretariat)
rules.add_perm("plans.change_commitment", is_secretariat)
rules.add_perm("plans.delete_commitment", is_secretariat)
rules.add_perm("plans.carry_forward_commitment", is_secretariat)

# Monitoring: the lead institution's implementers report on their own commitments.
rules.add_perm("plans.report_on_commitment", is_secretariat | leads_commitment)
rules.add_perm("plans.update_milestone_progress", is_secretariat | leads_commitment)
rules.add_perm("plans.add_evidence", is_secretariat | leads_commitment)

# Independent assessments.
rules.add_perm("plans.assess_commitment", is_evaluator | is_secretariat)
