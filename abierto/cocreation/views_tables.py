"""Thin views of the co-creation tables (mesas de cocreación) and the workshops of a process: read through
selectors, write through services; only the secretariat records them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from abierto.cocreation import selectors, services
from abierto.cocreation.forms_tables import TableForm, WorkshopForm
from abierto.cocreation.views import _context, _error_text, _forbidden


def _tables_crumb(process) -> tuple[str, str]:
    return (_("Mesas de cocreación"), f"/cocreacion/{process.slug}/mesas/")


def _workshops_crumb(process) -> tuple[str, str]:
    return (_("Talleres"), f"/cocreacion/{process.slug}/talleres/")


def _add_errors(form, error: Exception) -> None:
    """A refusal of the service, shown on the form (on its field when it names one)."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, _error_text(error))


# --------------------------------------------------------------------------- tables


def table_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    can_manage = request.user.has_perm("cocreation.manage_tables", process)
    context = _context(
        request,
        process,
        [(_("Mesas de cocreación"), "")],
        tables=selectors.table_list(process, include_drafts=can_manage),
        can_manage=can_manage,
    )
    return render(request, "cocreation/tables/table_list.html", context)


def table_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    table = selectors.table_by_id(process, pk)
    if not request.user.has_perm("cocreation.view_table", table):
        raise Http404(_("No existe esa mesa de cocreación."))
    context = _context(
        request,
        process,
        [_tables_crumb(process), (table.title, "")],
        table=table,
        page=selectors.table_page(table),
        can_manage=request.user.has_perm("cocreation.manage_tables", process),
    )
    return render(request, "cocreation/tables/table_detail.html", context)


def _table_form_view(request: HttpRequest, process, table=None) -> HttpResponse:
    if request.method == "POST":
        form = TableForm(request.POST, process=process)
        if form.is_valid():
            try:
                saved = services.save_table(
                    process=process,
                    actor=request.user,
                    data=form.table_data(),
                    participation=form.participation(),
                    discussed=form.discussed(),
                    table=table,
                )
            except (ValidationError, PermissionDenied) as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Guardamos los cambios de la mesa publicada; quedan en su historial.")
                    if saved.is_published
                    else _("Guardamos la mesa como borrador. Publíquela cuando sus resultados estén listos."),
                )
                return redirect(saved.get_absolute_url())
    else:
        form = TableForm(initial=TableForm.initial_for(table) if table else {}, process=process)
    title = _("Editar mesa de cocreación") if table else _("Nueva mesa de cocreación")
    crumbs = [_tables_crumb(process)]
    if table is not None:
        crumbs.append((table.title, table.get_absolute_url()))
    context = _context(request, process, [*crumbs, (title, "")], form=form, table=table, page_title=title)
    return render(request, "cocreation/tables/table_form.html", context)


@login_required
def table_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    if not request.user.has_perm("cocreation.manage_tables", process):
        return _forbidden(request, process, _("Solo la secretaría registra las mesas de cocreación."))
    return _table_form_view(request, process)


@login_required
def table_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    if not request.user.has_perm("cocreation.manage_tables", process):
        return _forbidden(request, process, _("Solo la secretaría registra las mesas de cocreación."))
    return _table_form_view(request, process, selectors.table_by_id(process, pk))


@require_POST
@login_required
def table_publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    if not request.user.has_perm("cocreation.manage_tables", process):
        return _forbidden(request, process, _("Solo la secretaría publica las mesas de cocreación."))
    table = selectors.table_by_id(process, pk)
    try:
        services.publish_table(table=table, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Los resultados de la mesa están publicados."))
    return redirect(table.get_absolute_url())


# --------------------------------------------------------------------------- workshops


def workshop_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    workshops = selectors.workshop_list(process)
    context = _context(
        request,
        process,
        [(_("Talleres"), "")],
        workshops=workshops,
        summary=selectors.workshop_summary(workshops),
        can_manage=request.user.has_perm("cocreation.manage_workshops", process),
    )
    return render(request, "cocreation/workshops/workshop_list.html", context)


def _workshop_form_view(request: HttpRequest, process, workshop=None) -> HttpResponse:
    if request.method == "POST":
        form = WorkshopForm(request.POST)
        if form.is_valid():
            try:
                services.save_workshop(
                    process=process, actor=request.user, data=form.workshop_data(), workshop=workshop
                )
            except (ValidationError, PermissionDenied) as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Taller guardado."))
                return redirect("cocreation:workshop_list", process.slug)
    else:
        form = WorkshopForm(initial=WorkshopForm.initial_for(workshop) if workshop else {})
    title = _("Editar taller") if workshop else _("Nuevo taller")
    context = _context(
        request, process, [_workshops_crumb(process), (title, "")], form=form, workshop=workshop, page_title=title
    )
    return render(request, "cocreation/workshops/workshop_form.html", context)


@login_required
def workshop_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    if not request.user.has_perm("cocreation.manage_workshops", process):
        return _forbidden(request, process, _("Solo la secretaría registra los talleres."))
    return _workshop_form_view(request, process)


@login_required
def workshop_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = selectors.process_by_slug(slug)
    if not request.user.has_perm("cocreation.manage_workshops", process):
        return _forbidden(request, process, _("Solo la secretaría registra los talleres."))
    workshop = process.workshops.filter(pk=pk).first()
    if workshop is None:
        raise Http404(_("No existe ese taller."))
    return _workshop_form_view(request, process, workshop)
