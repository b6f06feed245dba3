"""A small iCalendar (RFC 5545) writer for the platform's calendars: co-creation stages, workshops, forum sessions.

Only what calendars need from us: VEVENTs with a stable UID, all-day events for dates, UTC times for moments,
escaped text and lines folded at 75 octets. Readers (Google Calendar, Outlook, Thunderbird, phones) accept this.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

PRODID = "-//Abierto//Estado Abierto//ES"


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    start: datetime.date | datetime.datetime
    end: datetime.date | datetime.datetime | None = None
    description: str = ""
    location: str = ""
    url: str = ""
    sequence: int = 0
    status: str = "CONFIRMED"


def escape(text: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and newlines."""
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line so no physical line exceeds 75 octets, never splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _moment(value: datetime.date | datetime.datetime) -> tuple[str, str]:
    """The parameter suffix and the value for DTSTART/DTEND."""
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return "", value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return ";VALUE=DATE", value.strftime("%Y%m%d")


def _event_lines(event: Event, stamp: str) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp}"]
    param, value = _moment(event.start)
    lines.append(f"DTSTART{param}:{value}")
    end = event.end
    if end is None and not isinstance(event.start, datetime.datetime):
        end = event.start + datetime.timedelta(days=1)  # an all-day event ends the next day (exclusive)
    elif end is not None and not isinstance(end, datetime.datetime):
        end = end + datetime.timedelta(days=1)  # our dates are inclusive; iCalendar's DTEND is exclusive
    if end is not None:
        param, value = _moment(end)
        lines.append(f"DTEND{param}:{value}")
    lines.append(f"SUMMARY:{escape(event.summary)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines += [f"SEQUENCE:{event.sequence}", f"STATUS:{event.status}", "END:VEVENT"]
    return lines


def calendar(events: Iterable[Event], *, name: str, method: str = "PUBLISH") -> str:
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{settings.TIME_ZONE}",
    ]
    for event in events:
        lines += _event_lines(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def response(events: Iterable[Event], *, name: str, filename: str, method: str = "PUBLISH") -> HttpResponse:
    body = calendar(events, name=name, method=method)
    resp = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    resp["Content-Disposition"] = f'inline; filename="{filename}"'
    return resp
