"""Every write of the forum, one function per verb.

Each takes the acting person as ``actor=`` (``None`` only for system processes such as the Chile
loader), checks the permission in ``abierto.forum.rules``, validates, saves in one transaction and
records an audit event. Minutes move draft → circulated → approved (by a vote at a later session) →
published; approved minutes are frozen: nothing edits them, a correction is a new version.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from abierto.audit import services as audit
from abierto.core import ics
from abierto.forum import protocol, selectors
from abierto.forum.models import (
    AgendaDocument,
    AgendaItem,
    Agreement,
    AgreementNote,
    Attendance,
    Forum,
    Minutes,
    MinutesComment,
    MinutesPoint,
    Motion,
    Right,
    Seat,
    SeatTerm,
    Session,
    Vote,
    VoteEntitlement,
)
from abierto.notifications.services import notify

SYSTEM_LABEL = "Sistema"


def _require(perm: str, actor: Any, obj: Any = None, message: str = "") -> None:
    if actor is None:  # a system process (the loader, a management command)
        return
    if not rules.has_perm(perm, actor, obj):
        raise PermissionDenied(message or _("No tiene permiso para hacer esto en la Mesa."))


def _plain(changes: dict[str, Any]) -> dict[str, Any]:
    """Audit changes as JSON (the audit snapshot leaves times of day as they are)."""

    def value(v: Any) -> Any:
        return v.isoformat() if isinstance(v, datetime.time) else v

    return {key: [value(old), value(new)] for key, (old, new) in changes.items()}


def save(instance: models.Model, *, actor: Any, actor_label: str | None = None) -> models.Model:
    """Validate, save and record any forum row (used for forums, seats, terms and by the loader)."""
    _require("forum.manage", actor)
    is_new = instance.pk is None
    before = {} if is_new else audit.snapshot(type(instance).objects.get(pk=instance.pk))
    instance.full_clean()
    instance.save()
    changes = audit.diff(before, audit.snapshot(instance))
    if is_new or changes:
        audit.record(
            actor=actor,
            action="create" if is_new else "update",
            instance=instance,
            changes=_plain(changes),
            actor_label=actor_label,
        )
    return instance


def _record(actor: Any, instance: models.Model, action: str, changes: dict[str, Any]) -> None:
    audit.record(actor=actor, action=action, instance=instance, changes=_plain(changes))


# ------------------------------------------------------------------ sessions


@dataclass
class AgendaLine:
    title: str
    children: list[str]


def parse_agenda(text: str) -> list[AgendaLine]:
    """Agenda items typed one per line; a line starting with "-" (or indented) is a sub-item of the one above."""
    items: list[AgendaLine] = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        is_child = raw[:1] in (" ", "\t") or raw.strip().startswith("-")
        title = raw.strip().lstrip("-").strip()
        if is_child and items:
            items[-1].children.append(title)
        else:
            items.append(AgendaLine(title=title, children=[]))
    return items


@transaction.atomic
def convene_session(
    *,
    actor: Any,
    forum: Forum,
    date: datetime.date,
    agenda: Iterable[AgendaLine],
    kind: str = Session.Kind.ORDINARY,
    start_time: datetime.time | None = None,
    end_time: datetime.time | None = None,
    place: str = "",
    online_url: str = "",
    title: str = "",
    send: bool = True,
) -> Session:
    """Create a session with its agenda and email the call, with an .ics invitation, to every seat."""
    _require("forum.manage", actor)
    if not place and not online_url:
        raise ValidationError({"place": _("Indique el lugar, el enlace para conectarse o ambos.")})
    session = Session(
        forum=forum,
        title=title,
        kind=kind,
        date=date,
        start_time=start_time,
        end_time=end_time,
        place=place,
        online_url=online_url,
        status=Session.Status.CONVENED,
        convened_at=timezone.now(),
        convened_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    session.full_clean()
    session.save()
    _record(actor, session, "create", audit.diff({}, audit.snapshot(session)))
    for position, line in enumerate(agenda, start=1):
        parent = AgendaItem.objects.create(
            session=session, number=str(position), title=line.title, order=position * 100
        )
        for sub, child in enumerate(line.children, start=1):
            AgendaItem.objects.create(
                session=session, parent=parent, number=f"{position}.{sub}", title=child, order=position * 100 + sub
            )
    if send:
        transaction.on_commit(lambda: send_invitations(session.pk))
    return session


def invitation_recipients(session: Session) -> list[str]:
    """Emails of every holder and alternate of the forum's seats on the session's date."""
    terms = (
        SeatTerm.objects.on(session.date)
        .filter(seat__forum=session.forum)
        .select_related("holder_user", "alternate_user")
    )
    emails: list[str] = []
    for term in terms:
        for user, email in ((term.holder_user, term.holder_email), (term.alternate_user, term.alternate_email)):
            address = (user.email if user is not None and user.email else "") or email
            if address and address not in emails:
                emails.append(address)
    return emails


def session_event(session: Session) -> ics.Event:
    description = "\n".join(str(item) for item in session.agenda.all())
    location = ", ".join(part for part in (session.place, session.online_url) if part)
    return ics.Event(
        uid=f"mesa-sesion-{session.pk}@{settings.ABIERTO_SITE_URL.split('://')[-1].strip('/')}",
        summary=f"{session.forum.name}: {session}",
        start=session.starts(),
        end=session.ends(),
        description=description,
        location=location,
        url=settings.ABIERTO_SITE_URL + session.get_absolute_url(),
        sequence=session.sequence,
    )


def send_invitations(session_id: int) -> int:
    """Email the call with the .ics invitation attached. Returns how many people it went to."""
    session = Session.objects.select_related("forum").get(pk=session_id)
    recipients = invitation_recipients(session)
    if not recipients:
        return 0
    agenda = "\n".join(f"  {item}" for item in session.agenda.all())
    when = session.date.strftime("%d-%m-%Y")
    if session.start_time:
        when += " " + session.start_time.strftime("%H:%M")
    body = _(
        "Se convoca a sesión %(kind)s de la %(forum)s.\n\nFecha: %(when)s\nLugar: %(place)s\nEnlace: %(link)s\n\n"
        "Tabla:\n%(agenda)s\n\nDetalle: %(url)s\n"
    ) % {
        "kind": (session.get_kind_display() or "").lower(),
        "forum": session.forum.name,
        "when": when,
        "place": session.place or "—",
        "link": session.online_url or "—",
        "agenda": agenda,
        "url": settings.ABIERTO_SITE_URL + session.get_absolute_url(),
    }
    message = EmailMessage(
        subject=f"[{settings.ABIERTO_SITE_NAME}] " + _("Convocatoria: %(session)s") % {"session": session},
        body=body,
        to=[settings.DEFAULT_FROM_EMAIL],
        bcc=recipients,
    )
    calendar = ics.calendar([session_event(session)], name=session.forum.name, method="PUBLISH")
    message.attach(f"sesion-{session.pk}.ics", calendar, "text/calendar; charset=utf-8")
    message.send()
    return len(recipients)


@transaction.atomic
def add_document(*, actor: Any, item: AgendaItem, title: str, url: str = "", file: Any = None) -> AgendaDocument:
    _require("forum.manage", actor)
    document = AgendaDocument(item=item, title=title, url=url or "")
    if file:
        document.file = file
    document.full_clean()
    document.save()
    _record(actor, document, "create", {"title": [None, title]})
    return document


SESSION_FLOW = {
    Session.Status.CONVENED: Session.Status.IN_PROGRESS,
    Session.Status.IN_PROGRESS: Session.Status.CLOSED,
}


@transaction.atomic
def advance_session(*, actor: Any, session: Session) -> Session:
    """Convened → in progress → closed."""
    _require("forum.manage", actor)
    new = SESSION_FLOW.get(session.status)
    if new is None:
        raise ValidationError(_("La sesión ya está cerrada."))
    if new == Session.Status.CLOSED and session.motions.filter(status=Motion.Status.OPEN).exists():
        raise ValidationError(_("Cierre las votaciones abiertas antes de cerrar la sesión."))
    old, session.status = session.status, new
    session.save(update_fields=["status"])
    _record(actor, session, "update", {"status": [old, new]})
    return session


@transaction.atomic
def record_attendance(*, actor: Any, session: Session, seat: Seat, status: str, attended_by: str = "") -> Attendance:
    _require("forum.manage", actor)
    if seat.forum_id != session.forum_id:
        raise ValidationError(_("Ese asiento no pertenece a la Mesa de esta sesión."))
    if session.status == Session.Status.CLOSED:
        raise ValidationError(_("La sesión está cerrada: su asistencia ya no cambia."))
    row = Attendance.objects.filter(session=session, seat=seat).first() or Attendance(session=session, seat=seat)
    before = audit.snapshot(row) if row.pk else {}
    row.status = status
    row.attended_by = attended_by if status in Attendance.PRESENT_STATUSES else ""
    row.group = Attendance.Group.MEMBER
    row.full_clean()
    row.save()
    changes = audit.diff(before, audit.snapshot(row))
    if changes:
        _record(actor, row, "update" if before else "create", changes)
    return row


# ------------------------------------------------------------------ votes


@transaction.atomic
def open_motion(
    *,
    actor: Any,
    session: Session,
    title: str,
    text: str = "",
    agenda_item: AgendaItem | None = None,
    majority: str = "",
    base: str = "",
    minutes: Minutes | None = None,
) -> Motion:
    _require("forum.run_motion", actor, session, _("Solo la presidencia o la secretaría abren una votación."))
    forum = session.forum
    if not forum.voting_rules_set:
        raise ValidationError(
            _(
                "El protocolo de la Mesa no tiene registradas sus reglas de quórum y mayoría: "
                "regístrelas antes de votar."
            )
        )
    if session.status != Session.Status.IN_PROGRESS:
        raise ValidationError(_("Solo se vota en una sesión en curso."))
    if agenda_item is not None and agenda_item.session_id != session.pk:
        raise ValidationError(_("El punto de tabla no es de esta sesión."))
    if minutes is not None:
        if minutes.status != Minutes.Status.CIRCULATED:
            raise ValidationError(_("Solo se vota la aprobación de un acta enviada a revisión de la Mesa."))
        if minutes.session.date >= session.date or minutes.session.forum_id != forum.pk:
            raise ValidationError(_("Un acta se aprueba en una sesión posterior de la misma Mesa."))
    motion = Motion(
        session=session,
        agenda_item=agenda_item,
        minutes=minutes,
        title=title,
        text=text,
        majority=majority or forum.default_majority,
        base=base or forum.majority_base,
        status=Motion.Status.OPEN,
        opened_at=timezone.now(),
        opened_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    motion.full_clean()
    motion.save()
    _record(actor, motion, "create", {"status": [None, "open"], "title": [None, title]})
    return motion


def _voter_label(seat: Seat, session: Session) -> str:
    attendance = Attendance.objects.filter(session=session, seat=seat).first()
    term = SeatTerm.objects.on(session.date).filter(seat=seat).first()
    if term is None:
        return ""
    if attendance is not None and attendance.attended_by == Attendance.AttendedBy.ALTERNATE:
        return term.alternate_label or term.holder_label
    return term.holder_label


@transaction.atomic
def cast_vote(*, actor: Any, motion: Motion, seat: Seat, choice: str) -> Vote:
    """A seat's vote: by its holder or alternate, or recorded by the secretariat on its behalf."""
    _locked(motion)
    if seat.forum_id != motion.session.forum_id:
        raise ValidationError(_("Ese asiento no pertenece a esta Mesa."))
    if seat.right != Right.VOICE_VOTE:
        raise ValidationError(
            _("El asiento «%(seat)s» tiene %(right)s: no vota.")
            % {"seat": seat, "right": seat.get_right_display().lower()}
        )
    if motion.status != Motion.Status.OPEN:
        raise ValidationError(_("La votación está cerrada."))
    if choice not in Vote.Choice.values:
        raise ValidationError({"choice": _("Elija a favor, en contra o abstención.")})
    on_behalf = False
    if actor is not None and not rules.has_perm("forum.vote_for_seat", actor, seat):
        if not rules.has_perm("forum.record_vote_on_behalf", actor):
            raise PermissionDenied(_("Solo quien ocupa el asiento, o la secretaría en su nombre, vota por él."))
        on_behalf = True
    present = Attendance.objects.filter(
        session=motion.session, seat=seat, status__in=Attendance.PRESENT_STATUSES
    ).exists()
    if not present:
        raise ValidationError(
            _("El asiento «%(seat)s» no está presente en la sesión: no puede votar.") % {"seat": seat}
        )
    vote = Vote.objects.filter(motion=motion, seat=seat).first() or Vote(motion=motion, seat=seat)
    old = vote.choice or None
    vote.choice = choice
    vote.cast_by = actor if getattr(actor, "is_authenticated", False) else None
    vote.recorded_by_secretariat = on_behalf
    vote.voter_label = _voter_label(seat, motion.session)
    vote.cast_at = timezone.now()
    vote.full_clean()
    vote.save()
    _record(
        actor,
        vote,
        "update" if old else "create",
        {"choice": [old, choice], "recorded_by_secretariat": [None, on_behalf]},
    )
    return vote


