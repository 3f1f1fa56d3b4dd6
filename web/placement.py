"""The planner's moves: which pieces each meeting takes up, in order, as the page edits them.

A placement is, per body ("" for a file of one body), its meetings in calendar order, each a
sitting and the items it takes up (as the schedule names them: a part is '1 (part 2)', an event
its id). A move takes one piece out of its meeting and puts it into another sitting's meeting
(made when the sitting was free) at a place among its items; a meeting left with nothing is no
longer held. Nothing here judges a move: the validator does, on the retimed placement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from solver.errors import InputError
from solver.labels import sitting_label
from solver.schedule import Schedule

Slot = tuple[dt.date, str]
Meetings = tuple[tuple[dt.date, str, tuple[str, ...]], ...]
Placement = dict[str, Meetings]


@dataclass(frozen=True)
class Move:
    """A piece the planner put into a sitting: kept there as an agreed row when re-planning."""

    body: str
    task: str
    to: Slot

    def words(self) -> str:
        who = f"{self.body}, item {self.task}" if self.body else f"item {self.task}"
        return f"{who} moved to {sitting_label(*self.to)}"


def placement_of(schedule: Schedule) -> Placement:
    """Each body's meetings and their pieces, from a schedule."""
    out: dict[str, list] = {}
    for meeting in sorted(schedule.meetings, key=lambda m: (m.date, m.start, m.body or "")):
        out.setdefault(meeting.body or "", []).append((meeting.date, meeting.sitting, tuple(p.item for p in meeting.pieces)))
    for body in schedule.bodies:
        out.setdefault(body.id, [])
    return {body: tuple(meetings) for body, meetings in out.items()}


def moved(meetings: Meetings, task: str, source: Slot, target: Slot, index: int, order: dict[Slot, int]) -> Meetings:
    """`meetings` with the piece of `task` taken out of `source` and put at `index` among the
    pieces of `target`'s meeting; `order` ranks the sittings in calendar order."""
    rows = {(day, sitting): list(tasks) for day, sitting, tasks in meetings}
    if task not in rows.get(source, []):
        raise InputError(f"item {task} is not taken up on {sitting_label(*source)}; reload the page")
    if target not in order:
        raise InputError(f"{sitting_label(*target)} is not an open sitting of this body; choose another")
    rows[source].remove(task)
    into = rows.setdefault(target, [])
    if task in into:  # it was continued there already: one piece
        into.remove(task)
    into.insert(max(0, min(index, len(into))), task)
    kept = [(day, sitting, tuple(tasks)) for (day, sitting), tasks in rows.items() if tasks]
    return tuple(sorted(kept, key=lambda m: order[(m[0], m[1])]))


def agreed_rows(moves: tuple[Move, ...], placement: Placement, several: bool) -> frozenset[tuple]:
    """The rows the planner's moves put in place and that are still there: (item, date, sitting),
    with the body first for a session of several bodies, as an edited annex's 'Agreed' rows."""
    rows = set()
    for move in moves:
        held = any((day, sitting) == move.to and move.task in tasks for day, sitting, tasks in placement.get(move.body, ()))
        if held:
            rows.add((move.body, move.task, *move.to) if several else (move.task, *move.to))
    return frozenset(rows)
