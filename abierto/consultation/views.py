"""Thin views of the consultation on the draft plan (/cocreacion/<process>/consulta/): read through
selectors, write through services, decide through rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from abierto.cocreation import ratelimit
from abierto.consultation import downloads, sections, selectors, services
from abierto.consultation.forms import AnswerForm, CommentForm, ReasonForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _context(request: HttpRequest, process, crumbs: list, **extra) -> dict:
    base = [
        (_("Cocreación"), "/cocreacion/"),
        (process.title, process.get_absolute_url()),
        (_("Consulta del borrador"), reverse("consultation:index", args=[process.slug])),
    ]
    stage = selectors.consultation_stage(process)
    return {
        "process": process,
        "current_stage": process.current_stage(),
        "stage": stage,
        "phase": selectors.phase(process, stage),
        "can_answer": request.user.has_perm("consultation.answer"),
        "can_moderate": request.user.has_perm("consultation.moderate"),
        "crumbs": [*base, *crumbs] if crumbs else [*base[:2], (_("Consulta del borrador"), "")],
        **extra,
    }


def _forbidden(request: HttpRequest, process, message: str) -> HttpResponse:
    context = _context(request, process, [(_("Acción no disponible"), "")], message=message)
    return render(request, "cocreation/closed.html", context, status=403)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _commitment_url(process, commitment) -> str:
    return reverse("consultation:commitment", args=[process.slug, commitment.code])


# --------------------------------------------------------------------------- public


@require_GET
def index(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    context = _context(
        request,
        process,
        [],
        commitments=selectors.draft_commitments(process),
    )
    return render(request, "consultation/index.html", context)


def _commitment_page(request: HttpRequest, process, commitment, *, bound=None, status: int = 200) -> HttpResponse:
    """The commitment's sections with their comments, and a comment form under each section while the
    consultation is open; after a refused comment, the form comes back with what was typed and the reason."""
    page = selectors.commitment_page(process, commitment)
    can_comment = request.user.has_perm("consultation.comment", process)
    top_form = None
    if bound is not None and not bound.section_code:
        top_form = bound
    for block in page.blocks:
        if bound is not None and bound.section_code == block.code:
            block.form = bound
        elif can_comment:
            block.form = CommentForm(initial={"section": block.code, "version": block.digest}, section_code=block.code)
        else:
            block.form = None
    context = _context(
        request,
        process,
        [(commitment.code, "")],
        page=page,
        commitment=commitment,
        can_comment=can_comment,
        top_form=top_form,
    )
    return render(request, "consultation/commitment.html", context, status=status)


@require_GET
def commitment(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    return _commitment_page(request, process, selectors.commitment_by_code(process, code))


@require_POST
@login_required
def comment(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    commitment = selectors.commitment_by_code(process, code)
    code_posted = request.POST.get("section", "")
    form = CommentForm(request.POST, section_code=code_posted if sections.get(code_posted) else "")
    status = 400
    if form.is_valid():
        try:
            ratelimit.check("comment", user=request.user, ip=ratelimit.client_ip(request))
            saved = services.add_comment(
                process=process,
                commitment=commitment,
                section=form.cleaned_data["section"],
                body=form.cleaned_data["body"],
                actor=request.user,
                version_digest=form.cleaned_data["version"],
            )
        except ratelimit.RateLimited as error:
            form.add_error(None, str(error))
            status = 429
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("No tiene permiso para hacer esto."))
            status = 403
        else:
            messages.success(request, _("Su comentario está publicado. Gracias por participar."))
            return redirect(f"{_commitment_url(process, commitment)}#{saved.anchor}")
    return _commitment_page(request, process, commitment, bound=form, status=status)


@require_GET
def report(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    context = _context(request, process, [(_("Informe"), "")], report=selectors.report(process))
    return render(request, "consultation/report.html", context)


@require_GET
def report_csv(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    body = downloads.build_csv(selectors.report_comments(process), selectors.current_digests(process))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="consulta-borrador-{process.slug}.csv"'
    return response


@require_GET
def report_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    body = downloads.build_xlsx(
        selectors.report(process), selectors.report_comments(process), selectors.current_digests(process)
    )
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="consulta-borrador-{process.slug}.xlsx"'
    return response


# --------------------------------------------------------------------------- secretariat


@login_required
def queue(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    if not request.user.has_perm("consultation.answer"):
        return _forbidden(request, process, _("Solo la secretaría responde los comentarios."))
    page = selectors.unanswered_page(process, request.GET.get("pagina", 1))
    return render(request, "consultation/queue.html", _context(request, process, [(_("Por responder"), "")], page=page))


@login_required
def answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    if not request.user.has_perm("consultation.answer"):
        return _forbidden(request, process, _("Solo la secretaría responde los comentarios."))
    target = selectors.comment_by_id(process, pk)
    current = target.answer_or_none
    form = AnswerForm(request.POST or None, initial={"body": current.body if current else ""})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.answer(comment=target, body=form.cleaned_data["body"], actor=request.user)
            except ValidationError as error:
                _add_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Respuesta publicada. Avisamos a quien comentó."))
                return redirect(f"{_commitment_url(process, target.commitment)}#{target.anchor}")
        status = 400
    context = _context(
        request,
        process,
        [(target.commitment.code, _commitment_url(process, target.commitment)), (_("Responder"), "")],
        form=form,
        target=target,
        current=current,
    )
    return render(request, "consultation/answer_form.html", context, status=status)


@login_required
def moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    if not request.user.has_perm("consultation.moderate"):
        return _forbidden(request, process, _("Solo la secretaría modera."))
    target = selectors.comment_by_id(process, pk)
    back = f"{_commitment_url(process, target.commitment)}#{target.anchor}"
    form = ReasonForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("accion") == "mostrar":
                services.unhide(comment=target, actor=request.user)
                messages.success(request, _("El comentario vuelve a mostrarse."))
                return redirect(back)
            if form.is_valid():
                services.hide(comment=target, reason=form.cleaned_data["reason"], actor=request.user)
                messages.success(request, _("Comentario ocultado con su motivo público."))
                return redirect(back)
        except ValidationError as error:
            _add_errors(form, error)
        status = 400
    context = _context(
        request,
        process,
        [(target.commitment.code, _commitment_url(process, target.commitment)), (_("Moderar"), "")],
        form=form,
        target=target,
    )
    return render(request, "consultation/moderate_form.html", context, status=status)
