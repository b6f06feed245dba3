"""Telling people what happened: the one entry point other apps call.

Other apps call :func:`notify` inside their write transaction; the message is queued and sent by a
background job after the transaction commits, according to the person's preferences.
"""

from typing import Any


def notify(
    *,
    user: Any,
    kind: str,
    subject: str,
    body: str,
    url: str = "",
    dedupe_key: str = "",
    context: dict[str, Any] | None = None,
) -> None:
    """Queue a notification for ``user``.

    ``kind`` names the event ("report_returned", "report_published", "deadline_reminder",
    "milestone_overdue", "report_overdue", "commitment_update"); ``subject`` and ``body`` are plain text
    in the recipient's language; ``url`` is an absolute path on the site; ``dedupe_key`` makes the
    call idempotent (the same key is never sent twice to the same person).
    """
