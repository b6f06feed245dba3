"""The secretariat's ranking: aggregated scores (never an evaluator's own), evaluations, missing ones,
conflicts and spread; sortable; downloadable as CSV."""

import csv
import io

import pytest

from abierto.cocreation.testing import make_proposal
from abierto.evaluation.models import ConflictDeclaration
from abierto.evaluation.testing import assign, give_scores, make_criteria, make_evaluation_process


@pytest.fixture
def process(make_plan):
    return make_evaluation_process(make_plan(number=5, start=2020, end=2022))


@pytest.fixture
def scenario(process, participant, forum_member, evaluator, secretariat):
    """Weights 1 and 3; scales 1–5 and 0–10."""
    criteria = make_criteria(process, specs=((1, 1, 5), (3, 0, 10)))
    air = make_proposal(process, participant, title="Calidad del aire")
    budget = make_proposal(process, participant, title="Presupuestos abiertos")
    lobby = make_proposal(process, participant, title="Lobby abierto")
    give_scores(assign(air, forum_member), criteria, [4, 5])  # (0.75 + 1.5) / 4 = 56.25
    give_scores(assign(air, evaluator), criteria, [5, 10])  # 100 → mean 78.125, spread 43.75
    give_scores(assign(budget, forum_member), criteria, [5, 10])  # 100
    conflicted = assign(budget, evaluator)
    give_scores(conflicted, criteria, [1, 0])  # 0 but excluded
    ConflictDeclaration.objects.create(assignment=conflicted, reason="Conflicto")
    give_scores(assign(lobby, forum_member), criteria, [3, None])  # incomplete
    return {"air": air, "budget": budget, "lobby": lobby}


def _rows(body: str) -> list[str]:
    return [line for line in body.splitlines() if '<th scope="row">' in line]


def test_the_ranking_shows_the_arithmetic(secretariat_client, process, scenario):
    response = secretariat_client.get(f"/cocreacion/{process.slug}/evaluacion/ranking/")
    assert response.status_code == 200
    body = response.content.decode()
    order = [body.index(title) for title in ("Presupuestos abiertos", "Calidad del aire", "Lobby abierto")]
    assert order == sorted(order)
    assert "78,13" in body  # 78.125 rounded half up
    assert "43,75" in body
    assert "100,00" in body
    assert "sin evaluaciones completas" in body
    assert "3 propuestas · 3 evaluaciones completas · 1 faltantes · 1 conflictos de interés declarados." in body


def test_the_csv_has_the_same_ranking(secretariat_client, process, scenario):
    response = secretariat_client.get(f"/cocreacion/{process.slug}/evaluacion/ranking.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["lugar"], r["titulo"], r["puntaje_0_100"]) for r in rows] == [
        ("1", "Presupuestos abiertos", "100.00"),
        ("2", "Calidad del aire", "78.13"),
        ("", "Lobby abierto", ""),
    ]
    assert rows[0]["conflictos_declarados"] == "1" and rows[0]["evaluaciones_completas"] == "1"
    assert rows[1]["dispersion"] == "43.75"
    assert rows[2]["evaluaciones_faltantes"] == "1"


def test_the_ranking_sorts_by_other_columns(secretariat_client, process, scenario):
    base = f"/cocreacion/{process.slug}/evaluacion/ranking/"
    by_title = secretariat_client.get(base + "?orden=titulo").content.decode()
    positions = [by_title.index(t) for t in ("Calidad del aire", "Lobby abierto", "Presupuestos abiertos")]
    assert positions == sorted(positions)
    by_missing = secretariat_client.get(base + "?orden=faltantes").content.decode()
    assert by_missing.index("Lobby abierto") < by_missing.index("Presupuestos abiertos")
    assert secretariat_client.get(base + "?orden=cualquiera").status_code == 200


def test_nobody_else_sees_the_ranking_or_its_csv(client, personas, process, scenario):
    for name, person in personas.items():
        if name in ("secretariat", "anonymous"):
            continue
        client.force_login(person)
        assert client.get(f"/cocreacion/{process.slug}/evaluacion/ranking/").status_code == 403, name
        assert client.get(f"/cocreacion/{process.slug}/evaluacion/ranking.csv").status_code == 404, name
