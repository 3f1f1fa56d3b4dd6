"""`orgwork solve` and `orgwork export`: a draft from an instance, and a draft in another format."""

from __future__ import annotations

import time
from pathlib import Path

import click

from cli.common import (FORMAT_NAMES, emit, explained, language_option, languages, progress_line, refuse_inputs, refuse_targets, reported,
                        solver_options, time_left, view_option)
from cli.interrupts import catching_interrupts
from reports.formats import choose
from reports.status import proof_notes
from solver.errors import DoesNotFit
from solver.input.loading import load_instance, load_schedule


@click.command("solve")
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
@click.option(
    "--reliability", type=click.FloatRange(0, 1, max_open=True), default=None,
    help="A draft that holds with this probability when items overrun (e.g. 0.9), checked by simulation (see orgwork risk).",
)
@view_option
@language_option
@solver_options
@reported
def solve_command(
    file: Path,
    fmt: str | None,
    output: Path | None,
    baseline: Path | None,
    partial: bool,
    reliability: float | None,
    view: str,
    lang: str | None,
    time_limit: float,
    seed: int,
    workers: int,
) -> None:
    """Solve FILE into the proposed organization of work.

    With --baseline, re-plan: keep the hard rules, move as few items (then as few minutes) as
    possible from the published schedule, then follow the usual conventions; the moves are listed.
    With --partial, when the agenda does not fit, plan what fits by priority (procedural items and
    the report always) and list the others as "if time permits", with the time each would need.
    With --reliability P, the draft is solved against estimates raised until the simulated chance
    that it holds reaches P; its probability and cost are printed (and kept in the JSON).
    With --lang, print in Arabic, Chinese, English, French, Russian or Spanish (titles in that
    language where the file gives them); --lang all writes one file per language beside -o.

    Example: orgwork solve instances/ctoc-wg-tip-2017.yaml --format markdown -o annex.md
    """
    from solver.plans.drafting import draft
    from solver.problem.session import interpret_session
    from solver.solving.solve import SolveSettings

    started = time.monotonic()
    chosen = choose(fmt, output, view)
    languages(lang, "en", output)  # --lang all without -o: refused before solving
    refuse_inputs(output, [file] + ([baseline] if baseline else []))
    refuse_targets(output, lang, [file] + ([baseline] if baseline else []))
    instance = load_instance(file)
    published, agreed = None, frozenset()
    if baseline is not None and instance.several:
        from reports.reading_session import read_session_schedule

        session = interpret_session(instance)
        if baseline.suffix.lower() == ".json":
            published = load_schedule(baseline)
        else:
            edited = read_session_schedule(baseline, session)
            published, agreed = edited.schedule, edited.agreed
    elif baseline is not None:
        from reports.reading import read_schedule

        edited = read_schedule(baseline, interpret_session(instance).bodies[0])
        published, agreed = edited.schedule, edited.agreed
    settings = SolveSettings(time_limit=time_limit, seed=seed, workers=workers)
    if reliability is not None and (partial or baseline is not None):
        raise InputError("--reliability plans a fresh draft; it does not combine with --partial or --baseline yet")
    failure = None
    with catching_interrupts() as interrupts:
        with interrupts.stoppable():
            try:
                if reliability is not None:
                    from solver.plans.reliability import reliable_draft

                    schedule = reliable_draft(instance, reliability, settings, progress_line("drafting"), seed=seed)
                else:
                    schedule = draft(instance, settings, progress_line("drafting"), baseline=published, agreed=agreed, partial=partial)
            except DoesNotFit as error:
                failure = error
        if failure is not None:
            suggested = file if not partial and baseline is None else None
            raise explained(instance, failure, agreed, time_left(started, time_limit), partial_of=suggested)
    for note in proof_notes(schedule):
        click.echo(note, err=True)
    if schedule.reliability is not None:
        from reports.risk import reliability_lines

        for line in reliability_lines(schedule.reliability):
            click.echo(line, err=True)
    if schedule.left_out:
        click.echo(f"Left out, if time permits: {', '.join((o.body + ' ' if o.body else '') + o.id for o in schedule.left_out)}.", err=True)
    if published is not None:
        moved = len(schedule.moves)
        click.echo(f"{moved} item{'s' if moved != 1 else ''} moved from {baseline}.", err=True)
    emit(schedule, chosen, output, [file] + ([baseline] if baseline else []), view, lang)


@click.command("export")
@click.argument("schedule_file", metavar="SCHEDULE.json", type=click.Path(path_type=Path))
@click.option("--to", "fmt", type=FORMAT_NAMES, default=None, help="Format (default: from -o's suffix).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write to this file.")
@view_option
@language_option
@reported
def export_command(schedule_file: Path, fmt: str | None, output: Path | None, view: str, lang: str | None) -> None:
    """Export a solved schedule (the JSON of 'orgwork solve') to Word, Excel, HTML, iCalendar …

    The JSON keeps every title per language: --lang fr prints the French annex from it, --lang
    all one file per language beside -o (annex.ar.docx … annex.es.docx).

    Example: orgwork export draft.json --to docx -o annex.docx
    """
    chosen = choose(fmt, output, view)
    languages(lang, "en", output)
    refuse_targets(output, lang, [schedule_file])
    emit(load_schedule(schedule_file), chosen, output, [schedule_file], view, lang)
