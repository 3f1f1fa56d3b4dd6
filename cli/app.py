"""orgwork: draft the organization of work of a session from its agenda.

Thin click commands over the `solver` and `reports` libraries, one module per group. Exit codes:
0 a draft (or a sound file), 1 bad input, 2 the agenda cannot be organized under the rules,
3 an internal error. Commands import OR-Tools only when they solve.
"""

from __future__ import annotations

import click

from cli.checks import check_command, diff_command
from cli.drafts import export_command, solve_command
from cli.imports import import_command, learn_command
from cli.risk import risk_command
from cli.scenarios import compare_command, schema_command
from cli.serve import serve_command


@click.group()
@click.version_option(package_name="orgwork")
def main() -> None:
    """Draft the organization of work of an intergovernmental session.

    Example: orgwork solve instances/ctoc-wg-tip-2017.yaml
    """


for command in (solve_command, export_command, check_command, diff_command, compare_command, risk_command, schema_command, import_command,
                learn_command, serve_command):
    main.add_command(command)


if __name__ == "__main__":
    main()
