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
