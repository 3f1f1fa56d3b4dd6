"""Solve an instance into a draft organization of work, as a sequence of objectives.

With a published baseline, the first stages move as few items, then as few minutes, from it.
Then the weighted soft penalties. Then ties between equally good drafts are broken by rules a
planner can predict: spare time shared among substantive items in whole meetings, in proportion
to their estimates; then items taken up in as late a meeting as they may be; then the structure
(which meetings hold which items) is fixed and, with 'No idle time', every item is taken up as
late as the meetings allow, so the minutes left over stay
with the item already on the floor (without it: as early and as short as it may be). Each stage
keeps the optimum of the ones before. With the structure fixed, the last stage is a linear
program over difference constraints, whose optimum is integral: milliseconds, where a share of
minutes in proportion to estimates (tried first) took minutes to prove on 200 items. A fixed seed and, with several workers, CP-SAT's interleaved search
make the same input give the same draft.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from solver.problem.capacity import arithmetic, check_fit
from solver.errors import DoesNotFit, Interrupted, NotFoundInTime
from solver.model import timing
from solver.model.build import BuiltModel, build
from solver.model.extract import extract
from solver.problem.problem import Problem
from solver.check.diff import diff
from solver.model.baseline import Baseline, baseline_of, minutes_changed, moved_items
from solver.schedule import Schedule, SolverRecord, StageRecord
from solver.solving import shortcuts, stopping
from solver.solving.stages import MEANINGS, SITTING_HOURS
from solver.check.validate import validate


@dataclass(frozen=True)
class SolveSettings:
    """The search's settings; `time_limit` bounds the whole solve, every stage included."""

    time_limit: float = 30.0
    seed: int = 0
    workers: int = 1


@dataclass(frozen=True)
class Progress:
    """A better draft was found: reported to the caller, who decides whether to show it."""

    stage: str
    objective: float
    bound: float
    seconds: float  # since the solve started
    limit: float = 0.0  # the solve's time limit, in seconds
    # the penalty stage: how often the draft breaks each soft rule (rule key, count), those it breaks
    counts: tuple[tuple[str, int], ...] = ()


ProgressHook = Callable[[Progress], None]


def relayed(progress: ProgressHook | None, limit: float, started: float) -> ProgressHook | None:
    """A hook for a solve inside a larger one (a shortcut, the partial plan's last solve): its
    progress told against the whole command's clock and time limit, as the planner set them."""
    if progress is None:
        return None
    return lambda p: progress(replace(p, seconds=time.monotonic() - started, limit=limit))


class _Watcher(cp_model.CpSolverSolutionCallback):
    """Reports each draft found to the progress hook, and stops the search at a draft whose
    objective reaches the stage's floor: no draft can do better, so it is optimal."""

    def __init__(self, stage: Stage, hook: ProgressHook | None, started: float, limit: float) -> None:
        super().__init__()
        self._stage, self._hook, self._started, self._limit = stage, hook, started, limit
        self._counts = stage.counts() if hook is not None and stage.counts is not None else {}

    def on_solution_callback(self) -> None:
        if self._hook is not None:
            counts = tuple((key, n) for key, expression in self._counts.items() if (n := int(self.value(expression))))
            self._hook(
                Progress(self._stage.name, self.objective_value, self.best_objective_bound, time.monotonic() - self._started, self._limit, counts)
            )
        if _reached(self._stage, self.objective_value):
            self.stop_search()


def _reached(stage: Stage, objective: float) -> bool:
    return stage.floor > 0 and stage.sense > 0 and objective <= stage.floor


