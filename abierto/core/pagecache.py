"""A cache of the public pages as anonymous visitors see them, invalidated when what they show changes.

- Only anonymous GET/HEAD requests without a session are served from it, and only answers that are safe to
  share: status 200, no cookie set (so no CSRF token or message inside), not streamed, not marked private.
- The key holds the path with its query, the language, the day (so "overdue" marks move at midnight) and the
  version of the public data. Every committed write to a public model (post_save, post_delete, m2m_changed in the
  apps of ``PUBLIC_APPS``) raises the version once per transaction, after the commit: a reader can never cache
  the old data under the new version.
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
from django.utils import timezone

PUBLIC_APPS = {
    "plans",
    "institutions",
    "assessments",
    "monitoring",
    "forum",
    "cocreation",
    "selfassessments",
    "opendata",
}
SKIP_PREFIXES = ("/admin/", "/cuentas/", "/seguimiento/", "/avisos/", "/static/", "/media/", "/salud/", "/idioma/")
PRIVATE_COOKIES = ("sessionid", "messages")
HEADER = "X-Abierto-Cache"


def current_version() -> int:
    from abierto.core.models import DataVersion

    row = DataVersion.objects.filter(pk=1).values_list("counter", flat=True).first()
    return row or 0


def bump() -> None:
    """Raise the public-data version now (callers inside a transaction use :func:`bump_on_commit`)."""
    from abierto.core.models import DataVersion

    updated = DataVersion.objects.filter(pk=1).update(counter=models.F("counter") + 1)
    if not updated:
        DataVersion.objects.get_or_create(pk=1, defaults={"counter": 1})


def _bump_after_commit() -> None:
    bump()


def bump_on_commit() -> None:
    """Once per transaction, after it commits; at once outside a transaction. A rollback drops the pending
    callback with everything else, so nothing is left behind."""
    if not connection.in_atomic_block:
        bump()
        return
    if any(entry[1] is _bump_after_commit for entry in connection.run_on_commit):
        return
    transaction.on_commit(_bump_after_commit)


def _changed(sender, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is not None and meta.app_label in PUBLIC_APPS:
        bump_on_commit()


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


def _key(request, version: int) -> str:
    raw = f"{request.get_full_path()}|{getattr(request, 'LANGUAGE_CODE', '')}|{timezone.localdate()}|{version}"
    return "abierto:page:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "ABIERTO_PAGE_CACHE_SECONDS", 120)
        if not seconds or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request, current_version())
        cached = cache.get(key)
        if cached is not None:
            cached[HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if _cacheable_response(response):
            if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                response.render()
            cache.set(key, response, seconds)
            response[HEADER] = "miss"
        return response
