"""The combined view of several bodies: which body meets where, sitting by sitting, room by room."""

from __future__ import annotations

from dataclasses import dataclass

from reports.languages import language as language_table
from solver.schedule import Schedule, SittingRecord


@dataclass(frozen=True)
class Grid:
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]


def grid(schedule: Schedule, language: str = "en") -> Grid:
    """One row per sitting of the session (closed ones say so), one column per room."""
    table = language_table(language)
    one_room = table.word("grid.room")
    rooms = schedule.rooms or [one_room]
    by_slot: dict[tuple, list[str]] = {}
    for meeting in schedule.meetings:
        room = meeting.room if schedule.rooms else one_room
        label = table.word("grid.body_meeting", body=meeting.body, n=meeting.number) if meeting.body else table.word("grid.meeting", n=meeting.number)
        by_slot.setdefault((meeting.date, meeting.sitting, room), []).append(label)
    records = schedule.sittings or sorted(
        {(m.date, m.sitting): SittingRecord(date=m.date, sitting=m.sitting, start=m.start, end=m.end, status="meeting") for m in schedule.meetings}.values(),
        key=lambda r: (r.date, r.start),
    )
    rows = []
    day = None
    for record in records:
        day_cell = table.day(record.date) if record.date != day else ""
        day = record.date
        if record.status == "closed":
            closed = table.word("grid.closed_reason", reason=record.reason) if record.reason else table.word("grid.closed")
            cells = [closed] + [""] * (len(rooms) - 1)
        else:
            cells = [table.word("list.comma").join(by_slot.get((record.date, record.sitting, room), [])) for room in rooms]
        rows.append((day_cell, table.time_range(record.start, record.end), *cells))
    return Grid((table.word("grid.column.date"), table.word("grid.column.sitting"), *rooms), rows)
