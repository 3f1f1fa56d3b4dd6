"""Solve an instance into a draft organization of work, in two stages.

Stage 1 minimises the weighted soft penalties. Stage 2 keeps that penalty and breaks ties between
equally good drafts by one rule a planner can predict: with 'No idle time', every item is taken
up as late as the meetings allow, so spare time stays with the item already on the floor; without
it, items are taken up as early and as short as they may be. Both stages use a fixed seed and,
with several workers, CP-SAT's interleaved search, so the same input gives the same draft.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.capacity import arithmetic, check_fit
from solver.errors import DoesNotFit
from solver.model.build import BuiltModel, build
from solver.model.extract import extract
from solver.problem import Problem
from solver.schedule import Schedule, SolverRecord
from solver.validate import validate


@dataclass(frozen=True)
class SolveSettings:
    time_limit: float = 30.0
    seed: int = 0
    workers: int = 2


@dataclass(frozen=True)
class Progress:
    """A better draft was found: reported to the caller, who decides whether to show it."""

    stage: str
    objective: float
    bound: float
    seconds: float


ProgressHook = Callable[[Progress], None]


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, stage: str, hook: ProgressHook, started: float) -> None:
        super().__init__()
        self._stage, self._hook, self._started = stage, hook, started

    def on_solution_callback(self) -> None:
        self._hook(Progress(self._stage, self.objective_value, self.best_objective_bound, time.monotonic() - self._started))


def _parameters(solver: cp_model.CpSolver, settings: SolveSettings, seconds: float) -> None:
    params = solver.parameters
    params.random_seed = settings.seed
    params.num_workers = settings.workers
    params.max_time_in_seconds = max(seconds, 0.1)
    if settings.workers > 1:
        params.interleave_search = True  # deterministic whatever the number of workers


def _run(built: BuiltModel, settings: SolveSettings, seconds: float, stage: str, hook: ProgressHook | None, started: float):
    solver = cp_model.CpSolver()
    _parameters(solver, settings, seconds)
    if hook is None:
        status = solver.solve(built.model)
    else:
        status = solver.solve(built.model, _Reporter(stage, hook, started))
    return solver, status


def tie_break_rule(problem: Problem) -> str:
    if problem.rules.no_idle_time:
        return "items taken up as late as the meetings allow"
    return "items taken up as early and as short as they may be"


def solve(problem: Problem, settings: SolveSettings | None = None, progress: ProgressHook | None = None) -> Schedule:
    """The best draft for `problem`, or `DoesNotFit` with the reason in planner terms."""
    settings = settings or SolveSettings()
    check_fit(problem)
    started = time.monotonic()
    built = build(problem)
    v = built.variables
    penalty = built.penalty()
    built.model.minimize(penalty)
    solver, status = _run(built, settings, settings.time_limit, "penalties", progress, started)
    if status == cp_model.INFEASIBLE:
        raise DoesNotFit(
            "no organization of work satisfies all the rules",
            (arithmetic(problem), "run 'orgwork explain' for the conflicting rules" ),
        )
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise DoesNotFit(
            f"no draft found within the time limit of {settings.time_limit:g} s",
            ("the solver could not yet tell whether one exists; raise --time-limit",),
        )
    first_status = solver.status_name(status)
    best = int(round(solver.objective_value))
    bound = int(round(solver.best_objective_bound))
    # stage 2: same penalty, the predictable tie-break
    model = built.model
    model.add(penalty <= best)
    model.clear_hints()
    for var in (*v.start, *v.end):
        model.add_hint(var, solver.value(var))
    if problem.rules.no_idle_time:
        model.maximize(cp_model.LinearExpr.sum(v.start))
    else:
        model.minimize(cp_model.LinearExpr.sum(v.start) + cp_model.LinearExpr.sum(v.end))
    remaining = settings.time_limit - (time.monotonic() - started)
    second, second_status = _run(built, settings, max(remaining, min(settings.time_limit, 2.0)), "tie-break", progress, started)
    final = second if second_status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else solver
    schedule = extract(final, v, problem)
    report = validate(problem, schedule)
    if not report.ok:
        raise RuntimeError(f"the solver's draft breaks {report.violations[0]}; this is a bug in orgwork")
    tie_break = f"{tie_break_rule(problem)} ({second.status_name(second_status)})"
    schedule.penalties = [p for p in report.penalties]
    schedule.solver = SolverRecord(
        status=first_status,
        objective=report.objective,
        bound=bound,
        seed=settings.seed,
        workers=settings.workers,
        time_limit=settings.time_limit,
        tie_break=tie_break,
    )
    if report.objective != best:
        raise RuntimeError(f"the validator counts penalty {report.objective}, the model {best}; this is a bug in orgwork")
    return schedule
