"""Thin views of the co-creation pages: read through selectors, write through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from abierto.cocreation import ratelimit, selectors, services, territory
from abierto.cocreation.forms import (
    CommentForm,
    CommitmentCommentForm,
    InitiativeForm,
    MergeForm,
    ProposalForm,
    ReasonForm,
    ResponseForm,
)
from abierto.cocreation.models import Comment, Proposal
from abierto.core import ics
from abierto.institutions.models import Institution
from abierto.plans.models import Commitment


def _context(request: HttpRequest, process, crumbs: list, **extra) -> dict:
    base = [(_("Cocreación"), "/cocreacion/"), (process.title, process.get_absolute_url())]
    return {
        "process": process,
        "current_stage": process.current_stage(),
        "crumbs": [*base, *crumbs] if crumbs else [base[0], (process.title, "")],
        **extra,
    }


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("No tiene permiso para hacer esto.")


def _forbidden(request: HttpRequest, process, message: str) -> HttpResponse:
    context = _context(request, process, [(_("Acción no disponible"), "")], message=message)
    return render(request, "cocreation/closed.html", context, status=403)


# --------------------------------------------------------------------------- processes


def process_index(request: HttpRequest) -> HttpResponse:
    processes = selectors.process_index()
    return render(
        request,
        "cocreation/process_index.html",
        {"processes": processes, "crumbs": [(_("Cocreación"), "")]},
    )


def process_detail(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    page = selectors.process_page(process)
    context = _context(
        request,
        process,
        [],
        page=page,
        workshop_summary=selectors.workshop_summary(page.workshops),
        can_submit=request.user.has_perm("cocreation.submit_proposal", process),
        can_submit_initiative=request.user.has_perm("cocreation.submit_initiative", process),
    )
    return render(request, "cocreation/process_detail.html", context)


def process_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    url = request.build_absolute_uri(process.get_absolute_url())
    events = []
    for stage in process.stages.all():
        if stage.starts_on:
            events.append(
                ics.Event(
                    uid=f"cocreacion-{process.slug}-etapa-{stage.position}@abierto",
                    summary=f"{process.title}: {stage.name}",
                    start=stage.starts_on,
                    end=stage.ends_on,
                    description=stage.description,
                    url=url,
                )
            )
    for workshop in process.workshops.all():
        if workshop.held_on:
            location = ", ".join(
                part for part in [workshop.place, workshop.commune, territory.region_name(workshop.region)] if part
            )
            events.append(
                ics.Event(
                    uid=f"cocreacion-{process.slug}-taller-{workshop.pk}@abierto",
                    summary=workshop.title,
                    start=workshop.held_on,
                    description=workshop.target_group,
                    location=location,
                    url=url,
                )
            )
    for table in selectors.table_list(process):
        events.append(
            ics.Event(
                uid=f"cocreacion-{process.slug}-mesa-{table.pk}@abierto",
                summary=_("Mesa de cocreación: %(title)s") % {"title": table.title},
                start=selectors.table_moment(table.held_on, table.starts_at),
                end=selectors.table_moment(table.held_on, table.ends_at) if table.starts_at and table.ends_at else None,
                description=table.theme.name if table.theme else "",
                location=", ".join(
                    part
                    for part in [table.place or table.online_url, table.commune, territory.region_name(table.region)]
                    if part
                ),
                url=request.build_absolute_uri(table.get_absolute_url()),
            )
        )
    return ics.response(events, name=process.title, filename=f"cocreacion-{process.slug}.ics")


# --------------------------------------------------------------------------- proposals


def proposal_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    filters = selectors.ProposalFilters.from_query(request.GET)
    page = selectors.proposal_list(process, filters, request.GET.get("pagina", 1))
    context = _context(
        request,
        process,
        [(_("Propuestas"), "")],
        page=page,
        filters=filters,
        themes=list(process.themes.all()),
        regions=territory.REGION_CHOICES,
        statuses=[
            ("sin-respuesta", _("Sin respuesta")),
            ("incorporada", _("Incorporada en un compromiso")),
            ("fusionada", _("Fusionada")),
            ("no-incorporada", _("No incorporada")),
        ],
        supported=selectors.supported_ids(request.user, process),
        support_open=process.allows("support"),
    )
    return render(request, "cocreation/proposal_list.html", context)


def _proposal_form_view(request: HttpRequest, process, *, kind: str, proposal: Proposal | None = None) -> HttpResponse:
    form_class = InitiativeForm if kind == Proposal.Kind.INITIATIVE else ProposalForm
    publishing = "publicar" in request.POST
    similar_rows = []
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, process=process, publishing=publishing)
        if form.is_valid():
            data = dict(form.cleaned_data)
            if kind == Proposal.Kind.INITIATIVE:
                data["author_kind"] = Proposal.Author.ORGANISATION
                data["organisation_name"] = data["lead_institution"].name
            if "similares" in request.POST:
                text = " ".join(str(data.get(k) or "") for k in ("title", "problem", "gap", "what", "implies"))
                similar_rows = selectors.similar_proposals(process, text, exclude_id=proposal.pk if proposal else None)
            else:
                try:
                    if proposal is None:
                        ratelimit.check("proposal", user=request.user, ip=ratelimit.client_ip(request))
                    saved = services.save_proposal(
                        process=process,
                        actor=request.user,
                        data=data,
                        themes=data.get("themes") or [],
                        links=form.links() if hasattr(form, "links") else [],
                        files=[data["attachment"]] if data.get("attachment") else [],
                        remove_files=[int(pk) for pk in request.POST.getlist("quitar_archivo") if pk.isdigit()],
                        publish=publishing or kind == Proposal.Kind.INITIATIVE,
                        proposal=proposal,
                        kind=kind,
                    )
                except ratelimit.RateLimited as error:
                    form.add_error(None, str(error))
                except ValidationError as error:
                    if hasattr(error, "error_dict"):
                        for name, errors in error.error_dict.items():
                            form.add_error(name if name in form.fields else None, errors)
                    else:
                        form.add_error(None, error)
                except PermissionDenied as error:
                    form.add_error(None, _error_text(error))
                else:
                    if saved.is_published:
                        messages.success(request, _("Su propuesta está publicada."))
                        return redirect(saved.get_absolute_url())
                    messages.success(request, _("Guardamos su borrador. Puede seguir editándolo y publicarlo después."))
                    return redirect("cocreation:proposal_edit", process.slug, saved.pk)
    else:
        initial = ProposalForm.initial_for(proposal) if proposal is not None else {}
        form = form_class(initial=initial, process=process)
    title = (
        _("Editar propuesta")
        if proposal
        else (
            _("Mapeo de iniciativas del sector público") if kind == Proposal.Kind.INITIATIVE else _("Nueva propuesta")
        )
    )
    context = _context(
        request,
        process,
        [(_("Propuestas"), f"/cocreacion/{process.slug}/propuestas/"), (title, "")],
        form=form,
        proposal=proposal,
        kind=kind,
        page_title=title,
        similar_rows=similar_rows,
        searched_similar="similares" in request.POST,
    )
    template = (
        "cocreation/initiative_form.html" if kind == Proposal.Kind.INITIATIVE else "cocreation/proposal_form.html"
    )
    return render(request, template, context)


def proposal_similar(request: HttpRequest, slug: str) -> HttpResponse:
    """Similar proposals for a title and text being typed: an HTML fragment the proposal form asks for while a
    person writes (``static/cocreation/similar.js``); rate-limited per account and per address."""
    process = selectors.process_by_slug(slug)
    text = " ".join(request.GET.get(name, "")[:2000] for name in ("title", "texto")).strip()
    context = {"process": process, "searched": bool(text), "similar_rows": []}
    try:
        ratelimit.check("similar", user=request.user, ip=ratelimit.client_ip(request))
    except ratelimit.RateLimited as error:
        context["message"] = str(error)
        return render(request, "cocreation/_similar_live.html", context, status=429)
    exclude = request.GET.get("excluir", "")
    if text:
        exclude_id = int(exclude) if exclude.isdigit() else None
        context["similar_rows"] = selectors.similar_proposals(process, text, exclude_id=exclude_id)
    return render(request, "cocreation/_similar_live.html", context)


@login_required
def proposal_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    if not request.user.has_perm("cocreation.submit_proposal", process):
        return _forbidden(request, process, services._closed_message(process, "submit", _("presentar propuestas")))
    return _proposal_form_view(request, process, kind=Proposal.Kind.PROPOSAL)


@login_required
def initiative_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    if not process.allows("submit"):
        return _forbidden(request, process, services._closed_message(process, "submit", _("presentar iniciativas")))
    if not request.user.has_perm("cocreation.submit_initiative", process):
        return _forbidden(request, process, _("El mapeo es para las instituciones públicas y la secretaría."))
    return _proposal_form_view(request, process, kind=Proposal.Kind.INITIATIVE)


@login_required
def proposal_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    proposal = selectors.proposal_by_id(process, pk)
    if not request.user.has_perm("cocreation.change_proposal", proposal):
        return _forbidden(request, process, _("Esta propuesta ya no se puede editar: el plazo para editarla terminó."))
    return _proposal_form_view(request, process, kind=proposal.kind, proposal=proposal)


def _proposal_page(
    request: HttpRequest, process, proposal, *, comment_form=None, status: int = 200, with_similar: bool = True
) -> HttpResponse:
    """The proposal page: as shown, or again after a refused support or comment, with the reason and a 4xx."""
    user = request.user
    context = _context(
        request,
        process,
        [(_("Propuestas"), f"/cocreacion/{process.slug}/propuestas/"), (proposal.title, "")],
        page=selectors.proposal_page(proposal, with_similar=with_similar),
        proposal=proposal,
        supported=proposal.pk in selectors.supported_ids(user, process),
        can_support=user.has_perm("cocreation.support_proposal", proposal),
        can_comment=comment_form is not None or user.has_perm("cocreation.comment_proposal", proposal),
        can_edit=user.has_perm("cocreation.change_proposal", proposal),
        can_moderate=user.has_perm("cocreation.moderate"),
        comment_form=comment_form or CommentForm(proposal=proposal),
        support_open=process.allows("support"),
        branch_label=dict(Institution.Branch.choices).get(proposal.branch, proposal.branch),
    )
    return render(request, "cocreation/proposal_detail.html", context, status=status)


def proposal_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    proposal = selectors.proposal_by_id(process, pk)
    if not request.user.has_perm("cocreation.view_proposal", proposal):
        return _forbidden(request, process, _("Este borrador solo lo ve su autora."))
    return _proposal_page(request, process, proposal)


@require_POST
@login_required
def proposal_support(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    proposal = selectors.proposal_for_support(process, pk)
    withdrawing = request.POST.get("accion") == "retirar"
    try:
        ratelimit.check("support", user=request.user, ip=ratelimit.client_ip(request))
        if withdrawing:
            services.withdraw_support(proposal=proposal, actor=request.user)
            messages.success(request, _("Retiró su apoyo."))
        else:
            services.support(proposal=proposal, actor=request.user)
            messages.success(request, _("Gracias: su apoyo quedó registrado."))
    except (ratelimit.RateLimited, ValidationError, PermissionDenied) as error:
        # Refused: the page again with the reason and a 4xx, so that a client (or a script) can tell a refused
        # support from an accepted one, which is redirected.
        messages.error(request, _error_text(error))
        status = (
            429 if isinstance(error, ratelimit.RateLimited) else 403 if isinstance(error, PermissionDenied) else 409
        )
        # Without the similar proposals: a refusal answers fast, and the reason is what matters here.
        proposal = selectors.proposal_by_id(process, pk)
        return _proposal_page(request, process, proposal, status=status, with_similar=False)
    target = request.POST.get("volver", "")
    if target.startswith(f"/cocreacion/{process.slug}/") and "//" not in target:
        return redirect(target)
    return redirect(proposal.get_absolute_url())


@require_POST
@login_required
def proposal_comment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    proposal = selectors.proposal_for_action(process, pk)
    form = CommentForm(request.POST, proposal=proposal)
    comment = _post_comment(request, form, proposal=proposal)
    if comment is not None:
        return redirect(f"{proposal.get_absolute_url()}#comentario-{comment.pk}")
    # Refused: the page again, with what was typed and the reason.
    return _proposal_page(request, process, selectors.proposal_by_id(process, pk), comment_form=form, status=400)


def _post_comment(request: HttpRequest, form, **target):
    """Publish the comment of a valid form on ``target`` (a proposal or a commitment), within the rate limit;
    None, with the reason added to the form, when it is refused."""
    if not form.is_valid():
        return None
    try:
        ratelimit.check("comment", user=request.user, ip=ratelimit.client_ip(request))
        comment = services.add_comment(
            actor=request.user, text=form.cleaned_data["text"], parent=form.cleaned_data["parent"], **target
        )
    except (ratelimit.RateLimited, ValidationError, PermissionDenied) as error:
        form.add_error(None, _error_text(error))
        return None
    messages.success(request, _("Su comentario está publicado."))
    return comment


@login_required
def my_proposals(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    context = _context(
        request, process, [(_("Mis propuestas"), "")], proposals=selectors.my_proposals(request.user, process)
    )
    return render(request, "cocreation/my_proposals.html", context)


# --------------------------------------------------------------------------- moderation


def _target(process, kind: str, pk: int):
    if kind == "propuestas":
        proposal = selectors.proposal_by_id(process, pk)
        return {"proposal": proposal}, proposal, proposal
    comment = get_object_or_404(Comment.objects.select_related("proposal"), pk=pk, proposal__process=process)
    return {"comment": comment}, comment, comment.proposal


@login_required
def flag_view(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    target_kwargs, target, proposal = _target(process, kind, pk)
    form = ReasonForm(request.POST or None)
    form.fields["reason"].label = _("¿Por qué lo reporta?")
    if request.method == "POST" and form.is_valid():
        try:
            services.flag(actor=request.user, reason=form.cleaned_data["reason"], **target_kwargs)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Gracias: la secretaría revisará su reporte."))
            return redirect(proposal.get_absolute_url())
    context = _context(
        request, process, [(proposal.title, proposal.get_absolute_url()), (_("Reportar"), "")], form=form, target=target
    )
    return render(request, "cocreation/flag_form.html", context)


@login_required
def moderate_view(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    if not request.user.has_perm("cocreation.moderate"):
        return _forbidden(request, process, _("Solo la secretaría modera."))
    target_kwargs, target, proposal = _target(process, kind, pk)
    form = ReasonForm(request.POST or None)
    form.fields["reason"].label = _("Motivo público (se muestra en lugar del contenido)")
    if request.method == "POST":
        try:
            if request.POST.get("accion") == "mostrar":
                services.unhide(actor=request.user, **target_kwargs)
                messages.success(request, _("El contenido vuelve a mostrarse."))
                return redirect(proposal.get_absolute_url())
            if request.POST.get("accion") == "descartar":
                services.dismiss_flags(actor=request.user, **target_kwargs)
                messages.success(request, _("Reportes descartados."))
                return redirect("cocreation:moderation_queue", process.slug)
            if form.is_valid():
                services.hide(actor=request.user, reason=form.cleaned_data["reason"], **target_kwargs)
                messages.success(request, _("Contenido ocultado con su motivo público."))
                return redirect(proposal.get_absolute_url())
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _error_text(error))
    context = _context(
        request, process, [(proposal.title, proposal.get_absolute_url()), (_("Moderar"), "")], form=form, target=target
    )
    return render(request, "cocreation/moderate_form.html", context)


@login_required
def moderation_queue(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    if not request.user.has_perm("cocreation.moderate"):
        return _forbidden(request, process, _("Solo la secretaría modera."))
    flags = [f for f in selectors.open_flags() if (f.proposal or f.comment.proposal).process_id == process.pk]
    without = list(process.proposals_without_response().order_by("submitted_at")[:100])
    context = _context(request, process, [(_("Secretaría"), "")], flags=flags, without=without)
    return render(request, "cocreation/moderation_queue.html", context)


# --------------------------------------------------------------------------- responses and merges


@login_required
def proposal_respond(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    proposal = selectors.proposal_by_id(process, pk)
    if not request.user.has_perm("cocreation.respond", proposal):
        return _forbidden(request, process, _("Solo la secretaría responde las propuestas."))
    initial = {
        "kind": proposal.response_kind,
        "commitment": proposal.response_commitment_id,
        "merged_into": proposal.merged_into_id,
        "text": proposal.response_text,
    }
    form = ResponseForm(request.POST or None, initial=initial, proposal=proposal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.respond(
                proposal=proposal,
                actor=request.user,
                kind=data["kind"],
                text=data["text"],
                commitment=data["commitment"],
                merged_into=data["merged_into"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Respuesta publicada."))
            return redirect(proposal.get_absolute_url())
    context = _context(
        request,
        process,
        [(proposal.title, proposal.get_absolute_url()), (_("Respuesta"), "")],
        form=form,
        proposal=proposal,
    )
    return render(request, "cocreation/response_form.html", context)


@login_required
def proposal_merge(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    proposal = selectors.proposal_by_id(process, pk)
    if not request.user.has_perm("cocreation.merge", proposal):
        return _forbidden(request, process, _("Solo la secretaría fusiona propuestas."))
    form = MergeForm(request.POST or None, proposal=proposal)
    similar_rows = selectors.similar_proposals(process, proposal.similarity_text(), exclude_id=proposal.pk)
    if request.method == "POST" and form.is_valid():
        try:
            target = services.merge(
                source=proposal, target=form.cleaned_data["target"], actor=request.user, text=form.cleaned_data["text"]
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Propuestas fusionadas; cada apoyo cuenta una sola vez."))
            return redirect(target.get_absolute_url())
    context = _context(
        request,
        process,
        [(proposal.title, proposal.get_absolute_url()), (_("Fusionar"), "")],
        form=form,
        proposal=proposal,
        similar_rows=similar_rows,
    )
    return render(request, "cocreation/merge_form.html", context)


# --------------------------------------------------------------------------- comments on commitments


def _commitment(plan_slug: str, code: str):
    return get_object_or_404(Commitment.objects.select_related("plan"), plan__slug=plan_slug, code=code)


def commitment_comments(request: HttpRequest, plan_slug: str, code: str) -> HttpResponse:
    commitment = _commitment(plan_slug, code)
    form = CommitmentCommentForm(request.POST or None, commitment=commitment)
    status = 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/cuentas/ingresar/?next={request.path}")
        comment = _post_comment(request, form, commitment=commitment)
        if comment is not None:
            return redirect(f"{request.path}#comentario-{comment.pk}")
        status = 400
    comments = selectors.comment_threads(
        list(commitment.cocreation_comments.select_related("author").order_by("created_at", "id"))
    )
    context = {
        "commitment": commitment,
        "comments": comments,
        "comment_form": form,
        "can_comment": request.user.has_perm("cocreation.comment_commitment", commitment),
        "can_moderate": request.user.has_perm("cocreation.moderate"),
        "crumbs": [
            (_("Planes de acción"), "/planes/"),
            (commitment.plan.title, commitment.plan.get_absolute_url()),
            (commitment.code, commitment.get_absolute_url()),
            (_("Comentarios"), ""),
        ],
    }
    return render(request, "cocreation/commitment_comments.html", context, status=status)


@login_required
def commitment_comment_flag(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("commitment__plan"), pk=pk, commitment__isnull=False)
    back = reverse("cocreation:commitment_comments", args=[comment.commitment.plan.slug, comment.commitment.code])
    form = ReasonForm(request.POST or None)
    form.fields["reason"].label = _("¿Por qué lo reporta?")
    if request.method == "POST" and form.is_valid():
        services.flag(actor=request.user, reason=form.cleaned_data["reason"], comment=comment)
        messages.success(request, _("Gracias: la secretaría revisará su reporte."))
        return redirect(back)
    context = {"form": form, "target": comment, "crumbs": [(_("Comentarios"), back), (_("Reportar"), "")]}
    return render(request, "cocreation/flag_form.html", context)


@login_required
def commitment_comment_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("commitment__plan"), pk=pk, commitment__isnull=False)
    if not request.user.has_perm("cocreation.moderate"):
        raise PermissionDenied(_("Solo la secretaría modera."))
    back = reverse("cocreation:commitment_comments", args=[comment.commitment.plan.slug, comment.commitment.code])
    form = ReasonForm(request.POST or None)
    form.fields["reason"].label = _("Motivo público (se muestra en lugar del contenido)")
    if request.method == "POST":
        action = request.POST.get("accion")
        if action == "mostrar":
            services.unhide(actor=request.user, comment=comment)
            return redirect(back)
        if action == "descartar":
            services.dismiss_flags(actor=request.user, comment=comment)
            return redirect(back)
        if form.is_valid():
            services.hide(actor=request.user, reason=form.cleaned_data["reason"], comment=comment)
            messages.success(request, _("Contenido ocultado con su motivo público."))
            return redirect(back)
    context = {"form": form, "target": comment, "crumbs": [(_("Comentarios"), back), (_("Moderar"), "")]}
    return render(request, "cocreation/moderate_form.html", context)
