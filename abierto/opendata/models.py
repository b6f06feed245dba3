"""Bulk downloads: each full export of the public data is kept as one zip with its data package."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Export(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("En preparación")
        READY = "ready", _("Lista")
        FAILED = "failed", _("Falló")

    status = models.CharField(_("estado"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(_("iniciada"))
    finished_at = models.DateTimeField(_("terminada"), null=True, blank=True)
    file = models.FileField(_("archivo"), upload_to="datos-abiertos/", blank=True)
    size = models.PositiveBigIntegerField(_("tamaño en bytes"), default=0)
    sha256 = models.CharField(_("huella SHA-256"), max_length=64, blank=True)
    rows = models.JSONField(_("filas por recurso"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("descarga masiva")
        verbose_name_plural = _("descargas masivas")
        ordering = ["-started_at", "-id"]
        get_latest_by = "finished_at"

    def __str__(self) -> str:
        return f"{self.get_status_display()} · {self.started_at:%Y-%m-%d %H:%M}"
