"""Forms of the report page: the compliance template, one row per milestone, evidence links."""

from django import forms
from django.utils.translation import gettext_lazy as _

from abierto.monitoring.models import ProgressReport
from abierto.plans.models import Completion, Milestone
from abierto.plans.validators import validate_evidence_file

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportForm(forms.ModelForm):
    class Meta:
        model = ProgressReport
        fields = list(ProgressReport.TEMPLATE_FIELDS)
        labels = {
            "completion": _("Nivel de cumplimiento"),
            "results_description": _("Descripción de los resultados"),
            "conclusion_date_text": _("Fecha de conclusión"),
            "next_steps": _("Próximos pasos"),
            "remaining_and_challenges": _("Lo que queda por lograr y retos en la implementación"),
            "additional_info": _("Información adicional"),
        }
        help_texts = {
            "completion": _("Según la escala de OGP. Obligatorio para enviar el reporte."),
            "results_description": _(
                "Actividades del período y evidencia de que la ciudadanía usó el compromiso o de que tuvo efecto. "
                "Obligatoria para enviar el reporte."
            ),
            "conclusion_date_text": _("Cuándo se concluyó o se espera concluir, por ejemplo «Julio de 2026»."),
        }
        widgets = {
            "results_description": forms.Textarea(attrs={"rows": 6}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
            "remaining_and_challenges": forms.Textarea(attrs={"rows": 3}),
            "additional_info": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["completion"].choices = [("", _("— Sin indicar —")), *Completion.choices]


class MilestoneUpdateForm(forms.Form):
    """One row per milestone, prefilled with its current values: rows left as they are propose nothing."""

    milestone_id = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Estado"), choices=Milestone.Status.choices)
    progress = forms.IntegerField(label=_("Avance (%)"), min_value=0, max_value=100)
    actual_start_date = forms.DateField(label=_("Inicio real"), required=False, widget=DATE_WIDGET)
    actual_end_date = forms.DateField(label=_("Término real"), required=False, widget=DATE_WIDGET)
    note = forms.CharField(label=_("Descripción del avance"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        status, progress = data.get("status"), data.get("progress")
        if progress is not None:
            if status == Milestone.Status.COMPLETED and progress != 100:
                self.add_error("progress", _("Un hito completo tiene un avance de 100 %."))
            elif status == Milestone.Status.NOT_STARTED and progress != 0:
                self.add_error("progress", _("Un hito no iniciado tiene un avance de 0 %."))
            elif status == Milestone.Status.IN_PROGRESS and progress >= 100:
                self.add_error(
                    "progress", _("Un hito en curso tiene menos de 100 %: si está terminado, márquelo como completo.")
                )
        start, end = data.get("actual_start_date"), data.get("actual_end_date")
        if start and end and end < start:
            self.add_error("actual_end_date", _("El término real no puede ser anterior al inicio real."))
        return data


class EvidenceLinkForm(forms.Form):
    title = forms.CharField(label=_("Título"), max_length=300, required=False)
    url = forms.URLField(label=_("Enlace"), max_length=500, required=False, assume_scheme="https")
    date = forms.DateField(label=_("Fecha"), required=False, widget=DATE_WIDGET)
    milestone = forms.TypedChoiceField(label=_("Hito"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, milestones=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].choices = [("", _("— Del compromiso en general —"))] + [
            (m.pk, str(m)) for m in milestones
        ]

    def clean(self):
        data = super().clean()
        title, url = data.get("title"), data.get("url")
        if (title or data.get("date") or data.get("milestone")) and not url and "url" not in self.errors:
            self.add_error("url", _("Indique el enlace del medio de verificación."))
        if url and not title:
            self.add_error("title", _("Indique un título para el enlace."))
        return data

    @property
    def is_blank(self) -> bool:
        return not (self.cleaned_data.get("url") or self.cleaned_data.get("title"))


class EvidenceFileForm(forms.Form):
    """One uploaded file with its title; checked like the registry's evidence (size, type by content)."""

    title = forms.CharField(label=_("Título del archivo"), max_length=300, required=False)
    file = forms.FileField(
        label=_("Archivo"),
        required=False,
        max_length=200,
        validators=[validate_evidence_file],
        help_text=_("PDF, imagen PNG o JPEG, documento de Office o texto (CSV, TXT)."),
    )
    date = forms.DateField(label=_("Fecha"), required=False, widget=DATE_WIDGET)
    milestone = forms.TypedChoiceField(label=_("Hito"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, milestones=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].choices = [("", _("— Del compromiso en general —"))] + [
            (m.pk, str(m)) for m in milestones
        ]

    def clean(self):
        data = super().clean()
        described = data.get("title") or data.get("date") or data.get("milestone")
        if described and not data.get("file") and "file" not in self.errors:
            self.add_error("file", _("Elija el archivo del medio de verificación."))
        if data.get("file") and not data.get("title"):
            self.add_error("title", _("Indique un título para el archivo."))
        return data

    @property
    def is_blank(self) -> bool:
        return not (self.cleaned_data.get("file") or self.cleaned_data.get("title"))

    @property
    def chose_a_file(self) -> bool:
        """A file was sent with this row (the browser will not send it again if the page is refused)."""
        return bool(self.files.get(self.add_prefix("file")))


class RemoveFilesForm(forms.Form):
    """The files already saved with the draft, each with a checkbox to take it off."""

    remove = forms.TypedMultipleChoiceField(
        label=_("Quitar"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        self.fields["remove"].choices = [(row.pk, row.title) for row in self.rows]


MilestoneUpdateFormSet = forms.formset_factory(MilestoneUpdateForm, extra=0)
EvidenceFileFormSet = forms.formset_factory(EvidenceFileForm, extra=2)
EvidenceLinkFormSet = forms.formset_factory(EvidenceLinkForm, extra=2, can_delete=True)


class RequestChangesForm(forms.Form):
    comment = forms.CharField(
        label=_("Comentario para la institución"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Explique qué debe cambiar: el comentario es obligatorio.")},
    )
