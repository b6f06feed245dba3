"""Fuzzing the importers (hypothesis): whatever is in the cells of an IRM sheet or of a monitoring spreadsheet,
the importer answers with a report of the rows it refused and why, or refuses the file as a whole; it never
crashes, and every row is accounted for."""

import csv
import io
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from abierto.assessments import irm
from abierto.assessments.importer import import_irm

SMALL = Path(__file__).resolve().parent / "fixtures" / "irm" / "irm-small.csv"
FUZZ = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

# Values that look like what a spreadsheet holds, and what it should not: dates in several shapes, numbers,
# booleans in two languages, blanks, very long text, control characters and other alphabets.
cell = st.one_of(
    st.just(""),
    st.sampled_from(["Yes", "No", "Sí", "n/a", "N/A", "None", "0", "1", "-1", "2023", "99999999999999999999"]),
    st.sampled_from(["2020-01-31", "31/01/2020", "01/31/2020", "Jan 2020", "2020", "Q3 2021", "2021-13-45"]),
    st.sampled_from(["Substantial", "Complete", "Limited", "Not Started", "Transformative", "Moderate", "Minor"]),
    st.text(alphabet=string.printable, max_size=40),
    st.text(max_size=80),
    st.text(min_size=2000, max_size=5000, alphabet="ab ñ"),
)


def _sheet() -> tuple[list[str], list[list[str]]]:
    csv.field_size_limit(2**31 - 1)
    with SMALL.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    return records[0], records[1:]


HEADER, ROWS = _sheet()


def _csv(header: list[str], rows: list[list[str]]) -> io.StringIO:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    out.seek(0)
    out.name = "fuzz.csv"
    return out


@pytest.mark.django_db
@FUZZ
@given(
    changes=st.lists(
        st.tuples(st.integers(0, len(ROWS) - 1), st.integers(0, len(HEADER) - 1), cell), min_size=1, max_size=25
    )
)
def test_the_irm_importer_accounts_for_every_row_whatever_the_cells_hold(changes):
    rows = [list(row) for row in ROWS]
    for row, column, value in changes:
        rows[row][column] = value
    report = import_irm(_csv(HEADER, rows), dry_run=True)
    assert report.imported + len(report.refused) == len(rows)
    for refusal in report.refused:
        assert refusal.reason.strip()  # every refused row says why, in Spanish
    report.render()


@FUZZ
@given(data=st.binary(max_size=4000))
def test_any_bytes_are_read_as_a_sheet_or_refused_as_one(data):
    try:
        header, rows = irm.read_table(irm.decode(data))
    except irm.SheetError as error:
        assert str(error).strip()
    else:
        assert isinstance(header, list) and isinstance(rows, list)


@pytest.mark.django_db
@FUZZ
@given(
    values=st.lists(st.one_of(cell, st.integers(-(10**12), 10**12), st.floats(allow_nan=True)), min_size=1, max_size=30)
)
def test_the_monitoring_spreadsheet_names_every_bad_cell_and_never_crashes(values, spreadsheet_setup):
    from openpyxl import load_workbook

    from abierto.monitoring import spreadsheet

    user, period, template = spreadsheet_setup
    workbook = load_workbook(io.BytesIO(template))
    cells = [
        cell for sheet in workbook.worksheets for row in sheet.iter_rows(min_row=2) for cell in row if cell.column > 1
    ]
    for index, value in enumerate(values):
        if cells:
            target = cells[(index * 7) % len(cells)]
            if isinstance(value, str):
                value = "".join(ch for ch in value if ch.isprintable())  # XLSX cannot hold control characters
            target.value = value
    out = io.BytesIO()
    workbook.save(out)
    result = spreadsheet.parse_upload(user, period, out.getvalue())
    for error in result.errors:
        assert error.sheet and error.message.strip()


@pytest.fixture
def spreadsheet_setup(implementer, make_plan, make_commitment, make_milestone, lead_institution):
    import datetime

    from abierto.monitoring import spreadsheet
    from abierto.monitoring.models import ReportingPeriod

    plan = make_plan()
    for n in range(3):
        commitment = make_commitment(plan, code=f"C{n}", title=f"Compromiso {n}", lead_institution=lead_institution)
        make_milestone(commitment, description=f"Hito {n}")
    period = ReportingPeriod.objects.create(
        plan=plan,
        label="Primer semestre 2026",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 6, 30),
        deadline=datetime.date(2026, 7, 31),
    )
    return implementer, period, spreadsheet.build_template(implementer, period)
