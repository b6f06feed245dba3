"""Small presentation helpers shared by the public templates."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from abierto.plans.selectors import BAND_LABELS

register = template.Library()


@register.filter
def pct(value: Decimal | None, places: int = 1) -> str:
    """45.50 → "45,5 %" in Spanish; None → "sin datos"."""
    if value is None:
        return _("sin datos")
    return f"{number_format(value, decimal_pos=places, use_l10n=True)} %"


@register.filter
def band_label(band: str | None) -> str:
    return str(BAND_LABELS.get(band, _("Sin datos"))) if band else _("Sin datos")


@register.inclusion_tag("includes/progress_bar.html")
def progress_bar(value: Decimal | None, label: str = "") -> dict:
    width = max(0, min(100, float(value))) if value is not None else 0
    return {"value": value, "width": f"{width:.1f}", "label": label}
