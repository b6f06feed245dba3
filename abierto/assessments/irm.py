"""The OGP IRM commitment sheet: its columns, and how each cell is read. Pure functions, no database.

The sheet (one row per commitment, 171 columns) mixes three things: the member and its plan, the commitment
as written in the plan, and the IRM's assessment. Cells are messy: missing values are written ``ND`` (no
data), ``NR`` (not reviewed) or ``NA`` (not applicable); dates come as ``1/1/2024``, ``8/1/18``,
``30/9/2014`` or ``July 2014``; yes is ``Yes`` or ``1``; Excel left ``2.2000000000000002`` for "2.2".

Parsers return the empty value for a missing cell and raise :class:`Unrecognised` for a cell that has a
value they cannot read, so the caller can warn and keep the raw text.
"""

import calendar
import csv
import datetime
import io
import re
import unicodedata
from dataclasses import dataclass

from django.utils.text import slugify

# --- Columns -----------------------------------------------------------------------------------------

COL_ID = "Commitment Unique Identifier"
COL_MEMBER = "Country/Locality"
COL_PLAN_NUMBER = "Action Plan Number"
COL_NUMBER = "Commitment Number"
COL_CODE = "Code"
COL_REGION = "Region"
COL_KIND = "National Or Local"
COL_YEAR = "Year Of Submission"
COL_END_YEAR = "Action Plan End Year"
COL_THEME = "Theme"
COL_TITLE = "Commitment Title"
COL_SHORT_TITLE = "Short Title"
COL_FULL_TEXT = "Full Text"
COL_START = "Start Date"
COL_END = "End Date"
COL_LEAD = "Lead Institution"
COL_SUPPORT = "Supporting Institution(s)"
COL_URL = "URL"
COL_PLAN_ID = "Action Plan ID"
COL_ROW_ID = "id"

FIRST_POLICY_AREA = "Anti-Corruption and Integrity"
LAST_POLICY_AREA = "Money in Politics"
FIRST_IRM_COLUMN = "Report Publication Year (Progress Report)"

#: Without these a row cannot be placed (member, plan, commitment): a file lacking one is not this sheet.
REQUIRED_COLUMNS = (
    COL_ID,
    COL_MEMBER,
    COL_CODE,
    COL_KIND,
    COL_PLAN_NUMBER,
    COL_YEAR,
    COL_END_YEAR,
    COL_TITLE,
)

#: Columns about the member, plan and commitment (0–18 of the published sheet), and the other non-IRM ones.
COMMITMENT_COLUMNS = (
    COL_ID,
    COL_MEMBER,
    COL_PLAN_NUMBER,
    COL_NUMBER,
    COL_CODE,
    COL_REGION,
    COL_KIND,
    "Commitment Dummy",
    COL_YEAR,
    COL_END_YEAR,
    "Action Plan Duration (Years)",
    COL_THEME,
    COL_TITLE,
    COL_SHORT_TITLE,
    COL_FULL_TEXT,
    COL_START,
    COL_END,
    COL_LEAD,
    COL_SUPPORT,
)

# Assessment fields and the column each is read from. ``irm_starred`` is read from STARRED_COLUMNS.
YEAR_FIELDS = {
    "progress_report_year": "Report Publication Year (Progress Report)",
    "end_of_term_report_year": "Report Publication Year (End Of Term)",
}
BOOLEAN_FIELDS = {
    "verifiable": "Verifiable",
    "relevant_access_to_information": "OGP Value Access To Information",
    "relevant_civic_participation": "OGP Value Civic Participation",
    "relevant_public_accountability": "OGP Value Public Accountability",
    "relevant_technology": "OGP Value Technology",
    "carried_forward": "Carried Forward",
}
STARRED_COLUMNS = (
    "Starred (2015 Only)",
    "Starred (Current Formula) Progress Report",
    "Starred (Current Formula) End of Term",
    "Star - Most Recently Assessed",
    "Max star",
)


def _vocabulary(**labels: tuple[str, ...]) -> dict[str, str]:
    return {key(label): value for value, spellings in labels.items() for label in spellings}


