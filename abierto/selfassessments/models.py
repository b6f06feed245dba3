"""Mid-term and end-of-term self-assessment reports (OGP asks every member for both).

A ``SelfAssessment`` is assembled from the progress reports validated or published up to a cut-off
date: one ``SelfAssessmentEntry`` per commitment of the plan, a *snapshot* (text, completion level,
computed progress, milestone statuses, evidence links, IRM completion) so that later edits of the
registry never change what was put to consultation or published. A commitment without a validated
report is listed with ``has_report=False`` ("sin reporte validado"), never dropped.

Workflow: draft → open for comment (between ``comment_start`` and ``comment_end``) → closed →
published final. Transitions live in :mod:`abierto.selfassessments.services` and nowhere else.
Comments are public; the secretariat answers them and hides abusive ones with a public reason;
nothing is deleted.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from abierto.plans.models import Completion


class SelfAssessment(models.Model):
    class Kind(models.TextChoices):
        MID_TERM = "mid_term", _("Medio término")
        END_OF_TERM = "end_of_term", _("Fin de término")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Borrador")
        OPEN = "open", _("En consulta pública")
        CLOSED = "closed", _("Consulta cerrada")
        PUBLISHED = "published", _("Versión final publicada")

    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="self_assessments"
    )
    kind = models.CharField(_("tipo"), max_length=12, choices=Kind.choices)
    cutoff = models.DateField(
        _("fecha de corte"), help_text=_("Se incluyen los reportes validados o publicados hasta esta fecha.")
    )
    title = models.CharField(_("título"), max_length=300)
    introduction = models.TextField(_("introducción de la secretaría"), blank=True)
    status = models.CharField(_("estado"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    comment_start = models.DateTimeField(_("inicio de la consulta pública"), null=True, blank=True)
    comment_end = models.DateTimeField(_("término de la consulta pública"), null=True, blank=True)

    assembled_at = models.DateTimeField(_("armada el"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creada por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publicada por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("publicada el"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("autoevaluación")
        verbose_name_plural = _("autoevaluaciones")
        ordering = ["-cutoff", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind"],
                name="selfassessment_one_per_plan_kind",
                violation_error_message=_("Ese plan ya tiene una autoevaluación de ese tipo."),
            ),
            models.CheckConstraint(
                condition=Q(comment_start__isnull=True)
                | Q(comment_end__isnull=True)
                | Q(comment_end__gt=models.F("comment_start")),
                name="selfassessment_comment_period_ordered",
                violation_error_message=_("El término de la consulta debe ser posterior a su inicio."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(comment_start__isnull=False) & Q(comment_end__isnull=False)),
                name="selfassessment_consulted_has_period",
                violation_error_message=_("Una autoevaluación abierta a comentarios necesita inicio y término."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/autoevaluaciones/{self.pk}/"

    def comment_window(self, now: datetime.datetime | None = None) -> str:
        """Where the clock stands against the consultation: "before", "during", "after" or "none"."""
        if self.status != self.Status.OPEN or not self.comment_start or not self.comment_end:
            return "none"
        now = now or timezone.now()
        if now < self.comment_start:
            return "before"
        if now >= self.comment_end:
            return "after"
        return "during"

    @property
    def accepts_comments(self) -> bool:
        return self.comment_window() == "during"


class SelfAssessmentEntry(models.Model):
    """One commitment in a self-assessment, frozen at assembly."""

    self_assessment = models.ForeignKey(
        SelfAssessment, verbose_name=_("autoevaluación"), on_delete=models.CASCADE, related_name="entries"
    )
    commitment = models.ForeignKey(
        "plans.Commitment",
        verbose_name=_("compromiso"),
        on_delete=models.CASCADE,
        related_name="self_assessment_entries",
    )
    position = models.PositiveIntegerField(_("orden"), default=0)
    code = models.CharField(_("código"), max_length=20)
    title = models.CharField(_("título"), max_length=500)
    lead_institution_name = models.CharField(_("institución responsable"), max_length=300, blank=True)
    is_withdrawn = models.BooleanField(_("retirado"), default=False)

    source_report = models.ForeignKey(
        "monitoring.ProgressReport",
        verbose_name=_("reporte de origen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    has_report = models.BooleanField(_("tiene reporte validado"), default=False)
    source_version = models.PositiveSmallIntegerField(_("versión del reporte"), null=True, blank=True)
    source_period_label = models.CharField(_("período informado"), max_length=120, blank=True)
    source_status = models.CharField(_("estado del reporte al armar"), max_length=20, blank=True)
    source_validated_on = models.DateField(_("validado el"), null=True, blank=True)
    completion = models.CharField(
        _("cumplimiento (autorreportado)"), max_length=12, choices=Completion.choices, blank=True
    )
    report = models.JSONField(_("campos de la plantilla"), default=dict, blank=True)
    progress_computed = models.DecimalField(
        _("avance calculado al armar (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    irm_completion = models.CharField(
        _("cumplimiento según el IRM al armar"), max_length=12, choices=Completion.choices, blank=True
    )
    milestones = models.JSONField(_("hitos"), default=list, blank=True)
    evidence = models.JSONField(_("medios de verificación"), default=list, blank=True)

    class Meta:
        verbose_name = _("compromiso de la autoevaluación")
        verbose_name_plural = _("compromisos de la autoevaluación")
        ordering = ["self_assessment", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["self_assessment", "commitment"],
                name="selfassessment_entry_unique_commitment",
                violation_error_message=_("Ese compromiso ya figura en esta autoevaluación."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    @property
    def anchor(self) -> str:
        return f"compromiso-{self.pk}"


class SelfAssessmentComment(models.Model):
    """A public comment on the whole document (``entry`` empty) or on one commitment's entry."""

    self_assessment = models.ForeignKey(
        SelfAssessment, verbose_name=_("autoevaluación"), on_delete=models.CASCADE, related_name="comments"
    )
    entry = models.ForeignKey(
        SelfAssessmentEntry,
        verbose_name=_("compromiso comentado"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("autor"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(_("nombre del autor"), max_length=200)
    text = models.TextField(_("comentario"))
    created_at = models.DateTimeField(_("fecha"), default=timezone.now)
    answer = models.TextField(_("respuesta de la secretaría"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("respondido por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("respondido el"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("oculto el"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ocultado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.TextField(_("razón pública para ocultarlo"), blank=True)

    class Meta:
        verbose_name = _("comentario de la consulta")
        verbose_name_plural = _("comentarios de la consulta")
        ordering = ["self_assessment", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="selfassessment_comment_hidden_has_reason",
                violation_error_message=_("Para ocultar un comentario hay que dar una razón pública."),
            ),
        ]
        indexes = [
            # The report page reads all comments of one self-assessment in order.
            models.Index(fields=["self_assessment", "created_at"], name="selfassessment_comment_idx"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def anchor(self) -> str:
        return f"comentario-{self.pk}"
