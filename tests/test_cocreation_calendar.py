"""The process's calendar feed: its dated stages and workshops, as iCalendar."""

import datetime

import pytest

from abierto.cocreation.models import Workshop
from abierto.cocreation.testing import make_process


@pytest.fixture
def process(make_plan):
    return make_process(make_plan(number=5, start=2020, end=2022), template="fifth", start=datetime.date(2026, 3, 1))


def test_the_feed_lists_stages_and_workshops(client, process, django_assert_max_num_queries):
    Workshop.objects.create(
        process=process,
        title="Taller en Peñalolén",
        held_on=datetime.date(2026, 3, 5),
        region="RM",
        commune="Peñalolén",
    )
    with django_assert_max_num_queries(5):
        response = client.get("/cocreacion/5/calendario.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 8
    assert "SUMMARY:Taller en Peñalolén" in body
    assert "DTSTART;VALUE=DATE:20260311" in body  # reception of proposals
    assert "LOCATION:Peñalolén\\, Metropolitana de Santiago" in body


def test_undated_stages_stay_out_of_the_calendar(client, make_plan):
    from abierto.cocreation import services

    services.create_process(plan=make_plan(number=6, start=2023, end=2027), actor=None, template="sixth")
    body = client.get("/cocreacion/6/calendario.ics").content.decode()
    assert "BEGIN:VCALENDAR" in body and "BEGIN:VEVENT" not in body
