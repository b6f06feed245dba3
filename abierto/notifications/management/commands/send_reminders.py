"""``manage.py send_reminders``: queue the daily checks (overdue milestones, reporting deadlines),
the daily digests and the day's open-data export. Run it once a day from cron or a systemd timer;
running it twice the same day queues nothing new."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from abierto.jobs import services as jobs

DAILY_TASKS = [
    "notifications.check_overdue_milestones",
    "notifications.check_reporting_deadlines",
    "notifications.queue_daily_digests",
    "opendata.build_export",
]


class Command(BaseCommand):
    help = "Encola los recordatorios y resúmenes diarios (hitos atrasados, plazos de reporte)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--run-now", action="store_true", help="Además ejecuta lo encolado en este proceso, sin esperar al worker."
        )

    def handle(self, *args, run_now, verbosity, **options):
        today = timezone.localdate().isoformat()
        queued = 0
        for name in DAILY_TASKS:
            if jobs.enqueue(name, {}, dedupe_key=f"{name}:{today}") is not None:
                queued += 1
        if verbosity >= 1:
            self.stdout.write(f"{queued} tareas diarias encoladas.")
        if run_now:
            ran = jobs.run_pending()
            if verbosity >= 1:
                self.stdout.write(f"{ran} tareas ejecutadas.")
