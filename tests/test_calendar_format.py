"""The iCalendar files the platform serves follow RFC 5545: folded lines, escaped text, UTC moments, all-day dates."""

import datetime
import zoneinfo

import time_machine

from abierto.core import ics

SANTIAGO = zoneinfo.ZoneInfo("America/Santiago")


@time_machine.travel(datetime.datetime(2026, 11, 22, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_timed_event_is_written_in_utc_with_escaped_text():
    start = datetime.datetime(2026, 12, 3, 10, 0, tzinfo=SANTIAGO)  # summer time: UTC-3
    text = ics.calendar(
        [
            ics.Event(
                uid="sesion-7@abierto",
                summary="Sesión ordinaria; Mesa, de Estado Abierto",
                start=start,
                end=start + datetime.timedelta(hours=2),
                description="Tabla:\n1. Acta anterior",
                location="Palacio de La Moneda, Santiago",
            )
        ],
        name="Mesa",
    )
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20261203T130000Z" in lines
    assert "DTEND:20261203T150000Z" in lines
    assert "DTSTAMP:20261122T120000Z" in lines
    assert "SUMMARY:Sesión ordinaria\\; Mesa\\, de Estado Abierto" in lines
    assert "DESCRIPTION:Tabla:\\n1. Acta anterior" in lines
    assert "LOCATION:Palacio de La Moneda\\, Santiago" in lines


def test_dates_are_all_day_and_the_end_is_exclusive():
    text = ics.calendar(
        [ics.Event(uid="etapa-1", summary="Consulta", start=datetime.date(2026, 3, 1), end=datetime.date(2026, 3, 31))],
        name="Proceso",
    )
    assert "DTSTART;VALUE=DATE:20260301" in text
    assert "DTEND;VALUE=DATE:20260401" in text
    single = ics.calendar([ics.Event(uid="taller", summary="Taller", start=datetime.date(2026, 4, 7))], name="P")
    assert "DTEND;VALUE=DATE:20260408" in single


def test_long_lines_are_folded_at_75_octets_without_splitting_characters():
    summary = "Participación ciudadana en la región de Ñuble " * 5
    text = ics.calendar([ics.Event(uid="u", summary=summary, start=datetime.date(2026, 1, 1))], name="P")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    unfolded = text.replace("\r\n ", "")
    assert f"SUMMARY:{summary}" in unfolded.split("\r\n")


def test_response_is_served_as_text_calendar(settings):
    resp = ics.response([], name="Vacío", filename="vacio.ics")
    assert resp["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="vacio.ics"' in resp["Content-Disposition"]
    assert b"BEGIN:VCALENDAR" in resp.content
