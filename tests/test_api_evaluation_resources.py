"""The forum's evaluation in the read API and the bulk export: only what the published results page shows (the
frozen aggregate per proposal and the criteria), only once the secretariat published it; never an evaluator's
scores, assignments, names or conflict declarations; every list page in a constant number of queries."""

import io
import json
import zipfile
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from abierto.cocreation import services as cocreation_services
from abierto.cocreation.testing import make_proposal
from abierto.evaluation import services
from abierto.evaluation.models import Assignment, ConflictDeclaration, PublishedResult
from abierto.evaluation.testing import AFTER, assign, give_scores, make_criteria, make_evaluation_process
from abierto.opendata import export
from abierto.opendata.testing import assert_rows_match_openapi

pytestmark = pytest.mark.django_db
NAMES = ["evaluation-publications", "evaluation-results", "evaluation-criteria"]


@pytest.fixture
def process(make_plan):
    return make_evaluation_process(make_plan(number=5, start=2020, end=2022))


@pytest.fixture
def proposals(process, participant, forum_member, evaluator):
    criteria = make_criteria(process, specs=((2, 1, 5), (1, 1, 5)))
    criteria[0].description = "Cuánto abre el gobierno."
    criteria[0].min_label = "Nada"
    criteria[0].save()
    air = make_proposal(process, participant, title="Calidad del aire")
    lobby = make_proposal(process, participant, title="Lobby abierto")
    empty = make_proposal(process, participant, title="Sin evaluar")
    give_scores(assign(air, forum_member), criteria, [5, 5])
    give_scores(assign(air, evaluator), criteria, [3, 3])
    conflicted = assign(lobby, evaluator)
    ConflictDeclaration.objects.create(assignment=conflicted, reason="Trabajé en esa fundación.")
    give_scores(conflicted, criteria, [1, 1])
    give_scores(assign(lobby, forum_member), criteria, [2, 1])
    return {"air": air, "lobby": lobby, "empty": empty}


def _publish(process, secretariat, note=""):
    with time_machine.travel(AFTER, tick=False):
        return services.publish_results(process=process, actor=secretariat, note=note)


