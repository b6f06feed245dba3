"""The English catalogue is complete, keeps every placeholder, is compiled, and turns the public pages to English."""

import ast
import html
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

LOCALE_DIR = Path(__file__).resolve().parent.parent / "abierto" / "locale" / "en" / "LC_MESSAGES"
PO_PATH = LOCALE_DIR / "django.po"
MO_PATH = LOCALE_DIR / "django.mo"

PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]+)\))?[-#0 +]*\d*(?:\.\d+)?(?P<conv>[sdifr%])")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def label(self) -> str:
        return f"django.po:{self.line} {self.msgid[:60]!r}"


def parse_po(path: Path) -> list[Entry]:
    """The active entries of a .po file (obsolete ``#~`` entries are ignored), header included."""
    entries: list[Entry] = []
    current = Entry()
    key: tuple[str, int] | None = None

    def flush() -> None:
        nonlocal current, key
        if key is not None:
            entries.append(current)
        current, key = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#,"):
            if key is not None:
                flush()
            current.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            if key is not None:
                flush()
        elif line.startswith('"'):
            assert key is not None, f"django.po:{number}: string continuation outside an entry"
            append(current, key, ast.literal_eval(line))
        else:
            keyword, _, value = line.partition(" ")
            if keyword == "msgctxt" or (keyword == "msgid" and key is not None and key[0] != "msgctxt"):
                flush()
            if keyword == "msgid" and key is None:
                current.line = number
            match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            key = ("msgstr", int(match.group(1))) if match else (keyword, 0)
            append(current, key, ast.literal_eval(value))
    flush()
    return entries


def append(entry: Entry, key: tuple[str, int], text: str) -> None:
    name, index = key
    if name == "msgid":
        entry.msgid += text
    elif name == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + text
    elif name == "msgstr":
        entry.msgstr[index] = entry.msgstr.get(index, "") + text


def placeholders(text: str) -> set[str]:
    """``%(name)s``-style and positional ``%s``-style placeholders; ``%%`` is a literal percent sign."""
    found = set()
    for match in PLACEHOLDER.finditer(text):
        if match.group("conv") == "%":
            continue
        found.add(match.group(0))
    return found


@pytest.fixture(scope="module")
def catalogue() -> list[Entry]:
    return parse_po(PO_PATH)


@pytest.fixture(scope="module")
def messages(catalogue) -> list[Entry]:
    return [e for e in catalogue if e.msgid]


def test_the_catalogue_declares_english_with_two_plural_forms(catalogue):
    header = catalogue[0]
    assert header.msgid == ""
    fields = dict(line.split(": ", 1) for line in header.msgstr[0].splitlines() if ": " in line)
    assert fields["Language"] == "en"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert "fuzzy" not in header.flags


def test_the_english_catalogue_has_no_untranslated_or_fuzzy_entries(messages):
    assert len(messages) > 400
    fuzzy = [e.label for e in messages if "fuzzy" in e.flags]
    untranslated = []
    for e in messages:
        expected = [0, 1] if e.msgid_plural is not None else [0]
        if sorted(e.msgstr) != expected or not all(e.msgstr[i].strip() for i in expected):
            untranslated.append(e.label)
    assert not fuzzy, f"fuzzy entries: {fuzzy}"
    assert not untranslated, f"untranslated entries: {untranslated}"


def test_every_translation_keeps_the_placeholders_of_its_source_string(messages):
    mismatched = []
    for e in messages:
        pairs = [(e.msgid, e.msgstr.get(0, ""))]
        if e.msgid_plural is not None:
            pairs.append((e.msgid_plural, e.msgstr.get(1, "")))
        for source, translation in pairs:
            if placeholders(source) != placeholders(translation):
                mismatched.append(f"{e.label}: {sorted(placeholders(source))} ≠ {sorted(placeholders(translation))}")
    assert not mismatched, "\n".join(mismatched)


def test_placeholders_are_read_the_way_python_formats_them():
    assert placeholders("%(n)s de %(total)s, 100 %% y %s") == {"%(n)s", "%(total)s", "%s"}


def test_the_compiled_catalogue_matches_the_po_file(tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("gettext's msgfmt is not installed, so the .mo cannot be rebuilt to compare")
    fresh = tmp_path / "django.mo"
    # The same options Django's compilemessages passes to msgfmt.
    subprocess.run([msgfmt, "--check-format", "-o", str(fresh), str(PO_PATH)], check=True, capture_output=True)
    assert MO_PATH.exists(), "django.mo is missing: run `manage.py compilemessages -l en`"
    assert fresh.read_bytes() == MO_PATH.read_bytes(), (
        "django.mo is older than django.po: run `manage.py compilemessages -l en`"
    )


# Spanish interface text each page shows, and what it must say in English instead.
PAGES = {
    "/": {
        "Saltar al contenido": "Skip to main content",
        "Planes de acción": "Action plans",
        "Metodología": "Methodology",
        "En cifras": "In numbers",
        "Plan vigente": "Current plan",
        "Todos los planes": "All plans",
        "Avance calculado": "Computed progress",
    },
    "/planes/": {
        "Saltar al contenido": "Skip to main content",
        "Planes de acción": "Action plans",
        "Período": "Period",
        "Plan de acción nacional": "National action plan",
        "Avance calculado": "Computed progress",
    },
    "/metodologia/": {
        "Saltar al contenido": "Skip to main content",
        "Metodología": "Methodology",
        "Cómo se calculan las cifras": "How the figures are computed",
        "Tramos del avance calculado": "Computed progress bands",
        "Hitos vencidos": "Overdue milestones",
        "Compromisos destacados": "Starred commitments",
    },
    "/instituciones/": {
        "Saltar al contenido": "Skip to main content",
        "Instituciones": "Institutions",
        "Poder del Estado o sector": "Branch of government or sector",
        "Órgano autónomo": "Autonomous body",
        "Poder Judicial": "Judicial branch",
    },
}


@pytest.fixture
def registry(make_plan, make_commitment, make_milestone, make_institution):
    from abierto.plans.models import Milestone

    ctp = make_institution()
    plan = make_plan(number=6, start=2023, end=2027, declared_commitments=11)
    commitment = make_commitment(plan, code="CL0081", lead_institution=ctp)
    make_milestone(commitment, status=Milestone.Status.IN_PROGRESS, progress=30)
    return plan


def page_text(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(PAGES))
def test_the_page_shows_its_interface_text_in_spanish_by_default(client, registry, url):
    page = page_text(client.get(url))
    missing = [spanish for spanish in PAGES[url] if spanish not in page]
    assert not missing, f"{url} no longer shows {missing}: update the list in this test"


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(PAGES))
def test_the_page_has_no_spanish_interface_text_when_english_is_chosen(client, registry, url):
    client.cookies["django_language"] = "en"
    response = client.get(url)
    page = page_text(response)
    assert response["Content-Language"] == "en"
    still_spanish = [spanish for spanish in PAGES[url] if spanish in page]
    not_english = [english for english in PAGES[url].values() if english not in page]
    assert not still_spanish, f"{url} still shows {still_spanish}"
    assert not not_english, f"{url} does not show {not_english}"
