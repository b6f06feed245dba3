"""A real worker process, started the way production starts it, picks up a job queued here."""

import signal
import subprocess
import sys
import time

from abierto.jobs import services as jobs
from abierto.jobs.models import Job
from tests.test_jobs_queue import ROOT, worker_env


def test_a_running_worker_does_a_queued_job_and_stops_on_sigterm(transactional_db, tmp_path):
    runs = tmp_path / "runs.txt"
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--sleep", "0.2"],
        cwd=ROOT,
        env=worker_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        job = jobs.enqueue("tests.append_line", {"path": str(runs), "line": "hecho"})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.status == Job.Status.DONE:
                break
            assert worker.poll() is None, worker.communicate()[1].decode()
            time.sleep(0.1)
        assert job.status == Job.Status.DONE, job.last_error
        assert runs.read_text() == "hecho\n"
        assert job.locked_by.split(":")[1] == str(worker.pid)

        worker.send_signal(signal.SIGTERM)
        try:
            out, err = worker.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()
            out, err = worker.communicate()
            pending = list(Job.objects.exclude(pk=job.pk).values_list("name", "status"))
            detail = f"other jobs: {pending}; stderr: {err.decode()[-2000:]}"
            raise AssertionError(f"the worker did not exit 60 s after SIGTERM; {detail}") from None
        assert worker.returncode == 0, err.decode()
        assert "1 tareas ejecutadas" in out.decode()
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
