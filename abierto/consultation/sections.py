"""The sections of a draft commitment that people comment on, declared once.

Each section names the fields of the OGP commitment template it shows (``abierto.plans.models.Commitment``)
and how its text is built. The text is what a comment is attached to: ``digest`` fingerprints it, and a
``SectionVersion`` row keeps it, so a comment stays with the words it was made about even after the
secretariat edits the commitment.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _


def _fields(*names: str) -> Callable:
    def build(commitment) -> str:
        return "\n\n".join(str(getattr(commitment, name) or "").strip() for name in names if getattr(commitment, name))

    return build


def _milestones(commitment) -> str:
    lines = []
    for m in commitment.milestones.all():
        parts = [m.description.strip().replace("\n", " ")]
        if m.expected_output:
            parts.append(_gettext("producto: %(output)s") % {"output": m.expected_output.strip().replace("\n", " ")})
        if m.start_date or m.end_date:
            start = m.start_date.strftime("%d-%m-%Y") if m.start_date else "…"
            end = m.end_date.strftime("%d-%m-%Y") if m.end_date else "…"
            parts.append(_gettext("%(start)s a %(end)s") % {"start": start, "end": end})
        code = f"{m.code}. " if m.code else ""
        lines.append(f"- {code}" + " · ".join(parts))
    return "\n".join(lines)


def _values(commitment) -> str:
    lines = [
        f"- **{v.get_value_display()}**" + (f": {v.justification.strip()}" if v.justification else "")
        for v in commitment.values.all()
    ]
    blocks = ["\n".join(lines)] if lines else []
    if commitment.relevance:
        blocks.append(commitment.relevance.strip())
    return "\n\n".join(blocks)


@dataclass(frozen=True)
class Section:
    code: str
    label: str
    fields: tuple[str, ...]  # the commitment's fields (or relations) the section shows
    build: Callable

    def text(self, commitment) -> str:
        """The section's text today, in the plan's language whatever the reader's (so that its digest does
        not depend on the language of the page)."""
        with translation.override("es"):
            return normalise(self.build(commitment))


SECTIONS: tuple[Section, ...] = (
    Section("problema", _("Problema o status quo"), ("problem",), _fields("problem")),
    Section("objetivo", _("Objetivo principal"), ("main_objective",), _fields("main_objective")),
    Section(
        "descripcion",
        _("Descripción: qué hace el compromiso"),
        ("brief_description", "description"),
        _fields("brief_description", "description"),
    ),
    Section("componentes", _("Componentes"), ("components",), _fields("components")),
    Section("resultados", _("Resultados esperados"), ("expected_results",), _fields("expected_results")),
    Section("hitos", _("Hitos: actividades y productos entregables"), ("milestones",), _milestones),
    Section("valores", _("Valores OGP y relevancia"), ("values", "relevance"), _values),
    Section("ambicion", _("Ambición"), ("ambition",), _fields("ambition")),
    Section("informacion", _("Información adicional"), ("additional_info",), _fields("additional_info")),
)
BY_CODE = {section.code: section for section in SECTIONS}
CHOICES = [(section.code, section.label) for section in SECTIONS]
ORDER = {section.code: index for index, section in enumerate(SECTIONS)}


def get(code: str) -> Section | None:
    return BY_CODE.get(code)


def label(code: str) -> str:
    section = BY_CODE.get(code)
    return str(section.label) if section else code


def normalise(text: str) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def digest(text: str) -> str:
    """The fingerprint of a section's text (SHA-256 of the normalised text)."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()
