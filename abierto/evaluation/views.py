"""Thin views of the evaluation pages: read through selectors, write through services."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from abierto.cocreation import selectors as cocreation_selectors
from abierto.cocreation.services import _closed_message
from abierto.evaluation import selectors, services
from abierto.evaluation.forms import AssignEvenlyForm, AssignForm, ConflictForm, CriterionForm, PublishForm, ScoreForm
from abierto.evaluation.models import Assignment, Criterion
from abierto.evaluation.rules import evaluation_closed

SORT_CHOICES = [
    ("puesto", gettext_lazy("Lugar")),
    ("evaluaciones", gettext_lazy("Evaluaciones completas")),
    ("faltantes", gettext_lazy("Evaluaciones faltantes")),
    ("dispersion", gettext_lazy("Dispersión")),
    ("titulo", gettext_lazy("Título")),
]


def _base(slug: str):
    return cocreation_selectors.process_by_slug(slug)


def _context(process, crumbs: list, **extra) -> dict:
    base = [(_("Cocreación"), "/cocreacion/"), (process.title, process.get_absolute_url())]
    return {"process": process, "current_stage": process.current_stage(), "crumbs": [*base, *crumbs], **extra}


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("No tiene permiso para hacer esto.")


def _forbidden(request: HttpRequest, process, message: str) -> HttpResponse:
    context = _context(process, [(_("Acción no disponible"), "")], message=message)
    return render(request, "cocreation/closed.html", context, status=403)


def _add_errors(form, error: Exception) -> None:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, _error_text(error))


def _manage_crumbs(process) -> list:
    return [(_("Evaluación"), f"/cocreacion/{process.slug}/evaluacion/ranking/")]


def home(request: HttpRequest, slug: str) -> HttpResponse:
    """The entry of the evaluation: the ranking for the secretariat, the assignments for evaluators, the
    published results for everyone else, or a page saying when they will be published."""
    process = _base(slug)
    if request.user.has_perm("evaluation.manage", process):
        return redirect("evaluation:ranking", process.slug)
    if request.user.has_perm("evaluation.view_own_assignments", process):
        return redirect("evaluation:my_assignments", process.slug)
    if selectors.publication_of(process) is not None:
        return redirect("evaluation:results", process.slug)
    context = _context(process, [(_("Evaluación por la Mesa"), "")], stage=process.stage_for("evaluate"))
    return render(request, "evaluation/pending.html", context)


# --------------------------------------------------------------------------- evaluators


@login_required
def my_assignments(request: HttpRequest, slug: str) -> HttpResponse:
    process = _base(slug)
    if not request.user.has_perm("evaluation.view_own_assignments", process):
        return _forbidden(request, process, _("Esta página es para integrantes de la Mesa y evaluadores designados."))
    rows = selectors.my_assignments(request.user, process)
    done = sum(1 for row in rows if row.complete or row.conflicted)
    context = _context(
        process,
        [(_("Mis asignaciones"), "")],
        rows=rows,
        done=done,
        open_now=process.allows("evaluate"),
        closed_message=_closed_message(process, "evaluate", _("puntuar propuestas")),
    )
    return render(request, "evaluation/my_assignments.html", context)


@login_required
def score(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = _base(slug)
    assignment = selectors.assignment_for(request.user, process, pk)
    criteria = list(process.criteria.order_by("position", "pk"))
    can_score = request.user.has_perm("evaluation.score", assignment)
    status = 200
    if request.method == "POST":
        form = ScoreForm(request.POST, criteria=criteria)
        if form.is_valid():
            try:
                services.save_scores(assignment=assignment, actor=request.user, values=form.values())
            except (ValidationError, PermissionDenied) as error:
                _add_errors(form, error)
                status = 403 if isinstance(error, PermissionDenied) else 400
            else:
                messages.success(request, _("Sus puntajes quedaron guardados."))
                return redirect("evaluation:my_assignments", process.slug)
        else:
            status = 400
    else:
        form = ScoreForm(initial=ScoreForm.initial_for(criteria, assignment.scores.all()), criteria=criteria)
    context = _context(
        process,
        [
            (_("Mis asignaciones"), f"/cocreacion/{process.slug}/evaluacion/mis-asignaciones/"),
            (assignment.proposal.title, ""),
        ],
        assignment=assignment,
        proposal=assignment.proposal,
        form=form,
        conflict_form=ConflictForm(),
        can_score=can_score,
        can_declare=request.user.has_perm("evaluation.declare_conflict", assignment),
        conflict=getattr(assignment, "conflict", None),
        closed_message=_closed_message(process, "evaluate", _("puntuar propuestas")),
    )
    return render(request, "evaluation/score_form.html", context, status=status)


@login_required
def conflict(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = _base(slug)
    assignment = selectors.assignment_for(request.user, process, pk)
    form = ConflictForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.declare_conflict(assignment=assignment, actor=request.user, reason=form.cleaned_data["reason"])
            except (ValidationError, PermissionDenied) as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request, _("Su conflicto de interés quedó declarado: sus puntajes de esta propuesta no se cuentan.")
                )
                return redirect("evaluation:my_assignments", process.slug)
        status = 400
    context = _context(
        process,
        [
            (_("Mis asignaciones"), f"/cocreacion/{process.slug}/evaluacion/mis-asignaciones/"),
            (assignment.proposal.title, f"/cocreacion/{process.slug}/evaluacion/asignaciones/{assignment.pk}/"),
            (_("Conflicto de interés"), ""),
        ],
        assignment=assignment,
        proposal=assignment.proposal,
        form=form,
    )
    return render(request, "evaluation/conflict_form.html", context, status=status)


# --------------------------------------------------------------------------- the secretariat


def _criterion_data(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "reason"}


@login_required
def criteria(request: HttpRequest, slug: str) -> HttpResponse:
    process = _base(slug)
    if not request.user.has_perm("evaluation.manage", process):
        return _forbidden(request, process, _("Solo la secretaría define los criterios de evaluación."))
    form = CriterionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_criterion(
                    process=process, actor=request.user, data=_criterion_data(form), reason=form.cleaned_data["reason"]
                )
            except (ValidationError, PermissionDenied) as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Criterio agregado."))
                return redirect("evaluation:criteria", process.slug)
        status = 400
    rows = selectors.criteria(process)
    context = _context(
        process,
        [*_manage_crumbs(process), (_("Criterios"), "")],
        criteria=rows,
        total_weight=sum((c.weight for c in rows), 0),
        form=form,
    )
    return render(request, "evaluation/criteria.html", context, status=status)


@login_required
def criterion_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = _base(slug)
    if not request.user.has_perm("evaluation.manage", process):
        return _forbidden(request, process, _("Solo la secretaría define los criterios de evaluación."))
    criterion = get_object_or_404(Criterion, pk=pk, process=process)
    form = CriterionForm(request.POST or None, initial=CriterionForm.initial_for(criterion))
    status = 200
    if request.method == "POST" and request.POST.get("accion") == "eliminar":
        try:
            services.delete_criterion(criterion=criterion, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _error_text(error))
            return redirect("evaluation:criterion_edit", process.slug, criterion.pk)
        messages.success(request, _("Criterio eliminado."))
        return redirect("evaluation:criteria", process.slug)
    if request.method == "POST":
        try:
            if form.is_valid():
                services.save_criterion(
                    process=process,
                    actor=request.user,
                    data=_criterion_data(form),
                    criterion=criterion,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("Criterio actualizado."))
                return redirect("evaluation:criteria", process.slug)
        except (ValidationError, PermissionDenied) as error:
            _add_errors(form, error)
        status = 400
    context = _context(
        process,
        [
            *_manage_crumbs(process),
            (_("Criterios"), f"/cocreacion/{process.slug}/evaluacion/criterios/"),
            (criterion.name, ""),
        ],
        criterion=criterion,
        scored=criterion.scores.exists(),
        form=form,
    )
    return render(request, "evaluation/criterion_form.html", context, status=status)


@login_required
def assignments(request: HttpRequest, slug: str) -> HttpResponse:
    process = _base(slug)
    if not request.user.has_perm("evaluation.manage", process):
        return _forbidden(request, process, _("Solo la secretaría asigna propuestas."))
    people_qs = selectors.candidates()
    proposals_qs = selectors.eligible_proposals(process).order_by("title")
    action = request.POST.get("accion") if request.method == "POST" else None
    assign_form = AssignForm(
        request.POST if action == "asignar" else None, proposals=proposals_qs, people=people_qs, prefix="una"
    )
    even_form = AssignEvenlyForm(request.POST if action == "repartir" else None, people=people_qs, prefix="reparto")
    status = 200
    if action == "asignar":
        if assign_form.is_valid():
            try:
                services.assign(
                    proposal=assign_form.cleaned_data["proposal"],
                    evaluator=assign_form.cleaned_data["evaluator"],
                    actor=request.user,
                )
            except (ValidationError, PermissionDenied) as error:
                _add_errors(assign_form, error)
            else:
                messages.success(request, _("Propuesta asignada."))
                return redirect("evaluation:assignments", process.slug)
        status = 400
    elif action == "repartir":
        if even_form.is_valid():
            try:
                result = services.assign_evenly(
                    process=process,
                    evaluators=list(even_form.cleaned_data["evaluators"]),
                    k=even_form.cleaned_data["k"],
                    actor=request.user,
                )
            except (ValidationError, PermissionDenied) as error:
                _add_errors(even_form, error)
            else:
                messages.success(
                    request,
                    _("Se crearon %(n)s asignaciones.") % {"n": len(result.pairs)},
                )
                if result.short:
                    messages.warning(
                        request,
                        _(
                            "%(n)s propuesta(s) quedaron con menos evaluadores de los pedidos: no hay más personas "
                            "elegibles (nadie evalúa su propia propuesta)."
                        )
                        % {"n": len(result.short)},
                    )
                return redirect("evaluation:assignments", process.slug)
        status = 400
    overview = selectors.assignment_overview(process)
    loads: dict[str, int] = {}
    for item in overview:
        for a in item.assignments:
            name = a.evaluator.get_full_name() or a.evaluator.get_username()
            loads[name] = loads.get(name, 0) + 1
    context = _context(
        process,
        [*_manage_crumbs(process), (_("Asignación"), "")],
        overview=overview,
        loads=sorted(loads.items()),
        assign_form=assign_form,
        even_form=even_form,
    )
    return render(request, "evaluation/assignments.html", context, status=status)


@require_POST
@login_required
def unassign(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = _base(slug)
    if not request.user.has_perm("evaluation.manage", process):
        return _forbidden(request, process, _("Solo la secretaría asigna propuestas."))
    assignment = get_object_or_404(
        Assignment.objects.select_related("proposal__process", "evaluator"), pk=pk, proposal__process=process
    )
    try:
        services.unassign(assignment=assignment, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Asignación quitada."))
    return redirect("evaluation:assignments", process.slug)


@login_required
def ranking(request: HttpRequest, slug: str) -> HttpResponse:
    process = _base(slug)
    if not request.user.has_perm("evaluation.manage", process):
        return _forbidden(request, process, _("Solo la secretaría ve los puntajes agregados."))
    sort = request.GET.get("orden", "puesto")
    if sort not in selectors.SORTS:
        sort = "puesto"
    context = _context(
        process,
        [(_("Evaluación"), "")],
        ranking=selectors.ranking(process, sort),
        sort=sort,
        sort_choices=SORT_CHOICES,
        publication=selectors.publication_of(process),
        can_publish=evaluation_closed(process),
        publish_form=PublishForm(),
    )
    return render(request, "evaluation/ranking.html", context)


@login_required
def ranking_csv(request: HttpRequest, slug: str) -> HttpResponse:
    process = _base(slug)
    if not request.user.has_perm("evaluation.manage", process):
        raise Http404
    rows = selectors.ranking(process).rows
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evaluacion-{process.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "lugar",
            "propuesta_id",
            "titulo",
            "puntaje_0_100",
            "evaluaciones_completas",
            "evaluaciones_faltantes",
            "conflictos_declarados",
            "asignadas",
            "dispersion",
        ]
    )
    for row in rows:
        r = row.result
        writer.writerow(
            [
                r.rank if r.rank is not None else "",
                row.proposal.pk,
                row.proposal.title,
                r.score if r.score is not None else "",
                r.evaluations,
                r.missing,
                r.conflicts,
                r.assigned,
                r.spread if r.spread is not None else "",
            ]
        )
    return response


@require_POST
@login_required
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    process = _base(slug)
    if not request.user.has_perm("evaluation.manage", process):
        return _forbidden(request, process, _("Solo la secretaría publica los resultados."))
    form = PublishForm(request.POST)
    form.is_valid()
    try:
        services.publish_results(process=process, actor=request.user, note=form.cleaned_data.get("note", ""))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
        return redirect("evaluation:ranking", process.slug)
    messages.success(request, _("Resultados publicados."))
    return redirect("evaluation:results", process.slug)


# --------------------------------------------------------------------------- public


def results(request: HttpRequest, slug: str) -> HttpResponse:
    process = _base(slug)
    publication, rows = selectors.public_results(process)
    context = _context(
        process,
        [(_("Resultados de la evaluación"), "")],
        publication=publication,
        rows=rows,
        criteria=list(process.criteria.order_by("position", "pk")),
        scored=[r for r in rows if r.score is not None],
    )
    return render(request, "evaluation/results.html", context)
