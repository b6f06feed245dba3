"""Background jobs kept in the database, so they survive a restart and need no extra service.

Declaring a task (in an app's ``tasks`` module, imported when Django starts)::

    @task("notifications.send_email")
    def send_email(notification_id: int) -> None: ...

Queueing it, usually inside the write transaction that caused it::

    enqueue("notifications.send_email", {"notification_id": 3})

The row is written in the caller's transaction: a rollback leaves no job, and workers only see
it once the transaction commits. Workers (``manage.py run_worker``) claim one job at a time:

- PostgreSQL: ``SELECT … FOR UPDATE SKIP LOCKED`` in a short transaction, then the row is marked
  running with a lease (``locked_until``). Concurrent workers skip rows another one holds.
- SQLite: an atomic conditional ``UPDATE … WHERE id = ? AND status = 'queued'``; whoever changes
  the row (rowcount 1) owns the job, the others try the next one.

A job whose lease expires (its worker died) goes back to the queue; a failing job is retried with
exponential backoff until ``max_attempts``, then marked failed with its last error.
"""

import logging
import os
import signal
import socket
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from abierto.jobs.models import Job

logger = logging.getLogger("abierto.jobs")

_registry: dict[str, Callable[..., Any]] = {}


class UnknownTask(LookupError):
    pass


