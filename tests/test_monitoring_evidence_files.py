"""Evidence files in the report form: uploaded, checked like the registry's evidence (size, type read from
the content), kept with the draft, served by /seguimiento/archivos/<id>/ (public once the report is
published, before that to the lead institution and the secretariat), carried over to a new version."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from abierto.monitoring import services
from abierto.monitoring.models import ProgressReport, ReportEvidence, ReportingPeriod
from abierto.plans.models import Evidence

pytestmark = pytest.mark.django_db
S = ProgressReport.Status

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 40
PERSONAS = ["anonymous", "participant", "implementer", "other_implementer", "secretariat", "forum_member", "evaluator"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def quiet(monkeypatch):
    monkeypatch.setattr(services, "notify", lambda **kwargs: None)


@pytest.fixture
def commitment(make_plan, make_commitment, lead_institution):
    plan = make_plan(number=6, start=2023, end=2027)
    return make_commitment(plan, code="CL0060", title="Datos abiertos de compras", lead_institution=lead_institution)


@pytest.fixture
def period(commitment):
    return ReportingPeriod.objects.create(
        plan=commitment.plan,
        label="Primer semestre 2025",
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 6, 30),
        deadline=datetime.date(2025, 7, 31),
    )


def form_url(commitment, period):
    return f"/seguimiento/compromisos/{commitment.pk}/periodos/{period.pk}/"


def form_data(files=(), **overrides):
    data = {
        "completion": "limited",
        "results_description": "Se publicó la primera versión del portal.",
        "conclusion_date_text": "",
        "next_steps": "",
        "remaining_and_challenges": "",
        "additional_info": "",
        "hitos-TOTAL_FORMS": "0",
        "hitos-INITIAL_FORMS": "0",
        "evidencia-TOTAL_FORMS": "0",
        "evidencia-INITIAL_FORMS": "0",
        "archivos-TOTAL_FORMS": str(max(len(files), 1)),
        "archivos-INITIAL_FORMS": "0",
        "guardar": "1",
    }
    for i, (title, upload) in enumerate(files):
        data[f"archivos-{i}-title"] = title
        if upload is not None:
            data[f"archivos-{i}-file"] = upload
    data.update(overrides)
    return data


def stored_files(media):
    return sorted(p.name for p in media.rglob("*") if p.is_file())


# ------------------------------------------------------------------ uploading


def test_pdf_and_png_are_stored_with_the_draft(client, implementer, commitment, period, media):
    client.force_login(implementer)
    files = [
        ("Acta de la mesa técnica", SimpleUploadedFile("acta.pdf", PDF)),
        ("Foto del taller", SimpleUploadedFile("taller.png", PNG)),
    ]
    response = client.post(form_url(commitment, period), form_data(files))
    assert response.status_code == 302
    report = ProgressReport.all_objects.get()
    rows = list(report.evidence_links.order_by("id"))
    assert [(r.title, r.url, r.filename) for r in rows] == [
        ("Acta de la mesa técnica", "", "acta.pdf"),
        ("Foto del taller", "", "taller.png"),
    ]
    assert all(r.file.name.startswith("seguimiento/") for r in rows)
    assert stored_files(media) == ["acta.pdf", "taller.png"]
    assert default_storage.open(rows[0].file.name).read() == PDF

    # The saved draft lists its files with a checkbox to take each off, and the file rows are empty again.
    html = client.get(form_url(commitment, period)).content.decode()
    assert "Archivos guardados con el reporte" in html
    assert f'name="guardados-remove" value="{rows[0].pk}"' in html
    assert "Quitar «Acta de la mesa técnica»" in html
    assert 'enctype="multipart/form-data"' in html


def test_an_executable_renamed_as_pdf_is_refused_in_spanish(client, implementer, commitment, period, media):
    client.force_login(implementer)
    response = client.post(
        form_url(commitment, period), form_data([("Informe", SimpleUploadedFile("informe.pdf", EXE))])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tipo de archivo no aceptado" in html
    assert "Revise los campos marcados." in html
    assert "Se publicó la primera versión del portal." in html  # what was typed is kept
    assert not ProgressReport.all_objects.exists() and not ReportEvidence.objects.exists()
    assert stored_files(media) == []


def test_a_file_over_the_limit_is_refused(client, implementer, commitment, period, settings, media):
    settings.ABIERTO_MAX_UPLOAD_BYTES = 100
    client.force_login(implementer)
    big = SimpleUploadedFile("acta.pdf", PDF + b"0" * 200)
    response = client.post(form_url(commitment, period), form_data([("Acta", big)]))
    assert response.status_code == 200
    assert "el máximo es 100" in response.content.decode()
    assert not ReportEvidence.objects.exists() and stored_files(media) == []


def test_a_file_needs_a_title_and_a_title_needs_a_file(client, implementer, commitment, period):
    client.force_login(implementer)
    response = client.post(
        form_url(commitment, period),
        form_data([("", SimpleUploadedFile("acta.pdf", PDF)), ("Sin archivo", None)]),
    )
    html = response.content.decode()
    assert "Indique un título para el archivo." in html
    assert "Elija el archivo del medio de verificación." in html
    assert not ProgressReport.all_objects.exists()


def test_when_another_field_is_refused_the_file_must_be_chosen_again(client, implementer, commitment, period):
    client.force_login(implementer)
    data = form_data([("Acta", SimpleUploadedFile("acta.pdf", PDF))], completion="no-existe")
    response = client.post(form_url(commitment, period), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "vuelva a elegir este archivo" in html
    assert 'value="Acta"' in html  # the title is kept
    assert not ReportEvidence.objects.exists()


def test_files_can_be_taken_off_a_draft(
    client, implementer, commitment, period, media, django_capture_on_commit_callbacks
):
    client.force_login(implementer)
    client.post(
        form_url(commitment, period),
        form_data([("Acta", SimpleUploadedFile("acta.pdf", PDF)), ("Foto", SimpleUploadedFile("foto.png", PNG))]),
    )
    acta = ReportEvidence.objects.get(title="Acta")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url(commitment, period), form_data(**{"guardados-remove": [str(acta.pk)]}))
    assert response.status_code == 302
    assert list(ReportEvidence.objects.values_list("title", flat=True)) == ["Foto"]
    assert stored_files(media) == ["foto.png"]


def test_a_row_is_a_link_or_a_file_never_both_nor_neither(implementer, commitment, period):
    report = services.report_create(actor=implementer, commitment=commitment, period=period)
    for kwargs in ({"url": "https://example.org/a", "file": "seguimiento/x/a.pdf"}, {}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ReportEvidence.objects.create(report=report, title="x", **kwargs)
    ReportEvidence.objects.create(report=report, title="link", url="https://example.org/a")
    ReportEvidence.objects.create(report=report, title="file", file="seguimiento/x/a.pdf")


# ------------------------------------------------------------------ who downloads


def _report_with_file(implementer, secretariat, commitment, period, status):
    report = services.report_create(
        actor=implementer, commitment=commitment, period=period, completion="limited", results_description="Ok."
    )
    services.report_update(
        report, actor=implementer, files=[services.EvidenceFile("Acta", SimpleUploadedFile("acta.pdf", PDF))]
    )
    steps = {
        S.DRAFT: [],
        S.SUBMITTED: [services.report_submit],
        S.CHANGES_REQUESTED: [services.report_submit, "return"],
        S.VALIDATED: [services.report_submit, services.report_validate],
        S.PUBLISHED: [services.report_submit, services.report_validate, services.report_publish],
    }[status]
    for step in steps:
        if step == "return":
            services.report_request_changes(report, actor=secretariat, comment="Falta la fecha.")
        elif step is services.report_submit:
            step(report, actor=implementer)
        else:
            step(report, actor=secretariat)
    return report, report.evidence_links.get()


# Before publication: the lead institution and the secretariat; after: everybody.
INSIDERS = {"implementer", "secretariat"}


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.VALIDATED, S.PUBLISHED])
def test_download_truth_table(client, personas, implementer, secretariat, commitment, period, status):
    report, row = _report_with_file(implementer, secretariat, commitment, period, status)
    assert report.status == status
    url = f"/seguimiento/archivos/{row.pk}/"
    for persona in PERSONAS:
        client.logout()
        if persona != "anonymous":
            client.force_login(personas[persona])
        response = client.get(url)
        allowed = status == S.PUBLISHED or persona in INSIDERS
        if allowed:
            assert response.status_code == 200, (persona, status)
            assert b"".join(response.streaming_content) == PDF
        elif persona == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith("/cuentas/ingresar/"), status
        else:
            assert response.status_code == 403, (persona, status)
            assert "será público cuando se publique el reporte" in response.content.decode()


def test_download_headers(client, implementer, secretariat, commitment, period):
    _report, row = _report_with_file(implementer, secretariat, commitment, period, S.PUBLISHED)
    response = client.get(f"/seguimiento/archivos/{row.pk}/")
    assert response["Content-Disposition"] == 'attachment; filename="acta.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"].startswith("public")


def test_a_draft_file_is_not_cached_by_shared_caches(client, implementer, secretariat, commitment, period):
    _report, row = _report_with_file(implementer, secretariat, commitment, period, S.DRAFT)
    client.force_login(implementer)
    response = client.get(f"/seguimiento/archivos/{row.pk}/")
    assert response["Cache-Control"] == "private, no-store"


def test_a_link_row_or_a_missing_row_is_not_a_file(client, implementer, commitment, period):
    report = services.report_create(actor=implementer, commitment=commitment, period=period)
    link = ReportEvidence.objects.create(report=report, title="Portal", url="https://example.org")
    client.force_login(implementer)
    assert client.get(f"/seguimiento/archivos/{link.pk}/").status_code == 404
    assert client.get("/seguimiento/archivos/999999/").status_code == 404


# ------------------------------------------------------------------ validation and versions


def test_validation_puts_the_file_in_the_registry_behind_the_guarded_view(
    client, implementer, secretariat, commitment, period, settings
):
    settings.ABIERTO_SITE_URL = "https://estadoabierto.example.cl"
    report, row = _report_with_file(implementer, secretariat, commitment, period, S.VALIDATED)
    evidence = Evidence.objects.get(commitment=commitment)
    assert evidence.url == f"https://estadoabierto.example.cl/seguimiento/archivos/{row.pk}/"
    assert not evidence.file
    row.refresh_from_db()
    assert row.evidence_id == evidence.pk
    # Validated is not published: the public still cannot download it.
    assert client.get(f"/seguimiento/archivos/{row.pk}/").status_code == 302
    services.report_publish(report, actor=secretariat)
    assert client.get(f"/seguimiento/archivos/{row.pk}/").status_code == 200


def test_a_new_version_carries_the_files_without_copying_them(
    implementer, secretariat, commitment, period, media, django_capture_on_commit_callbacks
):
    report, row = _report_with_file(implementer, secretariat, commitment, period, S.PUBLISHED)
    new = services.report_correct(report, actor=implementer)
    carried = new.evidence_links.get()
    assert carried.pk != row.pk
    assert carried.file.name == row.file.name
    assert carried.evidence_id == row.evidence_id
    assert stored_files(media) == ["acta.pdf"]

    # Taking the file off the correction keeps the published version's file on disk.
    with django_capture_on_commit_callbacks(execute=True):
        services.report_update(new, actor=implementer, remove_files=[carried.pk])
    assert not new.evidence_links.exists()
    assert stored_files(media) == ["acta.pdf"]


def test_a_carried_file_is_validated_once(implementer, secretariat, commitment, period):
    report, row = _report_with_file(implementer, secretariat, commitment, period, S.PUBLISHED)
    new = services.report_correct(report, actor=implementer)
    services.report_submit(new, actor=implementer)
    services.report_validate(new, actor=secretariat)
    assert Evidence.objects.filter(commitment=commitment).count() == 1
    assert new.evidence_links.get().evidence_id == row.evidence_id


def test_a_file_of_another_report_cannot_be_removed(implementer, commitment, period, make_commitment):
    report = services.report_create(actor=implementer, commitment=commitment, period=period)
    other = ReportEvidence.objects.create(report=report, title="x", file="seguimiento/x/a.pdf")
    second = make_commitment(commitment.plan, code="CL0099", lead_institution=commitment.lead_institution)
    report2 = services.report_create(actor=implementer, commitment=second, period=period)
    with pytest.raises(Exception, match="no pertenece a este reporte"):
        services.report_update(report2, actor=implementer, remove_files=[other.pk])
    assert ReportEvidence.objects.filter(pk=other.pk).exists()


# ------------------------------------------------------------------ pages and query counts


def test_review_page_links_the_files(client, implementer, secretariat, commitment, period):
    report, row = _report_with_file(implementer, secretariat, commitment, period, S.SUBMITTED)
    client.force_login(secretariat)
    html = client.get(f"/seguimiento/reportes/{report.pk}/").content.decode()
    assert f'href="/seguimiento/archivos/{row.pk}/"' in html and "archivo acta.pdf" in html


def test_query_counts_do_not_grow_with_files(
    client, implementer, secretariat, commitment, period, django_assert_max_num_queries
):
    report, row = _report_with_file(implementer, secretariat, commitment, period, S.DRAFT)
    for n in range(10):
        ReportEvidence.objects.create(report=report, title=f"Archivo {n}", file=row.file.name)
        ReportEvidence.objects.create(report=report, title=f"Enlace {n}", url=f"https://example.org/{n}")
    client.force_login(implementer)
    with django_assert_max_num_queries(12):
        assert client.get(form_url(commitment, period)).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/seguimiento/reportes/{report.pk}/").status_code == 200
    with django_assert_max_num_queries(5):
        response = client.get(f"/seguimiento/archivos/{row.pk}/")
        assert response.status_code == 200
    client.logout()
    with django_assert_max_num_queries(2):
        assert client.get(f"/seguimiento/archivos/{row.pk}/").status_code == 302
