"""Scheduled reminders store their notices in batches: the work grows with the data, the queries do not."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from abierto.accounts.models import Role
from abierto.jobs import services as jobs
from abierto.jobs.models import Job
from abierto.notifications import reminders, services
from abierto.notifications.models import Notification, Preference
from abierto.plans.models import Milestone

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 22, 9, 0, tzinfo=datetime.UTC)


def _late_milestones(make_commitment, make_milestone, plan, institution, count):
    for n in range(count):
        commitment = make_commitment(plan, code=f"C{n:03d}", lead_institution=institution)
        make_milestone(
            commitment,
            description=f"Hito atrasado {n}",
            status=Milestone.Status.IN_PROGRESS,
            progress=10,
            start_date=datetime.date(2026, 1, 1),
            end_date=datetime.date(2026, 10, 31),
        )


def _queries(func) -> int:
    with CaptureQueriesContext(connection) as captured:
        func()
    return len(captured)


@time_machine.travel(NOW, tick=False)
def test_overdue_alerts_take_the_same_number_of_queries_for_3_or_30_milestones(
    make_plan, make_commitment, make_milestone, lead_institution, other_institution, implementer
):
    small_plan, big_plan = make_plan(), make_plan(number=7, slug="7")
    _late_milestones(make_commitment, make_milestone, small_plan, lead_institution, 3)
    small = _queries(reminders.overdue_milestones)
    assert Notification.objects.count() == 3

    second = get_user_model().objects.create_user("segunda", email="segunda@example.org")
    Role.objects.create(user=second, kind=Role.Kind.IMPLEMENTER, institution=other_institution)
    _late_milestones(make_commitment, make_milestone, big_plan, other_institution, 30)
    big = _queries(reminders.overdue_milestones)
    assert Notification.objects.filter(user=second).count() == 30
    assert big <= small + 2, (small, big)


@time_machine.travel(NOW, tick=False)
def test_a_batch_keeps_dedupe_and_preferences(participant, implementer):
    services.set_frequency(implementer, Preference.Frequency.DAILY)
    services.notify(user=participant, kind="deadline_reminder", subject="Ya enviado", body="x", dedupe_key="k:1")
    messages = [
        {"user": participant, "kind": "deadline_reminder", "subject": "Repetido", "body": "x", "dedupe_key": "k:1"},
        {"user": participant, "kind": "deadline_reminder", "subject": "Nuevo", "body": "x", "dedupe_key": "k:2"},
        {"user": participant, "kind": "deadline_reminder", "subject": "Otra vez", "body": "x", "dedupe_key": "k:2"},
        {"user": implementer, "kind": "deadline_reminder", "subject": "Al resumen", "body": "x", "dedupe_key": "k:2"},
    ]
    assert services.notify_many(messages) == 2
    assert sorted(Notification.objects.values_list("subject", flat=True)) == ["Al resumen", "Nuevo", "Ya enviado"]
    # The participant gets emails at once (two jobs: the first notice and the new one); the implementer chose
    # the daily digest, so nothing is queued for them.
    sends = Job.objects.filter(task="notifications.send_notification")
    assert sends.count() == 2
    assert services.notify_many(messages) == 0
    assert (
        jobs.enqueue_many("notifications.send_notification", [({"notification_id": 1}, sends.first().dedupe_key)]) == 0
    )
