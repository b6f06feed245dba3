"""Evaluators record the independent (IRM) assessment of a commitment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from abierto.assessments.forms import AssessmentForm
from abierto.assessments.models import Assessment
from abierto.plans import selectors, services
from abierto.plans.models import Commitment


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, plan_slug: str, code: str) -> HttpResponse:
    plan = selectors.plan_by_slug(plan_slug)
    commitment = get_object_or_404(Commitment.objects.select_related("plan"), plan=plan, code=code)
    if not request.user.has_perm("plans.assess_commitment", commitment):
        raise PermissionDenied(_("Solo evaluadores independientes y la secretaría registran evaluaciones."))
    assessment = Assessment.objects.filter(commitment=commitment).first() or Assessment(commitment=commitment)
    form = AssessmentForm(request.POST or None, instance=assessment)
    if request.method == "POST" and form.is_valid():
        services.save(form.instance, actor=request.user)
        messages.success(request, _("Evaluación guardada."))
        return redirect(f"{commitment.get_absolute_url()}#irm")
    crumbs = [
        (_("Planes de acción"), "/planes/"),
        (plan.title, plan.get_absolute_url()),
        (commitment.code, commitment.get_absolute_url()),
        (_("Evaluación independiente"), ""),
    ]
    return render(
        request,
        "assessments/assessment_form.html",
        {"form": form, "c": commitment, "assessment": assessment, "crumbs": crumbs},
    )
