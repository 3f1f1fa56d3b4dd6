"""Text renderings of a schedule: terminal table, Markdown, CSV and JSON."""

from __future__ import annotations

import csv
import io

from tabulate import tabulate

from reports.safety import inert
from reports.annex import COLUMNS, HEADING, annex_rows, subtitle
from solver.schedule import Schedule


def render_table(schedule: Schedule) -> str:
    cells = [row.cells() for row in annex_rows(schedule)]
    table = tabulate(cells, headers=list(COLUMNS), tablefmt="simple", maxcolwidths=[24, 8, 64])
    return f"{HEADING}\n{subtitle(schedule)}\n\n{table}\n"


def _markdown_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(schedule: Schedule) -> str:
    lines = [f"## {HEADING}", "", subtitle(schedule), "", "| " + " | ".join(COLUMNS) + " |", "| --- | --- | --- |"]
    for row in annex_rows(schedule):
        cells = row.cells()
        lines.append("| " + " | ".join(_markdown_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def render_csv(schedule: Schedule) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(tuple(inert(cell) for cell in row.cells()) for row in annex_rows(schedule))
    return buffer.getvalue()


def render_json(schedule: Schedule) -> str:
    return schedule.to_json()

