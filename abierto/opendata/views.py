"""The API's documentation page and its OpenAPI document."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from abierto.opendata import api, openapi
from abierto.opendata.resources import REGISTRY


@api._api
def openapi_document(request: HttpRequest) -> HttpResponse:
    return api.respond(request, openapi.document(request.build_absolute_uri("/").rstrip("/")))


def docs(request: HttpRequest) -> HttpResponse:
    example = request.build_absolute_uri(reverse("opendata:list", args=["commitments"])) + "?plan=5&limit=2"
    return render(
        request,
        "opendata/docs.html",
        {
            "resources": list(REGISTRY.values()),
            "api_root": request.build_absolute_uri(reverse("opendata:index")),
            "openapi_url": request.build_absolute_uri(reverse("opendata:openapi")),
            "example": example,
            "max_limit": api.MAX_LIMIT,
            "default_limit": api.DEFAULT_LIMIT,
        },
    )
