from django import forms
from django.utils.translation import gettext_lazy as _

from abierto.accounts.models import INVITABLE_KINDS
from abierto.institutions.models import Institution


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Correo electrónico de la persona"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    kind = forms.ChoiceField(
        label=_("Rol"),
        choices=[(kind.value, kind.label) for kind in INVITABLE_KINDS],
    )
    institution = forms.ModelChoiceField(
        label=_("Institución"),
        queryset=Institution.objects.order_by("name"),
        required=False,
        empty_label=_("— Ninguna —"),
        help_text=_("Obligatoria para una contraparte; déjala vacía para los demás roles."),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nombre de la clave"),
        max_length=100,
        help_text=_("Para reconocerla después, p. ej. «Sistema de gestión de la institución»."),
    )
    days = forms.IntegerField(
        label=_("Vigencia en días"), min_value=1, max_value=730, initial=365, help_text=_("Entre 1 y 730 días.")
    )
