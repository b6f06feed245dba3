from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from abierto.search import selectors
from abierto.search.models import SearchDocument

Kind = SearchDocument.Kind

# The ``tipo`` parameter, in Spanish like the rest of the address, and the tab of each kind.
KIND_BY_PARAM = {
    "planes": Kind.PLAN,
    "compromisos": Kind.COMMITMENT,
    "hitos": Kind.MILESTONE,
    "instituciones": Kind.INSTITUTION,
}
PARAM_BY_KIND = {kind: param for param, kind in KIND_BY_PARAM.items()}
KIND_TABS = [
    (Kind.PLAN, _("Planes de acción")),
    (Kind.COMMITMENT, _("Compromisos")),
    (Kind.MILESTONE, _("Hitos")),
    (Kind.INSTITUTION, _("Instituciones")),
]


def _page_number(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def _url(query: str, kind: str | None = None, page: int = 1) -> str:
    params = {"q": query}
    if kind:
        params["tipo"] = PARAM_BY_KIND[kind]
    if page > 1:
        params["pagina"] = str(page)
    return reverse("search:search") + "?" + urlencode(params)


def search(request: HttpRequest) -> HttpResponse:
    tipo = request.GET.get("tipo", "")
    kind = KIND_BY_PARAM.get(tipo) or (tipo if tipo in PARAM_BY_KIND else None)
    results = selectors.search(request.GET.get("q", ""), kind=kind, page=_page_number(request.GET.get("pagina")))
    query = results.query

    tabs = [{"label": _("Todos"), "count": results.total_all, "url": _url(query), "current": results.kind is None}]
    tabs += [
        {
            "label": label,
            "count": results.counts[tab_kind],
            "url": _url(query, tab_kind),
            "current": results.kind == tab_kind,
        }
        for tab_kind, label in KIND_TABS
    ]
    previous_url = _url(query, results.kind, results.previous_page_number) if results.has_previous else ""
    next_url = _url(query, results.kind, results.next_page_number) if results.has_next else ""
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "results": results,
            "tabs": tabs,
            "previous_url": previous_url,
            "next_url": next_url,
            "crumbs": [(_("Buscar"), None)],
        },
    )
