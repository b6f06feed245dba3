"""Published co-creation tables are in the process's calendar feed, with their hours when known."""

import datetime

import pytest

from abierto.cocreation.testing import make_process, make_table


@pytest.fixture
def process(make_plan):
    return make_process(make_plan(number=5, start=2020, end=2022), template="fifth", start=datetime.date(2026, 3, 1))


def test_the_feed_lists_published_tables_only(client, process, django_assert_max_num_queries):
    make_table(
        process,
        title="Mesa de género",
        held_on=datetime.date(2026, 9, 2),
        starts_at=datetime.time(10, 0),
        ends_at=datetime.time(13, 0),
        place="Biblioteca Nacional",
        commune="Santiago",
        region="RM",
    )
    make_table(
        process,
        title="Mesa de clima",
        held_on=datetime.date(2026, 9, 9),
        place="",
        online_url="https://meet.example.org/x",
    )
    make_table(process, title="Mesa en preparación", published=False)
    with django_assert_max_num_queries(5):
        body = client.get("/cocreacion/5/calendario.ics").content.decode()
    assert body.count("BEGIN:VEVENT") == 7 + 2
    assert "SUMMARY:Mesa de cocreación: Mesa de género" in body
    assert "DTSTART:20260902T140000Z" in body and "DTEND:20260902T170000Z" in body  # 10:00-13:00 in Santiago
    assert "LOCATION:Biblioteca Nacional\\, Santiago\\, Metropolitana de Santiago" in body
    assert "DTSTART;VALUE=DATE:20260909" in body and "meet.example.org/x" in body
    assert "Mesa en preparación" not in body
