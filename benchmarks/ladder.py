"""The size ladder: solve time, status, objective and bound from small to a year's calendar.

    .venv/bin/python benchmarks/ladder.py [--quick] [--time-limit 60] [--seed 1] [--repeat 5]

One body: 5 to 200 items over 2 to 40 days of two sittings; then the same with the patterns
other generators' agendas have (pins an item runs through, avoided sittings, a pinned event in
the middle, a report that fills the last meeting; and 41 meetings granted in 42 sittings).
Several bodies: 2 to 50 bodies over 1 to 52 weeks of 5 days x 2 sittings, in 2 to 4 rooms under
an interpretation cap; then the same with the meetings granted as a ceiling above each body's
need and weeks of slack in its dates. Segments (a four-week session of five segments and 40
items, with date windows) and ties between bodies (20 bodies, ten ties) have rungs of their own. Instances come
from benchmarks/generate.py (seeded, feasible by construction). For each rung, over --repeat
solves: the median time of the penalty stage (the optimisation that matters) and its fastest,
the median of the whole solve, the first stage's status, objective and bound, and the ratio of
each median to the previous rung's. Not a test: the machine is shared and noisy (the same solve
varies by half from one run to the next), so read the figures as orders of magnitude.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import click

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import ALL, Patterns, many_bodies, one_body  # noqa: E402
import solver.solving.session as sessions  # noqa: E402
import solver.solving.solve as solving  # noqa: E402
from solver.input.instance import Instance  # noqa: E402
from solver.problem.problem import interpret  # noqa: E402
from solver.problem.session import interpret_session  # noqa: E402
from solver.solving.session import solve_session  # noqa: E402
from solver.solving.solve import SolveSettings, solve  # noqa: E402

ONE_BODY = [(5, 2), (20, 5), (50, 10), (100, 20), (200, 30), (200, 40)]
SEVERAL = [(2, 1, 2), (10, 8, 2), (20, 20, 3), (50, 52, 4)]
# what other generators' and real agendas have: pins an item runs through, avoided sittings, a
# pinned event mid-session, a report filling the last meeting (items, days, meetings granted)
PATTERNS = [(50, 10, 20), (100, 20, 40), (200, 40, 80), (40, 21, 41)]
# items in parts (the second part resumed after the next item) and events spread over the session
PARTS = [(50, 10, 20, 3, 4), (100, 20, 40, 6, 4), (200, 40, 80, 10, 6)]
# segments held on their layout days, with date windows on some items (items, days, segments)
SEGMENTS = [(20, 10, 3), (40, 20, 5)]
# bodies whose runs follow each other, tied: after, before, an item that follows (bodies, weeks, rooms, ties)
TIES = [(10, 8, 2, 5), (20, 20, 3, 10)]


class StageClock:
    """Wall time of each CP-SAT solve of the stages, read from the solvers orgwork creates, and
    of the penalty stage as a whole: the completed first guess, and the full stage when the
    guess did not reach the floor."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.guess: tuple[float, bool] | None = None  # seconds, and whether it ended the stage
        self.alone = 0.0  # several bodies: the bodies solved alone first, for their floors
        self._original = solving.configured_solver
        self._guess = solving._completed_guess
        self._alone = sessions._alone

    def __enter__(self) -> StageClock:
        def timed(settings, seconds, *more):
            solver = self._original(settings, seconds, *more)
            run = solver.solve

            def solve_and_time(model, *args):
                status = run(model, *args)
                self.times.append(solver.wall_time)
                return status

            solver.solve = solve_and_time
            return solver

        def guessed(*args):
            solver, status = self._guess(*args)
            if self.times and self.guess is None:
                self.guess = (self.times.pop(), solver is not None)
            return solver, status

        def alone(*args):
            began, times, guess = time.perf_counter(), list(self.times), self.guess
            try:
                return self._alone(*args)
            finally:
                self.times, self.guess = times, guess  # not the session's penalty stage
                self.alone += time.perf_counter() - began

        solving.configured_solver = timed
        solving._completed_guess = guessed
        sessions._alone = alone
        return self

    def __exit__(self, *exc) -> None:
        solving.configured_solver = self._original
        solving._completed_guess = self._guess
        sessions._alone = self._alone

    def penalty_stage(self) -> float:
        """The penalty stage, the bodies alone included (they are its floor and first guess)."""
        if self.guess is None:
            return self.alone + self.times[0]
        seconds, ended = self.guess
        return self.alone + (seconds if ended else seconds + self.times[0])


