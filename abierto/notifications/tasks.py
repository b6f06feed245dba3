"""Background tasks of the notifications app (run by ``manage.py run_worker``)."""

from abierto.jobs.services import task
from abierto.notifications import reminders, services


@task("notifications.send_notification")
def send_notification(notification_id: int) -> None:
    services.send_notification(notification_id)


@task("notifications.send_digest")
def send_digest(user_id: int) -> None:
    services.send_digest(user_id)


@task("notifications.queue_daily_digests")
def queue_daily_digests() -> None:
    services.queue_daily_digests()


@task("notifications.check_overdue_milestones")
def check_overdue_milestones() -> None:
    reminders.overdue_milestones()


@task("notifications.check_reporting_deadlines")
def check_reporting_deadlines() -> None:
    reminders.reporting_deadlines()