@transaction.atomic
def close_motion(*, actor: Any, motion: Motion) -> Motion:
    """Freeze who was entitled to vote, count, and compute the result from the protocol."""
    _locked(motion)
    _require("forum.run_motion", actor, motion.session, _("Solo la presidencia o la secretaría cierran una votación."))
    if motion.status != Motion.Status.OPEN:
        raise ValidationError(_("La votación ya está cerrada."))
    session, forum = motion.session, motion.session.forum
    present_seats = set(
        Attendance.objects.filter(session=session, status__in=Attendance.PRESENT_STATUSES).values_list(
            "seat_id", flat=True
        )
    )
    terms = {t.seat_id: t for t in SeatTerm.objects.on(session.date).filter(seat__forum=forum)}
    voting = list(forum.seats.filter(right=Right.VOICE_VOTE).order_by("order", "id"))
    VoteEntitlement.objects.bulk_create(
        VoteEntitlement(
            motion=motion,
            seat=seat,
            seat_name=seat.name,
            holder_label=terms[seat.pk].holder_label if seat.pk in terms else "",
            present=seat.pk in present_seats,
        )
        for seat in voting
    )
    entitled_present = {seat.pk for seat in voting if seat.pk in present_seats}
    counts = {choice: 0 for choice in Vote.Choice.values}
    for choice in motion.votes.filter(seat_id__in=entitled_present).values_list("choice", flat=True):
        counts[choice] += 1
    result = protocol.tally(
        quorum_rule=forum.quorum_rule,
        quorum_fixed=forum.quorum_fixed,
        majority=motion.majority,
        base=motion.base,
        total_voting=len(voting),
        present_voting=len(entitled_present),
        yes=counts["yes"],
        no=counts["no"],
        abstain=counts["abstain"],
    )
    motion.status = Motion.Status.CLOSED
    motion.closed_at = timezone.now()
    motion.closed_by = actor if getattr(actor, "is_authenticated", False) else None
    motion.outcome = result.outcome
    motion.quorum_rule = forum.quorum_rule
    motion.quorum_required = result.quorum_required
    motion.total_voting = result.total_voting
    motion.present_voting = result.present_voting
    motion.yes_count, motion.no_count, motion.abstain_count = result.yes, result.no, result.abstain
    motion.base_count = result.base_count
    motion.yes_needed = result.yes_needed
    motion.full_clean()
    motion.save()
    _record(actor, motion, "update", {"status": ["open", "closed"], "outcome": [None, result.outcome]})
    if motion.minutes_id and result.approved:
        _approve_minutes(motion.minutes, motion=motion, actor=actor)
    return motion


