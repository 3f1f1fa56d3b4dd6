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
from solver.problem.session import Session, interpret_session
from solver.schedule import LeftOut, Schedule
from solver.solving.session import solve_session
from solver.solving.solve import ProgressHook, SolveSettings, relayed, solve


def always_kept(task: Task) -> bool:
    return not task.substantive or task.role == "report"


def ranking(problem: Problem) -> list[Task]:
    """The items that may be left out, most important first: by priority, a pinned item before
    an unpinned one of the same priority (its day is promised), then in agenda order."""
    optional = [t for t in problem.tasks if not always_kept(t)]
    return sorted(optional, key=lambda t: (*_importance(problem, t), t.index))


def _importance(problem: Problem, task: Task) -> tuple:
    """Most important first: by priority (none last), a pinned item before an unpinned one."""
    priority = problem.items[task.index].priority
    return priority is None, priority or 0, task.pinned is None


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
    schedule.left_out = [LeftOut(id=t.id, title=t.title, titles=dict(t.titles), estimate_minutes=t.estimate) for t in problem.tasks if t.id in left_out]
    return schedule


def _agreed_rows(problem: Problem, left_out: set[str]):
    rows = set()
    for index, sitting in problem.agreed:
        task = problem.tasks[index]
        if task.id not in left_out:
            slot = problem.sittings[sitting]
            rows.add((task.id, slot.date, slot.name))
    return frozenset(rows)


Dropped = tuple[str, Task]  # (body id, item)


def _session_without(instance: Instance, left_out: list[Dropped]) -> Instance:
    by_body: dict[str, set[str]] = {}
    for body, task in left_out:
        by_body.setdefault(body, set()).add(task.id)
    return edits.apply(instance, *(edits.remove_items(ids, body) for body, ids in sorted(by_body.items()))) if by_body else instance


def session_ranking(session: Session) -> list[Dropped]:
    """Every body's items that may be left out, most important first: by priority, pinned before
    unpinned, then by their place in their own agenda as a share of it, so that the bodies give up
    items in turn rather than one body losing all of its own first."""
    out = []
    for problem in session.bodies:
        ranked = ranking(problem)
        for rank, task in enumerate(ranked):
            key = (*_importance(problem, task), rank / max(1, len(ranked)), problem.body.id)
            out.append((key, (problem.body.id, task)))
    return [entry for _, entry in sorted(out, key=lambda pair: pair[0])]


def plan_session_partially(instance: Instance, settings: SolveSettings | None = None, progress: ProgressHook | None = None) -> Schedule:
    """A session of several bodies: the full draft if it fits; otherwise what fits, body by body
    by priority (each body's procedural items and report always kept), the rest listed per body.
    A body that cannot meet at all (its dates, its room) is said so, never silently dropped."""
    settings = settings or SolveSettings()
    started = time.monotonic()
    session = interpret_session(instance)
    try:
        return solve_session(session, settings, progress)
    except DoesNotFit as error:
        failure = error
    budget = Budget(settings.time_limit - (time.monotonic() - started))

    def fits(left_out: list[Dropped]) -> bool:
        return bool(feasible(_session_without(instance, left_out), budget.left(5.0)))

    ranked = session_ranking(session)
    dropped: list[Dropped] = []
    while len(dropped) < len(ranked) and not fits(dropped):
        dropped.append(ranked[len(ranked) - 1 - len(dropped)])
    if not fits(dropped):
        raise _no_partial_plan(instance, dropped, failure, budget)
    left_out = list(dropped)
    for entry in sorted(dropped, key=ranked.index):
        trial = [d for d in left_out if d != entry]
        if not budget.over() and fits(trial):
            left_out = trial
    reduced = interpret_session(_session_without(instance, left_out))
    remaining = replace(settings, time_limit=max(1.0, settings.time_limit - (time.monotonic() - started)))
    schedule = solve_session(reduced, remaining, relayed(progress, settings.time_limit, started))
    gone = {(body, task.id) for body, task in left_out}
    schedule.left_out = [
        LeftOut(body=problem.body.id, id=t.id, title=t.title, titles=dict(t.titles), estimate_minutes=t.estimate)
        for problem in session.bodies for t in problem.tasks if (problem.body.id, t.id) in gone
    ]
    return schedule


def _no_partial_plan(instance: Instance, dropped: list[Dropped], failure: DoesNotFit, budget: Budget) -> DoesNotFit:
    """Why not even the items always kept can be planned: the bodies that cannot meet on their
    own (their dates, their room), named; or, when each can alone, that they cannot together."""
    reduced = _session_without(instance, dropped)
    alone = []
    for body in reduced.body_list():
        untied = body.model_copy(update={"after": (), "before": (), "items": tuple(i.model_copy(update={"follows": ()}) for i in body.items)})
        single = reduced.model_copy(update={"bodies": (untied,), "blocks": ()})
        if not feasible(single, budget.left(5.0)):
            alone.append(body.name)
    if alone:
        return DoesNotFit(
            f"{', '.join(alone)} cannot meet even with only {'its' if len(alone) == 1 else 'their'} procedural items and report",
            (f"a partial plan keeps them always; {failure.summary}",),
        )
    return DoesNotFit(
        "even the bodies' procedural items and reports alone cannot be planned together",
        ("a partial plan keeps them always; see the explanation of the full session",),
    )
