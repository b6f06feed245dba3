"""The public plan page: figures, charts with their tables, the commitments table, overdue milestones."""

import datetime

import pytest
import time_machine

from abierto.assessments.models import Assessment
from abierto.institutions.models import Institution
from abierto.plans import services
from abierto.plans.models import CommitmentValue, Milestone, PolicyArea

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 11, 22, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def plan_with_data(make_plan, make_commitment, make_milestone, make_institution):
    plan = make_plan()
    ctp = make_institution("Consejo para la Transparencia", Institution.Branch.AUTONOMOUS)
    segpres = make_institution("Ministerio Secretaría General de la Presidencia", Institution.Branch.EXECUTIVE)
    area = PolicyArea.objects.create(name="Open Data", name_es="Datos abiertos", slug="open-data")
    done = make_commitment(
        plan, code="CL0046", title="Modelo subnacional", lead_institution=ctp, number="15", position=15
    )
    late = make_commitment(
        plan, code="CL0050", title="Secretaría Ejecutiva", lead_institution=segpres, number="19", position=19
    )
    make_commitment(plan, code="CL0040", title="Datos abiertos y compras", position=9)
    services.set_related(done, "policy_areas", [area], actor=None)
    CommitmentValue.objects.create(commitment=done, value="civic_participation")
    make_milestone(done, status=Milestone.Status.COMPLETED, progress=100)
    make_milestone(
        late,
        description="Monitoreo tardío",
        status=Milestone.Status.IN_PROGRESS,
        progress=20,
        end_date=datetime.date(2018, 6, 30),
    )
    Assessment.objects.create(commitment=done, completion_end_of_term="substantial")
    return plan


def test_anyone_sees_the_plan_with_its_computed_progress(client, plan_with_data):
    response = client.get("/planes/3/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "3° Plan de Acción de Gobierno Abierto" in page
    # (100 + 20) / 2 commitments with milestones; the one without milestones is left out and said so.
    assert "60,0 %" in page
    assert "Promedio de 2 compromisos con hitos." in page
    assert "1 sin hitos queda fuera." in page


def test_the_three_readings_are_labelled_apart(client, plan_with_data):
    page = client.get("/planes/3/").content.decode()
    assert "Avance calculado" in page
    assert "Cumplimiento autorreportado" in page
    assert "Evaluación independiente (IRM)" in page
    assert "Sustancial: 1" in page


def test_every_chart_is_svg_with_a_title_and_a_data_table(client, plan_with_data):
    page = client.get("/planes/3/").content.decode()
    for title in [
        "Distribución de compromisos por tramo de avance calculado",
        "Avance calculado por compromiso",
        "Avance promedio por institución responsable",
        "Avance promedio por poder del Estado",
        "Avance promedio por valor OGP",
    ]:
        assert "<title id=" in page and title in page
    assert page.count('role="img"') == page.count("Ver los datos del gráfico como tabla") == 5
    assert "<script" not in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?institucion=consejo-para-la-transparencia", ["CL0046"], ["CL0050", "CL0040"]),
        ("?estado=complete", ["CL0046"], ["CL0050", "CL0040"]),
        ("?estado=limited", ["CL0050"], ["CL0046", "CL0040"]),
        ("?estado=sin-datos", ["CL0040"], ["CL0046", "CL0050"]),
        ("?area=open-data", ["CL0046"], ["CL0050", "CL0040"]),
        ("?valor=civic_participation", ["CL0046"], ["CL0050", "CL0040"]),
    ],
)
def test_the_commitments_table_filters(client, plan_with_data, query, shown, hidden):
    page = client.get("/planes/3/" + query).content.decode()
    table = page[page.index('id="compromisos"') : page.index('id="vencidos"')]
    for code in shown:
        assert f"/planes/3/compromisos/{code}/" in table
    for code in hidden:
        assert f"/planes/3/compromisos/{code}/" not in table


def test_the_commitments_table_sorts_by_progress_with_no_data_last(client, plan_with_data):
    page = client.get("/planes/3/?orden=-avance").content.decode()
    table = page[page.index('id="compromisos"') : page.index('id="vencidos"')]
    order = [table.index(f"/compromisos/{code}/") for code in ("CL0046", "CL0050", "CL0040")]
    assert order == sorted(order)
    page = client.get("/planes/3/?orden=avance").content.decode()
    table = page[page.index('id="compromisos"') : page.index('id="vencidos"')]
    order = [table.index(f"/compromisos/{code}/") for code in ("CL0050", "CL0046", "CL0040")]
    assert order == sorted(order)


def test_an_unknown_sort_or_filter_is_ignored(client, plan_with_data):
    assert client.get("/planes/3/?orden=drop&estado=zzz").status_code == 200


@time_machine.travel(TODAY, tick=False)
def test_overdue_milestones_are_listed(client, plan_with_data):
    page = client.get("/planes/3/").content.decode()
    section = page[page.index('id="vencidos"') :]
    assert "Monitoreo tardío" in section
    assert "30-06-2018" in section
    assert "1 hito con fecha de término anterior al 22-11-2026 sin completar." in section


def test_a_plan_without_detail_says_so_instead_of_showing_zero(client, make_plan):
    make_plan(number=5, start=2020, end=2022, declared_commitments=10)
    page = client.get("/planes/5/").content.decode()
    assert "Este plan declara 10 compromisos, pero las fuentes cargadas no incluyen su detalle." in page
    assert "0,0 %" not in page


def test_a_plan_whose_commitments_have_no_milestones_says_so(client, make_plan, make_commitment):
    plan = make_plan(number=1, start=2012, end=2013, declared_commitments=19)
    make_commitment(plan, code="CL0001", title="", title_en="Chileatiende")
    page = client.get("/planes/1/").content.decode()
    assert "las fuentes cargadas no incluyen sus hitos" in page
    assert "Chileatiende" in page
    assert "0,0 %" not in page


def test_an_unknown_plan_is_a_404(client, db):
    assert client.get("/planes/99/").status_code == 404


def test_the_number_of_queries_does_not_grow_with_the_plan(
    client, plan_with_data, make_commitment, make_milestone, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15) as small:
        client.get("/planes/3/")
    for n in range(30):
        c = make_commitment(plan_with_data, code=f"CL{n + 100:04d}", title=f"Compromiso {n}")
        make_milestone(c, status=Milestone.Status.IN_PROGRESS, progress=n + 1, end_date=datetime.date(2019, 1, 1))
        services.set_related(c, "policy_areas", list(PolicyArea.objects.all()), actor=None)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/planes/3/")
    assert response.status_code == 200
