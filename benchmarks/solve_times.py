"""Solve time and whole-command time of the bundled sessions. A measurement, not a test.

    .venv/bin/python benchmarks/solve_times.py [--repeat 5]

For each instance: the median time of `solve()` in-process (model building included), the median
wall time of the whole `orgwork solve` command (interpreter start and imports included), and
their ratio. The machines are shared and noisy: read medians, not single runs.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from solver.plans.drafting import draft  # noqa: E402
from solver.input.loading import load_instance, read_data  # noqa: E402
from solver.solving.solve import SolveSettings  # noqa: E402


def _median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@click.command()
@click.option("--repeat", default=5, show_default=True, help="Runs per measurement (the median is printed).")
def main(repeat: int) -> None:
    """Print solve and whole-command times for every instance in instances/."""
    command = [str(Path(sys.executable).with_name("orgwork"))]
    click.echo(f"{'instance':<36} {'items':>5} {'meetings':>8} {'solve s':>8} {'command s':>9} {'solve/command':>13} status")
    for path in sorted((ROOT / "instances").glob("*.yaml")):
        if "variants" in read_data(path):
            continue  # a scenario file: compare_times.py measures those
        instance = load_instance(path)
        schedule = draft(instance, SolveSettings())
        solve_s = _median_seconds(lambda: draft(instance, SolveSettings()), repeat)
        command_s = _median_seconds(
            lambda: subprocess.run([*command, "solve", str(path)], check=True, capture_output=True), max(1, repeat // 2)
        )
        items = len(schedule.items)
        click.echo(
            f"{path.stem:<36} {items:>5} {len(schedule.meetings):>8} {solve_s:>8.3f} {command_s:>9.3f} "
            f"{solve_s / command_s:>13.2f} {schedule.solver.status}"
        )


if __name__ == "__main__":
    main()
