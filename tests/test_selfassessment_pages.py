"""The self-assessment pages: the public list, the report (summary figures, one section per commitment,
print stylesheet), drafts kept to the secretariat, the secretariat's screens, and bounded queries."""

import datetime
from pathlib import Path

import pytest
import time_machine
from django.contrib.staticfiles import finders

from abierto.assessments.models import Assessment
from abierto.audit.models import AuditEvent
from abierto.monitoring.models import ProgressReport, ReportingPeriod
from abierto.selfassessments import services
from abierto.selfassessments.models import SelfAssessment

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 22, 12, 0, tzinfo=datetime.UTC)
CUTOFF = datetime.date(2026, 10, 31)
MID = SelfAssessment.Kind.MID_TERM


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def plan(make_plan):
    return make_plan(number=6, start=2023, end=2027)


def _with_reports(plan, make_commitment, make_milestone, institution, n):
    period = ReportingPeriod.objects.create(
        plan=plan,
        label="Primer semestre 2026",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 6, 30),
        deadline=datetime.date(2026, 7, 31),
    )
    levels = ["limited", "substantial", "complete"]
    for i in range(n):
        c = make_commitment(plan, code=f"CL{100 + i:04d}", title=f"Compromiso {i}", lead_institution=institution)
        make_milestone(c, description=f"Hito {i}", status="in_progress", progress=10 * (i % 9 + 1))
        if i % 4 == 3:
            continue  # no validated report
        ProgressReport.all_objects.create(
            commitment=c,
            period=period,
            period_label=period.label,
            status=ProgressReport.Status.PUBLISHED,
            completion=levels[i % 3],
            results_description=f"Resultados del compromiso {i}.",
            validated_at=NOW - datetime.timedelta(days=60),
            published_on=datetime.date(2026, 9, 20),
        )
        if i % 2 == 0:
            Assessment.objects.create(commitment=c, completion_progress_report=levels[(i + 1) % 3])
    return period


@pytest.fixture
def sa(plan, make_commitment, make_milestone, lead_institution, secretariat):
    _with_reports(plan, make_commitment, make_milestone, lead_institution, 4)
    return services.assemble(plan=plan, kind=MID, cutoff=CUTOFF, actor=secretariat)


def _open(sa, secretariat):
    return services.open_for_comment(
        sa, actor=secretariat, start=NOW - datetime.timedelta(days=1), end=NOW + datetime.timedelta(days=14)
    )


def test_drafts_are_for_the_secretariat_only(client, sa, secretariat, participant):
    assert client.get(f"/autoevaluaciones/{sa.pk}/").status_code == 404
    assert client.get(f"/autoevaluaciones/{sa.pk}/descarga.xlsx").status_code == 404
    assert sa.title not in client.get("/autoevaluaciones/").content.decode()
    client.force_login(participant)
    assert client.get(f"/autoevaluaciones/{sa.pk}/").status_code == 404
    client.force_login(secretariat)
    page = client.get(f"/autoevaluaciones/{sa.pk}/").content.decode()
    assert "Borrador: solo la secretaría ejecutiva" in page
    assert sa.title in client.get("/autoevaluaciones/").content.decode()


def test_the_list_shows_self_assessments_out_of_draft(client, sa, secretariat, plan):
    _open(sa, secretariat)
    page = client.get("/autoevaluaciones/").content.decode()
    assert sa.title in page and "En consulta pública" in page
    assert sa.title in client.get(f"/autoevaluaciones/?plan={plan.slug}").content.decode()
    assert sa.title not in client.get("/autoevaluaciones/?plan=otro").content.decode()


def test_the_report_shows_summary_figures_and_a_section_per_commitment(client, sa, secretariat):
    _open(sa, secretariat)
    page = client.get(f"/autoevaluaciones/{sa.pk}/").content.decode()
    assert page.count("<h1") == 1
    summary = page[page.index('id="resumen"') : page.index('id="compromisos"')]
    # Three readings, labelled, side by side.
    for label in ("Avance calculado (hitos)", "Cumplimiento autorreportado", "Evaluación independiente (IRM)"):
        assert label in summary
    assert "Limitado" in summary and "Sustancial" in summary
    assert "sin reporte validado" in summary  # CL0103 has none
    # Computed progress: milestones at 10, 20, 30, 40 % → mean 25.
    assert "25,0 %" in summary
    sections = page[page.index('id="compromisos"') :]
    for code in ("CL0100", "CL0101", "CL0102", "CL0103"):
        assert f"{code} · Compromiso" in sections
    assert sections.count('class="sa-entry"') == 4
    assert "Resultados del compromiso 0." in sections
    assert "<caption>" in page and 'scope="col"' in page


def test_the_report_has_a_print_stylesheet(client, sa, secretariat):
    _open(sa, secretariat)
    page = client.get(f"/autoevaluaciones/{sa.pk}/").content.decode()
    assert "selfassessments/selfassessments.css" in page
    assert "sa-no-print" in page
    css = Path(finders.find("selfassessments/selfassessments.css")).read_text()
    printed = css[css.index("@media print") :]
    assert "form" in printed and "display: none" in printed  # navigation and forms hidden
    assert "nav" in printed
    assert ".sa-entry { break-before: page" in printed  # one commitment per page
    assert 'content: " (" attr(href) ")"' in printed  # link addresses on paper


