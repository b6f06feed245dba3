"""What a visitor meets on the public pages, in a real browser, on a desktop and on a phone."""

import pytest

from abierto.institutions.models import Institution
from tests.browser.conftest import MOBILE, format_axe, run_axe, screenshot, visit

pytestmark = pytest.mark.browser

CPLT = "Consejo para la Transparencia"
# Beyond this, a page is no longer "light": the public pages should work without JavaScript.
JS_BUDGET_BYTES = 50 * 1024
# Leeway for sub-pixel rounding before a page counts as scrolling sideways.
OVERFLOW_TOLERANCE_PX = 1

PUBLIC_PAGES = [
    pytest.param("/", id="inicio"),
    pytest.param("/planes/", id="planes"),
    pytest.param("/planes/3/", id="plan-3"),
    pytest.param("/planes/3/compromisos/CL0046/", id="compromiso-CL0046"),
    pytest.param("/planes/3/compromisos/CL0050/", id="compromiso-CL0050"),
    pytest.param("/planes/hoja-de-ruta/", id="hoja-de-ruta"),
    pytest.param("/instituciones/", id="instituciones"),
    pytest.param("/instituciones/{cplt}/", id="institucion-cplt"),
    pytest.param("/metodologia/", id="metodologia"),
    pytest.param("/buscar/?q=participacion", id="buscar"),
]

# The elements that stick out to the right of a narrow viewport, widest first (to say why a page
# overflows). Elements inside a scrolling or clipping box (e.g. a wide table in a scroll wrapper) are left out.
OVERFLOWING_ELEMENTS = r"""(limit) => {
  const width = document.documentElement.clientWidth;
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.classList.length ? '.' + Array.from(el.classList).join('.') : '');
  const clipped = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(up).overflowX)) return true;
    }
    return false;
  };
  const clip = (text, n) => (text.length > n ? text.slice(0, n - 1) + '…' : text);
  const wide = Array.from(document.body.querySelectorAll('*'))
    .map((el) => ({el, right: el.getBoundingClientRect().right}))
    .filter(({el, right}) => right > width + 1 && !clipped(el))
    .sort((a, b) => b.right - a.right);
  const found = wide.slice(0, limit).map(({el, right}) => {
    const text = el.textContent.replace(/\s+/g, ' ').trim();
    return `${describe(el)}${text ? ` "${clip(text, 60)}"` : ''} reaches ${Math.round(right)}px`;
  });
  // A long unbreakable word (typically a URL) is the usual cause of a box wider than the screen.
  const longest = wide.flatMap(({el}) => el.textContent.split(/\s+/))
    .reduce((best, word) => (word.length > best.length ? word : best), '');
  if (longest.length > 30) found.push(`unbreakable text (${longest.length} chars) "${clip(longest, 80)}"`);
  return found;
}"""


def _cplt_slug() -> str:
    institutions = Institution.objects.order_by("pk")
    institution = institutions.filter(name__iexact=CPLT).first() or institutions.filter(name__icontains=CPLT).first()
    if institution is None:
        pytest.fail(f"The test data has no institution named {CPLT!r}.", pytrace=False)
    return institution.slug


def _status_problem(result) -> str | None:
    if result.status != 200:
        return f"HTTP status {result.status} (expected 200)"
    return None


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page(request, path, chile_data, page, mobile_page):
    if "{cplt}" in path:
        path = path.format(cplt=_cplt_slug())
    name = request.node.callspec.id
    problems: list[str] = []

    # Desktop: what every visitor meets, and the accessibility audit.
    desktop = visit(page, path)
    screenshot(page, f"{name}-desktop")
    if status := _status_problem(desktop):
        pytest.fail(f"{path} (data: {chile_data}): {status}; title {page.title()!r}", pytrace=False)

    lang = page.evaluate("document.documentElement.getAttribute('lang')")
    if lang != "es":
        problems.append(f'<html lang="{lang}"> (expected "es")')
    headings = [text.strip() for text in page.locator("h1").all_inner_texts()]
    if not any(headings):
        problems.append("no <h1> with text")
    if desktop.script_bytes >= JS_BUDGET_BYTES:
        problems.append(
            f"{desktop.script_bytes} bytes of JavaScript (budget {JS_BUDGET_BYTES}): " + ", ".join(desktop.scripts)
        )
    problems.extend(f"desktop {error}" for error in desktop.console_errors)
    violations = run_axe(page)
    if violations:
        problems.append(f"{len(violations)} axe violation(s):\n{format_axe(violations)}")

    # Phone: the same page at 375 px must not scroll sideways.
    phone = visit(mobile_page, path)
    screenshot(mobile_page, f"{name}-mobile")
    if status := _status_problem(phone):
        problems.append(f"mobile {status}")
    scroll_width = mobile_page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > MOBILE["width"] + OVERFLOW_TOLERANCE_PX:
        culprits = mobile_page.evaluate(OVERFLOWING_ELEMENTS, 5)
        problems.append(
            f"scrolls sideways at {MOBILE['width']} px (scrollWidth {scroll_width}): " + "; ".join(culprits)
        )
    problems.extend(f"mobile {error}" for error in phone.console_errors)

    if problems:
        pytest.fail(f"{path} (data: {chile_data}):\n- " + "\n- ".join(problems), pytrace=False)


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(chile_data, page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const el = document.activeElement;
            const box = el.getBoundingClientRect();
            return {tag: el.tagName, text: el.textContent.trim(), href: el.getAttribute('href'),
                    onScreen: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0
                              && box.right <= window.innerWidth};
        }"""
    )
    assert focused["text"] == "Saltar al contenido", f"the first Tab stop is {focused}, not the skip link"
    assert focused["href"] == "#contenido", focused
    assert focused["onScreen"], "the skip link stays off-screen when it has focus"

    page.keyboard.press("Enter")
    landed = page.evaluate("() => ({tag: document.activeElement.tagName, id: document.activeElement.id})")
    assert landed == {"tag": "MAIN", "id": "contenido"}, f"activating the skip link focused {landed}"
