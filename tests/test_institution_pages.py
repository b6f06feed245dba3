"""Institution pages: the list by branch of the State, and one institution's commitments across plans."""

import pytest

from abierto.institutions.models import Institution
from abierto.plans import services
from abierto.plans.models import Milestone

pytestmark = pytest.mark.django_db


@pytest.fixture
def institutions(make_plan, make_commitment, make_milestone, make_institution):
    ctp = make_institution("Consejo para la Transparencia", Institution.Branch.AUTONOMOUS)
    court = make_institution("Corte Suprema", Institution.Branch.JUDICIAL)
    third, fourth = make_plan(number=3), make_plan(number=4, start=2018, end=2020)
    a = make_commitment(third, code="CL0046", lead_institution=ctp)
    b = make_commitment(
        fourth, code="CL0060", title="Política de Datos Abiertos y Protección de Datos", lead_institution=ctp
    )
    make_milestone(a, status=Milestone.Status.COMPLETED, progress=100)
    make_milestone(b, status=Milestone.Status.IN_PROGRESS, progress=50)
    services.set_related(b, "supporting_institutions", [court], actor=None)
    return ctp, court


def test_the_list_shows_branches_and_counts(client, institutions):
    page = client.get("/instituciones/").content.decode()
    assert "Consejo para la Transparencia" in page and "Órgano autónomo" in page
    assert "Corte Suprema" in page and "Poder Judicial" in page


def test_the_list_filters_by_branch(client, institutions):
    page = client.get("/instituciones/?poder=judicial").content.decode()
    assert "Corte Suprema" in page
    assert "Consejo para la Transparencia" not in page


def test_an_institution_page_lists_its_commitments_across_plans(client, institutions):
    page = client.get("/instituciones/consejo-para-la-transparencia/").content.decode()
    assert "/planes/3/compromisos/CL0046/" in page
    assert "/planes/4/compromisos/CL0060/" in page
    assert "75,0 %" in page  # mean of 100 and 50
    assert "en 2 planes" in page


def test_a_supporting_institution_sees_what_it_supports(client, institutions):
    page = client.get("/instituciones/corte-suprema/").content.decode()
    assert "Compromisos que apoya" in page
    assert "/planes/4/compromisos/CL0060/" in page


def test_an_unknown_institution_is_a_404(client, db):
    assert client.get("/instituciones/nadie/").status_code == 404


def test_institution_queries_are_fixed(client, institutions, make_plan, make_commitment, django_assert_max_num_queries):
    ctp, _ = institutions
    with django_assert_max_num_queries(10) as first:
        client.get("/instituciones/consejo-para-la-transparencia/")
    plan = make_plan(number=5, start=2020, end=2022)
    for n in range(10):
        make_commitment(plan, code=f"CL{70 + n:04d}", title=f"Otro {n}", lead_institution=ctp)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/instituciones/consejo-para-la-transparencia/")
    with django_assert_max_num_queries(6):
        client.get("/instituciones/")


def test_a_long_list_is_paginated(client, institutions, make_institution, make_plan, make_commitment):
    plan = make_plan(number=6, start=2023, end=2027)
    for n in range(60):
        make_commitment(
            plan, code=f"CL{200 + n:04d}", title=f"C{n}", lead_institution=make_institution(f"Municipalidad {n:02d}")
        )
    first = client.get("/instituciones/").content.decode()
    assert "62 instituciones." in first
    assert "Página 1 de 2" in first and 'rel="next" href="?pagina=2"' in first
    second = client.get("/instituciones/?pagina=2").content.decode()
    assert "Página 2 de 2" in second
    assert client.get("/instituciones/?pagina=abc").status_code == 200