def key(text: str) -> str:
    """Case-, space- and accent-insensitive form of a cell, for looking values up."""
    text = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


SPECIFICITY = _vocabulary(none=("None",), low=("Low",), medium=("Medium",), high=("High",))
POTENTIAL_IMPACT = _vocabulary(
    none=("None",), minor=("Minor",), moderate=("Moderate",), transformative=("Transformative",)
)
POTENTIAL_FOR_RESULTS = _vocabulary(unclear=("Unclear",), modest=("Modest",), substantial=("Substantial",))
COMPLETION = _vocabulary(
    not_started=("Not Started", "Not started yet"),
    limited=("Limited",),
    substantial=("Substantial",),
    complete=("Complete", "Completed"),
    withdrawn=("Withdrawn",),
    no_evidence=("No Evidence Available", "No evidence"),
)
CHANGE_IN_COMPLETION = _vocabulary(
    increase=("Increase", "Increased"), no_change=("No Change", "Did Not Change"), decrease=("Decrease", "Decreased")
)
EARLY_RESULTS = _vocabulary(
    none=("No Notable Results", "No notable early results", "None"),
    moderate=("Moderate", "Moderate Results"),
    significant=("Significant", "Significant Results"),
)
OPENED_GOVERNMENT = _vocabulary(
    worsened=("Worsens", "Worsened"),
    did_not_change=("Did Not Change", "Did not Change", "No Change"),
    marginal=("Marginal",),
    major=("Major",),
    outstanding=("Outstanding",),
    not_applicable=("Not Applicable",),
    no_results_yet=("No early results to report yet", "No early results yet"),
)

CHOICE_FIELDS = {
    "specificity": ("Specificity", SPECIFICITY),
    "potential_impact": ("Potential Impact", POTENTIAL_IMPACT),
    "potential_for_results": ("Potential for Results", POTENTIAL_FOR_RESULTS),
    "completion_progress_report": ("Completion (Progress Report)", COMPLETION),
    "completion_end_of_term": ("Completion (End Of Term)", COMPLETION),
    "change_in_completion": ("Change In Completion", CHANGE_IN_COMPLETION),
    "early_results": ("Early Results", EARLY_RESULTS),
    "opened_government": ("Did It Open Government (Overall)", OPENED_GOVERNMENT),
    "opened_access_to_information": ("Did It Open Government (Access To Information)", OPENED_GOVERNMENT),
    "opened_civic_participation": ("Did It Open Government (Civic Participation)", OPENED_GOVERNMENT),
    "opened_public_accountability": ("Did It Open Government: Public Accountability", OPENED_GOVERNMENT),
}

#: Columns whose value has a field somewhere (used to tell the operator which expected columns are absent).
MAPPED_COLUMNS = (
    *COMMITMENT_COLUMNS,
    COL_URL,
    COL_PLAN_ID,
    COL_ROW_ID,
    *YEAR_FIELDS.values(),
    *BOOLEAN_FIELDS.values(),
    *(column for column, _ in CHOICE_FIELDS.values()),
    *STARRED_COLUMNS,
)

# --- Missing values and simple cells --------------------------------------------------------------------

MISSING = frozenset({"", "nd", "nr", "na", "n/a", "n.a.", "-", "--"})


class Unrecognised(ValueError):
    """A cell has a value, but not one this column can mean."""


def is_missing(value: str | None) -> bool:
    return value is None or key(value) in MISSING


def clean(value: str | None) -> str:
    """The cell's text, stripped; empty for ND/NR/NA."""
    return "" if is_missing(value) else value.strip()


def parse_choice(value: str, vocabulary: dict[str, str]) -> str:
    if is_missing(value):
        return ""
    try:
        return vocabulary[key(value)]
    except KeyError:
        raise Unrecognised(value) from None


_TRUE = frozenset({"1", "1.0", "yes", "y", "true", "si", "sí"})
_FALSE = frozenset({"0", "0.0", "no", "n", "false"})


