"""Loads Chile's open-government record from the official sources transcribed in ``abierto.plans.chile``."""

from importlib import import_module

from django.core.management.base import BaseCommand

from abierto.plans.chile.loader import load_chile

# Each later part of the record (the forum, co-creation processes) has its own loader in its app. Each
# takes ``stdout`` and returns counts shaped like ``load_chile``'s: {kind: {"created": n, "updated": n, ...}}.
EXTRA_LOADERS = (
    "abierto.forum.chile.load_forum",
    "abierto.cocreation.chile.load_cocreation",
    "abierto.evaluation.chile.load_evaluation",  # after co-creation: the criteria belong to the 6th plan's process
)


class Command(BaseCommand):
    help = (
        "Carga (o actualiza) los datos de Chile desde las fuentes oficiales: gobierno, planes de acción, "
        "hoja de ruta, compromisos, hitos y evaluaciones. Puede ejecutarse varias veces sin duplicar nada."
    )

    def handle(self, *args, **options):
        self.stdout.write("Datos de Chile (fuentes oficiales):")
        counts = dict(load_chile(stdout=self.stdout))
        for dotted in EXTRA_LOADERS:
            module, name = dotted.rsplit(".", 1)
            counts.update(getattr(import_module(module), name)(stdout=self.stdout))
        created = sum(row["created"] for row in counts.values())
        updated = sum(row["updated"] for row in counts.values())
        self.stdout.write(self.style.SUCCESS(f"Listo: {created} registros creados, {updated} actualizados."))
