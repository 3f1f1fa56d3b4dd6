"""`orgwork check` and `orgwork diff`: what orgwork understood of a file, whether a schedule holds,
and what moved between two schedules. They solve only to retime an annex or explain a misfit."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cli.common import explained, reported
from cli.interrupts import catching_interrupts
from solver.check.validate import validate
from solver.check.validate_session import validate_session
from solver.errors import DoesNotFit, InputError
from solver.input.durations import format_minutes
from solver.input.instance import Instance
from solver.input.loading import load_instance, load_schedule
from solver.problem.capacity import arithmetic, check_session, session_arithmetic
from solver.problem.session import Session, interpret_session
from solver.languages import NAMES


def _describe(instance: Instance) -> list[str]:
    session = interpret_session(instance)
    info = instance.session
    days = instance.calendar.session_days()
    problem = session.bodies[0]
    extensible = sum(1 for s in problem.sittings if s.extension)
    extended = f" ({extensible} may be extended if necessary)" if extensible else ""
    calendar = f"Calendar: {len(days)} days ({days[0]} to {days[-1]}), {len(problem.sittings)} open sittings{extended}, {len(problem.closed)} closed"
    if instance.calendar.numbered is not None:
        calendar = f"Calendar: {instance.calendar.numbered} numbered meetings (dates not yet known){extended}"
    lines = [", ".join(p for p in (info.body, info.name, info.venue) if p), calendar]
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
    return lines + _titles(instance)


def _titles(instance: Instance) -> list[str]:
    """Which titles the documents in each language print in the file's language, wanting theirs."""
    language = NAMES[instance.session.language]
    missing = instance.missing_titles()
    everything = max(missing.values(), key=len)
    if all(gaps == everything for gaps in missing.values()) and not instance.session.texts and not any(
            isinstance(item.title, dict) for body in instance.body_list() for item in body.items):
        return [f"Titles: in {language} only; documents in other languages (--lang) print them in {language}"]
    lines = [f"Titles per language (the file's: {language}; a missing one is printed in {language}):"]
    for code, gaps in missing.items():
        shown = ", ".join(gaps[:12]) + (f" and {len(gaps) - 12} more" if len(gaps) > 12 else "")
        lines.append(f"  {NAMES[code]} ({code}): " + (f"missing for {shown}" if gaps else "all given"))
    return lines


@click.command("check")
@click.argument("file", type=click.Path(path_type=Path))
@click.argument("schedule_file", metavar="[SCHEDULE]", required=False, type=click.Path(path_type=Path))
@click.option(
    "--time-limit", type=click.FloatRange(0.1, 86400), default=20.0, show_default=True,
    help="Seconds the explanation may take when the agenda cannot fit.",
)
@reported
def check_command(file: Path, schedule_file: Path | None, time_limit: float) -> None:
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
        with catching_interrupts():
            raise explained(instance, error, seconds=time_limit, partial_of=file) from None
    click.echo(f"{file}: sound; no rule rules it out before solving.")


def _check_schedule(session: Session, schedule_file: Path) -> None:
    from reports.reading import read_schedule

    if session.several:
        if schedule_file.suffix.lower() == ".json":
            schedule = load_schedule(schedule_file)
        else:
            from reports.reading_session import read_session_schedule

            schedule = read_session_schedule(schedule_file, session).schedule
            click.echo(f"{schedule_file}: annexes without times or rooms; orgwork shared each meeting's time among its items and gave each body a room.")
        report = validate_session(session, schedule)
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


@click.command("diff")
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
