"""Self-reported progress of commitments (the compliance template, "plantilla de cumplimiento").

This issue keeps published reports only; the reporting workflow builds on this model.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from abierto.plans.models import Completion


class ProgressReport(models.Model):
    commitment = models.ForeignKey(
        "plans.Commitment", verbose_name=_("compromiso"), on_delete=models.CASCADE, related_name="progress_reports"
    )
    period_label = models.CharField(_("período informado"), max_length=120)
    completion = models.CharField(_("cumplimiento (autorreportado)"), max_length=12, choices=Completion.choices)
    results_description = models.TextField(_("descripción de los resultados"), blank=True)
    conclusion_date_text = models.CharField(_("fecha de conclusión"), max_length=120, blank=True)
    next_steps = models.TextField(_("próximos pasos"), blank=True)
    additional_info = models.TextField(_("información adicional"), blank=True)
    remaining_and_challenges = models.TextField(_("lo que queda por lograr y retos en la implementación"), blank=True)
    published_on = models.DateField(_("publicado el"), null=True, blank=True)
    source = models.CharField(_("fuente"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reporte de avance")
        verbose_name_plural = _("reportes de avance")
        ordering = ["commitment", "-published_on", "-id"]

    def __str__(self) -> str:
        return f"{self.commitment.code} · {self.period_label}"
