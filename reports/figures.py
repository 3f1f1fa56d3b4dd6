"""The key figures a planner reads first: meetings used, spare time per day, items split."""

from __future__ import annotations

from dataclasses import dataclass

from solver.input.durations import format_minutes
from solver.labels import day_label
from solver.schedule import Schedule


@dataclass(frozen=True)
class Figures:
    meetings_used: int
    meetings_granted: int | None
    spare_by_day: list[tuple[str, str]]
    items_split: list[str]
    free_sittings: int
    closed_sittings: int


def _minutes(start, end) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def figures(schedule: Schedule) -> Figures:
    spare: dict = {}
    for meeting in sorted(schedule.meetings, key=lambda m: (m.date, m.start)):
        used = sum(_minutes(p.start, p.end) for p in meeting.pieces)
        spare[meeting.date] = spare.get(meeting.date, 0) + _minutes(meeting.start, meeting.end) - used
    return Figures(
        meetings_used=len(schedule.meetings),
        meetings_granted=schedule.meetings_granted,
        spare_by_day=[(day_label(day), format_minutes(minutes) if minutes else "none") for day, minutes in spare.items()],
        items_split=[r.id for r in schedule.items if len(r.meetings) > 1],
        free_sittings=sum(1 for s in schedule.sittings if s.status == "free"),
        closed_sittings=sum(1 for s in schedule.sittings if s.status == "closed"),
    )