def task(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``func`` as the task ``name``. The function receives the payload as keyword arguments."""

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        existing = _registry.get(name)
        if existing is not None and existing is not func and _qualname(existing) != _qualname(func):
            raise ValueError(f"Task {name!r} is already registered by {_qualname(existing)}.")
        _registry[name] = func
        func.task_name = name  # type: ignore[attr-defined]
        return func

    return register


def _qualname(func: Callable[..., Any]) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def registered_tasks() -> dict[str, Callable[..., Any]]:
    return dict(_registry)


def get_task(name: str) -> Callable[..., Any]:
    try:
        return _registry[name]
    except KeyError:
        raise UnknownTask(name) from None


def lease_seconds() -> int:
    return int(getattr(settings, "ABIERTO_JOBS_LEASE_SECONDS", 300))


def backoff_seconds(attempts: int) -> int:
    """Wait before the next try after ``attempts`` failed tries: base, 2×base, 4×base…, capped."""
    base = int(getattr(settings, "ABIERTO_JOBS_RETRY_BASE_SECONDS", 30))
    cap = int(getattr(settings, "ABIERTO_JOBS_RETRY_MAX_SECONDS", 3600))
    return min(cap, base * 2 ** max(0, attempts - 1))


# ---------------------------------------------------------------- queueing


def enqueue(
    task_name: str,
    payload: dict[str, Any] | None = None,
    *,
    run_at=None,
    dedupe_key: str = "",
    queue: str = "default",
    max_attempts: int | None = None,
) -> Job | None:
    """Queue ``task_name`` with ``payload`` (JSON). Returns the job, or None when ``dedupe_key``
    names a job that already exists (in any state): the same key is never queued twice."""
    get_task(task_name)  # fail at the call site, not in a worker, on a typo
    if dedupe_key and Job.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    job = Job(
        queue=queue,
        task=task_name,
        payload=payload or {},
        run_at=run_at or timezone.now(),
        dedupe_key=dedupe_key or None,
        max_attempts=max_attempts or int(getattr(settings, "ABIERTO_JOBS_MAX_ATTEMPTS", 5)),
    )
    try:
        # A savepoint: a duplicate key must not break the caller's transaction (PostgreSQL).
        with transaction.atomic():
            job.save()
    except IntegrityError:
        if dedupe_key:
            return None
        raise
    return job


def enqueue_many(task_name: str, items: list[tuple[dict[str, Any], str]], *, queue: str = "default") -> int:
    """Queue ``task_name`` once per (payload, dedupe_key) in a few statements instead of one per job: one query
    finds the keys already queued, one insert per 500 jobs stores the rest. Falls back to :func:`enqueue` one by
    one when another process queued one of the keys in between. Returns how many jobs were queued."""
    get_task(task_name)
    wanted: dict[str, dict[str, Any]] = {}
    loose: list[dict[str, Any]] = []
    for payload, key in items:
        if key:
            wanted.setdefault(key, payload)
        else:
            loose.append(payload)
    keys = list(wanted)
    for start in range(0, len(keys), 500):
        for key in Job.objects.filter(dedupe_key__in=keys[start : start + 500]).values_list("dedupe_key", flat=True):
            wanted.pop(key, None)
    now = timezone.now()
    attempts = int(getattr(settings, "ABIERTO_JOBS_MAX_ATTEMPTS", 5))
    rows = [(payload, key or None) for key, payload in wanted.items()] + [(payload, None) for payload in loose]
    queued = 0
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        jobs = [
            Job(queue=queue, task=task_name, payload=payload, run_at=now, dedupe_key=key, max_attempts=attempts)
            for payload, key in chunk
        ]
        try:
            with transaction.atomic():
                Job.objects.bulk_create(jobs)
            queued += len(jobs)
        except IntegrityError:
            for payload, key in chunk:
                queued += enqueue(task_name, payload, dedupe_key=key or "", queue=queue) is not None
    return queued


# ---------------------------------------------------------------- claiming


def release_expired_leases(now=None) -> int:
    """Running jobs whose lease passed (their worker died or hung) go back to the queue, or are
    marked failed when they have used all their attempts. Safe to run from many workers at once."""
    now = now or timezone.now()
    expired = Q(status=Job.Status.RUNNING, locked_until__lt=now)
    message = "Lease expired: the worker stopped before finishing."
    failed = Job.objects.filter(expired, attempts__gte=F("max_attempts")).update(
        status=Job.Status.FAILED, last_error=message, locked_until=None, finished_at=now
    )
    requeued = Job.objects.filter(expired, attempts__lt=F("max_attempts")).update(
        status=Job.Status.QUEUED, last_error=message, locked_until=None, run_at=now
    )
    return failed + requeued


def _due(queues: Iterable[str] | None, now) -> Q:
    condition = Q(status=Job.Status.QUEUED, run_at__lte=now)
    if queues:
        condition &= Q(queue__in=list(queues))
    return condition


def claim(worker_id: str, queues: Iterable[str] | None = None) -> Job | None:
    """Take the next due job for ``worker_id``, or None. No two callers ever get the same job."""
    now = timezone.now()
    lease = now + timedelta(seconds=lease_seconds())
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            due = Job.objects.select_for_update(skip_locked=True).filter(_due(queues, now))
            job = due.order_by("run_at", "id").first()
            if job is None:
                return None
            job.status = Job.Status.RUNNING
            job.attempts += 1
            job.locked_by = worker_id
            job.locked_until = lease
            job.save(update_fields=["status", "attempts", "locked_by", "locked_until"])
            return job

    # SQLite: each conditional UPDATE is atomic; the database serializes writers.
    candidates = list(Job.objects.filter(_due(queues, now)).order_by("run_at", "id").values_list("pk", flat=True)[:20])
    for pk in candidates:
        taken = Job.objects.filter(pk=pk, status=Job.Status.QUEUED).update(
            status=Job.Status.RUNNING, attempts=F("attempts") + 1, locked_by=worker_id, locked_until=lease
        )
        if taken == 1:
            return Job.objects.get(pk=pk)
    return None


# ---------------------------------------------------------------- running


def run(job: Job, worker_id: str) -> bool:
    """Run a claimed job and record the outcome. Returns True when the task succeeded.

    The task runs outside any transaction: it opens its own when it writes, so a slow email
    never holds a database lock."""
    try:
        func = get_task(job.task)
        func(**job.payload)
    except Exception as exc:
        _record_failure(job, worker_id, exc)
        return False
    now = timezone.now()
    Job.objects.filter(pk=job.pk, locked_by=worker_id, status=Job.Status.RUNNING).update(
        status=Job.Status.DONE, finished_at=now, locked_until=None, last_error=""
    )
    return True


def _record_failure(job: Job, worker_id: str, exc: Exception) -> None:
    now = timezone.now()
    error = "".join(traceback.format_exception(exc))[-4000:]
    mine = Job.objects.filter(pk=job.pk, locked_by=worker_id, status=Job.Status.RUNNING)
    if isinstance(exc, UnknownTask) or job.attempts >= job.max_attempts:
        logger.error("Job %s (%s) failed for good after %s attempts", job.pk, job.task, job.attempts)
        mine.update(status=Job.Status.FAILED, last_error=error, locked_until=None, finished_at=now)
    else:
        delay = backoff_seconds(job.attempts)
        logger.warning("Job %s (%s) failed (attempt %s); retrying in %ss", job.pk, job.task, job.attempts, delay)
        mine.update(
            status=Job.Status.QUEUED,
            last_error=error,
            locked_until=None,
            run_at=now + timedelta(seconds=delay),
        )


def run_next(worker_id: str, queues: Iterable[str] | None = None) -> Job | None:
    """Claim and run one job; returns it (or None when nothing is due)."""
    job = claim(worker_id, queues)
    if job is not None:
        run(job, worker_id)
    return job


def run_pending(*, queues: Iterable[str] | None = None, max_jobs: int | None = None) -> int:
    """Run due jobs in this process until none is left (tests, ``--once``). Returns how many ran."""
    worker_id = new_worker_id()
    count = 0
    release_expired_leases()
    while max_jobs is None or count < max_jobs:
        if run_next(worker_id, queues) is None:
            break
        count += 1
    return count


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass
class Worker:
    """The loop behind ``manage.py run_worker``. Stops cleanly on SIGTERM/SIGINT, after the job
    in hand is finished."""

    queues: list[str] = field(default_factory=list)
    sleep: float = 1.0
    once: bool = False
    max_jobs: int | None = None
    worker_id: str = field(default_factory=new_worker_id)
    stopping: threading.Event = field(default_factory=threading.Event)
    processed: int = 0

    def stop(self, *_args: Any) -> None:
        self.stopping.set()

    def install_signal_handlers(self) -> None:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, self.stop)
            signal.signal(signal.SIGINT, self.stop)

    def run(self) -> int:
        logger.info("Worker %s started (queues: %s)", self.worker_id, ", ".join(self.queues) or "all")
        last_reap = float("-inf")
        while not self.stopping.is_set():
            if self.max_jobs is not None and self.processed >= self.max_jobs:
                break
            close_old_connections()
            if time.monotonic() - last_reap > 30:
                release_expired_leases()
                last_reap = time.monotonic()
            job = run_next(self.worker_id, self.queues or None)
            if job is not None:
                self.processed += 1
                continue
            if self.once:
                break
            self.stopping.wait(self.sleep)
        close_old_connections()
        logger.info("Worker %s stopped after %s jobs", self.worker_id, self.processed)
        return self.processed
