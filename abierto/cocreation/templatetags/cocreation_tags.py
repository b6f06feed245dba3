"""Template filters of the co-creation pages."""

from django import template

from abierto.cocreation import text

register = template.Library()


@register.filter
def markdown(value: str | None):
    """People's text rendered with the small safe Markdown subset (everything else escaped)."""
    return text.render_markdown(value)


@register.filter
def excerpt(value: str | None, length: int = 220) -> str:
    return text.plain_excerpt(value, length)


@register.simple_tag
def stage_for(process, action: str):
    """The first stage of ``process`` that switches ``action`` on, or None (no query: stages are prefetched)."""
    return process.stage_for(action)
