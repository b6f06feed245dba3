"""Scheduled checks that turn dates into notices. ``manage.py send_reminders`` queues them daily."""

import datetime
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from abierto.notifications.services import notify_many
from abierto.plans.models import Commitment, Milestone


def _implementers_by_institution(institution_ids: set[int]) -> dict[int, list[Any]]:
    from abierto.accounts.models import Role

    roles = (
        Role.objects.active()
        .filter(kind=Role.Kind.IMPLEMENTER, institution_id__in=institution_ids, user__is_active=True)
        .select_related("user", "user__notification_preference")
    )
    people: dict[int, list[Any]] = defaultdict(list)
    for role in roles:
        people[role.institution_id].append(role.user)
    return people


def overdue_milestones(today: datetime.date | None = None) -> int:
    """Tell the implementers of each overdue milestone's lead institution, once per milestone and
    planned end date (a milestone rescheduled and late again is announced again). Returns how many
    notices were stored."""
    today = today or timezone.localdate()
    milestones = list(
        Milestone.objects.overdue(today)
        .filter(commitment__lead_institution__isnull=False)
        .select_related("commitment__plan", "commitment__lead_institution")
        .order_by("end_date", "id")
    )
    people = _implementers_by_institution({m.commitment.lead_institution_id for m in milestones})
    messages: list[dict[str, Any]] = []
    with translation.override(settings.LANGUAGE_CODE):
        for milestone in milestones:
            commitment = milestone.commitment
            recipients = people.get(commitment.lead_institution_id, [])
            if not recipients:
                continue
            label = milestone.code or milestone.description[:80]
            subject = _("Hito atrasado en el compromiso %(code)s") % {"code": commitment.code}
            body = _(
                "El hito «%(milestone)s» del compromiso %(code)s · %(title)s debía terminar el %(date)s "
                "y todavía no está completo. Actualice su estado o su avance en la plataforma."
            ) % {
                "milestone": label,
                "code": commitment.code,
                "title": commitment.display_title,
                "date": date_format(milestone.end_date, "DATE_FORMAT"),
            }
            messages += [
                {
                    "user": user,
                    "kind": "milestone_overdue",
                    "subject": subject,
                    "body": body,
                    "url": commitment.get_absolute_url(),
                    "dedupe_key": f"milestone_overdue:{milestone.pk}:{milestone.end_date.isoformat()}",
                    "context": {"milestone_id": milestone.pk, "commitment_id": commitment.pk},
                }
                for user in recipients
            ]
    return notify_many(messages)


def reporting_deadlines(today: datetime.date | None = None) -> int:
    """Remind the implementers of each commitment that has not yet sent its report, a number of
    days (``ABIERTO_REMINDER_DAYS``) before the deadline of its plan's reporting period. Does
    nothing while the monitoring app has no reporting periods. Returns how many notices were stored."""
    try:
        from abierto.monitoring.models import ProgressReport, ReportingPeriod
    except ImportError:
        return 0
    today = today or timezone.localdate()
    days_by_date = {today + datetime.timedelta(days=days): days for days in settings.ABIERTO_REMINDER_DAYS}
    periods = list(ReportingPeriod.objects.filter(deadline__in=list(days_by_date)).select_related("plan"))
    if not periods:
        return 0
    commitments = list(
        Commitment.objects.filter(
            plan__in={period.plan_id for period in periods}, lead_institution__isnull=False, is_withdrawn=False
        ).select_related("plan")
    )
    manager = getattr(ProgressReport, "all_objects", ProgressReport.objects)
    sent_statuses = [s for s in ("submitted", "validated", "published") if s in ProgressReport.Status.values]
    reported = set(
        manager.filter(period__in=periods, status__in=sent_statuses).values_list("period_id", "commitment_id")
    )
    people = _implementers_by_institution({c.lead_institution_id for c in commitments})
    messages: list[dict[str, Any]] = []
    with translation.override(settings.LANGUAGE_CODE):
        for period in periods:
            days = days_by_date[period.deadline]
            for commitment in commitments:
                if commitment.plan_id != period.plan_id or (period.pk, commitment.pk) in reported:
                    continue
                subject = _("Quedan %(days)s días para reportar el compromiso %(code)s") % {
                    "days": days,
                    "code": commitment.code,
                }
                body = _(
                    "El plazo para entregar el reporte de avance de «%(period)s» del compromiso %(code)s · "
                    "%(title)s vence el %(date)s."
                ) % {
                    "period": period.label,
                    "code": commitment.code,
                    "title": commitment.display_title,
                    "date": date_format(period.deadline, "DATE_FORMAT"),
                }
                messages += [
                    {
                        "user": user,
                        "kind": "deadline_reminder",
                        "subject": subject,
                        "body": body,
                        "url": commitment.get_absolute_url(),
                        "dedupe_key": f"deadline_reminder:{period.pk}:{commitment.pk}:{days}",
                        "context": {"period_id": period.pk, "commitment_id": commitment.pk},
                    }
                    for user in people.get(commitment.lead_institution_id, [])
                ]
    return notify_many(messages)