def parse_bool(value: str) -> bool | None:
    if is_missing(value):
        return None
    normalised = key(value)
    if normalised in _TRUE:
        return True
    if normalised in _FALSE:
        return False
    raise Unrecognised(value)


def parse_int(value: str) -> int | None:
    """An integer cell; Excel may have written ``3.0``."""
    if is_missing(value):
        return None
    match = re.fullmatch(r"\s*(\d+)(?:\.0+)?\s*", value)
    if not match:
        raise Unrecognised(value)
    return int(match.group(1))


def parse_year(value: str) -> int | None:
    year = parse_int(value)
    if year is not None and not 1990 <= year <= 2100:
        raise Unrecognised(value)
    return year


def combine_stars(readings: list[bool | None]) -> bool | None:
    """The IRM's star as published: starred if any starred column says 1, not starred if one says 0.

    The sheet carries several star columns (the 2015 rule, the current formula at the progress report and
    at the end of term, the most recent assessment, the maximum). They are the IRM's own readings; the
    computed star (``Assessment.starred``) is kept apart. ``readings`` are the columns read by parse_bool.
    """
    if any(reading is True for reading in readings):
        return True
    if any(reading is False for reading in readings):
        return False
    return None


def is_policy_area_marked(value: str) -> bool:
    """A policy-area column is 1 when the commitment belongs to the area; 0 or a missing mark otherwise."""
    reading = parse_bool(value)
    return bool(reading)


# --- Identifiers and numbers ------------------------------------------------------------------------

OGP_ID_PATTERN = re.compile(r"[A-Z]{2,3}\d{4}")
MEMBER_CODE_PATTERN = re.compile(r"[A-Z]{2,6}[A-Z0-9]{0,6}")


def normalise_ogp_id(value: str) -> str:
    """``cl0005 `` → ``CL0005``; raises :class:`Unrecognised` unless two or three letters and four digits."""
    text = value.strip().upper()
    if not OGP_ID_PATTERN.fullmatch(text):
        raise Unrecognised(value)
    return text


def normalise_member_code(value: str) -> str:
    text = value.strip().upper()
    if not MEMBER_CODE_PATTERN.fullmatch(text):
        raise Unrecognised(value)
    return text


def normalise_commitment_number(value: str) -> str:
    """``2.2000000000000002`` → ``2.2``, ``10.0`` → ``10``, ``SC6`` stays; missing → empty.

    Only numbers with a float artefact (fifteen or more significant digits) are rounded, so a number
    written ``2.10`` on purpose keeps its form.
    """
    text = clean(value)
    if not re.fullmatch(r"\d+(\.\d+)?", text):
        return text
    if len(text.replace(".", "").lstrip("0")) >= 15:
        text = format(float(text), ".15g")
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    return text


def government_kind(value: str) -> str | None:
    """``National`` → national; ``Local`` or ``Legacy Local`` → local; anything else → None."""
    normalised = key(value)
    if normalised in {"national", "nacional"}:
        return "national"
    if normalised in {"local", "legacy local", "subnational"}:
        return "local"
    return None


def country_of_locality(name: str) -> str:
    """``Buenos Aires, Argentina`` → ``Argentina`` (empty when the name has no country part)."""
    if "," not in name:
        return ""
    return name.rsplit(",", 1)[1].strip()


def member_url(commitment_url: str) -> str:
    """The member's OGP page from a commitment's page: …/members/chile/commitments/cl0005 → …/members/chile/."""
    match = re.match(r"(https?://[^/\s]+/members/[^/\s]+)/", commitment_url.strip())
    return f"{match.group(1)}/" if match else ""


def plan_title(*, number: int, member: str, local: bool, start_year: int, end_year: int) -> str:
    """``Plan de Acción N° 3 de Albania (2016–2018)``; local plans say so."""
    period = str(start_year) if start_year == end_year else f"{start_year}–{end_year}"
    kind = "Plan de Acción Local" if local else "Plan de Acción"
    return f"{kind} N° {number} de {member} ({period})"


def plan_slug(*, code: str, number: int, home: bool) -> str:
    """The home government's national plans are /planes/3/; every other plan is /planes/alb-3/."""
    return str(number) if home else f"{slugify(code)}-{number}"