@dataclass(frozen=True)
class Stage:
    """One objective of the lexicographic solve: penalties first, then the tie-breaks."""

    name: str
    # the objective's terms, built when the stage runs so that a tie-break's variables (the
    # shares' gaps) stay out of the stages before it; the objective is their sum
    terms: Callable[[], tuple[cp_model.LinearExprT, ...]]
    sense: int  # 1 minimise, -1 maximise
    fixes_structure: bool = False  # after it, which meetings hold which items is settled
    keep_each: bool = False  # several bodies: each term (one body's share) kept at its own value
    # the boundary network gives the penalties' bound in presolve's first pass; the later passes,
    # symmetry detection, SAT presolve, big-overlap detection and precedence detection find
    # nothing there and cost up to half the stage, but the tie-breaks need them (benchmarks/README.md)
    light: bool = False
    # the agenda has items due by a date (not_after, between, a segment's days): the boundary
    # network prices paths those last days cut, and its floor falls short of the optimum (40 items
    # in five segments with windows: floor 1730, optimum 1780); CP-SAT's full linearization sees
    # them and proves in a tenth of the time (benchmarks/README.md), where the network alone is
    # tight it costs a third more, so it is asked for only here
    linearize: bool = False
    # no solution of this stage is below it (the penalties: the boundary network's cheapest
    # path); a draft that reaches it ends the stage, proven optimal. Not given to CP-SAT as the
    # objective's domain: that turns off presolve's own bound (50 bodies lost their proof)
    floor: int = 0
    # a tie-break stops once its draft is this close to its bound (relative): it only chooses
    # among drafts of equal penalty, and the shares' last half per cent took 20 s to prove on
    # 200 items; the penalty stage is always proven exact
    tolerance: float = 0.0
    # the soft rules' counts (rule key -> count), for the progress a planner reads
    counts: Callable[[], dict[str, cp_model.LinearExprT]] | None = None
    # follow the linear relaxation's solution (the penalties, whose bound the network makes
    # tight); 'sitting hours' has no such bound (the minutes beyond the ends are decided by
    # where items cross the boundaries) and proves its optimum with CP-SAT's own search: on 50
    # items over 20 full meetings 1.1 s instead of 2.4 s, on 100 items over 40 in 17 s, where the
    # relaxation's search had not proven it in 20 s
    lp_search: bool = True


INTERRUPTED = "INTERRUPTED"  # the solver record's status when the planner stopped the search
NOT_FINISHED = "NOT FINISHED"  # a stage that found nothing within its share: the draft before it stands
NEAR = "WITHIN 0.5 %"  # a tie-break stopped within its tolerance of its bound
TIE_BREAK_TOLERANCE = 0.005



def _stages(built: BuiltModel, problem: Problem, published: Baseline | None) -> list[Stage]:
    v = built.variables
    stages = []
    extended = built.extended_minutes()
    if extended is not None:
        # before anything else: a sitting is extended only when no draft keeps to the normal hours
        stages.append(Stage(SITTING_HOURS, lambda: (extended,), 1, light=True, lp_search=False))
    if published is not None:
        stages.append(Stage("moves", lambda: (moved_items(v, published),), 1))
        stages.append(Stage("minutes", lambda: (minutes_changed(v, published),), 1))
    if problem.rules.no_idle_time:
        # each soft rule's count is kept at its value after the stage, not only their sum: the
        # tie-breaks choose among drafts that break the same conventions as often, and a count
        # kept at zero ('Time in proportion') becomes plain bounds the later stages propagate
        stages.append(
            Stage("penalties", lambda: built.weighted_terms(), 1, keep_each=True, light=True, floor=built.floor, counts=lambda: built.terms,
                  linearize=due_by_a_date(problem))
        )
        if sum(t.substantive for t in problem.tasks) > 1:
            stages.append(Stage("meeting shares", lambda: (timing.meeting_share_deviation(v),), 1, tolerance=TIE_BREAK_TOLERANCE))
        stages.append(Stage("spare at the end", lambda: (timing.spare_at_the_end(v),), -1, fixes_structure=True, tolerance=TIE_BREAK_TOLERANCE))
        stages.append(Stage("latest", lambda: tuple(v.start), -1))
    else:
        stages.append(
            Stage("penalties", lambda: (built.penalty(),), 1, fixes_structure=True, light=True, floor=built.floor, counts=lambda: built.terms)
        )
        stages.append(Stage("earliest", lambda: (*v.start, *v.end), 1))
    return stages


