"""Public pages of the registry: plans, a plan, a commitment. Thin: selectors do the reading."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from abierto.core import charts
from abierto.plans import selectors, services
from abierto.plans.forms import CarryForwardForm
from abierto.plans.models import ActionPlan, Commitment, Milestone


def plan_index(request: HttpRequest) -> HttpResponse:
    data = selectors.plan_index(government_code=request.GET.get("gobierno"))
    return render(request, "plans/plan_index.html", {"data": data, "crumbs": [(_("Planes de acción"), "")]})


def plan_detail(request: HttpRequest, plan_slug: str) -> HttpResponse:
    plan = selectors.plan_by_slug(plan_slug)
    crumbs = [(_("Planes de acción"), "/planes/"), (plan.title, "")]
    if plan.kind == ActionPlan.Kind.ROADMAP:
        page = selectors.roadmap_page(plan)
        return render(request, "plans/roadmap.html", {"page": page, "plan": plan, "crumbs": crumbs})

    filters = selectors.PlanFilters.from_query(request.GET)
    page = selectors.plan_page(plan, filters)
    figures_charts = []
    if page.has_milestones:
        figures_charts = [
            charts.count_bars(
                _("Distribución de compromisos por tramo de avance calculado"),
                [charts.Bar(label, n) for _code, label, n in page.bands],
                description=_("Cuántos compromisos caen en cada tramo de avance calculado desde sus hitos."),
            ),
            charts.percent_bars(
                _("Avance calculado por compromiso"),
                [charts.Bar(c.code, c.progress_computed) for c in page.commitments if not c.is_withdrawn],
                value_header=_("Avance calculado (%)"),
            ),
            charts.percent_bars(
                _("Avance promedio por institución responsable"),
                [charts.Bar(g.label, g.mean, note=f"{g.n_counted}/{g.n}") for g in page.by_institution],
                note_header=_("Compromisos con avance / total"),
            ),
            charts.percent_bars(
                _("Avance promedio por poder del Estado"),
                [charts.Bar(g.label, g.mean, note=f"{g.n_counted}/{g.n}") for g in page.by_branch],
                note_header=_("Compromisos con avance / total"),
            ),
        ]
        if page.by_value:
            figures_charts.append(
                charts.percent_bars(
                    _("Avance promedio por valor OGP"),
                    [charts.Bar(g.label, g.mean, note=f"{g.n_counted}/{g.n}") for g in page.by_value],
                    note_header=_("Compromisos con avance / total"),
                )
            )
    return render(
        request,
        "plans/plan_detail.html",
        {
            "page": page,
            "plan": plan,
            "charts": figures_charts,
            "crumbs": crumbs,
            "value_choices": selectors.value_choices(),
            "band_choices": [(code, label) for code, label, _n in page.bands],
            "sort_choices": [
                ("codigo", _("Número")),
                ("titulo", _("Título")),
                ("-avance", _("Mayor avance")),
                ("avance", _("Menor avance")),
                ("institucion", _("Institución")),
                ("termino", _("Fecha de término")),
            ],
        },
    )


def commitment_detail(request: HttpRequest, plan_slug: str, code: str) -> HttpResponse:
    plan = selectors.plan_by_slug(plan_slug)
    page = selectors.commitment_page(plan, code)
    commitment = page.commitment
    indicator_charts = []
    for indicator in page.indicators:
        points = [(m.date.strftime("%m-%Y"), m.value) for m in indicator.measurements.all()]
        if points:
            indicator_charts.append(
                (
                    indicator,
                    charts.indicator_line(
                        indicator.name,
                        points,
                        baseline=indicator.baseline_value,
                        target=indicator.target_value,
                        unit=indicator.unit,
                    ),
                )
            )
        else:
            indicator_charts.append((indicator, None))
    crumbs = [(_("Planes de acción"), "/planes/"), (plan.title, plan.get_absolute_url()), (commitment.code, "")]
    return render(
        request,
        "plans/commitment_detail.html",
        {
            "page": page,
            "c": commitment,
            "plan": plan,
            "crumbs": crumbs,
            "indicator_charts": indicator_charts,
            "Status": Milestone.Status,
            "can_carry_forward": request.user.has_perm("plans.carry_forward_commitment", commitment),
            "can_assess": request.user.has_perm("plans.assess_commitment", commitment),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_carry_forward(request: HttpRequest, plan_slug: str, code: str) -> HttpResponse:
    """The secretariat carries an unfinished commitment into a later plan."""
    plan = selectors.plan_by_slug(plan_slug)
    commitment = get_object_or_404(Commitment.objects.select_related("plan"), plan=plan, code=code)
    if not request.user.has_perm("plans.carry_forward_commitment", commitment):
        raise PermissionDenied(_("Solo la secretaría ejecutiva puede continuar compromisos en otro plan."))
    form = CarryForwardForm(request.POST or None, commitment=commitment)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.commitment_carry_forward(
                commitment=commitment,
                plan=form.cleaned_data["plan"],
                code=form.cleaned_data["code"],
                actor=request.user,
            )
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                for message in messages_:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("El compromiso continúa en %(plan)s.") % {"plan": new.plan.title})
            return redirect(new.get_absolute_url())
    crumbs = [
        (_("Planes de acción"), "/planes/"),
        (plan.title, plan.get_absolute_url()),
        (commitment.code, commitment.get_absolute_url()),
        (_("Continuar en otro plan"), ""),
    ]
    return render(request, "plans/carry_forward.html", {"form": form, "c": commitment, "crumbs": crumbs})
