"""A comparison of scenarios as the planner reads it: figures side by side, then what moved.

Terminal table, Markdown and JSON here; Excel (a summary sheet and an annex sheet per variant)
and HTML (annexes and timelines side by side) reuse the single-schedule renderers' pieces.
Every renderer prints in a language (default: the base file's); the JSON is the same in all.
Why a variant does not fit is said as the planner's explanation says it, in English.
"""

from __future__ import annotations

import io
import json

from tabulate import tabulate

from reports.annex import annexes, columns as annex_columns
from reports.languages import Language, language as language_table
from reports.retold import Retold
from reports.safety import for_markdown, for_terminal
from reports.stamp import document_time, reproducible_zip
from reports.titles import in_language
from solver.plans.compare import ROWS, Comparison, Figures
from solver.rules import SOFT

NONE = "–"


def _language(comparison: Comparison, language: str | None) -> str:
    base = comparison.base.schedule
    return language or (base.session.language if base is not None else comparison.base.instance.session.language)


def _name(comparison: Comparison, index: int, table: Language) -> str:
    """A variant's name as the file gives it; the base, which the file does not name, in the language."""
    name = comparison.results[index].name
    return table.word("comparison.base") if index == 0 and name == "Base" else name


def _value(figures: Figures, key: str, table: Language) -> str:
    counts = figures.counts
    if counts is None:  # does not fit: why (as the explanation says it), and no figures
        return table.word("comparison.no", reason=figures.feasible.removeprefix("no: ")) if key == "feasible" else NONE
    comma = table.word("list.comma")
    listed = lambda ids: f"{len(ids)}" + (f" ({comma.join(ids)})" if ids else "")  # noqa: E731
    spare = lambda minutes: table.duration(minutes) if minutes else table.word("none")  # noqa: E731
    if key == "feasible":
        return table.word("answer.yes")
    if key == "meetings":
        return table.word("comparison.of", n=counts.meetings, granted=counts.granted) if counts.granted else str(counts.meetings)
    if key == "spare_total":
        return spare(counts.spare_total)
    if key == "spare_last_day":
        return spare(counts.spare_last_day)
    if key == "items_split":
        return listed(counts.split)
    if key == "moved":
        return listed(counts.moved) if counts.moved is not None else NONE
    if key == "last_meeting":
        return table.word("comparison.load", items=comma.join(counts.last_items), used=table.duration(counts.last_used), length=table.duration(counts.last_length))
    return figures.penalty


def table(comparison: Comparison, language: str = "en", counted: bool = False) -> tuple[list[str], list[list[str]]]:
    """`Comparison.table` in `language`: columns (the variants' names) and rows (a figure per
    row, a soft convention per row, named by what it counts; with `counted`, the HTML report's
    rows, the meetings used are the meetings held, as the rule that counts them says)."""
    words = language_table(language)
    all_figures = comparison.figures()
    heads = ["", *(_name(comparison, i, words) for i in range(len(comparison.results)))]
    def row(key: str) -> list[str]:
        # the report names the meetings held as the rule that counts them does
        label = words.word("counted.meetings-used" if counted and key == "meetings" else f"comparison.row.{key}")
        return [label, *(_value(f, key, words) for f in all_figures)]

    rows = [row(key) for _, key in ROWS[:-2]]
    for rule in SOFT:
        counts = [f.conventions.get(rule.name, 0) for f in all_figures]
        if any(counts):
            label = words.word(f"counted.{rule.key}" if rule.counted else f"rule.{rule.key}")  # by what it counts
            rows.append([label, *(NONE if f.counts is None else str(c) for f, c in zip(all_figures, counts))])
    rows += [row(key) for _, key in ROWS[-2:]]
    return heads, rows


def _differences(comparison: Comparison, language: str = "en") -> list[tuple[str, list[list[str]]]]:
    """Per variant: item, base meetings, variant meetings."""
    words = language_table(language)
    out = []
    for result in comparison.results[1:]:
        if result.schedule is None:
            out.append((result.name, []))
            continue
        retold = Retold.of(result.schedule, words)
        if comparison.base.schedule is not None:
            retold.places = {**Retold.of(comparison.base.schedule, words).places, **retold.places}
        semicolon = words.word("list.semicolon")
        rows = [[m.item, semicolon.join(retold.place(p) for p in m.before) or "—", semicolon.join(retold.place(p) for p in m.after) or "—"]
                for m in comparison.moves(result)]
        out.append((result.name, rows))
    return out


def _move_heads(words: Language) -> list[str]:
    return [words.word("comparison.item"), words.word("comparison.base_meetings"), words.word("comparison.variant_meetings")]


def _terminal(rows) -> list[list[str]]:
    return [[for_terminal(str(c)) for c in row] for row in rows]


def render_table(comparison: Comparison, language: str | None = None) -> str:
    language = _language(comparison, language)
    words = language_table(language)
    columns, rows = table(comparison, language)
    width = [24] + [16] * (len(columns) - 1)
    lines = [words.word("comparison.title"), "", tabulate(_terminal(rows), headers=_terminal([columns])[0], maxcolwidths=width, maxheadercolwidths=width, disable_numparse=True)]
    for result, (name, moves) in zip(comparison.results[1:], _differences(comparison, language)):
        lines += ["", f"{for_terminal(name)}:"]
        if result.schedule is None:
            lines += [f"  {for_terminal(line)}" for line in result.explanation]
        elif not moves:
            lines.append(f"  {words.word('comparison.same')}")
        else:
            lines.append(tabulate(_terminal(moves), headers=_move_heads(words), maxcolwidths=[10, 50, 50], disable_numparse=True))
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return for_markdown(str(text))


