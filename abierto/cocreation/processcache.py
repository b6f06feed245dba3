"""A short-lived copy of each process with its stages and plan, read on every co-creation request.

Every page and every action of a process starts by reading the process, its plan and its dated stages (the
stages say what is open today). They change a few times a year, while a viral consultation reads them on every
support. So :func:`get` keeps the instances, stages prefetched, in the default cache for
``ABIERTO_PROCESS_CACHE_SECONDS`` (0 turns it off, as in the tests), and only the clock is read live: an entry
never says whether a stage is open, only its dates.

Invalidation: saving or deleting a process, a stage or a plan raises a generation number at once and again
after the commit, and an entry of another generation is ignored. The generation and the entry are read in one
round trip. With Redis (``REDIS_URL``) that is shared by every app server; with the per-process memory cache
another worker may keep an old copy until it expires, which is why the expiry is short.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

GENERATION_KEY = "cocreation:process:generation"


def seconds() -> int:
    return int(getattr(settings, "ABIERTO_PROCESS_CACHE_SECONDS", 0))


def _key(slug: str) -> str:
    return f"cocreation:process:slug:{slug}"


def get(slug: str, load):
    """The process ``slug`` from the cache, or ``load(slug)`` (which may return None: not cached)."""
    timeout = seconds()
    if timeout <= 0:
        return load(slug)
    key = _key(slug)
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    entry = found.get(key)
    if generation is not None and entry is not None and entry[0] == generation:
        return entry[1]
    if generation is None:
        generation = _start_generation()
    process = load(slug)
    if process is not None:
        cache.set(key, (generation, process), timeout)
    return process


def _start_generation() -> int:
    # A clock reading, so that a cache emptied (or restarted) never meets an entry of an older generation again.
    cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
    return cache.get(GENERATION_KEY)


def invalidate() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or evicted): any new one differs from what entries hold
        _start_generation()


def _changed(sender, **kwargs) -> None:
    if seconds() <= 0:
        return
    invalidate()  # now, for this process's next read inside the transaction
    transaction.on_commit(invalidate)  # and after the commit, past any copy another request took meanwhile


def connect_signals() -> None:
    from abierto.cocreation.models import CoCreationProcess, Stage
    from abierto.plans.models import ActionPlan

    for model in (CoCreationProcess, Stage, ActionPlan):
        post_save.connect(_changed, sender=model, dispatch_uid=f"cocreation.processcache.save.{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"cocreation.processcache.delete.{model.__name__}")
