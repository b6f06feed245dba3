"""Truth table: every self-assessment permission × every persona (comments with the clock inside the period)."""

import datetime

import pytest
import rules
import time_machine

from abierto.selfassessments import services
from abierto.selfassessments.models import SelfAssessment

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 22, 12, 0, tzinfo=datetime.UTC)

PERSONAS = ["anonymous", "participant", "implementer", "other_implementer", "secretariat", "forum_member", "evaluator"]
SIGNED_IN = set(PERSONAS) - {"anonymous"}
# permission: the personas who hold it (object: a draft, or the self-assessment open for comment).
TABLE = {
    ("selfassessments.view_selfassessment", "draft"): {"secretariat"},
    ("selfassessments.view_selfassessment", "open"): set(PERSONAS),
    ("selfassessments.view_draft", None): {"secretariat"},
    ("selfassessments.manage", None): {"secretariat"},  # create/assemble, edit, open, close, publish
    ("selfassessments.comment", "draft"): set(),
    ("selfassessments.comment", "open"): SIGNED_IN,
    ("selfassessments.answer_comment", None): {"secretariat"},
    ("selfassessments.hide_comment", None): {"secretariat"},
}


@pytest.fixture
def objects(secretariat, make_plan):
    plan = make_plan(number=6, start=2023, end=2027)
    with time_machine.travel(NOW, tick=False):
        draft = services.assemble(
            plan=plan, kind=SelfAssessment.Kind.END_OF_TERM, cutoff=datetime.date(2026, 11, 1), actor=secretariat
        )
        opened = services.assemble(
            plan=plan, kind=SelfAssessment.Kind.MID_TERM, cutoff=datetime.date(2026, 11, 1), actor=secretariat
        )
        services.open_for_comment(
            opened, actor=secretariat, start=NOW - datetime.timedelta(days=1), end=NOW + datetime.timedelta(days=1)
        )
    return {"draft": draft, "open": opened, None: None}


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("persona", PERSONAS)
def test_truth_table(personas, objects, persona):
    user = personas[persona]
    for (perm, obj), allowed in TABLE.items():
        assert rules.has_perm(perm, user, objects[obj]) == (persona in allowed), (perm, obj, persona)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_transitions_refuse_everyone_but_the_secretariat(personas, objects, persona):
    from django.core.exceptions import PermissionDenied

    sa = objects["draft"]
    user = personas[persona]
    calls = [
        lambda: services.assemble(plan=sa.plan, kind=sa.kind, cutoff=sa.cutoff, actor=user),
        lambda: services.update_text(sa, actor=user, title="Otro", introduction=""),
        lambda: services.open_for_comment(sa, actor=user, start=NOW, end=NOW + datetime.timedelta(days=3)),
    ]
    for call in calls:
        if persona == "secretariat":
            with time_machine.travel(NOW - datetime.timedelta(hours=1), tick=False):
                call()
        else:
            with pytest.raises(PermissionDenied):
                call()
    opened = objects["open"]
    for call in (
        lambda: services.close_comment(opened, actor=user),
        lambda: services.publish_final(opened, actor=user),
    ):
        if persona == "secretariat":
            with time_machine.travel(NOW, tick=False):
                call()
        else:
            with pytest.raises(PermissionDenied):
                call()
    opened.refresh_from_db()
    expected = SelfAssessment.Status.PUBLISHED if persona == "secretariat" else SelfAssessment.Status.OPEN
    assert opened.status == expected
