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
from solver.problem.capacity import arithmetic, check_session, session_arithmetic
from solver.input.durations import format_minutes
from solver.errors import DoesNotFit, InputError, OrgworkError
from solver.input.instance import Instance
from solver.input.loading import load_instance, load_schedule
from solver.plans.drafting import draft, explanation
from solver.problem.session import Session, interpret_session
from solver.schedule import Schedule
from solver.solving.solve import Progress, SolveSettings
from solver.check.validate import validate
from solver.check.validate_session import validate_session

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


def explained(instance: Instance, error: DoesNotFit) -> DoesNotFitError:
    """The error with its explanation: arithmetic, conflicting rules, checked ways out."""
    return DoesNotFitError(error, explanation(instance, error).lines())


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


def _emit(schedule: Schedule, fmt: Format, output: Path | None, inputs: list[Path], view: str = "annex") -> None:
    """Print the schedule, or write it atomically to `output`, never over an input."""
    content = fmt.render(schedule, view)
    if output is None:
        click.echo(content.decode("utf-8") if isinstance(content, bytes) else content, nl=False)
        return
    write_atomic(output, content, inputs=inputs)
    click.echo(f"Wrote {output} ({fmt.name}).", err=True)


FORMAT_NAMES = click.Choice(sorted(FORMATS))


def view_option(command: Callable) -> Callable:
    """--view: each body's annex (default) or, for several bodies, the grid of sittings and rooms."""
    return click.option(
        "--view",
        type=click.Choice(["annex", "grid"]),
        default="annex",
        show_default=True,
        help="'annex': each body's annex; 'grid': which body meets where, sitting by sitting (table, markdown, csv).",
    )(command)


@main.command("solve")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMAT_NAMES, default=None, help="Output format (default: from -o's suffix, else table).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write to this file instead of the terminal.")
@click.option(
    "--baseline",
    type=click.Path(path_type=Path),
    default=None,
    help="A published schedule (JSON, or an edited CSV/Excel annex whose 'Agreed' rows stay): move as little as possible from it.",
)
@click.option("--partial", is_flag=True, help="If not everything fits, plan what fits by priority and list the rest.")
@view_option
@solver_options
@reported
def solve_command(
    file: Path,
    fmt: str | None,
    output: Path | None,
    baseline: Path | None,
    partial: bool,
    view: str,
    time_limit: float,
    seed: int,
    workers: int,
) -> None:
    """Solve FILE into the proposed organization of work.

    With --baseline, re-plan: keep the hard rules, move as few items (then as few minutes) as
    possible from the published schedule, then follow the usual conventions; the moves are listed.
    With --partial, when the agenda does not fit, plan what fits by priority (procedural items and
    the report always) and list the others as "if time permits", with the time each would need.

    Example: orgwork solve instances/ctoc-wg-tip-2017.yaml --format markdown -o annex.md
    """
    chosen = choose(fmt, output, view)
    instance = load_instance(file)
    published, agreed = None, frozenset()
    if baseline is not None:
        from reports.reading import read_schedule

        edited = read_schedule(baseline, interpret_session(instance).bodies[0])
        published, agreed = edited.schedule, edited.agreed
    settings = SolveSettings(time_limit=time_limit, seed=seed, workers=workers)
    try:
        schedule = draft(instance, settings, _progress("solving"), baseline=published, agreed=agreed, partial=partial)
    except DoesNotFit as error:
        raise DoesNotFitError(error, explanation(instance, error, agreed).lines()) from None
    if schedule.left_out:
        click.echo(f"Left out, if time permits: {', '.join(o.id for o in schedule.left_out)}.", err=True)
    if published is not None:
        moved = len(schedule.moves)
        click.echo(f"{moved} item{'s' if moved != 1 else ''} moved from {baseline}.", err=True)
    _emit(schedule, chosen, output, [file] + ([baseline] if baseline else []), view)


@main.command("export")
@click.argument("schedule_file", metavar="SCHEDULE.json", type=click.Path(path_type=Path))
@click.option("--to", "fmt", type=FORMAT_NAMES, default=None, help="Format (default: from -o's suffix).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write to this file.")
@view_option
@reported
def export_command(schedule_file: Path, fmt: str | None, output: Path | None, view: str) -> None:
    """Export a solved schedule (the JSON of 'orgwork solve') to Word, Excel, HTML, iCalendar …

    Example: orgwork export draft.json --to docx -o annex.docx
    """
    _emit(load_schedule(schedule_file), choose(fmt, output, view), output, [schedule_file], view)


def _describe(instance: Instance) -> list[str]:
    session = interpret_session(instance)
    info = instance.session
    days = instance.calendar.session_days()
    problem = session.bodies[0]
    lines = [
        ", ".join(p for p in (info.body, info.name, info.venue) if p),
        f"Calendar: {len(days)} days ({days[0]} to {days[-1]}), {len(problem.sittings)} open sittings, {len(problem.closed)} closed",
    ]
    if session.several:
        rooms = ", ".join(session.rooms) if session.rooms else "one room"
        caps = [f"{n} per {what}" for n, what in ((session.per_sitting, "sitting"), (session.per_day, "day")) if n]
        lines.append(f"Rooms: {rooms}; interpretation: {', '.join(caps) if caps else 'no cap'}")
    for body in session.bodies:
        if session.several:
            window = f"{body.sittings[body.body.first_sitting].date} to {body.sittings[body.body.last_sitting].date}" if body.window else "no open sitting"
            run = "one unbroken run" if body.body.consecutive else "any sittings"
            lines.append(f"Body {body.body.id}: {body.body.name}; {body.granted} meetings granted, {run}, {window}")
        else:
            lines.append(f"Meetings granted: {body.granted}")
        lines.append(f"Items: {len(body.tasks)} ({sum(t.substantive for t in body.tasks)} substantive)")
        for task in body.tasks:
            kind = "substantive" if task.substantive else "procedural"
            role = f", {task.role}" if task.role != "none" else ""
            split = "" if task.split else ", unsplit"
            lines.append(f"  {task.id:<8} {format_minutes(task.estimate):>14}  {kind}{role}{split}  {task.title[:60]}")
        lines.append(f"Capacity: {arithmetic(body)}")
    if session.several:
        lines.append(f"Together: {session_arithmetic(session)}")
    return lines


