"""Signing up and in by email (django-allauth), in Spanish, inside the site's layout."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth keeps its email cooldowns in the cache, which outlives each test's database."""
    cache.clear()
    yield
    cache.clear()


PASSWORD = "una-clave-bastante-larga-2026"


def _link(message, fragment: str) -> str:
    found = re.search(r"https?://[^/\s]+(" + re.escape(fragment) + r"\S*)", message.body)
    assert found, f"no {fragment} link in:\n{message.body}"
    return found.group(1)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _sign_up(client, email="nueva@example.org"):
    return client.post("/cuentas/registrarse/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def test_sign_up_sends_a_verification_email_and_signing_in_waits_for_it(client):
    response = _sign_up(client)
    assert response.status_code == 302
    assert not _signed_in(client)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nueva@example.org"]
    assert mail.outbox[0].subject.startswith("[Abierto] ")
    user = get_user_model().objects.get(email="nueva@example.org")
    assert not EmailAddress.objects.get(user=user).verified

    client.post("/cuentas/ingresar/", {"login": "nueva@example.org", "password": PASSWORD})
    assert not _signed_in(client)


def test_following_the_verification_link_verifies_and_signs_in(client):
    _sign_up(client)
    confirm = _link(mail.outbox[0], "/cuentas/confirm-email/")
    page = client.get(confirm)
    assert page.status_code == 200
    response = client.post(confirm)
    assert response.status_code == 302
    assert _signed_in(client)
    assert EmailAddress.objects.get(email="nueva@example.org").verified


def test_a_verified_person_signs_in_by_email(client, participant):
    EmailAddress.objects.create(user=participant, email=participant.email, verified=True, primary=True)
    response = client.post("/cuentas/ingresar/", {"login": "CIUDADANA@example.org", "password": "clave-segura-123"})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == participant.pk


def test_a_wrong_password_is_refused_in_spanish_and_keeps_the_email_typed(client, participant):
    EmailAddress.objects.create(user=participant, email=participant.email, verified=True, primary=True)
    response = client.post("/cuentas/ingresar/", {"login": "ciudadana@example.org", "password": "otra-cosa"})
    assert response.status_code == 200
    assert not _signed_in(client)
    page = response.content.decode()
    assert "no son correctas" in page
    assert 'value="ciudadana@example.org"' in page
    assert 'role="alert"' in page


def test_password_reset_sends_a_link_that_sets_a_new_password(client, participant):
    EmailAddress.objects.create(user=participant, email=participant.email, verified=True, primary=True)
    response = client.post("/cuentas/password/reset/", {"email": "ciudadana@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert participant.username not in body
    reset = _link(mail.outbox[0], "/cuentas/password/reset/key/")
    form_page = client.get(reset, follow=True)
    assert form_page.status_code == 200
    new = "otra-clave-mucho-mas-larga-77"
    done = client.post(form_page.redirect_chain[-1][0], {"password1": new, "password2": new})
    assert done.status_code == 302
    participant.refresh_from_db()
    assert participant.check_password(new)


def test_sign_in_page_is_spanish_labelled_and_in_the_site_layout(client):
    page = client.get("/cuentas/ingresar/").content.decode()
    assert '<html lang="es">' in page
    assert 'class="site-header"' in page
    assert '<label for="id_login">Correo electrónico' in page
    assert '<label for="id_password">Contraseña' in page
    assert "Ingresar" in page
    assert "Usuario" not in page and "username" not in page.lower().replace('autocomplete="username"', "")


def test_sign_up_errors_are_spanish_and_keep_what_was_typed(client):
    response = client.post(
        "/cuentas/registrarse/", {"email": "alguien@example.org", "password1": PASSWORD, "password2": "distinta-1234"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="alguien@example.org"' in page
    assert 'aria-invalid="true"' in page
    assert "Debe escribir la misma contraseña" in page


def test_the_header_offers_ingresar_or_my_account(client, participant):
    assert "/cuentas/ingresar/" in client.get("/").content.decode()
    client.force_login(participant)
    page = client.get("/").content.decode()
    assert "Mi cuenta" in page and "/cuentas/salir/" in page
    account = client.get("/cuentas/mi-cuenta/").content.decode()
    assert participant.email in account
    assert ">ciudadana<" not in account and "ciudadana\n" not in account


def test_the_oidc_provider_comes_from_the_abierto_oidc_setting(client, settings):
    page = client.get("/cuentas/ingresar/").content.decode()
    assert "/cuentas/oidc/" not in page
    settings.ABIERTO_OIDC = {
        "provider_id": "claveunica",
        "name": "ClaveÚnica",
        "client_id": "abierto",
        "secret": "secreto",
        "server_url": "https://accounts.claveunica.gob.cl/openid",
        "scope": ["openid", "run", "name", "email"],
    }
    page = client.get("/cuentas/ingresar/").content.decode()
    assert 'href="/cuentas/oidc/claveunica/login/?process=login"' in page
    assert "Ingresar con ClaveÚnica" in page
    from abierto.accounts.adapter import oidc_app_from_settings

    app = oidc_app_from_settings()
    assert app.settings["oauth_pkce_enabled"] is True
    assert app.settings["scope"] == ["openid", "run", "name", "email"]
