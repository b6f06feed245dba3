"""Template tags of the consultation pages."""

from django import template

from abierto.consultation import selectors

register = template.Library()


@register.simple_tag
def consultation_state(process) -> dict:
    """{"stage": the consultation stage or None, "phase": "open" | "before" | "after" | "undated"} (no query when
    the process's stages were prefetched, as ``process_by_slug`` does)."""
    stage = selectors.consultation_stage(process)
    return {"stage": stage, "phase": selectors.phase(process, stage)}
