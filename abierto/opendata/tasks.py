"""Background tasks of the open-data app (run by ``manage.py run_worker``)."""

from abierto.jobs.services import task
from abierto.opendata import export


@task("opendata.build_export")
def build_export() -> None:
    export.build()
