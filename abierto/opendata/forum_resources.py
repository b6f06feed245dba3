"""The forum's (la Mesa's) public resources: the forums and their protocol rules, seats and who held them,
sessions with their agenda, documents and attendance, closed votes with their named ballots, published minutes
and agreements with their follow-up notes, described as :mod:`abierto.opendata.resources` describes every
resource.

What is public, and nothing more: what the forum's public pages show. Open votes and their ballots never
appear (a vote is published when it closes); minutes only in their published versions; people by the name the
pages show (never an e-mail address or an account id); who convened a session, cast a vote on the platform or
wrote a follow-up note is not published.
"""

import datetime
from typing import Any

from django.db.models import Prefetch

from abierto.forum.models import (
    AgendaDocument,
    AgendaItem,
    Agreement,
    AgreementNote,
    Attendance,
    Forum,
    Majority,
    MajorityBase,
    Minutes,
    Motion,
    QuorumRule,
    Right,
    Seat,
    SeatTerm,
    Sector,
    Session,
    Vote,
)
from abierto.opendata.resources import ID, Column, Filter, Resource, _choices, public_name

FORUM = Column("forum", "string", "Mesa (identificador).", "Forum (identifier).", "forum.slug", nullable=False)
SESSION = Column("session", "integer", "Sesión (id).", "Session (id).", "session_id", nullable=False)
SEAT = Column("seat", "integer", "Asiento (id).", "Seat (id).", "seat_id")
BY_FORUM = Filter("forum", "forum__slug", "string", "Mesa (identificador).", "Forum (identifier).")
BY_SESSION_FORUM = Filter("forum", "session__forum__slug", "string", "Mesa (identificador).", "Forum (identifier).")
BY_SESSION = Filter("session", "session_id", "integer", "Sesión (id).", "Session (id).")


