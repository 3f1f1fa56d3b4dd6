"""The combined view of several bodies: which body meets where, sitting by sitting, room by room."""

from __future__ import annotations

from dataclasses import dataclass

from solver.labels import day_label, time_range
from solver.schedule import Schedule, SittingRecord


@dataclass(frozen=True)
class Grid:
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]


def grid(schedule: Schedule) -> Grid:
    """One row per sitting of the session (closed ones say so), one column per room."""
    rooms = schedule.rooms or ["Meeting"]
    by_slot: dict[tuple, list[str]] = {}
    for meeting in schedule.meetings:
        room = meeting.room if schedule.rooms else "Meeting"
        label = f"{meeting.body} ({meeting.number})" if meeting.body else f"Meeting {meeting.number}"
        by_slot.setdefault((meeting.date, meeting.sitting, room), []).append(label)
    records = schedule.sittings or sorted(
        {(m.date, m.sitting): SittingRecord(date=m.date, sitting=m.sitting, start=m.start, end=m.end, status="meeting") for m in schedule.meetings}.values(),
        key=lambda r: (r.date, r.start),
    )
    rows = []
    day = None
    for record in records:
        day_cell = day_label(record.date) if record.date != day else ""
        day = record.date
        if record.status == "closed":
            cells = [f"closed{': ' + record.reason if record.reason else ''}"] + [""] * (len(rooms) - 1)
        else:
            cells = [", ".join(by_slot.get((record.date, record.sitting, room), [])) for room in rooms]
        rows.append((day_cell, time_range(record.start, record.end), *cells))
    return Grid(("Date", "Sitting", *rooms), rows)
