"""The key figures a planner reads first: meetings used, spare time per day, items split.

Free sittings are those the body could have met in and did not: for one body, every open sitting
of the calendar without a meeting; for one of several, the open sittings of its own days (its
first meeting's to its last's) in which neither it nor another body met in its room. Closed
sittings are counted over the same days.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from collections.abc import Sequence

from reports.languages import language as language_table
from solver.schedule import Meeting, Schedule, SittingRecord


@dataclass(frozen=True)
class Figures:
    meetings_used: int
    meetings_granted: int | None
    spare_by_day: list[tuple[str, str]]
    items_split: list[str]
    free_sittings: int
    closed_sittings: int
    free: list[str] = field(default_factory=list)  # the free sittings, as 'Friday, 8 September, afternoon'


def _minutes(start, end) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def figures(schedule: Schedule, calendar: Sequence[SittingRecord] = (), room_taken: Sequence[Meeting] | None = None,
            language: str = "en") -> Figures:
    """The figures of one body's schedule, in `language`. With several bodies, `calendar` is the
    session's sittings and `room_taken` the other bodies' meetings in this body's room."""
    table = language_table(language)
    spare: dict = {}
    for meeting in sorted(schedule.meetings, key=lambda m: (m.date, m.start)):
        used = sum(_minutes(p.start, p.end) for p in meeting.pieces)
        spare[meeting.date] = spare.get(meeting.date, 0) + _minutes(meeting.start, meeting.end) - used
    sittings = list(calendar or schedule.sittings)
    if room_taken is None:
        free = [s for s in sittings if s.status == "free"]
    else:
        days = [m.date for m in schedule.meetings]
        sittings = [s for s in sittings if days and min(days) <= s.date <= max(days)]
        held = {(m.date, m.sitting) for m in [*schedule.meetings, *room_taken]}
        free = [s for s in sittings if s.status != "closed" and (s.date, s.sitting) not in held]
    return Figures(
        meetings_used=len(schedule.meetings),
        meetings_granted=schedule.meetings_granted,
        spare_by_day=[(table.day(day), table.duration(minutes) if minutes else table.word("none")) for day, minutes in spare.items()],
        items_split=[r.id for r in schedule.items if len(r.meetings) > 1],
        free_sittings=len(free),
        closed_sittings=sum(1 for s in sittings if s.status == "closed"),
        free=[table.sitting_label(s.date, s.sitting) for s in free],
    )
