"""The public resources of the forum's evaluation of proposals, of the public consultation on the draft plan and
of the co-creation tables, described as :mod:`abierto.opendata.resources` describes every resource.

What is public, and nothing more:
- evaluation: only what the published results page shows, once the secretariat publishes them: the frozen
  aggregate of each proposal (score 0–100, rank, complete evaluations, spread) and the process's criteria
  (name, description, weight, scale). Individual scores, assignments, evaluators and conflict declarations
  are private and never appear; neither the criteria of a process whose results are not published;
- consultation: every comment on the draft with its section, commitment, date, the author's name as the
  commitment's page shows it (never an e-mail address or an account id) and the secretariat's current answer.
  A comment hidden by moderation keeps its row (id, process, commitment, section, date, hidden flag and public
  reason) but its text, its author and its answer are null. The texts of the sections as they were commented
  on (``SectionVersion``) are the draft commitments' own text, public;
- co-creation tables: published tables only (drafts never appear), with their participants counted by sector
  and the published proposals they discussed (a hidden proposal without its title).
"""

from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Sum,
)
from django.urls import reverse

from abierto.cocreation.models import CoCreationTable, Proposal, TableParticipation, TableProposal, TableSector
from abierto.consultation import sections
from abierto.consultation.models import ConsultationAnswer, ConsultationComment, SectionVersion
from abierto.evaluation.models import Criterion, Publication, PublishedResult
from abierto.opendata.cocreation_resources import (
    BY_PROCESS,
    BY_PROCESS_PLAN,
    HIDDEN_REASON,
    HIDDEN_TEXT,
    HIDDEN_TEXT_EN,
    PROCESS,
)
from abierto.opendata.forum_resources import _time
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

SECTION_CODES = tuple(section.code for section in sections.SECTIONS)
PUBLISHED_AT = Column(
    "published_at",
    "datetime",
    "Fecha de publicación de los resultados.",
    "Date the results were published.",
    nullable=False,
)
BY_PROPOSAL = Filter("proposal", "proposal_id", "integer", "Propuesta (id).", "Proposal (id).")
BY_COMMITMENT = Filter("commitment", "commitment_id", "integer", "Compromiso (id).", "Commitment (id).")
BY_SECTION = Filter("section", "section", "string", "Sección (código).", "Section (code).")
TABLE = Column("table", "integer", "Mesa de cocreación (id).", "Co-creation table (id).", "table_id", nullable=False)
BY_TABLE = Filter("table", "table_id", "integer", "Mesa de cocreación (id).", "Co-creation table (id).")
BY_TABLE_PROCESS = Filter("process", "table__process__slug", "string", "Proceso de cocreación.", "Co-creation process.")


def _section_columns() -> tuple[Column, ...]:
    return (
        Column(
            "section",
            "string",
            "Sección del compromiso (código).",
            "Section of the commitment (code).",
            nullable=False,
            enum=SECTION_CODES,
        ),
        Column(
            "section_label",
            "string",
            "Nombre de la sección.",
            "Name of the section.",
            lambda row: sections.label(row.section),
            nullable=False,
        ),
    )


def _commitment_columns() -> tuple[Column, ...]:
    return (
        Column("commitment", "integer", "Compromiso (id).", "Commitment (id).", "commitment_id", nullable=False),
        Column(
            "commitment_code",
            "string",
            "Código del compromiso en su plan.",
            "Commitment code within its plan.",
            "commitment.code",
            nullable=False,
        ),
    )


def _proposal_title(row: Any) -> str | None:
    """The proposal's title as the pages show it: none once moderation hid it."""
    return None if row.proposal.hidden_at is not None else row.proposal.title


# --------------------------------------------------------------------------- the evaluation's published results


def _publications():
    return Publication.objects.annotate(n_results=Count("results"))


def _results():
    # As the proposal's page reads its result: from the publication of the proposal's own process.
    return PublishedResult.objects.filter(publication__process=F("proposal__process")).annotate(
        published_at=F("publication__published_at")
    )


def _results_url(row: Any) -> str:
    return reverse("evaluation:results", args=[row.process.slug])