# ------------------------------------------------------------------ minutes


def _locked(instance: models.Model) -> models.Model:
    """Re-read a row under a lock and bring the caller's object up to date with it."""
    fresh = type(instance).objects.select_for_update().get(pk=instance.pk)
    instance.__dict__.update({k: v for k, v in fresh.__dict__.items() if not k.startswith("_")})
    return instance


def _editable(minutes: Minutes) -> None:
    if minutes.is_frozen:
        raise ValidationError(_("Un acta aprobada no se modifica: para corregirla cree una nueva versión."))


@transaction.atomic
def draft_minutes(*, actor: Any, session: Session) -> Minutes:
    """A first draft from the agenda and the closed votes, or the existing draft of the session."""
    _require("forum.manage", actor)
    latest = session.minutes.order_by("-version").first()
    if latest is not None:
        return latest
    minutes = Minutes(
        session=session, version=1, drafted_by=actor if getattr(actor, "is_authenticated", False) else None
    )
    minutes.full_clean()
    minutes.save()
    texts = [str(item) for item in session.agenda.filter(parent__isnull=True)]
    for motion in session.motions.filter(status=Motion.Status.CLOSED).order_by("closed_at", "id"):
        texts.append(selectors.motion_sentence(motion))
    MinutesPoint.objects.bulk_create(
        MinutesPoint(minutes=minutes, number=n, text=text) for n, text in enumerate(texts, start=1)
    )
    _record(actor, minutes, "create", {"status": [None, "draft"], "version": [None, 1]})
    return minutes


