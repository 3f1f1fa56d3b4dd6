"""A draft replayed as the session unfolds, meeting by meeting, for many samples of the items'
times at once (numpy: one row per item, one column per sample).

The meetings are laid end to end on the items' axis, as the model lays them: a meeting is its
minutes less the events held in it, which keep their time and place (fixed events hold). The
items follow the draft's order; under the house's rules:

- no item is taken up before its planned time (delegations come for the published programme),
  and none ends before its planned end (`durations`: its slack absorbs delays before it);
- an item that runs over continues into the next meeting and pushes what follows;
- an item that may not be split, pushed past the end of its meeting, is taken up at the start of
  the next one (in the last meeting it stays, and the meeting runs over);
- an item pinned to its sitting holds: it is taken up at its planned time whatever runs late,
  and the work under way is suspended for it and resumed after it;
- the report and the closing items stay in the last meeting, which runs over when it must.
With `hold_meetings_granted` off, the sittings left free after the draft's last meeting, up to
the meetings granted, are held as well when the work runs over.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from solver.check.schedule_view import minutes_of
from solver.plans.risk.durations import spread_for
from solver.problem.problem import Problem
from solver.schedule import Meeting, Schedule

EPS = 1e-6


@dataclass(frozen=True)
class Plan:
    """One body's draft as the simulation replays it: its meetings on the items' axis (the
    draft's, then any it may still hold) and its items in the order they are taken up."""

    meetings: tuple[Meeting, ...]  # in time order: the draft's, then the free sittings it may still hold
    held: int  # how many of them the draft holds
    edges: np.ndarray  # where each meeting starts on the axis, and where the last ends
    days: np.ndarray  # each meeting's date, as a day number
    ids: tuple[str, ...]
    estimates: np.ndarray
    given: np.ndarray  # the minutes the draft gives each item
    spreads: np.ndarray
    planned_start: np.ndarray  # on the axis
    planned_end: np.ndarray
    planned_day: np.ndarray  # the day number of its first meeting
    hold: np.ndarray  # pinned to its sitting: taken up at its planned time
    unsplit: np.ndarray


def _event_ids(problem: Problem) -> set[str]:
    return {t.id for t in problem.tasks if t.role == "event"}


def _capacity(meeting: Meeting, events: set[str]) -> int:
    return minutes_of(meeting.end) - minutes_of(meeting.start) - sum(minutes_of(p.end) - minutes_of(p.start) for p in meeting.pieces if p.item in events)


def _reserves(problem: Problem, schedule: Schedule, last: Meeting) -> list[Meeting]:
    """The free sittings after the draft's last meeting that the body may still hold, when the
    meetings granted are a ceiling."""
    if problem.rules.hold_meetings_granted:
        return []
    room = problem.granted - len(schedule.meetings)
    free = [s for s in schedule.sittings if s.status == "free" and (s.date, minutes_of(s.start)) > (last.date, minutes_of(last.start))]
    return [Meeting(number=last.number + n + 1, date=s.date, sitting=s.sitting, start=s.start, end=s.end) for n, s in enumerate(free[: max(0, room)])]


def plan_of(problem: Problem, schedule: Schedule) -> Plan:
    """The draft `schedule` of `problem`'s body, ready to be replayed."""
    events = _event_ids(problem)
    drafted = sorted(schedule.meetings, key=lambda m: (m.date, minutes_of(m.start)))
    meetings = drafted + _reserves(problem, schedule, drafted[-1])
    capacities = [_capacity(m, events) for m in meetings]
    edges = np.concatenate([[0.0], np.cumsum(capacities, dtype=float)])
    first: dict[str, tuple[int, int]] = {}  # item -> (meeting, axis position of its first piece)
    last: dict[str, int] = {}
    given: dict[str, int] = {}
    for k, meeting in enumerate(drafted):
        held_events = 0
        for piece in meeting.pieces:
            length = minutes_of(piece.end) - minutes_of(piece.start)
            if piece.item in events:
                held_events += length
                continue
            offset = int(edges[k]) + minutes_of(piece.start) - minutes_of(meeting.start) - held_events
            first.setdefault(piece.item, (k, offset))
            last[piece.item] = offset + length
            given[piece.item] = given.get(piece.item, 0) + length
    ids = tuple(sorted(first, key=lambda item: (first[item][1], first[item][0])))
    tasks = [problem.task(item) for item in ids]
    own = {item.id: item.spread for item in problem.items}
    spreads = [spread_for(t.role, t.substantive, own.get(t.id), problem.rules.spreads) for t in tasks]
    days = np.array([m.date.toordinal() for m in meetings])
    return Plan(
        meetings=tuple(meetings),
        held=len(drafted),
        edges=edges,
        days=days,
        ids=ids,
        estimates=np.array([t.estimate for t in tasks], dtype=float),
        given=np.array([given[i] for i in ids], dtype=float),
        spreads=np.array(spreads, dtype=float),
        planned_start=np.array([first[i][1] for i in ids], dtype=float),
        planned_end=np.array([last[i] for i in ids], dtype=float),
        planned_day=np.array([days[first[i][0]] for i in ids]),
        hold=np.array([t.pinned is not None and t.whole for t in tasks], dtype=bool),
        unsplit=np.array([not t.split for t in tasks], dtype=bool),
    )


@dataclass(frozen=True)
class Run:
    """Where each item starts and ends on the axis, in each sample: shape (items, samples)."""

    starts: np.ndarray
    ends: np.ndarray


def simulate(plan: Plan, need: np.ndarray) -> Run:
    """Replay the draft with the items needing `need` minutes (items x samples): each ends at its
    planned end, or when its need is met if that is later."""
    count, samples = need.shape
    starts = np.empty_like(need)
    ends = np.empty_like(need)
    queue = np.zeros(samples)  # where the work has got to
    edges, last = plan.edges, len(plan.meetings) - 1
    for u in range(count):
        t, planned = need[u], plan.planned_start[u]
        if plan.hold[u]:
            end = np.maximum(plan.planned_end[u], planned + t)
            behind = queue > planned + EPS
            if behind.any():  # what runs at its time is suspended for it, and what follows waits
                length = end - planned
                later = behind & (starts[:u] >= planned - EPS)
                running = behind & (ends[:u] > planned + EPS)
                starts[:u] += np.where(later, length, 0.0)
                ends[:u] += np.where(running, length, 0.0)
                queue = np.where(behind, queue + length, end)
            else:
                queue = end
            starts[u] = planned
            ends[u] = end
            continue
        start = np.maximum(queue, planned)
        if plan.unsplit[u]:
            k = np.clip(np.searchsorted(edges, start, side="right") - 1, 0, last)
            boundary = edges[k + 1]
            moved = (start + t > boundary + EPS) & (start > edges[k] + EPS) & (k < last)
            start = np.where(moved, boundary, start)
        starts[u] = start
        ends[u] = np.maximum(plan.planned_end[u], start + t)
        queue = ends[u]
    return Run(starts, ends)
