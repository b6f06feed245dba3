"""The home page and the public methodology."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from abierto.plans import selectors


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"data": selectors.home_data()})


def methodology(request: HttpRequest) -> HttpResponse:
    return render(request, "core/methodology.html", {"crumbs": [(_("Metodología"), "")]})
