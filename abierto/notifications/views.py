"""Choosing how often to hear from the site, following commitments, and leaving with one click."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from abierto.notifications import services
from abierto.notifications.models import Follow, Preference
from abierto.plans.models import Commitment


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        frequency = request.POST.get("frequency", "")
        if frequency in Preference.Frequency.values:
            services.set_frequency(request.user, frequency)
            messages.success(request, _("Guardamos su preferencia de avisos."))
            return redirect("notifications:preferences")
        messages.error(request, _("Elija una de las frecuencias."))
    preference = Preference(user=request.user, frequency=services.frequency_for(request.user))
    follows = Follow.objects.filter(user=request.user).select_related("commitment__plan")
    return render(
        request,
        "notifications/preferences.html",
        {
            "preference": preference,
            "frequencies": Preference.Frequency.choices,
            "follows": follows,
            "crumbs": [(_("Mis avisos"), "")],
        },
    )


@login_required
@require_POST
def follow(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = get_object_or_404(Commitment.objects.select_related("plan"), pk=commitment_id)
    action = request.POST.get("accion", "")
    if action == "dejar" or (action != "seguir" and services.is_following(request.user, commitment)):
        services.unfollow(request.user, commitment)
        messages.success(request, _("Ya no sigue el compromiso %(code)s.") % {"code": commitment.code})
    else:
        services.follow(request.user, commitment)
        messages.success(
            request, _("Sigue el compromiso %(code)s: le avisaremos de sus cambios.") % {"code": commitment.code}
        )
    target = request.POST.get("next", "")
    hosts = {request.get_host()}
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts=hosts, require_https=request.is_secure())
    if not safe:
        target = commitment.get_absolute_url()
    return redirect(target)


@csrf_exempt  # reached from an email (and by mail clients' one-click unsubscribe); the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    user_id = services.user_id_from_token(token)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id is not None else None
    if user is None:
        return render(request, "notifications/unsubscribe.html", {"valid": False}, status=400)
    services.set_frequency(user, Preference.Frequency.NONE)
    return render(request, "notifications/unsubscribe.html", {"valid": True, "email": user.email})