def render_markdown(comparison: Comparison, language: str | None = None) -> str:
    language = _language(comparison, language)
    words = language_table(language)
    columns, rows = table(comparison, language)
    lines = [f"## {words.word('comparison.title')}", "", "| " + " | ".join(_cell(c) for c in columns) + " |", "|" + " --- |" * len(columns)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    for result, (name, moves) in zip(comparison.results[1:], _differences(comparison, language)):
        lines += ["", f"### {for_markdown(name, cell=False)}", ""]
        if result.schedule is None:
            lines += [f"    {for_terminal(line)}" for line in result.explanation]  # a code block: shown as is
        elif not moves:
            lines.append(words.word("comparison.same_sentence"))
        else:
            lines += ["| " + " | ".join(_cell(c) for c in _move_heads(words)) + " |", "| --- | --- | --- |"]
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in moves]
    return "\n".join(lines) + "\n"


def render_json(comparison: Comparison, language: str | None = None) -> str:
    """The same in every language: the figures as `Comparison.table` words them."""
    columns, rows = comparison.table()
    variants = []
    for index, result in enumerate(comparison.results):
        variants.append(
            {
                "name": result.name,
                "feasible": result.schedule is not None,
                "reason": result.reason,
                "explanation": result.explanation,
                "figures": {row[0]: row[index + 1] for row in rows},
                "moves": [m.model_dump() for m in comparison.moves(result)] if index else [],
                "schedule": json.loads(result.schedule.to_json()) if result.schedule else None,
            }
        )
    return json.dumps({"format": "orgwork-comparison/1", "variants": variants}, indent=2, ensure_ascii=False) + "\n"


def render_xlsx(comparison: Comparison, language: str | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from reports.excel import right_to_left, sheet_title, write_cell

    language = _language(comparison, language)
    words = language_table(language)

    def put(sheet, row: int, column: int, value: str, bold: bool = False):
        cell = write_cell(sheet, row, column, value)  # printable, never a formula, refused past 32,767
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = Font(bold=True)

    workbook = Workbook()
    summary = workbook.active
    summary.title = words.word("comparison.summary")
    columns, rows = table(comparison, language)
    for c, value in enumerate(columns, start=1):
        put(summary, 1, c, value, bold=True)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            put(summary, r, c, value, bold=c == 1)
    summary.freeze_panes = "B2"
    summary.column_dimensions["A"].width = 30
    for c in range(2, len(columns) + 1):
        summary.column_dimensions[summary.cell(row=1, column=c).column_letter].width = 24
    taken = {summary.title}
    for index, result in enumerate(comparison.results):
        sheet = workbook.create_sheet(sheet_title(_name(comparison, index, words), taken, words.word("comparison.variant"), length=28))
        if result.schedule is None:
            put(sheet, 1, 1, words.word("comparison.does_not_fit"), bold=True)
            for r, line in enumerate(result.explanation, start=2):
                put(sheet, r, 1, line.strip())
            sheet.column_dimensions["A"].width = 100
            continue
        row = 1
        for annex in annexes(in_language(result.schedule, language), language):
            for c, value in enumerate(annex_columns(language), start=1):
                put(sheet, row, c, value, bold=True)
            for annex_row in annex.rows:
                row += 1
                for c, value in enumerate(annex_row.cells(), start=1):
                    put(sheet, row, c, value)
            row += 2
        sheet.freeze_panes = "A2"
        for letter, width in zip("ABC", (26, 10, 80)):
            sheet.column_dimensions[letter].width = width
    if words.rtl:
        for sheet in workbook.worksheets:
            right_to_left(sheet)
    base = comparison.base.schedule
    when = document_time(base) if base else None
    buffer = io.BytesIO()
    if when is not None:
        workbook.properties.created = when.replace(tzinfo=None)
    workbook.save(buffer)
    return reproducible_zip(buffer.getvalue(), when) if when else buffer.getvalue()


def html_context(comparison: Comparison, language: str | None = None) -> dict:
    """What the comparison's HTML shows, in `language`: the figures, the moves, each variant's
    sections (one colour per item across the variants) and the legend they share; the
    document's and the web page's."""
    from reports.html import sayer, sections
    from reports.timeline import ROW_HEIGHT, item_colours

    language = _language(comparison, language)
    words = language_table(language)
    columns, rows = table(comparison, language, counted=True)
    schedules = [r.schedule for r in comparison.results if r.schedule is not None]
    # one colour per item in every variant: the base's items first, then those a variant adds
    colours = item_colours(record for schedule in schedules for record in schedule.items)
    panels = [
        {"name": _name(comparison, n, words), "sections": sections(in_language(r.schedule, language), colours, compact=True, language=language) if r.schedule else [],
         "explanation": r.explanation}
        for n, r in enumerate(comparison.results)
    ]
    keys, marks, seen = [], set(), set()
    for panel in panels:
        for part in panel["sections"]:
            marks |= part.timeline.marks
            for key in part.timeline.keys:
                if (key.label, key.colour) not in seen:
                    seen.add((key.label, key.colour))
                    keys.append(key)
    return dict(
        columns=columns, rows=rows, panels=panels, differences=_differences(comparison, language), annex_columns=annex_columns(language),
        row_height=ROW_HEIGHT, keys=keys, marks=marks, words=words, say=sayer(words), lang=words.code, dir=words.direction, move_heads=_move_heads(words),
    )


def render_html(comparison: Comparison, language: str | None = None) -> str:
    from reports.html import environment

    return environment().get_template("comparison.html.j2").render(**html_context(comparison, language))


RENDERERS = {"table": render_table, "markdown": render_markdown, "json": render_json, "xlsx": render_xlsx, "html": render_html}
SUFFIXES = {".txt": "table", ".md": "markdown", ".json": "json", ".xlsx": "xlsx", ".html": "html"}
