"""From the period dashboard, the secretariat reminds one late institution, or all of them."""

import datetime

import pytest
import time_machine
from django.core import mail

from abierto.monitoring.models import ReportingPeriod
from abierto.notifications.models import Notification

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 11, 22, 12, tzinfo=datetime.UTC)


@pytest.fixture
def late_period(make_plan, make_commitment, lead_institution, other_institution, implementer, other_implementer):
    plan = make_plan(number=6, start=2023, end=2027)
    make_commitment(plan, code="CL0081", title="Congreso", lead_institution=lead_institution)
    make_commitment(plan, code="CL0082", title="Defensoría", lead_institution=other_institution)
    return ReportingPeriod.objects.create(
        plan=plan,
        label="Primer semestre 2026",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 6, 30),
        deadline=datetime.date(2026, 7, 31),
    )


@time_machine.travel(TODAY, tick=False)
def test_reminding_all_late_institutions_notifies_each_implementer_once_a_day(
    secretariat_client, late_period, implementer, other_implementer
):
    url = f"/seguimiento/periodos/{late_period.pk}/"
    assert "Recordar a todas las instituciones atrasadas" in secretariat_client.get(url).content.decode()
    response = secretariat_client.post(url, {"accion": "recordar"})
    assert response.status_code == 302
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"contraparte", "otra-contraparte"}
    note = Notification.objects.get(user=implementer)
    assert "CL0081" in note.body and "CL0082" not in note.body
    secretariat_client.post(url, {"accion": "recordar"})
    assert Notification.objects.count() == 2  # not twice the same day


@time_machine.travel(TODAY, tick=False)
def test_reminding_one_institution_leaves_the_others_alone(secretariat_client, late_period, lead_institution):
    secretariat_client.post(
        f"/seguimiento/periodos/{late_period.pk}/", {"accion": "recordar", "institucion": lead_institution.pk}
    )
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["contraparte"]


@time_machine.travel(TODAY, tick=False)
def test_only_the_secretariat_may_send_reminders(client, late_period, implementer):
    client.force_login(implementer)
    response = client.post(f"/seguimiento/periodos/{late_period.pk}/", {"accion": "recordar"})
    assert response.status_code == 403
    assert not Notification.objects.exists()
    assert not mail.outbox
