"""What moved between two schedules: item by item, from which meetings to which."""

from __future__ import annotations

import datetime as dt

from solver.labels import sitting_label
from solver.schedule import MoveRecord, Schedule

Slot = tuple[dt.date, str]


def placement(schedule: Schedule) -> dict[str, tuple[Slot, ...]]:
    """Each item's meetings, as (date, sitting), in time order."""
    out: dict[str, list[Slot]] = {}
    for meeting in sorted(schedule.meetings, key=lambda m: (m.date, m.start)):
        for piece in meeting.pieces:
            slots = out.setdefault(piece.item, [])
            if (meeting.date, meeting.sitting) not in slots:
                slots.append((meeting.date, meeting.sitting))
    return {item: tuple(slots) for item, slots in out.items()}


def minutes(schedule: Schedule) -> dict[str, int]:
    out: dict[str, int] = {}
    for meeting in schedule.meetings:
        for piece in meeting.pieces:
            length = (piece.end.hour * 60 + piece.end.minute) - (piece.start.hour * 60 + piece.start.minute)
            out[piece.item] = out.get(piece.item, 0) + length
    return out


def _labels(slots: tuple[Slot, ...]) -> list[str]:
    return [sitting_label(day, sitting) for day, sitting in slots]


def diff(before: Schedule, after: Schedule) -> list[MoveRecord]:
    """Items taken up in other meetings (or added, or removed), in agenda order of `after`."""
    old, new = placement(before), placement(after)
    old_minutes, new_minutes = minutes(before), minutes(after)
    order = [r.id for r in after.items] or list(new)
    order += [item for item in list(new) + list(old) if item not in order]
    moves = []
    for item in order:
        if old.get(item) == new.get(item):
            continue
        moves.append(
            MoveRecord(
                item=item,
                before=_labels(old.get(item, ())),
                after=_labels(new.get(item, ())),
                minutes_before=old_minutes.get(item, 0),
                minutes_after=new_minutes.get(item, 0),
            )
        )
    return moves


def describe(move: MoveRecord) -> str:
    """'item 3: Thursday, 7 September, morning and afternoon → Thursday, 7 September, afternoon'."""
    if not move.before:
        return f"item {move.item}: added, {' and '.join(move.after)}"
    if not move.after:
        return f"item {move.item}: removed (was {' and '.join(move.before)})"
    return f"item {move.item}: {' and '.join(move.before)} → {' and '.join(move.after)}"
