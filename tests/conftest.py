"""Personas and small builders shared by the behaviour tests."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from abierto.core.roles import SECRETARIAT, ensure_roles
from abierto.institutions.models import Government, Institution
from abierto.plans import services
from abierto.plans.models import ActionPlan, Commitment, Milestone


@pytest.fixture
def secretariat(db):
    ensure_roles()
    user = get_user_model().objects.create_user(
        "secretaria",
        email="secretaria@example.org",
        password="clave-segura-123",
        is_staff=True,
        first_name="Valeria",
        last_name="Secretaria",
    )
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return user


@pytest.fixture
def participant(db):
    return get_user_model().objects.create_user("ciudadana", email="ciudadana@example.org", password="clave-segura-123")


@pytest.fixture
def lead_institution(db, chile):
    return Institution.objects.create(
        name="Consejo para la Transparencia",
        slug="consejo-para-la-transparencia",
        branch=Institution.Branch.AUTONOMOUS,
        government=chile,
    )


@pytest.fixture
def other_institution(db, chile):
    return Institution.objects.create(
        name="Defensoría Penal Pública",
        slug="defensoria-penal-publica",
        branch=Institution.Branch.EXECUTIVE,
        government=chile,
    )


def _person(username, **extra):
    return get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password="clave-segura-123", **extra
    )


@pytest.fixture
def implementer(db, lead_institution):
    """Staff of the institution that leads the commitment."""
    from abierto.accounts.models import Role

    user = _person("contraparte", first_name="Eduardo", last_name="González")
    Role.objects.create(user=user, kind=Role.Kind.IMPLEMENTER, institution=lead_institution)
    return user


@pytest.fixture
def other_implementer(db, other_institution):
    """Staff of another institution: may see, never change, what is not theirs."""
    from abierto.accounts.models import Role

    user = _person("otra-contraparte")
    Role.objects.create(user=user, kind=Role.Kind.IMPLEMENTER, institution=other_institution)
    return user


@pytest.fixture
def forum_member(db):
    from abierto.accounts.models import Role

    user = _person("integrante-mesa")
    Role.objects.create(user=user, kind=Role.Kind.FORUM_MEMBER)
    return user


@pytest.fixture
def evaluator(db):
    from abierto.accounts.models import Role

    user = _person("evaluadora")
    Role.objects.create(user=user, kind=Role.Kind.EVALUATOR)
    return user


@pytest.fixture
def personas(participant, implementer, other_implementer, secretariat, forum_member, evaluator):
    """Every persona by name, for truth tables. "anonymous" is Django's AnonymousUser."""
    from django.contrib.auth.models import AnonymousUser

    return {
        "anonymous": AnonymousUser(),
        "participant": participant,
        "implementer": implementer,
        "other_implementer": other_implementer,
        "secretariat": secretariat,
        "forum_member": forum_member,
        "evaluator": evaluator,
    }


@pytest.fixture
def secretariat_client(client, secretariat):
    client.force_login(secretariat)
    return client


@pytest.fixture
def chile(db):
    return Government.objects.get_or_create(code="CHL", defaults={"name": "Chile", "region": "Americas"})[0]


@pytest.fixture
def make_institution(db, chile):
    def make(name="Consejo para la Transparencia", branch=Institution.Branch.AUTONOMOUS, slug=None):
        from django.utils.text import slugify

        return Institution.objects.create(name=name, slug=slug or slugify(name)[:120], branch=branch, government=chile)

    return make


@pytest.fixture
def make_plan(db, chile):
    def make(number=3, start=2016, end=2018, **extra):
        defaults = {
            "government": chile,
            "kind": ActionPlan.Kind.NATIONAL,
            "number": number,
            "slug": str(number),
            "title": f"{number}° Plan de Acción de Gobierno Abierto",
            "start_year": start,
            "end_year": end,
        }
        defaults.update(extra)
        return services.save(ActionPlan(**defaults), actor=None, actor_label="prueba")

    return make


@pytest.fixture
def make_commitment(db):
    def make(plan, code="CL0046", title="Modelo de Gobierno Abierto a nivel subnacional", **extra):
        return services.save(
            Commitment(
                plan=plan,
                code=code,
                ogp_id=extra.pop("ogp_id", code if code.startswith("CL") else None),
                title=title,
                **extra,
            ),
            actor=None,
            actor_label="prueba",
        )

    return make


@pytest.fixture
def make_milestone(db):
    def make(commitment, description="Hito", weight="1", status=Milestone.Status.NOT_STARTED, progress=0, **extra):
        return services.save(
            Milestone(
                commitment=commitment,
                description=description,
                weight=Decimal(weight),
                status=status,
                progress=progress,
                **extra,
            ),
            actor=None,
            actor_label="prueba",
        )

    return make


FROZEN_TODAY = datetime.date(2026, 11, 22)