def _row(label: str, size: str, build, settings: SolveSettings, repeat: int, previous: list[float]) -> list[float]:
    stages, totals = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        with StageClock() as clock:
            schedule = build(settings)
        totals.append(time.perf_counter() - started)
        stages.append(clock.penalty_stage())
    stage, total = statistics.median(stages), statistics.median(totals)
    record = schedule.solver.stages[0]
    ratio = f"{stage / previous[0]:6.1f}x {total / previous[1]:6.1f}x" if previous else " " * 15
    click.echo(
        f"{label:<10} {size:<26} {stage:8.2f} {min(stages):8.2f} {total:8.2f} {ratio}  {record.status:<8} "
        f"{schedule.solver.objective:>8} {schedule.solver.bound:>8}"
    )
    return [max(stage, 1e-3), max(total, 1e-3)]


@click.command()
@click.option("--quick", is_flag=True, help="Only the smaller rungs (a minute or so).")
@click.option("--time-limit", default=60.0, show_default=True, help="Seconds per solve.")
@click.option("--seed", default=1, show_default=True, help="Seed of the generated instances.")
@click.option("--repeat", default=1, show_default=True, help="Solves per rung; medians (and the stage's fastest) are printed.")
def main(quick: bool, time_limit: float, seed: int, repeat: int) -> None:
    """Print the ladder: penalty-stage seconds, whole-solve seconds, ratios to the rung before."""
    settings = SolveSettings(time_limit=time_limit)
    click.echo(
        f"{'kind':<10} {'size':<26} {'stage s':>8} {'fastest':>8} {'solve s':>8} {'ratios':>15}  {'status':<8} {'penalty':>8} {'bound':>8}"
    )
    previous: list[float] = []
    for items, days in ONE_BODY[: 4 if quick else None]:
        problem = interpret(Instance.model_validate(one_body(items, days, seed=seed)))
        size = f"{items} items, {2 * days} meetings"
        previous = _row("one body", size, lambda s, p=problem: solve(p, s), settings, repeat, previous)
    previous = []
    for items, days, granted in PATTERNS[: 2 if quick else None]:
        problem = interpret(Instance.model_validate(one_body(items, days, seed=seed, meetings=granted, patterns=ALL)))
        size = f"{items} items, {granted} of {2 * days} mtgs"
        previous = _row("patterns", size, lambda s, p=problem: solve(p, s), settings, repeat, previous)
    previous = []
    for items, days, granted, parts, events in PARTS[: 2 if quick else None]:
        data = one_body(items, days, seed=seed, meetings=granted, patterns=Patterns(parts=parts, events=events))
        problem = interpret(Instance.model_validate(data))
        size = f"{items} items, {parts} in parts, {events} events"
        previous = _row("parts", size, lambda s, p=problem: solve(p, s), settings, repeat, previous)
    previous = []
    for items, days, count in SEGMENTS:
        data = one_body(items, days, seed=seed, patterns=Patterns(segments=count, windows=True))
        problem = interpret(Instance.model_validate(data))
        previous = _row("segments", f"{items} items, {count} segments", lambda s, p=problem: solve(p, s), settings, repeat, previous)
    previous = []
    for bodies, weeks, rooms, ties in TIES:
        session = interpret_session(Instance.model_validate(many_bodies(bodies, weeks, rooms, seed=seed, ties=ties)))
        size = f"{len(session.bodies)} bodies, {ties} ties"
        previous = _row("ties", size, lambda s, x=session: solve_session(x, s), settings, repeat, previous)
    for ceiling in (False, True):
        previous = []
        for bodies, weeks, rooms in SEVERAL[: 3 if quick else None]:
            session = interpret_session(Instance.model_validate(many_bodies(bodies, weeks, rooms, seed=seed, ceiling=ceiling)))
            size = f"{len(session.bodies)} bodies, {weeks} wk, {rooms} rooms"
            label = "ceiling" if ceiling else "bodies"
            previous = _row(label, size, lambda s, x=session: solve_session(x, s), settings, repeat, previous)


if __name__ == "__main__":
    main()
