"""Self-assessment pages (/autoevaluaciones/): the public list, the report with its consultation, the XLSX
download and the secretariat's screens. Thin: services write, selectors read, rules decide."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from abierto.selfassessments import selectors, services, spreadsheet
from abierto.selfassessments.forms import (
    AnswerForm,
    AssembleForm,
    CommentForm,
    HideForm,
    OpenForm,
    ReassembleForm,
    TextForm,
)
from abierto.selfassessments.models import SelfAssessment, SelfAssessmentComment

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INDEX_CRUMB = (_("Autoevaluaciones"), "/autoevaluaciones/")


def _forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(
        request,
        "selfassessments/forbidden.html",
        {"message": message, "crumbs": [INDEX_CRUMB, (_("Sin acceso"), "")]},
        status=403,
    )


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _visible_or_404(request: HttpRequest, sa: SelfAssessment) -> None:
    # A draft does not exist for anyone but the secretariat.
    if not rules.has_perm("selfassessments.view_selfassessment", request.user, sa):
        raise Http404


# ------------------------------------------------------------------ public


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    manager = rules.has_perm("selfassessments.manage", request.user)
    plan_slug = request.GET.get("plan") or None
    items = list(selectors.listing(include_drafts=manager, plan_slug=plan_slug))
    return render(
        request,
        "selfassessments/index.html",
        {"items": items, "manager": manager, "plan_slug": plan_slug, "crumbs": [(_("Autoevaluaciones"), "")]},
    )


def detail(request: HttpRequest, sa_id: int) -> HttpResponse:
    page = selectors.report(sa_id)
    sa = page.sa
    _visible_or_404(request, sa)
    user = request.user
    manager = rules.has_perm("selfassessments.manage", user)
    can_comment = rules.has_perm("selfassessments.comment", user, sa)
    comment_form = None
    bound: dict[str, object] = {}
    status = 200

    if request.method == "POST":
        action = request.POST.get("accion")
        if action == "comentar":
            form = CommentForm(request.POST, entries=page.entries)
            if not user.is_authenticated:
                return redirect_to_login(request.path)
            if form.is_valid():
                entry = next((e for e in page.entries if e.pk == form.cleaned_data["entry"]), None)
                try:
                    comment = services.add_comment(sa, actor=user, text=form.cleaned_data["text"], entry=entry)
                except ValidationError as error:
                    _add_errors(form, error)
                else:
                    messages.success(request, _("Se publicó su comentario. Gracias por participar."))
                    return redirect(f"{request.path}#{comment.anchor}")
            comment_form = form
            status = 400
        elif action in ("responder", "ocultar"):
            if not manager:
                return _forbidden(request, _("Solo la secretaría ejecutiva responde u oculta comentarios."))
            comment = get_object_or_404(SelfAssessmentComment, pk=request.POST.get("comentario"), self_assessment=sa)
            prefix = f"c{comment.pk}"
            form_class = AnswerForm if action == "responder" else HideForm
            form = form_class(request.POST, prefix=prefix)
            if form.is_valid():
                try:
                    if action == "responder":
                        services.answer_comment(comment, actor=user, text=form.cleaned_data["answer"])
                        messages.success(request, _("Se publicó la respuesta."))
                    else:
                        services.hide_comment(comment, actor=user, reason=form.cleaned_data["hidden_reason"])
                        messages.success(request, _("El comentario quedó oculto, con su razón a la vista."))
                except ValidationError as error:
                    _add_errors(form, error)
                else:
                    return redirect(f"{request.path}#{comment.anchor}")
            bound = {"pk": comment.pk, "action": action, "form": form}
            status = 400
        else:
            return redirect(request.path)

    if comment_form is None and can_comment:
        initial = {}
        about = request.GET.get("sobre")
        if about and about.isdigit():
            initial["entry"] = int(about)
        comment_form = CommentForm(initial=initial, entries=page.entries)
    if manager:
        for c in page.comments:
            prefix = f"c{c.pk}"
            c.answer_form = AnswerForm(prefix=prefix, initial={"answer": c.answer})
            c.hide_form = HideForm(prefix=prefix)
            if bound.get("pk") == c.pk:
                if bound["action"] == "responder":
                    c.answer_form = bound["form"]
                else:
                    c.hide_form = bound["form"]
    crumbs = [INDEX_CRUMB, (sa.title, "")]
    return render(
        request,
        "selfassessments/detail.html",
        {
            "page": page,
            "sa": sa,
            "manager": manager,
            "can_comment": can_comment,
            "comment_form": comment_form,
            "window": sa.comment_window(),
            "window_message": "" if can_comment else services.comment_window_message(sa),
            "crumbs": crumbs,
        },
        status=status,
    )


@require_GET
def download(request: HttpRequest, sa_id: int) -> HttpResponse:
    page = selectors.report(sa_id)
    _visible_or_404(request, page.sa)
    response = HttpResponse(spreadsheet.build(page), content_type=XLSX)
    kind = "medio-termino" if page.sa.kind == SelfAssessment.Kind.MID_TERM else "fin-de-termino"
    response["Content-Disposition"] = f'attachment; filename="autoevaluacion-{page.sa.plan.slug}-{kind}.xlsx"'
    return response


# ------------------------------------------------------------------ secretariat


@login_required
def create(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("selfassessments.manage", request.user):
        return _forbidden(request, _("Solo la secretaría ejecutiva arma autoevaluaciones."))
    if request.method == "POST":
        form = AssembleForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                sa = services.assemble(
                    plan=data["plan"], kind=data["kind"], cutoff=data["cutoff"], actor=request.user, title=data["title"]
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Se armó la autoevaluación en borrador con los reportes validados hasta la fecha de corte."),
                )
                return redirect(f"/autoevaluaciones/{sa.pk}/gestion/")
    else:
        form = AssembleForm(initial={"plan": request.GET.get("plan"), "cutoff": timezone.localdate()})
    crumbs = [INDEX_CRUMB, (_("Nueva autoevaluación"), "")]
    return render(request, "selfassessments/create.html", {"form": form, "crumbs": crumbs})


Status = SelfAssessment.Status
MANAGE_ACTIONS = {
    "cerrar": (services.close_comment, _("Se cerró la consulta pública.")),
    "publicar": (services.publish_final, _("Se publicó la versión final de la autoevaluación.")),
}


@login_required
def manage(request: HttpRequest, sa_id: int) -> HttpResponse:
    if not rules.has_perm("selfassessments.manage", request.user):
        return _forbidden(request, _("La gestión de autoevaluaciones es de la secretaría ejecutiva."))
    sa = get_object_or_404(SelfAssessment.objects.select_related("plan"), pk=sa_id)
    text_form = TextForm(initial={"title": sa.title, "introduction": sa.introduction})
    open_form = OpenForm(initial={"comment_start": sa.comment_start, "comment_end": sa.comment_end})
    reassemble_form = ReassembleForm(initial={"cutoff": sa.cutoff})
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        action = request.POST.get("accion")
        try:
            if action == "texto":
                text_form = TextForm(request.POST)
                if text_form.is_valid():
                    services.update_text(sa, actor=request.user, **text_form.cleaned_data)
                    messages.success(request, _("Se guardó el texto."))
                    return redirect(request.path)
            elif action == "rearmar":
                reassemble_form = ReassembleForm(request.POST)
                if reassemble_form.is_valid():
                    services.assemble(
                        plan=sa.plan,
                        kind=sa.kind,
                        cutoff=reassemble_form.cleaned_data["cutoff"],
                        actor=request.user,
                        title=sa.title,
                    )
                    messages.success(request, _("Se volvió a armar la autoevaluación con la nueva fecha de corte."))
                    return redirect(request.path)
            elif action == "abrir":
                open_form = OpenForm(request.POST)
                if open_form.is_valid():
                    services.open_for_comment(
                        sa,
                        actor=request.user,
                        start=open_form.cleaned_data["comment_start"],
                        end=open_form.cleaned_data["comment_end"],
                    )
                    messages.success(
                        request, _("La autoevaluación quedó abierta a comentarios en el período indicado.")
                    )
                    return redirect(request.path)
            elif action in MANAGE_ACTIONS:
                function, done = MANAGE_ACTIONS[action]
                function(sa, actor=request.user)
                messages.success(request, done)
                return redirect(request.path)
            else:
                return redirect(request.path)
        except ValidationError as error:
            target = {"texto": text_form, "rearmar": reassemble_form, "abrir": open_form}.get(action)
            shown = {"texto": (Status.DRAFT, Status.CLOSED), "rearmar": (Status.DRAFT,), "abrir": (Status.DRAFT,)}
            if target is not None and sa.status in shown[action]:
                _add_errors(target, error)
            else:
                errors.extend(error.messages)
        except PermissionDenied as error:
            return _forbidden(request, str(error))
        status = 400
        sa.refresh_from_db()
    crumbs = [INDEX_CRUMB, (sa.title, sa.get_absolute_url()), (_("Gestión"), "")]
    return render(
        request,
        "selfassessments/manage.html",
        {
            "sa": sa,
            "text_form": text_form,
            "open_form": open_form,
            "reassemble_form": reassemble_form,
            "errors": errors,
            "crumbs": crumbs,
        },
        status=status,
    )
