"""The schedule as an Excel workbook: the annex, the items and the meetings.

Dates, times and durations are real Excel values (a date cell sorts and filters as a date; time
used is a duration); header rows are frozen; columns are as wide as their content. Text that
Excel would run as a formula is stored as text.

Text goes through `printable` (the workbook's XML takes no control character). A cell holds at
most 32,767 characters: a longer title, or any longer cell, is refused with the item or cell
named, never cut (openpyxl would cut it silently). Sheet names drop what Excel forbids in them.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from reports.annex import COLUMNS, annexes, subtitle
from reports.grid import grid
from reports.safety import excerpt, for_terminal, is_formula_like, newlines, one_line, shortened
from reports.stamp import document_time, reproducible_zip
from solver.errors import InputError
from solver.labels import time_range
from solver.schedule import Schedule

DURATION = "[h]:mm"
MAX_WIDTH = 80
CELL_LIMIT = 32_767  # characters in one Excel cell
PROPERTY_LIMIT = 255  # characters of the title property, as Word's
SHEET_NAME_LIMIT = 31
FORBIDDEN_IN_SHEET_NAMES = "[]:*?/\\"


def too_long(where: str, length: int) -> InputError:
    return InputError(f"{where} has {length:,} characters; an Excel cell holds at most {CELL_LIMIT:,}; shorten it or export another format")


def cell_text(value):
    """A value as a cell holds it: text printable, its line breaks as Excel's own (LF)."""
    return newlines(value) if isinstance(value, str) else value


def write_cell(sheet, row: int, column: int, value, header: str = ""):
    """Put `value` in a cell: printable, refused over 32,767 characters, never a formula."""
    value = cell_text(value)
    if isinstance(value, str) and len(value) > CELL_LIMIT:
        raise too_long(f"the {sheet.title} sheet, row {row}, column {header or column}", len(value))
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and is_formula_like(value):
        cell.data_type = "s"  # text, never a formula
        cell.quotePrefix = True
    return cell


def sheet_title(name: str, taken: set[str], fallback: str = "Sheet", length: int = SHEET_NAME_LIMIT) -> str:
    """A sheet name Excel accepts: no []:*?/\\ or control character, no apostrophe at either end,
    at most `length` (31) characters, and unlike the names in `taken` (to which it is added)."""
    ends = " '"
    base = "".join(c for c in for_terminal(name) if c not in FORBIDDEN_IN_SHEET_NAMES)
    base = base.strip(ends)[:length].strip(ends) or fallback
    title, n = base, 2
    while title.casefold() in {t.casefold() for t in taken}:
        title = f"{base[: length - 1 - len(str(n))].rstrip(ends)} {n}"
        n += 1
    taken.add(title)
    return title


def _check_items(schedule: Schedule) -> None:
    """The clear refusal for the usual case: an item's title (or id) longer than a cell."""
    for record in schedule.items:
        who = f"item {excerpt(record.id, 30, quoted=False)}" + (f" of {excerpt(record.body, 30, quoted=False)}" if record.body else "")
        for noun, text in (("title", record.title), ("id", record.id)):
            if len(cell_text(text)) > CELL_LIMIT:
                raise too_long(f"{who}: its {noun}", len(cell_text(text)))


def _sheet(workbook: Workbook, title: str, headers: list[str], rows: list[list], formats: dict[int, str] | None = None):
    sheet = workbook.create_sheet(title)
    for column, header in enumerate(headers, start=1):
        write_cell(sheet, 1, column, header).font = Font(bold=True)
    for r, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = write_cell(sheet, r, column, value, headers[column - 1])
            if formats and column in formats:
                cell.number_format = formats[column]
    sheet.freeze_panes = "A2"
    for column in range(1, len(headers) + 1):
        texts = [_shown(sheet.cell(row=r, column=column).value) for r in range(1, len(rows) + 2)]
        sheet.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, max(len(t) for t in texts) + 2)
    return sheet


def _shown(value) -> str:
    if isinstance(value, dt.date):
        return "Wednesday 30 September 2030"
    if isinstance(value, (dt.time, dt.timedelta)):
        return "00:00"
    return "" if value is None else str(value)


def _minutes(minutes: int) -> dt.timedelta:
    return dt.timedelta(minutes=minutes)


def render_xlsx(schedule: Schedule) -> bytes:
    _check_items(schedule)
    workbook = Workbook()
    workbook.remove(workbook.active)
    bodies = schedule.bodies
    taken = {"Items", "Meetings", "Grid"}
    for number, annex in enumerate(annexes(schedule)):
        title = sheet_title(f"Annex {bodies[number].id}", taken, "Annex") if bodies else "Annex"
        sheet = _sheet(workbook, title, list(COLUMNS), [list(row.cells()) for row in annex.rows])
        for row in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
            row[0].alignment = Alignment(wrap_text=True, vertical="top")
    lead = ["Body"] if bodies else []
    _sheet(
        workbook,
        "Items",
        lead + ["Agenda item", "Title", "Kind", "Role", "Estimate", "Time allotted", "Meetings used", "Meetings", "Split"],
        [
            ([r.body] if bodies else []) + [r.id, r.title, r.kind, r.role, _minutes(r.estimate_minutes), _minutes(r.allotted_minutes),
             len(r.meetings), ", ".join(str(m) for m in r.meetings), "yes" if len(r.meetings) > 1 else "no"]
            for r in schedule.items
        ],
        {5 + len(lead): DURATION, 6 + len(lead): DURATION},
    )
    names = {b.id: b.name for b in bodies}
    meeting_rows = []
    for meeting in sorted(schedule.meetings, key=lambda m: (m.date, m.start)):
        length = (dt.datetime.combine(meeting.date, meeting.end) - dt.datetime.combine(meeting.date, meeting.start)).seconds // 60
        used = sum(p.minutes or _length(p) for p in meeting.pieces)
        meeting_rows.append([
            meeting.number, meeting.date, meeting.sitting, time_range(meeting.start, meeting.end), meeting.start, meeting.end,
            meeting.room or "", names.get(meeting.body or "", schedule.session.body), ", ".join(p.item for p in meeting.pieces),
            _minutes(used), _minutes(length - used),
        ])
    _sheet(
        workbook,
        "Meetings",
        ["Meeting", "Date", "Sitting", "Time", "Start", "End", "Room", "Body", "Items", "Time used", "Spare"],
        meeting_rows,
        {2: "dddd d mmmm yyyy", 5: "h:mm", 6: "h:mm", 10: DURATION, 11: DURATION},
    )
    if bodies:
        combined = grid(schedule)
        _sheet(workbook, "Grid", list(combined.columns), [list(row) for row in combined.rows])
    when = document_time(schedule).replace(tzinfo=None)
    workbook.properties.title = shortened(one_line(f"Proposed organization of work: {subtitle(schedule)}"), PROPERTY_LIMIT)
    workbook.properties.creator = "orgwork"
    workbook.properties.created = when
    buffer = io.BytesIO()
    workbook.save(buffer)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return reproducible_zip(buffer.getvalue(), document_time(schedule), {"docProps/core.xml": lambda xml: _modified(xml, stamp)})


def _length(piece) -> int:
    return (piece.end.hour * 60 + piece.end.minute) - (piece.start.hour * 60 + piece.start.minute)


def _modified(xml: bytes, stamp: str) -> bytes:
    """openpyxl dates the file at saving; put the schedule's own timestamp there instead."""
    return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp.encode() + rb"\g<2>", xml)
