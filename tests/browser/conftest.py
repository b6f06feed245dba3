"""Browser harness: Debian's Chromium driven by Playwright (sync API), axe-core inside the page.

Every test under tests/browser/ is marked ``browser`` (``make test-browser``; ``make test-fast`` skips them).
Pages are served by pytest-django's ``live_server`` from a transactional test database.
"""

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
SCREENSHOTS = HERE / "screenshots"
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}
# The audience is Chilean: the browser asks for Spanish first, as theirs would.
LOCALE = "es-CL"
TIMEZONE = "America/Santiago"

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_NODES_SHOWN = 3
SNIPPET_CHARS = 240

# Playwright's sync API keeps an asyncio loop running on the main thread, and Django refuses
# synchronous ORM calls from a thread with a running loop (SynchronousOnlyOperation). The test
# code and the live server only ever use the database synchronously, so this is safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test in this folder ``browser`` and run them after all the others.

    Running them last keeps the session-wide browser (and its event loop) from being alive
    while the rest of the suite runs under ``make test``.
    """
    browser_items, other_items = [], []
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)
            browser_items.append(item)
        else:
            other_items.append(item)
    items[:] = other_items + browser_items


# --- Chromium -------------------------------------------------------------------------------


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = (
        f"Debian's Chromium is missing ({CHROMIUM} not found); install it with: apt-get install -y chromium "
        "(the browser tests never use `playwright install`)."
    )
    if os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    _require_chromium()
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _new_page(browser: Browser, live_server, viewport: dict, *, mobile: bool) -> tuple[BrowserContext, Page]:
    context = browser.new_context(
        base_url=live_server.url,
        viewport=viewport,
        screen=viewport,
        device_scale_factor=1,
        is_mobile=mobile,
        has_touch=mobile,
        locale=LOCALE,
        timezone_id=TIMEZONE,
        # axe is injected as an inline script; a strict Content-Security-Policy must not stop the audit.
        bypass_csp=True,
    )
    context.set_default_timeout(15_000)
    return context, context.new_page()


@pytest.fixture
def page(browser, live_server) -> Iterator[Page]:
    """A desktop page (1280×900) on a fresh browser context."""
    context, tab = _new_page(browser, live_server, DESKTOP, mobile=False)
    yield tab
    context.close()


@pytest.fixture
def mobile_page(browser, live_server) -> Iterator[Page]:
    """A phone-sized page (375×812, touch) on its own browser context."""
    context, tab = _new_page(browser, live_server, MOBILE, mobile=True)
    yield tab
    context.close()


# --- Data -----------------------------------------------------------------------------------


@pytest.fixture
def chile_data(transactional_db, request: pytest.FixtureRequest) -> str:
    """Chile's registry, committed so that the live server sees it.

    Uses ``manage.py load_chile``; while that command does not exist yet, a tiny stand-in
    dataset is built with the shared builders of tests/conftest.py. Returns which one was used.
    """
    try:
        call_command("load_chile", stdout=io.StringIO(), stderr=io.StringIO())
        return "load_chile"
    except CommandError as error:
        if "Unknown command" not in str(error):
            raise
    make_institution = request.getfixturevalue("make_institution")
    make_plan = request.getfixturevalue("make_plan")
    make_commitment = request.getfixturevalue("make_commitment")
    make_milestone = request.getfixturevalue("make_milestone")
    make_institution("Consejo para la Transparencia")
    make_institution("Ministerio Secretaría General de la Presidencia")
    plan = make_plan(number=3, start=2016, end=2018)
    first = make_commitment(plan, code="CL0046", title="Modelo de Gobierno Abierto a nivel subnacional")
    make_commitment(plan, code="CL0050", title="Participación ciudadana en la gestión pública")
    make_milestone(first, description="Diseño del modelo", progress=100, status="completed")
    return "stand-in"


# --- Visiting and auditing ------------------------------------------------------------------


@dataclass
class Visit:
    """What a user's browser met when opening one URL."""

    path: str
    status: int | None
    console_errors: list[str] = field(default_factory=list)
    script_bytes: int = 0
    scripts: list[str] = field(default_factory=list)


