"""Who owns plans (governments) and who carries out commitments (institutions)."""

import functools

from django.db import models
from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _


@functools.lru_cache(maxsize=8)
def _index_url(script_prefix: str) -> str:
    return reverse("institutions:index")


class Government(models.Model):
    """An OGP member: a country, or a local government (municipality, region, province)."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("Nacional")
        LOCAL = "local", _("Local")

    code = models.CharField(_("código"), max_length=12, unique=True, help_text=_("Ej.: CHL, ARBA."))
    name = models.CharField(_("nombre"), max_length=200)
    kind = models.CharField(_("tipo"), max_length=10, choices=Kind.choices, default=Kind.NATIONAL)
    country = models.ForeignKey(
        "self", verbose_name=_("país"), null=True, blank=True, on_delete=models.PROTECT, related_name="locals"
    )
    region = models.CharField(_("región OGP"), max_length=60, blank=True)
    ogp_url = models.URLField(_("página en OGP"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("gobierno")
        verbose_name_plural = _("gobiernos")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Institution(models.Model):
    class Branch(models.TextChoices):
        EXECUTIVE = "executive", _("Poder Ejecutivo")
        LEGISLATIVE = "legislative", _("Poder Legislativo")
        JUDICIAL = "judicial", _("Poder Judicial")
        AUTONOMOUS = "autonomous", _("Órgano autónomo")
        LOCAL = "local", _("Gobierno local")
        CIVIL_SOCIETY = "civil_society", _("Sociedad civil")
        ACADEMIA = "academia", _("Academia")
        INTERNATIONAL = "international", _("Organismo internacional")
        PRIVATE = "private", _("Sector privado")
        UNKNOWN = "unknown", _("Sin clasificar")

    name = models.CharField(_("nombre"), max_length=300)
    slug = models.SlugField(_("identificador"), max_length=120, unique=True)
    acronym = models.CharField(_("sigla"), max_length=40, blank=True)
    branch = models.CharField(_("poder del Estado o sector"), max_length=20, choices=Branch.choices)
    government = models.ForeignKey(
        Government,
        verbose_name=_("gobierno"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="institutions",
    )
    website = models.URLField(_("sitio web"), blank=True)

    class Meta:
        verbose_name = _("institución")
        verbose_name_plural = _("instituciones")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["government", "name"], name="institution_unique_name_per_government"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        # Slugs need no quoting; the prefix is resolved once per script prefix, not per row.
        return f"{_index_url(get_script_prefix())}{self.slug}/"

    @property
    def is_state(self) -> bool:
        return self.branch in {
            self.Branch.EXECUTIVE,
            self.Branch.LEGISLATIVE,
            self.Branch.JUDICIAL,
            self.Branch.AUTONOMOUS,
            self.Branch.LOCAL,
        }
