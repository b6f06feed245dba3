"""Importing the OGP IRM commitment sheet: `manage.py import_ogp_irm FILE.csv`."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from abierto.assessments import importer, irm
from abierto.assessments.importer import import_irm
from abierto.assessments.models import Assessment
from abierto.audit.models import AuditEvent
from abierto.institutions.models import Government, Institution
from abierto.plans import services
from abierto.plans.models import ActionPlan, Commitment, PolicyArea

SAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ogp-irm-sample.csv"
SMALL = Path(__file__).resolve().parent / "fixtures" / "irm" / "irm-small.csv"
DOMAIN_MODELS = (Government, Institution, ActionPlan, Commitment, PolicyArea, Assessment, AuditEvent)

needs_sample = pytest.mark.skipif(
    not SAMPLE.exists(), reason=f"the shared IRM sample is not beside the repository ({SAMPLE.name} in ../shared/data)"
)


def read_sheet(path: Path = SMALL) -> tuple[list[str], list[dict[str, str]]]:
    csv.field_size_limit(2**31 - 1)
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    header = records[0]
    return header, [dict(zip(header, record, strict=True)) for record in records[1:]]


def write_sheet(path: Path, header: list[str], rows: list[dict[str, str]], **options) -> Path:
    encoding = options.pop("encoding", "utf-8")
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, **options)
        writer.writerow(header)
        writer.writerows([row.get(column, "") for column in header] for row in rows)
    return path


def row_of(rows: list[dict[str, str]], ogp_id: str) -> dict[str, str]:
    return dict(next(row for row in rows if row[irm.COL_ID] == ogp_id))


def table_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def run_command(path: Path) -> str:
    out = io.StringIO()
    call_command("import_ogp_irm", str(path), "--no-progress", stdout=out)
    return out.getvalue()


@pytest.fixture
def small(db):
    return import_irm(SMALL)


# --- The published sample -----------------------------------------------------------------------------


@needs_sample
def test_the_published_sample_imports_its_41_commitments_members_and_plans(db):
    report = import_irm(SAMPLE)

    assert report.refused == []
    assert report.tallies["compromisos"].created == 41
    assert report.tallies["evaluaciones"].created == 41
    assert Commitment.objects.count() == 41
    assert Assessment.objects.count() == 41
    assert Government.objects.count() == 32
    assert ActionPlan.objects.count() == 35
    local = Commitment.objects.select_related("plan__government").get(ogp_id="BUE0009")
    assert local.plan.government.code == "ARBA"
    assert local.plan.government.kind == Government.Kind.LOCAL
    assert local.plan.kind == ActionPlan.Kind.LOCAL
    assert local.plan.slug == "arba-2"


@needs_sample
def test_the_published_sample_imported_twice_changes_nothing_the_second_time(db):
    import_irm(SAMPLE)
    events = AuditEvent.objects.count()

    again = import_irm(SAMPLE)

    assert not again.changed
    assert again.tallies["compromisos"].unchanged == 41
    assert AuditEvent.objects.count() == events


@needs_sample
def test_the_published_sample_reads_its_messy_dates_and_numbers(db):
    import_irm(SAMPLE)

    serbia = Commitment.objects.get(ogp_id="RS0046")
    assert (serbia.start_date, serbia.end_date) == (datetime.date(2021, 1, 1), datetime.date(2022, 9, 30))
    assert serbia.dates_text == "Inicio: I quarter of 2021 · Término: III quarter of 2022"
    assert Commitment.objects.get(ogp_id="MK0177").number == "8.3"
    assert Commitment.objects.get(ogp_id="GT0059").number == "SC6"


# --- What a row becomes ------------------------------------------------------------------------------------


def test_it_creates_members_plans_commitments_and_assessments_from_the_sheet(small):
    assert small.refused == []
    assert small.imported == 9
    assert Commitment.objects.count() == 9
    assert Assessment.objects.count() == 9
    assert set(Government.objects.values_list("code", flat=True)) == {
        "ALB",
        "ARBA",
        "CHL",
        "TUN",
        "FRA",
        "UKR",
        "GEO",
        "PNG",
    }
    commitment = Commitment.objects.select_related("plan", "lead_institution").get(ogp_id="AL0002")
    assert commitment.code == "AL0002"
    assert commitment.title == "e-Acts"
    assert commitment.title_en == "e-Acts"
    assert commitment.theme == "e-Governance: 2012 and Onward"
    assert commitment.description.startswith("e-Acts project aims to support")
    assert commitment.year == 2012
    assert commitment.lead_institution.name == "Council of Ministers"
    assert commitment.lead_institution.branch == Institution.Branch.UNKNOWN
    assert commitment.source == "https://opengovpartnership.org/members/albania/commitments/al0002"


def test_a_member_gets_its_kind_region_and_ogp_page(small):
    albania = Government.objects.get(code="ALB")
    assert albania.name == "Albania"
    assert albania.kind == Government.Kind.NATIONAL
    assert albania.region == "Europe"
    assert albania.ogp_url == "https://opengovpartnership.org/members/albania/"
    buenos_aires = Government.objects.get(code="ARBA")
    assert buenos_aires.kind == Government.Kind.LOCAL
    assert buenos_aires.name == "Buenos Aires, Argentina"


def test_a_local_member_is_linked_to_its_country_when_the_country_is_registered(db):
    argentina = Government.objects.create(code="ARG", name="Argentina", region="Americas")

    import_irm(SMALL)

    assert Government.objects.get(code="ARBA").country == argentina


def test_plans_get_spanish_titles_their_period_and_the_ogp_plan_id(small):
    albania = ActionPlan.objects.get(government__code="ALB", number=1)
    assert albania.title == "Plan de Acción N° 1 de Albania (2012–2014)"
    assert (albania.start_year, albania.end_year) == (2012, 2014)
    assert albania.ogp_plan_id == "AP_ALB01"
    assert albania.slug == "alb-1"
    local = ActionPlan.objects.get(government__code="ARBA")
    assert local.title == "Plan de Acción Local N° 2 de Buenos Aires, Argentina (2018–2020)"


def test_the_home_governments_national_plans_keep_numeric_addresses(small):
    assert ActionPlan.objects.get(government__code="CHL", number=1).slug == "1"
    assert ActionPlan.objects.get(government__code="ALB", number=1).slug == "alb-1"


def test_the_home_government_is_read_from_the_settings(db, settings):
    settings.ABIERTO_HOME_GOVERNMENT = "ALB"

    import_irm(SMALL)

    assert ActionPlan.objects.get(government__code="ALB", number=1).slug == "1"
    assert ActionPlan.objects.get(government__code="CHL", number=1).slug == "chl-1"


def test_an_existing_plan_keeps_its_title_and_gets_only_its_empty_fields(db, make_plan):
    plan = make_plan(number=1, start=2012, end=2013, title="Primer Plan de Acción de Gobierno Abierto")

    import_irm(SMALL)

    plan.refresh_from_db()
    assert plan.title == "Primer Plan de Acción de Gobierno Abierto"
    assert plan.end_year == 2013
    assert plan.ogp_plan_id == "AP_CHL01"
    assert Commitment.objects.get(ogp_id="CL0005").plan == plan


def test_dates_are_read_as_the_sheet_writes_them(small):
    dates = dict(Commitment.objects.values_list("ogp_id", "start_date"))
    end_dates = dict(Commitment.objects.values_list("ogp_id", "end_date"))
    assert (dates["BUE0009"], end_dates["BUE0009"]) == (datetime.date(2018, 1, 1), datetime.date(2019, 12, 31))
    assert (dates["GE0093"], end_dates["GE0093"]) == (datetime.date(2018, 8, 1), datetime.date(2019, 12, 31))
    assert end_dates["UA0039"] == datetime.date(2014, 12, 31)  # written 31/12/2014
    assert dates["AL0002"] is None  # NA


def test_a_month_only_date_covers_the_month_and_keeps_its_text(small):
    tunisia = Commitment.objects.get(ogp_id="TN0001")
    assert tunisia.start_date == datetime.date(2014, 7, 1)  # July 2014
    assert tunisia.end_date == datetime.date(2016, 6, 30)  # June 2016
    assert tunisia.dates_text == "Inicio: July 2014 · Término: June 2016"


def test_commitment_numbers_lose_the_spreadsheets_float_artefacts(small):
    numbers = dict(Commitment.objects.values_list("ogp_id", "number"))
    assert numbers["CL0008"] == "2.2"  # written 2.2000000000000002
    assert numbers["CL0005"] == "2.1"
    assert numbers["GE0093"] == "28"


def test_missing_markers_leave_the_field_empty_and_the_raw_value_is_kept(small):
    assessment = Assessment.objects.get(commitment__ogp_id="GE0093")
    assert assessment.specificity == ""
    assert assessment.raw_values["Specificity"] == "ND"
    assert assessment.completion_progress_report == ""
    assert assessment.carried_forward is None
    assert assessment.raw_values["Carried Forward"] == "ND"
    assert Commitment.objects.get(ogp_id="AL0002").lead_institution is not None
    assert Commitment.objects.get(ogp_id="BUE0009").lead_institution is None  # NA


def test_every_irm_column_is_kept_as_published(small):
    header, rows = read_sheet()
    published = row_of(rows, "FR0015")
    raw = Assessment.objects.get(commitment__ogp_id="FR0015").raw_values
    irm_columns = header[header.index(irm.FIRST_IRM_COLUMN) :]
    assert len(irm_columns) == 66
    assert raw == {column: published[column] for column in irm_columns}


def test_yes_and_1_read_as_true_and_worsens_as_worsened(small):
    georgia = Assessment.objects.get(commitment__ogp_id="GE0093")
    assert georgia.verifiable is True  # Yes
    assert georgia.relevant_access_to_information is True  # 1
    assert georgia.relevant_technology is False  # 0
    assert georgia.opened_access_to_information == "worsened"  # Worsens
    assert georgia.completion_end_of_term == "limited"
    assert georgia.potential_impact == "minor"


def test_assessment_values_map_to_their_vocabularies(small):
    france = Assessment.objects.get(commitment__ogp_id="FR0015")
    assert france.specificity == "medium"
    assert france.potential_impact == "transformative"
    assert france.completion_progress_report == "substantial"
    assert france.completion_end_of_term == "substantial"
    assert france.change_in_completion == "no_change"
    assert france.opened_government == "marginal"
    assert france.opened_public_accountability == "not_applicable"
    assert (france.progress_report_year, france.end_of_term_report_year) == (2017, 2018)
    assert france.carried_forward is False
    assert france.source_row_id == "1189"
    assert Assessment.objects.get(commitment__ogp_id="CL0005").specificity == "low"


def test_starred_is_kept_as_published_beside_the_computed_star(small):
    france = Assessment.objects.get(commitment__ogp_id="FR0015")
    assert france.irm_starred is True
    assert france.starred is True
    # Starred under the 2015 sheet column, though not under the current formula: kept as published.
    albania = Assessment.objects.get(commitment__ogp_id="AL0002")
    assert albania.irm_starred is True
    assert albania.starred is False
    chile = Assessment.objects.get(commitment__ogp_id="CL0005")
    assert chile.irm_starred is False


def test_policy_areas_marked_1_are_linked_by_their_column_name(small):
    header, rows = read_sheet()
    published = row_of(rows, "AL0002")
    areas = header[header.index(irm.FIRST_POLICY_AREA) : header.index(irm.LAST_POLICY_AREA) + 1]
    marked = {column for column in areas if published[column] == "1"}
    commitment = Commitment.objects.get(ogp_id="AL0002")
    assert marked
    assert set(commitment.policy_areas.values_list("name", flat=True)) == marked
    open_data = PolicyArea.objects.get(name="Open Data")
    assert open_data.slug == "open-data"


def test_a_long_lead_institution_cell_keeps_its_full_text_in_responsibles(small):
    png = Commitment.objects.select_related("lead_institution").get(ogp_id="PNG0007")
    assert png.lead_institution.name == "Department of Treasury"
    assert png.responsibles_text.startswith("Institución responsable: •\tDepartment of Treasury\n")
    assert "Mineral Resource Authority" in png.responsibles_text
    assert "Instituciones de apoyo: Minister for Treasury" in png.responsibles_text
    france = Commitment.objects.select_related("lead_institution").get(ogp_id="FR0015")
    assert france.lead_institution.name == "Prime Minister’s Office"


def test_the_same_institution_is_reused_across_rows_of_a_government(small):
    assert Institution.objects.filter(government__code="CHL").count() == 1
    institution = Institution.objects.get(government__code="CHL")
    assert institution.name == "Ministerio Secretaría General de la Presidencia"
    assert institution.branch == Institution.Branch.EXECUTIVE


def test_every_write_is_recorded_with_the_importers_name(small):
    labels = set(AuditEvent.objects.values_list("actor_label", flat=True))
    assert labels == {"Importación planilla IRM de OGP (irm-small.csv)"}


# --- Importing again, and data others wrote ---------------------------------------------------------------


def test_importing_the_same_file_twice_changes_nothing_the_second_time(small):
    events = AuditEvent.objects.count()

    again = import_irm(SMALL)

    assert not again.changed
    assert all(tally.created == tally.updated == 0 for tally in again.tallies.values())
    assert again.tallies["compromisos"].unchanged == 9
    assert again.tallies["evaluaciones"].unchanged == 9
    assert AuditEvent.objects.count() == events


def test_a_commitment_loaded_by_someone_else_only_gets_its_empty_fields_filled(db, make_plan, make_commitment):
    plan = make_plan(number=1, start=2012, end=2013)
    seeded = make_commitment(
        plan,
        code="CL0005",
        title="",
        title_en="Improving the Access to Information Law",
        description="Texto revisado por la secretaría.",
    )

    report = import_irm(SMALL)

    seeded.refresh_from_db()
    assert seeded.title_en == "Improving the Access to Information Law"
    assert seeded.description == "Texto revisado por la secretaría."
    assert seeded.title == "Perfeccionamiento de la Ley sobre Acceso a la Información Pública"  # was empty
    assert seeded.number == "2.1"
    assert seeded.lead_institution.name == "Ministerio Secretaría General de la Presidencia"
    assert seeded.assessment.specificity == "low"
    assert any("otra fuente" in warning and "CL0005" in warning for warning in report.warnings)

    again = import_irm(SMALL)
    assert not again.changed


def test_commitments_this_importer_created_follow_a_new_version_of_the_sheet(small, tmp_path):
    header, rows = read_sheet()
    changed = row_of(rows, "AL0002")
    changed[irm.COL_SHORT_TITLE] = "Electronic Acts (revised)"
    changed["Completion (End Of Term)"] = "Complete"
    rows = [changed if row[irm.COL_ID] == "AL0002" else row for row in rows]

    report = import_irm(write_sheet(tmp_path / "irm-v2.csv", header, rows))

    assert report.tallies["compromisos"].updated == 1
    assert report.tallies["evaluaciones"].updated == 1
    assert Commitment.objects.get(ogp_id="AL0002").title_en == "Electronic Acts (revised)"
    assert Assessment.objects.get(commitment__ogp_id="AL0002").completion_end_of_term == "complete"
    assert Assessment.objects.get(commitment__ogp_id="AL0002").raw_values["Completion (End Of Term)"] == "Complete"


# --- Files that are not the sheet --------------------------------------------------------------------------


def _header_only_without(*missing: str) -> str:
    header, rows = read_sheet()
    kept = [column for column in header if column not in missing]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(kept)
    writer.writerow([rows[0][column] for column in kept])
    return out.getvalue()


BROKEN_FILES = {
    "missing columns": (
        lambda: _header_only_without("Code", "Action Plan Number").encode(),
        "Faltan columnas obligatorias de la planilla IRM de OGP: 'Code', 'Action Plan Number'.",
    ),
    "not the sheet": (lambda: b"nombre,correo\nAna,ana@example.org\n", "no parece ser la planilla"),
    "pdf": (lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "es un PDF"),
    "xlsx": (lambda: b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml", "planilla Excel (.xlsx)"),
    "latin-1": (
        lambda: SMALL.read_text(encoding="utf-8").replace("…", "...").replace("’", "'").encode("latin-1", "replace"),
        "debe estar codificado en UTF-8: el byte 0x",
    ),
    "empty": (lambda: b"", "El archivo está vacío."),
    "blank lines": (lambda: b"\r\n\r\n  \r\n", "El archivo está vacío."),
    "header only": (
        lambda: SMALL.read_bytes().split(b"\r\n", 1)[0] + b"\r\n",
        "solo tiene la fila de encabezados",
    ),
}


@pytest.mark.parametrize("case", BROKEN_FILES)
def test_a_file_that_is_not_the_sheet_gets_one_clear_error_and_changes_nothing(db, tmp_path, case):
    content, message = BROKEN_FILES[case]
    path = tmp_path / "planilla.csv"
    path.write_bytes(content())
    before = table_counts()

    with pytest.raises(CommandError) as error:
        run_command(path)

    assert message in str(error.value)
    assert table_counts() == before
    assert all(model.objects.count() == 0 for model in DOMAIN_MODELS)


def test_the_encoding_error_says_where_the_first_bad_byte_is(db, tmp_path):
    path = tmp_path / "latin1.csv"
    header, rows = read_sheet()
    first = row_of(rows, "AL0002")
    first[irm.COL_TITLE] = "Participación ciudadana"
    write_sheet(path, header, [first], encoding="latin-1")
    offset = path.read_bytes().index(b"\xf3")

    with pytest.raises(CommandError, match=rf"el byte 0xF3 en la posición {offset} \(línea 2\)"):
        run_command(path)


def test_a_missing_file_is_reported_in_spanish(db, tmp_path):
    with pytest.raises(CommandError, match="No se encontró el archivo"):
        run_command(tmp_path / "no-existe.csv")


@pytest.mark.django_db(transaction=True)
def test_an_unexpected_failure_midway_rolls_back_the_whole_file(monkeypatch):
    real_save = services.save
    calls = {"count": 0}

    def failing_save(instance, **kwargs):
        calls["count"] += 1
        if calls["count"] == 30:
            raise RuntimeError("disk full")
        return real_save(instance, **kwargs)

    monkeypatch.setattr(importer.services, "save", failing_save)

    with pytest.raises(RuntimeError):
        import_irm(SMALL)

    assert all(model.objects.count() == 0 for model in DOMAIN_MODELS)


# --- Bad rows among good ones, and oddities -----------------------------------------------------------------


@pytest.fixture
def messy_sheet(tmp_path):
    header, rows = read_sheet()
    no_id = row_of(rows, "TN0001") | {irm.COL_ID: ""}
    bad_id = row_of(rows, "UA0039") | {irm.COL_ID: "UKR-39"}
    no_plan = row_of(rows, "GE0093") | {irm.COL_PLAN_NUMBER: "ND"}
    bad_year = row_of(rows, "PNG0007") | {irm.COL_YEAR: "twenty eighteen"}
    duplicate = row_of(rows, "AL0002") | {irm.COL_SHORT_TITLE: "Duplicate"}
    odd = row_of(rows, "FR0015") | {
        "Potential Impact": "Huge",
        irm.COL_START: "sometime soon",
        "Anti-Corruption and Integrity": "yes please",
    }
    good = [row_of(rows, ogp_id) for ogp_id in ("AL0002", "BUE0009", "CL0005", "CL0008")]
    ordered = [good[0], no_id, good[1], bad_id, no_plan, good[2], bad_year, duplicate, good[3], odd]
    return write_sheet(tmp_path / "irm-messy.csv", header, ordered)


def test_bad_rows_are_refused_with_their_row_number_and_the_good_ones_are_imported(db, messy_sheet):
    report = import_irm(messy_sheet)

    assert sorted(Commitment.objects.values_list("ogp_id", flat=True)) == [
        "AL0002",
        "BUE0009",
        "CL0005",
        "CL0008",
        "FR0015",
    ]
    refused = {refusal.row: refusal.reason for refusal in report.refused}
    assert refused == {
        3: "falta el identificador del compromiso (columna 'Commitment Unique Identifier')",
        5: "identificador de compromiso no válido: 'UKR-39' (se esperan dos o tres letras y cuatro dígitos, "
        "p. ej. CL0050)",
        6: "falta el número del plan (columna 'Action Plan Number')",
        8: "el año de entrega del plan no se reconoce: 'twenty eighteen' (columna 'Year Of Submission')",
        9: "compromiso repetido: AL0002 ya se importó en la fila 2",
    }
    assert report.imported == 5
    assert Commitment.objects.get(ogp_id="AL0002").title_en == "e-Acts"
    # Nothing from a refused row was left behind.
    assert not Government.objects.filter(code__in=["UKR", "GEO", "PNG"]).exists()


def test_odd_values_are_warned_once_per_kind_with_a_count_and_examples(db, messy_sheet):
    report = import_irm(messy_sheet)

    assert "Valor desconocido en 'Potential Impact': 'Huge' (1 fila: 11)" in report.warnings
    assert "Fecha no reconocida en 'Start Date': 1 fila (ej. fila 11: 'sometime soon')" in report.warnings
    assert "Valor desconocido en 'Anti-Corruption and Integrity': 'yes please' (1 fila: 11)" in report.warnings
    france = Commitment.objects.get(ogp_id="FR0015")
    assert france.start_date is None
    assert france.dates_text == "Inicio: sometime soon"
    assessment = france.assessment
    assert assessment.potential_impact == ""
    assert assessment.raw_values["Potential Impact"] == "Huge"


def test_the_same_oddity_in_many_rows_is_one_warning_with_its_count(db, tmp_path):
    header, rows = read_sheet()
    for row in rows:
        row[irm.COL_END] = "Q3 2019" if row[irm.COL_ID] != "AL0002" else "soon"
        row[irm.COL_START] = "NA"
    report = import_irm(write_sheet(tmp_path / "irm.csv", header, rows))

    quarter = [warning for warning in report.warnings if "aproximada" in warning and "'End Date'" in warning]
    assert len(quarter) == 1
    assert quarter[0].startswith(
        "Fecha aproximada (mes, trimestre o año) en 'End Date': se usó el último día del período: 8 filas (ej. fila 3:"
    )
    assert Commitment.objects.get(ogp_id="CL0005").end_date == datetime.date(2019, 9, 30)


def test_the_command_prints_the_report_with_counts_per_kind(db):
    output = run_command(SMALL)

    assert "Planilla IRM de OGP: irm-small.csv" in output
    assert "Filas leídas: 9 · importadas: 9 · rechazadas: 0" in output
    lines = {line.split()[0]: line.split()[1:] for line in output.splitlines() if line[:1].isalpha() and "  " in line}
    assert lines["compromisos"] == ["9", "0", "0"]
    assert lines["evaluaciones"] == ["9", "0", "0"]
    assert lines["gobiernos"] == ["8", "0", "0"]
    assert "Filas rechazadas: ninguna." in output


def test_a_dry_run_reports_and_saves_nothing(db):
    out = io.StringIO()
    call_command("import_ogp_irm", str(SMALL), "--dry-run", "--no-progress", stdout=out)

    assert "simulación" in out.getvalue()
    assert "compromisos" in out.getvalue()
    assert all(model.objects.count() == 0 for model in DOMAIN_MODELS)


def test_a_file_saved_with_semicolons_by_a_spanish_excel_is_read(db, tmp_path):
    header, rows = read_sheet()
    path = write_sheet(tmp_path / "excel.csv", header, rows, delimiter=";")

    report = import_irm(path)

    assert report.imported == 9


def test_an_open_file_can_be_imported_as_well_as_a_path(db):
    with SMALL.open("rb") as handle:
        report = import_irm(handle)

    assert report.file_name == "irm-small.csv"
    assert report.imported == 9


def test_a_sheet_without_some_optional_columns_is_imported_with_one_warning(db, tmp_path):
    header, rows = read_sheet()
    header = [column for column in header if column not in ("Theme", "Verifiable")]

    report = import_irm(write_sheet(tmp_path / "irm-older.csv", header, rows))

    assert report.imported == 9
    assert "Columnas esperadas ausentes (sus campos quedaron vacíos): 'Theme', 'Verifiable'" in report.warnings
    assert Assessment.objects.get(commitment__ogp_id="FR0015").verifiable is None


def test_a_file_with_a_byte_order_mark_is_read(db, tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + SMALL.read_bytes())

    assert import_irm(path).imported == 9


def test_cells_longer_than_the_csv_modules_default_limit_are_read(db, tmp_path):
    header, rows = read_sheet()
    huge = "Texto completo del compromiso. " * 8000  # about 250,000 characters
    rows[0][irm.COL_FULL_TEXT] = huge

    import_irm(write_sheet(tmp_path / "huge.csv", header, rows))

    assert Commitment.objects.get(ogp_id=rows[0][irm.COL_ID]).description == huge.strip()


def test_importing_an_unchanged_file_again_reads_in_a_handful_of_queries(small, django_assert_max_num_queries):
    # Lookups are loaded once per run; each row then costs only its savepoint.
    with django_assert_max_num_queries(15 + 2 * 9):
        import_irm(SMALL)


def test_a_new_commitment_costs_a_bounded_number_of_queries(small, tmp_path):
    header, rows = read_sheet()
    for number, row in enumerate(rows):
        row[irm.COL_ID] = row[irm.COL_ID][:-4] + str(9000 + number)
    path = write_sheet(tmp_path / "irm-new-ids.csv", header, rows)

    with CaptureQueriesContext(connection) as queries:
        report = import_irm(path)

    assert report.tallies["compromisos"].created == 9
    # Members, plans, institutions and areas are cached; a commitment, its areas and its assessment are
    # written through the audited services (search and progress included).
    assert len(queries) / 9 < 50


# --- The cell readers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("1/1/2024", False, datetime.date(2024, 1, 1)),
        ("8/1/18", False, datetime.date(2018, 8, 1)),
        ("12/31/15", True, datetime.date(2015, 12, 31)),
        ("30/9/2014", True, datetime.date(2014, 9, 30)),
        ("2019-04-01", False, datetime.date(2019, 4, 1)),
        ("July 2014", False, datetime.date(2014, 7, 1)),
        ("June 2016", True, datetime.date(2016, 6, 30)),
        ("April 01, 2019", False, datetime.date(2019, 4, 1)),
        ("30 de junio de 2019", True, datetime.date(2019, 6, 30)),
        ("Q3 2019", False, datetime.date(2019, 7, 1)),
        ("III quarter of 2022", True, datetime.date(2022, 9, 30)),
        ("primer semestre de 2020", True, datetime.date(2020, 6, 30)),
        ("2021", True, datetime.date(2021, 12, 31)),
    ],
)
def test_date_cells_are_read_in_the_forms_the_sheet_uses(text, end, expected):
    assert irm.parse_date(text, end=end).value == expected


def test_an_ambiguous_date_follows_the_rows_other_date():
    assert irm.numeric_dates_day_first(["1/3/2013", "30/9/2014"])
    assert irm.parse_date("1/3/2013", day_first=True).value == datetime.date(2013, 3, 1)
    assert irm.parse_date("1/3/2013").value == datetime.date(2013, 1, 3)


@pytest.mark.parametrize("text", ["ND", "NR", "NA", "", "  "])
def test_missing_markers_read_as_no_value(text):
    assert irm.parse_date(text) is None
    assert irm.parse_bool(text) is None
    assert irm.parse_choice(text, irm.OPENED_GOVERNMENT) == ""


@pytest.mark.parametrize("text", ["Q5 2019", "sometime", "13/13/2019", "31/02/2020"])
def test_unreadable_dates_are_flagged(text):
    with pytest.raises(irm.Unrecognised):
        irm.parse_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2.2000000000000002", "2.2"), ("8.3000000000000007", "8.3"), ("10", "10"), ("3.0", "3"), ("2.10", "2.10")],
)
def test_commitment_numbers_are_normalised(text, expected):
    assert irm.normalise_commitment_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Worsens", "worsened"),
        ("Worsened", "worsened"),
        ("Did Not Change", "did_not_change"),
        ("did not change", "did_not_change"),
        ("Outstanding", "outstanding"),
        ("Not Applicable", "not_applicable"),
        ("No early results to report yet", "no_results_yet"),
    ],
)
def test_did_it_open_government_readings_map_to_the_vocabulary(text, expected):
    assert irm.parse_choice(text, irm.OPENED_GOVERNMENT) == expected


@pytest.mark.parametrize(("text", "expected"), [("Yes", True), ("1", True), ("No", False), ("0", False)])
def test_yes_no_cells_read_as_booleans(text, expected):
    assert irm.parse_bool(text) is expected


@pytest.mark.parametrize(
    ("text", "kind"), [("National", "national"), ("Legacy Local", "local"), ("Local", "local"), ("Regional", None)]
)
def test_national_and_local_members_are_told_apart(text, kind):
    assert irm.government_kind(text) == kind


@pytest.mark.parametrize(
    ("readings", "starred"),
    [([True, False, None], True), ([False, None, False], False), ([None, None], None)],
)
def test_the_star_is_set_when_any_published_star_column_says_so(readings, starred):
    assert irm.combine_stars(readings) is starred


def test_the_none_reading_is_a_value_and_not_a_missing_marker():
    assert irm.parse_choice("None", irm.POTENTIAL_IMPACT) == "none"


@pytest.mark.parametrize(
    ("cell", "name"),
    [
        ("Council of Ministers", "Council of Ministers"),
        ("Ministry of Justice.", "Ministry of Justice"),
        ("(a)        Leaders of the House,\n(b)        The Household Committee", "Leaders of the House"),
        ("1. Provincial Government of Bohol 2. Provincial Government of Albay", "Provincial Government of Bohol"),
        ("Prime Minister’s Office; Ministry of the Economy", "Prime Minister’s Office"),
        ("NA", ""),
    ],
)
def test_a_usable_institution_name_is_taken_from_a_lead_institution_cell(cell, name):
    assert irm.lead_institution_name(cell)[0] == name


def test_a_very_long_institution_name_is_cut_to_fit():
    name, shortened = irm.lead_institution_name("Agency " * 100)
    assert len(name) <= 300
    assert shortened
