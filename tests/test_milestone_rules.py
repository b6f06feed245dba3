"""A milestone's status and percentage may never disagree; bad input is refused with a clear message."""

import pytest
from django.core.exceptions import ValidationError

from abierto.audit.models import AuditEvent
from abierto.plans import services
from abierto.plans.models import Milestone

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "value", "message"),
    [
        ("completed", 80, "Un hito completo tiene un avance de 100 %."),
        ("not_started", 10, "Un hito no iniciado tiene un avance de 0 %."),
        ("in_progress", 100, "Un hito en curso tiene menos de 100 %"),
    ],
)
def test_a_status_that_contradicts_the_percentage_is_refused(make_plan, make_commitment, status, value, message):
    commitment = make_commitment(make_plan())
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.save(Milestone(commitment=commitment, description="x", status=status, progress=value), actor=None)
    assert message in str(error.value)
    assert not Milestone.objects.exists()
    assert AuditEvent.objects.count() == events


def test_a_weight_of_zero_is_refused(make_plan, make_commitment):
    commitment = make_commitment(make_plan())
    with pytest.raises(ValidationError) as error:
        services.save(Milestone(commitment=commitment, description="x", weight=0), actor=None)
    assert "weight" in error.value.message_dict
    assert "mayor o igual a" in str(error.value)


def test_an_end_before_the_start_is_refused(make_plan, make_commitment):
    import datetime

    commitment = make_commitment(make_plan())
    with pytest.raises(ValidationError) as error:
        services.save(
            Milestone(
                commitment=commitment,
                description="x",
                start_date=datetime.date(2024, 5, 1),
                end_date=datetime.date(2024, 4, 1),
            ),
            actor=None,
        )
    assert "El término planificado no puede ser anterior al inicio planificado." in str(error.value)


def test_overdue_means_past_its_planned_end_and_not_finished(make_plan, make_commitment, make_milestone):
    import datetime

    commitment = make_commitment(make_plan())
    today = datetime.date(2026, 11, 22)
    late = make_milestone(
        commitment, description="tarde", status="in_progress", progress=30, end_date=datetime.date(2026, 11, 21)
    )
    make_milestone(commitment, description="hoy", status="in_progress", progress=30, end_date=today)
    make_milestone(
        commitment, description="hecho", status="completed", progress=100, end_date=datetime.date(2020, 1, 1)
    )
    make_milestone(
        commitment, description="retirado", status="withdrawn", progress=0, end_date=datetime.date(2020, 1, 1)
    )
    assert list(Milestone.objects.overdue(today)) == [late]
    assert late.is_overdue(today)
