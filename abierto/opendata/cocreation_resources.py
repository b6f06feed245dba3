"""Co-creation's public resources: processes, their stages and themes, workshops, proposals and the reasoned
responses, described as :mod:`abierto.opendata.resources` describes every resource.

What is public, and nothing more:
- proposals only once published; drafts never appear. A proposal hidden by moderation keeps its row (its id,
  process, kind, date, support count and the public reason of the moderation, as its page shows it) but every
  text written by its author, its title and the author's name are null;
- supports only as a count per proposal, never who gave them;
- the author as the proposal's page names it (the organisation, or the person's name), never an e-mail
  address or an account id;
- comments are not published in this version of the open data.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q

from abierto.cocreation.models import CoCreationProcess, Proposal, Stage, Theme, Workshop
from abierto.opendata.resources import (
    ID,
    UPDATED,
    UPDATED_SINCE,
    Column,
    Filter,
    Resource,
    _choices,
    public_name,
)

PROCESS = Column(
    "process",
    "string",
    "Proceso de cocreación (identificador).",
    "Co-creation process (identifier).",
    "process.slug",
    nullable=False,
)
BY_PROCESS = Filter("process", "process__slug", "string", "Proceso de cocreación.", "Co-creation process.")
BY_PROCESS_PLAN = Filter("plan", "process__plan__slug", "string", "Identificador del plan.", "Plan identifier.")
HIDDEN_TEXT = " Nulo si la moderación la ocultó."
HIDDEN_TEXT_EN = " Null if moderation hid it."
# The public reason a moderated row keeps (proposals, consultation comments); null while the row is visible.
HIDDEN_REASON = Column(
    "hidden_reason",
    "string",
    "Motivo público de la moderación.",
    "Public reason for the moderation.",
    lambda row: row.hidden_reason if row.hidden_at is not None else None,
)


def _unless_hidden(read: str | Callable[[Any], Any]) -> Callable[[Proposal], Any]:
    """A proposal's column that moderation hides: the value, or None while the proposal is hidden."""

    def value(row: Proposal) -> Any:
        if row.hidden_at is not None:
            return None
        return read(row) if callable(read) else getattr(row, read)

    return value


def _author(row: Proposal) -> str | None:
    return public_name(row.author_label())


def _themes(row: Proposal) -> list[str]:
    return [theme.slug for theme in row.themes.all()]


def _text(name: str, es: str, en: str) -> Column:
    return Column(name, "string", es + HIDDEN_TEXT, en + HIDDEN_TEXT_EN, _unless_hidden(name))


def _proposals():
    hidden = ExpressionWrapper(Q(hidden_at__isnull=False), output_field=BooleanField())
    return Proposal.objects.published().annotate(hidden_flag=hidden)


