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
from reports.annex import annexes, columns, subtitle
from reports.grid import grid
from reports.languages import Language, language as language_table
from reports.retold import Retold
from solver.schedule import MoveRecord, Schedule


def changes(schedule: Schedule, language: str = "en") -> list[str]:
    """What a re-plan moved, what a partial plan left out, and whether the draft is proven best,
    as lines under the annex."""
    table = language_table(language)
    lines = []
    notes = proof_notes(schedule, language)
    if notes:
        lines += ["", *notes]
    if schedule.moves:
        retold = Retold.of(schedule, table)
        lines += ["", table.word("changes.moved")] + [f"- {described(move, table, retold)}" for move in schedule.moves]
    if schedule.left_out:
        lines += ["", table.word("changes.left_out")]
        for o in schedule.left_out:
            text = table.word("changes.left_out_item", id=o.id, title=o.title, duration=table.duration(o.estimate_minutes))
            lines.append(f"- {table.word('changes.of_body', body=o.body, text=text) if o.body else text}")
    return lines


def described(move: MoveRecord, table: Language, retold: Retold) -> str:
    """'item 3: Thursday, 7 September, morning and afternoon → Thursday, 7 September, afternoon',
    as `solver.check.diff.describe` says it, in the table's language."""
    who = table.word("move.item", id=move.item)
    who = table.word("changes.of_body", body=move.body, text=who) if move.body else who
    before = table.word("list.and").join(retold.place(p) for p in move.before)
    after = table.word("list.and").join(retold.place(p) for p in move.after)
    if not move.before:
        return table.word("move.added", who=who, after=after)
    if not move.after:
        return table.word("move.removed", who=who, before=before)
    return table.word("move.moved", who=who, before=before, after=after)


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


def _heading(annex, schedule: Schedule, table: Language, cleaned) -> str:
    """'Proposed organization of work', or with several bodies '…: Working Group on …'."""
    return table.word("annex.heading_of_body", heading=annex.heading, body=cleaned(annex.body)) if schedule.bodies else annex.heading


def render_table(schedule: Schedule, view: str = "annex", language: str | None = None) -> str:
    language = language or schedule.session.language
    words = language_table(language)
    title = for_terminal(subtitle(schedule, language))
    if view == "grid":
        combined = grid(schedule, language)
        return "\n".join([words.word("grid.heading"), title, "", _table(combined.columns, combined.rows)]) + "\n"
    parts = []
    for annex in annexes(schedule, language):
        table = _table(columns(language), [row.cells() for row in annex.rows], [24, 8, 64])
        parts.append("\n".join([_heading(annex, schedule, words, for_terminal), title, "", table]))
    if schedule.bodies:
        combined = grid(schedule, language)
        parts.append("\n".join([words.word("grid.heading"), "", _table(combined.columns, combined.rows)]))
    return "\n\n".join(parts) + "\n".join(["", *(for_terminal(line) for line in changes(schedule, language))]) + "\n"


def _markdown_table(headers, rows) -> list[str]:
    lines = ["| " + " | ".join(for_markdown(h) for h in headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    lines += ["| " + " | ".join(for_markdown(c) for c in row) + " |" for row in rows]
    return lines


def render_markdown(schedule: Schedule, view: str = "annex", language: str | None = None) -> str:
    language = language or schedule.session.language
    words = language_table(language)
    combined = grid(schedule, language)
    title = for_markdown(subtitle(schedule, language), cell=False)
    if view == "grid":
        return "\n".join([f"## {words.word('grid.heading')}", "", title, "", *_markdown_table(combined.columns, combined.rows)]) + "\n"
    lines: list[str] = []
    for annex in annexes(schedule, language):
        lines += [f"## {_heading(annex, schedule, words, lambda text: for_markdown(text, cell=False))}", "", title, ""]
        lines += _markdown_table(columns(language), [row.cells() for row in annex.rows])
        lines.append("")
    if schedule.bodies:
        lines += [f"## {words.word('grid.heading')}", "", *_markdown_table(combined.columns, combined.rows), ""]
    return "\n".join(lines[:-1] + [for_markdown(line, cell=False) for line in changes(schedule, language)]) + "\n"



def render_csv(schedule: Schedule, view: str = "annex", language: str | None = None) -> str:
    """The annex's three columns; several bodies: a first column names the body."""
    language = language or schedule.session.language
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if view == "grid":
        combined = grid(schedule, language)
        writer.writerow(tuple(csv_cell(c) for c in combined.columns))
        writer.writerows(tuple(csv_cell(c) for c in row) for row in combined.rows)
        return buffer.getvalue()
    several = bool(schedule.bodies)
    writer.writerow(((language_table(language).word("column.body"),) if several else ()) + columns(language))
    for annex, body in zip(annexes(schedule, language), schedule.bodies or [None]):
        for row in annex.rows:
            writer.writerow(tuple(csv_cell(c) for c in (((body.id,) if body else ()) + row.cells())))
    return buffer.getvalue()


def render_json(schedule: Schedule, language: str | None = None) -> str:
    """The canonical schedule, the same in every language: it keeps each title per language."""
    return schedule.to_json()

