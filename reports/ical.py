"""The meetings as an iCalendar file: one event per meeting in the venue's time zone, the items
taken up listed in its description. Built with the `icalendar` library (RFC 5545).

User text is made well formed first: no control character (RFC 5545 allows none in TEXT but the
tab), and one line for the summary, location and calendar name; the description keeps its line
breaks, which the library escapes."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

from icalendar import Calendar, Event, vText

from reports.annex import subtitle
from reports.languages import language as language_table
from reports.safety import newlines, one_line
from reports.stamp import document_time
from solver.errors import InputError
from solver.schedule import Schedule

# icalendar walks the zone's offsets a year at a time past the last date, so it must stay a year
# clear of date.max; a meeting after that keeps the zone's last observance (and its TZID).
LAST_ZONE_DATE = dt.date.max - dt.timedelta(days=400)


def _uid(schedule: Schedule, date: dt.date, sitting: str, body: str | None) -> str:
    """Stable across exports, so calendar clients update a meeting rather than add it twice."""
    owner = " ".join(p for p in (schedule.session.symbol or schedule.session.body, body or "") if p)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", owner).strip("-").lower() or "session"
    return f"{slug}-{date.isoformat()}-{re.sub(r'[^A-Za-z0-9]+', '-', sitting).lower()}@orgwork"


def zone_range(days: list[dt.date]) -> tuple[dt.date, dt.date]:
    """The dates the VTIMEZONE describes: a day either side of the meetings, within what a date holds."""
    last = min(max(days), LAST_ZONE_DATE - dt.timedelta(days=1)) + dt.timedelta(days=1)
    first = max(min(days), dt.date.min + dt.timedelta(days=1)) - dt.timedelta(days=1)
    return min(first, last - dt.timedelta(days=1)), last


def render_ics(schedule: Schedule, language: str | None = None) -> bytes:
    """The calendar in `language` (default: the file's): its name, each meeting's summary and
    the items in its description. The UIDs are the same in every language: one meeting is one
    event, whichever language's file a calendar client read it from last."""
    table = language_table(language or schedule.session.language)
    if schedule.numbered:
        raise InputError("the schedule's meetings are numbered, not dated; export iCalendar once the calendar has its dates")
    zone = zoneinfo.ZoneInfo(schedule.session.timezone)
    titles = {(r.body, r.id): r.title for r in schedule.items}
    names = {b.id: b.name for b in schedule.bodies}
    calendar = Calendar()
    calendar.add("prodid", "-//orgwork//organization of work//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", vText(one_line(table.word("ical.calendar", body=schedule.session.body))))
    stamp = document_time(schedule)
    for meeting in sorted(schedule.meetings, key=lambda m: (m.date, m.start)):
        event = Event()
        event.add("uid", _uid(schedule, meeting.date, meeting.sitting, meeting.body))
        event.add("dtstamp", stamp)
        event.add("dtstart", dt.datetime.combine(meeting.date, meeting.start, tzinfo=zone))
        event.add("dtend", dt.datetime.combine(meeting.date, meeting.end, tzinfo=zone))
        who = names.get(meeting.body or "", schedule.session.body)
        event.add("summary", one_line(table.word("ical.meeting", body=who, n=meeting.number)))
        place = ", ".join(p for p in (meeting.room, schedule.session.venue) if p)
        if place:
            event.add("location", one_line(place))
        lines = [subtitle(schedule, table.code), ""]
        for piece in meeting.pieces:
            title = titles.get((meeting.body, piece.item), "")
            text = table.word("annex.title_continued", title=title, continued=table.word("annex.continued")) if piece.continued else title
            lines.append(f"{piece.item}: {text}")
        event.add("description", newlines("\n".join(lines)))
        calendar.add_component(event)
    days = [m.date for m in schedule.meetings]
    if days:
        first, last = zone_range(days)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()
