"""Small presentation helpers shared by the public templates."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
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


@register.simple_tag
def progress_bar(value: Decimal | None) -> str:
    """A bar with its number beside it (never colour alone); "sin datos" when there is no figure.

    Built in Python rather than an included template: it appears on every row of long tables.
    """
    if value is None:
        return format_html('<span class="muted">{}</span>', _("sin datos"))
    width = max(0.0, min(100.0, float(value)))
    return format_html(
        '<span class="progress"><span class="progress-track" aria-hidden="true">'
        '<span class="progress-fill" style="width: {}%"></span></span>'
        '<span class="progress-value">{}</span></span>',
        f"{width:.1f}",
        pct(value),
    )
