"""Co-creation in the read API: processes, stages with their switches, themes, workshops, published proposals
(hidden ones without their text), supports as counts only, and the reasoned responses filtered by process and
kind; every list page in a constant number of queries."""

import datetime
import json

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from abierto.cocreation import services
from abierto.cocreation.models import Proposal, Workshop
from abierto.cocreation.testing import make_process, make_proposal
from abierto.opendata.testing import assert_rows_match_openapi

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 3, 1)  # the fifth-plan template: stage 2 (submit, support, comment) is 11-20 March
IN_STAGE_2 = datetime.datetime(2026, 3, 12, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=-3)))


@pytest.fixture
def plan(make_plan):
    return make_plan(number=5, start=2020, end=2022)


@pytest.fixture
def process(plan):
    return make_process(plan, template="fifth", start=START, days=10, slug="quinto-plan")


@pytest.fixture
def proposals(process, participant, implementer):
    visible = make_proposal(process, implementer, title="Calidad del aire")
    visible.themes.add(process.themes.get(slug="genero"))
    organisation = make_proposal(
        process,
        participant,
        title="Presupuestos abiertos",
        author_kind=Proposal.Author.ORGANISATION,
        organisation_name="Fundación Datos",
    )
    draft = make_proposal(process, participant, title="Borrador secreto", published=False)
    hidden = make_proposal(process, participant, title="Título ofensivo", problem="Texto ofensivo")
    return {"visible": visible, "organisation": organisation, "draft": draft, "hidden": hidden}