def _results(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_nothing_is_published_before_the_secretariat_publishes(client, process, proposals):
    for name in NAMES:
        assert _results(client, f"/api/v1/{name}/") == [], name
    assert Assignment.objects.exists()


def test_the_published_results_carry_the_frozen_aggregate(client, process, proposals, secretariat):
    publication = _publish(process, secretariat, note="La Mesa seleccionó las dos primeras.")
    rows = _results(client, "/api/v1/evaluation-publications/")
    assert [(r["process"], r["note"], r["proposals_evaluated"]) for r in rows] == [
        (process.slug, "La Mesa seleccionó las dos primeras.", 3)
    ]
    assert rows[0]["published_at"] == "2026-04-20T15:00:00Z"
    assert rows[0]["html_url"] == f"/cocreacion/{process.slug}/evaluacion/resultados/"
    results = {r["proposal"]: r for r in _results(client, "/api/v1/evaluation-results/")}
    air = results[proposals["air"].pk]
    assert (air["rank"], air["score"], air["evaluations"], air["spread"]) == (1, 75.0, 2, 50.0)
    assert air["proposal_title"] == "Calidad del aire" and air["process"] == process.slug
    assert air["publication"] == publication.pk and air["published_at"] == "2026-04-20T15:00:00Z"
    lobby = results[proposals["lobby"].pk]
    assert (lobby["rank"], lobby["evaluations"]) == (2, 1)  # the conflicted evaluation is not counted
    assert lobby["score"] == pytest.approx(float(PublishedResult.objects.get(proposal=proposals["lobby"]).score))
    empty = results[proposals["empty"].pk]
    assert (empty["rank"], empty["score"], empty["evaluations"]) == (None, None, 0)


def test_the_results_are_a_snapshot_later_scores_do_not_change_them(client, process, proposals, secretariat, evaluator):
    _publish(process, secretariat)
    criteria = list(process.criteria.order_by("position"))
    give_scores(assign(proposals["empty"], evaluator), criteria, [5, 5])
    row = _results(client, f"/api/v1/evaluation-results/?proposal={proposals['empty'].pk}")[0]
    assert (row["rank"], row["score"], row["evaluations"]) == (None, None, 0)


def test_the_criteria_are_public_with_their_weight_and_scale(client, process, proposals, secretariat):
    assert _results(client, "/api/v1/evaluation-criteria/") == []
    _publish(process, secretariat)
    rows = _results(client, f"/api/v1/evaluation-criteria/?process={process.slug}")
    assert [(r["position"], r["name"], r["weight"], r["scale_min"], r["scale_max"]) for r in rows] == [
        (1, "Criterio 1", 2.0, 1, 5),
        (2, "Criterio 2", 1.0, 1, 5),
    ]
    assert rows[0]["description"] == "Cuánto abre el gobierno." and rows[0]["min_label"] == "Nada"
    assert _results(client, "/api/v1/evaluation-criteria/?plan=6") == []


def test_no_evaluator_score_assignment_or_conflict_is_ever_published(
    client, process, proposals, secretariat, forum_member, evaluator
):
    _publish(process, secretariat)
    bodies = "".join(client.get(f"/api/v1/{name}/").content.decode() for name in NAMES)
    for private in ("@example.org", "Trabajé en esa fundación", forum_member.username, evaluator.username):
        assert private not in bodies, private
    names = {row["name"] for row in client.get("/api/v1/").json()["resources"]}
    assert not {name for name in names if "assignment" in name or "score" in name or "conflict" in name}
    spec = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    columns = {key for name in ("EvaluationResults", "EvaluationCriteria") for key in spec[name]["properties"]}
    assert not {c for c in columns if "evaluator" in c or "user" in c or "conflict" in c}


def test_a_hidden_proposals_result_stays_without_its_title(client, process, proposals, secretariat):
    _publish(process, secretariat)
    cocreation_services.hide(actor=secretariat, proposal=proposals["air"], reason="Lenguaje ofensivo")
    row = client.get(f"/api/v1/evaluation-results/?proposal={proposals['air'].pk}").json()["results"][0]
    assert row["proposal_title"] is None and row["rank"] == 1


def test_filters_narrow_the_results(client, process, proposals, secretariat):
    _publish(process, secretariat)
    assert len(_results(client, f"/api/v1/evaluation-results/?process={process.slug}")) == 3
    assert _results(client, "/api/v1/evaluation-results/?process=otro") == []
    assert len(_results(client, "/api/v1/evaluation-results/?plan=5")) == 3
    assert [r["proposal"] for r in _results(client, f"/api/v1/evaluation-results/?proposal={proposals['lobby'].pk}")]
    response = client.get("/api/v1/evaluation-results/?proposal=uno")
    assert response.status_code == 400 and "proposal" in response.json()["error"]["details"]


def test_a_result_reads_alone_with_its_last_modified(client, process, proposals, secretariat):
    _publish(process, secretariat)
    result = PublishedResult.objects.get(proposal=proposals["air"])
    response = client.get(f"/api/v1/evaluation-results/{result.pk}/")
    assert response.status_code == 200 and response["Last-Modified"] == "Mon, 20 Apr 2026 15:00:00 GMT"


def test_list_pages_take_the_same_queries_for_3_or_30_rows(client, process, participant, secretariat, make_plan):
    criteria = make_criteria(process)

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def add(n: int) -> None:
        for i in range(n):
            make_proposal(process, participant, title=f"Propuesta {i} de {n}")
        _publish(process, secretariat)

    urls = [f"/api/v1/{name}/" for name in NAMES]
    add(3)
    few = {url: count(url) for url in urls}
    assert len(_results(client, "/api/v1/evaluation-results/")) == 3
    add(27)
    for i in range(3, 30):
        criteria.append(criteria[0].__class__.objects.create(process=process, position=i, name=f"C{i}"))
    assert len(_results(client, "/api/v1/evaluation-results/")) == 30
    assert {url: count(url) for url in urls} == few
    assert max(few.values()) <= 3


def test_every_evaluation_row_matches_its_openapi_schema(client, process, proposals, secretariat):
    _publish(process, secretariat, note="Nota.")
    assert assert_rows_match_openapi(client, NAMES) == 1 + 3 + 2


def test_the_export_and_its_data_package_carry_the_evaluation(process, proposals, secretariat, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _publish(process, secretariat)
    with export.build().file.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    names = set(archive.namelist())
    for name in NAMES:
        assert {f"csv/{name}.csv", f"json/{name}.json"} <= names, name
    package = json.loads(archive.read("datapackage.json"))
    described = {r["name"]: r for r in package["resources"] if r["name"] in NAMES}
    assert set(described) == set(NAMES)
    fields = {f["name"]: f for f in described["evaluation-results"]["schema"]["fields"]}
    assert fields["score"]["description"].startswith("Puntaje agregado")
    assert fields["score"]["description_en"].startswith("Aggregate score")
    rows = json.loads(archive.read("json/evaluation-results.json"))
    assert sorted(r["rank"] or 0 for r in rows) == [0, 1, 2]
    assert "Trabajé" not in archive.read("csv/evaluation-results.csv").decode()
    assert {Decimal(str(r["score"])) for r in rows if r["score"] is not None} == {
        result.score for result in PublishedResult.objects.exclude(score=None)
    }