def _time(value: datetime.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _session_url(row: Any) -> str:
    return f"/mesa/sesiones/{row.session_id}/"


def _term_on(seat: Seat | None, day: datetime.date) -> SeatTerm | None:
    """The seat's term in force on ``day``, as the session page finds it (the first, by start)."""
    if seat is None:
        return None
    for term in seat.terms.all():
        if (term.start is None or term.start <= day) and (term.end is None or term.end >= day):
            return term
    return None


def _attendee(row: Attendance) -> str | None:
    """Who attended, as the session page names them: the name recorded, else the holder or the alternate."""
    if row.name:
        return public_name(row.name)
    term = _term_on(row.seat, row.session.date)
    if term is None:
        return None
    if row.attended_by == Attendance.AttendedBy.ALTERNATE:
        return public_name(term.alternate_label)
    if row.attended_by == Attendance.AttendedBy.HOLDER:
        return public_name(term.holder_label)
    return None


def _minutes_points(row: Minutes) -> list[str]:
    """The numbered points as published: the frozen text of approved minutes, else the points recorded."""
    points = row.content.get("points") if row.content else None
    if points is None:
        points = [{"number": p.number, "text": p.text} for p in row.points.all()]
    return [f"{p['number']}. {p['text']}" for p in points]


def _minutes_next_meeting(row: Minutes) -> str | None:
    if row.content and "next_meeting" in row.content:
        return row.content["next_meeting"]
    return row.next_meeting


def _terms() -> Any:
    return SeatTerm.objects.select_related("holder_user", "alternate_user", "holder_institution").order_by(
        "start", "id"
    )


def resources() -> list[Resource]:
    return [
        Resource(
            name="forums",
            es="Mesas (foros multiactor)",
            en="Forums (multi-stakeholder forums)",
            model=Forum,
            queryset=lambda: Forum.objects.select_related("government").order_by("pk"),
            columns=(
                ID,
                Column("slug", "string", "Identificador legible.", "Readable identifier.", nullable=False),
                Column("name", "string", "Nombre.", "Name.", nullable=False),
                Column("government", "string", "Código del gobierno.", "Government code.", "government.code"),
                Column("legal_basis", "string", "Base legal.", "Legal basis."),
                Column("established_on", "date", "Creada el.", "Established on."),
                Column("ended_on", "date", "Vigente hasta.", "In force until."),
                Column("is_current", "boolean", "Es la Mesa vigente.", "Is the current forum.", nullable=False),
                Column("description", "string", "Descripción.", "Description."),
                Column(
                    "protocol_text",
                    "string",
                    "Protocolo de funcionamiento.",
                    "Operating protocol.",
                ),
                Column("protocol_url", "string", "Enlace al protocolo.", "Link to the protocol."),
                Column(
                    "quorum_rule",
                    "string",
                    "Regla de quórum.",
                    "Quorum rule.",
                    enum=_choices(QuorumRule),
                ),
                Column("quorum_fixed", "integer", "Quórum fijo (asientos).", "Fixed quorum (seats)."),
                Column(
                    "default_majority",
                    "string",
                    "Mayoría ordinaria.",
                    "Ordinary majority.",
                    enum=_choices(Majority),
                ),
                Column(
                    "majority_base",
                    "string",
                    "Base de la mayoría.",
                    "Base of the majority.",
                    enum=_choices(MajorityBase),
                ),
                Column(
                    "ordinary_every_months",
                    "integer",
                    "Sesiones ordinarias cada (meses).",
                    "Ordinary sessions every (months).",
                ),
                Column(
                    "asap_horizon_days",
                    "integer",
                    "Plazo, en días desde la sesión, de un acuerdo «a la brevedad».",
                    "Deadline, in days from the session, of an agreement due «as soon as possible».",
                ),
                Column("source", "string", "Fuente de los datos.", "Source of the data."),
            ),
            filters=(Filter("is_current", "is_current", "boolean", "Es la Mesa vigente.", "Is the current forum."),),
        ),
        Resource(
            name="forum-seats",
            es="Asientos de la Mesa",
            en="Forum seats",
            model=Seat,
            queryset=lambda: Seat.objects.select_related("forum", "institution").order_by("pk"),
            columns=(
                ID,
                FORUM,
                Column("name", "string", "Asiento.", "Seat.", nullable=False),
                Column("sector", "string", "Sector.", "Sector.", enum=_choices(Sector), nullable=False),
                Column(
                    "right",
                    "string",
                    "Derecho: voz y voto, solo voz u observador.",
                    "Right: voice and vote, voice only or observer.",
                    enum=_choices(Right),
                    nullable=False,
                ),
                Column(
                    "institution",
                    "string",
                    "Institución representada (identificador).",
                    "Institution represented (identifier).",
                    "institution.slug",
                ),
                Column("is_chair", "boolean", "Preside la Mesa.", "Chairs the forum.", nullable=False),
                Column("order", "integer", "Orden.", "Order.", nullable=False),
                Column("note", "string", "Nota.", "Note."),
            ),
            filters=(
                BY_FORUM,
                Filter("right", "right", "string", "Derecho.", "Right."),
                Filter("sector", "sector", "string", "Sector.", "Sector."),
            ),
        ),
        Resource(
            name="forum-seat-terms",
            es="Períodos en los asientos de la Mesa",
            en="Terms in the forum's seats",
            model=SeatTerm,
            queryset=lambda: _terms().select_related("seat__forum").order_by("pk"),
            columns=(
                ID,
                Column("seat", "integer", "Asiento (id).", "Seat (id).", "seat_id", nullable=False),
                Column(
                    "forum", "string", "Mesa (identificador).", "Forum (identifier).", "seat.forum.slug", nullable=False
                ),
                Column(
                    "holder",
                    "string",
                    "Titular, como lo muestran las páginas de la Mesa.",
                    "Holder, as the forum's pages show them.",
                    lambda row: public_name(row.holder_label),
                ),
                Column(
                    "holder_institution",
                    "string",
                    "Institución titular (identificador).",
                    "Holding institution (identifier).",
                    "holder_institution.slug",
                ),
                Column(
                    "alternate",
                    "string",
                    "Suplente, como lo muestran las páginas de la Mesa.",
                    "Alternate, as the forum's pages show them.",
                    lambda row: public_name(row.alternate_label),
                ),
                Column("start", "date", "Desde (nulo: las fuentes no lo registran).", "From (null: not recorded)."),
                Column(
                    "end", "date", "Hasta (nulo: vigente o no registrado).", "Until (null: current or not recorded)."
                ),
                Column("note", "string", "Nota o fuente.", "Note or source."),
            ),
            filters=(
                Filter("seat", "seat_id", "integer", "Asiento (id).", "Seat (id)."),
                Filter("forum", "seat__forum__slug", "string", "Mesa (identificador).", "Forum (identifier)."),
            ),
        ),
        Resource(
            name="forum-sessions",
            es="Sesiones de la Mesa",
            en="Forum sessions",
            model=Session,
            queryset=lambda: Session.objects.select_related("forum").order_by("pk"),
            columns=(
                ID,
                FORUM,
                Column("title", "string", "Título.", "Title."),
                Column(
                    "kind",
                    "string",
                    "Ordinaria o extraordinaria.",
                    "Ordinary or extraordinary.",
                    enum=_choices(Session.Kind),
                ),
                Column("date", "date", "Fecha.", "Date.", nullable=False),
                Column(
                    "start_time",
                    "string",
                    "Hora de inicio (HH:MM, hora de Chile).",
                    "Start time (HH:MM, Chile).",
                    lambda row: _time(row.start_time),
                ),
                Column(
                    "end_time",
                    "string",
                    "Hora de término (HH:MM, hora de Chile).",
                    "End time (HH:MM, Chile).",
                    lambda row: _time(row.end_time),
                ),
                Column("place", "string", "Lugar.", "Place."),
                Column("online_url", "string", "Enlace para conectarse.", "Link to join online."),
                Column(
                    "status",
                    "string",
                    "Convocada, en curso o cerrada.",
                    "Convened, in progress or closed.",
                    enum=_choices(Session.Status),
                    nullable=False,
                ),
                Column("convened_at", "datetime", "Convocada el.", "Convened on."),
                Column("source", "string", "Fuente de los datos.", "Source of the data."),
            ),
            filters=(
                BY_FORUM,
                Filter("status", "status", "string", "Estado.", "Status."),
                Filter("kind", "kind", "string", "Tipo de sesión.", "Session kind."),
                Filter("date_from", "date__gte", "date", "Desde la fecha (ISO 8601).", "From the date (ISO 8601)."),
                Filter("date_to", "date__lte", "date", "Hasta la fecha (ISO 8601).", "Until the date (ISO 8601)."),
            ),
            html_url=lambda row: row.get_absolute_url(),
        ),
        Resource(
            name="forum-agenda-items",
            es="Puntos de tabla de las sesiones",
            en="Session agenda items",
            model=AgendaItem,
            queryset=lambda: AgendaItem.objects.order_by("pk"),
            columns=(
                ID,
                SESSION,
                Column("parent", "integer", "Punto del que es parte (id).", "Item it belongs to (id).", "parent_id"),
                Column("number", "string", "Número.", "Number.", nullable=False),
                Column("title", "string", "Punto de tabla.", "Agenda item.", nullable=False),
                Column("order", "integer", "Orden.", "Order.", nullable=False),
            ),
            filters=(BY_SESSION, BY_SESSION_FORUM),
            html_url=_session_url,
        ),
        Resource(
            name="forum-documents",
            es="Documentos de los puntos de tabla",
            en="Agenda documents",
            model=AgendaDocument,
            queryset=lambda: AgendaDocument.objects.select_related("item").order_by("pk"),
            columns=(
                ID,
                Column(
                    "agenda_item", "integer", "Punto de tabla (id).", "Agenda item (id).", "item_id", nullable=False
                ),
                Column("session", "integer", "Sesión (id).", "Session (id).", "item.session_id", nullable=False),
                Column("title", "string", "Título.", "Title.", nullable=False),
                Column("url", "string", "Enlace o archivo.", "Link or file.", lambda row: row.href or None),
            ),
            filters=(
                Filter("agenda_item", "item_id", "integer", "Punto de tabla (id).", "Agenda item (id)."),
                Filter("session", "item__session_id", "integer", "Sesión (id).", "Session (id)."),
            ),
        ),
        Resource(
            name="forum-attendance",
            es="Asistencia a las sesiones",
            en="Session attendance",
            model=Attendance,
            queryset=lambda: (
                Attendance.objects.select_related("session", "seat")
                .prefetch_related(Prefetch("seat__terms", queryset=_terms()))
                .order_by("pk")
            ),
            columns=(
                ID,
                SESSION,
                SEAT,
                Column("seat_name", "string", "Asiento.", "Seat.", "seat.name"),
                Column(
                    "group",
                    "string",
                    "Integrantes de la Mesa u otros asistentes.",
                    "Forum members or other attendees.",
                    enum=_choices(Attendance.Group),
                    nullable=False,
                ),
                Column(
                    "status",
                    "string",
                    "Asistencia: en sala, en línea, presente, excusado o ausente.",
                    "Attendance: in the room, online, present, excused or absent.",
                    enum=_choices(Attendance.Status),
                    nullable=False,
                ),
                Column(
                    "attended_by",
                    "string",
                    "Asistió el titular o el suplente.",
                    "Attended by the holder or the alternate.",
                    enum=_choices(Attendance.AttendedBy),
                ),
                Column(
                    "attendee",
                    "string",
                    "Quién asistió, como lo muestra la página de la sesión.",
                    "Who attended, as the session's page shows it.",
                    _attendee,
                ),
                Column("description", "string", "Cargo o representación.", "Position or representation."),
            ),
            filters=(
                BY_SESSION,
                BY_SESSION_FORUM,
                Filter("seat", "seat_id", "integer", "Asiento (id).", "Seat (id)."),
                Filter("status", "status", "string", "Asistencia.", "Attendance."),
            ),
            html_url=_session_url,
        ),
        Resource(
            name="forum-motions",
            es="Votaciones cerradas de la Mesa",
            en="Closed forum votes",
            model=Motion,
            queryset=lambda: (
                Motion.objects.filter(status=Motion.Status.CLOSED).select_related("session__forum").order_by("pk")
            ),
            columns=(
                ID,
                SESSION,
                Column(
                    "forum",
                    "string",
                    "Mesa (identificador).",
                    "Forum (identifier).",
                    "session.forum.slug",
                    nullable=False,
                ),
                Column("agenda_item", "integer", "Punto de tabla (id).", "Agenda item (id).", "agenda_item_id"),
                Column(
                    "minutes",
                    "integer",
                    "Acta cuya aprobación se votó (id).",
                    "Minutes whose approval was voted on (id).",
                    "minutes_id",
                ),
                Column("title", "string", "Moción.", "Motion.", nullable=False),
                Column("text", "string", "Texto.", "Text."),
                Column(
                    "majority",
                    "string",
                    "Mayoría requerida.",
                    "Majority required.",
                    enum=_choices(Majority),
                    nullable=False,
                ),
                Column(
                    "base",
                    "string",
                    "Base de la mayoría.",
                    "Base of the majority.",
                    enum=_choices(MajorityBase),
                    nullable=False,
                ),
                Column("closed_at", "datetime", "Cerrada el.", "Closed on."),
                Column(
                    "outcome",
                    "string",
                    "Resultado: aprobada, rechazada o sin quórum.",
                    "Outcome: approved, rejected or no quorum.",
                    enum=_choices(Motion.Outcome),
                    nullable=False,
                ),
                Column(
                    "quorum_rule",
                    "string",
                    "Regla de quórum aplicada.",
                    "Quorum rule applied.",
                    enum=_choices(QuorumRule),
                ),
                Column("quorum_required", "integer", "Quórum requerido (asientos).", "Quorum required (seats)."),
                Column("total_voting", "integer", "Asientos con voto.", "Seats with a vote."),
                Column("present_voting", "integer", "Asientos con voto presentes.", "Seats with a vote present."),
                Column("yes_count", "integer", "Votos a favor.", "Votes in favour."),
                Column("no_count", "integer", "Votos en contra.", "Votes against."),
                Column("abstain_count", "integer", "Abstenciones.", "Abstentions."),
                Column("base_count", "integer", "Base de la mayoría (votos).", "Base of the majority (votes)."),
                Column("yes_needed", "integer", "Votos a favor necesarios.", "Votes in favour needed."),
            ),
            filters=(
                BY_SESSION,
                BY_SESSION_FORUM,
                Filter("outcome", "outcome", "string", "Resultado.", "Outcome."),
            ),
            html_url=_session_url,
        ),
        Resource(
            name="forum-votes",
            es="Votos nominales de las votaciones cerradas",
            en="Named ballots of closed votes",
            model=Vote,
            queryset=lambda: (
                Vote.objects.filter(motion__status=Motion.Status.CLOSED).select_related("motion", "seat").order_by("pk")
            ),
            columns=(
                ID,
                Column("motion", "integer", "Votación (id).", "Vote (id).", "motion_id", nullable=False),
                Column("session", "integer", "Sesión (id).", "Session (id).", "motion.session_id", nullable=False),
                Column("seat", "integer", "Asiento (id).", "Seat (id).", "seat_id", nullable=False),
                Column("seat_name", "string", "Asiento.", "Seat.", "seat.name", nullable=False),
                Column(
                    "choice",
                    "string",
                    "Voto: a favor, en contra o abstención.",
                    "Vote: in favour, against or abstention.",
                    enum=_choices(Vote.Choice),
                    nullable=False,
                ),
                Column(
                    "voter",
                    "string",
                    "Quién votó por el asiento, como lo muestra la página de la sesión.",
                    "Who voted for the seat, as the session's page shows it.",
                    lambda row: public_name(row.voter_label),
                ),
                Column(
                    "recorded_by_secretariat",
                    "boolean",
                    "Registrado por la secretaría en nombre del asiento.",
                    "Recorded by the secretariat on the seat's behalf.",
                    nullable=False,
                ),
            ),
            filters=(
                Filter("motion", "motion_id", "integer", "Votación (id).", "Vote (id)."),
                Filter("session", "motion__session_id", "integer", "Sesión (id).", "Session (id)."),
                Filter("seat", "seat_id", "integer", "Asiento (id).", "Seat (id)."),
                Filter("choice", "choice", "string", "Voto.", "Vote."),
            ),
            html_url=lambda row: f"/mesa/sesiones/{row.motion.session_id}/",
        ),
        Resource(
            name="forum-minutes",
            es="Actas publicadas de la Mesa",
            en="Published forum minutes",
            model=Minutes,
            queryset=lambda: (
                Minutes.objects.filter(status=Minutes.Status.PUBLISHED)
                .select_related("session__forum")
                .prefetch_related("points")
                .order_by("pk")
            ),
            columns=(
                ID,
                SESSION,
                Column(
                    "forum",
                    "string",
                    "Mesa (identificador).",
                    "Forum (identifier).",
                    "session.forum.slug",
                    nullable=False,
                ),
                Column(
                    "version",
                    "integer",
                    "Versión (una corrección es una versión nueva).",
                    "Version (a correction is a new version).",
                    nullable=False,
                ),
                Column(
                    "supersedes", "integer", "Versión que corrige (id).", "Version it corrects (id).", "supersedes_id"
                ),
                Column("correction_note", "string", "Motivo de la corrección.", "Reason for the correction."),
                Column("approved_at", "datetime", "Aprobada el.", "Approved on."),
                Column(
                    "approved_in",
                    "integer",
                    "Aprobada en la sesión (id).",
                    "Approved in the session (id).",
                    "approved_in_id",
                ),
                Column("published_at", "datetime", "Publicada el.", "Published on."),
                Column(
                    "points",
                    "array",
                    "Desarrollo: los puntos numerados, como se aprobaron.",
                    "Discussion: the numbered points, as approved.",
                    _minutes_points,
                ),
                Column("next_meeting", "string", "Próxima reunión.", "Next meeting.", _minutes_next_meeting),
                Column("source", "string", "Fuente.", "Source."),
            ),
            filters=(BY_SESSION, BY_SESSION_FORUM),
            html_url=lambda row: f"/mesa/sesiones/{row.session_id}/acta/",
        ),
        Resource(
            name="forum-agreements",
            es="Acuerdos y compromisos de la Mesa",
            en="Forum agreements",
            model=Agreement,
            queryset=lambda: Agreement.objects.select_related(
                "forum", "session", "responsible_seat", "responsible_institution", "responsible_user"
            ).order_by("pk"),
            columns=(
                ID,
                FORUM,
                Column("session", "integer", "Sesión (id).", "Session (id).", "session_id"),
                Column("order", "integer", "Orden.", "Order.", nullable=False),
                Column("text", "string", "Acuerdo o compromiso.", "Agreement or undertaking.", nullable=False),
                Column(
                    "responsible",
                    "string",
                    "Responsable, como lo dice el acta o la página de la Mesa.",
                    "Responsible, as the minutes or the forum's page say.",
                    lambda row: public_name(row.responsible),
                ),
                Column(
                    "responsible_seat",
                    "integer",
                    "Asiento responsable (id).",
                    "Responsible seat (id).",
                    "responsible_seat_id",
                ),
                Column(
                    "responsible_institution",
                    "string",
                    "Institución responsable (identificador).",
                    "Responsible institution (identifier).",
                    "responsible_institution.slug",
                ),
                Column("due_date", "date", "Plazo.", "Due date."),
                Column("asap", "boolean", "A la brevedad.", "As soon as possible.", nullable=False),
                Column(
                    "effective_due",
                    "date",
                    "Vencimiento: el plazo o, «a la brevedad», la sesión más el plazo del protocolo.",
                    "Due: the date or, «as soon as possible», the session plus the protocol's horizon.",
                    lambda row: row.effective_due(),
                ),
                Column(
                    "status",
                    "string",
                    "Pendiente, en curso, cumplido o cancelado.",
                    "Pending, in progress, done or cancelled.",
                    enum=_choices(Agreement.Status),
                    nullable=False,
                ),
                Column(
                    "overdue",
                    "boolean",
                    "Vencido hoy: abierto y con el vencimiento pasado.",
                    "Overdue today: open and past its due date.",
                    lambda row: row.is_overdue(),
                    nullable=False,
                ),
            ),
            filters=(
                BY_FORUM,
                Filter("session", "session_id", "integer", "Sesión (id).", "Session (id)."),
                Filter("status", "status", "string", "Estado.", "Status."),
            ),
        ),
        Resource(
            name="forum-agreement-notes",
            es="Seguimiento de los acuerdos de la Mesa",
            en="Follow-up of the forum's agreements",
            model=AgreementNote,
            queryset=lambda: AgreementNote.objects.order_by("pk"),
            columns=(
                ID,
                Column("agreement", "integer", "Acuerdo (id).", "Agreement (id).", "agreement_id", nullable=False),
                Column("date", "date", "Fecha.", "Date.", nullable=False),
                Column("text", "string", "Seguimiento.", "Follow-up.", nullable=False),
            ),
            filters=(
                Filter("agreement", "agreement_id", "integer", "Acuerdo (id).", "Agreement (id)."),
                Filter("forum", "agreement__forum__slug", "string", "Mesa (identificador).", "Forum (identifier)."),
            ),
        ),
    ]
