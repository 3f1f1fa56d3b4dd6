"""`solve --reliability P`: a draft whose chance of holding when items overrun reaches P.

The draft is solved against buffered estimates and checked by simulation against the file's:
each substantive item's estimate is raised by a number of its spreads (times exp(b x spread),
in 5-minute steps; procedural items keep their time, as the house rules say), from none upwards,
until the simulated chance that every item is taken up within the draft's meetings reaches the
target. A buffered debate makes the draft plan room for it: another meeting where the meetings
granted are a ceiling, time taken from the spare time where they are all held. When the target
cannot be reached (no draft exists for a larger buffer), the most reliable draft found is the
answer, marked as not reaching it. Every draft meets the file's rules: substantive items only get
more than their estimates, which the rules allow.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace

from solver.check.validate import validate
from solver.errors import DoesNotFit, NotFoundInTime, OrgworkError
from solver.input.instance import Instance
from solver.plans.risk import assess
from solver.plans.risk.durations import spread_for
from solver.problem.problem import Problem
from solver.problem.session import Session, interpret_session
from solver.schedule import ReliabilityRecord, Schedule, Tried
from solver.solving.session import solve_session
from solver.solving.solve import ProgressHook, SolveSettings, solve

BUFFERS = (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0)
SAMPLES = 4000


def buffered(problem: Problem, buffer: float) -> Problem:
    """`problem` with each substantive item's estimate raised by `buffer` spreads."""
    if not buffer:
        return problem
    own = {item.id: item.spread for item in problem.items}
    tasks = []
    for task in problem.tasks:
        if task.substantive and not task.carved:
            spread = spread_for(task.role, True, own.get(task.id), problem.rules.spreads)
            task = replace(task, estimate=max(task.estimate, 5 * math.ceil(task.estimate * math.exp(buffer * spread) / 5)))
        tasks.append(task)
    return replace(problem, tasks=tuple(tasks))


def _solve(session: Session, buffer: float, settings: SolveSettings, progress: ProgressHook | None) -> Schedule:
    bodies = tuple(buffered(p, buffer) for p in session.bodies)
    if session.several:
        return solve_session(replace(session, bodies=bodies), settings, progress)
    return solve(bodies[0], settings, progress)


def _restored(session: Session, schedule: Schedule) -> Schedule:
    """The draft with the file's estimates and the penalties the file's rules count."""
    estimates = {(p.body.id if session.several else None, t.id): t.estimate for p in session.bodies for t in p.tasks}
    items = [i.model_copy(update={"estimate_minutes": estimates.get((i.body, i.id), i.estimate_minutes)}) for i in schedule.items]
    schedule = schedule.model_copy(update={"items": items})
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
        draft = _restored(session, draft)
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
