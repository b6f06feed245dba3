from django import forms
from django.utils.translation import gettext_lazy as _

from abierto.plans.models import ActionPlan
from abierto.selfassessments.models import SelfAssessment

DATETIME_INPUT = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"]


class AssembleForm(forms.Form):
    plan = forms.ModelChoiceField(
        label=_("Plan de acción"),
        queryset=ActionPlan.objects.select_related("government").order_by("-start_year", "number"),
        empty_label=_("Elija un plan"),
    )
    kind = forms.ChoiceField(label=_("Tipo"), choices=SelfAssessment.Kind.choices)
    cutoff = forms.DateField(
        label=_("Fecha de corte"),
        help_text=_("Se incluye, de cada compromiso, el último reporte validado o publicado hasta esta fecha."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    title = forms.CharField(
        label=_("Título (opcional)"),
        required=False,
        max_length=300,
        help_text=_("Si lo deja vacío: «Autoevaluación de medio término · nombre del plan»."),
    )


class ReassembleForm(forms.Form):
    cutoff = forms.DateField(
        label=_("Nueva fecha de corte"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class TextForm(forms.Form):
    title = forms.CharField(label=_("Título"), max_length=300)
    introduction = forms.CharField(
        label=_("Introducción de la secretaría"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Contexto del plan, proceso de elaboración y cómo se considerarán los comentarios."),
    )


class OpenForm(forms.Form):
    comment_start = forms.DateTimeField(
        label=_("Inicio de la consulta pública"),
        input_formats=DATETIME_INPUT,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Hora de Chile continental."),
    )
    comment_end = forms.DateTimeField(
        label=_("Término de la consulta pública"),
        input_formats=DATETIME_INPUT,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("OGP recomienda al menos dos semanas de consulta."),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("comment_start"), data.get("comment_end")
        if start and end and end <= start:
            self.add_error("comment_end", _("El término de la consulta debe ser posterior a su inicio."))
        return data


class CommentForm(forms.Form):
    entry = forms.TypedChoiceField(label=_("Sobre qué comenta"), coerce=int, empty_value=None, required=False)
    text = forms.CharField(label=_("Su comentario"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [("", _("La autoevaluación completa"))] + [
            (e.pk, f"{e.code} · {e.title[:90]}") for e in entries
        ]


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Respuesta de la secretaría"), widget=forms.Textarea(attrs={"rows": 3}))


class HideForm(forms.Form):
    hidden_reason = forms.CharField(
        label=_("Razón pública para ocultarlo"),
        max_length=1000,
        help_text=_("Se muestra en lugar del comentario. El texto no se borra."),
    )
