"""Builds a synthetic registry at national scale (benchmarks, load tests). See abierto.core.scale."""

import time

from django.core.management.base import BaseCommand, CommandError

from abierto.core.scale import DEFAULT_SEED, PROFILES, RealDataPresent, ScaleBuilder


class Command(BaseCommand):
    help = (
        "Genera un registro sintético a escala nacional (50 planes, 2.000 compromisos, 10.000 hitos…) "
        "para medir el rendimiento. No toca planes reales salvo con --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--profile", choices=sorted(PROFILES), default="national", help="Tamaño del registro.")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Semilla (mismos datos con la misma).")
        parser.add_argument(
            "--cocreation",
            choices=["national", "small"],
            help=(
                "Solo la consulta de cocreación a escala (national: 100.000 propuestas, 1.000.000 de personas, "
                "3.000.000 de apoyos, 300.000 comentarios); reemplaza la anterior. Ver abierto.cocreation.scale."
            ),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Borra todos los planes existentes, también los reales, antes de generar.",
        )

    def handle(self, *args, **options):
        if options["cocreation"]:
            return self.handle_cocreation(options["cocreation"], options["seed"])
        profile = PROFILES[options["profile"]]
        self.stdout.write(
            f"Perfil «{options['profile']}» (semilla {options['seed']}): {profile.plans} planes, "
            f"{profile.commitments} compromisos, {profile.milestones} hitos, {profile.evidence} medios de "
            f"verificación, {profile.measurements} mediciones de {profile.indicators} indicadores."
        )
        started = time.perf_counter()
        builder = ScaleBuilder(options["profile"], seed=options["seed"], force=options["force"], log=self.stdout.write)
        try:
            report = builder.run()
        except RealDataPresent as exc:
            raise CommandError(str(exc)) from exc
        if report.removed_plans:
            self.stdout.write(f"Se eliminaron {report.removed_plans} planes anteriores.")
        if report.search_documents is not None:
            self.stdout.write(f"Índice de búsqueda: {report.search_documents} documentos.")
        elif not report.search_rebuilt:
            self.stdout.write("Índice de búsqueda: no reconstruido (abierto.search.services.rebuild no existe).")
        counts = ", ".join(f"{name} {n}" for name, n in report.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Listo en {time.perf_counter() - started:.1f} s: {counts}."))

    def handle_cocreation(self, size_name: str, seed: int) -> None:
        from abierto.cocreation.scale import SIZES, ConsultationBuilder

        size = SIZES[size_name]
        self.stdout.write(
            f"Consulta «{size_name}» (semilla {seed}): {size.proposals} propuestas, {size.people} personas, "
            f"{size.supports} apoyos, {size.comments} comentarios."
        )
        report = ConsultationBuilder(size_name, seed=seed, log=self.stdout.write).run()
        counts = ", ".join(f"{name} {n}" for name, n in report.counts.items())
        self.stdout.write(
            self.style.SUCCESS(f"Listo en {report.timings['total']:.1f} s ({report.database}): {counts}.")
        )
