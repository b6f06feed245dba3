"""Forms of the evaluation pages. They only check input; writes go through ``services``."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from abierto.cocreation.forms import Described
from abierto.evaluation.models import Criterion
from abierto.evaluation.services import field_name


class CriterionForm(Described):
    name = forms.CharField(label=_("Nombre del criterio"), max_length=200)
    description = forms.CharField(
        label=_("Descripción"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Qué se mira al puntuar: lo leen quienes evalúan."),
    )
    position = forms.IntegerField(label=_("Orden"), min_value=1, max_value=999, required=False)
    weight = forms.DecimalField(
        label=_("Ponderación"),
        min_value=Decimal("0.01"),
        max_digits=6,
        decimal_places=2,
        initial=Decimal("1"),
        help_text=_("Peso relativo en el puntaje, mayor que cero (con pesos iguales, todos valen lo mismo)."),
        error_messages={"min_value": _("La ponderación debe ser mayor que cero.")},
    )
    scale_min = forms.IntegerField(label=_("Mínimo de la escala"), initial=1, min_value=-100, max_value=100)
    scale_max = forms.IntegerField(label=_("Máximo de la escala"), initial=5, min_value=-100, max_value=100)
    min_label = forms.CharField(label=_("Significado del mínimo"), max_length=100, required=False)
    max_label = forms.CharField(label=_("Significado del máximo"), max_length=100, required=False)
    source = forms.CharField(label=_("Fuente"), max_length=300, required=False)
    reason = forms.CharField(
        label=_("Motivo del cambio"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Obligatorio si ya hay puntajes: queda registrado en el historial."),
    )

    def clean(self):
        data = super().clean()
        low, high = data.get("scale_min"), data.get("scale_max")
        if low is not None and high is not None and low >= high:
            self.add_error("scale_max", _("El máximo de la escala debe ser mayor que el mínimo."))
        return data

    @staticmethod
    def initial_for(criterion: Criterion) -> dict:
        return {
            name: getattr(criterion, name)
            for name in (
                "name",
                "description",
                "position",
                "weight",
                "scale_min",
                "scale_max",
                "min_label",
                "max_label",
                "source",
            )
        }


class ScoreForm(Described):
    """One field per criterion (radio buttons over its scale, each end labelled) and its comment."""

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            choices = []
            for value in criterion.scale_values():
                label = str(value)
                if value == criterion.scale_min and criterion.min_label:
                    label = f"{value} · {criterion.min_label}"
                elif value == criterion.scale_max and criterion.max_label:
                    label = f"{value} · {criterion.max_label}"
                choices.append((str(value), label))
            name = field_name(criterion)
            self.fields[name] = forms.TypedChoiceField(
                label=criterion.name,
                choices=[("", _("Sin puntaje aún")), *choices],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                help_text=_("Escala de %(min)s a %(max)s.") % {"min": criterion.scale_min, "max": criterion.scale_max}
                + (f" {criterion.description}" if criterion.description else ""),
                error_messages={
                    "invalid_choice": _("El puntaje de «%(name)s» debe ser un número entero entre %(min)s y %(max)s.")
                    % {"name": criterion.name, "min": criterion.scale_min, "max": criterion.scale_max}
                },
            )
            self.fields[f"{name}_comentario"] = forms.CharField(
                label=_("Comentario sobre «%(name)s»") % {"name": criterion.name},
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def initial_for(criteria: list[Criterion], scores) -> dict:
        by_criterion = {score.criterion_id: score for score in scores}
        initial = {}
        for criterion in criteria:
            score = by_criterion.get(criterion.pk)
            if score is not None:
                initial[field_name(criterion)] = str(score.value)
                initial[f"{field_name(criterion)}_comentario"] = score.comment
        return initial

    def values(self) -> dict[int, tuple[int | None, str]]:
        return {
            c.pk: (self.cleaned_data.get(field_name(c)), self.cleaned_data.get(f"{field_name(c)}_comentario", ""))
            for c in self.criteria
        }

    def pairs(self):
        """(value field, comment field) per criterion, for the template."""
        return [(self[field_name(c)], self[f"{field_name(c)}_comentario"]) for c in self.criteria]


class ConflictForm(Described):
    reason = forms.CharField(
        label=_("Motivo del conflicto de interés"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Por ejemplo: participó en la redacción de la propuesta o trabaja en la organización que la presenta."
        ),
        error_messages={"required": _("Indique el motivo del conflicto de interés.")},
    )


class AssignForm(Described):
    proposal = forms.ModelChoiceField(label=_("Propuesta"), queryset=None)
    evaluator = forms.ModelChoiceField(label=_("Evaluador/a"), queryset=None)

    def __init__(self, *args, proposals, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals
        self.fields["evaluator"].queryset = people
        self.fields["evaluator"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class AssignEvenlyForm(Described):
    evaluators = forms.ModelMultipleChoiceField(
        label=_("Personas que evalúan"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Elija al menos una persona.")},
    )
    k = forms.IntegerField(
        label=_("Evaluadores por propuesta"),
        min_value=1,
        max_value=50,
        initial=2,
        help_text=_("Cuenta las asignaciones que ya existen. Nadie recibe su propia propuesta."),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluators"].queryset = people
        self.fields["evaluators"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class PublishForm(Described):
    note = forms.CharField(
        label=_("Nota para el público"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Opcional: cómo se usó la evaluación en la selección de propuestas."),
    )