def due_by_a_date(problem: Problem) -> bool:
    """Whether some item must be taken up by a day (not_after, between, its segment's days)."""
    return any(t.not_after is not None for t in problem.tasks)


def configured_solver(settings: SolveSettings, seconds: float, light: bool = False) -> cp_model.CpSolver:
    solver = stopping.new_solver()
    params = solver.parameters
    params.random_seed = settings.seed
    params.num_workers = settings.workers
    params.max_time_in_seconds = max(seconds, 0.01)
    # measured on the benchmark ladder (benchmarks/README.md): probing costs seconds of presolve
    # on large agendas and buys nothing once the boundary network makes the bound tight, and
    # following the LP's solution finds the optimum at once
    params.cp_model_probing_level = 0
    params.search_branching = cp_model.LP_SEARCH
    if light:
        # the penalty stage: each of these finds nothing in that model. The model states the
        # cliques its relaxation needs (the network's flows, one state per boundary, where each
        # item is first taken up), so growing every at-most-one through the implications, half
        # of CP-SAT's work on 200 items, is skipped
        params.max_presolve_iterations = 1
        params.symmetry_level = 0
        params.cp_model_use_sat_presolve = False
        params.find_big_linear_overlap = False
        params.auto_detect_greater_than_at_least_one_of = False
        params.merge_at_most_one_work_limit = 0
    if settings.workers > 1:
        # deterministic whatever the number of workers; batches as wide as the workers
        params.interleave_search = True
        params.interleave_batch_size = settings.workers
    return solver


@dataclass
class Outcome:
    """What the stages produced: the last solver with a solution, each stage's record, the bound."""

    solver: cp_model.CpSolver
    records: list[StageRecord]
    bound: int