def _evaluation() -> list[Resource]:
    return [
        Resource(
            name="evaluation-publications",
            es="Publicaciones de los resultados de la evaluación de propuestas",
            en="Publications of the results of the evaluation of proposals",
            model=Publication,
            queryset=lambda: _publications().select_related("process").order_by("pk"),
            columns=(
                ID,
                PROCESS,
                Column(
                    "published_at",
                    "datetime",
                    "Publicados el (una nueva publicación reemplaza los resultados).",
                    "Published on (a new publication replaces the results).",
                    nullable=False,
                ),
                Column("note", "string", "Nota de la secretaría.", "The secretariat's note."),
                Column(
                    "proposals_evaluated",
                    "integer",
                    "Propuestas en los resultados.",
                    "Proposals in the results.",
                    "n_results",
                    nullable=False,
                ),
            ),
            filters=(BY_PROCESS, BY_PROCESS_PLAN),
            modified_field="published_at",
            html_url=_results_url,
        ),
        Resource(
            name="evaluation-results",
            es="Resultados publicados de la evaluación de propuestas por la Mesa",
            en="Published results of the forum's evaluation of proposals",
            model=PublishedResult,
            queryset=lambda: _results().select_related("publication__process", "proposal").order_by("pk"),
            columns=(
                ID,
                Column(
                    "process",
                    "string",
                    "Proceso de cocreación (identificador).",
                    "Co-creation process (identifier).",
                    "publication.process.slug",
                    nullable=False,
                ),
                Column(
                    "publication",
                    "integer",
                    "Publicación (id).",
                    "Publication (id).",
                    "publication_id",
                    nullable=False,
                ),
                Column("proposal", "integer", "Propuesta (id).", "Proposal (id).", "proposal_id", nullable=False),
                Column(
                    "proposal_title",
                    "string",
                    "Título de la propuesta." + HIDDEN_TEXT,
                    "Title of the proposal." + HIDDEN_TEXT_EN,
                    _proposal_title,
                ),
                Column(
                    "rank",
                    "integer",
                    "Lugar en el ranking; nulo sin evaluaciones completas.",
                    "Place in the ranking; null without complete evaluations.",
                ),
                Column(
                    "score",
                    "number",
                    "Puntaje agregado (0 a 100), congelado al publicar; nulo sin evaluaciones completas.",
                    "Aggregate score (0 to 100), frozen when published; null without complete evaluations.",
                ),
                Column(
                    "evaluations",
                    "integer",
                    "Evaluaciones completas que se promediaron (sin las de quienes declararon conflicto).",
                    "Complete evaluations averaged (without those of evaluators who declared a conflict).",
                    nullable=False,
                ),
                Column(
                    "spread",
                    "number",
                    "Dispersión: diferencia entre la evaluación más alta y la más baja.",
                    "Spread: difference between the highest and the lowest evaluation.",
                ),
                PUBLISHED_AT,
            ),
            filters=(
                Filter(
                    "process",
                    "publication__process__slug",
                    "string",
                    "Proceso de cocreación.",
                    "Co-creation process.",
                ),
                Filter(
                    "plan",
                    "publication__process__plan__slug",
                    "string",
                    "Identificador del plan.",
                    "Plan identifier.",
                ),
                BY_PROPOSAL,
            ),
            modified_field="published_at",
            html_url=lambda row: reverse("evaluation:results", args=[row.publication.process.slug]),
        ),
        Resource(
            name="evaluation-criteria",
            es="Criterios de evaluación de propuestas (de resultados publicados)",
            en="Criteria for evaluating proposals (of published results)",
            model=Criterion,
            queryset=lambda: (
                Criterion.objects.filter(Exists(Publication.objects.filter(process=OuterRef("process"))))
                .select_related("process")
                .order_by("pk")
            ),
            columns=(
                ID,
                PROCESS,
                Column("position", "integer", "Orden.", "Order.", nullable=False),
                Column("name", "string", "Criterio.", "Criterion.", nullable=False),
                Column("description", "string", "Descripción.", "Description."),
                Column(
                    "weight",
                    "number",
                    "Ponderación en el puntaje (mayor que cero).",
                    "Weight in the score (greater than zero).",
                    nullable=False,
                ),
                Column("scale_min", "integer", "Mínimo de la escala.", "Scale minimum.", nullable=False),
                Column("scale_max", "integer", "Máximo de la escala.", "Scale maximum.", nullable=False),
                Column("min_label", "string", "Significado del mínimo.", "Meaning of the minimum."),
                Column("max_label", "string", "Significado del máximo.", "Meaning of the maximum."),
                Column("source", "string", "Fuente.", "Source."),
                UPDATED,
            ),
            filters=(BY_PROCESS, BY_PROCESS_PLAN),
            modified_field="updated_at",
            html_url=lambda row: reverse("evaluation:results", args=[row.process.slug]),
        ),
    ]


