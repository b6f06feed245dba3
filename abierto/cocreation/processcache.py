"""Short-lived copies of what every co-creation request reads and rarely changes.

- ``processes``: each process with its plan and dated stages. Every page and every action of a process starts by
  reading them (the stages say what is open today); they change a few times a year, while a viral consultation
  reads them on every support. Only the dates are kept: whether a stage is open is decided by the clock on each
  request.
- ``proposal_counts``: how many visible proposals a list (a process, a theme, a region…) holds, the count its
  pages are numbered from. Counting one theme's proposals among 100,000 takes tens of milliseconds; the count
  changes only when a proposal is published, edited, hidden or moved between themes, not when it is supported.

Each is kept in the default cache for ``ABIERTO_PROCESS_CACHE_SECONDS`` (0 turns both off, as in the tests) under
a generation number: saving or deleting what an entry is built from raises it at once and again after the commit,
and an entry of another generation is ignored. The generation and the entry are read in one round trip. With
Redis (``REDIS_URL``) that is shared by every app server; with the per-process memory cache another worker may
keep an old copy until it expires, which is why the expiry is short.
"""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save


def seconds() -> int:
    return int(getattr(settings, "ABIERTO_PROCESS_CACHE_SECONDS", 0))


class Generational:
    """Entries read together with a generation number that one call to :meth:`invalidate` makes stale."""

    def __init__(self, name: str) -> None:
        self.generation_key = f"cocreation:{name}:generation"
        self.prefix = f"cocreation:{name}:entry:"

    def get(self, key: str, load: Callable[[], Any]) -> Any:
        """The entry ``key``, or ``load()`` kept as the entry (None is never kept: "not found" is not cached)."""
        timeout = seconds()
        if timeout <= 0:
            return load()
        full_key = self.prefix + key
        found = cache.get_many([self.generation_key, full_key])
        generation = found.get(self.generation_key)
        entry = found.get(full_key)
        if generation is not None and entry is not None and entry[0] == generation:
            return entry[1]
        if generation is None:
            generation = self._start()
        value = load()
        if value is not None:
            cache.set(full_key, (generation, value), timeout)
        return value

    def _start(self) -> int:
        # A clock reading, so that a cache emptied (or restarted) never meets an entry of an older generation.
        cache.add(self.generation_key, time.time_ns(), timeout=None)
        return cache.get(self.generation_key)

    def invalidate(self) -> None:
        try:
            cache.incr(self.generation_key)
        except ValueError:  # no generation yet (or evicted): any new one differs from what entries hold
            self._start()

    def changed(self, sender=None, **kwargs) -> None:
        """A signal receiver: now, for the next read inside the transaction, and after the commit, past any copy
        another request took meanwhile."""
        if seconds() <= 0:
            return
        self.invalidate()
        transaction.on_commit(self.invalidate)


processes = Generational("process")
proposal_counts = Generational("proposal-count")


def connect_signals() -> None:
    from abierto.cocreation.models import CoCreationProcess, Proposal, Stage, Theme
    from abierto.plans.models import ActionPlan

    receivers = [
        (processes, (CoCreationProcess, Stage, ActionPlan)),
        (proposal_counts, (CoCreationProcess, Proposal, Theme)),
    ]
    for generational, models in receivers:
        for model in models:
            uid = f"cocreation.cache.{generational.generation_key}.{model.__name__}"
            post_save.connect(generational.changed, sender=model, dispatch_uid=f"{uid}.save", weak=False)
            post_delete.connect(generational.changed, sender=model, dispatch_uid=f"{uid}.delete", weak=False)
    m2m_changed.connect(
        proposal_counts.changed, sender=Proposal.themes.through, dispatch_uid="cocreation.cache.themes", weak=False
    )
