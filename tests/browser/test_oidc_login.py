"""Signing in with an OpenID Connect provider (as ClaveÚnica would be), against a real provider.

tests/oidc/provider.mjs runs node's ``oidc-provider`` on loopback with one client and one account
whose email is verified. Chromium signs in there, consents, and must come back signed in on Abierto
with the provider's email; a second sign-in reuses the same account.
"""

import json
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.browser

REPO_ROOT = Path(__file__).resolve().parents[2]
PROVIDER_SCRIPT = REPO_ROOT / "tests" / "oidc" / "provider.mjs"
PROVIDER_PACKAGE = REPO_ROOT / "node_modules" / "oidc-provider"
PROVIDER_ID = "claveunica"
CLIENT_ID = "abierto-pruebas"
CLIENT_SECRET = "un-secreto-de-prueba-bastante-largo"
EMAIL = "rut.prueba@example.org"
STARTUP_SECONDS = 20


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def _require(condition: bool, message: str) -> None:
    if condition:
        return
    if _in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _callbacks(live_server_url: str) -> list[str]:
    path = f"/cuentas/oidc/{PROVIDER_ID}/login/callback/"
    port = live_server_url.rsplit(":", 1)[1]
    return [f"http://127.0.0.1:{port}{path}", f"http://localhost:{port}{path}"]


@pytest.fixture
def oidc_provider(live_server):
    node = shutil.which("node")
    _require(node is not None, "Node.js is missing: the OpenID Connect test needs `node` on PATH.")
    _require(
        PROVIDER_PACKAGE.exists(),
        "node_modules/oidc-provider is missing: run `npm ci` (or `make node`) in the repository root.",
    )
    env = {
        **os.environ,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_REDIRECT_URIS": ",".join(_callbacks(live_server.url)),
        "OIDC_EMAIL": EMAIL,
        "OIDC_NAME": "Rut Prueba",
    }
    process = subprocess.Popen(
        [node, str(PROVIDER_SCRIPT)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        if not line:
            raise AssertionError(f"the OIDC provider did not start:\n{process.stderr.read()}")
        issuer = json.loads(line)["issuer"]
        _wait_for_discovery(issuer)
        yield issuer
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_discovery(issuer: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    last_error = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=2) as response:
                if json.load(response)["issuer"] == issuer:
                    return
        except OSError as error:
            last_error = error
        time.sleep(0.2)
    raise AssertionError(f"no discovery document at {issuer}: {last_error}")


@pytest.fixture
def oidc_settings(settings, oidc_provider):
    settings.ABIERTO_OIDC = {
        "provider_id": PROVIDER_ID,
        "name": "ClaveÚnica de prueba",
        "client_id": CLIENT_ID,
        "secret": CLIENT_SECRET,
        "server_url": oidc_provider,
        "token_auth_method": "client_secret_basic",
        "scope": ["openid", "email", "profile"],
        "pkce": True,
    }
    settings.ABIERTO_REQUIRE_STAFF_MFA = False
    return oidc_provider


def _sign_in_with_the_provider(page, issuer: str) -> None:
    page.goto("/cuentas/ingresar/")
    page.get_by_role("link", name="Ingresar con ClaveÚnica de prueba").click()
    # allauth asks to confirm before leaving the site (a POST, so a link alone cannot start a login).
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: url.startswith(issuer) or "/cuentas/" not in url)
    if page.url.startswith(issuer) and page.locator("input[name=login]").count():
        page.fill("input[name=login]", "rut-prueba")
        page.fill("input[name=password]", "cualquiera")
        page.locator("button[type=submit]").click()
        page.wait_for_load_state("load")
    if page.url.startswith(issuer):
        # The consent screen of the development interactions.
        page.locator("button[type=submit]").first.click()
    page.wait_for_url(lambda url: not url.startswith(issuer))
    page.wait_for_load_state("load")


def test_sign_in_with_an_openid_connect_provider_and_again(transactional_db, live_server, page, oidc_settings):
    issuer = oidc_settings
    _sign_in_with_the_provider(page, issuer)
    assert page.url.rstrip("/") == live_server.url.rstrip("/") or page.url.startswith(live_server.url), page.url
    nav = page.get_by_role("navigation", name="Navegación principal")
    assert nav.get_by_role("link", name="Mi cuenta").is_visible()
    page.goto("/cuentas/mi-cuenta/")
    assert EMAIL in page.locator("main").inner_text()

    users = get_user_model().objects.filter(email=EMAIL)
    assert users.count() == 1
    user = users.get()
    assert user.socialaccount_set.get().provider == PROVIDER_ID

    # Sign out, then in again: the same account, no second one.
    page.goto("/cuentas/salir/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("navigation", name="Navegación principal").get_by_role("link", name="Ingresar").count()
    _sign_in_with_the_provider(page, issuer)
    page.goto("/cuentas/mi-cuenta/")
    assert EMAIL in page.locator("main").inner_text()
    assert get_user_model().objects.filter(email=EMAIL).count() == 1
    assert user.socialaccount_set.count() == 1


@pytest.mark.parametrize("path", ["/cuentas/ingresar/", "/cuentas/registrarse/", "/cuentas/password/reset/"])
def test_the_account_pages_pass_the_accessibility_audit(transactional_db, live_server, page, path):
    from tests.browser.conftest import assert_no_axe_violations, visit

    result = visit(page, path)
    assert result.status == 200
    assert not result.console_errors, result.console_errors
    # With an error shown, too: the message must be announced and tied to its field.
    if path == "/cuentas/ingresar/":
        page.fill("#id_login", "nadie@example.org")
        page.fill("#id_password", "incorrecta")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state("load")
        assert page.locator("[role=alert]").count() == 1
        assert page.input_value("#id_login") == "nadie@example.org"
    assert_no_axe_violations(page, path)