# --------------------------------------------------------------------------- the consultation on the draft

HIDDEN_TEXT_COMMENT = " Nulo si la moderación ocultó el comentario."
HIDDEN_TEXT_COMMENT_EN = " Null if moderation hid the comment."


def _unless_hidden(read: Any) -> Any:
    """A comment's column that moderation hides: the value, or None while the comment is hidden."""

    def value(row: ConsultationComment) -> Any:
        if row.hidden_at is not None:
            return None
        return read(row) if callable(read) else getattr(row, read)

    return value


def _answer(attribute: str) -> Any:
    def value(row: ConsultationComment) -> Any:
        answer = row.answer_or_none
        return getattr(answer, attribute) if answer is not None else None

    return _unless_hidden(value)


def _comments():
    hidden = ExpressionWrapper(Q(hidden_at__isnull=False), output_field=BooleanField())
    answered = Exists(ConsultationAnswer.objects.filter(comment=OuterRef("pk")))
    return ConsultationComment.objects.annotate(hidden_flag=hidden, answered_flag=answered)


def _comment_url(row: ConsultationComment) -> str:
    page = reverse("consultation:commitment", args=[row.process.slug, row.commitment.code])
    return f"{page}#{row.anchor}"


def _comment_text(name: str, es: str, en: str, read: Any) -> Column:
    return Column(name, "string", es + HIDDEN_TEXT_COMMENT, en + HIDDEN_TEXT_COMMENT_EN, _unless_hidden(read))


def _consultation() -> list[Resource]:
    return [
        Resource(
            name="consultation-comments",
            es="Comentarios de la consulta pública del borrador del plan",
            en="Comments of the public consultation on the draft plan",
            model=ConsultationComment,
            queryset=lambda: _comments().select_related("process", "commitment", "author", "answer").order_by("pk"),
            columns=(
                ID,
                PROCESS,
                *_commitment_columns(),
                *_section_columns(),
                Column(
                    "version",
                    "integer",
                    "Texto de la sección que se comentó (id en consultation-section-versions)." + HIDDEN_TEXT_COMMENT,
                    "Text of the section commented on (id in consultation-section-versions)." + HIDDEN_TEXT_COMMENT_EN,
                    _unless_hidden("version_id"),
                ),
                _comment_text(
                    "author",
                    "Autoría como la muestra la página del compromiso: el nombre de la persona, o «Participante».",
                    "Authorship as the commitment's page shows it: the person's name, or «Participante».",
                    lambda row: public_name(row.author_name()),
                ),
                _comment_text("text", "Comentario.", "Comment.", "body"),
                Column("created_at", "datetime", "Fecha del comentario.", "Date of the comment.", nullable=False),
                Column(
                    "hidden",
                    "boolean",
                    "Ocultado por moderación.",
                    "Hidden by moderation.",
                    "hidden_flag",
                    nullable=False,
                ),
                HIDDEN_REASON,
                Column(
                    "answered",
                    "boolean",
                    "Tiene respuesta de la secretaría.",
                    "Has an answer from the secretariat.",
                    "answered_flag",
                    nullable=False,
                ),
                Column(
                    "answer",
                    "string",
                    "Respuesta vigente de la secretaría; nula si aún no tiene." + HIDDEN_TEXT_COMMENT,
                    "The secretariat's current answer; null while it has none." + HIDDEN_TEXT_COMMENT_EN,
                    _answer("body"),
                ),
                Column(
                    "answered_at",
                    "datetime",
                    "Respondido el." + HIDDEN_TEXT_COMMENT,
                    "Answered on." + HIDDEN_TEXT_COMMENT_EN,
                    _answer("answered_at"),
                ),
                Column(
                    "answer_edited_at",
                    "datetime",
                    "Última edición de la respuesta." + HIDDEN_TEXT_COMMENT,
                    "Last edit of the answer." + HIDDEN_TEXT_COMMENT_EN,
                    _answer("edited_at"),
                ),
                Column(
                    "answer_revision",
                    "integer",
                    "Versión de la respuesta (cada edición suma una)." + HIDDEN_TEXT_COMMENT,
                    "Version of the answer (each edit adds one)." + HIDDEN_TEXT_COMMENT_EN,
                    _answer("revision"),
                ),
            ),
            filters=(
                BY_PROCESS,
                BY_PROCESS_PLAN,
                BY_COMMITMENT,
                BY_SECTION,
                Filter("hidden", "hidden_flag", "boolean", "Ocultado por moderación.", "Hidden by moderation."),
                Filter(
                    "answered",
                    "answered_flag",
                    "boolean",
                    "Con respuesta de la secretaría.",
                    "With an answer from the secretariat.",
                ),
                Filter(
                    "created_since",
                    "created_at__gte",
                    "datetime",
                    "Comentados desde (ISO 8601).",
                    "Commented since (ISO 8601).",
                ),
            ),
            html_url=_comment_url,
        ),
        Resource(
            name="consultation-section-versions",
            es="Textos de las secciones del borrador comentadas en la consulta",
            en="Texts of the draft's sections commented on in the consultation",
            model=SectionVersion,
            queryset=lambda: SectionVersion.objects.select_related("commitment__plan").order_by("pk"),
            columns=(
                ID,
                Column(
                    "plan",
                    "string",
                    "Identificador del plan.",
                    "Plan identifier.",
                    "commitment.plan.slug",
                    nullable=False,
                ),
                *_commitment_columns(),
                *_section_columns(),
                Column(
                    "digest",
                    "string",
                    "Huella SHA-256 del texto.",
                    "SHA-256 fingerprint of the text.",
                    nullable=False,
                ),
                Column(
                    "text",
                    "string",
                    "Texto de la sección como lo leyó quien comentó.",
                    "Text of the section as the commenter read it.",
                ),
                Column("created_at", "datetime", "Registrado el.", "Recorded on.", nullable=False),
            ),
            filters=(
                Filter("plan", "commitment__plan__slug", "string", "Identificador del plan.", "Plan identifier."),
                BY_COMMITMENT,
                BY_SECTION,
            ),
        ),
    ]