def _results(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_a_process_reads_with_its_plan_and_page(client, process):
    rows = _results(client, "/api/v1/cocreation-processes/")
    assert len(rows) == 1
    row = rows[0]
    assert row["slug"] == "quinto-plan" and row["plan"] == "5"
    assert row["template"] == "fifth" and row["support_limit"] == 7
    assert row["html_url"] == "/cocreacion/quinto-plan/"
    assert _results(client, "/api/v1/cocreation-processes/?plan=6") == []


def test_stages_carry_their_dates_and_action_switches(client, process):
    rows = _results(client, "/api/v1/cocreation-stages/?process=quinto-plan")
    assert [row["position"] for row in rows] == [1, 2, 3, 4, 5, 6, 7]
    second = rows[1]
    assert second["process"] == "quinto-plan"
    assert second["starts_on"] == "2026-03-11" and second["ends_on"] == "2026-03-20"
    assert (second["allows_submit"], second["allows_support"], second["allows_comment"]) == (True, True, True)
    assert (second["allows_evaluate"], second["allows_comment_draft"]) == (False, False)
    assert rows[4]["allows_evaluate"] is True
    assert _results(client, "/api/v1/cocreation-stages/?process=otro") == []


def test_themes_and_workshops_are_listed_by_process(client, process):
    Workshop.objects.create(
        process=process,
        title="Taller con mujeres",
        held_on=datetime.date(2026, 3, 5),
        region="RM",
        commune="Santiago",
        target_group="Mujeres",
        attendance=31,
    )
    themes = _results(client, "/api/v1/cocreation-themes/?process=quinto-plan")
    assert {row["slug"]: row["is_priority"] for row in themes} == {"medioambiente": True, "genero": True}
    workshops = _results(client, "/api/v1/cocreation-workshops/?region=RM")
    assert [(w["title"], w["held_on"], w["commune"], w["attendance"]) for w in workshops] == [
        ("Taller con mujeres", "2026-03-05", "Santiago", 31)
    ]


def test_only_published_proposals_appear_with_the_author_the_page_shows(client, proposals, implementer):
    rows = {row["id"]: row for row in _results(client, "/api/v1/proposals/")}
    assert proposals["draft"].pk not in rows
    assert client.get(f"/api/v1/proposals/{proposals['draft'].pk}/").status_code == 404
    visible = rows[proposals["visible"].pk]
    assert visible["title"] == "Calidad del aire"
    assert visible["author"] == "Eduardo González"  # the name the proposal's page shows
    assert visible["author_kind"] == "person"
    assert visible["themes"] == ["genero"]
    assert visible["hidden"] is False and visible["hidden_reason"] is None
    assert visible["html_url"] == f"/cocreacion/quinto-plan/propuestas/{proposals['visible'].pk}/"
    assert rows[proposals["organisation"].pk]["author"] == "Fundación Datos"


def test_a_person_without_a_name_is_named_as_the_page_names_them_never_by_email(client, process):
    nameless = get_user_model().objects.create_user("vecina@example.org", email="vecina@example.org")
    proposal = make_proposal(process, nameless, title="Sin nombre")
    row = client.get(f"/api/v1/proposals/{proposal.pk}/").json()
    assert row["author"] == "Una persona participante"
    assert "@" not in json.dumps(row)


def test_a_hidden_proposal_keeps_its_row_and_public_reason_but_loses_its_text(client, proposals, secretariat):
    hidden = proposals["hidden"]
    services.hide(actor=secretariat, proposal=hidden, reason="Lenguaje ofensivo")
    row = client.get(f"/api/v1/proposals/{hidden.pk}/").json()
    assert row["hidden"] is True and row["hidden_reason"] == "Lenguaje ofensivo"
    assert row["process"] == "quinto-plan" and row["kind"] == "proposal"
    for name in ("title", "author", "problem", "what", "themes", "region", "commune", "lead_institution"):
        assert row[name] is None, name
    assert "ofensivo" not in json.dumps(row).replace("Lenguaje ofensivo", "")
    assert [r["id"] for r in _results(client, "/api/v1/proposals/?hidden=true")] == [hidden.pk]
    assert hidden.pk not in [r["id"] for r in _results(client, "/api/v1/proposals/?hidden=false")]


def test_supports_are_published_as_a_count_never_as_who_supported(client, proposals, participant, implementer):
    with time_machine.travel(IN_STAGE_2, tick=False):
        services.support(proposal=proposals["visible"], actor=participant)
    row = client.get(f"/api/v1/proposals/{proposals['visible'].pk}/").json()
    assert row["support_count"] == 1
    body = client.get("/api/v1/proposals/").content.decode()
    assert "ciudadana" not in body and "@example.org" not in body
    assert not {name for name in row if "user" in name or "support" in name} - {"support_count"}
    assert "support" not in {row["name"] for row in client.get("/api/v1/").json()["resources"]}


def test_filters_narrow_proposals(client, proposals, process, make_plan, participant):
    other = make_process(make_plan(number=6, start=2023, end=2027), template="sixth", start=START, slug="sexto-plan")
    make_proposal(other, participant, title="Del sexto plan", region="V")
    assert [r["title"] for r in _results(client, "/api/v1/proposals/?process=sexto-plan")] == ["Del sexto plan"]
    assert [r["title"] for r in _results(client, "/api/v1/proposals/?plan=6")] == ["Del sexto plan"]
    assert [r["title"] for r in _results(client, "/api/v1/proposals/?region=V")] == ["Del sexto plan"]
    assert [r["title"] for r in _results(client, "/api/v1/proposals/?theme=genero")] == ["Calidad del aire"]
    response = client.get("/api/v1/proposals/?hidden=quizas")
    assert response.status_code == 400 and "hidden" in response.json()["error"]["details"]


def test_responses_are_their_own_resource_filtered_by_process_and_kind(
    client, proposals, secretariat, make_commitment, plan
):
    commitment = make_commitment(plan, code="C7", title="Calidad del aire abierta")
    services.respond(proposal=proposals["visible"], actor=secretariat, kind="adopted", commitment=commitment)
    services.respond(proposal=proposals["organisation"], actor=secretariat, kind="not_adopted", text="Excede el plan.")
    rows = _results(client, "/api/v1/responses/?process=quinto-plan")
    assert [(r["proposal"], r["kind"]) for r in rows] == [
        (proposals["visible"].pk, "adopted"),
        (proposals["organisation"].pk, "not_adopted"),
    ]
    adopted = rows[0]
    assert adopted["commitment"] == commitment.pk and adopted["commitment_code"] == "C7"
    assert adopted["proposal_title"] == "Calidad del aire" and adopted["responded_at"]
    rejected = _results(client, "/api/v1/responses/?kind=not_adopted")
    assert [(r["proposal"], r["text"]) for r in rejected] == [(proposals["organisation"].pk, "Excede el plan.")]
    assert [r["proposal"] for r in _results(client, f"/api/v1/responses/?commitment={commitment.pk}")] == [
        proposals["visible"].pk
    ]
    assert _results(client, "/api/v1/responses/?plan=6") == []


def test_a_hidden_proposals_response_stays_public_without_its_title(client, proposals, secretariat):
    hidden = proposals["hidden"]
    services.respond(proposal=hidden, actor=secretariat, kind="not_adopted", text="Fuera de las reglas.")
    services.hide(actor=secretariat, proposal=hidden, reason="Lenguaje ofensivo")
    row = client.get(f"/api/v1/responses/{hidden.pk}/").json()
    assert row["text"] == "Fuera de las reglas." and row["proposal_title"] is None


def test_list_pages_take_the_same_queries_for_3_or_30_rows(client, process, participant, secretariat):
    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def add(n: int) -> None:
        for i in range(n):
            proposal = make_proposal(process, participant, title=f"Propuesta {Proposal.objects.count()} {i}")
            proposal.themes.add(*process.themes.all())
            services.respond(proposal=proposal, actor=secretariat, kind="not_adopted", text="Motivo.")
            Workshop.objects.create(process=process, title=f"Taller {i}")

    urls = [
        "/api/v1/cocreation-processes/",
        "/api/v1/cocreation-stages/",
        "/api/v1/cocreation-themes/",
        "/api/v1/cocreation-workshops/",
        "/api/v1/proposals/",
        "/api/v1/responses/",
    ]
    add(3)
    few = {url: count(url) for url in urls}
    add(27)
    assert {url: count(url) for url in urls} == few
    assert max(few.values()) <= 4


def test_every_cocreation_row_matches_its_openapi_schema(client, proposals, secretariat, make_commitment, plan):
    Workshop.objects.create(process=proposals["visible"].process, title="Taller", attendance=12)
    services.respond(proposal=proposals["visible"], actor=secretariat, kind="not_adopted", text="Motivo.")
    services.hide(actor=secretariat, proposal=proposals["hidden"], reason="Moderada")
    names = ["cocreation-processes", "cocreation-stages", "cocreation-themes", "cocreation-workshops"]
    assert assert_rows_match_openapi(client, [*names, "proposals", "responses"]) == 1 + 7 + 2 + 1 + 3 + 1
