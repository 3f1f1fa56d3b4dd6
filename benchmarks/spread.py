"""The spread between agendas of one size: the penalty stage on seeds 1 to 4 of each one-body rung.

    .venv/bin/python benchmarks/spread.py [--repeat 3] [--seeds 1,2,3,4]

The ladder follows one generated agenda per size (seed 1). Agendas of the same size differ in
where their long items, pins and dates fall, and so in how soon the bound meets the optimum;
this prints, for the larger one-body sizes, the median penalty-stage time of each seed, its
status, and the worst of the row. Not a test: the machine is shared and noisy.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import click

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import one_body  # noqa: E402
from benchmarks.ladder import StageClock  # noqa: E402
from solver.input.instance import Instance  # noqa: E402
from solver.problem.problem import interpret  # noqa: E402
from solver.solving.solve import SolveSettings, solve  # noqa: E402

SIZES = [(100, 20), (150, 25), (200, 30), (200, 40)]


@click.command()
@click.option("--repeat", default=3, show_default=True, help="Solves per agenda; the median is printed.")
@click.option("--seeds", default="1,2,3,4", show_default=True, help="Seeds of the generated agendas.")
@click.option("--time-limit", default=60.0, show_default=True, help="Seconds per solve.")
def main(repeat: int, seeds: str, time_limit: float) -> None:
    """Print one row per size: each seed's median penalty-stage seconds and status, and the worst."""
    chosen = [int(seed) for seed in seeds.split(",")]
    click.echo(f"{'size':<26}" + "".join(f"{'seed ' + str(seed):>16}" for seed in chosen) + f"{'worst':>8}")
    for items, days in SIZES:
        cells, medians = [], []
        for seed in chosen:
            problem = interpret(Instance.model_validate(one_body(items, days, seed=seed)))
            times = []
            for _ in range(repeat):
                with StageClock() as clock:
                    schedule = solve(problem, SolveSettings(time_limit=time_limit))
                times.append(clock.penalty_stage())
            medians.append(statistics.median(times))
            cells.append(f"{medians[-1]:7.2f} {schedule.solver.stages[0].status[:8]:>8}")
        click.echo(f"{f'{items} items, {2 * days} meetings':<26}" + "".join(f"{cell:>16}" for cell in cells) + f"{max(medians):8.2f}")


if __name__ == "__main__":
    main()
