"""The roles of the platform as Django groups. Kept in step after every migrate."""

from django.contrib.auth.models import Group, Permission

SECRETARIAT = "Secretaría ejecutiva"

# The secretariat maintains the whole public registry.
SECRETARIAT_APPS = ["institutions", "plans", "assessments", "monitoring"]


def ensure_roles(**_kwargs) -> None:
    group, _ = Group.objects.get_or_create(name=SECRETARIAT)
    permissions = Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS)
    group.permissions.set(permissions)
    # The audit log is read-only for everyone, the secretariat included.
    group.permissions.add(*Permission.objects.filter(content_type__app_label="audit", codename__startswith="view_"))
