"""Text renderings of a schedule: terminal table, Markdown, CSV and JSON."""

from __future__ import annotations

import csv
import io

from tabulate import tabulate

from reports.annex import COLUMNS, HEADING, annex_rows
from solver.schedule import Schedule

TEXT_FORMATS = ("table", "markdown", "csv", "json")
SUFFIXES = {".txt": "table", ".md": "markdown", ".markdown": "markdown", ".csv": "csv", ".json": "json"}


def _subtitle(schedule: Schedule) -> str:
    session = schedule.session
    parts = [session.body, session.name, session.venue]
    return ", ".join(p for p in parts if p)


def render_table(schedule: Schedule) -> str:
    cells = [row.cells() for row in annex_rows(schedule)]
    table = tabulate(cells, headers=list(COLUMNS), tablefmt="simple", maxcolwidths=[24, 8, 64])
    return f"{HEADING}\n{_subtitle(schedule)}\n\n{table}\n"


def _markdown_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(schedule: Schedule) -> str:
    lines = [f"## {HEADING}", "", _subtitle(schedule), "", "| " + " | ".join(COLUMNS) + " |", "| --- | --- | --- |"]
    for row in annex_rows(schedule):
        cells = row.cells()
        lines.append("| " + " | ".join(_markdown_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def render_csv(schedule: Schedule) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(row.cells() for row in annex_rows(schedule))
    return buffer.getvalue()


def render_json(schedule: Schedule) -> str:
    return schedule.to_json()


RENDERERS = {"table": render_table, "markdown": render_markdown, "csv": render_csv, "json": render_json}


def render(schedule: Schedule, fmt: str) -> str:
    return RENDERERS[fmt](schedule)
