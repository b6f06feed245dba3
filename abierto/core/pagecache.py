"""A cache of the public pages as anonymous visitors see them, invalidated when what they show changes.

- Only anonymous GET/HEAD requests without a session are served from it, and only answers that are safe to
  share: status 200, no cookie set (so no CSRF token or message inside), not streamed, not marked private.
- The key holds the path with its query, the language, the day (so "overdue" marks move at midnight) and the
  versions of the public data the page is built from. Every committed write to a public model (post_save,
  post_delete, m2m_changed) raises the version of its scope once per transaction, after the commit: a reader can
  never cache the old data under the new version. A support, written without a model save, raises it as the last
  statement of its own transaction instead: the version and the rows become visible together, the same guarantee
  with one commit instead of two.
- Scopes keep a busy consultation from emptying the whole cache: a support or a comment raises only
  "participation", which the co-creation pages (and the forum's standards page) depend on, while the registry's
  pages, the bulk of the traffic, stay cached. ``SCOPE_OF_MODEL`` and ``SCOPES_OF_PATH`` say what depends on
  what; a page not listed depends on every scope.
- Entries also expire after ``ABIERTO_PAGE_CACHE_SECONDS``, for what depends on the clock within a day (a
  co-creation stage that opens at 09:00).

The cache is the default Django cache: Redis when ``REDIS_URL`` is set (shared by all app servers), memory of
each process otherwise. The version is in the database, so it is shared in both cases.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponseNotModified
from django.utils import timezone
from django.utils.http import parse_etags

# The scope of each public app; co-creation's participation models have their own scope (below).
SCOPE_OF_APP = {
    "plans": "registry",
    "institutions": "registry",
    "assessments": "registry",
    "monitoring": "registry",
    "selfassessments": "registry",
    "opendata": "registry",
    "forum": "forum",
    "cocreation": "cocreation",
    "evaluation": "cocreation",
    "consultation": "participation",
}
SCOPE_OF_MODEL = {
    ("cocreation", name): "participation"
    for name in ("proposal", "proposallink", "proposalfile", "support", "comment", "flag", "participation")
}
# The forum's scoring is private until published: a score never drops the registry's or the forum's pages.
SCOPE_OF_MODEL.update(
    {("evaluation", name): "participation" for name in ("assignment", "score", "conflictdeclaration")}
)
SCOPES = ("registry", "forum", "cocreation", "participation")
# Longest prefix first. The registry's pages show links to a plan's process and its standards page, so they
# depend on co-creation's structure and on the forum, never on each support or comment.
SCOPES_OF_PATH = (
    ("/mesa/estandares/", SCOPES),
    ("/mesa/", ("registry", "forum", "cocreation")),
    ("/cocreacion/", SCOPES),
    ("/api/", SCOPES),  # the read API publishes proposals and their support counts too
    ("/", ("registry", "forum", "cocreation")),
)
SKIP_PREFIXES = ("/admin/", "/cuentas/", "/seguimiento/", "/avisos/", "/static/", "/media/", "/salud/", "/idioma/")
PRIVATE_COOKIES = ("sessionid", "messages")
HEADER = "X-Abierto-Cache"


def versions() -> dict[str, int]:
    from abierto.core.models import DataVersion

    return dict(DataVersion.objects.values_list("scope", "counter"))


def current_version(scope: str = "registry") -> int:
    return versions().get(scope, 0)


def bump(scope: str = "registry") -> None:
    """Raise a scope's version now (callers inside a transaction use :func:`bump_on_commit`)."""
    from abierto.core.models import DataVersion

    # One statement written by hand: it runs after every support and comment of a busy consultation.
    table = connection.ops.quote_name(DataVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET counter = counter + 1 WHERE scope = %s", [scope])
        updated = cursor.rowcount
    if not updated:
        _row, created = DataVersion.objects.get_or_create(scope=scope, defaults={"counter": 1})
        if not created:
            DataVersion.objects.filter(scope=scope).update(counter=models.F("counter") + 1)


class _AfterCommit:
    """The pending bump of one scope in the current transaction (one callback per scope)."""

    def __init__(self, scope: str) -> None:
        self.scope = scope

    def __call__(self) -> None:
        bump(self.scope)


def bump_on_commit(scope: str = "registry") -> None:
    """Once per scope and transaction, after it commits; at once outside a transaction. A rollback drops the
    pending callback with everything else, so nothing is left behind."""
    if not connection.in_atomic_block:
        bump(scope)
        return
    for entry in connection.run_on_commit:
        if isinstance(entry[1], _AfterCommit) and entry[1].scope == scope:
            return
    transaction.on_commit(_AfterCommit(scope))


def scope_of(meta) -> str | None:
    return SCOPE_OF_MODEL.get((meta.app_label, meta.model_name)) or SCOPE_OF_APP.get(meta.app_label)


def _changed(sender, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    scope = scope_of(meta) if meta is not None else None
    if scope is not None:
        bump_on_commit(scope)


def connect_signals() -> None:
    post_save.connect(_changed, dispatch_uid="abierto.pagecache.save")
    post_delete.connect(_changed, dispatch_uid="abierto.pagecache.delete")
    m2m_changed.connect(_changed, dispatch_uid="abierto.pagecache.m2m")


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if any(name in request.COOKIES for name in PRIVATE_COOKIES):
        return False
    return not request.path.startswith(SKIP_PREFIXES)


def _cacheable_response(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def scopes_of_path(path: str) -> tuple[str, ...]:
    for prefix, scopes in SCOPES_OF_PATH:
        if path.startswith(prefix):
            return scopes
    return SCOPES


def _key(request, known: dict[str, int]) -> str:
    stamp = ",".join(f"{scope}{known.get(scope, 0)}" for scope in scopes_of_path(request.path))
    raw = f"{request.get_full_path()}|{getattr(request, 'LANGUAGE_CODE', '')}|{timezone.localdate()}|{stamp}"
    return "abierto:page:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _etag(key: str) -> str:
    """The validator of a cached page: its key, which changes whenever the data the page shows changes."""
    return f'"{key[-32:]}"'


def _not_modified(etag: str) -> HttpResponseNotModified:
    response = HttpResponseNotModified()
    response["ETag"] = etag
    response[HEADER] = "not-modified"
    return response


class PublicPageCacheMiddleware:
    """Also answers revalidations: a request whose ``If-None-Match`` holds the page's current validator gets a
    bodiless 304 at the cost of one query. nginx's cache in front (docs/deploy.md) revalidates this way when its
    copy expires, so it keeps pages much longer than a second without ever keeping one the data has moved past
    for longer than its validity."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "ABIERTO_PAGE_CACHE_SECONDS", 120)
        if not seconds or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request, versions())
        etag = _etag(key)
        if etag in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
            return _not_modified(etag)
        cached = cache.get(key)
        if cached is not None:
            cached[HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if _cacheable_response(response):
            if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                response.render()
            if not response.has_header("ETag"):
                response["ETag"] = etag
            cache.set(key, response, seconds)
            response[HEADER] = "miss"
        return response
