"""Run background jobs: ``manage.py run_worker [--once] [--sleep S] [--max-jobs N] [--queue Q]``.

Start as many as you like, on as many machines as share the database: no job runs twice.
"""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from abierto.jobs.services import Worker


class Command(BaseCommand):
    help = "Ejecuta las tareas en segundo plano guardadas en la base de datos."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Ejecuta lo pendiente y termina.")
        parser.add_argument("--sleep", type=float, default=1.0, help="Segundos de espera cuando no hay tareas.")
        parser.add_argument("--max-jobs", type=int, default=None, help="Termina después de N tareas.")
        parser.add_argument("--queue", action="append", dest="queues", default=[], help="Solo esta cola (repetible).")

    def handle(self, *args, once, sleep, max_jobs, queues, verbosity, **options):
        if verbosity >= 2:
            logging.getLogger("abierto.jobs").setLevel(logging.INFO)
        worker = Worker(queues=queues, sleep=sleep, once=once, max_jobs=max_jobs)
        worker.install_signal_handlers()
        # Emails and texts built by tasks are in the site's language.
        with translation.override(settings.LANGUAGE_CODE):
            processed = worker.run()
        if verbosity >= 1:
            self.stdout.write(f"{worker.worker_id}: {processed} tareas ejecutadas.")
