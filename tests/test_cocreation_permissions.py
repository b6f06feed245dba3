"""Who may do what in a co-creation process, as truth tables over the personas, during the stage
that allows it (and nobody outside it)."""

import datetime

import pytest
import rules
import time_machine

from abierto.cocreation.testing import make_process, make_proposal

START = datetime.date(2026, 3, 1)
RECEPTION = datetime.datetime(2026, 3, 12, 12, 0, tzinfo=datetime.UTC)  # 5th-plan stage 2
AFTER = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)

EVERYONE_SIGNED_IN = {
    "anonymous": False,
    "participant": True,
    "implementer": True,
    "other_implementer": True,
    "secretariat": True,
    "forum_member": True,
    "evaluator": True,
}
PUBLIC_INSTITUTIONS = {
    "anonymous": False,
    "participant": False,
    "implementer": True,
    "other_implementer": True,
    "secretariat": True,
    "forum_member": False,
    "evaluator": False,
}
AUTHOR_ONLY = {name: name == "participant" for name in EVERYONE_SIGNED_IN}


@pytest.fixture
def process(make_plan):
    return make_process(make_plan(number=5, start=2020, end=2022), template="fifth", start=START, days=10)


@pytest.mark.parametrize(
    ("perm", "table"),
    [("cocreation.submit_proposal", EVERYONE_SIGNED_IN), ("cocreation.submit_initiative", PUBLIC_INSTITUTIONS)],
)
def test_submitting(process, personas, perm, table):
    with time_machine.travel(RECEPTION, tick=False):
        for name, person in personas.items():
            assert rules.has_perm(perm, person, process) is table[name], name
    with time_machine.travel(AFTER, tick=False):
        for name, person in personas.items():
            assert rules.has_perm(perm, person, process) is False, name


@pytest.mark.parametrize("perm", ["cocreation.support_proposal", "cocreation.comment_proposal"])
def test_taking_part_on_a_published_proposal(process, personas, participant, perm):
    with time_machine.travel(RECEPTION, tick=False):
        proposal = make_proposal(process, participant)
        for name, person in personas.items():
            assert rules.has_perm(perm, person, proposal) is EVERYONE_SIGNED_IN[name], name


def test_editing_is_for_the_author_within_the_window(process, personas, participant):
    with time_machine.travel(RECEPTION, tick=False) as traveller:
        proposal = make_proposal(process, participant)
        draft = make_proposal(process, participant, published=False)
        for name, person in personas.items():
            assert rules.has_perm("cocreation.change_proposal", person, proposal) is AUTHOR_ONLY[name], name
        traveller.shift(datetime.timedelta(hours=process.edit_window_hours, minutes=1))
        for name, person in personas.items():
            assert rules.has_perm("cocreation.change_proposal", person, proposal) is False, name
            # A draft stays editable by its author.
            assert rules.has_perm("cocreation.change_proposal", person, draft) is AUTHOR_ONLY[name], name


def test_a_draft_is_seen_by_its_author_and_the_secretariat_only(process, personas, participant):
    draft = make_proposal(process, participant, published=False)
    published = make_proposal(process, participant)
    for name, person in personas.items():
        assert rules.has_perm("cocreation.view_proposal", person, draft) is (name in {"participant", "secretariat"})
        assert rules.has_perm("cocreation.view_proposal", person, published) is True
