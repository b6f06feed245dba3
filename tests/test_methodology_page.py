"""The public methodology states the rules the code applies."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_methodology_states_every_rule(client):
    page = client.get("/metodologia/").content.decode()
    for text in [
        "Tres lecturas del avance, siempre separadas",
        "Un hito retirado sale del cálculo",
        "Los pesos se normalizan sobre los hitos que cuentan",
        "se muestra «sin datos», nunca 0 %",
        "promedio simple del avance calculado de sus compromisos",
        "más de 0 % y menos de 50 %",
        "Un hito está vencido si su fecha de término planificada ya pasó",
        "de impacto potencial transformador y con cumplimiento sustancial o completo",
    ]:
        assert text in page, text


def test_every_figure_links_to_the_methodology(client, make_plan, make_commitment, make_milestone):
    plan = make_plan()
    make_milestone(make_commitment(plan), status="completed", progress=100)
    assert "/metodologia/#plan" in client.get("/planes/3/").content.decode()
    assert "/metodologia/#compromiso" in client.get("/planes/3/compromisos/CL0046/").content.decode()