# --- Text cells -------------------------------------------------------------------------------------


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary so the result, with an ellipsis, fits ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


_BULLET = re.compile(r"^(?:[•·▪◦*\-–—]|\(?(?:[a-z]|\d{1,2}|[ivx]{1,4})[.)])\s+", re.IGNORECASE)


def lead_institution_name(cell: str, limit: int = 300) -> tuple[str, bool]:
    """A usable institution name from a Lead Institution cell, and whether it is shorter than the cell.

    Cells may list several institutions on bullet lines (``•\\tDepartment of Treasury``), enumerated
    (``(a) Leaders of …``, ``1. Provincial Government of Bohol … 2. …``) or separated by semicolons; the
    first one is taken. A long comma list is cut at its first comma. The caller keeps the whole cell.
    """
    text = clean(cell)
    if not text:
        return "", False
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = lines[0]
    enumerated = re.match(r"^\(?1[.)]\s+", first)
    first = _BULLET.sub("", first, count=1)
    if enumerated:
        first = re.split(r"\s+\(?2[.)]\s+", first, maxsplit=1)[0]
    first = first.split(";", 1)[0].strip()
    if len(first) > 150:
        head = re.split(r",\s+|\s+/\s*", first, maxsplit=1)[0].strip()
        if len(head) >= 3:
            first = head
    name = shorten(first.strip(" ,;:."), limit)
    return name, name != " ".join(text.split()).strip(" ,;:.")


# Branches a name tells surely; anything else stays "unknown" for a person to classify.
_LEGISLATIVE = re.compile(
    r"^(the\s+)?(parliament|congress|congreso|senate|senado|house of representatives|chamber of deputies|"
    r"c[aá]mara de diputad|national assembly|asamblea (legislativa|nacional)|assembly of|jogorku kenesh|"
    r"grupo bicameral|verkhovna rada|sejm|storting|riksdag)",
    re.IGNORECASE,
)
_JUDICIAL = re.compile(r"^(the\s+)?(supreme court|corte suprema|poder judicial|judiciary|judicial council)", re.I)
_EXECUTIVE = re.compile(
    r"^(the\s+)?(ministry|ministries|ministerio|minister of|minister for|office of the (president|prime minister)|"
    r"prime minister[’']?s office|presidencia|presidency)",
    re.IGNORECASE,
)


def guess_branch(name: str, *, local: bool) -> str:
    if _LEGISLATIVE.match(name):
        return "legislative"
    if _JUDICIAL.match(name):
        return "judicial"
    if _EXECUTIVE.match(name):
        return "local" if local else "executive"
    return "unknown"


def institution_slug(name: str, *, code: str, home: bool, limit: int = 120) -> str:
    base = slugify(name) if home else slugify(f"{code} {name}")
    return base[:limit].strip("-") or slugify(code)


# --- Dates ------------------------------------------------------------------------------------------

_MONTH_NAMES = (
    "january february march april may june july august september october november december",
    "jan feb mar apr may jun jul aug sep oct nov dec",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "ene feb mar abr may jun jul ago sep oct nov dic",
)
MONTHS = {name: number for names in _MONTH_NAMES for number, name in enumerate(names.split(), start=1)}
MONTHS.update(sept=9, setiembre=9)
_ORDINAL_NAMES = (
    "1 2 3 4",
    "i ii iii iv",
    "first second third fourth",
    "1st 2nd 3rd 4th",
    "primer segundo tercer cuarto",
)
_ORDINALS = {name: number for names in _ORDINAL_NAMES for number, name in enumerate(names.split(), start=1)}
_ORDINALS.update(primero=1, tercero=3)


@dataclass(frozen=True)
class DateReading:
    value: datetime.date
    exact: bool  # a day was given; False for a month, quarter, half or year
    day_first: bool = False  # read as day/month/year


_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})")


