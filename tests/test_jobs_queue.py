"""The database job queue: queueing, retries, dedupe, leases, and exactly-once claiming."""

import datetime
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import time_machine
from django.db import connection, transaction
from django.utils import timezone

from abierto.jobs import services as jobs
from abierto.jobs.models import Job
from tests import test_jobs_tasks  # noqa: F401  (registers tests.append_line)

ROOT = Path(__file__).resolve().parent.parent
CALLS: list[dict] = []
NOW = datetime.datetime(2026, 11, 22, 12, 0, tzinfo=datetime.UTC)


@jobs.task("tests.record")
def record(**payload):
    CALLS.append(payload)


@jobs.task("tests.explode")
def explode(**payload):
    raise RuntimeError("se cayó")


@pytest.fixture(autouse=True)
def _clear_calls():
    CALLS.clear()


def test_a_queued_job_runs_once_with_its_payload(db):
    job = jobs.enqueue("tests.record", {"n": 1})
    assert job.status == Job.Status.QUEUED
    assert jobs.run_pending() == 1
    assert CALLS == [{"n": 1}]
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 1 and job.finished_at is not None
    assert jobs.run_pending() == 0
    assert CALLS == [{"n": 1}]


def test_a_rolled_back_transaction_leaves_no_job(db):
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        jobs.enqueue("tests.record", {"n": 1})
        1 / 0  # noqa: B018
    assert not Job.objects.exists()


def test_the_same_dedupe_key_is_queued_once(db):
    first = jobs.enqueue("tests.record", {"n": 1}, dedupe_key="una-vez")
    assert first is not None
    assert jobs.enqueue("tests.record", {"n": 2}, dedupe_key="una-vez") is None
    jobs.run_pending()
    # Even once done, the key is spent.
    assert jobs.enqueue("tests.record", {"n": 3}, dedupe_key="una-vez") is None
    assert CALLS == [{"n": 1}]
    assert Job.objects.count() == 1


def test_a_duplicate_key_inside_a_transaction_keeps_the_transaction_usable(db):
    with transaction.atomic():
        jobs.enqueue("tests.record", {}, dedupe_key="k")
        assert jobs.enqueue("tests.record", {}, dedupe_key="k") is None
        jobs.enqueue("tests.record", {"after": True})
    assert Job.objects.count() == 2


def test_an_unknown_task_is_refused_when_queued(db):
    with pytest.raises(jobs.UnknownTask):
        jobs.enqueue("tests.no-such-task", {})


def test_a_job_is_not_run_before_its_time(db):
    with time_machine.travel(NOW, tick=False):
        jobs.enqueue("tests.record", {"n": 1}, run_at=NOW + datetime.timedelta(hours=1))
        assert jobs.run_pending() == 0
    with time_machine.travel(NOW + datetime.timedelta(hours=1, seconds=1), tick=False):
        assert jobs.run_pending() == 1


def test_failures_are_retried_with_growing_backoff_then_marked_failed(db, settings):
    settings.ABIERTO_JOBS_RETRY_BASE_SECONDS = 30
    with time_machine.travel(NOW, tick=False) as clock:
        job = jobs.enqueue("tests.explode", {}, max_attempts=3)
        assert jobs.run_pending() == 1
        job.refresh_from_db()
        assert job.status == Job.Status.QUEUED and job.attempts == 1
        assert job.run_at == NOW + datetime.timedelta(seconds=30)
        assert "se cayó" in job.last_error

        assert jobs.run_pending() == 0  # not yet due
        clock.shift(datetime.timedelta(seconds=30))
        assert jobs.run_pending() == 1
        job.refresh_from_db()
        assert job.attempts == 2 and job.run_at == timezone.now() + datetime.timedelta(seconds=60)

        clock.shift(datetime.timedelta(seconds=60))
        assert jobs.run_pending() == 1
        job.refresh_from_db()
        assert job.status == Job.Status.FAILED and job.attempts == 3 and job.finished_at is not None
        clock.shift(datetime.timedelta(days=1))
        assert jobs.run_pending() == 0