def resources() -> list[Resource]:
    return [
        Resource(
            name="cocreation-processes",
            es="Procesos de cocreación",
            en="Co-creation processes",
            model=CoCreationProcess,
            queryset=lambda: CoCreationProcess.objects.select_related("plan").order_by("pk"),
            columns=(
                ID,
                Column(
                    "slug",
                    "string",
                    "Identificador legible (en la dirección de su página).",
                    "Readable identifier (in its page's address).",
                    nullable=False,
                ),
                Column(
                    "plan",
                    "string",
                    "Plan que se cocrea (identificador).",
                    "Plan co-created (identifier).",
                    "plan.slug",
                    nullable=False,
                ),
                Column("title", "string", "Título.", "Title.", nullable=False),
                Column("description", "string", "Descripción.", "Description."),
                Column(
                    "template",
                    "string",
                    "Plantilla de etapas con que se creó.",
                    "Stage template it was created from.",
                    enum=_choices(CoCreationProcess.Template),
                ),
                Column(
                    "support_limit",
                    "integer",
                    "Propuestas que cada persona puede apoyar.",
                    "Proposals each person may support.",
                    nullable=False,
                ),
                Column(
                    "edit_window_hours",
                    "integer",
                    "Horas, desde su publicación, en que la autora puede editar su propuesta.",
                    "Hours after publication in which the author may edit her proposal.",
                    nullable=False,
                ),
                Column("source", "string", "Fuente de los datos.", "Source of the data."),
                UPDATED,
            ),
            filters=(
                Filter("plan", "plan__slug", "string", "Identificador del plan.", "Plan identifier."),
                UPDATED_SINCE,
            ),
            modified_field="updated_at",
            html_url=lambda row: row.get_absolute_url(),
        ),
        Resource(
            name="cocreation-stages",
            es="Etapas de los procesos de cocreación",
            en="Co-creation stages",
            model=Stage,
            queryset=lambda: Stage.objects.select_related("process").order_by("pk"),
            columns=(
                ID,
                PROCESS,
                Column("position", "integer", "Número de la etapa.", "Stage number.", nullable=False),
                Column("key", "string", "Clave de la etapa en su plantilla.", "Stage key in its template."),
                Column("name", "string", "Etapa.", "Stage.", nullable=False),
                Column("description", "string", "Descripción.", "Description."),
                Column("starts_on", "date", "Primer día (incluido).", "First day (included)."),
                Column("ends_on", "date", "Último día (incluido).", "Last day (included)."),
                Column("dates_text", "string", "Fechas según la fuente.", "Dates as the source gives them."),
                Column(
                    "allows_submit",
                    "boolean",
                    "Durante la etapa se presentan propuestas.",
                    "Proposals are submitted during the stage.",
                    nullable=False,
                ),
                Column(
                    "allows_support",
                    "boolean",
                    "Durante la etapa se apoyan propuestas.",
                    "Proposals are supported during the stage.",
                    nullable=False,
                ),
                Column(
                    "allows_comment",
                    "boolean",
                    "Durante la etapa se comentan propuestas.",
                    "Proposals are commented on during the stage.",
                    nullable=False,
                ),
                Column(
                    "allows_evaluate",
                    "boolean",
                    "Durante la etapa la Mesa evalúa las propuestas.",
                    "The forum evaluates proposals during the stage.",
                    nullable=False,
                ),
                Column(
                    "allows_comment_draft",
                    "boolean",
                    "Durante la etapa se comenta el borrador del plan.",
                    "The draft plan is open to comments during the stage.",
                    nullable=False,
                ),
            ),
            filters=(BY_PROCESS,),
        ),
        Resource(
            name="cocreation-themes",
            es="Temas de los procesos de cocreación",
            en="Co-creation themes",
            model=Theme,
            queryset=lambda: Theme.objects.select_related("process").order_by("pk"),
            columns=(
                ID,
                PROCESS,
                Column("slug", "string", "Identificador legible.", "Readable identifier.", nullable=False),
                Column("name", "string", "Tema.", "Theme.", nullable=False),
                Column(
                    "is_priority",
                    "boolean",
                    "Tema prioritario de la Mesa.",
                    "Priority theme of the forum.",
                    nullable=False,
                ),
                Column("position", "integer", "Orden.", "Order.", nullable=False),
            ),
            filters=(BY_PROCESS,),
        ),
        Resource(
            name="cocreation-workshops",
            es="Talleres de cocreación",
            en="Co-creation workshops",
            model=Workshop,
            queryset=lambda: Workshop.objects.select_related("process").order_by("pk"),
            columns=(
                ID,
                PROCESS,
                Column("position", "integer", "Orden.", "Order.", nullable=False),
                Column("held_on", "date", "Fecha.", "Date."),
                Column("title", "string", "Taller.", "Workshop.", nullable=False),
                Column("place", "string", "Lugar.", "Place."),
                Column("region", "string", "Región (código).", "Region (code)."),
                Column("commune", "string", "Comuna.", "Commune."),
                Column("target_group", "string", "Público objetivo.", "Target group."),
                Column("organiser", "string", "Organiza.", "Organiser."),
                Column("attendance", "integer", "Asistentes.", "Attendees."),
                Column("materials_url", "string", "Materiales.", "Materials."),
                Column("source", "string", "Fuente de los datos.", "Source of the data."),
            ),
            filters=(BY_PROCESS, Filter("region", "region", "string", "Región (código).", "Region (code).")),
        ),
        Resource(
            name="proposals",
            es="Propuestas publicadas",
            en="Published proposals",
            model=Proposal,
            queryset=lambda: (
                _proposals()
                .select_related("process", "author", "lead_institution")
                .prefetch_related("themes")
                .order_by("pk")
            ),
            columns=(
                ID,
                PROCESS,
                Column(
                    "kind",
                    "string",
                    "Propuesta ciudadana o iniciativa del sector público.",
                    "Citizen proposal or public-sector initiative.",
                    enum=_choices(Proposal.Kind),
                    nullable=False,
                ),
                Column(
                    "author_kind",
                    "string",
                    "A título personal o en nombre de una organización.",
                    "In a personal capacity or on behalf of an organisation.",
                    enum=_choices(Proposal.Author),
                    nullable=False,
                ),
                Column(
                    "author",
                    "string",
                    "Autoría como la muestra la página: la organización o el nombre de la persona." + HIDDEN_TEXT,
                    "Authorship as the page shows it: the organisation or the person's name." + HIDDEN_TEXT_EN,
                    _unless_hidden(_author),
                ),
                _text("title", "Título.", "Title."),
                _text("problem", "Problemática que aborda.", "Problem addressed."),
                _text("gap", "Brecha en relación con gobierno abierto.", "Open-government gap."),
                _text("what", "Compromiso que propone.", "Commitment proposed."),
                _text("implies", "Qué implica.", "What it implies."),
                _text("expected_results", "Resultados esperados.", "Expected results."),
                _text("actors", "Quiénes deberían participar.", "Who should take part."),
                _text("components", "Actividades clave y productos.", "Key activities and deliverables."),
                Column(
                    "themes",
                    "array",
                    "Temas (identificadores)." + HIDDEN_TEXT,
                    "Themes (identifiers)." + HIDDEN_TEXT_EN,
                    _unless_hidden(_themes),
                ),
                Column(
                    "region",
                    "string",
                    "Región (código)." + HIDDEN_TEXT,
                    "Region (code)." + HIDDEN_TEXT_EN,
                    _unless_hidden("region"),
                ),
                Column(
                    "commune", "string", "Comuna." + HIDDEN_TEXT, "Commune." + HIDDEN_TEXT_EN, _unless_hidden("commune")
                ),
                Column(
                    "lead_institution",
                    "string",
                    "Institución que podría liderarla (identificador)." + HIDDEN_TEXT,
                    "Institution that could lead it (identifier)." + HIDDEN_TEXT_EN,
                    _unless_hidden(lambda row: row.lead_institution.slug if row.lead_institution else None),
                ),
                Column("submitted_at", "datetime", "Publicada el.", "Published on.", nullable=False),
                Column(
                    "support_count",
                    "integer",
                    "Apoyos recibidos (solo el número: quién apoya no se publica).",
                    "Supports received (the number only: who supported is not published).",
                    nullable=False,
                ),
                Column(
                    "hidden",
                    "boolean",
                    "Ocultada por moderación.",
                    "Hidden by moderation.",
                    "hidden_flag",
                    nullable=False,
                ),
                HIDDEN_REASON,
                Column(
                    "response_kind",
                    "string",
                    "Respuesta fundada: incorporada, fusionada o no incorporada; nulo si aún no tiene.",
                    "Reasoned response: adopted, merged or not adopted; null while it has none.",
                    enum=_choices(Proposal.Response),
                ),
                Column(
                    "response_commitment",
                    "integer",
                    "Compromiso en que se incorporó (id).",
                    "Commitment it was adopted into (id).",
                    "response_commitment_id",
                ),
                Column(
                    "merged_into",
                    "integer",
                    "Propuesta con que se fusionó (id).",
                    "Proposal merged into (id).",
                    "merged_into_id",
                ),
                UPDATED,
            ),
            filters=(
                BY_PROCESS,
                BY_PROCESS_PLAN,
                Filter("kind", "kind", "string", "Tipo de propuesta.", "Proposal kind."),
                Filter("theme", "themes__slug", "string", "Tema (identificador).", "Theme (identifier)."),
                Filter("region", "region", "string", "Región (código).", "Region (code)."),
                Filter("response_kind", "response_kind", "string", "Tipo de respuesta.", "Response kind."),
                Filter("hidden", "hidden_flag", "boolean", "Ocultada por moderación.", "Hidden by moderation."),
                UPDATED_SINCE,
            ),
            modified_field="updated_at",
            html_url=lambda row: row.get_absolute_url(),
        ),
        Resource(
            name="responses",
            es="Respuestas fundadas a las propuestas",
            en="Reasoned responses to proposals",
            model=Proposal,
            queryset=lambda: (
                _proposals().exclude(response_kind="").select_related("process", "response_commitment").order_by("pk")
            ),
            columns=(
                Column(
                    "id",
                    "integer",
                    "Identificador: el de la propuesta que responde.",
                    "Identifier: that of the proposal it answers.",
                    nullable=False,
                ),
                PROCESS,
                Column("proposal", "integer", "Propuesta (id).", "Proposal (id).", "pk", nullable=False),
                Column(
                    "proposal_title",
                    "string",
                    "Título de la propuesta." + HIDDEN_TEXT,
                    "Title of the proposal." + HIDDEN_TEXT_EN,
                    _unless_hidden("title"),
                ),
                Column(
                    "kind",
                    "string",
                    "Incorporada en un compromiso, fusionada con otra propuesta o no incorporada.",
                    "Adopted into a commitment, merged with another proposal or not adopted.",
                    "response_kind",
                    nullable=False,
                    enum=_choices(Proposal.Response),
                ),
                Column(
                    "commitment",
                    "integer",
                    "Compromiso en que se incorporó (id).",
                    "Commitment it was adopted into (id).",
                    "response_commitment_id",
                ),
                Column(
                    "commitment_code",
                    "string",
                    "Código del compromiso en su plan.",
                    "Commitment code within its plan.",
                    "response_commitment.code",
                ),
                Column(
                    "merged_into",
                    "integer",
                    "Propuesta con que se fusionó (id).",
                    "Proposal it was merged into (id).",
                    "merged_into_id",
                ),
                Column("text", "string", "Fundamento de la respuesta.", "Reasoning of the response.", "response_text"),
                Column("responded_at", "datetime", "Respondida el.", "Answered on.", nullable=False),
                UPDATED,
            ),
            filters=(
                BY_PROCESS,
                BY_PROCESS_PLAN,
                Filter("kind", "response_kind", "string", "Tipo de respuesta.", "Response kind."),
                Filter("commitment", "response_commitment_id", "integer", "Compromiso (id).", "Commitment (id)."),
                UPDATED_SINCE,
            ),
            modified_field="updated_at",
            html_url=lambda row: row.get_absolute_url(),
        ),
    ]
