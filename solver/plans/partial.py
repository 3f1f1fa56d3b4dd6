"""Partial plans: when the whole agenda does not fit, plan what fits by priority and list the rest
as "if time permits", with the time each would need.

Procedural items and the report are always kept. The others are ranked by their `priority`
(1 first), then in agenda order. Items are dropped from the bottom of that ranking until the rest
fits, then the dropped ones are offered back, highest first, each kept if the plan still fits.
"""

from __future__ import annotations

import time
from dataclasses import replace

from solver.input import edits
from solver.errors import DoesNotFit
from solver.explain.explain import Budget
from solver.solving.feasibility import feasible
from solver.input.instance import Instance
from solver.problem.problem import Problem, Task, interpret
from solver.schedule import LeftOut, Schedule
from solver.solving.solve import ProgressHook, SolveSettings, relayed, solve


def always_kept(task: Task) -> bool:
    return not task.substantive or task.role == "report"


def ranking(problem: Problem) -> list[Task]:
    """The items that may be left out, most important first: by priority, a pinned item before
    an unpinned one of the same priority (its day is promised), then in agenda order."""
    items = problem.items
    optional = [t for t in problem.tasks if not always_kept(t)]
    return sorted(optional, key=lambda t: (items[t.index].priority is None, items[t.index].priority or 0, t.pinned is None, t.index))


def _without(instance: Instance, left_out: set[str]) -> Instance:
    return edits.apply(instance, edits.remove_items(left_out)) if left_out else instance


def plan_partially(problem: Problem, settings: SolveSettings | None = None, progress: ProgressHook | None = None) -> Schedule:
    """The full draft if the agenda fits; otherwise the best partial one, with `left_out` set.
    The whole plan keeps within the settings' time limit: an agenda the search cannot decide in
    the time left is treated as not fitting, so an item may be left out that would fit with more."""
    settings = settings or SolveSettings()
    started = time.monotonic()
    try:
        return solve(problem, settings, progress)
    except DoesNotFit:
        pass
    budget = Budget(settings.time_limit - (time.monotonic() - started))
    instance = problem.instance

    def fits(left_out: set[str]) -> bool:
        return bool(feasible(_without(instance, left_out), budget.left(5.0)))

    ranked = ranking(problem)
    dropped: list[Task] = []
    while len(dropped) < len(ranked) and not fits({t.id for t in dropped}):
        dropped.append(ranked[len(ranked) - 1 - len(dropped)])
    left_out = {t.id for t in dropped}
    if not fits(left_out):
        raise DoesNotFit(
            "even the procedural items and the report alone cannot be planned",
            ("a partial plan keeps them always; see the explanation of the full agenda",),
        )
    for task in sorted(dropped, key=lambda t: ranked.index(t)):
        trial = left_out - {task.id}
        if not budget.over() and fits(trial):
            left_out = trial
    reduced = interpret(_without(instance, left_out), agreed=_agreed_rows(problem, left_out))
    remaining = replace(settings, time_limit=max(1.0, settings.time_limit - (time.monotonic() - started)))
    schedule = solve(reduced, remaining, relayed(progress, settings.time_limit, started))
    schedule.left_out = [LeftOut(id=t.id, title=t.title, estimate_minutes=t.estimate) for t in problem.tasks if t.id in left_out]
    return schedule


def _agreed_rows(problem: Problem, left_out: set[str]):
    rows = set()
    for index, sitting in problem.agreed:
        task = problem.tasks[index]
        if task.id not in left_out:
            slot = problem.sittings[sitting]
            rows.add((task.id, slot.date, slot.name))
    return frozenset(rows)
