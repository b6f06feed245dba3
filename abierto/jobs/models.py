"""The queue lives in the database: one row per job, claimed by workers with a lease."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("En cola")
        RUNNING = "running", _("En ejecución")
        DONE = "done", _("Terminada")
        FAILED = "failed", _("Fallida")

    queue = models.CharField(_("cola"), max_length=60, default="default")
    task = models.CharField(_("tarea"), max_length=120)
    payload = models.JSONField(_("datos"), default=dict, blank=True)
    run_at = models.DateTimeField(_("ejecutar desde"), default=timezone.now)
    status = models.CharField(_("estado"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(_("intentos"), default=0)
    max_attempts = models.PositiveIntegerField(_("intentos máximos"), default=5)
    last_error = models.TextField(_("último error"), blank=True)
    locked_by = models.CharField(_("tomada por"), max_length=200, blank=True)
    locked_until = models.DateTimeField(_("reservada hasta"), null=True, blank=True)
    created_at = models.DateTimeField(_("creada el"), default=timezone.now)
    finished_at = models.DateTimeField(_("terminada el"), null=True, blank=True)
    dedupe_key = models.CharField(
        _("clave única"),
        max_length=200,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Si se indica, nunca se encola dos veces una tarea con la misma clave."),
    )

    class Meta:
        verbose_name = _("tarea")
        verbose_name_plural = _("tareas")
        ordering = ["run_at", "id"]
        indexes = [
            # What a worker asks for: the next due job of its queues.
            models.Index(fields=["status", "queue", "run_at"], name="job_claim_idx"),
            # Expired leases are looked for among running jobs.
            models.Index(fields=["status", "locked_until"], name="job_lease_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(dedupe_key=""), name="job_dedupe_key_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.task} #{self.pk} ({self.get_status_display()})"
