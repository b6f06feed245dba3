"""Reads of the forum pages, each in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from abierto.forum import protocol
from abierto.forum.models import (
    AgendaItem,
    Agreement,
    Attendance,
    Forum,
    Minutes,
    Motion,
    Right,
    Seat,
    SeatTerm,
    Session,
    Vote,
)


def current_forum() -> Forum | None:
    return Forum.objects.current()


# ------------------------------------------------------------------ quorum


@dataclass
class Quorum:
    total_voting: int
    present_voting: int
    required: int | None  # None when the protocol has no quorum rule recorded
    met: bool | None


def quorum_for(forum: Forum, seats: list[Seat], present_seat_ids: set[int]) -> Quorum:
    voting = [s for s in seats if s.right == Right.VOICE_VOTE]
    present = sum(1 for s in voting if s.pk in present_seat_ids)
    if not forum.quorum_rule:
        return Quorum(len(voting), present, None, None)
    required = protocol.quorum_required(forum.quorum_rule, len(voting), forum.quorum_fixed)
    return Quorum(
        len(voting), present, required, protocol.has_quorum(forum.quorum_rule, len(voting), present, forum.quorum_fixed)
    )


# ------------------------------------------------------------------ the forum page


@dataclass
class SeatRow:
    seat: Seat
    term: SeatTerm | None


@dataclass
class AgreementRow:
    agreement: Agreement
    due: datetime.date | None
    overdue: bool


def seat_rows(forum: Forum, day: datetime.date) -> list[SeatRow]:
    terms = SeatTerm.objects.on(day).select_related("holder_user", "alternate_user", "holder_institution")
    seats = forum.seats.select_related("institution").prefetch_related(Prefetch("terms", queryset=terms))
    return [SeatRow(seat, next(iter(seat.terms.all()), None)) for seat in seats]


def agreement_rows(queryset, today: datetime.date) -> list[AgreementRow]:
    rows = []
    for agreement in queryset.select_related(
        "forum", "session", "responsible_seat", "responsible_institution", "responsible_user"
    ).prefetch_related("notes"):
        rows.append(AgreementRow(agreement, agreement.effective_due(), agreement.is_overdue(today)))
    return rows


@dataclass
class ForumPage:
    forum: Forum
    seats_by_right: list[tuple[str, list[SeatRow]]]
    next_session: Session | None
    recent_sessions: list[Session]
    agreements: list[AgreementRow]
    overdue_count: int
    other_forums: list[Forum]
    open_motions: list[Motion]


def forum_page(forum: Forum, today: datetime.date | None = None) -> ForumPage:
    today = today or timezone.localdate()
    rows = seat_rows(forum, today)
    groups = [(label, [r for r in rows if r.seat.right == value]) for value, label in Right.choices]
    sessions = Session.objects.filter(forum=forum)
    next_session = (
        sessions.filter(date__gte=today).exclude(status=Session.Status.CLOSED).order_by("date", "start_time").first()
    )
    recent = list(sessions.filter(date__lte=today).order_by("-date", "-start_time")[:10])
    agreements = agreement_rows(Agreement.objects.filter(forum=forum).order_by("-session__date", "order", "id"), today)
    return ForumPage(
        forum=forum,
        seats_by_right=[(label, group) for label, group in groups if group],
        next_session=next_session,
        recent_sessions=recent,
        agreements=agreements,
        overdue_count=sum(1 for row in agreements if row.overdue),
        other_forums=list(Forum.objects.exclude(pk=forum.pk)),
        open_motions=list(
            Motion.objects.filter(session__forum=forum, status=Motion.Status.OPEN).select_related("session")
        ),
    )


def seat_history() -> list[tuple[Forum, list[Seat]]]:
    terms = SeatTerm.objects.select_related("holder_user", "alternate_user", "holder_institution").order_by(
        "start", "id"
    )
    seats = Seat.objects.select_related("institution").prefetch_related(Prefetch("terms", queryset=terms))
    forums = Forum.objects.prefetch_related(Prefetch("seats", queryset=seats))
    return [(forum, list(forum.seats.all())) for forum in forums]


# ------------------------------------------------------------------ a session


@dataclass
class AttendanceRow:
    seat: Seat
    term: SeatTerm | None
    attendance: Attendance | None

    @property
    def present(self) -> bool:
        return self.attendance is not None and self.attendance.is_present


@dataclass
class MotionView:
    motion: Motion
    votes: list[Vote]
    entitlements: list[Any]


@dataclass
class SessionPage:
    session: Session
    agenda: list[AgendaItem]
    seat_attendance: list[AttendanceRow]
    members_without_seat: list[Attendance]
    others: list[Attendance]
    quorum: Quorum
    motions: list[MotionView]
    minutes: Minutes | None  # the latest published version
    minutes_versions: list[Minutes]
    agreements: list[AgreementRow] = field(default_factory=list)


def session_page(session: Session, *, include_open: bool = False) -> SessionPage:
    forum = session.forum
    agenda = list(
        session.agenda.filter(parent__isnull=True).prefetch_related(
            "documents", Prefetch("children", queryset=AgendaItem.objects.prefetch_related("documents"))
        )
    )
    attendance = list(session.attendance.all())
    by_seat = {a.seat_id: a for a in attendance if a.seat_id}
    rows = [AttendanceRow(r.seat, r.term, by_seat.get(r.seat.pk)) for r in seat_rows(forum, session.date)]
    quorum = quorum_for(forum, [r.seat for r in rows], {a.seat_id for a in attendance if a.seat_id and a.is_present})
    motions_qs = session.motions.select_related("agenda_item", "minutes").prefetch_related(
        Prefetch("votes", queryset=Vote.objects.select_related("seat")), "entitlements"
    )
    if not include_open:
        motions_qs = motions_qs.filter(status=Motion.Status.CLOSED)
    motions = [MotionView(m, list(m.votes.all()), list(m.entitlements.all())) for m in motions_qs]
    versions = list(session.minutes.order_by("-version"))
    published = next((m for m in versions if m.status == Minutes.Status.PUBLISHED), None)
    return SessionPage(
        session=session,
        agenda=agenda,
        seat_attendance=rows,
        members_without_seat=[a for a in attendance if not a.seat_id and a.group == Attendance.Group.MEMBER],
        others=[a for a in attendance if a.group == Attendance.Group.OTHER],
        quorum=quorum,
        motions=motions,
        minutes=published,
        minutes_versions=versions,
        agreements=agreement_rows(session.agreements.order_by("order", "id"), timezone.localdate()),
    )


# ------------------------------------------------------------------ minutes


def motion_sentence(motion: Motion) -> str:
    """One sentence on a closed vote, for the draft minutes."""
    return _(
        "Se votó «%(title)s»: %(yes)s a favor, %(no)s en contra, %(abstain)s abstenciones. Resultado: %(outcome)s."
    ) % {
        "title": motion.title,
        "yes": motion.yes_count or 0,
        "no": motion.no_count or 0,
        "abstain": motion.abstain_count or 0,
        "outcome": motion.get_outcome_display().lower(),
    }


def _time(value: datetime.time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def minutes_content(minutes: Minutes) -> dict[str, Any]:
    """What the minutes say, as plain data (frozen in ``Minutes.content`` when approved)."""
    session = minutes.session
    page = session_page(session)
    members = []
    for row in page.seat_attendance:
        if row.present:
            name = ""
            if row.term is not None:
                by_alternate = row.attendance.attended_by == Attendance.AttendedBy.ALTERNATE
                name = (row.term.alternate_label if by_alternate else row.term.holder_label) or row.term.holder_label
            members.append(
                {
                    "order": row.attendance.order,
                    "name": row.attendance.name or name,
                    "description": row.attendance.description or str(row.seat),
                    "status": row.attendance.get_status_display(),
                    "by_alternate": row.attendance.attended_by == Attendance.AttendedBy.ALTERNATE,
                }
            )
    members += [
        {
            "order": a.order,
            "name": a.name,
            "description": a.description,
            "status": a.get_status_display(),
            "by_alternate": False,
        }
        for a in page.members_without_seat
        if a.is_present
    ]
    members.sort(key=lambda m: m["order"])  # stable: seats keep their order among equals
    absent = [
        {"seat": str(row.seat), "status": row.attendance.get_status_display()}
        for row in page.seat_attendance
        if row.attendance is not None and not row.present
    ]
    others = [{"name": a.name, "description": a.description} for a in page.others]
    agenda = [
        {
            "number": item.number,
            "title": item.title,
            "children": [{"number": c.number, "title": c.title} for c in item.children.all()],
        }
        for item in page.agenda
    ]
    votes = [
        {
            "title": view.motion.title,
            "outcome": view.motion.get_outcome_display(),
            "yes": view.motion.yes_count,
            "no": view.motion.no_count,
            "abstain": view.motion.abstain_count,
            "named": [
                {"seat": str(v.seat), "voter": v.voter_label, "choice": v.get_choice_display()} for v in view.votes
            ],
        }
        for view in page.motions
    ]
    agreements = [
        {
            "text": row.agreement.text,
            "responsible": row.agreement.responsible,
            "due": _("A la brevedad") if row.agreement.asap else row.agreement.due_date.strftime("%d-%m-%Y"),
        }
        for row in page.agreements
    ]
    return {
        "title": str(session.title or session.forum.name),
        "background": {
            "date": session.date.strftime("%d-%m-%Y"),
            "place": session.place,
            "online_url": session.online_url,
            "start": _time(session.start_time),
            "end": _time(session.end_time),
        },
        "members": members,
        "absent": absent,
        "others": others,
        "agenda": agenda,
        "points": [{"number": p.number, "text": p.text} for p in minutes.points.all()],
        "votes": votes,
        "agreements": agreements,
        "next_meeting": minutes.next_meeting,
    }


def minutes_view(minutes: Minutes) -> dict[str, Any]:
    """The frozen content of approved minutes, or the live draft."""
    return minutes.content if minutes.is_frozen and minutes.content else minutes_content(minutes)


def published_minutes(session: Session) -> Minutes | None:
    return session.minutes.filter(status=Minutes.Status.PUBLISHED).order_by("-version").first()