def numeric_dates_day_first(values: list[str]) -> bool:
    """Whether a row writes its numeric dates day first: true when one of them can only be read that way."""
    for value in values:
        match = _NUMERIC_DATE.fullmatch(value.strip())
        if match and int(match.group(1)) > 12 >= int(match.group(2)):
            return True
    return False


def _period(year: int, first_month: int, months: int, *, end: bool) -> datetime.date:
    if not end:
        return datetime.date(year, first_month, 1)
    last_month = first_month + months - 1
    return datetime.date(year, last_month, calendar.monthrange(year, last_month)[1])


def parse_date(value: str, *, end: bool = False, day_first: bool = False) -> DateReading | None:
    """Read a date cell. Missing → None; unreadable → :class:`Unrecognised`.

    A month (``July 2014``), quarter (``Q3 2019``, ``III quarter of 2022``), half or year stands for its
    first day as a start date and its last day as an end date, and is marked inexact.
    Numeric dates are month first, as the sheet writes them, unless the day cannot be a month (``30/9/2014``)
    or ``day_first`` says the row is written day first.
    """
    if is_missing(value):
        return None
    text = key(value).strip(" .,")
    try:
        return _parse_date(text, end=end, day_first=day_first)
    except (ValueError, KeyError):
        raise Unrecognised(value) from None


def _parse_date(text: str, *, end: bool, day_first: bool) -> DateReading:
    text = re.sub(r"[ t]\d{1,2}:\d{2}(?::\d{2})?$", "", text)  # Excel may append a midnight time
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        year, month, day = (int(part) for part in match.groups())
        return DateReading(datetime.date(year, month, day), exact=True)
    if match := _NUMERIC_DATE.fullmatch(text):
        first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        if year < 100:
            year += 2000
        read_day_first = first > 12 or (day_first and second <= 12)
        if second > 12 and first <= 12:
            read_day_first = False
        day, month = (first, second) if read_day_first else (second, first)
        return DateReading(datetime.date(year, month, day), exact=True, day_first=read_day_first)
    if match := re.fullmatch(r"([a-z]+)\.? (\d{1,2}),? (\d{4})", text):
        return DateReading(datetime.date(int(match.group(3)), MONTHS[match.group(1)], int(match.group(2))), exact=True)
    if match := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? (?:de )?([a-z]+)\.?,? (?:de |of )?(\d{4})", text):
        return DateReading(datetime.date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1))), exact=True)
    if (match := re.fullmatch(r"([a-z]+)\.?,? (?:de |of )?(\d{4})", text)) and match.group(1) in MONTHS:
        return DateReading(_period(int(match.group(2)), MONTHS[match.group(1)], 1, end=end), exact=False)
    if match := re.fullmatch(r"(\d{1,2})[/\-](\d{4})", text):
        return DateReading(_period(int(match.group(2)), int(match.group(1)), 1, end=end), exact=False)
    quarter = (
        re.fullmatch(r"q([1-4]),? (?:of )?(\d{4})", text)
        or re.fullmatch(r"([1-4])q,? (\d{4})", text)
        or re.fullmatch(r"(\w+) quarter,? (?:of )?(\d{4})", text)
        or re.fullmatch(r"(\w+) trimestre,? (?:de |del )?(?:año )?(\d{4})", text)
    )
    if quarter:
        number = _ORDINALS[quarter.group(1)]
        if not 1 <= number <= 4:
            raise ValueError(text)
        return DateReading(_period(int(quarter.group(2)), 3 * number - 2, 3, end=end), exact=False)
    if match := re.fullmatch(r"(\d{4}),? q([1-4])", text):
        return DateReading(_period(int(match.group(1)), 3 * int(match.group(2)) - 2, 3, end=end), exact=False)
    half = (
        re.fullmatch(r"h([12]),? (\d{4})", text)
        or re.fullmatch(r"(first|second|1st|2nd) half,? (?:of )?(\d{4})", text)
        or re.fullmatch(r"(primer|segundo) semestre,? (?:de |del )?(?:año )?(\d{4})", text)
    )
    if half:
        number = _ORDINALS[half.group(1)]
        if number not in (1, 2):
            raise ValueError(text)
        return DateReading(_period(int(half.group(2)), 6 * number - 5, 6, end=end), exact=False)
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        if not 1990 <= year <= 2100:
            raise ValueError(text)
        return DateReading(_period(year, 1, 12, end=end), exact=False)
    raise ValueError(text)


