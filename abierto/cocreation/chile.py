"""Chile's co-creation processes, transcribed from the official sources (idempotent).

- 5th plan (2020-2022): the seven stages and their dates of the "Cronograma de trabajo del quinto Plan
  de Acción durante el año 2020" (seed 002, presentation «Proceso de cocreación: camino al quinto Plan
  de Acción»). Stages given as a month ("Agosto 2020") run from its first to its last day; the source's
  wording is kept in ``dates_text``.
- 6th plan (2023-2027): the stages named in the Open State roadmap's progress report of December 2023
  (seed 000, activity 1.3.3), its nine "Talleres de Estado Abierto" (activity 1.3.2) and the Mesa's
  priority themes (activity 1.3.4). The report gives no dates for the stages after the workshops: they
  stay empty. Workshop dates are those of the report (22 May to 26 July; the year, 2023, is the
  report's). The same report says the initiatives "fueron discutidas en la siguiente etapa, las mesas de
  cocreación" (activities 1.3.2 to 1.3.4) but gives no date, theme or count of any table: none is loaded.
"""

import datetime
from typing import Any

from django.db import models, transaction
from django.utils.text import slugify

from abierto.audit import services as audit
from abierto.cocreation.models import CoCreationProcess, Stage, Theme, Workshop
from abierto.cocreation.stage_templates import FIFTH_PLAN, SIXTH_PLAN
from abierto.plans import services as plan_services
from abierto.plans.chile import ACTOR_LABEL
from abierto.plans.models import ActionPlan

SOURCE_2020 = "Presentación «Proceso de cocreación: camino al quinto Plan de Acción» (2020)"
SOURCE_ROADMAP = "Estado Abierto Chile: estado de avance de la Hoja de Ruta (diciembre de 2023)"
OUTCOMES = ("created", "updated", "unchanged")
KINDS = {
    "cocreation_process": "Procesos de cocreación",
    "cocreation_stage": "Etapas de cocreación",
    "cocreation_theme": "Temas de cocreación",
    "cocreation_workshop": "Talleres",
}

D = datetime.date

FIFTH_DATES = [
    (D(2020, 8, 1), D(2020, 8, 31), "Agosto 2020"),
    (D(2020, 8, 10), D(2020, 8, 24), "Del 10 al 24 de agosto"),
    (D(2020, 9, 1), D(2020, 9, 30), "Septiembre 2020"),
    (D(2020, 10, 1), D(2020, 10, 31), "Octubre 2020"),
    (D(2020, 11, 1), D(2020, 11, 30), "Noviembre 2020"),
    (D(2020, 11, 1), D(2020, 11, 30), "Noviembre 2020"),
    (D(2020, 12, 1), D(2020, 12, 31), "Diciembre 2020"),
]

# The 5th plan's stages as the schedule words them (the template's generic names are reused elsewhere).
# The source's "Vía formulación único" is read as "formulario único", as in the plan's description.
FIFTH_WORDING = {
    5: {"description": "Por la MGA en base a criterios y estándares OGP."},
    7: {"name": "Publicación del quinto Plan de Acción"},
}

SIXTH_DATES = [
    (D(2023, 5, 22), D(2023, 7, 26), "Del 22 de mayo al 26 de julio (9 talleres)"),
    (None, None, ""),
    (None, None, ""),
    (None, None, ""),
    (None, None, ""),
    (None, None, ""),
]

SIXTH_THEMES = [
    "Grupos de especial protección",
    "Género",
    "Medioambiente y cambio climático",
    "Territorios y descentralización",
    "Desarrollo sostenible",
]

# (date, title, place, region, commune, target group)
SIXTH_WORKSHOPS = [
    (
        D(2023, 5, 22),
        "Taller de Estado Abierto en la Municipalidad de Peñalolén",
        "Municipalidad de Peñalolén",
        "RM",
        "Peñalolén",
        "",
    ),
    (D(2023, 5, 23), "Taller de Estado Abierto de las regiones del Maule, Biobío y la Araucanía", "", "", "", ""),
    (D(2023, 5, 24), "Taller de Estado Abierto de la Región Metropolitana", "", "RM", "", ""),
    (
        D(2023, 6, 12),
        "Taller de Estado Abierto en la Municipalidad de Rancagua",
        "Municipalidad de Rancagua",
        "VI",
        "Rancagua",
        "",
    ),
    (D(2023, 6, 14), "Taller Nacional de Estado Abierto", "", "", "", ""),
    (D(2023, 6, 20), "Taller de Estado Abierto de la Mesa de género", "", "", "", "Mujeres"),
    (
        D(2023, 6, 22),
        "Taller de Estado Abierto con el Servicio Nacional del Adulto Mayor",
        "",
        "",
        "",
        "Personas mayores",
    ),
    (
        D(2023, 7, 18),
        "Taller de Estado Abierto en SEGPRES",
        "Ministerio Secretaría General de la Presidencia",
        "",
        "",
        "",
    ),
    (D(2023, 7, 26), "Taller de Estado Abierto con el Instituto Nacional de la Juventud", "", "", "", "Juventudes"),
]

