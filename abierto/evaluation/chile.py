"""The criteria the Mesa Nacional de Estado Abierto used to evaluate the 6th plan's proposals (idempotent).

Source: the Open State roadmap's progress report of December 2023 (seed 000): activity 1.3.3 says the
initiatives of the public sector and the citizen consultation's proposals were "evaluadas de acuerdo a los
criterios y estándares definidos por la Mesa Nacional de Estado Abierto", and activity 1.3.4 that the Mesa's
priority themes ("Grupos de Especial Protección, género, medioambiente y cambio climático, territorios y
descentralización, y desarrollo sostenible") "han sido utilizados para la evaluación". The OGP values and the
feasibility of commitments come from the OGP standards the Mesa applies (seed 002: plans "deben ser claros,
concisos y factibles" and contribute "de forma clara en los valores de gobierno abierto"; seed 004, the
commitment template's "Relevancia" to the OGP values).

The sources give neither weights nor a scale: the criteria carry equal weights (1) and a 1 to 5 scale, and
each criterion's description says so. The secretariat can change them (with a reason once scores exist).
"""

from decimal import Decimal

from django.db import transaction

from abierto.audit import services as audit
from abierto.cocreation.models import CoCreationProcess
from abierto.evaluation.models import Criterion
from abierto.plans.chile import ACTOR_LABEL

PROCESS_SLUG = "sexto-plan"
SOURCE = "Estado Abierto Chile: estado de avance de la Hoja de Ruta (diciembre de 2023), actividades 1.3.3 y 1.3.4"
EQUAL_WEIGHTS = (
    " La fuente no indica ponderaciones ni escala: todos los criterios pesan lo mismo (1) y se puntúan de 1 a 5."
)

CRITERIA = [
    {
        "name": "Temas prioritarios de la Mesa",
        "description": (
            "Cuánto aborda la propuesta los temas prioritarios definidos por la Mesa Nacional de Estado Abierto "
            "para el 6° Plan: grupos de especial protección, género, medioambiente y cambio climático, "
            "territorios y descentralización, y desarrollo sostenible." + EQUAL_WEIGHTS
        ),
        "min_label": "No aborda ningún tema prioritario",
        "max_label": "Aborda de lleno un tema prioritario",
        "source": SOURCE,
    },
    {
        "name": "Relevancia para los valores de gobierno abierto",
        "description": (
            "Cuánto contribuye a los valores de la Alianza para el Gobierno Abierto: acceso a la información, "
            "participación ciudadana, rendición de cuentas, y tecnología e innovación." + EQUAL_WEIGHTS
        ),
        "min_label": "Sin relación con los valores",
        "max_label": "Contribuye claramente a uno o más valores",
        "source": SOURCE + "; estándares OGP (valores de gobierno abierto)",
    },
    {
        "name": "Factibilidad",
        "description": (
            "Si la propuesta puede implementarse en el plazo del plan: clara, concisa y factible, con una "
            "institución que pueda liderarla y actividades y productos verificables." + EQUAL_WEIGHTS
        ),
        "min_label": "No es factible",
        "max_label": "Plenamente factible",
        "source": SOURCE + "; estándares OGP (compromisos claros, concisos y factibles)",
    },
]


def load_chile_criteria(stdout=None) -> dict[str, int]:
    """Create (or bring up to date) the 6th plan's criteria; returns {created, updated, unchanged}.
    Does nothing when the 6th plan's process is not loaded yet (run after ``load_cocreation``)."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    process = CoCreationProcess.objects.filter(slug=PROCESS_SLUG).first()
    if process is None:
        return counts
    with transaction.atomic():
        existing = {c.position: c for c in process.criteria.all()}
        for position, data in enumerate(CRITERIA, start=1):
            criterion = existing.get(position) or Criterion(process=process, position=position)
            before = audit.snapshot(criterion) if criterion.pk else None
            fields = {"weight": Decimal("1"), "scale_min": 1, "scale_max": 5, **data}
            if criterion.pk and criterion.scores.exists():
                # Never rescale what has been scored; the wording may still be brought up to date.
                fields.pop("scale_min")
                fields.pop("scale_max")
            for name, value in fields.items():
                setattr(criterion, name, value)
            if before is not None and audit.snapshot(criterion) == before:
                counts["unchanged"] += 1
                continue
            criterion.full_clean()
            criterion.save()
            after = audit.snapshot(criterion)
            changes = audit.diff(before or {}, after)
            audit.record(
                actor=None,
                actor_label=ACTOR_LABEL,
                action="update" if before is not None else "create",
                instance=criterion,
                changes=changes,
                plan_id=process.plan_id,
            )
            counts["updated" if before is not None else "created"] += 1
    if stdout is not None:
        stdout.write(
            f"Criterios de evaluación: {counts['created']} creados, {counts['updated']} actualizados, "
            f"{counts['unchanged']} sin cambios"
        )
    return counts


def load_evaluation(stdout=None) -> dict[str, dict[str, int]]:
    """The entry point of ``manage.py load_chile``: counts shaped like the other loaders'."""
    counts = load_chile_criteria(stdout=stdout)
    return {"evaluation_criteria": counts}
