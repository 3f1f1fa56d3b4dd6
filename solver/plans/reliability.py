"""`solve --reliability P`: a draft whose chance of holding when items overrun reaches P.

The draft is solved against buffered estimates and checked by simulation against the file's:
each substantive item's estimate, and each closing item's (other matters, the report, the
closure), is raised by a number of its spreads (times exp(b x spread), in 5-minute steps), from
none upwards, until the simulated chance that every item is taken up within the draft's meetings
reaches the target. The closing items then get back their own time, as the house rules say
procedural items do, and the minutes they free stay free at the end of the last meeting: room
for the report to run over. A buffered debate makes the draft plan room for it: another meeting where the meetings
granted are a ceiling, time taken from the spare time where they are all held. When the target
cannot be reached (no draft exists for a larger buffer), the most reliable draft found is the
answer, marked as not reaching it. Every draft meets the file's rules: substantive items only get
more than their estimates, which the rules allow.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from dataclasses import replace

from solver.check.schedule_view import minutes_of
from solver.check.validate import validate
from solver.errors import DoesNotFit, NotFoundInTime, OrgworkError
from solver.input.instance import Instance
from solver.plans.risk import assess
from solver.plans.risk.durations import spread_for
from solver.problem.problem import Problem
from solver.problem.session import Session, interpret_session
from solver.schedule import Meeting, ReliabilityRecord, Schedule, Tried
from solver.solving.session import solve_session
from solver.solving.solve import ProgressHook, SolveSettings, solve

BUFFERS = (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0)  # in spreads
CLOSING = ("other-matters", "report", "closing")
SAMPLES = 4000  # samples checking each draft


class Unrestorable(Exception):
    """A buffered draft whose closing items cannot get back their own time in place."""


def buffered(problem: Problem, buffer: float) -> Problem:
    """`problem` with each substantive and closing item's estimate raised by `buffer` spreads."""
    if not buffer:
        return problem
    own = {item.id: item.spread for item in problem.items}
    tasks = []
    for task in problem.tasks:
        if (task.substantive and not task.carved) or task.role in CLOSING:
            spread = spread_for(task.role, task.substantive, own.get(task.id), problem.rules.spreads)
            task = replace(task, estimate=max(task.estimate, 5 * math.ceil(task.estimate * math.exp(buffer * spread) / 5)))
        tasks.append(task)
    return replace(problem, tasks=tuple(tasks))


def _solve(session: Session, buffer: float, settings: SolveSettings, progress: ProgressHook | None) -> Schedule:
    bodies = tuple(buffered(p, buffer) for p in session.bodies)
    if session.several:
        return solve_session(replace(session, bodies=bodies), settings, progress)
    return solve(bodies[0], settings, progress)


