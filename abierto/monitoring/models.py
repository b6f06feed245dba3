"""Self-reported progress of commitments (the compliance template, "plantilla de cumplimiento").

A report moves through a workflow (draft → submitted → changes requested / validated → published);
the transitions live in :mod:`abierto.monitoring.services` and nowhere else. A published report is
never edited in place: a correction is a new version (``version`` n+1, ``supersedes`` the published one).

``ProgressReport.objects`` returns PUBLISHED reports only, so that every public page that reads it
shows nothing that the secretariat has not published. The workflow uses ``ProgressReport.all_objects``
(also the default manager: the admin, related managers and migrations see every row).
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from abierto.plans.models import Completion, Milestone
from abierto.plans.validators import validate_evidence_file


class ReportingPeriod(models.Model):
    """A period on which every commitment of a plan reports, with its deadline."""

    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="reporting_periods"
    )
    label = models.CharField(_("nombre"), max_length=120, help_text=_("Por ejemplo, «Primer semestre 2025»."))
    start = models.DateField(_("inicio"))
    end = models.DateField(_("término"))
    deadline = models.DateField(_("plazo de entrega"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("período de reporte")
        verbose_name_plural = _("períodos de reporte")
        ordering = ["plan", "start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "label"],
                name="reporting_period_unique_label",
                violation_error_message=_("Ese plan ya tiene un período con ese nombre."),
            ),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="reporting_period_ordered",
                violation_error_message=_("El término del período no puede ser anterior a su inicio."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def is_past_deadline(self, today: datetime.date | None = None) -> bool:
        return self.deadline < (today or timezone.localdate())


class PublishedReportManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(status=ProgressReport.Status.PUBLISHED)


class ProgressReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Borrador")
        SUBMITTED = "submitted", _("Enviado")
        CHANGES_REQUESTED = "changes_requested", _("Con cambios solicitados")
        VALIDATED = "validated", _("Validado")
        PUBLISHED = "published", _("Publicado")

    # Statuses of a report still in the workflow: one per commitment and period at a time.
    OPEN_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.VALIDATED)
    # Statuses in which the implementer edits the report.
    EDITABLE_STATUSES = (Status.DRAFT, Status.CHANGES_REQUESTED)
    # The compliance template's fields: what a correction copies and what the diff compares.
    TEMPLATE_FIELDS = (
        "completion",
        "results_description",
        "conclusion_date_text",
        "next_steps",
        "remaining_and_challenges",
        "additional_info",
    )

    commitment = models.ForeignKey(
        "plans.Commitment", verbose_name=_("compromiso"), on_delete=models.CASCADE, related_name="progress_reports"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("período"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
        help_text=_("Vacío en los reportes cargados desde fuentes anteriores a la plataforma."),
    )
    period_label = models.CharField(_("período informado"), max_length=120)
    # Rows written outside the workflow (loaders of already published sources) are published reports;
    # the workflow always sets the status itself.
    status = models.CharField(_("estado"), max_length=20, choices=Status.choices, default=Status.PUBLISHED)
    version = models.PositiveSmallIntegerField(_("versión"), default=1)
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("corrige la versión"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    completion = models.CharField(
        _("cumplimiento (autorreportado)"), max_length=12, choices=Completion.choices, blank=True
    )
    results_description = models.TextField(_("descripción de los resultados"), blank=True)
    conclusion_date_text = models.CharField(_("fecha de conclusión"), max_length=120, blank=True)
    next_steps = models.TextField(_("próximos pasos"), blank=True)
    additional_info = models.TextField(_("información adicional"), blank=True)
    remaining_and_challenges = models.TextField(_("lo que queda por lograr y retos en la implementación"), blank=True)
    published_on = models.DateField(_("publicado el"), null=True, blank=True)
    source = models.CharField(_("fuente"), max_length=300, blank=True)
    # The secretariat may write a report for the lead institution (it compiles what institutions send by
    # email): the record says so, and the review and public pages show it.
    entered_on_behalf = models.BooleanField(
        _("cargado por la secretaría"),
        default=False,
        help_text=_("La secretaría ejecutiva cargó este reporte en nombre de la institución responsable."),
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enviado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("enviado el"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    validated_at = models.DateTimeField(_("validado el"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publicado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("publicado a las"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    all_objects = models.Manager()
    objects = PublishedReportManager()

    class Meta:
        verbose_name = _("reporte de avance")
        verbose_name_plural = _("reportes de avance")
        ordering = ["commitment", "-published_on", "-id"]
        base_manager_name = "all_objects"
        default_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "period"],
                condition=Q(status__in=["draft", "submitted", "changes_requested", "validated"]),
                name="report_one_open_per_commitment_period",
                violation_error_message=_("Ya hay un reporte en curso para este compromiso y período."),
            ),
            models.UniqueConstraint(
                fields=["commitment", "period", "version"],
                condition=Q(period__isnull=False),
                name="report_unique_version",
                violation_error_message=_("Ya existe esa versión del reporte."),
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="report_version_positive"),
        ]
        indexes = [models.Index(fields=["period", "commitment"], name="report_period_commitment_idx")]

    def __str__(self) -> str:
        suffix = f" (v{self.version})" if self.version > 1 else ""
        return f"{self.commitment.code} · {self.period_label}{suffix}"

    def get_absolute_url(self) -> str:
        return f"/seguimiento/reportes/{self.pk}/"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES


class MilestoneUpdate(models.Model):
    """A milestone's new status and progress as the report proposes them; applied on validation."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("reporte"), on_delete=models.CASCADE, related_name="milestone_updates"
    )
    milestone = models.ForeignKey(
        "plans.Milestone", verbose_name=_("hito"), on_delete=models.CASCADE, related_name="report_updates"
    )
    status = models.CharField(_("estado"), max_length=12, choices=Milestone.Status.choices)
    progress = models.PositiveSmallIntegerField(
        _("avance (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    actual_start_date = models.DateField(_("inicio real"), null=True, blank=True)
    actual_end_date = models.DateField(_("término real"), null=True, blank=True)
    note = models.TextField(_("descripción del avance"), blank=True)

    class Meta:
        verbose_name = _("actualización de hito")
        verbose_name_plural = _("actualizaciones de hitos")
        ordering = ["report", "milestone__position", "milestone_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "milestone"], name="milestone_update_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.milestone} → {self.get_status_display()} {self.progress} %"

    def clean(self) -> None:
        # The same agreement between status and percentage that milestones keep (plans.Milestone).
        errors = {}
        if self.status == Milestone.Status.COMPLETED and self.progress != 100:
            errors["progress"] = _("Un hito completo tiene un avance de 100 %.")
        if self.status == Milestone.Status.NOT_STARTED and self.progress != 0:
            errors["progress"] = _("Un hito no iniciado tiene un avance de 0 %.")
        if self.status == Milestone.Status.IN_PROGRESS and self.progress is not None and self.progress >= 100:
            errors["progress"] = _("Un hito en curso tiene menos de 100 %: si está terminado, márquelo como completo.")
        if self.actual_start_date and self.actual_end_date and self.actual_end_date < self.actual_start_date:
            errors["actual_end_date"] = _("El término real no puede ser anterior al inicio real.")
        if errors:
            raise ValidationError(errors)


def report_evidence_upload_to(instance: "ReportEvidence", filename: str) -> str:
    """A directory nobody can guess: the file of an unpublished report is served only by the monitoring view."""
    return f"seguimiento/{timezone.now():%Y/%m}/{secrets.token_hex(8)}/{filename}"


class ReportEvidence(models.Model):
    """A link or a file attached to a report; becomes a public ``plans.Evidence`` when the report is validated.

    A file is served by ``/seguimiento/archivos/<id>/`` (see ``monitoring.download_reportevidence``):
    to everyone once the report is published, before that only to the lead institution and the secretariat.
    Versions of a report share the stored file: a correction's rows point at the same name.
    """

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("reporte"), on_delete=models.CASCADE, related_name="evidence_links"
    )
    milestone = models.ForeignKey(
        "plans.Milestone", verbose_name=_("hito"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("título"), max_length=300)
    url = models.URLField(_("enlace"), max_length=500, blank=True)
    file = models.FileField(
        _("archivo"),
        upload_to=report_evidence_upload_to,
        max_length=300,
        blank=True,
        validators=[validate_evidence_file],
    )
    date = models.DateField(_("fecha"), null=True, blank=True)
    evidence = models.ForeignKey(
        "plans.Evidence",
        verbose_name=_("medio de verificación publicado"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("medio de verificación del reporte")
        verbose_name_plural = _("medios de verificación del reporte")
        ordering = ["report", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(~Q(url="") & Q(file="")) | (Q(url="") & ~Q(file="")),
                name="report_evidence_link_xor_file",
                violation_error_message=_("Un medio de verificación del reporte es un enlace o un archivo, no ambos."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_file(self) -> bool:
        return bool(self.file)

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""

    def get_download_url(self) -> str:
        return f"/seguimiento/archivos/{self.pk}/"


class ReviewComment(models.Model):
    report = models.ForeignKey(
        ProgressReport, verbose_name=_("reporte"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("autor"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("comentario"))
    created_at = models.DateTimeField(_("fecha"), default=timezone.now)

    class Meta:
        verbose_name = _("comentario de revisión")
        verbose_name_plural = _("comentarios de revisión")
        ordering = ["report", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]
