"""`orgwork risk`: how likely a draft is to hold when items overrun, and where it breaks. With a
SCHEDULE it only simulates (no OR-Tools); without one it solves the instance first."""

from __future__ import annotations

from pathlib import Path

import click

from cli.common import refuse_inputs, reported
from reports.output import write_atomic
from solver.errors import InputError
from solver.input.loading import load_instance, load_schedule
from solver.plans.engines import ENGINES

SUFFIXES = {".txt": "text", ".json": "json", ".html": "html", ".htm": "html"}


@click.command("risk")
@click.argument("instance_file", metavar="INSTANCE", type=click.Path(path_type=Path))
@click.argument("schedule_file", metavar="[SCHEDULE]", required=False, type=click.Path(path_type=Path))
@click.option("--samples", type=click.IntRange(1, 10_000_000), default=10_000, show_default=True, help="Sessions simulated.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the samples: the same seed, the same figures.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default=None, help="Output format (default: from -o's suffix, else text).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write to this file (.txt, .json, or .html: the report with the picture).")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
              help="Where chunks of 10,000 samples run: this machine's processes, or a Dask cluster (orgwork[cluster]).")
@click.option("--time-limit", type=click.FloatRange(0.1, 86400), default=30.0, show_default=True, help="Seconds for the solve, without a SCHEDULE.")
@reported
def risk_command(instance_file: Path, schedule_file: Path | None, samples: int, seed: int, fmt: str | None, output: Path | None,
                 engine: str, time_limit: float) -> None:
    """How likely the draft SCHEDULE (the JSON of orgwork solve; default: a fresh draft of
    INSTANCE) holds when items take longer or shorter than estimated, and where it breaks.

    It replays the session meeting by meeting under the house's rules, with each item's time
    drawn around its estimate (spread by role and kind, or the file's spread:), and prints the
    chance that every item is taken up within the meetings granted, the last meeting's expected
    and 90th-percentile overrun, each meeting's chance of running late (and of being where the
    session first slips), and each item's chance of being reached on its planned day.

    Example: orgwork risk instances/ctoc-wg-tip-2017.yaml draft.json --samples 20000 -o risk.html
    """
    from reports.risk import render_risk_json, render_risk_text
    from solver.plans.risk import assess

    inputs = [instance_file] + ([schedule_file] if schedule_file else [])
    refuse_inputs(output, inputs)
    if fmt is None:
        fmt = "text" if output is None else SUFFIXES.get(output.suffix.lower(), "")
        if not fmt:
            raise InputError(f"{output}: unknown suffix {output.suffix!r}; use .txt, .json or .html, or give --format")
    instance = load_instance(instance_file)
    schedule = _schedule(instance, schedule_file, time_limit)
    report = assess(instance, schedule, samples, seed, engine)
    if fmt == "html":
        from reports.html import render_html

        content = render_html(schedule, "annex", report)
    else:
        content = render_risk_json(report) if fmt == "json" else render_risk_text(report)
    if output is None:
        click.echo(content, nl=False)
        return
    write_atomic(output, content, inputs=inputs)
    click.echo(f"Wrote {output} ({fmt}).", err=True)


def _schedule(instance, schedule_file: Path | None, time_limit: float):
    if schedule_file is None:  # a fresh draft: this solves
        from solver.plans.drafting import draft
        from solver.solving.solve import SolveSettings

        return draft(instance, SolveSettings(time_limit=time_limit))
    if schedule_file.suffix.lower() == ".json":
        return load_schedule(schedule_file)
    if instance.several:
        raise InputError(f"{schedule_file}: for several bodies, give the JSON schedule (annexes read back take one body)")
    from reports.reading import read_schedule
    from solver.problem.session import interpret_session

    return read_schedule(schedule_file, interpret_session(instance).bodies[0]).schedule
