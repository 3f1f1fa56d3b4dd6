"""What every command shares: clean messages and exit codes, the solver options, output and the
progress line. Nothing here imports OR-Tools."""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from reports.formats import FORMATS, Format, in_language_path
from reports.output import refusal, write_atomic
from reports.status import progress_text
from reports.titles import missing
from solver.languages import LANGUAGES, NAMES
from solver.errors import DoesNotFit, InputError, Interrupted, NotFoundInTime, OrgworkError
from solver.schedule import Schedule

EXIT_DOES_NOT_FIT = 2
EXIT_INTERNAL = 3
EXIT_NOT_FOUND_IN_TIME = 4
EXIT_INTERRUPTED = 130  # as shells report a command ended by Ctrl-C


class DoesNotFitError(click.ClickException):
    exit_code = EXIT_DOES_NOT_FIT

    def __init__(self, error: DoesNotFit, lines: list[str] | None = None) -> None:
        super().__init__(error.summary)
        self.lines = lines or [f"Does not fit: {error.summary}", *(f"  - {reason}" for reason in error.reasons)]

    def show(self, file=None) -> None:
        for line in self.lines:
            click.echo(line, file=file or sys.stderr)


class NotFoundInTimeError(click.ClickException):
    exit_code = EXIT_NOT_FOUND_IN_TIME


def explained(instance, error: DoesNotFit, agreed=frozenset(), seconds: float = 20.0, partial_of: Path | None = None) -> DoesNotFitError:
    """The error with its explanation (arithmetic, conflicting rules, checked ways out), found
    within `seconds`; with `partial_of` (the instance's file), the command that plans what fits."""
    from solver.plans.drafting import explanation

    lines = explanation(instance, error, agreed, seconds).lines()
    if partial_of is not None:
        lines.append(f"  Or plan what fits: orgwork solve {partial_of} --partial (the rest listed 'if time permits').")
    return DoesNotFitError(error, lines)


def time_left(started: float, time_limit: float) -> float:
    """What is left of a command's time limit, for what it does after the solve."""
    return max(0.0, time_limit - (time.monotonic() - started))


def reported(command: Callable) -> Callable:
    """Turn library errors into clean messages and exit codes; never show a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except DoesNotFit as error:
            raise DoesNotFitError(error) from None
        except NotFoundInTime as error:
            raise NotFoundInTimeError(str(error)) from None
        except (Interrupted, KeyboardInterrupt) as error:
            detail = str(error) if isinstance(error, Interrupted) else "nothing was written"
            click.echo(f"Interrupted: {detail}.", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except (InputError, OrgworkError) as error:
            raise click.ClickException(str(error)) from None
        except click.ClickException:
            raise
        except BrokenPipeError:  # the reader went away ('| head'): nothing more to say to it
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except Exception as error:  # noqa: BLE001 - the promise is: no traceback, ever
            click.echo(f"Error: internal error ({type(error).__name__}: {error}); please report it with your file", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper


def solver_options(command: Callable) -> Callable:
    """--time-limit, --seed and --workers, shared by every command that solves. The time limit
    bounds the whole command: the solve and, when the agenda does not fit, its explanation."""
    command = click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="CP-SAT workers (more than one: interleaved, still deterministic).")(command)
    command = click.option("--seed", type=int, default=0, show_default=True, help="Random seed of the search.")(command)
    command = click.option(
        "--time-limit", type=click.FloatRange(0.1, 86400), default=30.0, show_default=True, help="Seconds the whole command may take (solve and explanation; compare: per variant)."
    )(command)
    return command


def view_option(command: Callable) -> Callable:
    """--view: each body's annex (default) or, for several bodies, the grid of sittings and rooms."""
    return click.option(
        "--view",
        type=click.Choice(["annex", "grid"]),
        default="annex",
        show_default=True,
        help="'annex': each body's annex; 'grid': which body meets where, sitting by sitting (table, markdown, csv, html).",
    )(command)


FORMAT_NAMES = click.Choice(sorted(FORMATS))
ALL = "all"


def language_option(command: Callable) -> Callable:
    """--lang: the language the documents print in (default: the file's session.language);
    'all' writes one file per language beside the output (annex.fr.docx …)."""
    return click.option(
        "--lang",
        "lang",
        type=click.Choice([*LANGUAGES, ALL]),
        default=None,
        help="Print in this language (default: the file's session.language); 'all': one file per language beside -o (annex.fr.docx …).",
    )(command)


def languages(lang: str | None, default: str, output: Path | None, what: str = "output") -> list[str]:
    """The languages to print in: the one asked for, the file's, or all six (which needs -o)."""
    if lang == ALL:
        if output is None:
            raise InputError(f"--lang all writes one file per language beside the {what}; add -o PATH (annex.docx gives annex.ar.docx … annex.es.docx)")
        return list(LANGUAGES)
    return [lang or default]


def targets(output: Path | None, chosen: list[str], lang: str | None) -> list[tuple[str, Path | None]]:
    """Each language and where it goes: -o itself, or, with --lang all, beside it."""
    if lang == ALL and output is not None:
        return [(code, in_language_path(output, code)) for code in chosen]
    return [(code, output) for code in chosen]


def refuse_targets(output: Path | None, lang: str | None, inputs: list[Path]) -> None:
    """Refuse, before any work, each file --lang all would write that orgwork would not write."""
    if lang == ALL and output is not None:
        for code in LANGUAGES:
            refuse_inputs(in_language_path(output, code), inputs)


PROGRESS_EVERY = 3.0  # seconds between two progress lines at most once


def progress_line(hook_label: str) -> Callable:
    """A hook that prints, at most every few seconds and not in the first second, the best draft
    so far in planner terms: 'drafting: best so far meets all rules, 3 continuations; still
    proving (12 s of 30 s)'."""
    shown = [float("-inf")]

    def show(progress) -> None:
        if progress.seconds < 1.0 or progress.seconds - shown[0] < PROGRESS_EVERY:
            return
        shown[0] = progress.seconds
        click.echo(f"  {hook_label}: {progress_text(progress)}", err=True)

    return show


def refuse_inputs(output: Path | None, inputs: list[Path]) -> None:
    """Refuse, before any work, an output orgwork would not write (an input, a device, no
    suffix …); the write itself refuses it again."""
    if output is not None and (problem := refusal(output, inputs)):
        raise InputError(problem)


def emit(schedule: Schedule, fmt: Format, output: Path | None, inputs: list[Path], view: str = "annex", lang: str | None = None) -> None:
    """Print the schedule, or write it atomically to `output`, never over an input; in the
    language asked for (default: the file's), or with --lang all one file per language beside
    `output`. A title missing in a language is printed in the file's language, with a warning."""
    if fmt.neutral and lang == ALL:
        raise InputError(f"the {fmt.name} schedule is the same in every language (it keeps each title per language); "
                         "write it once, without --lang all, and export each language from it")
    chosen = languages(lang, schedule.session.language, output)
    for code, target in targets(output, chosen, lang):
        if not fmt.neutral:
            for warning in missing(schedule, code):
                click.echo(f"Warning: {warning}.", err=True)
        content = fmt.render(schedule, view, code)
        if target is None:
            click.echo(content.decode("utf-8") if isinstance(content, bytes) else content, nl=False)
            continue
        write_atomic(target, content, inputs=inputs)
        in_what = "" if fmt.neutral or (lang != ALL and code == schedule.session.language and lang is None) else f", {NAMES[code]}"
        click.echo(f"Wrote {target} ({fmt.name}{in_what}).", err=True)