@transaction.atomic
def update_minutes(*, actor: Any, minutes: Minutes, points: list[str], next_meeting: str) -> Minutes:
    """Replace the numbered discussion and the next meeting of a draft (or circulated) minutes."""
    _require("forum.manage", actor)
    _locked(minutes)
    _editable(minutes)
    before = [p.text for p in minutes.points.all()]
    clean = [text.strip() for text in points if text.strip()]
    minutes.points.all().delete()
    MinutesPoint.objects.bulk_create(
        MinutesPoint(minutes=minutes, number=n, text=text) for n, text in enumerate(clean, start=1)
    )
    old_next, minutes.next_meeting = minutes.next_meeting, next_meeting
    minutes.save(update_fields=["next_meeting"])
    changes = {}
    if before != clean:
        changes["points"] = [len(before), len(clean)]
    if old_next != next_meeting:
        changes["next_meeting"] = [old_next, next_meeting]
    if changes:
        _record(actor, minutes, "update", changes)
    return minutes


def _move(minutes: Minutes, actor: Any, new: str, **stamps: Any) -> Minutes:
    old = minutes.status
    minutes.status = new
    for name, value in stamps.items():
        setattr(minutes, name, value)
    minutes.full_clean()
    minutes.save()
    _record(actor, minutes, "update", {"status": [old, new]})
    return minutes


