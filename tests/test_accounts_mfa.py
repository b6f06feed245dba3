"""A second factor (TOTP) for staff when ABIERTO_REQUIRE_STAFF_MFA is on; the admin is entered through allauth."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from allauth.mfa.totp.internal.auth import yield_hotp_counters_from_time as counters
from django.contrib.auth import get_user_model
from django.core.cache import cache

pytestmark = pytest.mark.django_db

MUST_SET_UP = {
    "participant": False,
    "implementer": True,
    "other_implementer": True,
    "secretariat": True,
    "forum_member": False,
    "evaluator": True,
}
SETUP = "/cuentas/2fa/totp/activate/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _code(secret: str) -> str:
    middle = list(counters())[len(list(counters())) // 2]
    return format_hotp_value(hotp_value(secret, middle))


def _sign_in(client, user, password="clave-segura-123"):
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    response = client.post("/cuentas/ingresar/", {"login": user.email, "password": password})
    assert response.status_code == 302
    return response


@pytest.mark.parametrize("name", list(MUST_SET_UP))
def test_with_the_setting_on_staff_without_totp_are_sent_to_set_it_up(settings, client, personas, name):
    settings.ABIERTO_REQUIRE_STAFF_MFA = True
    client.force_login(personas[name])
    response = client.get("/planes/")
    if MUST_SET_UP[name]:
        assert response.status_code == 302
        assert response["Location"] == f"{SETUP}?next=%2Fplanes%2F"
    else:
        assert response.status_code == 200


def test_a_plain_is_staff_account_must_also_set_it_up(settings, client):
    settings.ABIERTO_REQUIRE_STAFF_MFA = True
    staff = get_user_model().objects.create_user("admin-antiguo", email="a@example.org", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("name", list(MUST_SET_UP))
def test_with_the_setting_off_nobody_is_redirected(settings, client, personas, name):
    settings.ABIERTO_REQUIRE_STAFF_MFA = False
    client.force_login(personas[name])
    assert client.get("/planes/").status_code == 200


def test_setup_logout_and_static_pages_stay_open(settings, client, secretariat):
    settings.ABIERTO_REQUIRE_STAFF_MFA = True
    client.force_login(secretariat)
    assert client.get("/cuentas/salir/").status_code == 200
    assert client.get("/cuentas/2fa/").status_code in (200, 302)
    mfa_page = client.get("/cuentas/2fa/")
    if mfa_page.status_code == 302:
        assert not mfa_page["Location"].startswith(SETUP)
    assert client.get("/static/abierto/site.css").status_code in (200, 404)
    assert client.get("/cuentas/invitaciones/").status_code == 302


def test_activating_totp_opens_the_site_and_the_next_sign_in_asks_for_a_code(settings, client, secretariat):
    settings.ABIERTO_REQUIRE_STAFF_MFA = True
    _sign_in(client, secretariat)
    assert client.get("/").status_code == 302
    # allauth asks for the password again before adding an authenticator.
    reauth = client.get(SETUP)
    assert reauth.status_code == 302 and reauth["Location"].startswith("/cuentas/reauthenticate/")
    assert client.post(reauth["Location"], {"password": "clave-segura-123"}).status_code == 302
    page = client.get(SETUP)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Activar" in text or "activar" in text
    secret = client.session[SECRET_SESSION_KEY]
    wrong = client.post(SETUP, {"code": "000000" if _code(secret) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert not Authenticator.objects.filter(user=secretariat).exists()
    done = client.post(SETUP, {"code": _code(secret)})
    assert done.status_code == 302
    assert Authenticator.objects.filter(user=secretariat, type=Authenticator.Type.TOTP).exists()
    assert client.get("/planes/").status_code == 200

    client.post("/cuentas/salir/")
    response = client.post("/cuentas/ingresar/", {"login": secretariat.email, "password": "clave-segura-123"})
    assert response.status_code == 302 and "/2fa/authenticate/" in response["Location"]
    assert "_auth_user_id" not in client.session
    client.post(response["Location"], {"code": _code(secret)})
    assert int(client.session["_auth_user_id"]) == secretariat.pk


def test_the_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/plans/")
    assert response.status_code == 302
    assert response["Location"] == "/cuentas/ingresar/?next=%2Fadmin%2Fplans%2F"
    followed = client.get("/admin/", follow=True)
    assert followed.redirect_chain[-1][0].startswith("/cuentas/ingresar/?next=%2Fadmin%2F")
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 302


def test_the_admin_login_refuses_outside_targets(client):
    response = client.get("/admin/login/?next=https://example.com/")
    assert response["Location"] == "/cuentas/ingresar/?next=%2Fadmin%2F"


def test_the_admin_login_for_signed_in_people(client, secretariat, participant):
    client.force_login(participant)
    assert client.get("/admin/login/?next=/admin/").status_code == 403
    client.force_login(secretariat)
    response = client.get("/admin/login/?next=/admin/plans/")
    assert response.status_code == 302 and response["Location"] == "/admin/plans/"


def test_staff_signing_in_through_allauth_reach_the_admin(client, secretariat):
    _sign_in(client, secretariat)
    assert client.get("/admin/").status_code == 200