def run_stages(
    model: cp_model.CpModel,
    stages: list[Stage],
    structure: list[cp_model.IntVar],
    hinted: list[cp_model.IntVar],
    settings: SolveSettings,
    progress: ProgressHook | None,
    refused: Callable[[int], None],
    first_guess: tuple[tuple[int, int], ...] = (),
    started: float | None = None,
) -> Outcome:
    """Optimise each stage in turn, keeping the optimum of the ones before; `refused` turns the
    first stage's failure into the planner's message. `first_guess` (proto variable index, value)
    hints the first stage; each later stage is hinted with the solution of the one before.
    Each stage gets its share of what is left of the time limit (`_seconds`), counted from
    `started`; a stage that runs out keeps the best it found, and the stages after it still run.
    When the planner asks to stop, the stages after the running one are skipped."""
    started = time.monotonic() if started is None else started
    hinted = list({var.index: var for var in hinted}.values())  # consecutive items share a variable
    for index, value in first_guess:
        boolean = list(model.proto.variables[index].domain) == [0, 1]
        model.add_hint(model.get_bool_var_from_proto_index(index) if boolean else model.get_int_var_from_proto_index(index), value)
    records: list[StageRecord] = []
    final: cp_model.CpSolver | None = None
    bound = 0
    for number, stage in enumerate(stages):
        if final is not None and stopping.requested():
            break
        terms = stage.terms()
        expression = cp_model.LinearExpr.sum(terms)
        if stage.sense > 0:
            model.minimize(expression)
        else:
            model.maximize(expression)
        solver, status = None, None
        # after the extensions' stage alone, a stage shares the time as the first one does
        ahead = number if number and all(s.name == SITTING_HOURS for s in stages[:number]) else 0
        seconds = _seconds(settings, started, number - ahead, len(stages) - ahead)
        if number == 0 and first_guess:
            solver, status = _completed_guess(model, stage, settings, seconds, progress, started)
        if solver is None:
            solver = configured_solver(settings, _seconds(settings, started, number - ahead, len(stages) - ahead), stage.light)
            if stage.linearize:
                solver.parameters.linearization_level = 2
            solver.parameters.relative_gap_limit = stage.tolerance
            if not stage.lp_search:
                solver.parameters.search_branching = cp_model.AUTOMATIC_SEARCH
            watched = progress is not None or stage.floor > 0
            status = stopping.run(solver, model, _Watcher(stage, progress, started, settings.time_limit) if watched else None)
        if status == cp_model.MODEL_INVALID:
            raise RuntimeError(f"CP-SAT refused the model at stage {stage.name!r}: {model.validate()}; this is a bug in orgwork")
        if status == cp_model.FEASIBLE and _reached(stage, solver.objective_value):
            status = cp_model.OPTIMAL
        if number == 0:
            refused(status)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            # a tie-break that found nothing better in its share keeps the draft before it
            assert final is not None
            kept = int(round(final.value(expression)))
            records.append(StageRecord(name=stage.name, meaning=MEANINGS[stage.name], status=NOT_FINISHED, value=kept))
            model.add(expression <= kept if stage.sense > 0 else expression >= kept)
            continue
        if stage.name == "penalties":
            bound = max(int(round(solver.best_objective_bound)), stage.floor)
        final = solver
        value = int(round(solver.objective_value))
        label = solver.status_name(status)
        if stage.tolerance and status == cp_model.OPTIMAL and round(solver.best_objective_bound) != value:
            label = NEAR  # stopped at its tolerance, not proven
        records.append(StageRecord(name=stage.name, meaning=MEANINGS[stage.name], status=label, value=value))
        model.add(expression <= value if stage.sense > 0 else expression >= value)
        for part in terms if stage.keep_each else ():
            kept = int(round(solver.value(part)))
            model.add(part <= kept if stage.sense > 0 else part >= kept)
        if stage.fixes_structure:
            fix_structure(model, solver, structure)
        model.clear_hints()
        for var in hinted:
            model.add_hint(var, solver.value(var))
    assert final is not None
    return Outcome(final, records, bound)


def _seconds(settings: SolveSettings, started: float, number: int, count: int) -> float:
    """The share of the time limit stage `number` of `count` may use. The first stage, which
    must find a draft, gets what is left but a tenth of the limit for each stage after it (and
    so does the stage after 'sitting hours', counted as the first of the rest: that stage only
    counts minutes beyond the sittings' ends, quickly, as most drafts have none); each
    later stage an equal part of what is left, so time one stage does not need goes to the next,
    but at most a tenth of the limit: a tie-break chooses among drafts of equal penalty, and on
    150 items 'latest meetings' found its best draft in a second and spent 29 more on a bound
    it could not close."""
    remaining = settings.time_limit - (time.monotonic() - started)
    after = count - number - 1
    if number == 0:
        return max(0.01, remaining - 0.1 * settings.time_limit * after)
    return max(0.01, min(remaining / (after + 1), 0.1 * settings.time_limit))


def _completed_guess(
    model: cp_model.CpModel, stage: Stage, settings: SolveSettings, seconds: float, progress: ProgressHook | None, started: float
) -> tuple[cp_model.CpSolver | None, int | None]:
    """Complete the first guess (the cheapest path) into a draft without presolve or linear
    relaxation, which on 200 items takes a tenth of a full stage. If that first draft meets the
    stage's floor it is optimal: return its solver and OPTIMAL; otherwise (None, None), and the
    stage runs in full. The budget is deterministic time, so the outcome is the same on every run."""
    if not stage.floor or stage.sense < 0:
        return None, None
    solver = configured_solver(settings, seconds)
    solver.parameters.cp_model_presolve = False
    solver.parameters.linearization_level = 0
    solver.parameters.stop_after_first_solution = True
    solver.parameters.max_deterministic_time = 0.5
    status = stopping.run(solver, model, _Watcher(stage, progress, started, settings.time_limit))
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and _reached(stage, solver.objective_value):
        return solver, cp_model.OPTIMAL
    if status == cp_model.FEASIBLE and stopping.requested():
        return solver, cp_model.FEASIBLE  # the planner stopped here: this draft is the one found so far
    return None, None