@transaction.atomic
def circulate_minutes(*, actor: Any, minutes: Minutes) -> Minutes:
    """Send the draft to the forum's members for comments."""
    _require("forum.manage", actor)
    _locked(minutes)
    if minutes.status != Minutes.Status.DRAFT:
        raise ValidationError(_("Solo se envía a revisión un acta en borrador."))
    _move(minutes, actor, Minutes.Status.CIRCULATED, circulated_at=timezone.now())
    users = {}
    for term in (
        SeatTerm.objects.on(timezone.localdate())
        .filter(seat__forum=minutes.session.forum)
        .select_related("holder_user", "alternate_user")
    ):
        for user in (term.holder_user, term.alternate_user):
            if user is not None:
                users[user.pk] = user
    for user in users.values():
        notify(
            user=user,
            kind="forum_minutes_circulated",
            subject=_("Acta para comentarios: %(minutes)s") % {"minutes": minutes},
            body=_("La secretaría envió el acta a revisión de la Mesa. Puede comentarla hasta su aprobación."),
            url=f"/mesa/actas/{minutes.pk}/",
            dedupe_key=f"forum-minutes-circulated:{minutes.pk}",
        )
    return minutes


@transaction.atomic
def comment_minutes(*, actor: Any, minutes: Minutes, text: str) -> MinutesComment:
    _require("forum.comment_minutes", actor, minutes, _("Solo integrantes de la Mesa comentan un acta en revisión."))
    if not text.strip():
        raise ValidationError({"text": _("Escriba el comentario.")})
    if minutes.status != Minutes.Status.CIRCULATED:
        raise ValidationError(_("El acta no está en revisión."))
    comment = MinutesComment.objects.create(minutes=minutes, author=actor, text=text.strip())
    _record(actor, comment, "create", {"text": [None, comment.text]})
    return comment