def _listen(tab: Page) -> tuple[list[str], list]:
    errors: list[str] = []
    script_responses: list = []

    def on_console(message) -> None:
        if message.type == "error":
            where = message.location or {}
            if where.get("url", "").endswith("/favicon.ico"):
                # Chromium asks for /favicon.ico on its own (and caches the miss across pages):
                # not something the page did, and reporting it would depend on test order.
                return
            errors.append(f"console: {message.text} ({where.get('url', '')}:{where.get('lineNumber', '')})")

    def on_page_error(error) -> None:
        errors.append(f"uncaught: {error}")

    def on_request_failed(request) -> None:
        errors.append(f"request failed: {request.url} ({request.failure})")

    def on_response(response) -> None:
        if response.request.resource_type == "script":
            script_responses.append(response)

    tab.on("console", on_console)
    tab.on("pageerror", on_page_error)
    tab.on("requestfailed", on_request_failed)
    tab.on("response", on_response)
    return errors, script_responses


INLINE_SCRIPT_BYTES = """() => Array.from(document.querySelectorAll('script:not([src])'))
  .filter((s) => !s.type || /javascript|ecmascript|module/i.test(s.type))
  .reduce((sum, s) => sum + new TextEncoder().encode(s.textContent).length, 0)"""


def visit(tab: Page, path: str) -> Visit:
    """Open ``path`` (relative to the live server) and wait until it has loaded.

    Counts the JavaScript the page brought with it (external script bodies plus inline
    scripts) before anything is injected by the harness.
    """
    errors, script_responses = _listen(tab)
    response = tab.goto(path, wait_until="load")
    tab.wait_for_load_state("networkidle")
    result = Visit(path=path, status=response.status if response else None, console_errors=errors)
    for script in script_responses:
        try:
            size = len(script.body())
        except Exception:  # a redirect or an aborted request has no body
            size = 0
        result.script_bytes += size
        result.scripts.append(f"{script.url} ({size} B)")
    inline = tab.evaluate(INLINE_SCRIPT_BYTES)
    if inline:
        result.script_bytes += inline
        result.scripts.append(f"inline <script> ({inline} B)")
    return result


def screenshot(tab: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    tab.screenshot(path=str(target), full_page=True, animations="disabled")
    return target


def run_axe(tab: Page) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA rules) in the page; return its violations."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is not installed ({AXE_SCRIPT.relative_to(REPO_ROOT)} missing): run `make node`.")
    tab.add_script_tag(path=str(AXE_SCRIPT))
    return tab.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return results.violations;
        }""",
        AXE_TAGS,
    )


def _clip(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_axe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        nodes = violation.get("nodes", [])
        lines.append(
            f"[{violation.get('impact')}] {violation['id']}: {violation.get('help')} "
            f"({len(nodes)} element{'s' if len(nodes) != 1 else ''}) — {violation.get('helpUrl')}"
        )
        for node in nodes[:AXE_NODES_SHOWN]:
            target = " ".join(" ".join(part) if isinstance(part, list) else part for part in node.get("target", []))
            lines.append(f"    at {target}")
            lines.append(f"       {_clip(node.get('html', ''))}")
            if node.get("failureSummary"):
                lines.append(f"       {_clip(node['failureSummary'])}")
        if len(nodes) > AXE_NODES_SHOWN:
            lines.append(f"    … and {len(nodes) - AXE_NODES_SHOWN} more")
    return "\n".join(lines)


def assert_no_axe_violations(tab: Page, label: str = "") -> None:
    violations = run_axe(tab)
    if violations:
        where = f" on {label}" if label else ""
        pytest.fail(f"{len(violations)} axe violation(s){where}:\n{format_axe(violations)}", pytrace=False)