def test_the_number_of_queries_does_not_grow_with_commitments(
    client,
    plan,
    make_commitment,
    make_milestone,
    lead_institution,
    secretariat,
    participant,
    django_assert_max_num_queries,
):
    _with_reports(plan, make_commitment, make_milestone, lead_institution, 40)
    sa = services.assemble(plan=plan, kind=MID, cutoff=CUTOFF, actor=secretariat)
    _open(sa, secretariat)
    for entry in sa.entries.all()[:10]:
        services.add_comment(sa, actor=participant, text="Comentario", entry=entry)
    services.add_comment(sa, actor=participant, text="General")
    with django_assert_max_num_queries(6):
        response = client.get(f"/autoevaluaciones/{sa.pk}/")
    assert response.content.decode().count('class="sa-entry"') == 40
    client.force_login(secretariat)
    with django_assert_max_num_queries(12):
        assert client.get(f"/autoevaluaciones/{sa.pk}/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/autoevaluaciones/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/autoevaluaciones/{sa.pk}/descarga.xlsx").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/autoevaluaciones/{sa.pk}/gestion/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/autoevaluaciones/nueva/").status_code == 200


def test_the_secretariat_goes_through_every_screen(
    client, plan, make_commitment, make_milestone, lead_institution, secretariat
):
    _with_reports(plan, make_commitment, make_milestone, lead_institution, 2)
    client.force_login(secretariat)
    response = client.post(
        "/autoevaluaciones/nueva/", {"plan": plan.pk, "kind": MID, "cutoff": "2026-10-31", "title": ""}
    )
    sa = SelfAssessment.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/autoevaluaciones/{sa.pk}/gestion/"
    assert sa.title.startswith("Autoevaluación de medio término")
    manage = f"/autoevaluaciones/{sa.pk}/gestion/"

    assert (
        client.post(manage, {"accion": "texto", "title": "Autoevaluación 2026", "introduction": "Hola."}).status_code
        == 302
    )
    # Bad dates: a clear message, the typed values kept, nothing changed.
    response = client.post(
        manage, {"accion": "abrir", "comment_start": "2026-12-10T10:00", "comment_end": "2026-12-01T10:00"}
    )
    assert response.status_code == 400
    assert "posterior a su inicio" in response.content.decode()
    assert 'value="2026-12-10T10:00"' in response.content.decode()
    sa.refresh_from_db()
    assert sa.status == SelfAssessment.Status.DRAFT
    response = client.post(
        manage, {"accion": "abrir", "comment_start": "2026-11-22T08:00", "comment_end": "2026-12-06T23:59"}
    )
    assert response.status_code == 302
    sa.refresh_from_db()
    assert sa.status == SelfAssessment.Status.OPEN
    assert sa.comment_window() == "during"
    # No re-assembling once open.
    response = client.post(manage, {"accion": "rearmar", "cutoff": "2026-10-01"})
    assert response.status_code == 400 and "no se puede volver a armar" in response.content.decode()
    assert client.post(manage, {"accion": "publicar"}).status_code == 400
    assert client.post(manage, {"accion": "cerrar"}).status_code == 302
    assert client.post(manage, {"accion": "publicar"}).status_code == 302
    sa.refresh_from_db()
    assert (sa.status, sa.title, sa.introduction) == (SelfAssessment.Status.PUBLISHED, "Autoevaluación 2026", "Hola.")
    assert AuditEvent.objects.filter(object_type="selfassessment", object_id=str(sa.pk)).count() == 5


def test_the_create_form_keeps_what_was_typed_on_error(client, plan, secretariat):
    client.force_login(secretariat)
    response = client.post(
        "/autoevaluaciones/nueva/", {"plan": plan.pk, "kind": MID, "cutoff": "2030-01-01", "title": "X"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "no puede ser futura" in page
    assert 'value="2030-01-01"' in page and 'value="X"' in page
    assert not SelfAssessment.objects.exists()


@pytest.mark.parametrize("persona", ["anonymous", "participant", "implementer", "forum_member", "evaluator"])
def test_secretariat_screens_are_refused_to_everyone_else(client, sa, personas, persona):
    if persona != "anonymous":
        client.force_login(personas[persona])
    for path in ("/autoevaluaciones/nueva/", f"/autoevaluaciones/{sa.pk}/gestion/"):
        response = client.get(path)
        assert response.status_code == (302 if persona == "anonymous" else 403)
    response = client.post(f"/autoevaluaciones/{sa.pk}/gestion/", {"accion": "cerrar"})
    assert response.status_code in (302, 403)
    sa.refresh_from_db()
    assert sa.status == SelfAssessment.Status.DRAFT


def test_the_plan_page_and_the_secretariat_home_link_here(client, plan, secretariat):
    page = client.get("/planes/6/").content.decode()
    assert 'href="/autoevaluaciones/?plan=6"' in page
    client.force_login(secretariat)
    page = client.get("/seguimiento/").content.decode()
    assert 'href="/autoevaluaciones/"' in page and 'href="/autoevaluaciones/nueva/"' in page
