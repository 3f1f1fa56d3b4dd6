"""orgwork: draft the organization of work of a session from its agenda.

Thin click commands over the `solver` and `reports` libraries. Exit codes: 0 a draft (or a
sound file), 1 bad input, 2 the agenda cannot be organized under the rules, 3 an internal error.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path

import click

from reports.formats import FORMATS, Format, choose
from reports.output import write_atomic
from solver.capacity import arithmetic, check_fit
from solver.durations import format_minutes
from solver.errors import DoesNotFit, InputError, OrgworkError
from solver.instance import Instance
from solver.loading import load_instance, load_schedule
from solver.explain import explain
from solver.problem import Problem, interpret
from solver.schedule import Schedule
from solver.solve import Progress, SolveSettings, solve

EXIT_DOES_NOT_FIT = 2
EXIT_INTERNAL = 3


class DoesNotFitError(click.ClickException):
    exit_code = EXIT_DOES_NOT_FIT

    def __init__(self, error: DoesNotFit, lines: list[str] | None = None) -> None:
        super().__init__(error.summary)
        self.lines = lines or [f"Does not fit: {error.summary}", *(f"  - {reason}" for reason in error.reasons)]

    def show(self, file=None) -> None:
        for line in self.lines:
            click.echo(line, file=file or sys.stderr)


def explained(problem: Problem, error: DoesNotFit) -> DoesNotFitError:
    """The error with its explanation: arithmetic, conflicting rules, checked ways out."""
    explanation = explain(problem, error)
    return DoesNotFitError(error, explanation.lines())


def reported(command: Callable) -> Callable:
    """Turn library errors into clean messages and exit codes; never show a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except DoesNotFit as error:
            raise DoesNotFitError(error) from None
        except (InputError, OrgworkError) as error:
            raise click.ClickException(str(error)) from None
        except click.ClickException:
            raise
        except Exception as error:  # noqa: BLE001 - the promise is: no traceback, ever
            click.echo(f"Error: internal error ({type(error).__name__}: {error}); please report it with your file", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper


def solver_options(command: Callable) -> Callable:
    """--time-limit, --seed and --workers, shared by every command that solves."""
    command = click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="CP-SAT workers (more than one: interleaved, still deterministic).")(command)
    command = click.option("--seed", type=int, default=0, show_default=True, help="Random seed of the search.")(command)
    command = click.option(
        "--time-limit", type=click.FloatRange(0.1, 86400), default=30.0, show_default=True, help="Seconds the search may take."
    )(command)
    return command


def _progress(hook_label: str) -> Callable[[Progress], None]:
    def show(progress: Progress) -> None:
        if progress.seconds >= 1.0:
            click.echo(
                f"  {hook_label}, stage {progress.stage}: {progress.seconds:.1f} s, objective {progress.objective:g}, bound {progress.bound:g}",
                err=True,
            )

    return show


@click.group()
@click.version_option(package_name="orgwork")
def main() -> None:
    """Draft the organization of work of an intergovernmental session.

    Example: orgwork solve instances/ctoc-wg-tip-2017.yaml
    """


def _emit(schedule: Schedule, fmt: Format, output: Path | None, inputs: list[Path]) -> None:
    """Print the schedule, or write it atomically to `output`, never over an input."""
    content = fmt.render(schedule)
    if output is None:
        click.echo(content.decode("utf-8") if isinstance(content, bytes) else content, nl=False)
        return
    write_atomic(output, content, inputs=inputs)
    click.echo(f"Wrote {output} ({fmt.name}).", err=True)


FORMAT_NAMES = click.Choice(sorted(FORMATS))


@main.command("solve")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMAT_NAMES, default=None, help="Output format (default: from -o's suffix, else table).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write to this file instead of the terminal.")
@solver_options
@reported
def solve_command(file: Path, fmt: str | None, output: Path | None, time_limit: float, seed: int, workers: int) -> None:
    """Solve FILE into the proposed organization of work.

    Example: orgwork solve instances/ctoc-wg-tip-2017.yaml --format markdown -o annex.md
    """
    chosen = choose(fmt, output)
    problem = interpret(load_instance(file))
    settings = SolveSettings(time_limit=time_limit, seed=seed, workers=workers)
    try:
        schedule = solve(problem, settings, progress=_progress("solving"))
    except DoesNotFit as error:
        raise explained(problem, error) from None
    _emit(schedule, chosen, output, [file])


@main.command("export")
@click.argument("schedule_file", metavar="SCHEDULE.json", type=click.Path(path_type=Path))
@click.option("--to", "fmt", type=FORMAT_NAMES, default=None, help="Format (default: from -o's suffix).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write to this file.")
@reported
def export_command(schedule_file: Path, fmt: str | None, output: Path | None) -> None:
    """Export a solved schedule (the JSON of 'orgwork solve') to Word, Excel, HTML, iCalendar …

    Example: orgwork export draft.json --to docx -o annex.docx
    """
    _emit(load_schedule(schedule_file), choose(fmt, output), output, [schedule_file])


def _describe(instance: Instance) -> list[str]:
    problem = interpret(instance)
    session = instance.session
    days = instance.calendar.session_days()
    lines = [
        ", ".join(p for p in (session.body, session.name, session.venue) if p),
        f"Calendar: {len(days)} days ({days[0]} to {days[-1]}), {len(problem.sittings)} open sittings, "
        f"{len(problem.closed)} closed, {instance.calendar.meetings_granted} meetings granted",
        f"Items: {len(problem.tasks)} ({sum(t.substantive for t in problem.tasks)} substantive)",
    ]
    for task in problem.tasks:
        kind = "substantive" if task.substantive else "procedural"
        role = f", {task.role}" if task.role != "none" else ""
        split = "" if task.split else ", unsplit"
        lines.append(f"  {task.id:<8} {format_minutes(task.estimate):>14}  {kind}{role}{split}  {task.title[:60]}")
    lines.append(f"Capacity: {arithmetic(problem)}")
    return lines


@main.command("check")
@click.argument("file", type=click.Path(path_type=Path))
@reported
def check_command(file: Path) -> None:
    """Check an instance FILE without solving: its syntax, references and the capacity arithmetic.

    Example: orgwork check instances/ctoc-wg-tip-2017.yaml
    """
    instance = load_instance(file)
    for line in _describe(instance):
        click.echo(line)
    problem = interpret(instance)
    try:
        check_fit(problem)
    except DoesNotFit as error:
        raise explained(problem, error) from None
    click.echo(f"{file}: sound; no rule rules it out before solving.")


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of instance files.

    Example: orgwork schema > instance.schema.json
    """
    click.echo(json.dumps(Instance.model_json_schema(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
