"""Personal API keys: only implementers and the secretariat have them; shown once, stored as a digest,
revocable, expiring; the write API answers 401 without a usable one."""

import datetime
import hashlib

import pytest
import time_machine
from django.utils import timezone

from abierto.accounts import tokens
from abierto.accounts.models import ApiToken

pytestmark = pytest.mark.django_db

MAY_HAVE_TOKENS = {
    "anonymous": False,
    "participant": False,
    "implementer": True,
    "other_implementer": True,
    "secretariat": True,
    "forum_member": False,
    "evaluator": False,
}


@pytest.mark.parametrize("name", list(MAY_HAVE_TOKENS))
def test_who_may_open_the_api_keys_page(client, personas, name):
    if name != "anonymous":
        client.force_login(personas[name])
    response = client.get("/cuentas/claves-api/")
    if MAY_HAVE_TOKENS[name]:
        assert response.status_code == 200
    elif name == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 403


def test_a_key_is_shown_once_and_only_its_digest_is_kept(client, implementer):
    client.force_login(implementer)
    page = client.post("/cuentas/claves-api/", {"name": "Sistema de gestión", "days": 30}).content.decode()
    token = ApiToken.objects.get()
    plain = page.split('id="nueva-clave">')[1].split("<")[0]
    assert plain.startswith("abierto_") and token.prefix == plain[:12]
    assert token.token_hash == hashlib.sha256(plain.encode()).hexdigest()
    assert plain not in client.get("/cuentas/claves-api/").content.decode()
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {plain}").json()["email"] == implementer.email


def test_a_form_with_errors_keeps_what_was_typed(client, implementer):
    client.force_login(implementer)
    response = client.post("/cuentas/claves-api/", {"name": "Mi sistema", "days": 9999})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Mi sistema"' in page and "730" in page
    assert not ApiToken.objects.exists()


def test_revoked_expired_and_unknown_keys_are_refused(client, implementer, other_implementer):
    token, plain = tokens.create(user=implementer, name="A", days=1)
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {plain}").status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {plain}")
        assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    client.force_login(other_implementer)
    assert client.post("/cuentas/claves-api/", {"revoke": token.pk}).status_code == 404
    client.force_login(implementer)
    client.post("/cuentas/claves-api/", {"revoke": token.pk})
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {plain}").status_code == 401
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION="Bearer abierto_inventada").status_code == 401
    assert client.get("/api/v1/me/").status_code == 401


def test_a_session_is_not_enough_for_the_write_api(client, implementer):
    client.force_login(implementer)
    assert client.get("/api/v1/me/").status_code == 401
