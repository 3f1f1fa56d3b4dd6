"""What moved between two schedules: item by item, from which meetings to which."""

from __future__ import annotations

import datetime as dt

from solver.labels import sitting_label
from solver.schedule import MoveRecord, Schedule

Slot = tuple[dt.date, str]


def placement(schedule: Schedule, body: str | None = None) -> dict[str, tuple[Slot, ...]]:
    """Each item's meetings, as (date, sitting), in time order (several bodies: one body's)."""
    out: dict[str, list[Slot]] = {}
    for meeting in sorted(schedule.meetings, key=lambda m: (m.date, m.start)):
        if body is not None and meeting.body != body:
            continue
        for piece in meeting.pieces:
            slots = out.setdefault(piece.item, [])
            if (meeting.date, meeting.sitting) not in slots:
                slots.append((meeting.date, meeting.sitting))
    return {item: tuple(slots) for item, slots in out.items()}


def minutes(schedule: Schedule, body: str | None = None) -> dict[str, int]:
    out: dict[str, int] = {}
    for meeting in schedule.meetings:
        if body is not None and meeting.body != body:
            continue
        for piece in meeting.pieces:
            length = (piece.end.hour * 60 + piece.end.minute) - (piece.start.hour * 60 + piece.start.minute)
            out[piece.item] = out.get(piece.item, 0) + length
    return out


Place = tuple[dt.date, str, str | None]  # (date, sitting, room)
Key = tuple[str | None, str]  # (body, item)


def _places(schedule: Schedule) -> dict[Key, tuple[Place, ...]]:
    """Each item's meetings with their rooms, keyed by (body, item): items of different bodies
    may share an id."""
    out: dict[Key, list[Place]] = {}
    for meeting in sorted(schedule.meetings, key=lambda m: (m.date, m.start)):
        for piece in meeting.pieces:
            places = out.setdefault((meeting.body, piece.item), [])
            if (meeting.date, meeting.sitting, meeting.room) not in places:
                places.append((meeting.date, meeting.sitting, meeting.room))
    return {key: tuple(places) for key, places in out.items()}


def _minutes(schedule: Schedule) -> dict[Key, int]:
    out: dict[Key, int] = {}
    for meeting in schedule.meetings:
        for piece in meeting.pieces:
            length = (piece.end.hour * 60 + piece.end.minute) - (piece.start.hour * 60 + piece.start.minute)
            out[meeting.body, piece.item] = out.get((meeting.body, piece.item), 0) + length
    return out


def _labels(places: tuple[Place, ...], rooms: bool) -> list[str]:
    return [sitting_label(day, sitting) + (f" in {room}" if rooms and room else "") for day, sitting, room in places]


def diff(before: Schedule, after: Schedule) -> list[MoveRecord]:
    """Items taken up in other meetings or another room (or added, or removed), body by body
    in agenda order of `after`."""
    old, new = _places(before), _places(after)
    old_minutes, new_minutes = _minutes(before), _minutes(after)
    order: list[Key] = [(r.body, r.id) for r in after.items] or list(new)
    order += [key for key in list(new) + list(old) if key not in order]
    moves = []
    for key in dict.fromkeys(order):
        was, now = old.get(key, ()), new.get(key, ())
        if was == now:
            continue
        rooms = {p[2] for p in was} != {p[2] for p in now}  # the room changed: say it
        moves.append(
            MoveRecord(
                body=key[0],
                item=key[1],
                before=_labels(was, rooms),
                after=_labels(now, rooms),
                minutes_before=old_minutes.get(key, 0),
                minutes_after=new_minutes.get(key, 0),
            )
        )
    return moves


def describe(move: MoveRecord) -> str:
    """'item 3: Thursday, 7 September, morning and afternoon → Thursday, 7 September, afternoon'
    (several bodies: 'WG-TIP, item 3: …')."""
    who = f"{move.body}, item {move.item}" if move.body else f"item {move.item}"
    if not move.before:
        return f"{who}: added, {' and '.join(move.after)}"
    if not move.after:
        return f"{who}: removed (was {' and '.join(move.before)})"
    return f"{who}: {' and '.join(move.before)} → {' and '.join(move.after)}"
