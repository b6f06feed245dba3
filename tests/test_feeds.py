"""Atom feeds of the public history of a plan and of a commitment."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from abierto.monitoring.models import ProgressReport
from abierto.plans import services
from abierto.plans.models import Completion

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def plan(make_plan):
    return make_plan()


@pytest.fixture
def commitment(plan, make_commitment):
    return make_commitment(plan)


def entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return root, [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "id": entry.findtext(f"{ATOM}id"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary") or "",
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


def test_commitment_feed_lists_its_changes_and_published_reports(client, plan, commitment, make_milestone, secretariat):
    commitment.title = "Modelo de Gobierno Abierto subnacional"
    services.save(commitment, actor=secretariat)
    make_milestone(commitment, description="Primer hito")
    ProgressReport.objects.create(
        commitment=commitment,
        period_label="Primer semestre 2017",
        completion=Completion.SUBSTANTIAL,
        results_description="Se firmaron convenios.",
        published_on=datetime.date(2017, 7, 1),
    )
    ProgressReport.objects.create(commitment=commitment, period_label="Borrador", completion=Completion.LIMITED)

    root, items = entries(client.get("/planes/3/compromisos/CL0046/feed/"))
    assert root.findtext(f"{ATOM}title").startswith("Historial público del compromiso CL0046")
    titles = [item["title"] for item in items]
    assert any("Valeria Secretaria modificó CL0046" in title for title in titles)
    assert any("creó Hito" in title or "creó Primer hito" in title for title in titles)
    assert "Reporte de avance publicado: CL0046 · Primer semestre 2017" in titles
    assert not any("Borrador" in title for title in titles)
    change = next(item for item in items if "Valeria Secretaria modificó" in item["title"])
    assert "Modelo de Gobierno Abierto subnacional" in change["summary"]
    assert change["link"].startswith("http://testserver/planes/3/compromisos/CL0046/")
    assert len({item["id"] for item in items}) == len(items)


def test_plan_feed_covers_the_plan_and_its_commitments(client, plan, commitment, make_commitment, make_plan):
    make_commitment(plan, code="CL0047", title="Otro compromiso")
    other_plan = make_plan(number=4, start=2018, end=2020)
    make_commitment(other_plan, code="CL0060", title="De otro plan")
    root, items = entries(client.get("/planes/3/feed/"))
    assert "Historial público" in root.findtext(f"{ATOM}title")
    text = " ".join(item["title"] for item in items)
    assert "CL0046" in text and "CL0047" in text and "CL0060" not in text
    links = {item["link"] for item in items}
    assert "http://testserver/planes/3/compromisos/CL0047/" in {link.split("#")[0] for link in links}


def test_feeds_answer_404_for_what_does_not_exist(client, plan, commitment, make_plan, make_commitment):
    other_plan = make_plan(number=4, start=2018, end=2020)
    make_commitment(other_plan, code="CL0060")
    assert client.get("/planes/no-existe/feed/").status_code == 404
    assert client.get("/planes/no-existe/compromisos/CL0046/feed/").status_code == 404
    assert client.get("/planes/3/compromisos/CL9999/feed/").status_code == 404
    assert client.get("/planes/3/compromisos/CL0060/feed/").status_code == 404  # belongs to plan 4


def test_feed_queries_do_not_grow_with_entries(
    client, plan, commitment, make_commitment, make_milestone, django_assert_max_num_queries
):
    def grow(n):
        for i in range(n):
            make_milestone(commitment, description=f"Hito {i}")
            extra = make_commitment(plan, code=f"X{n}-{i}", title="Más")
            ProgressReport.objects.create(
                commitment=extra,
                period_label="2017",
                completion=Completion.COMPLETE,
                published_on=datetime.date(2017, 1, 1),
            )

    grow(2)
    with django_assert_max_num_queries(4):
        client.get("/planes/3/feed/")
    with django_assert_max_num_queries(4):
        client.get("/planes/3/compromisos/CL0046/feed/")
    grow(10)
    with django_assert_max_num_queries(4):
        assert client.get("/planes/3/feed/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/planes/3/compromisos/CL0046/feed/").status_code == 200
