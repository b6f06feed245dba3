"""The 6th plan's evaluation criteria (seed 000: the Mesa's priority themes; OGP values; feasibility),
loaded idempotently, with equal weights because the source gives none, and saying so."""

import io
from decimal import Decimal

import pytest

from abierto.audit.models import AuditEvent
from abierto.cocreation.chile import load_cocreation
from abierto.evaluation.chile import load_chile_criteria
from abierto.evaluation.models import Criterion


@pytest.fixture
def sixth(make_plan):
    make_plan(number=6, start=2023, end=2027, slug="6")
    load_cocreation()


def test_nothing_happens_before_the_process_is_loaded(db):
    assert load_chile_criteria() == {"created": 0, "updated": 0, "unchanged": 0}
    assert not Criterion.objects.exists()


def test_the_three_criteria_are_loaded_with_equal_weights_and_their_source(sixth):
    out = io.StringIO()
    assert load_chile_criteria(stdout=out) == {"created": 3, "updated": 0, "unchanged": 0}
    criteria = list(Criterion.objects.filter(process__slug="sexto-plan").order_by("position"))
    assert [c.name for c in criteria] == [
        "Temas prioritarios de la Mesa",
        "Relevancia para los valores de gobierno abierto",
        "Factibilidad",
    ]
    assert {(c.weight, c.scale_min, c.scale_max) for c in criteria} == {(Decimal("1"), 1, 5)}
    assert all("no indica ponderaciones" in c.description for c in criteria)
    assert all("Hoja de Ruta" in c.source for c in criteria)
    assert "Grupos de especial protección".lower() in criteria[0].description.lower()
    assert "Criterios de evaluación: 3 creados" in out.getvalue()
    assert AuditEvent.objects.filter(object_type="criterion", action="create").count() == 3


def test_loading_again_changes_nothing_and_restores_edited_wording(sixth):
    load_chile_criteria()
    assert load_chile_criteria() == {"created": 0, "updated": 0, "unchanged": 3}
    Criterion.objects.filter(position=3).update(name="Otro nombre")
    assert load_chile_criteria() == {"created": 0, "updated": 1, "unchanged": 2}
    assert Criterion.objects.get(position=3).name == "Factibilidad"
    assert Criterion.objects.count() == 3


def test_load_chile_loads_the_criteria_after_the_processes(db):
    from django.core.management import call_command

    call_command("load_chile", stdout=io.StringIO())
    assert Criterion.objects.filter(process__slug="sexto-plan").count() == 3
