"""Text renderings of a schedule: terminal table, Markdown, CSV and JSON."""

from __future__ import annotations

import csv
import io

from tabulate import tabulate

from reports.safety import inert
from reports.annex import COLUMNS, HEADING, annex_rows, subtitle
from solver.diff import describe
from solver.durations import format_minutes
from solver.schedule import Schedule


def changes(schedule: Schedule) -> list[str]:
    """What a re-plan moved and what a partial plan left out, as lines under the annex."""
    lines = []
    if schedule.moves:
        lines += ["", "Moved from the baseline:"] + [f"- {describe(move)}" for move in schedule.moves]
    if schedule.left_out:
        lines += ["", "If time permits (left out of this plan):"]
        lines += [f"- item {o.id}: {o.title} (would need {format_minutes(o.estimate_minutes)})" for o in schedule.left_out]
    return lines


def render_table(schedule: Schedule) -> str:
    cells = [row.cells() for row in annex_rows(schedule)]
    table = tabulate(cells, headers=list(COLUMNS), tablefmt="simple", maxcolwidths=[24, 8, 64])
    return "\n".join([HEADING, subtitle(schedule), "", table, *changes(schedule)]) + "\n"


def _markdown_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(schedule: Schedule) -> str:
    lines = [f"## {HEADING}", "", subtitle(schedule), "", "| " + " | ".join(COLUMNS) + " |", "| --- | --- | --- |"]
    for row in annex_rows(schedule):
        cells = row.cells()
        lines.append("| " + " | ".join(_markdown_cell(c) for c in cells) + " |")
    return "\n".join(lines + changes(schedule)) + "\n"


def render_csv(schedule: Schedule) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(tuple(inert(cell) for cell in row.cells()) for row in annex_rows(schedule))
    return buffer.getvalue()


def render_json(schedule: Schedule) -> str:
    return schedule.to_json()

