"""Chile's co-creation processes (seeds 002 and 000), loaded idempotently by load_chile."""

import datetime
import io

import pytest
from django.core.management import call_command

from abierto.cocreation.chile import load_cocreation
from abierto.cocreation.models import CoCreationProcess, Workshop
from abierto.plans.chile.loader import load_chile


@pytest.fixture
def loaded(db):
    load_chile()
    return load_cocreation()


def test_the_fifth_plan_process_has_its_seven_dated_stages(loaded):
    process = CoCreationProcess.objects.get(plan__number=5)
    assert process.slug == "quinto-plan" and process.support_limit == 7
    stages = [(s.name, s.starts_on, s.ends_on, s.dates_text) for s in process.stages.order_by("position")]
    assert stages[1] == (
        "Recepción de propuestas",
        datetime.date(2020, 8, 10),
        datetime.date(2020, 8, 24),
        "Del 10 al 24 de agosto",
    )
    assert stages[0][1:3] == (datetime.date(2020, 8, 1), datetime.date(2020, 8, 31))
    assert stages[6][0] == "Publicación del quinto Plan de Acción" and stages[6][3] == "Diciembre 2020"
    assert len(stages) == 7


def test_the_sixth_plan_process_has_its_workshops_and_priority_themes(loaded):
    process = CoCreationProcess.objects.get(plan__number=6)
    assert [s.name for s in process.stages.order_by("position")][1:3] == [
        "Mapeo de iniciativas del sector público",
        "Consulta ciudadana",
    ]
    assert process.stages.filter(starts_on__isnull=True).count() == 5  # the source gives no dates for them
    workshops = list(Workshop.objects.filter(process=process).order_by("held_on"))
    assert len(workshops) == 9
    assert workshops[0].held_on == datetime.date(2023, 5, 22) and workshops[0].commune == "Peñalolén"
    assert workshops[-1].held_on == datetime.date(2023, 7, 26) and workshops[-1].target_group == "Juventudes"
    assert all(w.attendance is None for w in workshops)  # not in the source
    assert [t.name for t in process.themes.all()] == [
        "Grupos de especial protección",
        "Género",
        "Medioambiente y cambio climático",
        "Territorios y descentralización",
        "Desarrollo sostenible",
    ]


def test_loading_twice_changes_nothing(loaded):
    assert loaded["cocreation_stage"]["created"] == 13 and loaded["cocreation_workshop"]["created"] == 9
    again = load_cocreation()
    assert all(row["created"] == 0 and row["updated"] == 0 for row in again.values())
    assert again["cocreation_process"]["unchanged"] == 2


def test_load_chile_loads_the_processes_and_their_pages_show(client, db):
    out = io.StringIO()
    call_command("load_chile", stdout=out)
    assert "Etapas de cocreación: 13 creados" in out.getvalue()
    assert client.get("/cocreacion/").status_code == 200
    page = client.get("/cocreacion/sexto-plan/").content.decode()
    assert "Talleres por región" in page and "Taller Nacional de Estado Abierto" in page
    assert "/cocreacion/quinto-plan/" in client.get("/planes/5/").content.decode()
