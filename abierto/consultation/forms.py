"""Forms of the consultation pages. They only check input; writes go through ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from abierto.cocreation.forms import MARKDOWN_HELP, Described, HoneypotMixin
from abierto.consultation import sections
from abierto.consultation.services import MAX_LENGTH


class CommentForm(HoneypotMixin):
    """A comment on one section. On the commitment's page there is one per section (the section travels as a
    hidden field, with the digest of the text the person read); refused for an unknown section, the form is
    shown again at the top of the page with a list of the sections to choose from."""

    section = forms.ChoiceField(
        label=_("Sección que comenta"),
        choices=[("", _("Elija la sección")), *sections.CHOICES],
        error_messages={
            "invalid_choice": _("Esa sección no existe: elija una de las secciones del compromiso."),
            "required": _("Elija la sección que comenta."),
        },
    )
    version = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Su comentario sobre esta sección"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MARKDOWN_HELP,
        error_messages={
            "required": _("Escriba su comentario."),
            "max_length": _("El comentario es muy largo: hasta %(limit_value)d caracteres, por favor."),
        },
    )

    def __init__(self, *args, section_code: str = "", **kwargs):
        # Ids unique per section: several of these forms live on one page.
        kwargs.setdefault("auto_id", f"id_{section_code or 'consulta'}_%s")
        super().__init__(*args, **kwargs)
        self.section_code = section_code
        found = sections.get(section_code)
        if found is not None:
            self.fields["body"].label = _("Su comentario sobre «%(section)s»") % {"section": found.label}


class AnswerForm(Described):
    body = forms.CharField(
        label=_("Respuesta pública de la secretaría"),
        max_length=MAX_LENGTH * 2,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=MARKDOWN_HELP,
        error_messages={"required": _("Escriba la respuesta.")},
    )


class ReasonForm(Described):
    reason = forms.CharField(
        label=_("Motivo público (se muestra en lugar del comentario)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Indique el motivo público por el que se oculta.")},
    )
