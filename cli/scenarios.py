"""`orgwork compare` and `orgwork schema`: variants side by side, and the instance format."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cli.common import ALL, language_option, languages, refuse_inputs, refuse_targets, reported, solver_options, targets
from reports.output import write_atomic
from solver.languages import NAMES
from solver.errors import InputError
from solver.input.instance import Instance
from solver.plans.engines import ENGINES


@click.command("compare")
@click.argument("scenarios", type=click.Path(path_type=Path))
@click.option("--to", "fmt", type=click.Choice(["table", "markdown", "json", "xlsx", "html"]), default=None,
              help="Format (default: from -o's suffix, else table).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write the comparison to this file.")
@click.option("--processes", type=click.IntRange(1, 64), default=None, help="Variants solved at once (default: the cores).")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
              help="Where the variants are solved: this machine's processes, or a Dask cluster (pip install 'orgwork[cluster]').")
@language_option
@solver_options
@reported
def compare_command(
    scenarios: Path, fmt: str | None, output: Path | None, processes: int | None, engine: str, lang: str | None,
    time_limit: float, seed: int, workers: int
) -> None:
    """Solve a base and its variants side by side: figures, then what moves from the base.

    --lang prints the comparison in another language (default: the base file's); --lang all
    writes one file per language beside -o. Why a variant does not fit is said in English.

    Example: orgwork compare instances/ctoc-wg-tip-2017-scenarios.yaml --to xlsx -o scenarios.xlsx
    """
    from reports.comparison import RENDERERS, SUFFIXES
    from solver.plans.compare import compare
    from solver.plans.scenarios import base_path, load_scenarios

    from solver.solving.solve import SolveSettings

    refuse_inputs(output, [scenarios, base_path(scenarios)])
    languages(lang, "en", output, "comparison")
    refuse_targets(output, lang, [scenarios, base_path(scenarios)])
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

    if fmt == "json" and lang == ALL:
        raise InputError("the json comparison is the same in every language; write it once, without --lang all")
    comparison = compare(base, variants, settings, processes, progress, engine)
    chosen = languages(lang, base.session.language, output, "comparison")
    for code, target in targets(output, chosen, lang):
        content = RENDERERS[fmt](comparison, code)
        if target is None:
            click.echo(content, nl=False)
            continue
        write_atomic(target, content, inputs=[scenarios, base_path(scenarios)])
        click.echo(f"Wrote {target} ({fmt}{'' if lang is None else ', ' + NAMES[code]}).", err=True)


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of instance files.

    Example: orgwork schema > instance.schema.json
    """
    click.echo(json.dumps(Instance.model_json_schema(), indent=2, ensure_ascii=False))
