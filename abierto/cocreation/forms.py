"""Forms of the co-creation pages. They only check input; writes go through ``services``."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from abierto.cocreation import territory
from abierto.cocreation.models import Comment, Proposal
from abierto.institutions.models import Institution
from abierto.plans.validators import validate_evidence_file

MARKDOWN_HELP = _("Puede usar párrafos, *cursiva*, **negrita**, listas con guiones y enlaces [texto](https://…).")
LINK_ROWS = 3


class Described(forms.Form):
    """Ties each field's error message to the field (aria-describedby, aria-invalid) for screen readers."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                ids = [widget.attrs.get("aria-describedby", ""), f"{self[name].auto_id}-error"]
                widget.attrs["aria-describedby"] = " ".join(i for i in ids if i)
                widget.attrs["aria-invalid"] = "true"


class HoneypotMixin(Described):
    """A field people never see (hidden from screen readers too); bots that fill every field are refused."""

    sitio_web = forms.CharField(
        label=_("No complete este campo"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_sitio_web(self):
        if self.cleaned_data.get("sitio_web"):
            raise forms.ValidationError(
                _("No pudimos aceptar el envío. Deje vacío el campo oculto y vuelva a intentarlo.")
            )
        return ""


def _text(label, help_text="", required=False, rows=4):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ProposalForm(HoneypotMixin):
    author_kind = forms.ChoiceField(
        label=_("¿Cómo presenta la propuesta?"),
        choices=Proposal.Author.choices,
        initial=Proposal.Author.PERSON,
        widget=forms.RadioSelect,
    )
    organisation_name = forms.CharField(
        label=_("Nombre de la organización"),
        required=False,
        max_length=300,
        help_text=_("Solo si presenta en nombre de una organización."),
    )
    title = forms.CharField(label=_("Título de la propuesta"), max_length=200)
    problem = _text(_("¿Cuál es la problemática que aborda?"), MARKDOWN_HELP)
    gap = _text(_("¿Cuál es la brecha en relación con gobierno abierto?"))
    what = _text(_("¿Cuál es el compromiso que propone?"))
    implies = _text(_("¿Qué implica?"))
    expected_results = _text(_("¿Cuáles son los resultados esperados?"))
    actors = _text(_("¿Quiénes deberían participar en la implementación?"), rows=3)
    components = _text(_("¿Cuáles son las actividades clave y los productos entregables?"))
    themes = forms.ModelMultipleChoiceField(
        label=_("Temas"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    region = forms.ChoiceField(
        label=_("Región"),
        required=False,
        choices=[("", _("Todo el país o ninguna en particular")), *territory.REGION_CHOICES],
    )
    commune = forms.ChoiceField(
        label=_("Comuna"), required=False, choices=[("", _("Ninguna en particular")), *territory.commune_choices()]
    )
    lead_institution = forms.ModelChoiceField(
        label=_("Institución que podría liderarla"),
        queryset=Institution.objects.order_by("name"),
        required=False,
        empty_label=_("No sé / ninguna en particular"),
    )

    # Fields a published proposal needs (a draft needs only its title).
    REQUIRED_TO_PUBLISH = ("problem", "what")

    def __init__(self, *args, process, publishing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.publishing = publishing
        self.fields["themes"].queryset = process.themes.all()
        if not self.fields["themes"].queryset.exists():
            del self.fields["themes"]
        self.fields["attachment"] = forms.FileField(
            label=_("Archivo adjunto"),
            required=False,
            validators=[validate_evidence_file],
            help_text=_("PDF, imagen PNG o JPEG, documento de Office o texto; hasta %(size)s.")
            % {"size": filesizeformat(settings.ABIERTO_MAX_UPLOAD_BYTES)},
        )
        for index in range(1, LINK_ROWS + 1):
            self.fields[f"link_{index}_url"] = forms.URLField(
                label=_("Enlace %(n)s") % {"n": index}, required=False, max_length=500, assume_scheme="https"
            )
            self.fields[f"link_{index}_label"] = forms.CharField(
                label=_("Descripción del enlace %(n)s") % {"n": index}, required=False, max_length=200
            )

    def clean(self):
        data = super().clean()
        if data.get("author_kind") == Proposal.Author.ORGANISATION and not data.get("organisation_name"):
            self.add_error("organisation_name", _("Indique el nombre de la organización."))
        region, commune = data.get("region"), data.get("commune")
        if commune and region and commune not in territory.COMMUNES_BY_REGION[region]:
            self.add_error(
                "commune",
                _("%(commune)s no está en la región %(region)s.")
                % {"commune": commune, "region": territory.region_name(region)},
            )
        if commune and not region:
            data["region"] = next(code for code, _n, communes in territory.REGIONS if commune in communes)
        if self.publishing:
            for name in self.REQUIRED_TO_PUBLISH:
                if not (data.get(name) or "").strip():
                    self.add_error(name, _("Para publicar la propuesta, complete este campo."))
        return data

    def links(self) -> list[tuple[str, str]]:
        return [
            (self.cleaned_data.get(f"link_{i}_url"), self.cleaned_data.get(f"link_{i}_label") or "")
            for i in range(1, LINK_ROWS + 1)
            if self.cleaned_data.get(f"link_{i}_url")
        ]

    def link_rows(self):
        return [(self[f"link_{i}_url"], self[f"link_{i}_label"]) for i in range(1, LINK_ROWS + 1)]

    @staticmethod
    def initial_for(proposal: Proposal) -> dict:
        initial = {
            name: getattr(proposal, name)
            for name in (
                "author_kind",
                "organisation_name",
                "title",
                "problem",
                "gap",
                "what",
                "implies",
                "expected_results",
                "actors",
                "components",
                "region",
                "commune",
            )
        }
        initial["lead_institution"] = proposal.lead_institution_id
        initial["themes"] = list(proposal.themes.all())
        for i, link in enumerate(proposal.links.all()[:LINK_ROWS], start=1):
            initial[f"link_{i}_url"], initial[f"link_{i}_label"] = link.url, link.label
        return initial


class InitiativeForm(HoneypotMixin):
    """The mapping of public-sector initiatives: institution, branch of the State, initiative."""

    lead_institution = forms.ModelChoiceField(
        label=_("Institución"), queryset=Institution.objects.order_by("name"), empty_label=_("Elija la institución")
    )
    branch = forms.ChoiceField(label=_("Poder del Estado"), choices=[("", _("Elija")), *Institution.Branch.choices])
    title = forms.CharField(label=_("Nombre de la iniciativa"), max_length=200)
    what = _text(_("Descripción de la iniciativa"), MARKDOWN_HELP, required=True)
    expected_results = _text(_("Resultados esperados"))

    def __init__(self, *args, process=None, publishing: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.publishing = publishing


class CommentForm(HoneypotMixin):
    text = forms.CharField(
        label=_("Su comentario"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}), help_text=MARKDOWN_HELP
    )
    parent = forms.ModelChoiceField(queryset=Comment.objects.none(), required=False, widget=forms.HiddenInput)

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = proposal.comments.all()


class CommitmentCommentForm(CommentForm):
    def __init__(self, *args, commitment, **kwargs):
        forms.Form.__init__(self, *args, **kwargs)
        self.fields["parent"].queryset = commitment.cocreation_comments.all()


class ReasonForm(Described):
    reason = forms.CharField(label=_("Motivo"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


class ResponseForm(Described):
    kind = forms.ChoiceField(label=_("Respuesta"), choices=Proposal.Response.choices, widget=forms.RadioSelect)
    commitment = forms.ModelChoiceField(label=_("Compromiso en que se incorporó"), queryset=None, required=False)
    merged_into = forms.ModelChoiceField(label=_("Propuesta con que se fusionó"), queryset=None, required=False)
    text = forms.CharField(
        label=_("Fundamento público"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Obligatorio si la propuesta no se incorpora."),
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitment"].queryset = proposal.process.plan.commitments.order_by("position", "code")
        self.fields["merged_into"].queryset = (
            proposal.process.proposals.published().exclude(pk=proposal.pk).order_by("title")
        )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Proposal.Response.ADOPTED and not data.get("commitment"):
            self.add_error("commitment", _("Indique el compromiso en que se incorporó la propuesta."))
        if kind == Proposal.Response.MERGED and not data.get("merged_into"):
            self.add_error("merged_into", _("Indique la propuesta con que se fusionó."))
        if kind == Proposal.Response.NOT_ADOPTED and not (data.get("text") or "").strip():
            self.add_error("text", _("Explique por qué la propuesta no se incorporó."))
        return data


class MergeForm(Described):
    target = forms.ModelChoiceField(label=_("Fusionar con"), queryset=None)
    text = forms.CharField(
        label=_("Fundamento público"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (
            proposal.process.proposals.visible()
            .filter(merged_into__isnull=True)
            .exclude(pk=proposal.pk)
            .order_by("title")
        )