def _closing_restored(meeting: Meeting, estimates: dict[str, int], procedural: set[str]) -> Meeting:
    """The last meeting with its closing items back to their own time, packed from where the
    first of them starts: the minutes they free stay free at the end."""
    pieces = list(meeting.pieces)
    tail = len(pieces)
    while tail and pieces[tail - 1].item in procedural:
        tail -= 1
    if any(p.item in procedural for p in pieces[:tail]):
        raise Unrestorable(meeting.number)
    clock = minutes_of(pieces[tail].start) if tail < len(pieces) else 0
    for n in range(tail, len(pieces)):
        length = estimates[pieces[n].item]
        pieces[n] = pieces[n].model_copy(update={"start": _time(clock), "end": _time(clock + length), "minutes": length})
        clock += length
    sitting_end = minutes_of(meeting.end) - meeting.extended_minutes
    beyond = max(0, clock - sitting_end) if meeting.extended_minutes else 0
    return meeting.model_copy(update={"pieces": pieces, "end": _time(sitting_end + beyond), "extended_minutes": beyond})


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def _restored(session: Session, schedule: Schedule) -> Schedule:
    """The draft with the file's estimates (its closing items back to their own time) and the
    penalties the file's rules count."""
    estimates = {(p.body.id if session.several else None, t.id): t.estimate for p in session.bodies for t in p.tasks}
    buffered_closing = {
        (i.body, i.id) for i in schedule.items
        if i.role in CLOSING and i.kind == "procedural" and i.allotted_minutes != estimates.get((i.body, i.id), i.allotted_minutes)
    }
    meetings = list(schedule.meetings)
    for body in {body for body, _ in buffered_closing}:
        own = [n for n, m in enumerate(meetings) if m.body == body]
        last = max(own, key=lambda n: (meetings[n].date, minutes_of(meetings[n].start)))
        mine = {item: minutes for (b, item), minutes in estimates.items() if b == body}
        meetings[last] = _closing_restored(meetings[last], mine, {item for b, item in buffered_closing if b == body})
    items = [
        i.model_copy(update={
            "estimate_minutes": estimates.get((i.body, i.id), i.estimate_minutes),
            "allotted_minutes": estimates[(i.body, i.id)] if (i.body, i.id) in buffered_closing else i.allotted_minutes,
        })
        for i in schedule.items
    ]
    schedule = schedule.model_copy(update={"items": items, "meetings": meetings})
    penalties = []
    for problem in session.bodies:
        part = schedule.for_body(problem.body.id) if session.several else schedule
        report = validate(problem, part)
        if not report.ok:
            raise OrgworkError(f"a reliable draft breaks a rule of the file: {report.violations[0]}")
        penalties += [p.model_copy(update={"body": problem.body.id}) if session.several else p for p in report.penalties]
    return schedule.model_copy(update={"penalties": penalties})


def _figures(schedule: Schedule) -> tuple[int, int]:
    """Meetings used and free minutes left in them."""
    def length(a, b) -> int:
        return (b.hour * 60 + b.minute) - (a.hour * 60 + a.minute)

    spare = sum(length(m.start, m.end) - sum(length(p.start, p.end) for p in m.pieces) for m in schedule.meetings)
    return len(schedule.meetings), spare


def reliable_draft(instance: Instance, target: float, settings: SolveSettings | None = None, progress: ProgressHook | None = None,
                   samples: int = SAMPLES, seed: int = 0) -> Schedule:
    """The least buffered draft whose chance of holding reaches `target`, with its record."""
    settings = settings or SolveSettings()
    session = interpret_session(instance)
    started = time.monotonic()
    tried: list[Tried] = []
    found: list[tuple[float, float, Schedule]] = []  # (buffer, probability, draft)
    for buffer in BUFFERS:
        left = settings.time_limit - (time.monotonic() - started)
        if found and left < 0.1:
            break
        try:
            draft = _solve(session, buffer, replace(settings, time_limit=max(0.1, left)), progress)
        except (DoesNotFit, NotFoundInTime):
            if not found:
                raise
            tried.append(Tried(buffer=buffer, probability=None))
            break
        try:
            draft = _restored(session, draft)
        except Unrestorable:
            tried.append(Tried(buffer=buffer, probability=None))
            continue
        chance = min(body.holds for body in assess(instance, draft, samples, seed).bodies)
        tried.append(Tried(buffer=buffer, probability=chance))
        found.append((buffer, chance, draft))
        if chance >= target:
            break
    buffer, chance, draft = next((f for f in found if f[1] >= target), max(found, key=lambda f: (f[1], -f[0])))
    used, spare = _figures(draft)
    plain_used, plain_spare = _figures(found[0][2])
    record = ReliabilityRecord(
        target=target, probability=chance, reached=chance >= target, buffer=buffer, samples=samples, seed=seed,
        meetings_used=used, spare_minutes=spare, plain_probability=found[0][1], plain_meetings_used=plain_used,
        plain_spare_minutes=plain_spare, tried=tried,
    )
    return draft.model_copy(update={"reliability": record})
