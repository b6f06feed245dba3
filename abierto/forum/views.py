"""The forum's pages (/mesa/): public pages on the forum, its protocol, seats, sessions, minutes and the
OGP standards; the secretariat's screens to run sessions; members' votes and comments.
Thin: services write, selectors read, rules decide."""

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from abierto.core import ics
from abierto.forum import compliance, selectors, services
from abierto.forum.forms import (
    AgreementForm,
    AttendanceForm,
    CommentForm,
    ConveneForm,
    CorrectionForm,
    DocumentForm,
    FollowUpForm,
    MinutesForm,
    MotionForm,
    SecretariatVotesForm,
    VoteForm,
)
from abierto.forum.models import Agreement, Forum, Minutes, Motion, Right, Seat, Session
from abierto.forum.rules import _seat_ids_of
from abierto.plans.models import ActionPlan

MESA = (_("Mesa"), "/mesa/")


def _forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "forum/forbidden.html", {"message": message, "crumbs": [MESA]}, status=403)


def _errors_to_form(form, error: ValidationError) -> None:
    """Show a service's refusal on the form (on its field when it names one)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _forum_from_query(request: HttpRequest) -> Forum:
    slug = request.GET.get("mesa")
    forum = Forum.objects.filter(slug=slug).first() if slug else selectors.current_forum()
    if forum is None:
        forum = Forum.objects.first()
    if forum is None:
        raise Http404(_("No hay ninguna Mesa registrada."))
    return forum


# ------------------------------------------------------------------ public pages


def forum_home(request: HttpRequest) -> HttpResponse:
    if not Forum.objects.exists():
        return render(request, "forum/empty.html", {"crumbs": [(_("Mesa"), "")]})
    forum = _forum_from_query(request)
    page = selectors.forum_page(forum)
    can_manage = rules.has_perm("forum.manage", request.user)
    return render(request, "forum/home.html", {"page": page, "can_manage": can_manage, "crumbs": [(_("Mesa"), "")]})


def protocol_page(request: HttpRequest) -> HttpResponse:
    forum = _forum_from_query(request)
    crumbs = [MESA, (_("Protocolo"), "")]
    return render(request, "forum/protocol.html", {"forum": forum, "crumbs": crumbs})


def seat_history(request: HttpRequest) -> HttpResponse:
    crumbs = [MESA, (_("Historial de integrantes"), "")]
    return render(request, "forum/seat_history.html", {"forums": selectors.seat_history(), "crumbs": crumbs})


def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_object_or_404(Session.objects.select_related("forum"), pk=session_id)
    page = selectors.session_page(session)
    context = {
        "page": page,
        "session": session,
        "can_manage": rules.has_perm("forum.manage", request.user),
        "can_run": rules.has_perm("forum.run_motion", request.user, session),
        "can_see_drafts": rules.has_perm("forum.view_drafts", request.user),
        "open_motions": session.motions.filter(status=Motion.Status.OPEN),
        "crumbs": [MESA, (str(session), "")],
    }
    return render(request, "forum/session_detail.html", context)


def minutes_print(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_object_or_404(Session.objects.select_related("forum"), pk=session_id)
    minutes = selectors.published_minutes(session)
    if minutes is None:
        raise Http404(_("El acta de esta sesión aún no está publicada."))
    return _render_minutes(request, session, minutes)


def _render_minutes(
    request: HttpRequest, session: Session, minutes: Minutes, extra: dict | None = None
) -> HttpResponse:
    context = {
        "session": session,
        "minutes": minutes,
        "content": selectors.minutes_view(minutes),
        "crumbs": [MESA, (str(session), session.get_absolute_url()), (_("Acta"), "")],
        **(extra or {}),
    }
    return render(request, "forum/minutes.html", context)


def sessions_ics(request: HttpRequest) -> HttpResponse:
    sessions = Session.objects.select_related("forum").prefetch_related("agenda").order_by("date")
    return ics.response(
        [services.session_event(s) for s in sessions],
        name=_("Sesiones de la Mesa"),
        filename="sesiones-mesa.ics",
    )


def standards(request: HttpRequest, plan_slug: str) -> HttpResponse:
    plan = get_object_or_404(ActionPlan, slug=plan_slug)
    items = compliance.requirements(plan)
    crumbs = [(_("Planes de acción"), "/planes/"), (plan.title, f"/planes/{plan.slug}/"), (_("Estándares OGP"), "")]
    return render(request, "forum/standards.html", {"plan": plan, "requirements": items, "crumbs": crumbs})


# ------------------------------------------------------------------ the secretariat's screens


@login_required
def convene(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("forum.manage", request.user):
        return _forbidden(request, _("Solo la secretaría ejecutiva convoca sesiones de la Mesa."))
    forum = selectors.current_forum()
    if forum is None:
        raise Http404(_("No hay una Mesa vigente."))
    form = ConveneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.convene_session(
                actor=request.user,
                forum=forum,
                kind=data["kind"],
                title=data["title"],
                date=data["date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                place=data["place"],
                online_url=data["online_url"],
                agenda=services.parse_agenda(data["agenda"]),
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Sesión convocada: se envió la citación a los integrantes."))
            return redirect(f"/mesa/sesiones/{session.pk}/gestion/")
    crumbs = [MESA, (_("Convocar una sesión"), "")]
    return render(request, "forum/convene.html", {"form": form, "forum": forum, "crumbs": crumbs})


@login_required
def session_manage(request: HttpRequest, session_id: int) -> HttpResponse:
    if not rules.has_perm("forum.manage", request.user):
        return _forbidden(request, _("La gestión de sesiones es para la secretaría ejecutiva."))
    session = get_object_or_404(Session.objects.select_related("forum"), pk=session_id)
    action = request.POST.get("accion") if request.method == "POST" else None
    page = selectors.session_page(session, include_open=True)
    attendance_form = AttendanceForm(request.POST if action == "asistencia" else None, rows=page.seat_attendance)
    document_form = DocumentForm(
        request.POST if action == "documento" else None, request.FILES or None, session=session, prefix="doc"
    )
    motion_form = MotionForm(request.POST if action == "mocion" else None, session=session, prefix="mocion")
    try:
        if action == "avanzar":
            services.advance_session(actor=request.user, session=session)
            messages.success(request, _("Estado de la sesión: %(s)s.") % {"s": session.get_status_display()})
            return redirect(request.path)
        if action == "asistencia" and attendance_form.is_valid():
            for row, status, by in attendance_form.pairs():
                value = attendance_form.cleaned_data[status.name]
                if value:
                    services.record_attendance(
                        actor=request.user,
                        session=session,
                        seat=row.seat,
                        status=value,
                        attended_by=attendance_form.cleaned_data[by.name],
                    )
            messages.success(request, _("Asistencia registrada."))
            return redirect(request.path)
        if action == "documento" and document_form.is_valid():
            data = document_form.cleaned_data
            services.add_document(
                actor=request.user, item=data["item"], title=data["title"], url=data["url"], file=data["file"]
            )
            messages.success(request, _("Documento agregado a la tabla."))
            return redirect(request.path)
        if action == "mocion" and motion_form.is_valid():
            motion = services.open_motion(actor=request.user, session=session, **motion_form.cleaned_data)
            messages.success(request, _("Votación abierta."))
            return redirect(f"/mesa/votaciones/{motion.pk}/")
        if action == "acta":
            minutes = services.draft_minutes(actor=request.user, session=session)
            return redirect(f"/mesa/actas/{minutes.pk}/")
    except ValidationError as error:
        target = {"asistencia": attendance_form, "documento": document_form, "mocion": motion_form}.get(action)
        if target is not None:
            _errors_to_form(target, error)
        else:
            for text in error.messages:
                messages.error(request, text)
    context = {
        "session": session,
        "page": page,
        "attendance_form": attendance_form,
        "document_form": document_form,
        "motion_form": motion_form,
        "crumbs": [MESA, (str(session), session.get_absolute_url()), (_("Gestión"), "")],
    }
    status = 400 if action and request.method == "POST" else 200
    return render(request, "forum/session_manage.html", context, status=status)


@login_required
def motion_new(request: HttpRequest, session_id: int) -> HttpResponse:
    """The chair (or the secretariat) opens a vote."""
    session = get_object_or_404(Session.objects.select_related("forum"), pk=session_id)
    if not rules.has_perm("forum.run_motion", request.user, session):
        return _forbidden(request, _("Solo la presidencia o la secretaría abren una votación."))
    form = MotionForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            motion = services.open_motion(actor=request.user, session=session, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Votación abierta."))
            return redirect(f"/mesa/votaciones/{motion.pk}/")
    crumbs = [MESA, (str(session), session.get_absolute_url()), (_("Abrir una votación"), "")]
    return render(request, "forum/motion_new.html", {"form": form, "session": session, "crumbs": crumbs})


@login_required
def motion_detail(request: HttpRequest, motion_id: int) -> HttpResponse:
    motion = get_object_or_404(Motion.objects.select_related("session__forum", "agenda_item", "minutes"), pk=motion_id)
    session = motion.session
    user = request.user
    can_run = rules.has_perm("forum.run_motion", user, session)
    can_record = rules.has_perm("forum.record_vote_on_behalf", user)
    my_seats = [
        seat
        for seat in session.forum.seats.filter(pk__in=_seat_ids_of(user))
        if rules.has_perm("forum.vote_for_seat", user, seat)
    ]
    if not (can_run or can_record or my_seats or motion.status == Motion.Status.CLOSED):
        return _forbidden(request, _("Votan los asientos con voz y voto de la Mesa."))
    action = request.POST.get("accion") if request.method == "POST" else None
    page = selectors.session_page(session, include_open=True)
    present = {row.seat.pk for row in page.seat_attendance if row.present}
    voting_present = [
        row.seat for row in page.seat_attendance if row.seat.right == Right.VOICE_VOTE and row.seat.pk in present
    ]
    current = {v.seat_id: v.choice for v in motion.votes.all()}
    vote_form = VoteForm(request.POST if action == "votar" else None)
    record_form = SecretariatVotesForm(
        request.POST if action == "registrar" else None, seats=voting_present, current=current
    )
    try:
        if action == "votar" and vote_form.is_valid():
            seat_id = request.POST.get("asiento", "")
            if not seat_id.isdigit():
                raise Http404(_("Asiento desconocido."))
            seat = get_object_or_404(Seat, pk=int(seat_id), pk__in=[s.pk for s in my_seats])
            services.cast_vote(actor=user, motion=motion, seat=seat, choice=vote_form.cleaned_data["choice"])
            messages.success(request, _("Su voto quedó registrado."))
            return redirect(request.path)
        if action == "registrar" and can_record and record_form.is_valid():
            for seat, bound in record_form.pairs():
                choice = record_form.cleaned_data[bound.name]
                if choice and choice != current.get(seat.pk):
                    services.cast_vote(actor=user, motion=motion, seat=seat, choice=choice)
            messages.success(request, _("Votos registrados por la secretaría."))
            return redirect(request.path)
        if action == "cerrar" and can_run:
            services.close_motion(actor=user, motion=motion)
            messages.success(request, _("Votación cerrada."))
            return redirect(request.path)
    except (ValidationError, PermissionDenied) as error:
        for text in getattr(error, "messages", [str(error)]):
            messages.error(request, text)
    motion.refresh_from_db()
    view = next((m for m in page.motions if m.motion.pk == motion.pk), None)
    context: dict[str, Any] = {
        "motion": motion,
        "session": session,
        "view": view,
        "show_votes": motion.status == Motion.Status.CLOSED or can_run or can_record,
        "my_votes": {v.seat_id: v for v in (view.votes if view else []) if v.seat_id in {s.pk for s in my_seats}},
        "quorum": page.quorum,
        "my_seats": my_seats,
        "can_run": can_run,
        "can_record": can_record,
        "vote_form": vote_form,
        "record_form": record_form,
        "crumbs": [MESA, (str(session), session.get_absolute_url()), (motion.title, "")],
    }
    return render(request, "forum/motion.html", context)


@login_required
def minutes_manage(request: HttpRequest, minutes_id: int) -> HttpResponse:
    minutes = get_object_or_404(Minutes.objects.select_related("session__forum", "supersedes"), pk=minutes_id)
    user = request.user
    if not rules.has_perm("forum.view_drafts", user):
        return _forbidden(request, _("Los borradores de actas son para la secretaría y los integrantes de la Mesa."))
    session = minutes.session
    can_manage = rules.has_perm("forum.manage", user)
    action = request.POST.get("accion") if request.method == "POST" else None
    initial = {"points": "\n\n".join(p.text for p in minutes.points.all()), "next_meeting": minutes.next_meeting}
    edit_form = MinutesForm(request.POST if action == "guardar" else None, initial=initial)
    comment_form = CommentForm(request.POST if action == "comentar" else None)
    correction_form = CorrectionForm(request.POST if action == "corregir" else None)
    try:
        if action == "guardar" and can_manage and edit_form.is_valid():
            services.update_minutes(
                actor=user,
                minutes=minutes,
                points=edit_form.point_list(),
                next_meeting=edit_form.cleaned_data["next_meeting"],
            )
            messages.success(request, _("Acta guardada."))
            return redirect(request.path)
        if action == "circular" and can_manage:
            services.circulate_minutes(actor=user, minutes=minutes)
            messages.success(request, _("Acta enviada a revisión de la Mesa."))
            return redirect(request.path)
        if action == "comentar" and comment_form.is_valid():
            services.comment_minutes(actor=user, minutes=minutes, text=comment_form.cleaned_data["text"])
            messages.success(request, _("Comentario enviado."))
            return redirect(request.path)
        if action == "publicar" and can_manage:
            services.publish_minutes(actor=user, minutes=minutes)
            messages.success(request, _("Acta publicada."))
            return redirect(request.path)
        if action == "corregir" and can_manage and correction_form.is_valid():
            new = services.correct_minutes(actor=user, minutes=minutes, reason=correction_form.cleaned_data["reason"])
            messages.success(request, _("Nueva versión en borrador creada."))
            return redirect(f"/mesa/actas/{new.pk}/")
    except PermissionDenied as error:
        return _forbidden(request, str(error))
    except ValidationError as error:
        target = {"guardar": edit_form, "comentar": comment_form, "corregir": correction_form}.get(action)
        if target is not None:
            _errors_to_form(target, error)
        else:
            for text in error.messages:
                messages.error(request, text)
    extra = {
        "manage": True,
        "can_manage": can_manage,
        "can_comment": rules.has_perm("forum.comment_minutes", user, minutes),
        "edit_form": edit_form,
        "comment_form": comment_form,
        "correction_form": correction_form,
        "comments": minutes.comments.select_related("author"),
        "has_correction": Minutes.objects.filter(supersedes=minutes).exists(),
    }
    return _render_minutes(request, session, minutes, extra)


@login_required
def agreements(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("forum.manage", request.user):
        return _forbidden(request, _("La gestión de acuerdos es para la secretaría ejecutiva."))
    forum = _forum_from_query(request)
    form = AgreementForm(request.POST or None, forum=forum)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.create_agreement(actor=request.user, forum=forum, **data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Acuerdo registrado."))
            return redirect(request.path)
    rows = selectors.agreement_rows(
        Agreement.objects.filter(forum=forum).order_by("-session__date", "order", "id"), timezone.localdate()
    )
    crumbs = [MESA, (_("Acuerdos"), "")]
    return render(request, "forum/agreements.html", {"form": form, "forum": forum, "rows": rows, "crumbs": crumbs})


@login_required
def agreement_detail(request: HttpRequest, agreement_id: int) -> HttpResponse:
    if not rules.has_perm("forum.manage", request.user):
        return _forbidden(request, _("La gestión de acuerdos es para la secretaría ejecutiva."))
    agreement = get_object_or_404(Agreement.objects.select_related("forum", "session"), pk=agreement_id)
    form = FollowUpForm(request.POST or None, initial={"status": agreement.status})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.follow_up_agreement(
                actor=request.user, agreement=agreement, status=data["status"], note=data["note"], date=data["date"]
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Seguimiento registrado."))
            return redirect(request.path)
    crumbs = [MESA, (_("Acuerdos"), "/mesa/acuerdos/"), (str(agreement), "")]
    context = {
        "agreement": agreement,
        "due": agreement.effective_due(),
        "overdue": agreement.is_overdue(),
        "form": form,
        "notes": agreement.notes.select_related("author"),
        "crumbs": crumbs,
    }
    return render(request, "forum/agreement_detail.html", context)
