"""The open-data page and its downloads: the bulk zip, one CSV per resource (streamed), the DCAT catalogue."""

import json

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from abierto.opendata import dcat, export
from abierto.opendata.resources import REGISTRY
from abierto.plans.models import ActionPlan


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    from abierto.cocreation.models import CoCreationProcess

    plans = ActionPlan.objects.select_related("government").order_by("government__name", "-start_year", "kind")
    processes = CoCreationProcess.objects.order_by("-created_at", "pk").only("slug", "title")
    return render(
        request,
        "opendata/index.html",
        {
            "package": export.latest(),
            "resources": list(REGISTRY.values()),
            "plans": plans,
            "processes": processes,
            "site_url": settings.ABIERTO_SITE_URL,
        },
    )


@require_GET
def package(request: HttpRequest) -> FileResponse:
    latest = export.latest()
    if latest is None or not latest.file:
        raise Http404("Todavía no hay una descarga masiva generada.")
    response = FileResponse(latest.file.open("rb"), as_attachment=True, filename="abierto-datos.zip")
    response["Content-Type"] = "application/zip"
    response["Access-Control-Allow-Origin"] = "*"
    response["ETag"] = f'"{latest.sha256}"'
    return response


@require_GET
def resource_csv(request: HttpRequest, name: str) -> StreamingHttpResponse:
    resource = REGISTRY.get(name)
    if resource is None:
        raise Http404(name)
    response = StreamingHttpResponse(export.stream_csv(resource), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{resource.name}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    base = request.build_absolute_uri("/").rstrip("/")
    body = json.dumps(dcat.catalogue(base), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/ld+json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response