def test_backoff_is_capped(settings):
    settings.ABIERTO_JOBS_RETRY_BASE_SECONDS = 30
    settings.ABIERTO_JOBS_RETRY_MAX_SECONDS = 600
    assert [jobs.backoff_seconds(n) for n in (1, 2, 3, 4, 5, 6)] == [30, 60, 120, 240, 480, 600]


def test_an_expired_lease_puts_the_job_back_in_the_queue(db, settings):
    settings.ABIERTO_JOBS_LEASE_SECONDS = 60
    with time_machine.travel(NOW, tick=False) as clock:
        job = jobs.enqueue("tests.record", {"n": 1})
        claimed = jobs.claim("worker-que-muere")
        assert claimed.pk == job.pk and claimed.status == Job.Status.RUNNING
        assert jobs.claim("otro") is None  # held by its lease
        clock.shift(datetime.timedelta(seconds=61))
        assert jobs.release_expired_leases() == 1
        assert jobs.run_pending() == 1
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 2
    assert CALLS == [{"n": 1}]


def test_a_job_whose_lease_expires_on_its_last_attempt_fails(db, settings):
    settings.ABIERTO_JOBS_LEASE_SECONDS = 60
    with time_machine.travel(NOW, tick=False) as clock:
        job = jobs.enqueue("tests.record", {}, max_attempts=1)
        jobs.claim("worker-que-muere")
        clock.shift(datetime.timedelta(minutes=5))
        jobs.release_expired_leases()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "Lease expired" in job.last_error


def test_queues_separate_work(db):
    jobs.enqueue("tests.record", {"q": "correo"}, queue="correo")
    jobs.enqueue("tests.record", {"q": "default"})
    assert jobs.run_pending(queues=["correo"]) == 1
    assert CALLS == [{"q": "correo"}]


def test_threads_with_their_own_connections_never_claim_the_same_job(transactional_db):
    for n in range(80):
        jobs.enqueue("tests.record", {"n": n})
    claimed: list[int] = []
    lock = threading.Lock()
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def work(name: str) -> None:
        try:
            start.wait()
            while True:
                job = jobs.claim(name)
                if job is None:
                    break
                with lock:
                    claimed.append(job.pk)
                jobs.run(job, name)
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(f"hilo-{i}",)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    assert sorted(claimed) == sorted(Job.objects.values_list("pk", flat=True))
    assert len(claimed) == len(set(claimed)) == 80
    assert sorted(call["n"] for call in CALLS) == list(range(80))
    assert set(Job.objects.values_list("status", "attempts")) == {(Job.Status.DONE, 1)}


def worker_env() -> dict[str, str]:
    """Environment for a worker process that uses this test run's database."""
    db = connection.settings_dict
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "ABIERTO_SQLITE_PATH"}}
    env.update(
        {
            "DJANGO_SECRET_KEY": "clave-de-prueba-del-worker",
            "ABIERTO_JOB_MODULES": "tests.test_jobs_tasks",
            "PYTHONPATH": str(ROOT),
        }
    )
    if connection.vendor == "sqlite":
        env["ABIERTO_SQLITE_PATH"] = str(db["NAME"])
    else:
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        env["DATABASE_URL"] = f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    return env


def test_worker_processes_never_run_the_same_job_twice(transactional_db, tmp_path):
    runs = tmp_path / "runs.txt"
    for n in range(60):
        jobs.enqueue("tests.append_line", {"path": str(runs), "line": str(n)})
    command = [sys.executable, "manage.py", "run_worker", "--once", "--sleep", "0.1"]
    workers = [
        subprocess.Popen(command, cwd=ROOT, env=worker_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    try:
        outputs = [worker.communicate(timeout=120) for worker in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
    for worker, (_out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err.decode()
    lines = runs.read_text().split()
    assert sorted(lines, key=int) == [str(n) for n in range(60)]
    assert set(Job.objects.values_list("status", "attempts")) == {(Job.Status.DONE, 1)}