def record_of(settings: SolveSettings, outcome: Outcome, objective: int) -> SolverRecord:
    penalty_stage = next((r for r in outcome.records if r.name == "penalties"), outcome.records[-1])
    return SolverRecord(
        status=INTERRUPTED if stopping.requested() else penalty_stage.status,
        objective=objective,
        bound=outcome.bound,
        seed=settings.seed,
        workers=settings.workers,
        time_limit=settings.time_limit,
        stages=outcome.records,
    )


def solve(
    problem: Problem,
    settings: SolveSettings | None = None,
    progress: ProgressHook | None = None,
    baseline: Schedule | None = None,
) -> Schedule:
    """The best draft for one body's `problem`, or `DoesNotFit` with the reason in planner terms.

    The stages run in order, each keeping the optimum of the ones before, within the time
    limit. With a `baseline` (a published schedule), the first stages move as few items and
    minutes from it as possible, and the result lists the moves.
    """
    settings = settings or SolveSettings()
    started = time.monotonic()
    check_fit(problem)
    within = shortcuts.within_normal_hours(problem, settings, relayed(progress, settings.time_limit, started), baseline, solve)
    if within is not None:
        return within
    if baseline is None:
        early = shortcuts.free_sittings_last(problem, settings, relayed(progress, settings.time_limit, started), solve)
        if early is not None:
            return early
    built = build(problem)
    v = built.variables
    published = baseline_of(baseline, problem) if baseline is not None else None
    outcome = run_stages(
        built.model,
        _stages(built, problem, published),
        v.meetings.structure(),
        [*v.start, *v.end],
        settings,
        progress,
        lambda status: _first_stage_failed(problem, settings, status),
        built.hint or shortcuts.ordered_guess(problem, built, settings),
        started,
    )
    schedule = extract(outcome.solver, v, problem)
    report = validate(problem, schedule)
    if not report.ok:
        raise RuntimeError(f"the solver's draft breaks {report.violations[0]}; this is a bug in orgwork")
    schedule.penalties = list(report.penalties)
    schedule.solver = record_of(settings, outcome, report.objective)
    if baseline is not None:
        schedule.moves = diff(baseline, schedule)
    return schedule


def not_found(settings: SolveSettings, status: int) -> None:
    """No draft and no proof that none exists: the time ran out, or the planner stopped it."""
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.INFEASIBLE):
        return
    if stopping.requested():
        raise Interrupted("no draft had been found yet; nothing was written")
    raise NotFoundInTime(
        f"no draft found within the time limit of {settings.time_limit:g} s; the agenda may still fit: "
        "try a longer limit (--time-limit)"
    )


def fix_structure(model: cp_model.CpModel, solver: cp_model.CpSolver, structure: list[cp_model.IntVar]) -> None:
    """Fix every Boolean (which meetings hold which items, where they start, the path through the
    boundaries) and the meetings' sittings to the solution found: only minutes stay free."""
    for index, variable in enumerate(model.proto.variables):
        if list(variable.domain) == [0, 1]:
            literal = model.get_bool_var_from_proto_index(index)
            model.add(literal == solver.boolean_value(literal))
    for var in structure:
        model.add(var == solver.value(var))


def _first_stage_failed(problem: Problem, settings: SolveSettings, status: int) -> None:
    if status == cp_model.INFEASIBLE:
        raise DoesNotFit("no organization of work satisfies all the rules", (arithmetic(problem),))
    not_found(settings, status)
