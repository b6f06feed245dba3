"""Co-creation of an action plan: the process and its dated stages, proposals, supports, comments,
moderation reports, workshops, and the reasoned response that links each proposal to its fate.

Counters stored here (``Proposal.support_count``, ``Participation.supports_used``) are derived data:
written only by ``abierto.cocreation.services`` in the same transaction as the support rows they
count, never typed by a person.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from abierto.cocreation import territory
from abierto.plans.validators import validate_evidence_file

ACTIONS = ("submit", "support", "comment", "evaluate", "comment_draft")


class CoCreationProcess(models.Model):
    """The co-creation of one action plan."""

    class Template(models.TextChoices):
        FIFTH_PLAN = "fifth", _("Quinto plan (siete etapas, 2020)")
        SIXTH_PLAN = "sixth", _("Sexto plan (Estado Abierto, 2023)")

    plan = models.OneToOneField(
        "plans.ActionPlan", verbose_name=_("plan de acción"), on_delete=models.CASCADE, related_name="cocreation"
    )
    slug = models.SlugField(_("identificador"), max_length=60, unique=True, help_text=_("Aparece en la dirección."))
    title = models.CharField(_("título"), max_length=300)
    description = models.TextField(_("descripción"), blank=True)
    template = models.CharField(_("plantilla de etapas"), max_length=10, choices=Template.choices, blank=True)
    support_limit = models.PositiveSmallIntegerField(
        _("apoyos por persona"),
        default=7,
        help_text=_(
            "Cuántas propuestas puede apoyar cada persona en este proceso (la iniciativa popular de norma permitió 7)."
        ),
    )
    edit_window_hours = models.PositiveSmallIntegerField(
        _("horas para editar"),
        default=48,
        help_text=_("Horas, desde que se publica, en que la autora puede editar su propuesta."),
    )
    source = models.CharField(_("fuente"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("proceso de cocreación")
        verbose_name_plural = _("procesos de cocreación")
        ordering = ["-plan__start_year"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cocreation:process_detail", args=[self.slug])

    # Stages ------------------------------------------------------------------------------------

    def open_stages(self, today: datetime.date | None = None) -> list["Stage"]:
        today = today or timezone.localdate()
        return [stage for stage in self.stages.all() if stage.is_open(today)]

    def current_stage(self, today: datetime.date | None = None) -> "Stage | None":
        """The open stage that started last (stages may overlap), or None between stages."""
        stages = self.open_stages(today)
        return max(stages, key=lambda s: (s.starts_on, s.position)) if stages else None

    def allows(self, action: str, today: datetime.date | None = None) -> bool:
        """Whether ``action`` (one of ACTIONS) is switched on by a stage open ``today``."""
        if action not in ACTIONS:
            raise ValueError(action)
        return any(getattr(stage, f"allows_{action}") for stage in self.open_stages(today))

    def stage_for(self, action: str) -> "Stage | None":
        """The first stage that switches ``action`` on (to tell people when it opens)."""
        return next((s for s in self.stages.all() if getattr(s, f"allows_{action}")), None)

    # Responses ---------------------------------------------------------------------------------

    def proposals_without_response(self) -> models.QuerySet:
        """Published proposals of this process still waiting for their reasoned response."""
        return self.proposals.published().filter(response_kind="")


class Stage(models.Model):
    """A dated stage of a process; each switches the participation actions on or off."""

    process = models.ForeignKey(
        CoCreationProcess, verbose_name=_("proceso"), on_delete=models.CASCADE, related_name="stages"
    )
    position = models.PositiveSmallIntegerField(_("número"))
    key = models.SlugField(_("clave"), max_length=40, blank=True)
    name = models.CharField(_("etapa"), max_length=200)
    description = models.TextField(_("descripción"), blank=True)
    starts_on = models.DateField(_("inicio"), null=True, blank=True)
    ends_on = models.DateField(_("término"), null=True, blank=True)
    dates_text = models.CharField(_("fechas según la fuente"), max_length=120, blank=True)
    allows_submit = models.BooleanField(_("se presentan propuestas"), default=False)
    allows_support = models.BooleanField(_("se apoyan propuestas"), default=False)
    allows_comment = models.BooleanField(_("se comentan propuestas"), default=False)
    allows_evaluate = models.BooleanField(_("la Mesa evalúa"), default=False)
    allows_comment_draft = models.BooleanField(_("se comenta el borrador del plan"), default=False)

    class Meta:
        verbose_name = _("etapa")
        verbose_name_plural = _("etapas")
        ordering = ["process", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "position"],
                name="stage_unique_position",
                violation_error_message=_("Ya hay una etapa con ese número en este proceso."),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="stage_ends_after_start",
                violation_error_message=_("La etapa no puede terminar antes de empezar."),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=False) | Q(ends_on__isnull=True),
                name="stage_end_needs_start",
                violation_error_message=_("Indique el inicio de la etapa si indica su término."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"

    def is_open(self, today: datetime.date | None = None) -> bool:
        """Open from its first to its last day, both included (local time); undated stages never open."""
        if self.starts_on is None:
            return False
        today = today or timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or today <= self.ends_on)

    def actions(self) -> list[str]:
        return [action for action in ACTIONS if getattr(self, f"allows_{action}")]

    def action_labels(self) -> list[str]:
        return [str(ACTION_LABELS[action]) for action in self.actions()]


ACTION_LABELS = {
    "submit": _("presentar propuestas"),
    "support": _("apoyar propuestas"),
    "comment": _("comentar propuestas"),
    "evaluate": _("evaluación por la Mesa"),
    "comment_draft": _("comentar el borrador del plan"),
}


class Theme(models.Model):
    process = models.ForeignKey(CoCreationProcess, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("tema"), max_length=200)
    slug = models.SlugField(_("identificador"), max_length=120)
    is_priority = models.BooleanField(_("tema prioritario de la Mesa"), default=False)
    position = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temas")
        ordering = ["process", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "slug"],
                name="theme_unique_slug",
                violation_error_message=_("Ese tema ya existe en este proceso."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Workshop(models.Model):
    """A workshop (taller) of the process: data only in this version."""

    process = models.ForeignKey(CoCreationProcess, on_delete=models.CASCADE, related_name="workshops")
    position = models.PositiveSmallIntegerField(_("orden"), default=0)
    held_on = models.DateField(_("fecha"), null=True, blank=True)
    title = models.CharField(_("taller"), max_length=300)
    place = models.CharField(_("lugar"), max_length=300, blank=True)
    region = models.CharField(_("región"), max_length=4, choices=territory.REGION_CHOICES, blank=True)
    commune = models.CharField(_("comuna"), max_length=60, blank=True)
    target_group = models.CharField(_("público objetivo"), max_length=200, blank=True)
    organiser = models.CharField(_("organiza"), max_length=300, blank=True)
    attendance = models.PositiveIntegerField(_("asistentes"), null=True, blank=True)
    materials_url = models.URLField(_("materiales"), max_length=500, blank=True)
    source = models.CharField(_("fuente"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("taller")
        verbose_name_plural = _("talleres")
        ordering = ["process", "held_on", "position"]

    def __str__(self) -> str:
        return self.title


class ProposalQuerySet(models.QuerySet):
    def published(self) -> "ProposalQuerySet":
        return self.filter(status=Proposal.Status.PUBLISHED)

    def visible(self) -> "ProposalQuerySet":
        """Published and not hidden by moderation (what lists show)."""
        return self.published().filter(hidden_at__isnull=True)


class Proposal(models.Model):
    """A citizen's proposal of commitment, or an initiative of the public sector (mapping)."""

    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("Propuesta ciudadana")
        INITIATIVE = "initiative", _("Iniciativa del sector público")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Borrador")
        PUBLISHED = "published", _("Publicada")

    class Author(models.TextChoices):
        PERSON = "person", _("A título personal")
        ORGANISATION = "organisation", _("En nombre de una organización")

    class Response(models.TextChoices):
        ADOPTED = "adopted", _("Incorporada en un compromiso")
        MERGED = "merged", _("Fusionada con otra propuesta")
        NOT_ADOPTED = "not_adopted", _("No incorporada")

    process = models.ForeignKey(
        CoCreationProcess, verbose_name=_("proceso"), on_delete=models.CASCADE, related_name="proposals"
    )
    kind = models.CharField(_("tipo"), max_length=12, choices=Kind.choices, default=Kind.PROPOSAL)
    status = models.CharField(_("estado"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("autora"), on_delete=models.PROTECT, related_name="proposals"
    )
    author_kind = models.CharField(_("presenta"), max_length=12, choices=Author.choices, default=Author.PERSON)
    organisation_name = models.CharField(_("nombre de la organización"), max_length=300, blank=True)

    title = models.CharField(_("título"), max_length=200)
    problem = models.TextField(_("¿cuál es la problemática que aborda?"), blank=True)
    gap = models.TextField(_("¿cuál es la brecha en relación con gobierno abierto?"), blank=True)
    what = models.TextField(_("¿cuál es el compromiso?"), blank=True)
    implies = models.TextField(_("¿qué implica?"), blank=True)
    expected_results = models.TextField(_("¿cuáles son los resultados esperados?"), blank=True)
    actors = models.TextField(_("¿quiénes deberían participar en la implementación?"), blank=True)
    components = models.TextField(_("¿cuáles son las actividades clave y los productos entregables?"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("temas"), blank=True, related_name="proposals")
    region = models.CharField(_("región"), max_length=4, choices=territory.REGION_CHOICES, blank=True)
    commune = models.CharField(_("comuna"), max_length=60, blank=True)
    lead_institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institución que podría liderarla"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cocreation_proposals",
    )
    branch = models.CharField(_("poder del Estado"), max_length=20, blank=True)

    submitted_at = models.DateTimeField(_("publicada el"), null=True, blank=True)
    support_count = models.PositiveIntegerField(_("apoyos"), default=0, editable=False)
    # The similarity terms (stems of the text, from abierto.search.normalize), kept up to date on save.
    terms = models.TextField(editable=False, blank=True)

    hidden_at = models.DateTimeField(_("ocultada el"), null=True, blank=True, editable=False)
    hidden_reason = models.CharField(_("motivo público de la moderación"), max_length=300, blank=True)

    response_kind = models.CharField(_("respuesta"), max_length=12, choices=Response.choices, blank=True)
    response_commitment = models.ForeignKey(
        "plans.Commitment",
        verbose_name=_("compromiso"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="source_proposals",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("fusionada con"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
    )
    response_text = models.TextField(_("fundamento de la respuesta"), blank=True)
    responded_at = models.DateTimeField(_("respondida el"), null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("propuesta")
        verbose_name_plural = _("propuestas")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            # The public list: a process's published proposals, by supports or by date.
            models.Index(fields=["process", "status", "-support_count"], name="proposal_by_support"),
            models.Index(fields=["process", "status", "-submitted_at"], name="proposal_by_date"),
            models.Index(fields=["process", "region"], name="proposal_by_region"),
            # The public list (published, not hidden: hidden_at IS NULL is an index condition too), by supports (all
            # or by region) or by date: rows read in the list's order and stopped after one page, the count from the
            # index alone.
            models.Index(
                fields=["process", "status", "hidden_at", "-support_count", "-submitted_at", "-id"],
                name="proposal_visible_by_support",
            ),
            models.Index(
                fields=["process", "region", "status", "hidden_at", "-support_count", "-submitted_at", "-id"],
                name="proposal_visible_by_region",
            ),
            models.Index(
                fields=["process", "status", "hidden_at", "-submitted_at", "-id"], name="proposal_visible_by_date"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(author_kind="organisation") | ~Q(organisation_name=""),
                name="proposal_organisation_named",
                violation_error_message=_("Indique el nombre de la organización."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="proposal_published_has_date",
                violation_error_message=_("Una propuesta publicada necesita su fecha de publicación."),
            ),
            models.CheckConstraint(
                condition=~Q(response_kind="adopted") | Q(response_commitment__isnull=False),
                name="proposal_adopted_has_commitment",
                violation_error_message=_("Indique el compromiso en que se incorporó la propuesta."),
            ),
            models.CheckConstraint(
                condition=~Q(response_kind="merged") | Q(merged_into__isnull=False),
                name="proposal_merged_has_target",
                violation_error_message=_("Indique la propuesta con que se fusionó."),
            ),
            models.CheckConstraint(
                condition=~Q(response_kind="not_adopted") | ~Q(response_text=""),
                name="proposal_not_adopted_has_reason",
                violation_error_message=_("Explique por qué la propuesta no se incorporó."),
            ),
            models.CheckConstraint(
                condition=Q(response_kind="") | Q(responded_at__isnull=False),
                name="proposal_response_dated",
                violation_error_message=_("Una respuesta necesita su fecha."),
            ),
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="proposal_hidden_has_reason",
                violation_error_message=_("Indique el motivo público por el que se oculta."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cocreation:proposal_detail", args=[self.process.slug, self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def has_response(self) -> bool:
        """Whether the proposal has its public reasoned response (for compliance pages)."""
        return bool(self.response_kind)

    def edit_deadline(self) -> datetime.datetime | None:
        if self.submitted_at is None:
            return None
        return self.submitted_at + datetime.timedelta(hours=self.process.edit_window_hours)

    def region_name(self) -> str:
        return territory.region_name(self.region)

    def author_label(self) -> str:
        if self.author_kind == self.Author.ORGANISATION:
            return self.organisation_name
        full = self.author.get_full_name() if self.author_id else ""
        return full or _("Una persona participante")

    def similarity_text(self) -> str:
        return " ".join([self.title, self.problem, self.gap, self.what, self.implies, self.expected_results])


class ProposalLink(models.Model):
    """An attachment given as a link."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("enlace"), max_length=500)
    label = models.CharField(_("descripción del enlace"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("enlace adjunto")
        verbose_name_plural = _("enlaces adjuntos")
        ordering = ["proposal", "id"]

    def __str__(self) -> str:
        return self.label or self.url


def attachment_upload_to(instance: "ProposalFile", filename: str) -> str:
    return f"cocreacion/{timezone.now():%Y/%m}/{filename}"


class ProposalFile(models.Model):
    """An attached file, checked by size and by its content (``abierto.plans.validators``)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(
        _("archivo"), upload_to=attachment_upload_to, max_length=300, validators=[validate_evidence_file]
    )
    name = models.CharField(_("nombre del archivo"), max_length=200)
    size = models.PositiveIntegerField(_("tamaño (bytes)"), default=0)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("archivo adjunto")
        verbose_name_plural = _("archivos adjuntos")
        ordering = ["proposal", "id"]

    def __str__(self) -> str:
        return self.name


class Participation(models.Model):
    """One person in one process: the row locked while a support is given or withdrawn, so the
    per-person limit holds under concurrency. ``supports_used`` always equals the person's rows."""

    process = models.ForeignKey(CoCreationProcess, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cocreation_participations"
    )
    supports_used = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("participación")
        verbose_name_plural = _("participaciones")
        constraints = [
            models.UniqueConstraint(fields=["process", "user"], name="participation_unique_person"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.process}"


class Support(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cocreation_supports")
    created_at = models.DateTimeField(_("fecha"), default=timezone.now)

    class Meta:
        verbose_name = _("apoyo")
        verbose_name_plural = _("apoyos")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "user"],
                name="support_once_per_person",
                violation_error_message=_("Ya apoya esta propuesta."),
            ),
        ]
        indexes = [models.Index(fields=["user", "proposal"], name="support_by_user")]

    def __str__(self) -> str:
        return f"{self.user} → {self.proposal_id}"


class Comment(models.Model):
    """A comment on a proposal (or on a commitment), threaded up to three levels."""

    MAX_DEPTH = 3

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="comments")
    commitment = models.ForeignKey(
        "plans.Commitment", on_delete=models.CASCADE, null=True, blank=True, related_name="cocreation_comments"
    )
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies")
    depth = models.PositiveSmallIntegerField(default=1)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cocreation_comments")
    text = models.TextField(_("comentario"))
    created_at = models.DateTimeField(_("fecha"), default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True, editable=False)
    hidden_reason = models.CharField(_("motivo público de la moderación"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("comentario")
        verbose_name_plural = _("comentarios")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposal__isnull=False, commitment__isnull=True)
                | Q(proposal__isnull=True, commitment__isnull=False),
                name="comment_on_one_thing",
                violation_error_message=_("Un comentario va en una propuesta o en un compromiso."),
            ),
            models.CheckConstraint(
                condition=Q(depth__gte=1, depth__lte=3),
                name="comment_depth_1_to_3",
                violation_error_message=_("Las respuestas llegan hasta el tercer nivel."),
            ),
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="comment_hidden_has_reason",
                violation_error_message=_("Indique el motivo público por el que se oculta."),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Flag(models.Model):
    """A person reports a proposal or a comment to the secretariat."""

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cocreation_flags")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="flags")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="flags")
    reason = models.TextField(_("motivo"))
    created_at = models.DateTimeField(_("fecha"), default=timezone.now)
    resolved_at = models.DateTimeField(_("atendido el"), null=True, blank=True)

    class Meta:
        verbose_name = _("reporte de moderación")
        verbose_name_plural = _("reportes de moderación")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposal__isnull=False, comment__isnull=True)
                | Q(proposal__isnull=True, comment__isnull=False),
                name="flag_on_one_thing",
                violation_error_message=_("Se reporta una propuesta o un comentario."),
            ),
        ]

    def __str__(self) -> str:
        return self.reason[:60]


# Co-creation tables (mesas de cocreación) ---------------------------------------------------------


class TableSector(models.TextChoices):
    """Who took part in a table. The forum's ``Sector`` counts seats by branch of the State; a table
    counts people as the co-creation reports do, so it has its own short list."""

    CIVIL_SOCIETY = "civil_society", _("Sociedad civil")
    ACADEMIA = "academia", _("Academia")
    PUBLIC = "public", _("Sector público")
    PRIVATE = "private", _("Sector privado")
    CITIZENS = "citizens", _("Ciudadanía")
    OTHER = "other", _("Otro")


class CoCreationTableQuerySet(models.QuerySet):
    def published(self) -> "CoCreationTableQuerySet":
        return self.filter(status=CoCreationTable.Status.PUBLISHED)


class CoCreationTable(models.Model):
    """A co-creation table (mesa de cocreación): people of several sectors discuss proposals and write
    the draft text of a commitment. Public once the secretariat publishes its results."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Borrador")
        PUBLISHED = "published", _("Publicada")

    process = models.ForeignKey(
        CoCreationProcess, verbose_name=_("proceso"), on_delete=models.CASCADE, related_name="tables"
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("tema"), on_delete=models.SET_NULL, null=True, blank=True, related_name="tables"
    )
    title = models.CharField(_("título"), max_length=300)
    held_on = models.DateField(_("fecha"))
    starts_at = models.TimeField(_("hora de inicio"), null=True, blank=True)
    ends_at = models.TimeField(_("hora de término"), null=True, blank=True)
    place = models.CharField(_("lugar"), max_length=300, blank=True)
    online_url = models.URLField(_("enlace de la sesión en línea"), max_length=500, blank=True)
    region = models.CharField(_("región"), max_length=4, choices=territory.REGION_CHOICES, blank=True)
    commune = models.CharField(_("comuna"), max_length=60, blank=True)
    facilitator = models.CharField(_("facilitación"), max_length=300, blank=True)
    summary = models.TextField(_("resumen de la discusión"), blank=True)

    # The draft commitment the table produced, following the commitment template.
    draft_title = models.CharField(_("título del compromiso propuesto"), max_length=500, blank=True)
    draft_problem = models.TextField(_("problema que aborda"), blank=True)
    draft_objective = models.TextField(_("objetivo principal"), blank=True)
    draft_description = models.TextField(_("descripción"), blank=True)
    draft_milestones = models.TextField(_("hitos propuestos"), blank=True)
    commitment = models.ForeignKey(
        "plans.Commitment",
        verbose_name=_("compromiso adoptado"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cocreation_tables",
    )

    proposals = models.ManyToManyField(
        "Proposal",
        verbose_name=_("propuestas discutidas"),
        through="TableProposal",
        blank=True,
        related_name="tables",
    )
    status = models.CharField(_("estado"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("publicada el"), null=True, blank=True)
    source = models.CharField(_("fuente"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CoCreationTableQuerySet.as_manager()

    class Meta:
        verbose_name = _("mesa de cocreación")
        verbose_name_plural = _("mesas de cocreación")
        ordering = ["process", "held_on", "starts_at", "id"]
        indexes = [
            # The public list: a process's published tables by date.
            models.Index(fields=["process", "status", "held_on"], name="table_by_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""),
                name="table_has_place_or_link",
                violation_error_message=_("Indique el lugar o el enlace de la sesión en línea."),
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="table_ends_after_start",
                violation_error_message=_("La mesa no puede terminar antes de empezar."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="table_published_has_date",
                violation_error_message=_("Una mesa publicada necesita su fecha de publicación."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cocreation:table_detail", args=[self.process.slug, self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def has_draft(self) -> bool:
        return any(
            [self.draft_title, self.draft_problem, self.draft_objective, self.draft_description, self.draft_milestones]
        )

    def region_name(self) -> str:
        return territory.region_name(self.region)


class TableParticipation(models.Model):
    """How many people of one sector took part in a table."""

    table = models.ForeignKey(
        CoCreationTable, verbose_name=_("mesa"), on_delete=models.CASCADE, related_name="participation"
    )
    sector = models.CharField(_("sector"), max_length=20, choices=TableSector.choices)
    count = models.PositiveIntegerField(_("participantes"))

    class Meta:
        verbose_name = _("participantes por sector")
        verbose_name_plural = _("participantes por sector")
        ordering = ["table", "sector"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "sector"],
                name="table_participation_unique_sector",
                violation_error_message=_("Ese sector ya está contado en esta mesa."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_sector_display()}: {self.count}"


class TableProposal(models.Model):
    """A proposal discussed at a table, with an optional note on what was made of it."""

    table = models.ForeignKey(
        CoCreationTable, verbose_name=_("mesa"), on_delete=models.CASCADE, related_name="discussed"
    )
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("propuesta"), on_delete=models.CASCADE, related_name="table_discussions"
    )
    note = models.CharField(_("nota"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("propuesta discutida")
        verbose_name_plural = _("propuestas discutidas")
        ordering = ["table", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "proposal"],
                name="table_proposal_once",
                violation_error_message=_("Esa propuesta ya figura en esta mesa."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.table_id} · {self.proposal_id}"


class ProcessTerm(models.Model):
    """Document frequency of a stem among a process's published proposals (similarity weights).

    The row with the empty term counts the indexed proposals themselves (the N of the idf). Written only
    by ``abierto.cocreation.similarity`` with increments, in the transaction that publishes or edits.
    """

    # No index of its own: the unique constraint starts with the process.
    process = models.ForeignKey(CoCreationProcess, on_delete=models.CASCADE, related_name="+", db_index=False)
    term = models.CharField(max_length=60)
    df = models.IntegerField(default=0)

    class Meta:
        constraints = [
            # The lookup of a query's terms, and the upsert that moves the counts.
            models.UniqueConstraint(fields=["process", "term"], name="process_term_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.df})"


class ProposalTerm(models.Model):
    """One stem of one published proposal: the inverted index that finds similar proposals without
    reading a whole process (``abierto.cocreation.similarity``)."""

    # No index of its own: the unique constraint starts with the process.
    process = models.ForeignKey(CoCreationProcess, on_delete=models.CASCADE, related_name="+", db_index=False)
    term = models.CharField(max_length=60)
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="+")  # indexed: re-indexing

    class Meta:
        constraints = [
            # The postings of a term (covering: the candidates come from the index alone).
            models.UniqueConstraint(fields=["process", "term", "proposal"], name="proposal_term_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.term} → {self.proposal_id}"
