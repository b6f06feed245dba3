"""``manage.py backup [--output DIR]``: the database and the uploaded files, with a manifest."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from abierto.core import backup


class Command(BaseCommand):
    help = "Respalda la base de datos y los archivos subidos en una carpeta nueva, con un manifiesto verificable."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Carpeta nueva para el respaldo (por defecto var/backups/<fecha>).")

    def handle(self, *args, output, verbosity, **options):
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        target = Path(output) if output else Path(settings.BASE_DIR) / "var" / "backups" / stamp
        try:
            manifest = backup.create(target)
        except (backup.BackupError, FileExistsError) as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1:
            rows = sum(manifest["tables"].values())
            self.stdout.write(
                self.style.SUCCESS(f"Respaldo en {target}: {rows} filas, {len(manifest['files'])} archivos.")
            )
