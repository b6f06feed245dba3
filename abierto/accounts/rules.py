"""Predicates about who someone is. Each app's rules.py combines them into permissions."""

import rules
from django.contrib.auth.models import AnonymousUser

from abierto.accounts.models import Role
from abierto.core.roles import SECRETARIAT


def _active_roles(user) -> list[Role]:
    """A person's active roles, read once per request and kept on the user object."""
    if isinstance(user, AnonymousUser) or not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_abierto_roles", None)
    if cached is None:
        cached = list(Role.objects.active().filter(user=user))
        user._abierto_roles = cached
    return cached


def institution_ids(user) -> set[int]:
    """The institutions a person reports for (as an implementer)."""
    return {r.institution_id for r in _active_roles(user) if r.kind == Role.Kind.IMPLEMENTER and r.institution_id}


@rules.predicate
def is_secretariat(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or any(r.kind == Role.Kind.SECRETARIAT for r in _active_roles(user)):
        return True
    # Staff accounts created before roles existed, or through the admin's groups (read once per request too).
    in_group = getattr(user, "_abierto_secretariat_group", None)
    if in_group is None:
        in_group = user._abierto_secretariat_group = user.groups.filter(name=SECRETARIAT).exists()
    return in_group


@rules.predicate
def is_implementer(user) -> bool:
    return bool(institution_ids(user))


@rules.predicate
def is_forum_member(user) -> bool:
    return any(r.kind == Role.Kind.FORUM_MEMBER for r in _active_roles(user))


@rules.predicate
def is_evaluator(user) -> bool:
    return any(r.kind == Role.Kind.EVALUATOR for r in _active_roles(user))


@rules.predicate
def is_participant(user) -> bool:
    """Anyone signed in: citizens, organisations, municipalities."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


@rules.predicate
def is_staff_role(user) -> bool:
    """People who work on the registry, not only read and take part in it: they need a second factor."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:
        return True
    staff_kinds = {Role.Kind.SECRETARIAT, Role.Kind.IMPLEMENTER, Role.Kind.EVALUATOR}
    return any(r.kind in staff_kinds for r in _active_roles(user)) or is_secretariat(user)


# Only the executive secretariat invites people to take a role.
rules.add_perm("accounts.invite", is_secretariat)
