"""The home page and the public methodology."""

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from abierto.plans import selectors


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"data": selectors.home_data()})


def methodology(request: HttpRequest) -> HttpResponse:
    return render(request, "core/methodology.html", {"crumbs": [(_("Metodología"), "")]})


def switch_language(request: HttpRequest, code: str) -> HttpResponseRedirect:
    """The language switch is a plain link, so public pages carry no form token and can be cached for everyone.
    Choosing a language only sets a preference cookie; the visitor goes back to the page they were on."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
    return response


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: the database answers, the cache answers, the job queue is not stuck.
    503 when the database or the cache fails; the backlog is reported, never fatal."""
    from django.core.cache import cache
    from django.utils import timezone

    from abierto.jobs.models import Job

    checks: dict[str, object] = {}
    healthy = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = {"ok": True, "vendor": connection.vendor}
    except Exception as error:  # the point of this view is to report any failure
        healthy = False
        checks["database"] = {"ok": False, "error": type(error).__name__}
    try:
        cache.set("abierto:health", "ok", 10)
        checks["cache"] = {"ok": cache.get("abierto:health") == "ok"}
        healthy = healthy and checks["cache"]["ok"]
    except Exception as error:
        healthy = False
        checks["cache"] = {"ok": False, "error": type(error).__name__}
    if checks["database"]["ok"]:
        now = timezone.now()
        due = Job.objects.filter(status=Job.Status.QUEUED, run_at__lte=now)
        oldest = due.order_by("run_at").values_list("run_at", flat=True).first()
        checks["jobs"] = {
            "due": due.count(),
            "oldest_due_seconds": int((now - oldest).total_seconds()) if oldest else 0,
            "failed": Job.objects.filter(status=Job.Status.FAILED).count(),
        }
    return JsonResponse({"ok": healthy, "checks": checks}, status=200 if healthy else 503)
