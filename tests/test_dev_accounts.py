"""The development login exists only in development."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_it_refuses_to_create_a_known_password_outside_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("ensure_dev_accounts")
    assert not get_user_model().objects.exists()


def test_in_development_it_creates_the_secretariat_login_and_is_idempotent(settings, client):
    settings.DEBUG = True
    call_command("ensure_dev_accounts")
    call_command("ensure_dev_accounts")
    user = get_user_model().objects.get()
    assert user.is_staff and user.groups.filter(name="Secretaría ejecutiva").exists()
    assert client.login(username="secretaria", password="abierto-local-2026")
    assert client.get("/admin/plans/commitment/").status_code == 200
