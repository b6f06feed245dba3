"""Builders for the evaluation tests: a process whose 5th stage (selection) allows evaluation, criteria,
assignments and scores written straight to the database (no stage check), for setting up a test."""

import datetime
from decimal import Decimal

from abierto.cocreation.testing import make_process
from abierto.evaluation.models import Assignment, Criterion, Score

START = datetime.date(2026, 3, 1)  # 5th-plan template, 10-day stages: stage 5 (evaluation) 10-19 April 2026
EVALUATION_FIRST_DAY = datetime.date(2026, 4, 10)
EVALUATION_LAST_DAY = datetime.date(2026, 4, 19)


def noon(day: datetime.date) -> datetime.datetime:
    """Noon in Chile (UTC−3) on ``day``."""
    return datetime.datetime.combine(day, datetime.time(12, 0), tzinfo=datetime.timezone(datetime.timedelta(hours=-3)))


BEFORE = noon(EVALUATION_FIRST_DAY - datetime.timedelta(days=1))
DURING = noon(EVALUATION_FIRST_DAY + datetime.timedelta(days=3))
AFTER = noon(EVALUATION_LAST_DAY + datetime.timedelta(days=1))


def make_evaluation_process(plan):
    return make_process(plan, template="fifth", start=START, days=10)


def make_criteria(process, specs=((1, 1, 5), (1, 1, 5))) -> list[Criterion]:
    """Criteria from (weight, min, max) triples, in order."""
    return [
        Criterion.objects.create(
            process=process,
            position=position,
            name=f"Criterio {position}",
            weight=Decimal(str(weight)),
            scale_min=low,
            scale_max=high,
        )
        for position, (weight, low, high) in enumerate(specs, start=1)
    ]


def assign(proposal, evaluator, by=None) -> Assignment:
    return Assignment.objects.create(proposal=proposal, evaluator=evaluator, assigned_by=by)


def give_scores(assignment, criteria, values) -> None:
    for criterion, value in zip(criteria, values, strict=True):
        if value is not None:
            Score.objects.create(assignment=assignment, criterion=criterion, value=value)