PROCESSES = [
    {
        "number": 5,
        "slug": "quinto-plan",
        "template": CoCreationProcess.Template.FIFTH_PLAN,
        "title": "Cocreación del V Plan de Acción de Gobierno Abierto (2020-2022)",
        "description": (
            "En el marco del proceso de co-creación del V Plan de Acción de Chile en Gobierno Abierto "
            "(2020-2022), la Mesa de Gobierno Abierto invitó a la ciudadanía, organizaciones de la sociedad "
            "civil, academia y a quienes estuvieran interesados a enviar propuestas de compromisos."
        ),
        "source": SOURCE_2020,
        "stages": FIFTH_PLAN,
        "dates": FIFTH_DATES,
        "wording": FIFTH_WORDING,
        "themes": [],
        "workshops": [],
    },
    {
        "number": 6,
        "slug": "sexto-plan",
        "template": CoCreationProcess.Template.SIXTH_PLAN,
        "title": "Cocreación del 6° Plan de Acción de Estado Abierto (2023-2027)",
        "description": (
            "Proceso de cocreación del 6° Plan de Acción conducido por la Mesa Nacional de Estado Abierto: "
            "mapeo de iniciativas desde el sector público, consulta ciudadana para recibir propuestas, "
            "evaluación según los criterios y estándares definidos por la Mesa, y mesas de cocreación. "
            "Se realizaron 9 Talleres de Estado Abierto para difundirlo."
        ),
        "source": SOURCE_ROADMAP,
        "stages": SIXTH_PLAN,
        "dates": SIXTH_DATES,
        "themes": SIXTH_THEMES,
        "workshops": SIXTH_WORKSHOPS,
    },
]


class _Loader:
    def __init__(self) -> None:
        self.counts = {kind: dict.fromkeys(OUTCOMES, 0) for kind in KINDS}

    def put(self, kind: str, instance: models.Model, fields: dict[str, Any]) -> models.Model:
        is_new = instance.pk is None
        before = None if is_new else audit.snapshot(instance)
        for name, value in fields.items():
            setattr(instance, name, value)
        outcome = "created" if is_new else ("updated" if audit.snapshot(instance) != before else "unchanged")
        if outcome != "unchanged":
            plan_services.save(instance, actor=None, actor_label=ACTOR_LABEL)
        self.counts[kind][outcome] += 1
        return instance

    def load(self, data: dict) -> None:
        plan = ActionPlan.objects.filter(
            government__code="CHL", kind=ActionPlan.Kind.NATIONAL, number=data["number"]
        ).first()
        if plan is None:
            return
        process = CoCreationProcess.objects.filter(plan=plan).first() or CoCreationProcess(plan=plan)
        process = self.put(
            "cocreation_process",
            process,
            {
                "slug": data["slug"],
                "title": data["title"],
                "description": data["description"],
                "template": data["template"],
                "source": data["source"],
            },
        )
        existing = {stage.position: stage for stage in process.stages.all()}
        for position, (stage_data, (start, end, text)) in enumerate(
            zip(data["stages"], data["dates"], strict=True), start=1
        ):
            fields = dict(stage_data)
            fields.update(data.get("wording", {}).get(position, {}))
            fields.update({"starts_on": start, "ends_on": end, "dates_text": text})
            self.put("cocreation_stage", existing.get(position) or Stage(process=process, position=position), fields)
        themes = {theme.slug: theme for theme in process.themes.all()}
        for position, name in enumerate(data["themes"], start=1):
            slug = slugify(name)[:120]
            self.put(
                "cocreation_theme",
                themes.get(slug) or Theme(process=process, slug=slug),
                {"name": name, "is_priority": True, "position": position},
            )
        workshops = {(w.held_on, w.position): w for w in process.workshops.all()}
        for position, (held_on, title, place, region, commune, group) in enumerate(data["workshops"], start=1):
            self.put(
                "cocreation_workshop",
                workshops.get((held_on, position)) or Workshop(process=process, position=position, held_on=held_on),
                {
                    "title": title,
                    "place": place,
                    "region": region,
                    "commune": commune,
                    "target_group": group,
                    "source": SOURCE_ROADMAP,
                },
            )


def load_cocreation(stdout=None) -> dict:
    """Load (or bring up to date) Chile's co-creation processes; returns {kind: {created, updated, unchanged}}."""
    loader = _Loader()
    with transaction.atomic():
        for data in PROCESSES:
            loader.load(data)
    if stdout is not None:
        for kind, label in KINDS.items():
            row = loader.counts[kind]
            stdout.write(
                f"{label}: {row['created']} creados, {row['updated']} actualizados, {row['unchanged']} sin cambios"
            )
    return loader.counts