def _approve_minutes(minutes: Minutes, *, motion: Motion, actor: Any) -> Minutes:
    _locked(minutes)
    if minutes.status != Minutes.Status.CIRCULATED:
        raise ValidationError(_("Solo se aprueba un acta en revisión."))
    minutes.content = selectors.minutes_content(minutes)
    return _move(minutes, actor, Minutes.Status.APPROVED, approved_at=timezone.now(), approved_in=motion.session)


@transaction.atomic
def publish_minutes(*, actor: Any, minutes: Minutes) -> Minutes:
    _require("forum.manage", actor)
    _locked(minutes)
    if minutes.status != Minutes.Status.APPROVED:
        raise ValidationError(_("Solo se publica un acta aprobada por la Mesa."))
    return _move(minutes, actor, Minutes.Status.PUBLISHED, published_at=timezone.now())


@transaction.atomic
def correct_minutes(*, actor: Any, minutes: Minutes, reason: str) -> Minutes:
    """A new draft version of approved minutes; the approved one stays as it was."""
    _require("forum.manage", actor)
    if not minutes.is_frozen:
        raise ValidationError(_("Un acta no aprobada se edita directamente; no necesita una nueva versión."))
    if Minutes.objects.filter(supersedes=minutes).exists():
        raise ValidationError(_("Esta versión ya tiene una corrección en curso."))
    if not reason.strip():
        raise ValidationError({"reason": _("Explique qué corrige la nueva versión.")})
    new = Minutes(
        session=minutes.session,
        version=minutes.version + 1,
        supersedes=minutes,
        next_meeting=minutes.next_meeting,
        correction_note=reason.strip(),
        drafted_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    new.full_clean()
    new.save()
    points = minutes.content.get("points") or [{"number": p.number, "text": p.text} for p in minutes.points.all()]
    MinutesPoint.objects.bulk_create(MinutesPoint(minutes=new, number=p["number"], text=p["text"]) for p in points)
    _record(actor, new, "create", {"version": [None, new.version], "supersedes": [None, minutes.pk]})
    return new


# ------------------------------------------------------------------ agreements


@transaction.atomic
def create_agreement(
    *,
    actor: Any,
    forum: Forum,
    text: str,
    session: Session | None = None,
    responsible_label: str = "",
    responsible_seat: Seat | None = None,
    responsible_institution: Any = None,
    responsible_user: Any = None,
    due_date: datetime.date | None = None,
    asap: bool = False,
) -> Agreement:
    _require("forum.manage", actor)
    order = (session.agreements.count() + 1) if session is not None else 0
    agreement = Agreement(
        forum=forum,
        session=session,
        order=order,
        text=text,
        responsible_label=responsible_label,
        responsible_seat=responsible_seat,
        responsible_institution=responsible_institution,
        responsible_user=responsible_user,
        due_date=due_date,
        asap=asap,
    )
    agreement.full_clean()
    agreement.save()
    _record(actor, agreement, "create", audit.diff({}, audit.snapshot(agreement)))
    return agreement


@transaction.atomic
def follow_up_agreement(
    *, actor: Any, agreement: Agreement, status: str | None = None, note: str = "", date: datetime.date | None = None
) -> Agreement:
    """Change an agreement's status and/or add a dated follow-up note."""
    _require("forum.manage", actor)
    if status and status not in Agreement.Status.values:
        raise ValidationError({"status": _("Estado desconocido.")})
    if not status and not note.strip():
        raise ValidationError(_("Cambie el estado o escriba una nota de seguimiento."))
    if status and status != agreement.status:
        old, agreement.status = agreement.status, status
        agreement.save(update_fields=["status"])
        _record(actor, agreement, "update", {"status": [old, status]})
    if note.strip():
        entry = AgreementNote.objects.create(
            agreement=agreement,
            text=note.strip(),
            date=date or timezone.localdate(),
            author=actor if getattr(actor, "is_authenticated", False) else None,
        )
        _record(actor, entry, "create", {"text": [None, entry.text]})
    return agreement


def agreement_recipients(agreement: Agreement) -> list[Any]:
    """The people responsible for an agreement: its person, the seat's holder and alternate, or the
    implementers of its institution."""
    from abierto.accounts.models import Role

    people: dict[int, Any] = {}
    if agreement.responsible_user is not None:
        people[agreement.responsible_user.pk] = agreement.responsible_user
    if agreement.responsible_seat_id:
        for term in SeatTerm.objects.on(timezone.localdate()).filter(seat_id=agreement.responsible_seat_id):
            for user in (term.holder_user, term.alternate_user):
                if user is not None:
                    people[user.pk] = user
    if agreement.responsible_institution_id:
        roles = (
            Role.objects.active()
            .filter(kind=Role.Kind.IMPLEMENTER, institution_id=agreement.responsible_institution_id)
            .select_related("user")
        )
        for role in roles:
            people[role.user.pk] = role.user
    return [user for user in people.values() if user.is_active]


REMIND_DAYS_BEFORE = 7


def send_reminders(*, today: datetime.date | None = None) -> int:
    """Remind the responsible people of agreements due within a week, and alert them once when overdue.
    Each notice is sent once (``dedupe_key``); returns how many were stored."""
    today = today or timezone.localdate()
    stored = 0
    agreements = Agreement.objects.open().select_related(
        "forum", "session", "responsible_user", "responsible_seat", "responsible_institution"
    )
    for agreement in agreements:
        due = agreement.effective_due()
        if due is None:
            continue
        if due < today:
            kind, key = "forum_agreement_overdue", f"forum-agreement:{agreement.pk}:overdue:{due.isoformat()}"
            subject = _("Acuerdo vencido de la Mesa: %(text)s") % {"text": agreement}
            body = _("El plazo de este acuerdo venció el %(due)s. Registre su avance con la secretaría.")
        elif (due - today).days <= REMIND_DAYS_BEFORE:
            kind, key = "forum_agreement_due", f"forum-agreement:{agreement.pk}:due:{due.isoformat()}"
            subject = _("Acuerdo de la Mesa por vencer: %(text)s") % {"text": agreement}
            body = _("El plazo de este acuerdo vence el %(due)s.")
        else:
            continue
        for user in agreement_recipients(agreement):
            sent = notify(
                user=user,
                kind=kind,
                subject=subject,
                body=body % {"due": due.strftime("%d-%m-%Y")},
                url="/mesa/#acuerdos",
                dedupe_key=key,
            )
            stored += sent is not None
    return stored
