"""Every public entity the platform publishes, described once.

Each :class:`Resource` says which rows are public, which columns they have (type, Spanish and English
description) and how a column is read from a row. The read API (``/api/v1/``), its OpenAPI document and its
documentation page are all built from this one description, so they cannot disagree; the bulk downloads and
their data package reuse it too.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import get_language

from abierto.assessments.models import Assessment
from abierto.institutions.models import Government, Institution
from abierto.monitoring.models import ProgressReport, ReportingPeriod
from abierto.plans.models import (
    ActionPlan,
    Commitment,
    Evidence,
    Indicator,
    Measurement,
    Milestone,
    PolicyArea,
)

TYPES = ("string", "integer", "number", "boolean", "date", "datetime", "array")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    es: str
    en: str
    source: str | Callable[[Any], Any] | None = None  # attribute path ("plan.slug") or a function of the row
    nullable: bool = True
    enum: tuple[str, ...] = ()

    def read(self, row: Any) -> Any:
        source = self.source or self.name
        if callable(source):
            value = source(row)
        else:
            value = row
            for part in source.split("."):
                value = getattr(value, part, None)
                if value is None:
                    break
        return plain(value, self.type)

    def description(self) -> str:
        return self.en if (get_language() or "es").startswith("en") else self.es


def plain(value: Any, kind: str) -> Any:
    """A JSON-ready value: numbers as numbers, dates as ISO 8601, blank text as null."""
    if value is None or value == "":
        return None
    if kind == "number" and isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, models.Model | Promise):
        return str(value)
    return value


@dataclass(frozen=True)
class Filter:
    param: str
    lookup: str
    type: str
    es: str
    en: str

    def description(self) -> str:
        return self.en if (get_language() or "es").startswith("en") else self.es

    def parse(self, raw: str) -> Any:
        """The query value as the lookup needs it; ValueError for a value of the wrong type."""
        if self.type == "integer":
            value = int(raw)
            if not -(2**63) <= value < 2**63:
                raise ValueError(raw)  # beyond any database integer
            return value
        if self.type == "boolean":
            lowered = raw.lower()
            if lowered in ("true", "1", "si", "sí"):
                return True
            if lowered in ("false", "0", "no"):
                return False
            raise ValueError(raw)
        if self.type == "date":
            return datetime.date.fromisoformat(raw)
        if self.type == "datetime":
            moment = datetime.datetime.fromisoformat(raw)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=datetime.UTC)
            try:
                # In UTC: PostgreSQL refuses offsets beyond ±15:59 that Python accepts.
                return moment.astimezone(datetime.UTC)
            except OverflowError:
                raise ValueError(raw) from None
        return raw


@dataclass(frozen=True)
class Resource:
    name: str
    es: str
    en: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    queryset: Callable[[], models.QuerySet]
    filters: tuple[Filter, ...] = ()
    modified_field: str | None = None  # the row's "last changed" timestamp, for Last-Modified
    html_url: Callable[[Any], str] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def title(self) -> str:
        return self.en if (get_language() or "es").startswith("en") else self.es

    def rows(self) -> models.QuerySet:
        return self.queryset()

    def serialize(self, row: Any) -> dict[str, Any]:
        data = {column.name: column.read(row) for column in self.columns}
        if self.html_url is not None:
            data["html_url"] = self.html_url(row)
        return data


def _slugs(attribute: str, key: str = "slug") -> Callable[[Any], list[str]]:
    def read(row: Any) -> list[str]:
        return [getattr(item, key) for item in getattr(row, attribute).all()]

    return read


def _choices(choices: type[models.TextChoices]) -> tuple[str, ...]:
    return tuple(choices.values)


def _file_or_url(row: Any) -> str | None:
    return row.href or None


def public_name(value: Any) -> str | None:
    """A person's name as a public page shows it, never an e-mail address (a name can fall back to an
    account's identifier, which may be one): then nothing."""
    text = str(value or "").strip()
    if not text or "@" in text:
        return None
    return text


