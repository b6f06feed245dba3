"""Evaluation of co-creation proposals by the forum's criteria.

The secretariat defines the criteria of a process (weight and scale), assigns proposals to forum members
(or to the evaluators it appointed), and each of them scores the proposals assigned to them, or declares a
conflict of interest, which excludes their scores. After the evaluation stage the secretariat may publish
the ranking: a snapshot of the aggregated figures (``PublishedResult``), never an evaluator's own scores.

Scores, assignments and conflicts are private records: their audit events carry no plan, so they never
appear in a plan's public history.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Criterion(models.Model):
    """One criterion of a process, scored on an integer scale and weighted in the aggregate."""

    process = models.ForeignKey(
        "cocreation.CoCreationProcess", verbose_name=_("proceso"), on_delete=models.CASCADE, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField(_("orden"))
    name = models.CharField(_("criterio"), max_length=200)
    description = models.TextField(_("descripción"), blank=True)
    weight = models.DecimalField(
        _("ponderación"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Peso relativo del criterio en el puntaje (mayor que cero)."),
    )
    scale_min = models.SmallIntegerField(_("mínimo de la escala"), default=1)
    scale_max = models.SmallIntegerField(_("máximo de la escala"), default=5)
    min_label = models.CharField(_("significado del mínimo"), max_length=100, blank=True)
    max_label = models.CharField(_("significado del máximo"), max_length=100, blank=True)
    source = models.CharField(_("fuente"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("criterio de evaluación")
        verbose_name_plural = _("criterios de evaluación")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "position"],
                name="criterion_unique_position",
                violation_error_message=_("Ya hay un criterio con ese orden en este proceso."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="criterion_weight_positive",
                violation_error_message=_("La ponderación debe ser mayor que cero."),
            ),
            models.CheckConstraint(
                condition=Q(scale_min__lt=models.F("scale_max")),
                name="criterion_scale_ordered",
                violation_error_message=_("El mínimo de la escala debe ser menor que el máximo."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def scale_values(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))


class Assignment(models.Model):
    """A proposal given to one evaluator (a forum member, or an evaluator appointed by the secretariat)."""

    proposal = models.ForeignKey(
        "cocreation.Proposal",
        verbose_name=_("propuesta"),
        on_delete=models.CASCADE,
        related_name="evaluation_assignments",
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluador/a"),
        on_delete=models.PROTECT,
        related_name="evaluation_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asignada por"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("asignada el"), default=timezone.now)

    class Meta:
        verbose_name = _("asignación")
        verbose_name_plural = _("asignaciones")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "evaluator"],
                name="assignment_once_per_pair",
                violation_error_message=_("Esa persona ya tiene asignada esta propuesta."),
            ),
        ]
        indexes = [
            # "My assignments": an evaluator's assignments in one process.
            models.Index(fields=["evaluator", "proposal"], name="assignment_by_evaluator"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id} → {self.evaluator}"


class ConflictDeclaration(models.Model):
    """A conflict of interest declared by the evaluator: they can no longer score, their scores are excluded."""

    assignment = models.OneToOneField(
        Assignment, verbose_name=_("asignación"), on_delete=models.CASCADE, related_name="conflict"
    )
    reason = models.TextField(_("motivo"))
    declared_at = models.DateTimeField(_("declarado el"), default=timezone.now)

    class Meta:
        verbose_name = _("declaración de conflicto de interés")
        verbose_name_plural = _("declaraciones de conflicto de interés")
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="conflict_has_reason",
                violation_error_message=_("Indique el motivo del conflicto de interés."),
            ),
        ]

    def __str__(self) -> str:
        return self.reason[:60]


class Score(models.Model):
    """One evaluator's value for one criterion of one proposal (within the criterion's scale: checked by
    ``services.save_scores``, since a database constraint cannot read the criterion's row)."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("asignación"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterio"), on_delete=models.PROTECT, related_name="scores"
    )
    value = models.SmallIntegerField(_("puntaje"))
    comment = models.TextField(_("comentario"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("puntaje")
        verbose_name_plural = _("puntajes")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"],
                name="score_once_per_criterion",
                violation_error_message=_("Ese criterio ya tiene puntaje en esta evaluación."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"


class Publication(models.Model):
    """The published results of a process's evaluation (a snapshot, taken after the stage closed)."""

    process = models.OneToOneField(
        "cocreation.CoCreationProcess",
        verbose_name=_("proceso"),
        on_delete=models.CASCADE,
        related_name="evaluation_publication",
    )
    published_at = models.DateTimeField(_("publicado el"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publicado por"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("nota de la secretaría"), blank=True)

    class Meta:
        verbose_name = _("publicación de resultados")
        verbose_name_plural = _("publicaciones de resultados")

    def __str__(self) -> str:
        return str(_("Resultados de la evaluación: %(process)s") % {"process": self.process})


class PublishedResult(models.Model):
    """One proposal's aggregated figures as published: never who scored what."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="results")
    proposal = models.ForeignKey(
        "cocreation.Proposal", verbose_name=_("propuesta"), on_delete=models.CASCADE, related_name="evaluation_results"
    )
    rank = models.PositiveIntegerField(_("lugar"), null=True, blank=True)
    score = models.DecimalField(_("puntaje (0 a 100)"), max_digits=5, decimal_places=2, null=True, blank=True)
    evaluations = models.PositiveIntegerField(_("evaluaciones completas"), default=0)
    spread = models.DecimalField(_("dispersión"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("resultado publicado")
        verbose_name_plural = _("resultados publicados")
        constraints = [
            models.UniqueConstraint(fields=["publication", "proposal"], name="published_result_once"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="published_result_score_0_100",
            ),
        ]
        indexes = [
            # The proposal's public trace looks up its own result.
            models.Index(fields=["proposal"], name="published_result_by_proposal"),
        ]

    def __str__(self) -> str:
        return f"{self.rank or '—'}. {self.proposal_id}"
