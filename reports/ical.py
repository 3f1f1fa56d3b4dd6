"""The meetings as an iCalendar file: one event per meeting in the venue's time zone, the items
taken up listed in its description. Built with the `icalendar` library (RFC 5545)."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

from icalendar import Calendar, Event

from reports.annex import CONTINUED, subtitle
from reports.stamp import document_time
from solver.schedule import Schedule


def _uid(schedule: Schedule, date: dt.date, sitting: str, body: str | None) -> str:
    """Stable across exports, so calendar clients update a meeting rather than add it twice."""
    owner = " ".join(p for p in (schedule.session.symbol or schedule.session.body, body or "") if p)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", owner).strip("-").lower() or "session"
    return f"{slug}-{date.isoformat()}-{re.sub(r'[^A-Za-z0-9]+', '-', sitting).lower()}@orgwork"


def render_ics(schedule: Schedule) -> bytes:
    zone = zoneinfo.ZoneInfo(schedule.session.timezone)
    titles = {(r.body, r.id): r.title for r in schedule.items}
    names = {b.id: b.name for b in schedule.bodies}
    calendar = Calendar()
    calendar.add("prodid", "-//orgwork//organization of work//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{schedule.session.body}: organization of work")
    stamp = document_time(schedule)
    for meeting in sorted(schedule.meetings, key=lambda m: (m.date, m.start)):
        event = Event()
        event.add("uid", _uid(schedule, meeting.date, meeting.sitting, meeting.body))
        event.add("dtstamp", stamp)
        event.add("dtstart", dt.datetime.combine(meeting.date, meeting.start, tzinfo=zone))
        event.add("dtend", dt.datetime.combine(meeting.date, meeting.end, tzinfo=zone))
        who = names.get(meeting.body or "", schedule.session.body)
        event.add("summary", f"{who}: meeting {meeting.number}")
        place = ", ".join(p for p in (meeting.room, schedule.session.venue) if p)
        if place:
            event.add("location", place)
        lines = [subtitle(schedule), ""]
        for piece in meeting.pieces:
            title = titles.get((meeting.body, piece.item), "")
            suffix = f" {CONTINUED}" if piece.continued else ""
            lines.append(f"{piece.item}: {title}{suffix}")
        event.add("description", "\n".join(lines))
        calendar.add_component(event)
    days = [m.date for m in schedule.meetings]
    if days:
        calendar.add_missing_timezones(first_date=min(days) - dt.timedelta(days=1), last_date=max(days) + dt.timedelta(days=1))
    return calendar.to_ical()