ID = Column("id", "integer", "Identificador interno, estable.", "Internal identifier, stable.", nullable=False)
UPDATED = Column("updated_at", "datetime", "Última modificación.", "Last modified.")
COMMITMENT = Column("commitment", "integer", "Compromiso (id).", "Commitment (id).", "commitment_id", nullable=False)
PLAN = Column("plan", "string", "Identificador del plan.", "Plan identifier.", "plan.slug", nullable=False)
BY_COMMITMENT = Filter("commitment", "commitment_id", "integer", "Compromiso (id).", "Commitment (id).")
BY_PLAN = Filter("plan", "plan__slug", "string", "Identificador del plan.", "Plan identifier.")
BY_COMMITMENT_PLAN = Filter("plan", "commitment__plan__slug", "string", "Identificador del plan.", "Plan identifier.")
BY_GOVERNMENT = Filter("government", "government__code__iexact", "string", "Código del gobierno.", "Government code.")
UPDATED_SINCE = Filter(
    "updated_since", "updated_at__gte", "datetime", "Modificados desde (ISO 8601).", "Modified since (ISO 8601)."
)


def _registry() -> dict[str, Resource]:
    resources = [
        Resource(
            name="governments",
            es="Gobiernos",
            en="Governments",
            model=Government,
            queryset=lambda: Government.objects.select_related("country").order_by("pk"),
            columns=(
                ID,
                Column(
                    "code",
                    "string",
                    "Código (ISO 3166-1 alfa-3 u OGP).",
                    "Code (ISO 3166-1 alpha-3 or OGP).",
                    nullable=False,
                ),
                Column("name", "string", "Nombre.", "Name.", nullable=False),
                Column("kind", "string", "Nacional o local.", "National or local.", enum=_choices(Government.Kind)),
                Column(
                    "country",
                    "string",
                    "Código del país (gobiernos locales).",
                    "Country code (local governments).",
                    "country.code",
                ),
                Column("ogp_region", "string", "Región OGP.", "OGP region.", "region"),
                Column("ogp_url", "string", "Página del miembro en OGP.", "The member's OGP page."),
            ),
            filters=(Filter("code", "code__iexact", "string", "Código del gobierno.", "Government code."),),
        ),
        Resource(
            name="institutions",
            es="Instituciones",
            en="Institutions",
            model=Institution,
            queryset=lambda: Institution.objects.select_related("government").order_by("pk"),
            columns=(
                ID,
                Column("slug", "string", "Identificador legible.", "Readable identifier.", nullable=False),
                Column("name", "string", "Nombre.", "Name.", nullable=False),
                Column("acronym", "string", "Sigla.", "Acronym."),
                Column(
                    "branch",
                    "string",
                    "Poder del Estado o sector.",
                    "Branch of State or sector.",
                    enum=_choices(Institution.Branch),
                ),
                Column("government", "string", "Código del gobierno.", "Government code.", "government.code"),
                Column("website", "string", "Sitio web.", "Website."),
            ),
            filters=(
                BY_GOVERNMENT,
                Filter("branch", "branch", "string", "Poder del Estado o sector.", "Branch of State or sector."),
            ),
            html_url=lambda row: row.get_absolute_url(),
        ),
        Resource(
            name="policy-areas",
            es="Áreas de política",
            en="Policy areas",
            model=PolicyArea,
            queryset=lambda: PolicyArea.objects.order_by("pk"),
            columns=(
                ID,
                Column("slug", "string", "Identificador legible.", "Readable identifier.", nullable=False),
                Column(
                    "name",
                    "string",
                    "Nombre en la clasificación de OGP (inglés).",
                    "Name in OGP's classification.",
                    nullable=False,
                ),
                Column("name_es", "string", "Nombre en español.", "Name in Spanish."),
            ),
        ),
        Resource(
            name="plans",
            es="Planes de acción",
            en="Action plans",
            model=ActionPlan,
            queryset=lambda: ActionPlan.objects.select_related("government").order_by("pk"),
            columns=(
                ID,
                Column(
                    "slug",
                    "string",
                    "Identificador legible (en la dirección de su página).",
                    "Readable identifier (in its page's address).",
                    nullable=False,
                ),
                Column("government", "string", "Código del gobierno.", "Government code.", "government.code"),
                Column(
                    "kind",
                    "string",
                    "Nacional, local u hoja de ruta.",
                    "National, local or roadmap.",
                    enum=_choices(ActionPlan.Kind),
                ),
                Column("number", "integer", "Número del plan.", "Plan number."),
                Column("title", "string", "Título.", "Title.", nullable=False),
                Column("description", "string", "Descripción.", "Description."),
                Column("start_year", "integer", "Año de inicio.", "First year.", nullable=False),
                Column("end_year", "integer", "Año de término.", "Last year.", nullable=False),
                Column("submitted_on", "date", "Fecha de entrega a OGP.", "Date submitted to OGP."),
                Column("status", "string", "Estado del plan.", "Plan status.", enum=_choices(ActionPlan.Status)),
                Column(
                    "declared_commitments",
                    "integer",
                    "Compromisos declarados por la fuente.",
                    "Commitments declared by the source.",
                ),
                Column(
                    "progress_computed",
                    "number",
                    "Avance calculado (0–100) según la metodología publicada; nulo sin datos.",
                    "Computed progress (0–100) by the published methodology; null without data.",
                ),
                Column(
                    "progress_commitments_counted",
                    "integer",
                    "Compromisos con cifra de avance que entran en el promedio.",
                    "Commitments with a progress figure in the mean.",
                ),
                Column("source", "string", "Fuente de los datos.", "Source of the data."),
                Column("ogp_plan_id", "string", "Identificador del plan en OGP.", "OGP plan identifier."),
                UPDATED,
            ),
            filters=(
                BY_GOVERNMENT,
                Filter("kind", "kind", "string", "Tipo de plan.", "Plan kind."),
                UPDATED_SINCE,
            ),
            modified_field="updated_at",
            html_url=lambda row: row.get_absolute_url(),
        ),
        Resource(
            name="commitments",
            es="Compromisos",
            en="Commitments",
            model=Commitment,
            queryset=lambda: (
                Commitment.objects.select_related("plan", "lead_institution", "carried_from")
                .prefetch_related("supporting_institutions", "policy_areas", "values")
                .order_by("pk")
            ),
            columns=(
                ID,
                PLAN,
                Column(
                    "code",
                    "string",
                    "Código del compromiso en el plan.",
                    "Commitment code within the plan.",
                    nullable=False,
                ),
                Column("ogp_id", "string", "Código OGP (p. ej. CL0046).", "OGP code (e.g. CL0046)."),
                Column("title", "string", "Título.", "Title.", nullable=False),
                Column("title_en", "string", "Título en inglés (OGP).", "Title in English (OGP)."),
                Column("theme", "string", "Tema.", "Theme."),
                Column("horizon", "string", "Horizonte (hoja de ruta).", "Horizon (roadmap)."),
                Column("start_date", "date", "Fecha de inicio.", "Start date."),
                Column("end_date", "date", "Fecha de término.", "End date."),
                Column(
                    "lead_institution",
                    "string",
                    "Institución responsable (identificador).",
                    "Lead institution (identifier).",
                    "lead_institution.slug",
                ),
                Column(
                    "supporting_institutions",
                    "array",
                    "Instituciones de apoyo (identificadores).",
                    "Supporting institutions (identifiers).",
                    _slugs("supporting_institutions"),
                ),
                Column("responsible_name", "string", "Persona responsable.", "Responsible person."),
                Column(
                    "responsible_position",
                    "string",
                    "Cargo de la persona responsable.",
                    "Responsible person's position.",
                ),
                Column("problem", "string", "Problema que aborda.", "Problem addressed."),
                Column("main_objective", "string", "Objetivo principal.", "Main objective."),
                Column("brief_description", "string", "Breve descripción.", "Brief description."),
                Column("description", "string", "Descripción.", "Description."),
                Column(
                    "components",
                    "string",
                    "Componentes (actividades clave y productos).",
                    "Components (key activities and deliverables).",
                ),
                Column("expected_results", "string", "Resultados esperados.", "Expected results."),
                Column("ogp_values", "array", "Valores OGP.", "OGP values.", _slugs("values", "value")),
                Column(
                    "policy_areas",
                    "array",
                    "Áreas de política (identificadores).",
                    "Policy areas (identifiers).",
                    _slugs("policy_areas"),
                ),
                Column("sdg", "string", "Objetivo de Desarrollo Sostenible.", "Sustainable Development Goal."),
                Column("closes_gender_gap", "boolean", "Cierra brechas de género.", "Closes gender gaps."),
                Column("closes_inclusion_gap", "boolean", "Cierra brechas de inclusión.", "Closes inclusion gaps."),
                Column(
                    "carried_from",
                    "integer",
                    "Compromiso del plan anterior que continúa (id).",
                    "Earlier plan's commitment it continues (id).",
                    "carried_from_id",
                ),
                Column("is_withdrawn", "boolean", "Retirado del plan.", "Withdrawn from the plan.", nullable=False),
                Column(
                    "progress_computed",
                    "number",
                    "Avance calculado (0–100) por sus hitos; nulo sin datos.",
                    "Computed progress (0–100) from its milestones; null without data.",
                ),
                Column("source", "string", "Fuente de los datos.", "Source of the data."),
                UPDATED,
            ),
            filters=(
                BY_PLAN,
                Filter(
                    "government", "plan__government__code__iexact", "string", "Código del gobierno.", "Government code."
                ),
                Filter(
                    "lead_institution",
                    "lead_institution__slug",
                    "string",
                    "Institución responsable.",
                    "Lead institution.",
                ),
                Filter("policy_area", "policy_areas__slug", "string", "Área de política.", "Policy area."),
                Filter("ogp_value", "values__value", "string", "Valor OGP.", "OGP value."),
                UPDATED_SINCE,
            ),
            modified_field="updated_at",
            html_url=lambda row: row.get_absolute_url(),
        ),
        Resource(
            name="milestones",
            es="Hitos",
            en="Milestones",
            model=Milestone,
            queryset=lambda: Milestone.objects.select_related("commitment").order_by("pk"),
            columns=(
                ID,
                COMMITMENT,
                Column("code", "string", "Número del hito.", "Milestone number."),
                Column("description", "string", "Descripción.", "Description.", nullable=False),
                Column("expected_output", "string", "Producto entregable.", "Deliverable."),
                Column("start_date", "date", "Inicio planificado.", "Planned start."),
                Column("end_date", "date", "Término planificado.", "Planned end."),
                Column("actual_start_date", "date", "Inicio real.", "Actual start."),
                Column("actual_end_date", "date", "Término real.", "Actual end."),
                Column(
                    "weight",
                    "number",
                    "Ponderación en el avance del compromiso.",
                    "Weight in the commitment's progress.",
                ),
                Column("status", "string", "Estado.", "Status.", enum=_choices(Milestone.Status)),
                Column("progress", "integer", "Avance (0–100).", "Progress (0–100)."),
                UPDATED,
            ),
            filters=(
                BY_COMMITMENT,
                BY_COMMITMENT_PLAN,
                Filter("status", "status", "string", "Estado.", "Status."),
                UPDATED_SINCE,
            ),
            modified_field="updated_at",
        ),
        Resource(
            name="indicators",
            es="Indicadores",
            en="Indicators",
            model=Indicator,
            queryset=lambda: Indicator.objects.order_by("pk"),
            columns=(
                ID,
                COMMITMENT,
                Column(
                    "level",
                    "string",
                    "Nivel en el marco lógico.",
                    "Logical-framework level.",
                    enum=_choices(Indicator.Level),
                ),
                Column("name", "string", "Indicador.", "Indicator.", nullable=False),
                Column("formula", "string", "Fórmula de cálculo.", "Formula."),
                Column("unit", "string", "Unidad.", "Unit."),
                Column("baseline_value", "number", "Línea base.", "Baseline."),
                Column("baseline_date", "date", "Fecha de la línea base.", "Baseline date."),
                Column("target_value", "number", "Meta.", "Target."),
                Column("target_date", "date", "Fecha de la meta.", "Target date."),
                Column("frequency", "string", "Frecuencia de medición.", "Measurement frequency."),
                Column("means_of_verification", "string", "Medios de verificación.", "Means of verification."),
            ),
            filters=(BY_COMMITMENT,),
        ),
        Resource(
            name="measurements",
            es="Mediciones de indicadores",
            en="Indicator measurements",
            model=Measurement,
            queryset=lambda: Measurement.objects.order_by("pk"),
            columns=(
                ID,
                Column("indicator", "integer", "Indicador (id).", "Indicator (id).", "indicator_id", nullable=False),
                Column("date", "date", "Fecha.", "Date.", nullable=False),
                Column("value", "number", "Valor.", "Value.", nullable=False),
                Column("note", "string", "Nota.", "Note."),
            ),
            filters=(Filter("indicator", "indicator_id", "integer", "Indicador (id).", "Indicator (id)."),),
        ),
        Resource(
            name="evidence",
            es="Medios de verificación",
            en="Evidence",
            model=Evidence,
            queryset=lambda: Evidence.objects.order_by("pk"),
            columns=(
                ID,
                COMMITMENT,
                Column("milestone", "integer", "Hito (id), si corresponde.", "Milestone (id), if any.", "milestone_id"),
                Column("title", "string", "Título.", "Title.", nullable=False),
                Column("url", "string", "Enlace o archivo.", "Link or file.", _file_or_url),
                Column("date", "date", "Fecha.", "Date."),
                Column("description", "string", "Descripción.", "Description."),
            ),
            filters=(BY_COMMITMENT,),
        ),
        Resource(
            name="assessments",
            es="Evaluaciones independientes (IRM)",
            en="Independent assessments (IRM)",
            model=Assessment,
            queryset=lambda: Assessment.objects.order_by("pk"),
            columns=(
                ID,
                COMMITMENT,
                Column("specificity", "string", "Especificidad.", "Specificity."),
                Column("verifiable", "boolean", "Verificable.", "Verifiable."),
                Column("potential_impact", "string", "Impacto potencial.", "Potential impact."),
                Column("potential_for_results", "string", "Potencial de resultados.", "Potential for results."),
                Column(
                    "completion_progress_report",
                    "string",
                    "Cumplimiento (informe de avance).",
                    "Completion (progress report).",
                ),
                Column(
                    "completion_end_of_term", "string", "Cumplimiento (informe final).", "Completion (end of term)."
                ),
                Column("early_results", "string", "Resultados tempranos.", "Early results."),
                Column("opened_government", "string", "¿Abrió el gobierno?", "Did it open government?"),
                Column(
                    "starred",
                    "boolean",
                    "Destacado: calculado de especificidad, relevancia, impacto y cumplimiento.",
                    "Starred: computed from specificity, relevance, impact and completion.",
                ),
                Column("source", "string", "Fuente.", "Source."),
                UPDATED,
            ),
            filters=(BY_COMMITMENT,),
            modified_field="updated_at",
        ),
        Resource(
            name="reporting-periods",
            es="Períodos de reporte",
            en="Reporting periods",
            model=ReportingPeriod,
            queryset=lambda: ReportingPeriod.objects.select_related("plan").order_by("pk"),
            columns=(
                ID,
                PLAN,
                Column("label", "string", "Nombre.", "Name.", nullable=False),
                Column("start", "date", "Inicio.", "Start.", nullable=False),
                Column("end", "date", "Término.", "End.", nullable=False),
                Column("deadline", "date", "Plazo de entrega.", "Deadline.", nullable=False),
            ),
            filters=(BY_PLAN,),
        ),
        Resource(
            name="reports",
            es="Reportes de avance publicados",
            en="Published progress reports",
            model=ProgressReport,
            queryset=lambda: ProgressReport.objects.select_related("commitment__plan").order_by("pk"),
            columns=(
                ID,
                COMMITMENT,
                Column("period", "integer", "Período de reporte (id).", "Reporting period (id).", "period_id"),
                Column("period_label", "string", "Período informado.", "Period reported."),
                Column(
                    "version",
                    "integer",
                    "Versión (una corrección es una versión nueva).",
                    "Version (a correction is a new version).",
                    nullable=False,
                ),
                Column(
                    "supersedes", "integer", "Versión que corrige (id).", "Version it corrects (id).", "supersedes_id"
                ),
                Column("completion", "string", "Nivel de cumplimiento declarado.", "Self-reported completion."),
                Column(
                    "results_description", "string", "Resultados y evidencia de uso.", "Results and evidence of use."
                ),
                Column("conclusion_date_text", "string", "Fecha de conclusión.", "Completion date."),
                Column("next_steps", "string", "Próximos pasos.", "Next steps."),
                Column(
                    "remaining_and_challenges",
                    "string",
                    "Lo que queda y los retos.",
                    "What remains and the challenges.",
                ),
                Column("published_at", "datetime", "Publicado.", "Published."),
                Column("source", "string", "Fuente.", "Source."),
                UPDATED,
            ),
            filters=(
                BY_COMMITMENT,
                Filter("period", "period_id", "integer", "Período (id).", "Period (id)."),
                BY_COMMITMENT_PLAN,
            ),
            modified_field="updated_at",
            html_url=lambda row: row.commitment.get_absolute_url(),
        ),
    ]
    # Each app's public resources are described beside the others, in a module of their own; imported here,
    # once the shared pieces above exist, because those modules build on them.
    from abierto.opendata import cocreation_resources, forum_resources, participation_resources

    resources += cocreation_resources.resources()
    resources += participation_resources.resources()
    resources += forum_resources.resources()
    return {resource.name: resource for resource in resources}


REGISTRY: dict[str, Resource] = _registry()


def all_resources() -> Iterable[Resource]:
    return REGISTRY.values()
