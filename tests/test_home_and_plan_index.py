"""The home page leads with the home government's plans; other OGP members are browsable without crowding it."""

import pytest

from abierto.institutions.models import Government
from abierto.plans import services
from abierto.plans.models import ActionPlan, Milestone

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(make_plan, make_commitment, make_milestone):
    third = make_plan(number=3, status=ActionPlan.Status.CLOSED, declared_commitments=19)
    sixth = make_plan(
        number=6, start=2023, end=2027, declared_commitments=11, title="Sexto Plan de Acción de Estado Abierto"
    )
    c = make_commitment(sixth, code="CL0081", title="Fortalecimiento de la participación ciudadana en el Congreso")
    make_milestone(c, status=Milestone.Status.IN_PROGRESS, progress=30)
    albania = Government.objects.create(code="ALB", name="Albania")
    services.save(
        ActionPlan(
            government=albania,
            number=1,
            slug="alb-1",
            title="Plan de Acción N° 1 de Albania",
            start_year=2012,
            end_year=2014,
        ),
        actor=None,
    )
    return third, sixth


def test_the_home_page_leads_with_the_current_plan(client, plans):
    page = client.get("/").content.decode()
    assert "Plan vigente" in page
    current = page[page.index("Plan vigente") : page.index("Todos los planes")]
    assert "Sexto Plan de Acción de Estado Abierto" in current
    assert "30,0 %" in current
    assert "1 compromiso en el registro" in current and "(el plan declara 11)" in current


def test_the_home_page_shows_headline_figures(client, plans):
    page = client.get("/").content.decode()
    assert "En cifras" in page
    assert "compromisos en el registro" in page


def test_other_members_do_not_crowd_the_home_page(client, plans):
    page = client.get("/").content.decode()
    assert "Albania" not in page
    index = client.get("/planes/").content.decode()
    main_table = index[: index.index("Otros miembros de OGP")]
    assert "Albania" not in main_table
    assert "Albania" in index  # offered in the selector


def test_another_members_plans_are_listed_when_chosen(client, plans):
    page = client.get("/planes/?gobierno=alb").content.decode()
    assert "/planes/alb-1/" in page
    assert client.get("/planes/alb-1/").status_code == 200


def test_an_empty_registry_still_renders(client, db):
    assert client.get("/").status_code == 200
    assert client.get("/planes/").status_code == 200


def test_home_and_index_queries_are_fixed(client, plans, make_plan, django_assert_max_num_queries):
    with django_assert_max_num_queries(10) as first:
        client.get("/")
    with django_assert_max_num_queries(10) as index_first:
        client.get("/planes/")
    for n in range(7, 12):
        make_plan(number=n, start=2020 + n, end=2021 + n)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/")
    with django_assert_max_num_queries(len(index_first.captured_queries)):
        client.get("/planes/")