# --------------------------------------------------------------------------- co-creation tables


def _tables():
    participants = TableParticipation.objects.filter(table=OuterRef("pk")).values("table")
    total = participants.annotate(total=Sum("count")).values("total")
    return CoCreationTable.objects.published().annotate(participants_total=total)


def _table_url(row: Any) -> str:
    return reverse("cocreation:table_detail", args=[row.table.process.slug, row.table_id])


def _tables_resources() -> list[Resource]:
    return [
        Resource(
            name="cocreation-tables",
            es="Mesas de cocreación publicadas",
            en="Published co-creation tables",
            model=CoCreationTable,
            queryset=lambda: (
                _tables()
                .select_related("process", "theme", "commitment")
                .prefetch_related(
                    Prefetch(
                        "discussed",
                        queryset=TableProposal.objects.filter(proposal__status=Proposal.Status.PUBLISHED).order_by(
                            "proposal_id"
                        ),
                    )
                )
                .order_by("pk")
            ),
            columns=(
                ID,
                PROCESS,
                Column("theme", "string", "Tema (identificador).", "Theme (identifier).", "theme.slug"),
                Column("title", "string", "Título.", "Title.", nullable=False),
                Column("held_on", "date", "Fecha.", "Date.", nullable=False),
                Column(
                    "starts_at",
                    "string",
                    "Hora de inicio (HH:MM).",
                    "Start time (HH:MM).",
                    lambda r: _time(r.starts_at),
                ),
                Column(
                    "ends_at", "string", "Hora de término (HH:MM).", "End time (HH:MM).", lambda r: _time(r.ends_at)
                ),
                Column("place", "string", "Lugar.", "Place."),
                Column("online_url", "string", "Enlace de la sesión en línea.", "Link of the online session."),
                Column("region", "string", "Región (código).", "Region (code)."),
                Column("commune", "string", "Comuna.", "Commune."),
                Column("facilitator", "string", "Facilitación.", "Facilitation."),
                Column("summary", "string", "Resumen de la discusión.", "Summary of the discussion."),
                Column(
                    "participants",
                    "integer",
                    "Participantes en total (la suma por sector: cocreation-table-participation).",
                    "Participants in all (the sum by sector: cocreation-table-participation).",
                    "participants_total",
                ),
                Column(
                    "proposals",
                    "array",
                    "Propuestas discutidas (ids).",
                    "Proposals discussed (ids).",
                    lambda row: [str(item.proposal_id) for item in row.discussed.all()],
                ),
                Column(
                    "draft_title",
                    "string",
                    "Título del compromiso propuesto por la mesa.",
                    "Title of the commitment the table proposed.",
                ),
                Column("draft_problem", "string", "Problema que aborda.", "Problem addressed."),
                Column("draft_objective", "string", "Objetivo principal.", "Main objective."),
                Column("draft_description", "string", "Descripción.", "Description."),
                Column("draft_milestones", "string", "Hitos propuestos.", "Milestones proposed."),
                Column(
                    "commitment",
                    "integer",
                    "Compromiso adoptado (id).",
                    "Commitment adopted (id).",
                    "commitment_id",
                ),
                Column(
                    "commitment_code",
                    "string",
                    "Código del compromiso adoptado en su plan.",
                    "Code of the commitment adopted within its plan.",
                    "commitment.code",
                ),
                Column(
                    "published_at", "datetime", "Resultados publicados el.", "Results published on.", nullable=False
                ),
                Column("source", "string", "Fuente de los datos.", "Source of the data."),
                UPDATED,
            ),
            filters=(
                BY_PROCESS,
                BY_PROCESS_PLAN,
                Filter("theme", "theme__slug", "string", "Tema (identificador).", "Theme (identifier)."),
                Filter("region", "region", "string", "Región (código).", "Region (code)."),
                Filter(
                    "commitment", "commitment_id", "integer", "Compromiso adoptado (id).", "Commitment adopted (id)."
                ),
                Filter("date_from", "held_on__gte", "date", "Desde la fecha (incluida).", "From the date (included)."),
                Filter("date_to", "held_on__lte", "date", "Hasta la fecha (incluida).", "Until the date (included)."),
                UPDATED_SINCE,
            ),
            modified_field="updated_at",
            html_url=lambda row: row.get_absolute_url(),
        ),
        Resource(
            name="cocreation-table-participation",
            es="Participantes por sector en las mesas de cocreación publicadas",
            en="Participants by sector in the published co-creation tables",
            model=TableParticipation,
            queryset=lambda: (
                TableParticipation.objects.filter(table__status=CoCreationTable.Status.PUBLISHED)
                .select_related("table__process")
                .order_by("pk")
            ),
            columns=(
                ID,
                TABLE,
                Column(
                    "sector",
                    "string",
                    "Sector.",
                    "Sector.",
                    nullable=False,
                    enum=_choices(TableSector),
                ),
                Column("count", "integer", "Participantes.", "Participants.", nullable=False),
            ),
            filters=(
                BY_TABLE,
                BY_TABLE_PROCESS,
                Filter("sector", "sector", "string", "Sector.", "Sector."),
            ),
            html_url=_table_url,
        ),
        Resource(
            name="cocreation-table-proposals",
            es="Propuestas discutidas en las mesas de cocreación publicadas",
            en="Proposals discussed at the published co-creation tables",
            model=TableProposal,
            queryset=lambda: (
                TableProposal.objects.filter(
                    table__status=CoCreationTable.Status.PUBLISHED, proposal__status=Proposal.Status.PUBLISHED
                )
                .select_related("table__process", "proposal")
                .order_by("pk")
            ),
            columns=(
                ID,
                TABLE,
                Column("proposal", "integer", "Propuesta (id).", "Proposal (id).", "proposal_id", nullable=False),
                Column(
                    "proposal_title",
                    "string",
                    "Título de la propuesta." + HIDDEN_TEXT,
                    "Title of the proposal." + HIDDEN_TEXT_EN,
                    _proposal_title,
                ),
                Column("note", "string", "Nota de la mesa sobre la propuesta.", "The table's note on the proposal."),
            ),
            filters=(BY_TABLE, BY_TABLE_PROCESS, BY_PROPOSAL),
            html_url=_table_url,
        ),
    ]


def resources() -> list[Resource]:
    return [*_evaluation(), *_consultation(), *_tables_resources()]
