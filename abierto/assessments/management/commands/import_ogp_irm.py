"""manage.py import_ogp_irm FILE.csv: load the OGP IRM commitment sheet (see abierto.assessments.importer)."""

from django.core.management.base import BaseCommand, CommandError

from abierto.assessments.importer import SheetError, import_irm


class Command(BaseCommand):
    help = (
        "Importa la planilla de compromisos del IRM de OGP (CSV UTF-8): miembros, planes, compromisos, "
        "áreas de política y evaluaciones independientes. Se puede repetir: lo que no cambió no se toca."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Planilla IRM de OGP en CSV (UTF-8).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Lee y valida todo, informa, y no guarda ningún cambio."
        )
        parser.add_argument("--no-progress", action="store_true", help="Sin barra de avance.")

    def handle(self, *args, **options):
        try:
            report = import_irm(options["file"], progress=not options["no_progress"], dry_run=options["dry_run"])
        except SheetError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.render())
