"""The schedule as an Excel workbook: the annex, the items and the meetings.

Dates, times and durations are real Excel values (a date cell sorts and filters as a date; time
used is a duration); header rows are frozen; columns are as wide as their content. Text that
Excel would run as a formula is stored as text.
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
from reports.safety import is_formula_like
from reports.stamp import document_time, reproducible_zip
from solver.labels import time_range
from solver.schedule import Schedule

DURATION = "[h]:mm"
MAX_WIDTH = 80


def _cell(sheet, row: int, column: int, value):
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and is_formula_like(value):
        cell.data_type = "s"  # text, never a formula
        cell.quotePrefix = True
    return cell


def _sheet(workbook: Workbook, title: str, headers: list[str], rows: list[list], formats: dict[int, str] | None = None):
    sheet = workbook.create_sheet(title)
    for column, header in enumerate(headers, start=1):
        _cell(sheet, 1, column, header).font = Font(bold=True)
    for r, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = _cell(sheet, r, column, value)
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
    workbook = Workbook()
    workbook.remove(workbook.active)
    bodies = schedule.bodies
    for number, annex in enumerate(annexes(schedule)):
        title = f"Annex {bodies[number].id}"[:31] if bodies else "Annex"
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
    workbook.properties.title = f"Proposed organization of work: {subtitle(schedule)}"
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
