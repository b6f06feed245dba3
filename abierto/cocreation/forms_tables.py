"""Forms of the co-creation tables and workshops. They only check input; writes go through ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from abierto.cocreation import territory
from abierto.cocreation.forms import Described
from abierto.cocreation.models import CoCreationTable, Proposal, TableSector, Workshop

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _text(label, help_text="", rows=4):
    return forms.CharField(
        label=label, help_text=help_text, required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": rows})
    )


def _region_field():
    return forms.ChoiceField(
        label=_("Región"),
        required=False,
        choices=[("", _("Todo el país o ninguna en particular")), *territory.REGION_CHOICES],
    )


def _commune_field():
    return forms.ChoiceField(
        label=_("Comuna"), required=False, choices=[("", _("Ninguna en particular")), *territory.commune_choices()]
    )


def _check_territory(form: forms.Form, data: dict) -> None:
    """The commune must be in the region; a commune without a region gives its region."""
    region, commune = data.get("region"), data.get("commune")
    if commune and region and commune not in territory.COMMUNES_BY_REGION[region]:
        form.add_error(
            "commune",
            _("%(commune)s no está en la región %(region)s.")
            % {"commune": commune, "region": territory.region_name(region)},
        )
    if commune and not region:
        data["region"] = next(code for code, _n, communes in territory.REGIONS if commune in communes)


class TableForm(Described):
    """A table, its participants by sector (one number per sector) and the proposals it discussed (a checkbox
    and an optional note per published proposal of the process)."""

    title = forms.CharField(label=_("Título de la mesa"), max_length=300)
    theme = forms.ModelChoiceField(label=_("Tema"), queryset=None, required=False, empty_label=_("Sin tema"))
    held_on = forms.DateField(label=_("Fecha"), widget=DATE)
    starts_at = forms.TimeField(label=_("Hora de inicio"), required=False, widget=TIME)
    ends_at = forms.TimeField(label=_("Hora de término"), required=False, widget=TIME)
    place = forms.CharField(
        label=_("Lugar"), required=False, max_length=300, help_text=_("Indique el lugar, el enlace en línea o ambos.")
    )
    online_url = forms.URLField(
        label=_("Enlace de la sesión en línea"), required=False, max_length=500, assume_scheme="https"
    )
    region = _region_field()
    commune = _commune_field()
    facilitator = forms.CharField(label=_("Facilitación"), required=False, max_length=300)
    summary = _text(_("Resumen de la discusión"))
    draft_title = forms.CharField(label=_("Título del compromiso propuesto"), required=False, max_length=500)
    draft_problem = _text(_("Problema que aborda"))
    draft_objective = _text(_("Objetivo principal"), rows=3)
    draft_description = _text(_("Descripción del compromiso"))
    draft_milestones = _text(_("Hitos propuestos"), _("Un hito por línea: actividad, producto y plazo."))
    commitment = forms.ModelChoiceField(
        label=_("Compromiso adoptado"),
        queryset=None,
        required=False,
        empty_label=_("Aún ninguno"),
        help_text=_("El compromiso del plan que resultó de esta mesa, cuando se adopte."),
    )

    TABLE_FIELDS = (
        "title",
        "theme",
        "held_on",
        "starts_at",
        "ends_at",
        "place",
        "online_url",
        "region",
        "commune",
        "facilitator",
        "summary",
    )
    DRAFT_FIELDS = ("draft_title", "draft_problem", "draft_objective", "draft_description", "draft_milestones")

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = process.themes.all()
        self.fields["commitment"].queryset = process.plan.commitments.order_by("position", "code")
        for value, label in TableSector.choices:
            self.fields[f"sector_{value}"] = forms.IntegerField(
                label=label,
                required=False,
                min_value=0,
                max_value=100000,
                help_text=_("Déjelo vacío si no se contó."),
            )
        self.proposals = list(process.proposals.published().order_by("title"))
        for proposal in self.proposals:
            self.fields[f"discussed_{proposal.pk}"] = forms.BooleanField(label=proposal.title, required=False)
            self.fields[f"note_{proposal.pk}"] = forms.CharField(
                label=_("Nota sobre «%(title)s»") % {"title": proposal.title}, required=False, max_length=500
            )

    def clean(self):
        data = super().clean()
        if not (data.get("place") or "").strip() and not data.get("online_url"):
            self.add_error("place", _("Indique el lugar o el enlace de la sesión en línea."))
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("La mesa no puede terminar antes de empezar."))
        _check_territory(self, data)
        for proposal in self.proposals:
            if data.get(f"note_{proposal.pk}") and not data.get(f"discussed_{proposal.pk}"):
                self.add_error(f"note_{proposal.pk}", _("Marque la propuesta como discutida si escribe una nota."))
        return data

    # What the service takes ------------------------------------------------------------------

    def table_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in (*self.TABLE_FIELDS, *self.DRAFT_FIELDS, "commitment")}

    def participation(self) -> dict[str, int | None]:
        return {value: self.cleaned_data.get(f"sector_{value}") for value in TableSector.values}

    def discussed(self) -> dict[int, str]:
        return {
            p.pk: self.cleaned_data.get(f"note_{p.pk}") or ""
            for p in self.proposals
            if self.cleaned_data.get(f"discussed_{p.pk}")
        }

    # How the template lays it out ------------------------------------------------------------

    def table_fields(self):
        return [self[name] for name in self.TABLE_FIELDS]

    def draft_fields(self):
        return [self[name] for name in (*self.DRAFT_FIELDS, "commitment")]

    def sector_fields(self):
        return [self[f"sector_{value}"] for value in TableSector.values]

    def proposal_rows(self) -> list[tuple[Proposal, forms.BoundField, forms.BoundField]]:
        return [(p, self[f"discussed_{p.pk}"], self[f"note_{p.pk}"]) for p in self.proposals]

    @staticmethod
    def initial_for(table: CoCreationTable) -> dict:
        initial = {name: getattr(table, name) for name in (*TableForm.TABLE_FIELDS, *TableForm.DRAFT_FIELDS)}
        initial["theme"] = table.theme_id
        initial["commitment"] = table.commitment_id
        for row in table.participation.all():
            initial[f"sector_{row.sector}"] = row.count
        for row in table.discussed.all():
            initial[f"discussed_{row.proposal_id}"] = True
            initial[f"note_{row.proposal_id}"] = row.note
        return initial


class WorkshopForm(Described):
    title = forms.CharField(label=_("Nombre del taller"), max_length=300)
    held_on = forms.DateField(label=_("Fecha"), required=False, widget=DATE)
    place = forms.CharField(label=_("Lugar"), required=False, max_length=300)
    region = _region_field()
    commune = _commune_field()
    target_group = forms.CharField(
        label=_("Público objetivo"), required=False, max_length=200, help_text=_("Por ejemplo: mujeres, juventudes.")
    )
    organiser = forms.CharField(label=_("Organiza"), required=False, max_length=300)
    attendance = forms.IntegerField(
        label=_("Asistentes"),
        required=False,
        min_value=0,
        max_value=1000000,
        help_text=_("Déjelo vacío si no se sabe: se mostrará «sin dato», no cero."),
    )
    materials_url = forms.URLField(
        label=_("Enlace a los materiales"), required=False, max_length=500, assume_scheme="https"
    )

    FIELDS = (
        "title",
        "held_on",
        "place",
        "region",
        "commune",
        "target_group",
        "organiser",
        "attendance",
        "materials_url",
    )

    def clean(self):
        data = super().clean()
        _check_territory(self, data)
        return data

    def workshop_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.FIELDS}

    @staticmethod
    def initial_for(workshop: Workshop) -> dict:
        return {name: getattr(workshop, name) for name in WorkshopForm.FIELDS}
