"""The spread between agendas of one size: ten seeds of each one-body rung, the worst reported.

    .venv/bin/python benchmarks/spread.py [--repeat 1] [--seeds 1-10] [--patterns | --calendars]

The ladder follows one generated agenda per size (seed 1). Agendas of the same size differ in
where their long items, pins and dates fall, and so in how soon the bound meets the optimum;
this prints, for the larger one-body sizes, each seed's median penalty-stage time and whole
solve, and the worst of the row (with --patterns: the agendas with pins an item runs through,
avoided sittings, an event and a full last meeting; with --calendars: a four-week session of
five segments and 40 items with date windows, and 20 bodies with ten ties between them). Not a
test: the machine is shared and noisy.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import click

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import ALL, PLAIN, Patterns, many_bodies, one_body  # noqa: E402
from benchmarks.ladder import StageClock  # noqa: E402
from solver.input.instance import Instance  # noqa: E402
from solver.problem.problem import interpret  # noqa: E402
from solver.problem.session import interpret_session  # noqa: E402
from solver.solving.session import solve_session  # noqa: E402
from solver.solving.solve import SolveSettings, solve  # noqa: E402

SIZES = [(100, 20, None), (150, 25, None), (200, 30, None), (200, 40, None)]
PATTERN_SIZES = [(100, 20, 40), (200, 40, 80), (40, 21, 41)]
SEGMENTED = Patterns(segments=5, windows=True)


def _one_body(items: int, days: int, meetings: int | None, patterns: Patterns):
    def solver_for(seed: int):
        problem = interpret(Instance.model_validate(one_body(items, days, seed=seed, meetings=meetings, patterns=patterns)))
        return lambda settings: solve(problem, settings)

    return f"{items} items, {meetings or 2 * days} meetings", solver_for


def _tied_bodies(bodies: int, weeks: int, rooms: int, ties: int):
    def solver_for(seed: int):
        session = interpret_session(Instance.model_validate(many_bodies(bodies, weeks, rooms, seed=seed, ties=ties)))
        return lambda settings: solve_session(session, settings)

    return f"{bodies} bodies, {ties} ties", solver_for


@click.command()
@click.option("--repeat", default=1, show_default=True, help="Solves per agenda; the median is printed.")
@click.option("--seeds", default="1-10", show_default=True, help="Seeds of the generated agendas: '1-10' or '1,2,5'.")
@click.option("--patterns", is_flag=True, help="Agendas with the patterns other generators have (benchmarks/generate.py ALL).")
@click.option("--calendars", is_flag=True, help="Segments and date windows (one body), ties between bodies (several).")
@click.option("--time-limit", default=60.0, show_default=True, help="Seconds per solve.")
def main(repeat: int, seeds: str, patterns: bool, calendars: bool, time_limit: float) -> None:
    """Print one row per size: per seed, the penalty stage and whole solve in seconds; the worst of each."""
    if "-" in seeds:
        low, high = (int(x) for x in seeds.split("-"))
        chosen = list(range(low, high + 1))
    else:
        chosen = [int(seed) for seed in seeds.split(",")]
    if calendars:
        rows = [_one_body(40, 20, None, SEGMENTED), _tied_bodies(20, 20, 3, 10)]
    else:
        rows = [_one_body(items, days, meetings, ALL if patterns else PLAIN) for items, days, meetings in (PATTERN_SIZES if patterns else SIZES)]
    click.echo(f"{'size':<26}" + "".join(f"{'s' + str(seed):>11}" for seed in chosen) + f"{'worst stage':>12}{'worst solve':>12}{'median solve':>13}")
    for label, solver_for in rows:
        cells, stages, wholes = [], [], []
        for seed in chosen:
            run = solver_for(seed)
            times, totals = [], []
            for _ in range(repeat):
                started = time.perf_counter()
                with StageClock() as clock:
                    schedule = run(SolveSettings(time_limit=time_limit))
                totals.append(time.perf_counter() - started)
                times.append(clock.penalty_stage())
            stages.append(statistics.median(times))
            wholes.append(statistics.median(totals))
            mark = "" if schedule.solver.stages[0].status == "OPTIMAL" else "*"
            cells.append(f"{stages[-1]:.2f}/{wholes[-1]:.1f}{mark}")
        click.echo(f"{label:<26}" + "".join(f"{cell:>11}" for cell in cells) + f"{max(stages):12.2f}{max(wholes):12.2f}{statistics.median(wholes):13.2f}")


if __name__ == "__main__":
    main()
