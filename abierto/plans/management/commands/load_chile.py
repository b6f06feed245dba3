"""Loads Chile's open-government record from the official sources transcribed in ``abierto.plans.chile``."""

from django.core.management.base import BaseCommand

from abierto.plans.chile.loader import load_chile


class Command(BaseCommand):
    help = (
        "Carga (o actualiza) los datos de Chile desde las fuentes oficiales: gobierno, planes de acción, "
        "hoja de ruta, compromisos, hitos y evaluaciones. Puede ejecutarse varias veces sin duplicar nada."
    )

    def handle(self, *args, **options):
        self.stdout.write("Datos de Chile (fuentes oficiales):")
        counts = load_chile(stdout=self.stdout)
        created = sum(row["created"] for row in counts.values())
        updated = sum(row["updated"] for row in counts.values())
        self.stdout.write(self.style.SUCCESS(f"Listo: {created} registros creados, {updated} actualizados."))
