"""Ways to a proof or a draft that the full search would find slowly, tried before it: the free
sittings planned last, and the items planned in the agenda's order when the rules leave it open.
Each is exact where it claims to be (a draft it returns is the optimum; a guess is only a hint)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from solver.check.validate import validate
from solver.errors import DoesNotFit, NotFoundInTime
from solver.model.build import BuiltModel, build, relaxed_floor
from solver.model.extract import sitting_records
from solver.problem.problem import Precedence, Problem
from solver.problem.sequence import is_total, topological_order
from solver.rules import RULES
from solver.schedule import Schedule, SolverRecord, StageRecord
from solver.solving import stopping
from solver.solving.stages import MEANINGS, SITTING_HOURS

if TYPE_CHECKING:
    from solver.solving.solve import ProgressHook, SolveSettings


def free_sittings_last(problem: Problem, settings: SolveSettings, progress: ProgressHook | None, solve: Callable[..., Schedule]) -> Schedule | None:
    """With fewer meetings granted than sittings, plan first with the free sittings at the end.

    There the calendar layer is fixed and the boundary network exact; where meetings may leave
    sittings free anywhere, the network only knows the longest sitting a meeting may have, and
    on 41 meetings in 42 sittings with an event the bound stayed 130 below a draft it could not
    prove in 20 s. A draft with a free sitting before the end pays at least 'Free sittings at the
    end' on top of the relaxed network's floor; so when the draft with the free sittings last is
    within that much of the floor, no other draft beats it, and it is the answer. Otherwise
    (or if it has no draft) the full problem is solved as usual. None: not the answer."""
    rules = problem.rules
    held = min(problem.granted, len(problem.window))
    if not (rules.hold_meetings_granted and rules.free_sittings_at_end) or problem.body.consecutive or held >= len(problem.window):
        return None
    if problem.extended:
        return None  # the free sittings left last may need more minutes of extension than the full problem
    tail = replace(problem, body=replace(problem.body, last_sitting=problem.body.first_sitting + held - 1))
    try:
        schedule = solve(tail, replace(settings, time_limit=settings.time_limit / 2), progress)
    except (DoesNotFit, NotFoundInTime):
        return None
    penalty = schedule.solver.stages[0]
    # a stop during the shortcut keeps its draft (valid for the full problem: its free sittings
    # are last), rather than starting the full search only to say no draft was found
    stopped = stopping.requested()
    if not stopped and (penalty.status != "OPTIMAL" or penalty.value > RULES["free-sittings-at-end"].weight + relaxed_floor(problem)):
        return None
    _judged_on(problem, schedule)
    schedule.solver = schedule.solver.model_copy(update={"time_limit": settings.time_limit})
    return schedule


def _judged_on(problem: Problem, schedule: Schedule):
    """A shortcut's draft judged on the full problem: its penalties and sittings as the full
    problem counts them (a broken rule is a bug)."""
    report = validate(problem, schedule)
    if not report.ok:
        raise RuntimeError(f"the solver's draft breaks {report.violations[0]}; this is a bug in orgwork")
    schedule.penalties = list(report.penalties)
    schedule.sittings = sitting_records(problem, schedule.meetings)
    return report


def within_normal_hours(
    problem: Problem, settings: SolveSettings, progress: ProgressHook | None, baseline: Schedule | None, solve: Callable[..., Schedule]
) -> Schedule | None:
    """Where a sitting may be extended, plan first within the normal hours, in half the time.

    'Sittings kept to their hours' is the first stage: once it finds that no minute beyond a
    sitting's end is needed, every later stage solves the problem without extensions. Solved as
    that problem, it keeps the constant meeting axis, the time links and the exact boundary
    network, where the axis with extensions as decisions took four times as long on 100 items
    that never used them. So a draft found within the normal hours is the answer, judged on the
    real calendar; only when there is none (or none in time) is the extended problem solved.
    None: not the answer."""
    if not problem.extended:
        return None
    try:
        schedule = solve(problem.within_hours(), replace(settings, time_limit=settings.time_limit / 2), progress, baseline)
    except (DoesNotFit, NotFoundInTime):
        return None
    report = _judged_on(problem, schedule)
    schedule.solver = kept_to_hours(schedule.solver, settings, report.objective)
    return schedule


def kept_to_hours(record: SolverRecord, settings: SolveSettings, objective: int) -> SolverRecord:
    """The solver record of a draft planned within the normal hours, as the full solve would
    give it: 'sitting hours' first, proven 0 (no draft goes below)."""
    kept = StageRecord(name=SITTING_HOURS, meaning=MEANINGS[SITTING_HOURS], status="OPTIMAL", value=0)
    return record.model_copy(update={"time_limit": settings.time_limit, "objective": objective, "stages": [kept, *record.stages]})


def ordered_guess(problem: Problem, built: BuiltModel, settings: SolveSettings) -> tuple[tuple[int, int], ...]:
    """When the rules leave the items' order open ('order: free', an event without a sitting,
    agenda order switched off), the search may not even find a first draft: 60 items over 20
    meetings without agenda order found none in 30 s. So the items are first planned in the
    order the rules allow with the agenda's order among equals, where the boundary network gives
    a draft at once; that draft (a restriction of the problem, so a valid one) is the full
    search's first guess. () when the order is already the only one, or the guess finds nothing."""
    from solver.solving.solve import Stage, run_stages

    sequence = topological_order(problem)
    if sequence is None:
        return ()
    axis = tuple(i for i in sequence if not problem.tasks[i].carved)
    if not axis or is_total(problem, axis):
        return ()
    direct = {(p.before, p.after) for p in problem.precedences}
    chain = tuple(Precedence("agenda-order", a, b, b) for a, b in zip(axis, axis[1:]) if (a, b) not in direct)
    chained = replace(problem, precedences=problem.precedences + chain)
    ordered = build(chained)
    share = replace(settings, time_limit=max(0.5, settings.time_limit / 4))

    def refused(status: int) -> None:
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            raise _NoGuess

    try:
        outcome = run_stages(
            ordered.model,
            [Stage("penalties", lambda: ordered.weighted_terms(), 1, keep_each=True, light=True, floor=ordered.floor)],
            [], [], share, None, refused, ordered.hint, time.monotonic(),
        )
    except _NoGuess:
        return ()
    ours, theirs = built.variables, ordered.variables
    pairs = [*zip(ours.start, theirs.start), *zip(ours.end, theirs.end), *zip(ours.meetings.structure(), theirs.meetings.structure())]
    pairs += [(a, b) for a, b in zip(ours.meetings.active, theirs.meetings.active) if not isinstance(a, bool)]
    guess: dict[int, int] = {}
    for mine, its in pairs:
        if not isinstance(mine, int):
            guess.setdefault(mine.index, int(outcome.solver.value(its)))
    return tuple(sorted(guess.items()))


class _NoGuess(Exception):
    """The ordered plan found no draft in its share of the time."""