@main.command("check")
@click.argument("file", type=click.Path(path_type=Path))
@click.argument("schedule_file", metavar="[SCHEDULE]", required=False, type=click.Path(path_type=Path))
@reported
def check_command(file: Path, schedule_file: Path | None) -> None:
    """Check an instance FILE, or a SCHEDULE against it, without solving.

    With FILE alone: its syntax, its references and the capacity arithmetic (exit 2 if the agenda
    cannot fit). With a SCHEDULE (the JSON, or an edited CSV or Excel annex): every rule, each
    violation named and said in plain words; exit 0 when it holds, 1 otherwise.

    Example: orgwork check instances/ctoc-wg-tip-2017.yaml edited-annex.csv
    """
    instance = load_instance(file)
    session = interpret_session(instance)
    if schedule_file is not None:
        _check_schedule(session, schedule_file)
        return
    for line in _describe(instance):
        click.echo(line)
    try:
        check_session(session)
    except DoesNotFit as error:
        raise explained(instance, error) from None
    click.echo(f"{file}: sound; no rule rules it out before solving.")


def _check_schedule(session: Session, schedule_file: Path) -> None:
    from reports.reading import read_schedule

    if session.several:
        if schedule_file.suffix.lower() != ".json":
            raise InputError(f"{schedule_file}: for several bodies, check the JSON schedule (annexes read back take one body)")
        report = validate_session(session, load_schedule(schedule_file))
    else:
        problem = session.bodies[0]
        edited = read_schedule(schedule_file, problem)
        if edited.timed_by_orgwork:
            click.echo(f"{schedule_file}: an annex without times; orgwork shared each meeting's time among its items.")
        report = validate(problem, edited.schedule)
    for penalty in report.penalties:
        if penalty.count:
            body = f"[{penalty.body}] " if penalty.body else ""
            click.echo(f"  convention not met, {penalty.name}: {body}{'; '.join(penalty.where)}")
    if report.ok:
        click.echo(f"{schedule_file}: holds; no rule is broken.")
        return
    click.echo(f"{schedule_file}: {len(report.violations)} violation{'s' if len(report.violations) > 1 else ''}:")
    for violation in report.violations:
        click.echo(f"  - {violation}")
    sys.exit(1)


@main.command("diff")
@click.argument("before", metavar="A.json", type=click.Path(path_type=Path))
@click.argument("after", metavar="B.json", type=click.Path(path_type=Path))
@reported
def diff_command(before: Path, after: Path) -> None:
    """List what moved from schedule A to schedule B: item, from meetings, to meetings.

    Example: orgwork diff published.json revised.json
    """
    from solver.check.diff import describe, diff

    moves = diff(load_schedule(before), load_schedule(after))
    if not moves:
        click.echo("No item moved.")
    for move in moves:
        click.echo(describe(move))


@main.command("compare")
@click.argument("scenarios", type=click.Path(path_type=Path))
@click.option("--to", "fmt", type=click.Choice(["table", "markdown", "json", "xlsx", "html"]), default=None,
              help="Format (default: from -o's suffix, else table).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write the comparison to this file.")
@click.option("--processes", type=click.IntRange(1, 64), default=None, help="Variants solved at once (default: the cores).")
@solver_options
@reported
def compare_command(
    scenarios: Path, fmt: str | None, output: Path | None, processes: int | None, time_limit: float, seed: int, workers: int
) -> None:
    """Solve a base and its variants side by side: figures, then what moves from the base.

    Example: orgwork compare instances/ctoc-wg-tip-2017-scenarios.yaml --to xlsx -o scenarios.xlsx
    """
    from reports.comparison import RENDERERS, SUFFIXES
    from solver.plans.compare import compare
    from solver.plans.scenarios import load_scenarios

    if fmt is None:
        fmt = "table" if output is None else SUFFIXES.get(output.suffix.lower(), "")
        if not fmt:
            raise InputError(f"{output}: unknown suffix {output.suffix!r}; use one of {', '.join(SUFFIXES)} or give --to")
    if fmt == "xlsx" and output is None:
        raise InputError("xlsx output is a file, not text for the terminal; add -o PATH.xlsx")
    base, variants = load_scenarios(scenarios)
    settings = SolveSettings(time_limit=time_limit, seed=seed, workers=workers)

    def progress(done: int, total: int) -> None:
        click.echo(f"  solved {done} of {total}", err=True)

    comparison = compare(base, variants, settings, processes, progress)
    content = RENDERERS[fmt](comparison)
    if output is None:
        click.echo(content, nl=False)
    else:
        write_atomic(output, content, inputs=[scenarios])
        click.echo(f"Wrote {output} ({fmt}).", err=True)


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of instance files.

    Example: orgwork schema > instance.schema.json
    """
    click.echo(json.dumps(Instance.model_json_schema(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
