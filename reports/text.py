"""Text renderings of a schedule: terminal table, Markdown, CSV and JSON."""

from __future__ import annotations

import csv
import io

from tabulate import tabulate

from reports.safety import inert
from reports.annex import COLUMNS, HEADING, annexes, subtitle
from reports.grid import grid
from solver.check.diff import describe
from solver.input.durations import format_minutes
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


def _table(headers, rows, widths=None) -> str:
    return tabulate([list(r) for r in rows], headers=list(headers), tablefmt="simple", maxcolwidths=widths, disable_numparse=True)


def render_table(schedule: Schedule, view: str = "annex") -> str:
    if view == "grid":
        combined = grid(schedule)
        return "\n".join(["Meetings by sitting and room", subtitle(schedule), "", _table(combined.columns, combined.rows)]) + "\n"
    parts = []
    for annex in annexes(schedule):
        heading = f"{HEADING}: {annex.body}" if schedule.bodies else HEADING
        table = _table(COLUMNS, [row.cells() for row in annex.rows], [24, 8, 64])
        parts.append("\n".join([heading, subtitle(schedule), "", table]))
    if schedule.bodies:
        combined = grid(schedule)
        parts.append("\n".join(["Meetings by sitting and room", "", _table(combined.columns, combined.rows)]))
    return "\n\n".join(parts) + "\n".join(["", *changes(schedule)]) + "\n"


def _markdown_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _markdown_table(headers, rows) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    lines += ["| " + " | ".join(_markdown_cell(c) for c in row) + " |" for row in rows]
    return lines


def render_markdown(schedule: Schedule, view: str = "annex") -> str:
    combined = grid(schedule)
    if view == "grid":
        return "\n".join(["## Meetings by sitting and room", "", subtitle(schedule), "", *_markdown_table(combined.columns, combined.rows)]) + "\n"
    lines: list[str] = []
    for annex in annexes(schedule):
        heading = f"## {HEADING}: {annex.body}" if schedule.bodies else f"## {HEADING}"
        lines += [heading, "", subtitle(schedule), ""]
        lines += _markdown_table(COLUMNS, [row.cells() for row in annex.rows])
        lines.append("")
    if schedule.bodies:
        lines += ["## Meetings by sitting and room", "", *_markdown_table(combined.columns, combined.rows), ""]
    return "\n".join(lines[:-1] + changes(schedule)) + "\n"


def render_csv(schedule: Schedule, view: str = "annex") -> str:
    """The annex's three columns; several bodies: a first column names the body."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if view == "grid":
        combined = grid(schedule)
        writer.writerow(combined.columns)
        writer.writerows(tuple(inert(c) for c in row) for row in combined.rows)
        return buffer.getvalue()
    several = bool(schedule.bodies)
    writer.writerow((("Body",) if several else ()) + COLUMNS)
    for annex, body in zip(annexes(schedule), schedule.bodies or [None]):
        for row in annex.rows:
            writer.writerow(tuple(inert(c) for c in (((body.id,) if body else ()) + row.cells())))
    return buffer.getvalue()


def render_json(schedule: Schedule) -> str:
    return schedule.to_json()