# --- The file as a whole ----------------------------------------------------------------------------


class SheetError(Exception):
    """The file as a whole is not an IRM sheet this importer can read. The message is for the operator."""


_SIGNATURES = (
    (b"%PDF", "El archivo es un PDF, no una planilla CSV. Descargue la planilla del IRM en formato CSV."),
    (
        b"PK\x03\x04",
        "El archivo es una planilla Excel (.xlsx) u otro archivo comprimido, no un CSV. "
        "Ábrala y guárdela como «CSV UTF-8 (delimitado por comas)».",
    ),
    (
        b"\xd0\xcf\x11\xe0",
        "El archivo es una planilla Excel antigua (.xls), no un CSV. Guárdela como «CSV UTF-8 (delimitado por comas)».",
    ),
    (b"\xff\xfe", "El archivo está codificado en UTF-16; debe estar en UTF-8. Guárdelo como «CSV UTF-8»."),
    (b"\xfe\xff", "El archivo está codificado en UTF-16; debe estar en UTF-8. Guárdelo como «CSV UTF-8»."),
)


def decode(data: bytes) -> str:
    """The file's text. Refuses empty, binary and non-UTF-8 files with one message saying why."""
    if not data.strip().removeprefix(b"\xef\xbb\xbf").strip():
        raise SheetError("El archivo está vacío.")
    for signature, message in _SIGNATURES:
        if data.startswith(signature):
            raise SheetError(message)
    if b"\x00" in data[:65536]:
        raise SheetError("El archivo es binario, no una planilla CSV de texto.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SheetError(
            f"El archivo debe estar codificado en UTF-8: el byte 0x{data[error.start]:02X} en la posición "
            f"{error.start} (línea {line}) no es UTF-8 válido. Guárdelo como «CSV UTF-8» y vuelva a intentarlo."
        ) from None


def _field_size_limit() -> None:
    limit = 2**31 - 1
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def read_table(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the data records, each with its row number as a spreadsheet shows it (header = 1).

    Commas are expected; a file saved with semicolons or tabs (Excel in Spanish) is read too. Blank records
    are skipped. Refuses a file that is not this sheet, naming the missing columns.
    """
    _field_size_limit()
    if "\x00" in text:
        raise SheetError("El archivo es binario, no una planilla CSV de texto.")
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as error:
        raise SheetError(f"El archivo no es un CSV válido (cerca de la línea {reader.line_num}): {error}.") from None
    numbered = [(number, record) for number, record in enumerate(records, start=1) if any(c.strip() for c in record)]
    if not numbered:
        raise SheetError("El archivo está vacío.")
    header = numbered[0][1]
    header = [cell.strip().lstrip("\ufeff").strip() for cell in header]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        if len(missing) == len(REQUIRED_COLUMNS):
            raise SheetError(
                "El archivo no parece ser la planilla de compromisos del IRM de OGP: no tiene ninguna de sus "
                f"columnas obligatorias ({_list(missing)})."
            )
        raise SheetError(f"Faltan columnas obligatorias de la planilla IRM de OGP: {_list(missing)}.")
    rows = numbered[1:]
    if not rows:
        raise SheetError("El archivo solo tiene la fila de encabezados: no hay compromisos que importar.")
    return header, rows


def _delimiter(text: str) -> str:
    # The header is the first line unless a header cell is quoted across lines, which the sheet never does.
    first_line = text.split("\n", 1)[0]
    scores = {
        delimiter: sum(column in next(csv.reader([first_line], delimiter=delimiter)) for column in REQUIRED_COLUMNS)
        for delimiter in (",", ";", "\t")
    }
    best = max(scores, key=lambda delimiter: scores[delimiter])
    return best if scores[best] > scores[","] else ","


def _list(columns: list[str]) -> str:
    return ", ".join(f"'{column}'" for column in columns)
