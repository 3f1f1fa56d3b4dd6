"""The schedule as an Excel workbook: the annex, the items and the meetings.

Dates, times and durations are real Excel values (a date cell sorts and filters as a date; time
used is a duration); header rows are frozen; columns are as wide as their content. Text that
Excel would run as a formula is stored as text.

The annex sheet reads as the document: a day's row in bold, a day without meetings ("Official
United Nations holiday (no meetings)") and an event in italics; long titles wrap, each row as
high as its lines (neither Excel nor LibreOffice sizes a row on opening), the time and number at
the top beside them. Every sheet prints as wide as one page, its header row on every page, on
the session's paper (`reports.paper`: A4, Letter in New York and Washington); the annex
upright, the other sheets, wider, across the page.

In a language written from right to left (Arabic) every sheet runs from right to left, its
first column at the right, as Excel shows a sheet whose view says so. Chinese characters count
twice in a column's width and a wrapped line, as they print.

Text goes through `printable` (the workbook's XML takes no control character). A cell holds at
most 32,767 characters: a longer title, or any longer cell, is refused with the item or cell
named, never cut (openpyxl would cut it silently). Sheet names drop what Excel forbids in them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.utils import get_column_letter

from reports.annex import AnnexRow, annexes, columns, subtitle
from reports.grid import grid
from reports.languages import language as language_table
from reports.paper import paper
from reports.safety import excerpt, for_terminal, is_formula_like, newlines, one_line, shortened
from reports.stamp import document_time, reproducible_zip
from solver.errors import InputError
from solver.schedule import ItemRecord, Schedule

DURATION = "[h]:mm"
MAX_WIDTH = 80
CELL_LIMIT = 32_767  # characters in one Excel cell
PROPERTY_LIMIT = 255  # characters of the title property, as Word's
SHEET_NAME_LIMIT = 31
TEXT_PER_UNIT = 1.1  # characters of text per unit of column width
LINE_HEIGHT = 15  # points: a line of the default 11-point font
ROW_HEIGHT_LIMIT = 409  # points: the highest row Excel holds
FORBIDDEN_IN_SHEET_NAMES = "[]:*?/\\"
# the workbook's own font (Calibri 11), bold or in italics: a Font with no name prints in
# LibreOffice's default serif face
BOLD = Font(name="Calibri", size=11, family=2, scheme="minor", bold=True)
ITALIC = Font(name="Calibri", size=11, family=2, scheme="minor", italic=True)


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


def _sheet(workbook: Workbook, title: str, headers: list[str], rows: list[list], formats: dict[int, str] | None = None,
           wrapped: tuple[int, ...] = (), landscape: bool = True):
    """A sheet of `rows` under bold `headers`: frozen header, fitted columns; the `wrapped`
    columns wrap their text, each row as high as its longest cell, every cell at the top."""
    sheet = workbook.create_sheet(title)
    for column, header in enumerate(headers, start=1):
        write_cell(sheet, 1, column, header).font = BOLD
    for r, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = write_cell(sheet, r, column, value, headers[column - 1])
            if formats and column in formats:
                cell.number_format = formats[column]
            if wrapped:
                cell.alignment = Alignment(wrap_text=column in wrapped, vertical="top")
    sheet.freeze_panes = "A2"
    for column in range(1, len(headers) + 1):
        texts = [_shown(sheet.cell(row=r, column=column).value) for r in range(1, len(rows) + 2)]
        sheet.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, max(printed_width(t) for t in texts) + 2)
    for r in range(2, len(rows) + 2) if wrapped else ():
        lines = max(_lines(sheet.cell(row=r, column=c).value, sheet.column_dimensions[get_column_letter(c)].width) for c in wrapped)
        if lines > 1:
            sheet.row_dimensions[r].height = min(ROW_HEIGHT_LIMIT, lines * LINE_HEIGHT)
    _print_setup(sheet, landscape)
    return sheet


def printed_width(text: str) -> int:
    """A text's width in characters as it prints: a wide (Chinese) character counts twice."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


RIGHT_TO_LEFT = 2  # a cell's reading order, as Excel numbers it (0 as its text goes, 1 left to right)


def right_to_left(sheet: Worksheet) -> None:
    """The sheet runs from right to left (Arabic): its first column at the right, and every
    cell reads from the right (a Latin title's '(تابع)' after it, its text at the right)."""
    sheet.sheet_view.rightToLeft = True
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                old = cell.alignment
                cell.alignment = Alignment(wrap_text=old.wrap_text, vertical=old.vertical, horizontal=old.horizontal, readingOrder=RIGHT_TO_LEFT)


def _lines(value, width: float) -> int:
    """How many lines a wrapped cell takes in a column `width` units wide (words wrap whole; a
    word wider than the column is broken). A unit is the width of a '0': text runs about a tenth
    more characters to the line (a quarter more in Calibri), so the guess is a little generous,
    never short; a row too high shows some space, one too low hides text."""
    if not isinstance(value, str) or not value:
        return 1
    room = max(1, int(width * TEXT_PER_UNIT) - 2)
    count = 0
    for paragraph in value.split("\n"):
        line = 0
        count += 1
        for word in paragraph.split():
            size = printed_width(word)
            if line and line + 1 + size > room:
                count += 1
                line = 0
            while size > room:
                count += 1
                size -= room
            line = line + (1 if line else 0) + size
    return count


