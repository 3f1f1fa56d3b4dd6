"""A comparison of scenarios as the planner reads it: figures side by side, then what moved.

Terminal table, Markdown and JSON here; Excel (a summary sheet and an annex sheet per variant)
and HTML (annexes and timelines side by side) reuse the single-schedule renderers' pieces.
"""

from __future__ import annotations

import io
import json

from tabulate import tabulate

from reports.annex import COLUMNS, annexes
from reports.safety import for_markdown, for_terminal
from reports.stamp import document_time, reproducible_zip
from solver.plans.compare import Comparison


def _differences(comparison: Comparison) -> list[tuple[str, list[list[str]]]]:
    """Per variant: item, base meetings, variant meetings."""
    out = []
    for result in comparison.results[1:]:
        if result.schedule is None:
            out.append((result.name, []))
            continue
        rows = [[m.item, "; ".join(m.before) or "—", "; ".join(m.after) or "—"] for m in comparison.moves(result)]
        out.append((result.name, rows))
    return out


def _terminal(rows) -> list[list[str]]:
    return [[for_terminal(str(c)) for c in row] for row in rows]


def render_table(comparison: Comparison) -> str:
    columns, rows = comparison.table()
    width = [24] + [16] * (len(columns) - 1)
    lines = ["Scenarios compared", "", tabulate(_terminal(rows), headers=_terminal([columns])[0], maxcolwidths=width, maxheadercolwidths=width, disable_numparse=True)]
    for result, (name, moves) in zip(comparison.results[1:], _differences(comparison)):
        lines += ["", f"{for_terminal(name)}:"]
        if result.schedule is None:
            lines += [f"  {for_terminal(line)}" for line in result.explanation]
        elif not moves:
            lines.append("  same meetings as the base")
        else:
            lines.append(tabulate(_terminal(moves), headers=["Item", "Base meetings", "Variant meetings"], maxcolwidths=[10, 50, 50], disable_numparse=True))
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return for_markdown(str(text))


def render_markdown(comparison: Comparison) -> str:
    columns, rows = comparison.table()
    lines = ["## Scenarios compared", "", "| " + " | ".join(_cell(c) for c in columns) + " |", "|" + " --- |" * len(columns)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    for result, (name, moves) in zip(comparison.results[1:], _differences(comparison)):
        lines += ["", f"### {for_markdown(name, cell=False)}", ""]
        if result.schedule is None:
            lines += [f"    {for_terminal(line)}" for line in result.explanation]  # a code block: shown as is
        elif not moves:
            lines.append("Same meetings as the base.")
        else:
            lines += ["| Item | Base meetings | Variant meetings |", "| --- | --- | --- |"]
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in moves]
    return "\n".join(lines) + "\n"


def render_json(comparison: Comparison) -> str:
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


def render_xlsx(comparison: Comparison) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from reports.excel import sheet_title, write_cell

    def put(sheet, row: int, column: int, value: str, bold: bool = False):
        cell = write_cell(sheet, row, column, value)  # printable, never a formula, refused past 32,767
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = Font(bold=True)

    workbook = Workbook()
    summary = workbook.active
    summary.title = "Summary"
    columns, rows = comparison.table()
    for c, value in enumerate(columns, start=1):
        put(summary, 1, c, value, bold=True)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            put(summary, r, c, value, bold=c == 1)
    summary.freeze_panes = "B2"
    summary.column_dimensions["A"].width = 30
    for c in range(2, len(columns) + 1):
        summary.column_dimensions[summary.cell(row=1, column=c).column_letter].width = 24
    taken = {"Summary"}
    for result in comparison.results:
        sheet = workbook.create_sheet(sheet_title(result.name, taken, "Variant", length=28))
        if result.schedule is None:
            put(sheet, 1, 1, "Does not fit", bold=True)
            for r, line in enumerate(result.explanation, start=2):
                put(sheet, r, 1, line.strip())
            sheet.column_dimensions["A"].width = 100
            continue
        row = 1
        for annex in annexes(result.schedule):
            for c, value in enumerate(COLUMNS, start=1):
                put(sheet, row, c, value, bold=True)
            for annex_row in annex.rows:
                row += 1
                for c, value in enumerate(annex_row.cells(), start=1):
                    put(sheet, row, c, value)
            row += 2
        sheet.freeze_panes = "A2"
        for letter, width in zip("ABC", (26, 10, 80)):
            sheet.column_dimensions[letter].width = width
    base = comparison.base.schedule
    when = document_time(base) if base else None
    buffer = io.BytesIO()
    if when is not None:
        workbook.properties.created = when.replace(tzinfo=None)
    workbook.save(buffer)
    return reproducible_zip(buffer.getvalue(), when) if when else buffer.getvalue()


def render_html(comparison: Comparison) -> str:
    from reports.html import environment, sections
    from reports.timeline import ROW_HEIGHT, item_colours
    from reports.wording import figure_label

    columns, rows = comparison.table()
    rows = [[figure_label(row[0]), *row[1:]] for row in rows]
    schedules = [r.schedule for r in comparison.results if r.schedule is not None]
    # one colour per item in every variant: the base's items first, then those a variant adds
    colours = item_colours(record for schedule in schedules for record in schedule.items)
    panels = [
        {"name": r.name, "sections": sections(r.schedule, colours, compact=True) if r.schedule else [], "explanation": r.explanation}
        for r in comparison.results
    ]
    keys, marks, seen = [], set(), set()
    for panel in panels:
        for part in panel["sections"]:
            marks |= part.timeline.marks
            for key in part.timeline.keys:
                if (key.label, key.colour) not in seen:
                    seen.add((key.label, key.colour))
                    keys.append(key)
    return environment().get_template("comparison.html.j2").render(
        columns=columns, rows=rows, panels=panels, differences=_differences(comparison), annex_columns=COLUMNS, row_height=ROW_HEIGHT,
        keys=keys, marks=marks,
    )


RENDERERS = {"table": render_table, "markdown": render_markdown, "json": render_json, "xlsx": render_xlsx, "html": render_html}
SUFFIXES = {".txt": "table", ".md": "markdown", ".json": "json", ".xlsx": "xlsx", ".html": "html"}
