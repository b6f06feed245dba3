"""Independent assessments of commitments (OGP's Independent Reporting Mechanism, IRM).

Values are kept as the IRM publishes them; a missing value stays empty and the raw cell
(``ND``, ``NR``, ``NA``) is kept in ``raw_values`` so nothing from the source is lost.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from abierto.plans.models import Completion


class Specificity(models.TextChoices):
    NONE = "none", _("Ninguna")
    LOW = "low", _("Baja")
    MEDIUM = "medium", _("Media")
    HIGH = "high", _("Alta")


class PotentialImpact(models.TextChoices):
    NONE = "none", _("Ninguno")
    MINOR = "minor", _("Menor")
    MODERATE = "moderate", _("Moderado")
    TRANSFORMATIVE = "transformative", _("Transformador")


class PotentialForResults(models.TextChoices):
    UNCLEAR = "unclear", _("Incierto")
    MODEST = "modest", _("Modesto")
    SUBSTANTIAL = "substantial", _("Sustancial")


class EarlyResults(models.TextChoices):
    NONE = "none", _("Sin resultados notables")
    MODERATE = "moderate", _("Moderados")
    SIGNIFICANT = "significant", _("Significativos")


class OpenedGovernment(models.TextChoices):
    WORSENED = "worsened", _("Empeoró")
    DID_NOT_CHANGE = "did_not_change", _("No cambió")
    MARGINAL = "marginal", _("Marginalmente")
    MAJOR = "major", _("Significativamente")
    OUTSTANDING = "outstanding", _("Excepcionalmente")
    NOT_APPLICABLE = "not_applicable", _("No aplica")
    NO_RESULTS_YET = "no_results_yet", _("Aún sin resultados que informar")


class ChangeInCompletion(models.TextChoices):
    INCREASE = "increase", _("Aumentó")
    NO_CHANGE = "no_change", _("Sin cambio")
    DECREASE = "decrease", _("Disminuyó")


class Assessment(models.Model):
    """The IRM's reading of one commitment: design, completion and whether it opened government."""

    commitment = models.OneToOneField(
        "plans.Commitment", verbose_name=_("compromiso"), on_delete=models.CASCADE, related_name="assessment"
    )
    source = models.CharField(_("fuente"), max_length=300, blank=True)
    source_row_id = models.CharField(_("identificador de fila en la planilla IRM"), max_length=20, blank=True)
    progress_report_year = models.PositiveSmallIntegerField(_("año del informe de avance"), null=True, blank=True)
    end_of_term_report_year = models.PositiveSmallIntegerField(
        _("año del informe de fin de término"), null=True, blank=True
    )

    specificity = models.CharField(_("especificidad"), max_length=12, choices=Specificity.choices, blank=True)
    verifiable = models.BooleanField(_("verificable"), null=True, blank=True)
    relevant_access_to_information = models.BooleanField(_("relevante: acceso a la información"), null=True, blank=True)
    relevant_civic_participation = models.BooleanField(_("relevante: participación ciudadana"), null=True, blank=True)
    relevant_public_accountability = models.BooleanField(_("relevante: rendición de cuentas"), null=True, blank=True)
    relevant_technology = models.BooleanField(_("relevante: tecnología e innovación"), null=True, blank=True)
    potential_impact = models.CharField(
        _("impacto potencial"), max_length=16, choices=PotentialImpact.choices, blank=True
    )
    potential_for_results = models.CharField(
        _("potencial de resultados"), max_length=12, choices=PotentialForResults.choices, blank=True
    )
    completion_progress_report = models.CharField(
        _("cumplimiento (informe de avance / medio término)"), max_length=12, choices=Completion.choices, blank=True
    )
    completion_end_of_term = models.CharField(
        _("cumplimiento (fin de término)"), max_length=12, choices=Completion.choices, blank=True
    )
    change_in_completion = models.CharField(
        _("cambio en el cumplimiento"), max_length=10, choices=ChangeInCompletion.choices, blank=True
    )
    early_results = models.CharField(_("resultados tempranos"), max_length=12, choices=EarlyResults.choices, blank=True)
    opened_government = models.CharField(
        _("¿se avanzó en la apertura del gobierno?"), max_length=16, choices=OpenedGovernment.choices, blank=True
    )
    opened_access_to_information = models.CharField(
        _("apertura: acceso a la información"), max_length=16, choices=OpenedGovernment.choices, blank=True
    )
    opened_civic_participation = models.CharField(
        _("apertura: participación ciudadana"), max_length=16, choices=OpenedGovernment.choices, blank=True
    )
    opened_public_accountability = models.CharField(
        _("apertura: rendición de cuentas"), max_length=16, choices=OpenedGovernment.choices, blank=True
    )
    carried_forward = models.BooleanField(_("continuado en el plan siguiente"), null=True, blank=True)
    irm_starred = models.BooleanField(
        _("destacado según la planilla IRM"), null=True, blank=True, help_text=_("Tal como lo publica el IRM.")
    )
    mid_term_summary = models.TextField(_("resumen de medio término"), blank=True)
    end_of_term_summary = models.TextField(_("resumen de fin de término"), blank=True)
    opened_government_summary = models.TextField(_("análisis de apertura"), blank=True)
    raw_values = models.JSONField(_("valores originales"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("evaluación independiente (IRM)")
        verbose_name_plural = _("evaluaciones independientes (IRM)")

    def __str__(self) -> str:
        return f"IRM · {self.commitment.code}"

    @property
    def relevant_values(self) -> list[str]:
        labels = [
            (self.relevant_access_to_information, _("Acceso a la información")),
            (self.relevant_civic_participation, _("Participación ciudadana")),
            (self.relevant_public_accountability, _("Rendición de cuentas")),
            (self.relevant_technology, _("Tecnología e innovación")),
        ]
        return [str(label) for flag, label in labels if flag]

    @property
    def latest_completion(self) -> str:
        return self.completion_end_of_term or self.completion_progress_report

    @property
    def starred(self) -> bool | None:
        """Starred, computed from the OGP rule (2015 on), never typed.

        Verifiable, relevant to at least one OGP value, transformative potential impact, and
        substantial or complete implementation. None when the record cannot decide.
        """
        relevance = [
            self.relevant_access_to_information,
            self.relevant_civic_participation,
            self.relevant_public_accountability,
            self.relevant_technology,
        ]
        completion = self.latest_completion
        if self.verifiable is False or (
            self.potential_impact and self.potential_impact != PotentialImpact.TRANSFORMATIVE
        ):
            return False
        if completion and completion not in {Completion.SUBSTANTIAL, Completion.COMPLETE}:
            return False
        if all(flag is False for flag in relevance):
            return False
        if self.verifiable is None or not self.potential_impact or not completion or not any(relevance):
            return None
        return True
