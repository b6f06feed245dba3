"""The monitoring pages at /seguimiento/: who gets in, what each shows, the report form, the review,
and query counts that do not grow with the data."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from abierto.monitoring import services
from abierto.monitoring.models import ProgressReport, ReportingPeriod
from abierto.plans.models import Milestone

pytestmark = pytest.mark.django_db
S = ProgressReport.Status
# 2025-08-15: the deadline of the first semester (31 July) has passed.
AFTER_DEADLINE = datetime.datetime(2025, 8, 15, 12, 0, tzinfo=datetime.UTC)
BEFORE_DEADLINE = datetime.datetime(2025, 7, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def quiet(monkeypatch):
    monkeypatch.setattr(services, "notify", lambda **kwargs: None)


@pytest.fixture
def plan(make_plan):
    return make_plan(number=6, start=2023, end=2027)


@pytest.fixture
def commitment(plan, make_commitment, lead_institution):
    return make_commitment(
        plan, code="CL0060", title="Datos abiertos de compras públicas", lead_institution=lead_institution
    )


@pytest.fixture
def period(plan):
    return ReportingPeriod.objects.create(
        plan=plan,
        label="Primer semestre 2025",
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 6, 30),
        deadline=datetime.date(2025, 7, 31),
    )


@pytest.fixture
def milestone(commitment, make_milestone):
    return make_milestone(commitment, description="Publicar el portal", code="1", end_date=datetime.date(2025, 3, 31))


def form_data(**overrides):
    data = {
        "completion": "limited",
        "results_description": "Se publicó la primera versión del portal.",
        "conclusion_date_text": "Diciembre de 2026",
        "next_steps": "",
        "remaining_and_challenges": "",
        "additional_info": "",
        "hitos-TOTAL_FORMS": "0",
        "hitos-INITIAL_FORMS": "0",
        "evidencia-TOTAL_FORMS": "1",
        "evidencia-INITIAL_FORMS": "0",
        "evidencia-0-title": "",
        "evidencia-0-url": "",
        "evidencia-0-date": "",
        "evidencia-0-milestone": "",
    }
    data.update(overrides)
    return data


def with_milestone(milestone, **row):
    return {
        "hitos-TOTAL_FORMS": "1",
        "hitos-INITIAL_FORMS": "1",
        "hitos-0-milestone_id": str(milestone.pk),
        "hitos-0-status": row.get("status", "in_progress"),
        "hitos-0-progress": row.get("progress", "40"),
        "hitos-0-actual_start_date": "2025-02-01",
        "hitos-0-actual_end_date": "",
        "hitos-0-note": row.get("note", "Portal en pruebas."),
    }


# ------------------------------------------------------------------ access


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get("/seguimiento/")
    assert response.status_code == 302 and response["Location"].startswith("/cuentas/ingresar/")


@pytest.mark.parametrize("persona", ["participant", "forum_member", "evaluator"])
def test_people_without_a_monitoring_role_get_a_clear_403(client, personas, persona):
    client.force_login(personas[persona])
    response = client.get("/seguimiento/")
    assert response.status_code == 403
    assert "pida a la secretaría que le asigne el rol de contraparte" in response.content.decode()


def test_only_the_secretariat_opens_a_dashboard(client, personas, period):
    for persona, code in [("implementer", 403), ("participant", 403), ("secretariat", 200)]:
        client.force_login(personas[persona])
        assert client.get(f"/seguimiento/periodos/{period.pk}/").status_code == code, persona


def test_an_implementer_of_another_institution_cannot_open_the_form(client, other_implementer, commitment, period):
    client.force_login(other_implementer)
    url = f"/seguimiento/compromisos/{commitment.pk}/periodos/{period.pk}/"
    assert client.get(url).status_code == 403
    assert client.post(url, form_data()).status_code == 403
    assert not ProgressReport.all_objects.exists()


# ------------------------------------------------------------------ home


@time_machine.travel(AFTER_DEADLINE, tick=False)
def test_home_lists_what_is_due_when_and_what_came_back(client, implementer, secretariat, commitment, period, plan):
    second = ReportingPeriod.objects.create(
        plan=plan,
        label="Segundo semestre 2025",
        start=datetime.date(2025, 7, 1),
        end=datetime.date(2025, 12, 31),
        deadline=datetime.date(2026, 1, 31),
    )
    report = services.report_create(
        actor=implementer, commitment=commitment, period=second, completion="limited", results_description="Avance."
    )
    services.report_submit(report, actor=implementer)
    services.report_request_changes(report, actor=secretariat, comment="Adjunte el acta de la mesa técnica.")

    client.force_login(implementer)
    html = client.get("/seguimiento/").content.decode()
    assert "CL0060" in html
    assert "Plazo de entrega: 31-07-2025." in html
    assert "Atrasado" in html  # first semester: deadline passed, nothing submitted
    assert "Devueltos con comentarios" in html and "Adjunte el acta de la mesa técnica." in html
    assert "Con cambios solicitados" in html
    assert f"/seguimiento/compromisos/{commitment.pk}/periodos/{period.pk}/" in html
    assert "Tableros de la secretaría" not in html


@time_machine.travel(BEFORE_DEADLINE, tick=False)
def test_nothing_is_late_before_the_deadline(client, implementer, commitment, period):
    client.force_login(implementer)
    html = client.get("/seguimiento/").content.decode()
    assert "Sin reporte" in html and "Atrasado" not in html


def test_the_secretariat_home_links_to_the_dashboards(client, secretariat, period):
    client.force_login(secretariat)
    html = client.get("/seguimiento/").content.decode()
    assert f'href="/seguimiento/periodos/{period.pk}/"' in html


# ------------------------------------------------------------------ the report form


def test_an_implementer_writes_a_draft_then_submits_it(client, implementer, commitment, period, milestone):
    client.force_login(implementer)
    url = f"/seguimiento/compromisos/{commitment.pk}/periodos/{period.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Plantilla de cumplimiento" in page.content.decode()

    data = form_data(
        **with_milestone(milestone),
        **{"evidencia-0-title": "Portal", "evidencia-0-url": "https://example.org/portal", "guardar": "1"},
    )
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    report = ProgressReport.all_objects.get(commitment=commitment, period=period)
    assert report.status == S.DRAFT and report.created_by == implementer
    update = report.milestone_updates.get()
    assert (update.status, update.progress, update.note) == ("in_progress", 40, "Portal en pruebas.")
    assert report.evidence_links.get().url == "https://example.org/portal"
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.NOT_STARTED  # applied only on validation

    # The form comes back with what was saved.
    html = client.get(url).content.decode()
    assert "Portal en pruebas." in html and "https://example.org/portal" in html

    response = client.post(url, {**data, "enviar": "1"})
    report.refresh_from_db()
    assert report.status == S.SUBMITTED
    assert response["Location"] == f"/seguimiento/reportes/{report.pk}/"
    # Submitted: the form sends to the (read-only) review page.
    assert client.get(url)["Location"] == f"/seguimiento/reportes/{report.pk}/"


def test_errors_are_in_spanish_and_nothing_typed_is_lost(client, implementer, commitment, period, milestone):
    client.force_login(implementer)
    url = f"/seguimiento/compromisos/{commitment.pk}/periodos/{period.pk}/"
    data = form_data(
        **with_milestone(milestone, status="completed", progress="60"),
        **{
            "results_description": "Texto largo que no se debe perder.",
            "evidencia-0-title": "Acta",
            "evidencia-0-url": "no es un enlace",
            "guardar": "1",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Revise los campos marcados." in html
    assert "Un hito completo tiene un avance de 100 %." in html
    assert "Introduzca una URL válida." in html
    assert "Texto largo que no se debe perder." in html and "no es un enlace" in html
    assert not ProgressReport.all_objects.exists()


def test_submitting_without_completion_keeps_the_draft_and_explains(client, implementer, commitment, period):
    client.force_login(implementer)
    url = f"/seguimiento/compromisos/{commitment.pk}/periodos/{period.pk}/"
    response = client.post(url, form_data(completion="", enviar="1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Indique el nivel de cumplimiento antes de enviar el reporte." in html
    assert "Se guardó el borrador, pero no se pudo enviar" in html
    assert ProgressReport.all_objects.get().status == S.DRAFT


# ------------------------------------------------------------------ review


def test_review_request_changes_validate_publish(client, implementer, secretariat, commitment, period, milestone):
    report = services.report_create(
        actor=implementer, commitment=commitment, period=period, completion="limited", results_description="Avance."
    )
    services.report_update(
        report,
        actor=implementer,
        milestone_changes=[services.MilestoneChange(milestone, Milestone.Status.IN_PROGRESS, 40)],
    )
    services.report_submit(report, actor=implementer)
    url = f"/seguimiento/reportes/{report.pk}/"

    client.force_login(secretariat)
    html = client.get(url).content.decode()
    assert "Solicitar cambios" in html and "Validar el reporte" in html and "Publicar el reporte" not in html
    response = client.post(url, {"accion": "devolver", "comment": ""})
    assert response.status_code == 200
    assert "Explique qué debe cambiar: el comentario es obligatorio." in response.content.decode()
    client.post(url, {"accion": "devolver", "comment": "Falta el acta."})
    report.refresh_from_db()
    assert report.status == S.CHANGES_REQUESTED

    client.force_login(implementer)
    html = client.get(url).content.decode()
    assert "Falta el acta." in html and "Editar el reporte" in html and "Validar el reporte" not in html
    assert client.post(url, {"accion": "validar"}).status_code == 403
    services.report_submit(report, actor=implementer)

    client.force_login(secretariat)
    client.post(url, {"accion": "validar"})
    milestone.refresh_from_db()
    assert milestone.progress == 40
    client.post(url, {"accion": "publicar"})
    report.refresh_from_db()
    assert report.status == S.PUBLISHED
    public = client.get("/planes/6/compromisos/CL0060/").content.decode()
    assert "Reporte de avance (autorreportado)" in public and "Avance." in public


def test_a_correction_shows_old_and_new_field_by_field(client, implementer, secretariat, commitment, period):
    report = services.report_create(
        actor=implementer, commitment=commitment, period=period, completion="limited", results_description="Antes."
    )
    services.report_submit(report, actor=implementer)
    services.report_validate(report, actor=secretariat)
    services.report_publish(report, actor=secretariat)

    client.force_login(implementer)
    response = client.post(f"/seguimiento/reportes/{report.pk}/", {"accion": "corregir"})
    assert response["Location"] == f"/seguimiento/compromisos/{commitment.pk}/periodos/{period.pk}/"
    v2 = ProgressReport.all_objects.get(version=2)
    services.report_update(v2, actor=implementer, fields={"results_description": "Después.", "completion": "complete"})
    html = client.get(f"/seguimiento/reportes/{v2.pk}/").content.decode()
    assert "Cambios respecto de la versión 1 publicada" in html
    assert "<del>Antes.</del>" in html and "<ins>Después.</ins>" in html
    assert "<del>Limitado</del>" in html and "<ins>Completo</ins>" in html


def test_the_review_page_is_closed_to_others(client, personas, implementer, commitment, period):
    report = services.report_create(actor=implementer, commitment=commitment, period=period)
    for persona in ["participant", "other_implementer", "forum_member", "evaluator"]:
        client.force_login(personas[persona])
        assert client.get(f"/seguimiento/reportes/{report.pk}/").status_code == 403, persona


# ------------------------------------------------------------------ dashboard


@time_machine.travel(AFTER_DEADLINE, tick=False)
def test_dashboard_shows_states_missing_late_and_overdue_milestones(
    client, implementer, secretariat, commitment, period, milestone, plan, make_commitment, lead_institution
):
    quiet = make_commitment(plan, code="CL0061", title="Sin reporte", lead_institution=lead_institution)
    sent = make_commitment(plan, code="CL0062", title="Enviado", lead_institution=lead_institution)
    report = services.report_create(
        actor=implementer, commitment=sent, period=period, completion="limited", results_description="Avance."
    )
    services.report_submit(report, actor=implementer)

    client.force_login(secretariat)
    response = client.get(f"/seguimiento/periodos/{period.pk}/")
    page = response.context["page"]
    rows = {r.commitment.code: r for r in page.rows}
    assert rows["CL0060"].late and rows["CL0060"].overdue_milestones == 1
    assert rows["CL0061"].late and rows["CL0061"].report is None
    assert not rows["CL0062"].late and rows["CL0062"].status == S.SUBMITTED
    assert (page.missing, page.late, page.counts["submitted"]) == (2, 2, 1)
    html = response.content.decode()
    assert f'href="/seguimiento/reportes/{report.pk}/"' in html and "Revisar" in html
    assert quiet.code in html


# ------------------------------------------------------------------ query counts


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow(plan, period, implementer, make_commitment, make_milestone, lead_institution, start, n):
    for i in range(start, start + n):
        c = make_commitment(plan, code=f"CL{i:04d}", title=f"Compromiso {i}", lead_institution=lead_institution)
        make_milestone(c, description="Hito", end_date=datetime.date(2025, 1, 31))
        if i % 2:
            services.report_create(actor=implementer, commitment=c, period=period, completion="limited")


def test_dashboard_and_home_queries_do_not_grow_with_the_data(
    client, implementer, secretariat, plan, period, make_commitment, make_milestone, lead_institution
):
    _grow(plan, period, implementer, make_commitment, make_milestone, lead_institution, 100, 3)
    client.force_login(secretariat)
    dashboard_small = _count(client, f"/seguimiento/periodos/{period.pk}/")
    client.force_login(implementer)
    home_small = _count(client, "/seguimiento/")

    _grow(plan, period, implementer, make_commitment, make_milestone, lead_institution, 200, 12)
    ReportingPeriod.objects.create(
        plan=plan,
        label="Segundo semestre 2025",
        start=datetime.date(2025, 7, 1),
        end=datetime.date(2025, 12, 31),
        deadline=datetime.date(2026, 1, 31),
    )
    client.force_login(secretariat)
    assert _count(client, f"/seguimiento/periodos/{period.pk}/") == dashboard_small
    client.force_login(implementer)
    assert _count(client, "/seguimiento/") == home_small
