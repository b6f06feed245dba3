"""``manage.py restore DIR --yes``: put a backup back and check every table's row count against it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from abierto.core import backup


class Command(BaseCommand):
    help = "Restaura un respaldo de «backup» (reemplaza la base de datos y los archivos) y lo verifica."

    def add_arguments(self, parser):
        parser.add_argument("source", help="Carpeta del respaldo.")
        parser.add_argument("--yes", action="store_true", help="Confirma que se reemplazan los datos actuales.")

    def handle(self, *args, source, yes, verbosity, **options):
        if not yes:
            raise CommandError("La restauración reemplaza todos los datos actuales. Repita con --yes para confirmar.")
        try:
            manifest = backup.restore(Path(source))
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1:
            rows = sum(manifest["tables"].values())
            self.stdout.write(
                self.style.SUCCESS(f"Restaurado y verificado: {rows} filas en {len(manifest['tables'])} tablas.")
            )
