"""Who may do what with the registry, as a truth table over every persona."""

import pytest

from abierto.plans.models import Commitment

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "participant", "implementer", "other_implementer", "secretariat", "forum_member", "evaluator"]

# permission → the personas allowed; everyone else is refused.
TABLE = {
    "plans.view_commitment": set(PERSONAS),
    "plans.add_commitment": {"secretariat"},
    "plans.change_commitment": {"secretariat"},
    "plans.delete_commitment": {"secretariat"},
    "plans.carry_forward_commitment": {"secretariat"},
    "plans.report_on_commitment": {"secretariat", "implementer"},
    "plans.update_milestone_progress": {"secretariat", "implementer"},
    "plans.add_evidence": {"secretariat", "implementer"},
    "plans.assess_commitment": {"secretariat", "evaluator"},
}


@pytest.fixture
def commitment(make_plan, lead_institution):
    from abierto.plans import services

    return services.save(
        Commitment(plan=make_plan(), code="CL0046", title="Modelo subnacional", lead_institution=lead_institution),
        actor=None,
    )


@pytest.mark.parametrize("permission", sorted(TABLE))
@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_truth_table(personas, commitment, permission, persona):
    user = personas[persona]
    assert user.has_perm(permission, commitment) is (persona in TABLE[permission])


def test_a_revoked_role_grants_nothing(implementer, commitment):
    from django.utils import timezone

    from abierto.accounts.models import Role

    Role.objects.filter(user=implementer).update(revoked_at=timezone.now())
    implementer = type(implementer).objects.get(pk=implementer.pk)
    assert not implementer.has_perm("plans.report_on_commitment", commitment)


def test_an_implementer_must_belong_to_an_institution(participant):
    from django.core.exceptions import ValidationError

    from abierto.accounts.models import Role

    with pytest.raises(ValidationError) as error:
        Role(user=participant, kind=Role.Kind.IMPLEMENTER).full_clean()
    assert "Una contraparte debe estar vinculada a una institución." in str(error.value)


def test_a_person_holds_each_role_once(secretariat, implementer, lead_institution):
    from django.db import IntegrityError, transaction

    from abierto.accounts.models import Role

    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.create(user=implementer, kind=Role.Kind.IMPLEMENTER, institution=lead_institution)
    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.create(user=secretariat, kind=Role.Kind.SECRETARIAT)
        Role.objects.create(user=secretariat, kind=Role.Kind.SECRETARIAT)
