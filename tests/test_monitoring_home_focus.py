"""The implementer's home shows what is due: current periods in full, old periods only where work is open."""

import datetime

import pytest
import time_machine

from abierto.monitoring.models import ProgressReport, ReportingPeriod

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2026, 11, 22, 12, tzinfo=datetime.UTC), tick=False)
def test_old_periods_list_only_open_work(client, implementer, make_plan, make_commitment, lead_institution):
    plan = make_plan(number=6, start=2023, end=2027)
    sent = make_commitment(plan, code="CL0081", title="Enviado", lead_institution=lead_institution)
    missing = make_commitment(plan, code="CL0082", title="Pendiente", lead_institution=lead_institution)
    old = ReportingPeriod.objects.create(
        plan=plan,
        label="Primer semestre 2024",
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 6, 30),
        deadline=datetime.date(2024, 7, 31),
    )
    current = ReportingPeriod.objects.create(
        plan=plan,
        label="Segundo semestre 2026",
        start=datetime.date(2026, 7, 1),
        end=datetime.date(2026, 12, 31),
        deadline=datetime.date(2027, 1, 31),
    )
    ProgressReport.all_objects.create(
        commitment=sent,
        period=old,
        period_label=old.label,
        completion="limited",
        status="published",
        results_description="Hecho.",
    )
    client.force_login(implementer)
    page = client.get("/seguimiento/").content.decode()
    old_section = page[page.index("Primer semestre 2024") : page.index("Segundo semestre 2026")]
    assert "CL0082" in old_section and "CL0081" not in old_section
    assert "Además, 1 reporte de este período ya fue enviado." in old_section
    current_section = page[page.index("Segundo semestre 2026") :]
    assert "CL0081" in current_section and "CL0082" in current_section
    assert missing.pk and current.pk
