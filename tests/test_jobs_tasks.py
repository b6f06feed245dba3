"""Tasks used by the job tests. Worker subprocesses import this module (ABIERTO_JOB_MODULES), so it
must not need pytest; it also checks the registry itself."""

import os

from abierto.jobs.services import get_task, registered_tasks, task


@task("tests.append_line")
def append_line(path: str, line: str) -> None:
    """Appends one line to a file: a record of each run that survives the process that ran it."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, f"{line}\n".encode())
    finally:
        os.close(fd)


def test_tasks_are_registered_by_name():
    assert get_task("tests.append_line") is append_line
    assert "notifications.send_notification" in registered_tasks()
    assert "notifications.check_overdue_milestones" in registered_tasks()
