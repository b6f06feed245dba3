"""The read API, ``/api/v1/``: every public resource as JSON, with filters, cursor pagination, conditional
requests (ETag, Last-Modified) and CORS for reads. Built from :mod:`abierto.opendata.resources`."""

import base64
import binascii
import hashlib
import json
import re
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from abierto.opendata.resources import REGISTRY, Resource

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
PAGING_PARAMS = ("cursor", "limit")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Link",
    "Access-Control-Max-Age": "86400",
}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details or {}


def _json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _with_cors(response: HttpResponse) -> HttpResponse:
    for header, value in CORS_HEADERS.items():
        response[header] = value
    return response


def _error(error: ApiError) -> HttpResponse:
    body = {"error": {"code": error.code, "message": error.message, "details": error.details}}
    response = HttpResponse(_json_bytes(body), status=error.status, content_type="application/json")
    return _with_cors(response)


def respond(
    request: HttpRequest, data: Any, *, last_modified=None, links: dict[str, str] | None = None
) -> HttpResponse:
    """A JSON answer that a client can revalidate: the ETag is a digest of the body, so it changes exactly when
    the data does; Last-Modified comes from the rows' own timestamps when they have them."""
    body = _json_bytes(data)
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    timestamp = last_modified.timestamp() if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    response["Cache-Control"] = "public, max-age=60"
    if links:
        response["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items())
    return _with_cors(response)


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(_json_bytes({"after": last_id})).decode("ascii").rstrip("=")


def decode_cursor(raw: str) -> int:
    try:
        padded = raw + "=" * (-len(raw) % 4)
        after = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))["after"]
        if not isinstance(after, int) or after < 0:
            raise ValueError(after)
        return after
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeError):
        raise ApiError(
            400, "invalid_cursor", _("El cursor no es válido: use el enlace «next» de la página anterior.")
        ) from None


def _resource(name: str) -> Resource:
    resource = REGISTRY.get(name)
    if resource is None:
        raise ApiError(
            404, "not_found", _("No existe el recurso «%(name)s».") % {"name": name}, {"resources": sorted(REGISTRY)}
        )
    return resource


def _limit(request: HttpRequest) -> int:
    raw = request.GET.get("limit")
    if raw is None:
        return DEFAULT_LIMIT
    try:
        limit = int(raw)
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        raise ApiError(
            400,
            "invalid_parameter",
            _("«limit» debe ser un número entero entre 1 y %(max)s.") % {"max": MAX_LIMIT},
            {"limit": raw},
        )
    return limit


def _filtered(request: HttpRequest, resource: Resource):
    rows = resource.rows()
    known = {flt.param: flt for flt in resource.filters}
    unknown = sorted(set(request.GET) - set(known) - set(PAGING_PARAMS))
    if unknown:
        raise ApiError(
            400,
            "unknown_parameter",
            _("Parámetros desconocidos: %(names)s.") % {"names": ", ".join(unknown)},
            {"allowed": sorted(known) + list(PAGING_PARAMS)},
        )
    invalid: dict[str, str] = {}
    for param, flt in known.items():
        raw = request.GET.get(param)
        if raw is None or (raw == "" and flt.type == "string"):
            continue
        try:
            rows = rows.filter(**{flt.lookup: flt.parse(raw)})
        except (ValueError, ValidationError):
            invalid[param] = raw
    if invalid:
        raise ApiError(
            400,
            "invalid_parameter",
            _("Valores no válidos en: %(names)s.") % {"names": ", ".join(sorted(invalid))},
            invalid,
        )
    return rows


def _page_url(request: HttpRequest, **changes: Any) -> str:
    params = {key: value for key, value in request.GET.items() if key not in changes}
    params.update({key: value for key, value in changes.items() if value is not None})
    query = urlencode(params)
    return request.build_absolute_uri(request.path + (f"?{query}" if query else ""))


def _api(view):
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            return _with_cors(HttpResponse(status=204))
        try:
            return view(request, *args, **kwargs)
        except ApiError as error:
            return _error(error)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    # Read-only views: any other method is answered 405 by the view, not 403 by the CSRF check.
    return csrf_exempt(require_http_methods(["GET", "HEAD", "OPTIONS"])(wrapper))


@_api
def index(request: HttpRequest) -> HttpResponse:
    data = {
        "name": "Abierto",
        "version": "v1",
        "openapi": request.build_absolute_uri(reverse("opendata:openapi")),
        "documentation": request.build_absolute_uri(reverse("opendata:docs")),
        "license": "CC-BY-4.0",
        "resources": [
            {
                "name": resource.name,
                "title": resource.title(),
                "url": request.build_absolute_uri(reverse("opendata:list", args=[resource.name])),
            }
            for resource in REGISTRY.values()
        ],
    }
    return respond(request, data)


@_api
def resource_list(request: HttpRequest, name: str) -> HttpResponse:
    resource = _resource(name)
    limit = _limit(request)
    rows = _filtered(request, resource)
    cursor = request.GET.get("cursor")
    if cursor:
        rows = rows.filter(pk__gt=decode_cursor(cursor))
    page = list(rows.order_by("pk")[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    next_url = _page_url(request, cursor=encode_cursor(page[-1].pk)) if more else None
    # No Last-Modified on lists: a row deleted from a page changes it without changing any row's timestamp.
    # The ETag, a digest of the body, catches every change.
    data = {"results": [resource.serialize(row) for row in page], "next": next_url}
    return respond(request, data, links={"next": next_url} if next_url else None)


@_api
def resource_detail(request: HttpRequest, name: str, pk: str) -> HttpResponse:
    resource = _resource(name)
    row = resource.rows().filter(pk=int(pk)).first() if re.fullmatch(r"[0-9]{1,18}", pk) else None
    if row is None:
        raise ApiError(404, "not_found", _("No existe ese registro, o no es público."), {"id": pk})
    last_modified = getattr(row, resource.modified_field) if resource.modified_field else None
    return respond(request, resource.serialize(row), last_modified=last_modified)


@_api
def not_found(request: HttpRequest) -> HttpResponse:
    raise ApiError(404, "not_found", _("No existe esa dirección en la API."), {"path": request.path})
