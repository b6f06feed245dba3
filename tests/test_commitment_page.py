"""The public commitment page: template fields, milestones as a timeline, how the figure was computed,
indicators, evidence, the independent assessment, history and carried-forward links."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from abierto.assessments.models import Assessment
from abierto.institutions.models import Institution
from abierto.monitoring.models import ProgressReport
from abierto.plans import services
from abierto.plans.models import Evidence, Indicator, Measurement, Milestone

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 11, 22, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def commitment(make_plan, make_commitment, make_milestone, make_institution):
    plan = make_plan()
    lead = make_institution("Consejo para la Transparencia", Institution.Branch.AUTONOMOUS)
    support = make_institution("Municipalidad de Peñalolén", Institution.Branch.LOCAL)
    c = make_commitment(
        plan,
        number="15",
        theme="Modernización del Estado",
        problem="La adopción de políticas de gobierno abierto se ha arraigado en el centro de gobierno.",
        main_objective="Desarrollar un Modelo de Gobierno Abierto a Nivel Subnacional.",
        lead_institution=lead,
        responsible_name="Eduardo González Yáñez",
        responsible_email="egonzalez@example.org",
        start_date=datetime.date(2016, 9, 1),
        end_date=datetime.date(2018, 7, 31),
    )
    services.set_related(c, "supporting_institutions", [support], actor=None)
    design = make_milestone(
        c, description="Diseño del modelo", weight="2", status=Milestone.Status.COMPLETED, progress=100, code="1"
    )
    make_milestone(
        c,
        description="Pilotaje en municipios",
        status=Milestone.Status.IN_PROGRESS,
        progress=40,
        code="2",
        end_date=datetime.date(2018, 7, 31),
    )
    make_milestone(c, description="Reportes", status=Milestone.Status.WITHDRAWN, progress=0, code="3")
    services.save(
        Evidence(commitment=c, milestone=design, title="Resolución de aprobación", url="https://example.org/res.pdf"),
        actor=None,
    )
    indicator = services.save(
        Indicator(
            commitment=c,
            level="purpose",
            name="Municipios con plan de acción",
            unit="municipios",
            baseline_value=Decimal(0),
            target_value=Decimal(5),
        ),
        actor=None,
    )
    services.save(Measurement(indicator=indicator, date=datetime.date(2017, 6, 1), value=Decimal(2)), actor=None)
    services.save(Measurement(indicator=indicator, date=datetime.date(2018, 6, 1), value=Decimal(4)), actor=None)
    services.save(
        ProgressReport(commitment=c, period_label="Informe 2018", completion="substantial", next_steps="Pilotaje."),
        actor=None,
    )
    services.save(
        Assessment(
            commitment=c,
            verifiable=True,
            relevant_civic_participation=True,
            potential_impact="transformative",
            completion_end_of_term="complete",
        ),
        actor=None,
    )
    return c


def test_anyone_sees_every_template_field(client, commitment):
    page = client.get("/planes/3/compromisos/CL0046/").content.decode()
    for text in [
        "Modelo de Gobierno Abierto a nivel subnacional",
        "Compromiso N° 15",
        "Modernización del Estado",
        "La adopción de políticas de gobierno abierto",
        "Desarrollar un Modelo de Gobierno Abierto a Nivel Subnacional.",
        "Consejo para la Transparencia",
        "Municipalidad de Peñalolén",
        "Eduardo González Yáñez",
        "01-09-2016 – 31-07-2018",
    ]:
        assert text in page, text


def test_the_three_readings_are_shown_side_by_side_and_labelled(client, commitment):
    page = client.get("/planes/3/compromisos/CL0046/").content.decode()
    readings = page[page.index('id="lecturas"') : page.index('id="ficha"')]
    assert "Avance calculado" in readings and "80,0 %" in readings
    assert "Cumplimiento autorreportado" in readings and "Sustancial" in readings
    assert "Evaluación independiente (IRM)" in readings and "Completo" in readings


def test_the_page_shows_how_the_figure_was_computed(client, commitment):
    page = client.get("/planes/3/compromisos/CL0046/").content.decode()
    table = page[page.index('id="calculo"') :]
    assert "66,7 %" in table  # weight 2 of 3
    assert "33,3 %" in table
    assert "no cuenta (retirado)" in table
    assert "80,00 %" in table


@time_machine.travel(TODAY, tick=False)
def test_milestones_form_a_timeline_with_overdue_ones_marked(client, commitment):
    page = client.get("/planes/3/compromisos/CL0046/").content.decode()
    timeline = page[page.index('id="hitos"') : page.index('id="calculo"')]
    assert timeline.index("Diseño del modelo") < timeline.index("Pilotaje en municipios")
    overdue_item = timeline[timeline.index("Pilotaje en municipios") - 300 : timeline.index("Pilotaje en municipios")]
    assert "is-overdue" in overdue_item
    assert "Vencido" in timeline
    assert "Resolución de aprobación" in timeline


def test_indicators_show_baseline_target_and_measurements_in_a_chart_with_a_table(client, commitment):
    page = client.get("/planes/3/compromisos/CL0046/").content.decode()
    section = page[page.index('id="indicadores"') :]
    assert "Municipios con plan de acción" in section
    assert "<svg" in section and "Línea base" in section and "Meta" in section
    assert "06-2017" in section and "06-2018" in section


def test_the_independent_assessment_computes_starred(client, commitment):
    page = client.get("/planes/3/compromisos/CL0046/").content.decode()
    section = page[page.index('id="irm"') :]
    assert "Destacado (calculado)" in section
    assert "Sí" in section[section.index("Destacado (calculado)") :][:200]


def test_history_lists_each_change_with_its_author(client, commitment, secretariat):
    commitment.theme = "Gobierno local"
    services.save(commitment, actor=secretariat)
    page = client.get("/planes/3/compromisos/CL0046/").content.decode()
    history = page[page.index('id="historial"') :]
    assert "Valeria Secretaria modificó el compromiso" in history
    assert "(tema)" in history
    assert "prueba creó «Diseño del modelo»" in history or "prueba creó" in history


def test_carried_forward_commitments_link_both_ways(client, commitment, make_plan, make_commitment):
    next_plan = make_plan(number=4, start=2018, end=2020)
    later = make_commitment(next_plan, code="CL0054", title="Ampliación del Modelo Municipal", carried_from=commitment)
    assert later.carried_from == commitment
    old_page = client.get("/planes/3/compromisos/CL0046/").content.decode()
    assert "/planes/4/compromisos/CL0054/" in old_page
    new_page = client.get("/planes/4/compromisos/CL0054/").content.decode()
    assert "/planes/3/compromisos/CL0046/" in new_page


def test_an_unknown_commitment_is_a_404(client, commitment):
    assert client.get("/planes/3/compromisos/CL9999/").status_code == 404
    assert client.get("/planes/4/compromisos/CL0046/").status_code == 404


def test_the_number_of_queries_is_fixed(client, commitment, make_milestone, django_assert_max_num_queries):
    with django_assert_max_num_queries(15) as first:
        client.get("/planes/3/compromisos/CL0046/")
    for n in range(20):
        make_milestone(commitment, description=f"Hito extra {n}", status=Milestone.Status.IN_PROGRESS, progress=n)
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get("/planes/3/compromisos/CL0046/").status_code == 200


def test_urls_built_per_row_match_the_url_configuration(make_plan, make_commitment, make_institution):
    from django.urls import reverse

    plan = make_plan(slug="hoja-de-ruta", number=None, kind="roadmap")
    action = make_commitment(plan, code="1.1", title="Reformar el Órgano Multi-Actor")
    institution = make_institution("Corte Suprema")
    assert action.get_absolute_url() == reverse(
        "plans:commitment_detail", kwargs={"plan_slug": "hoja-de-ruta", "code": "1.1"}
    )
    assert action.get_absolute_url() == "/planes/hoja-de-ruta/compromisos/1.1/"
    assert institution.get_absolute_url() == reverse("institutions:detail", kwargs={"slug": "corte-suprema"})
