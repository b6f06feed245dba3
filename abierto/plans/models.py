"""Action plans, their commitments, milestones, indicators and evidence.

Progress figures stored here (``progress_*`` fields) are derived data: they are written only by
``abierto.plans.progress`` from the rows they depend on, never typed by a person.
"""

import datetime
from decimal import Decimal
from urllib.parse import quote

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from abierto.plans.validators import validate_evidence_file


class Completion(models.TextChoices):
    """Completion levels as OGP and its IRM name them."""

    NOT_STARTED = "not_started", _("No iniciado")
    LIMITED = "limited", _("Limitado")
    SUBSTANTIAL = "substantial", _("Sustancial")
    COMPLETE = "complete", _("Completo")
    WITHDRAWN = "withdrawn", _("Retirado")
    NO_EVIDENCE = "no_evidence", _("Sin evidencia disponible")


class OgpValue(models.TextChoices):
    ACCESS_TO_INFORMATION = "access_to_information", _("Acceso a la información")
    CIVIC_PARTICIPATION = "civic_participation", _("Participación ciudadana")
    PUBLIC_ACCOUNTABILITY = "public_accountability", _("Rendición de cuentas")
    TECHNOLOGY_INNOVATION = "technology_innovation", _("Tecnología e innovación")


class PolicyArea(models.Model):
    name = models.CharField(_("nombre (OGP)"), max_length=120, unique=True)
    name_es = models.CharField(_("nombre en español"), max_length=120, blank=True)
    slug = models.SlugField(_("identificador"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("área de política")
        verbose_name_plural = _("áreas de política")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name_es or self.name


class ActionPlanQuerySet(models.QuerySet):
    def for_government(self, government_code: str) -> "ActionPlanQuerySet":
        return self.filter(government__code=government_code)

    def national(self) -> "ActionPlanQuerySet":
        return self.filter(kind=ActionPlan.Kind.NATIONAL)


_PLAN_URLS: dict[tuple[str, str], str] = {}


class ActionPlan(models.Model):
    class Kind(models.TextChoices):
        NATIONAL = "national", _("Plan de acción nacional")
        LOCAL = "local", _("Plan de acción local")
        ROADMAP = "roadmap", _("Hoja de ruta")

    class Status(models.TextChoices):
        CO_CREATION = "co_creation", _("En cocreación")
        IMPLEMENTATION = "implementation", _("En implementación")
        CLOSED = "closed", _("Finalizado")

    government = models.ForeignKey(
        "institutions.Government", verbose_name=_("gobierno"), on_delete=models.PROTECT, related_name="plans"
    )
    kind = models.CharField(_("tipo"), max_length=10, choices=Kind.choices, default=Kind.NATIONAL)
    number = models.PositiveSmallIntegerField(_("número"), null=True, blank=True)
    slug = models.SlugField(
        _("identificador en la dirección"),
        max_length=60,
        unique=True,
        help_text=_("Aparece en /planes/<identificador>/."),
    )
    title = models.CharField(_("título"), max_length=300)
    description = models.TextField(_("descripción"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("año de inicio"))
    end_year = models.PositiveSmallIntegerField(_("año de término"))
    submitted_on = models.DateField(_("fecha de entrega"), null=True, blank=True)
    status = models.CharField(_("estado"), max_length=20, choices=Status.choices, default=Status.IMPLEMENTATION)
    declared_commitments = models.PositiveSmallIntegerField(
        _("compromisos declarados"),
        null=True,
        blank=True,
        help_text=_("Cuántos compromisos tiene el plan según sus fuentes, aunque no estén todos en el registro."),
    )
    source = models.CharField(_("fuente"), max_length=300, blank=True)
    ogp_plan_id = models.CharField(_("identificador OGP del plan"), max_length=20, blank=True)

    # Derived by abierto.plans.progress; never edited by hand.
    progress_computed = models.DecimalField(
        _("avance calculado"), max_digits=5, decimal_places=2, null=True, blank=True, editable=False
    )
    progress_commitments_counted = models.PositiveIntegerField(default=0, editable=False)
    progress_computed_at = models.DateTimeField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan de acción")
        verbose_name_plural = _("planes de acción")
        ordering = ["government__name", "-start_year", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")),
                name="plan_period_ordered",
                violation_error_message=_("El año de término no puede ser anterior al año de inicio."),
            ),
            models.UniqueConstraint(
                fields=["government", "kind", "number"],
                condition=Q(number__isnull=False),
                name="plan_unique_number_per_government_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        # Every commitment's URL starts with its plan's: lists of commitments (pages, API, exports) build one per
        # row, each row with its own plan instance, so the answer is kept per slug (and script prefix).
        key = (get_script_prefix(), self.slug)
        url = _PLAN_URLS.get(key)
        if url is None:
            if len(_PLAN_URLS) > 10_000:
                _PLAN_URLS.clear()
            url = _PLAN_URLS[key] = reverse("plans:plan_detail", kwargs={"plan_slug": self.slug})
        return url

    @property
    def period_label(self) -> str:
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"


class CommitmentQuerySet(models.QuerySet):
    def with_list_relations(self) -> "CommitmentQuerySet":
        return self.select_related("plan", "plan__government", "lead_institution").prefetch_related(
            "policy_areas", "values"
        )


class Commitment(models.Model):
    class Horizon(models.TextChoices):
        IMMEDIATE = "immediate", _("Acciones inmediatas")
        MEDIUM = "medium", _("Acciones a mediano plazo")
        LONG = "long", _("Acciones a largo plazo")

    plan = models.ForeignKey(ActionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="commitments")
    code = models.CharField(
        _("código"),
        max_length=20,
        help_text=_("Identificador en la dirección: el código OGP (CL0050) o el número de la acción (1.1)."),
    )
    ogp_id = models.CharField(_("código OGP"), max_length=12, null=True, blank=True, unique=True)
    number = models.CharField(_("número en el plan"), max_length=12, blank=True)
    position = models.PositiveIntegerField(_("orden"), default=0)
    title = models.CharField(
        _("título"),
        max_length=500,
        blank=True,
        help_text=_("En el idioma del plan; si falta, se muestra el título OGP."),
    )
    title_en = models.CharField(_("título en inglés (OGP)"), max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(_("año"), null=True, blank=True)
    theme = models.CharField(_("tema"), max_length=300, blank=True)
    horizon = models.CharField(_("horizonte (hoja de ruta)"), max_length=10, choices=Horizon.choices, blank=True)
    start_date = models.DateField(_("fecha de inicio"), null=True, blank=True)
    end_date = models.DateField(_("fecha de término"), null=True, blank=True)
    dates_text = models.CharField(_("plazo según la fuente"), max_length=120, blank=True)

    lead_institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institución responsable"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_commitments",
    )
    supporting_institutions = models.ManyToManyField(
        "institutions.Institution",
        verbose_name=_("instituciones de apoyo"),
        blank=True,
        related_name="supported_commitments",
    )
    responsibles_text = models.TextField(_("responsables según la fuente"), blank=True)
    responsible_name = models.CharField(_("persona responsable"), max_length=200, blank=True)
    responsible_position = models.CharField(_("cargo"), max_length=200, blank=True)
    responsible_email = models.EmailField(_("correo electrónico"), blank=True)
    responsible_phone = models.CharField(_("teléfono"), max_length=40, blank=True)

    problem = models.TextField(_("status quo o problema"), blank=True)
    main_objective = models.TextField(_("objetivo principal"), blank=True)
    brief_description = models.TextField(_("breve descripción"), blank=True)
    description = models.TextField(_("descripción"), blank=True)
    components = models.TextField(_("componentes (actividades clave y productos)"), blank=True)
    expected_results = models.TextField(_("resultados esperados"), blank=True)
    relevance = models.TextField(_("relevancia"), blank=True)
    ambition = models.TextField(_("ambición"), blank=True)
    ogp_challenge = models.TextField(_("desafío OGP atendido"), blank=True)
    policy_areas = models.ManyToManyField(
        PolicyArea, verbose_name=_("áreas de política"), blank=True, related_name="commitments"
    )
    sdg = models.CharField(_("Objetivo de Desarrollo Sostenible"), max_length=200, blank=True)
    closes_gender_gap = models.BooleanField(_("cierra brechas de género"), null=True, blank=True)
    closes_inclusion_gap = models.BooleanField(_("cierra brechas de inclusión"), null=True, blank=True)
    additional_info = models.TextField(_("información adicional"), blank=True)
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("continúa el compromiso"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )
    is_withdrawn = models.BooleanField(_("retirado"), default=False)
    source = models.CharField(_("fuente"), max_length=300, blank=True)

    # Derived by abierto.plans.progress; never edited by hand.
    progress_computed = models.DecimalField(
        _("avance calculado"), max_digits=5, decimal_places=2, null=True, blank=True, editable=False
    )
    progress_milestones_counted = models.PositiveIntegerField(default=0, editable=False)
    progress_computed_at = models.DateTimeField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("compromiso")
        verbose_name_plural = _("compromisos")
        ordering = ["plan", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="commitment_unique_code_per_plan"),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="commitment_dates_ordered",
                violation_error_message=_("La fecha de término no puede ser anterior a la fecha de inicio."),
            ),
        ]
        indexes = [
            # The institution page lists an institution's commitments across plans.
            models.Index(fields=["lead_institution", "plan"], name="commitment_lead_plan_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    def get_absolute_url(self) -> str:
        # The same URL reverse() gives for plans:commitment_detail, without resolving it per row.
        return f"{self.plan.get_absolute_url()}compromisos/{quote(self.code, safe='')}/"

    @property
    def display_title(self) -> str:
        return self.title or self.title_en


class CommitmentValue(models.Model):
    """Relevance of a commitment to one OGP value, with the justification the plan gives."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="values")
    value = models.CharField(_("valor OGP"), max_length=30, choices=OgpValue.choices)
    justification = models.TextField(_("justificación"), blank=True)

    class Meta:
        verbose_name = _("valor OGP del compromiso")
        verbose_name_plural = _("valores OGP del compromiso")
        constraints = [models.UniqueConstraint(fields=["commitment", "value"], name="commitment_value_unique")]

    def __str__(self) -> str:
        return self.get_value_display()


class MilestoneQuerySet(models.QuerySet):
    def overdue(self, today: datetime.date | None = None) -> "MilestoneQuerySet":
        today = today or timezone.localdate()
        return self.filter(end_date__lt=today).exclude(
            status__in=[Milestone.Status.COMPLETED, Milestone.Status.WITHDRAWN]
        )


class Milestone(models.Model):
    """An activity with a deliverable ("hito"). Roadmap activities (1.1.1) are milestones too."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("No iniciado")
        IN_PROGRESS = "in_progress", _("En curso")
        COMPLETED = "completed", _("Completo")
        WITHDRAWN = "withdrawn", _("Retirado")

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("compromiso"), on_delete=models.CASCADE, related_name="milestones"
    )
    code = models.CharField(_("número"), max_length=20, blank=True)
    position = models.PositiveIntegerField(_("orden"), default=0)
    description = models.TextField(_("descripción"))
    expected_output = models.TextField(_("producto entregable"), blank=True)
    progress_description = models.TextField(_("descripción del avance"), blank=True)
    responsibles_text = models.TextField(_("responsables"), blank=True)
    stakeholders = models.TextField(_("otros actores"), blank=True)
    start_date = models.DateField(_("inicio planificado"), null=True, blank=True)
    end_date = models.DateField(_("término planificado"), null=True, blank=True)
    actual_start_date = models.DateField(_("inicio real"), null=True, blank=True)
    actual_end_date = models.DateField(_("término real"), null=True, blank=True)
    duration_text = models.CharField(_("duración"), max_length=60, blank=True)
    weight = models.DecimalField(
        _("ponderación"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Peso relativo del hito. Se normaliza sobre los hitos que cuentan."),
    )
    status = models.CharField(_("estado"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    progress = models.PositiveSmallIntegerField(
        _("avance (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("hito")
        verbose_name_plural = _("hitos")
        ordering = ["commitment", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="milestone_weight_positive",
                violation_error_message=_("La ponderación debe ser mayor que cero."),
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100),
                name="milestone_progress_range",
                violation_error_message=_("El avance debe estar entre 0 y 100."),
            ),
            # A status and a percentage may never disagree.
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(progress=100),
                name="milestone_completed_is_100",
                violation_error_message=_("Un hito completo tiene un avance de 100 %%."),
            ),
            models.CheckConstraint(
                condition=~Q(status="not_started") | Q(progress=0),
                name="milestone_not_started_is_0",
                violation_error_message=_("Un hito no iniciado tiene un avance de 0 %%."),
            ),
            models.CheckConstraint(
                condition=~Q(status="in_progress") | Q(progress__lt=100),
                name="milestone_in_progress_below_100",
                violation_error_message=_(
                    "Un hito en curso tiene menos de 100 %%: si está terminado, márquelo como completo."
                ),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="milestone_dates_ordered",
                violation_error_message=_("El término planificado no puede ser anterior al inicio planificado."),
            ),
        ]
        indexes = [
            # Overdue milestones of a plan: filtered by end date, joined through the commitment.
            models.Index(fields=["end_date", "status"], name="milestone_end_status_idx"),
        ]

    def __str__(self) -> str:
        label = f"{self.code} " if self.code else ""
        return f"{label}{self.description[:80]}"

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return bool(
            self.end_date
            and self.end_date < today
            and self.status not in {self.Status.COMPLETED, self.Status.WITHDRAWN}
        )

    @property
    def counts_for_progress(self) -> bool:
        return self.status != self.Status.WITHDRAWN


class Indicator(models.Model):
    """An indicator in the logical-framework form (matriz de marco lógico)."""

    class Level(models.TextChoices):
        GOAL = "goal", _("Fin")
        PURPOSE = "purpose", _("Propósito")
        COMPONENT = "component", _("Componente")
        ACTIVITY = "activity", _("Actividad")

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("compromiso"), on_delete=models.CASCADE, related_name="indicators"
    )
    level = models.CharField(_("nivel"), max_length=10, choices=Level.choices)
    narrative = models.TextField(_("resumen narrativo"), blank=True)
    name = models.CharField(_("indicador"), max_length=300)
    formula = models.TextField(_("fórmula de cálculo"), blank=True)
    unit = models.CharField(_("unidad"), max_length=60, blank=True)
    baseline_value = models.DecimalField(_("línea base"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_date = models.DateField(_("fecha de la línea base"), null=True, blank=True)
    target_value = models.DecimalField(_("meta"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_date = models.DateField(_("fecha de la meta"), null=True, blank=True)
    frequency = models.CharField(_("frecuencia de medición"), max_length=60, blank=True)
    means_of_verification = models.TextField(_("medios de verificación"), blank=True)
    assumptions = models.TextField(_("supuestos"), blank=True)
    position = models.PositiveIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("indicador")
        verbose_name_plural = _("indicadores")
        ordering = ["commitment", "position", "id"]

    def __str__(self) -> str:
        return self.name


class Measurement(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicador"), on_delete=models.CASCADE, related_name="measurements"
    )
    date = models.DateField(_("fecha"))
    value = models.DecimalField(_("valor"), max_digits=14, decimal_places=2)
    note = models.CharField(_("nota"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("medición")
        verbose_name_plural = _("mediciones")
        ordering = ["indicator", "date"]
        constraints = [models.UniqueConstraint(fields=["indicator", "date"], name="measurement_unique_date")]

    def __str__(self) -> str:
        return f"{self.date}: {self.value}"


def evidence_upload_to(instance: "Evidence", filename: str) -> str:
    return f"evidencia/{timezone.now():%Y/%m}/{filename}"


class Evidence(models.Model):
    """A means of verification (medio de verificación): a link or a file."""

    milestone = models.ForeignKey(
        Milestone, verbose_name=_("hito"), null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("compromiso"), on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("título"), max_length=300)
    url = models.URLField(_("enlace"), max_length=500, blank=True)
    file = models.FileField(_("archivo"), upload_to=evidence_upload_to, blank=True, validators=[validate_evidence_file])
    date = models.DateField(_("fecha"), null=True, blank=True)
    description = models.TextField(_("descripción"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("medio de verificación")
        verbose_name_plural = _("medios de verificación")
        ordering = ["commitment", "date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""),
                name="evidence_has_link_or_file",
                violation_error_message=_("Un medio de verificación necesita un enlace o un archivo."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def href(self) -> str:
        return self.url or (self.file.url if self.file else "")
