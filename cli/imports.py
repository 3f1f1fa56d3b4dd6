"""`orgwork import` and `orgwork learn`: an instance from the agenda document, and estimates
from past sessions. `import` never solves (no OR-Tools); `learn` solves only to share an
annex's meetings among its items, as `check` does."""

from __future__ import annotations

from pathlib import Path

import click

from cli.common import refuse_inputs, reported
from reports.output import write_atomic
from solver.errors import InputError


@click.command("import")
@click.argument("agenda", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write the instance (.yaml) here; without it, it is printed.")
@click.option("--estimates", type=click.Path(path_type=Path), default=None, help="Estimates learned from past sessions (orgwork learn).")
@reported
def import_command(agenda: Path, output: Path | None, estimates: Path | None) -> None:
    """Read a provisional agenda (.docx, .pdf or .txt) into an instance to solve and correct.

    It reads the items as printed (automatic Word numbering too), the session's body, name,
    venue, dates and symbol, the meetings the resources permit and the opening time; estimates
    come from defaults per role and kind, or from --estimates. Every value says in a comment
    where it came from; what the document does not say is a TODO line.

    Example: orgwork import agenda.docx -o instance.yaml
    """
    from solver.input.agenda_import import import_agenda

    inputs = [agenda] + ([estimates] if estimates else [])
    refuse_inputs(output, inputs)
    if output is not None and output.suffix.lower() not in (".yaml", ".yml"):
        raise InputError(f"{output}: an instance is written as YAML; give -o a name ending in .yaml")
    imported = import_agenda(agenda, estimates)
    if output is None:
        click.echo(imported.text, nl=False)
        for line in imported.summary:
            click.echo(line, err=True)
        return
    write_atomic(output, imported.text, inputs=inputs)
    for line in imported.summary:
        click.echo(line)
    click.echo(f"Wrote {output}; solve it with: orgwork solve {output}")


@click.command("learn")
@click.argument("past", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write the estimates (.yaml) here; without it, they are printed.")
@reported
def learn_command(past: tuple[Path, ...], output: Path | None) -> None:
    """Learn estimates from PAST schedules: orgwork JSON, or published annexes (.csv, .xlsx, .docx).

    Per role and kind, and per item title, the median time the items were given (an annex
    without times: each meeting's time shared among its items, as check shares it), with how
    many items and sessions it rests on. orgwork import --estimates uses them.

    Example: orgwork learn last-year.json annex-2023.csv -o estimates.yaml
    """
    from reports.past import past_schedule
    from solver.input.agenda_import.estimates import render_estimates
    from solver.plans.learning import given, learn

    refuse_inputs(output, list(past))
    if output is not None and output.suffix.lower() not in (".yaml", ".yml"):
        raise InputError(f"{output}: estimates are written as YAML; give -o a name ending in .yaml")
    sessions = [given(past_schedule(path)) for path in past]
    learned = learn(sessions)
    text = render_estimates(learned, [path.name for path in past])
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text, inputs=list(past))
        click.echo(f"Wrote {output}: {len(learned.roles)} roles and kinds, {len(learned.titles)} titles from {len(past)} past schedules.", err=True)
