"""Solve a base and its variants side by side and reduce each to the figures planners argue with.

Variants are solved in separate processes, as many at once as there are cores, each with the
solve settings given (one worker by default), so the comparison never asks for more CPU than the
machine has. Results come back in file order whatever the order they finish in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from solver.check.diff import diff
from solver.plans import engines
from solver.plans.drafting import draft, explanation
from solver.input.durations import format_minutes
from solver.errors import DoesNotFit
from solver.input.instance import Instance
from solver.rules import SOFT, heading
from solver.schedule import MoveRecord, Schedule
from solver.solving.solve import SolveSettings


@dataclass
class Result:
    """One variant solved: its schedule, or the reason it does not fit and the explanation."""

    name: str
    instance: Instance
    schedule: Schedule | None
    reason: str = ""
    explanation: list[str] = field(default_factory=list)


def _solve_one(job: tuple[str, str, SolveSettings]) -> tuple[str, str | None, str, list[str]]:
    """In a worker process: instance JSON in, schedule JSON or the explanation out."""
    name, instance_json, settings = job
    instance = Instance.model_validate_json(instance_json)
    try:
        return name, draft(instance, settings).to_json(), "", []
    except DoesNotFit as error:
        return name, None, error.summary, explanation(instance, error).lines()


def solve_all(
    named: list[tuple[str, Instance]],
    settings: SolveSettings | None = None,
    processes: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    engine: str = "local",
) -> list[Result]:
    """Every (name, instance), solved in parallel processes (or on a cluster: `engines`);
    results in the order given."""
    settings = settings or SolveSettings()
    jobs = [(name, instance.model_dump_json(), settings) for name, instance in named]
    outcomes = {outcome[0]: outcome for outcome in engines.run(_solve_one, jobs, engine, processes, progress)}
    results = []
    for name, instance in named:
        _, schedule_json, reason, lines = outcomes[name]
        schedule = Schedule.model_validate_json(schedule_json) if schedule_json else None
        results.append(Result(name, instance, schedule, reason, lines))
    return results


@dataclass(frozen=True)
class Counts:
    """The numbers behind one variant's figures, for a document that says them in its language."""

    meetings: int
    granted: int | None
    spare_total: int  # minutes
    spare_last_day: int
    split: tuple[str, ...]
    moved: tuple[str, ...] | None  # None for the base
    last_items: tuple[str, ...]
    last_used: int
    last_length: int


@dataclass(frozen=True)
class Figures:
    """What the comparison table shows for one variant, in planner terms."""

    feasible: str
    meetings: str
    spare_total: str
    spare_last_day: str
    items_split: str
    moved: str
    conventions: dict[str, int]
    last_meeting: str
    penalty: str
    counts: Counts | None = None  # None for a variant that does not fit


def _or_none(minutes: int) -> str:
    return format_minutes(minutes) if minutes else "none"


def _length(start, end) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def figures(result: Result, base: Schedule | None) -> Figures:
    schedule = result.schedule
    if schedule is None:
        return Figures(f"no: {result.reason}", "–", "–", "–", "–", "–", {rule.name: 0 for rule in SOFT}, "–", "–")
    meetings = sorted(schedule.meetings, key=lambda m: (m.date, m.start))
    spare = [_length(m.start, m.end) - sum(_length(p.start, p.end) for p in m.pieces) for m in meetings]
    last_day = meetings[-1].date
    granted = sum(b.meetings_granted for b in schedule.bodies) if schedule.bodies else schedule.meetings_granted
    split = [r.id for r in schedule.items if len(r.meetings) > 1]
    moves = diff(base, schedule) if base is not None else []
    conventions: dict[str, int] = {rule.name: 0 for rule in SOFT}
    for penalty in schedule.penalties:
        conventions[penalty.name] = conventions.get(penalty.name, 0) + penalty.count
    last = meetings[-1]
    used = sum(_length(p.start, p.end) for p in last.pieces)
    load = f"{', '.join(p.item for p in last.pieces)}: {format_minutes(used)} of {format_minutes(_length(last.start, last.end))}"
    return Figures(
        feasible="yes",
        meetings=f"{len(meetings)} of {granted}" if granted else str(len(meetings)),
        spare_total=_or_none(sum(spare)),
        spare_last_day=_or_none(sum(v for m, v in zip(meetings, spare) if m.date == last_day)),
        items_split=f"{len(split)}" + (f" ({', '.join(split)})" if split else ""),
        moved=f"{len(moves)}" + (f" ({', '.join(m.item for m in moves)})" if moves else "") if base is not None else "–",
        conventions=conventions,
        last_meeting=load,
        penalty=str(schedule.solver.objective if schedule.solver else ""),
        counts=Counts(
            len(meetings), granted, sum(spare), sum(v for m, v in zip(meetings, spare) if m.date == last_day), tuple(split),
            tuple(m.item for m in moves) if base is not None else None, tuple(p.item for p in last.pieces), used, _length(last.start, last.end),
        ),
    )


ROWS = (
    ("Feasible", "feasible"),
    ("Meetings used", "meetings"),
    ("Spare time", "spare_total"),
    ("Spare time, last day", "spare_last_day"),
    ("Items split", "items_split"),
    ("Items moved from the base", "moved"),
    ("Last meeting", "last_meeting"),
    ("Penalty", "penalty"),
)


@dataclass
class Comparison:
    """The base and its variants, solved, with each variant's figures and moves from the base."""

    results: list[Result]  # the base first

    @property
    def base(self) -> Result:
        return self.results[0]

    def figures(self) -> list[Figures]:
        return [figures(r, self.base.schedule if i else None) for i, r in enumerate(self.results)]

    def table(self) -> tuple[list[str], list[list[str]]]:
        """Columns (the variants' names) and rows (a figure per row, a soft convention per row)."""
        all_figures = self.figures()
        columns = ["", *(r.name for r in self.results)]
        rows = [[label, *(getattr(f, key) for f in all_figures)] for label, key in ROWS[:-2]]
        for rule in SOFT:
            counts = [f.conventions.get(rule.name, 0) for f in all_figures]
            if any(counts):
                rows.append([heading(rule), *("–" if f.feasible != "yes" else str(c) for f, c in zip(all_figures, counts))])
        rows += [[label, *(getattr(f, key) for f in all_figures)] for label, key in ROWS[-2:]]
        return columns, rows

    def moves(self, result: Result) -> list[MoveRecord]:
        if result.schedule is None or self.base.schedule is None:
            return []
        return diff(self.base.schedule, result.schedule)


def compare(
    base: Instance,
    variants: list[tuple[str, Instance]],
    settings: SolveSettings | None = None,
    processes: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    engine: str = "local",
) -> Comparison:
    return Comparison(solve_all([("Base", base), *variants], settings, processes, progress, engine))

