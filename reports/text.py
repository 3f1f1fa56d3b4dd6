"""Text renderings of a schedule: terminal table, Markdown, CSV and JSON.

User text is made safe for each: the terminal table shows no control or bidi-override character
(a title cannot move the cursor or reorder the columns); Markdown cells are one line with HTML
escaped (a title '<script>' is text in every viewer); a CSV cell is one line (no spreadsheet
splits the row on a carriage return) and inert (no formula). JSON, the canonical form, keeps
every character, escaped as JSON escapes them.
"""

from __future__ import annotations

import csv
import io
import re

from tabulate import tabulate

from reports.status import proof_notes
from reports.safety import csv_cell, for_markdown, for_terminal
from reports.annex import COLUMNS, HEADING, annexes, subtitle
from reports.grid import grid
from solver.check.diff import describe
from solver.input.durations import format_minutes
from solver.schedule import Schedule


def changes(schedule: Schedule) -> list[str]:
    """What a re-plan moved, what a partial plan left out, and whether the draft is proven best,
    as lines under the annex."""
    lines = []
    notes = proof_notes(schedule)
    if notes:
        lines += ["", *notes]
    if schedule.moves:
        lines += ["", "Moved from the baseline:"] + [f"- {describe(move)}" for move in schedule.moves]
    if schedule.left_out:
        lines += ["", "If time permits (left out of this plan):"]
        lines += [
            f"- {o.body + ', ' if o.body else ''}item {o.id}: {o.title} (would need {format_minutes(o.estimate_minutes)})" for o in schedule.left_out
        ]
    return lines


LONG_WORD = re.compile(r"\S{200,}")


def _cut_long_words(text: str, width: int | None) -> str:
    """A word of 200 characters or more in lines of `width`: tabulate wraps such a word in time
    quadratic in its length (half a second for a 40,000-character id). No real title has one."""
    if width is None or len(text) < 200:
        return text
    return LONG_WORD.sub(lambda m: "\n".join(m.group(0)[i : i + width] for i in range(0, len(m.group(0)), width)), text)


def _table(headers, rows, widths=None) -> str:
    widths_or_none = widths or [None] * len(headers)
    cells = [[_cut_long_words(for_terminal(c), w) for c, w in zip(r, widths_or_none)] for r in rows]
    return tabulate(cells, headers=[for_terminal(h) for h in headers], tablefmt="simple", maxcolwidths=widths, disable_numparse=True)


def render_table(schedule: Schedule, view: str = "annex") -> str:
    title = for_terminal(subtitle(schedule))
    if view == "grid":
        combined = grid(schedule)
        return "\n".join(["Meetings by sitting and room", title, "", _table(combined.columns, combined.rows)]) + "\n"
    parts = []
    for annex in annexes(schedule):
        heading = f"{HEADING}: {for_terminal(annex.body)}" if schedule.bodies else HEADING
        table = _table(COLUMNS, [row.cells() for row in annex.rows], [24, 8, 64])
        parts.append("\n".join([heading, title, "", table]))
    if schedule.bodies:
        combined = grid(schedule)
        parts.append("\n".join(["Meetings by sitting and room", "", _table(combined.columns, combined.rows)]))
    return "\n\n".join(parts) + "\n".join(["", *(for_terminal(line) for line in changes(schedule))]) + "\n"


def _markdown_table(headers, rows) -> list[str]:
    lines = ["| " + " | ".join(for_markdown(h) for h in headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    lines += ["| " + " | ".join(for_markdown(c) for c in row) + " |" for row in rows]
    return lines


def render_markdown(schedule: Schedule, view: str = "annex") -> str:
    combined = grid(schedule)
    if view == "grid":
        return "\n".join(["## Meetings by sitting and room", "", for_markdown(subtitle(schedule), cell=False), "", *_markdown_table(combined.columns, combined.rows)]) + "\n"
    lines: list[str] = []
    for annex in annexes(schedule):
        heading = f"## {HEADING}: {for_markdown(annex.body, cell=False)}" if schedule.bodies else f"## {HEADING}"
        lines += [heading, "", for_markdown(subtitle(schedule), cell=False), ""]
        lines += _markdown_table(COLUMNS, [row.cells() for row in annex.rows])
        lines.append("")
    if schedule.bodies:
        lines += ["## Meetings by sitting and room", "", *_markdown_table(combined.columns, combined.rows), ""]
    return "\n".join(lines[:-1] + [for_markdown(line, cell=False) for line in changes(schedule)]) + "\n"



def render_csv(schedule: Schedule, view: str = "annex") -> str:
    """The annex's three columns; several bodies: a first column names the body."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if view == "grid":
        combined = grid(schedule)
        writer.writerow(tuple(csv_cell(c) for c in combined.columns))
        writer.writerows(tuple(csv_cell(c) for c in row) for row in combined.rows)
        return buffer.getvalue()
    several = bool(schedule.bodies)
    writer.writerow((("Body",) if several else ()) + COLUMNS)
    for annex, body in zip(annexes(schedule), schedule.bodies or [None]):
        for row in annex.rows:
            writer.writerow(tuple(csv_cell(c) for c in (((body.id,) if body else ()) + row.cells())))
    return buffer.getvalue()


def render_json(schedule: Schedule) -> str:
    return schedule.to_json()

