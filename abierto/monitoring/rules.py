"""Who may move a progress report through its workflow.

The implementers of the commitment's lead institution write the report (create, edit, submit) while
it is a draft or has come back with changes requested. The secretariat may also write it on behalf of
the institution (it compiles what institutions send by email, often through the spreadsheet): such a
report records ``entered_on_behalf`` and the secretariat may then submit it too; it does not submit a
report the institution wrote alone. Only the secretariat requests changes, validates and publishes.
Nobody edits a submitted, validated or published report: it moves only by
these transitions, and a published one is corrected by a new version.

Services check these with ``rules.has_perm`` (not ``user.has_perm``, which lets a superuser through
whatever the report's status).
"""

import rules

from abierto.accounts.rules import institution_ids, is_implementer
from abierto.accounts.rules import is_secretariat as _is_secretariat
from abierto.monitoring.models import ProgressReport

Status = ProgressReport.Status


@rules.predicate
def is_secretariat(user) -> bool:
    """``accounts.rules.is_secretariat``, read once per user object (it may query the groups): a spreadsheet
    checks it for every row."""
    cached = getattr(user, "_abierto_is_secretariat", None)
    if cached is None:
        cached = bool(_is_secretariat(user))
        if getattr(user, "is_authenticated", False):
            user._abierto_is_secretariat = cached
    return cached


@rules.predicate
def leads_commitment(user, commitment) -> bool:
    """The person reports for the institution that leads ``commitment``."""
    return bool(commitment is not None and commitment.lead_institution_id in institution_ids(user))


@rules.predicate
def leads_report(user, report) -> bool:
    return bool(report is not None and report.commitment.lead_institution_id in institution_ids(user))


def _status_in(*statuses: str):
    @rules.predicate(name=f"status_in_{'_'.join(statuses)}")
    def check(user, report) -> bool:
        return report is not None and report.status in statuses

    return check


is_editable = _status_in(Status.DRAFT, Status.CHANGES_REQUESTED)
is_submitted = _status_in(Status.SUBMITTED)
is_validated = _status_in(Status.VALIDATED)
is_published = _status_in(Status.PUBLISHED)


@rules.predicate
def is_entered_on_behalf(user, report) -> bool:
    return bool(report is not None and report.entered_on_behalf)


@rules.predicate
def file_of_published_report(user, row) -> bool:
    """The file of a published report is public."""
    return row is not None and row.report.status == Status.PUBLISHED


@rules.predicate
def leads_report_of_file(user, row) -> bool:
    return row is not None and row.report.commitment.lead_institution_id in institution_ids(user)


@rules.predicate
def is_latest_version(user, report) -> bool:
    """Only the latest published version of a report is corrected, and only once at a time."""
    return report is not None and not ProgressReport.all_objects.filter(supersedes=report).exists()


# The monitoring pages: implementers and the secretariat.
rules.add_perm("monitoring.access", is_implementer | is_secretariat)
rules.add_perm("monitoring.view_dashboard", is_secretariat)
rules.add_perm("monitoring.view_progressreport", leads_report | is_secretariat)

# Writing (object: the commitment for creation, the report otherwise). The secretariat writes on behalf
# of the lead institution, and submits what it wrote.
rules.add_perm("monitoring.add_progressreport", leads_commitment | is_secretariat)
rules.add_perm("monitoring.change_progressreport", (leads_report | is_secretariat) & is_editable)
rules.add_perm(
    "monitoring.submit_progressreport", (leads_report | (is_secretariat & is_entered_on_behalf)) & is_editable
)

# Reviewing.
rules.add_perm("monitoring.request_changes_progressreport", is_secretariat & is_submitted)
rules.add_perm("monitoring.validate_progressreport", is_secretariat & is_submitted)
rules.add_perm("monitoring.publish_progressreport", is_secretariat & is_validated)

# Corrections: a new version of the latest published report.
rules.add_perm("monitoring.correct_progressreport", (leads_report | is_secretariat) & is_published & is_latest_version)

# Evidence files (object: the ReportEvidence row): public once the report is published.
rules.add_perm("monitoring.download_reportevidence", file_of_published_report | leads_report_of_file | is_secretariat)
