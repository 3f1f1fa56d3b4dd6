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
from solver.model import timing
from solver.model.build import BuiltModel, build
from solver.model.extract import extract
from solver.problem import Problem
from solver.schedule import Schedule, SolverRecord
from solver.validate import validate


@dataclass(frozen=True)
class SolveSettings:
    time_limit: float = 30.0
    seed: int = 0
    workers: int = 1


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


@dataclass(frozen=True)
class Stage:
    """One objective of the lexicographic solve: penalties first, then the tie-breaks."""

    name: str
    expression: cp_model.LinearExprT
    sense: int  # 1 minimise, -1 maximise


def _stages(built: BuiltModel, problem: Problem) -> list[Stage]:
    v = built.variables
    stages = [Stage("penalties", built.penalty(), 1)]
    if problem.rules.no_idle_time:
        if sum(t.substantive for t in problem.tasks) > 1:
            stages.append(Stage("shares", timing.share_deviation(v), 1))
        stages.append(Stage("latest", cp_model.LinearExpr.sum(v.start), -1))
    else:
        stages.append(Stage("earliest", cp_model.LinearExpr.sum(v.start) + cp_model.LinearExpr.sum(v.end), 1))
    return stages


TIE_BREAKS = {
    "shares": "spare time shared in proportion to estimates",
    "latest": "items taken up as late as the meetings allow",
    "earliest": "items taken up as early and as short as they may be",
}


def _solver(settings: SolveSettings, seconds: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.random_seed = settings.seed
    params.num_workers = settings.workers
    params.max_time_in_seconds = max(seconds, 0.1)
    if settings.workers > 1:
        # deterministic whatever the number of workers; batches as wide as the workers
        params.interleave_search = True
        params.interleave_batch_size = settings.workers
    return solver


def solve(problem: Problem, settings: SolveSettings | None = None, progress: ProgressHook | None = None) -> Schedule:
    """The best draft for `problem`, or `DoesNotFit` with the reason in planner terms.

    The stages run in order, each keeping the optimum of the ones before; the time limit is
    shared, but every tie-break stage may take at least a second to settle.
    """
    settings = settings or SolveSettings()
    check_fit(problem)
    started = time.monotonic()
    built = build(problem)
    model, v = built.model, built.variables
    statuses: list[str] = []
    final: cp_model.CpSolver | None = None
    bound = 0
    for number, stage in enumerate(_stages(built, problem)):
        if stage.sense > 0:
            model.minimize(stage.expression)
        else:
            model.maximize(stage.expression)
        remaining = settings.time_limit - (time.monotonic() - started)
        seconds = remaining if number == 0 else max(remaining, min(settings.time_limit, 1.0))
        solver = _solver(settings, seconds)
        status = solver.solve(model, _Reporter(stage.name, progress, started)) if progress else solver.solve(model)
        if number == 0:
            _first_stage_failed(problem, settings, status)
            bound = int(round(solver.best_objective_bound))
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            statuses.append(f"{stage.name}: {solver.status_name(status)}")
            break
        final = solver
        statuses.append(f"{stage.name}: {solver.status_name(status)}")
        value = int(round(solver.objective_value))
        model.add(stage.expression <= value if stage.sense > 0 else stage.expression >= value)
        model.clear_hints()
        for var in (*v.start, *v.end):
            model.add_hint(var, solver.value(var))
    assert final is not None
    schedule = extract(final, v, problem)
    report = validate(problem, schedule)
    if not report.ok:
        raise RuntimeError(f"the solver's draft breaks {report.violations[0]}; this is a bug in orgwork")
    schedule.penalties = list(report.penalties)
    schedule.solver = SolverRecord(
        status=statuses[0].split(": ")[1],
        objective=report.objective,
        bound=bound,
        seed=settings.seed,
        workers=settings.workers,
        time_limit=settings.time_limit,
        tie_break="; ".join(f"{TIE_BREAKS[s.split(': ')[0]]} ({s.split(': ')[1]})" for s in statuses[1:]),
    )
    return schedule


def _first_stage_failed(problem: Problem, settings: SolveSettings, status: int) -> None:
    if status == cp_model.INFEASIBLE:
        raise DoesNotFit("no organization of work satisfies all the rules", (arithmetic(problem),))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise DoesNotFit(
            f"no draft found within the time limit of {settings.time_limit:g} s",
            ("the solver could not yet tell whether one exists; raise --time-limit",),
        )
