"""Forms of the registry used outside the admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from abierto.plans.models import ActionPlan, Commitment


class CarryForwardForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan de destino"), queryset=ActionPlan.objects.none())
    code = forms.CharField(
        label=_("Código en el plan de destino"),
        max_length=20,
        help_text=_("Por ejemplo, el código OGP que tendrá en el nuevo plan."),
    )

    def __init__(self, *args, commitment: Commitment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = (
            ActionPlan.objects.filter(
                government_id=commitment.plan.government_id, start_year__gte=commitment.plan.start_year
            )
            .exclude(pk=commitment.plan_id)
            .exclude(kind=ActionPlan.Kind.ROADMAP)
            .order_by("start_year", "number")
        )
