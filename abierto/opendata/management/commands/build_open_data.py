"""``manage.py build_open_data``: build the bulk download now (the daily job does the same)."""

from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from abierto.opendata import export


class Command(BaseCommand):
    help = "Genera la descarga masiva de datos abiertos (CSV, JSON y XLSX con datapackage.json) y la publica."

    def handle(self, *args, verbosity, **options):
        built = export.build()
        if verbosity >= 1:
            total = sum(built.rows.values())
            self.stdout.write(
                self.style.SUCCESS(
                    f"Listo: {total} filas de {len(built.rows)} recursos, {filesizeformat(built.size)}, "
                    f"SHA-256 {built.sha256}."
                )
            )