def _print_setup(sheet: Worksheet, landscape: bool) -> None:
    """One page wide (as many high as it needs), the header row on every page; A4 until
    `render_xlsx` sets the session's paper."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def _style_annex(sheet: Worksheet, rows: list[AnnexRow]) -> None:
    """A day's row in bold; a day without meetings and an event's title in italics."""
    for r, row in enumerate(rows, start=2):
        if row.kind == "day":
            sheet.cell(row=r, column=1).font = BOLD
        elif row.kind == "closed" or row.role == "event":
            sheet.cell(row=r, column=3).font = ITALIC


def _shown(value) -> str:
    if isinstance(value, dt.date):
        return "Wednesday 30 September 2030"  # the longest date in English; other languages' are shorter or as long
    if isinstance(value, (dt.time, dt.timedelta)):
        return "00:00"
    return "" if value is None else str(value)


def _minutes(minutes: int) -> dt.timedelta:
    return dt.timedelta(minutes=minutes)


def render_xlsx(schedule: Schedule, language: str | None = None) -> bytes:
    """The workbook in `language` (default: the file's): its sheets' names, headers and words."""
    language = language or schedule.session.language
    words = language_table(language)
    word = words.word
    _check_items(schedule)
    workbook = Workbook()
    workbook.remove(workbook.active)
    bodies = schedule.bodies
    taken = {word("excel.sheet.items"), word("excel.sheet.meetings"), word("excel.sheet.grid")}
    for number, annex in enumerate(annexes(schedule, language)):
        annex_name = word("excel.sheet.annex")
        title = sheet_title(word("excel.sheet.annex_of", body=bodies[number].id), taken, annex_name) if bodies else annex_name
        sheet = _sheet(workbook, title, list(columns(language)), [list(row.cells()) for row in annex.rows], wrapped=(3,), landscape=False)
        _style_annex(sheet, annex.rows)
    lead = [word("column.body")] if bodies else []
    yes, no = word("answer.yes"), word("answer.no")
    heads = ("item", "title", "kind", "role", "estimate", "allotted", "used", "meetings", "split", "with")
    _sheet(
        workbook,
        word("excel.sheet.items"),
        lead + [word(f"excel.items.{key}") for key in heads],
        [
            ([r.body] if bodies else []) + [r.id, r.title, word(f"kind.{r.kind}"), words.words.get(f"role.{r.role}", r.role), _minutes(r.estimate_minutes),
             _minutes(r.allotted_minutes), len(r.meetings), ", ".join(str(m) for m in r.meetings), yes if len(r.meetings) > 1 else no, r.with_item or ""]
            for r in _in_agenda_order(schedule.items)
        ],
        {5 + len(lead): DURATION, 6 + len(lead): DURATION},
        wrapped=(2 + len(lead),),
    )
    names = {b.id: b.name for b in bodies}
    together = {(r.body, r.id): r.together for r in schedule.items if r.together}
    meeting_rows = []
    for meeting in sorted(schedule.meetings, key=lambda m: (m.date, m.start)):
        length = (dt.datetime.combine(meeting.date, meeting.end) - dt.datetime.combine(meeting.date, meeting.start)).seconds // 60
        used = sum(p.minutes or _length(p) for p in meeting.pieces)
        meeting_rows.append([
            meeting.number, words.day(meeting.date) if schedule.numbered else meeting.date, words.sitting(meeting.sitting),
            words.time_range(meeting.start, meeting.end), meeting.start, meeting.end,
            meeting.room or "", names.get(meeting.body or "", schedule.session.body), ", ".join(_taken_up(meeting, together)),
            _minutes(used), _minutes(length - used),
        ])
    heads = ("meeting", "date", "sitting", "time", "start", "end", "room", None, "items", "used", "spare")
    _sheet(
        workbook,
        word("excel.sheet.meetings"),
        [word(f"excel.meetings.{key}") if key else word("column.body") for key in heads],
        meeting_rows,
        {2: word("excel.date_format"), 5: "h:mm", 6: "h:mm", 10: DURATION, 11: DURATION},
        wrapped=(9,),
    )
    if bodies:
        combined = grid(schedule, language)
        _sheet(workbook, word("excel.sheet.grid"), list(combined.columns), [list(row) for row in combined.rows])
    letter = paper(schedule).name == "Letter"
    for sheet in workbook.worksheets:
        sheet.page_setup.paperSize = sheet.PAPERSIZE_LETTER if letter else sheet.PAPERSIZE_A4
        if words.rtl:
            right_to_left(sheet)
    when = document_time(schedule).replace(tzinfo=None)
    workbook.properties.title = shortened(one_line(word("annex.property_title", heading=word("annex.heading"), subtitle=subtitle(schedule, language))), PROPERTY_LIMIT)
    workbook.properties.creator = "orgwork"
    workbook.properties.created = when
    buffer = io.BytesIO()
    workbook.save(buffer)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return reproducible_zip(buffer.getvalue(), document_time(schedule), {"docProps/core.xml": lambda xml: _modified(xml, stamp)})


def _in_agenda_order(items: list[ItemRecord]) -> list[ItemRecord]:
    """The items as the schedule lists them, each item taken up together with another right
    after that one (the schedule lists them last)."""
    members = {(r.body, r.with_item): [] for r in items if r.with_item}
    for r in items:
        if r.with_item:
            members[(r.body, r.with_item)].append(r)
    out = []
    for r in items:
        if not r.with_item:
            out += [r, *members.pop((r.body, r.id), [])]
    return out + [r for group in members.values() for r in group]  # a member whose leader is missing stays


def _taken_up(meeting, together: dict) -> list[str]:
    """The items a meeting takes up, each followed by those taken up together with it."""
    out = []
    for piece in meeting.pieces:
        out += [piece.item, *together.get((meeting.body, piece.item), ())]
    return out


def _length(piece) -> int:
    return (piece.end.hour * 60 + piece.end.minute) - (piece.start.hour * 60 + piece.start.minute)


def _modified(xml: bytes, stamp: str) -> bytes:
    """openpyxl dates the file at saving; put the schedule's own timestamp there instead."""
    return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp.encode() + rb"\g<2>", xml)
