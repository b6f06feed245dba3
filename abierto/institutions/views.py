"""Public pages of institutions: the list, and one institution's commitments across plans."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from abierto.institutions.models import Institution
from abierto.plans import selectors


def institution_index(request: HttpRequest) -> HttpResponse:
    branch = request.GET.get("poder", "")
    if branch not in Institution.Branch.values:
        branch = ""
    institutions = selectors.institution_index(branch=branch, page=request.GET.get("pagina"))
    return render(
        request,
        "institutions/institution_index.html",
        {
            "institutions": institutions,
            "branch": branch,
            "branches": Institution.Branch.choices,
            "crumbs": [(_("Instituciones"), "")],
        },
    )


def institution_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.institution_page(slug)
    return render(
        request,
        "institutions/institution_detail.html",
        {"page": page, "crumbs": [(_("Instituciones"), "/instituciones/"), (page.institution.name, "")]},
    )
