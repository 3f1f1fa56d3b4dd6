"""Read back an annex the planner edited: the CSV, the Excel workbook or the Word file orgwork exported.

Rows may have been moved between meetings, added or deleted. The reader recognises day rows
("Wednesday, 6 September"), sitting labels ("10 a.m.–1 p.m."; the sitting's name works too; so
does "Wednesday, 6 September, 10 a.m.–1 p.m." in one cell) and an optional fourth column
"Agreed" in which a planner marks rows (x, yes, agreed) that must stay where they are.

What spreadsheets do to such a file is undone where it can be: a CSV saved with semicolons (as a
European Excel does) is read as such; a day row Excel turned into a date is that day. What
cannot be read is one line naming the file and row, what was found (at most 60 characters of
it) and what was expected: another header, a day the session does not have.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from reports.annex import COLUMNS, CONTINUED
from reports.safety import excerpt, restore
from solver.errors import InputError
from solver.input.instance import Instance
from solver.labels import day_label, time_range
from solver.input.loading import load_schedule
from solver.problem.problem import Problem
from solver.plans.retime import retime
from solver.schedule import Schedule

AGREED = "Agreed"
YES = {"x", "yes", "y", "agreed", "✓", "true", "1"}
DELIMITERS = (",", ";", "\t")  # a European Excel saves "CSV" with semicolons
WEEKDAY = re.compile(r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b[^,]*(,[^,]*)?", re.IGNORECASE)

Cell = str | dt.date | dt.time  # a workbook's date cell stays a date until the reader knows the days


@dataclass
class AnnexMeeting:
    date: dt.date
    sitting: str
    items: list[str] = field(default_factory=list)
    agreed: list[str] = field(default_factory=list)
    untitled: list[tuple[int, str]] = field(default_factory=list)  # (position among items, title): rows without a number, events
    extended: int = 0  # minutes its label runs beyond the sitting's end ('3–7.30 p.m.'): into its extension


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _is_header(row: list[Cell]) -> bool:
    return [_folded(_text(c)) for c in row[:3]] == [_folded(c) for c in COLUMNS]


def _rows_csv(path: Path) -> list[list[Cell]]:
    """The rows, separated by commas, or by the semicolons (or tabs) the header row shows."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot be read as UTF-8 text ({error}); save it as CSV UTF-8") from None
    parsed = []
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        try:
            rows = [[restore(cell) for cell in row] for row in reader]
        except csv.Error as error:
            if delimiter == ",":
                raise InputError(f"{path}: row {reader.line_num}: cannot be read as CSV ({error}); export the annex again") from None
            continue
        if rows and _is_header(rows[0]):
            return rows
        parsed.append(rows)
    return max(parsed, key=lambda rows: len(rows[0]) if rows else 0)  # the header check names what it found


def _value(value) -> Cell:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.time)):  # a datetime is a date
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel made '3' the number 3.0
    return str(value)


def _rows_xlsx(path: Path) -> list[list[Cell]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise InputError(f"{path}: is not an Excel workbook orgwork can read ({type(error).__name__}); export it again") from None
    sheet = book["Annex"] if "Annex" in book.sheetnames else book.worksheets[0]
    return [[_value(value) for value in row] for row in sheet.iter_rows(values_only=True)]


def _text(value: Cell) -> str:
    return value if isinstance(value, str) else str(value)


def _days(days: tuple[dt.date, ...]) -> str:
    """The session's days for a message, shortened: 'Wednesday, 6 September; …; Friday, 15 September'."""
    labels = [day_label(d) for d in days]
    if len(labels) > 4:
        labels = [*labels[:2], "…", labels[-1]]
    return "; ".join(labels)


def _header_problem(path: Path, rows: list[list[Cell]]) -> str | None:
    expected = f"expected the annex header: {', '.join(COLUMNS)} (and optionally {AGREED})"
    if not rows or not any(_text(c).strip() for c in rows[0]):
        return f"{path}: row 1 is empty; {expected}"
    if _is_header(rows[0]):
        return None
    found = [_text(c).strip() for c in rows[0] if _text(c).strip()]
    shown = ", ".join(excerpt(c, 30) for c in found[:4]) + (", …" if len(found) > 4 else "")
    if len(found) == 1 and ";" in found[0]:
        return f"{path}: row 1 is {excerpt(found[0])}, one cell with ';' in it, and not the annex header; {expected}, separated by ',' or ';'"
    return f"{path}: row 1 is {shown}; {expected}"


def _rows_docx(path: Path) -> list[list[Cell]]:
    """The rows of the Word annex's table (the one under the annex header, else the first)."""
    import docx

    try:
        tables = docx.Document(str(path)).tables
    except Exception as error:  # noqa: BLE001 - python-docx raises many kinds for a bad file
        raise InputError(f"{path}: is not a Word document orgwork can read ({type(error).__name__}); export it again") from None
    if not tables:
        raise InputError(f"{path}: holds no table; the annex is the table {', '.join(COLUMNS)}")
    rows = [[[cell.text for cell in row.cells] for row in table.rows] for table in tables]
    return next((table for table in rows if table and _is_header(table[0])), rows[0])


def annex_rows(path: Path) -> list[list[Cell]]:
    """The rows of an annex (CSV, Excel or Word), the first being its header, checked."""
    path = Path(path)
    suffix = path.suffix.lower()
    readers = {".csv": _rows_csv, ".xlsx": _rows_xlsx, ".docx": _rows_docx}
    if suffix not in readers:
        raise InputError(f"{path}: an annex is read from .csv, .xlsx or .docx (or give the .json schedule)")
    rows = readers[suffix](path)
    problem = _header_problem(path, rows)
    if problem:
        raise InputError(problem)
    return rows


def read_annex(path: Path, instance: Instance) -> list[AnnexMeeting]:
    """The meetings of an edited annex, in the order the rows give them."""
    return annex_meetings(Path(path), annex_rows(Path(path)), instance)


def annex_meetings(path: Path, rows: list[list[Cell]], instance: Instance, first_row: int = 1) -> list[AnnexMeeting]:
    """The meetings of an annex's `rows` (its header first); `first_row` is the header's row
    number in the file, for the messages."""
    problem = _header_problem(path, rows)
    if problem:
        raise InputError(problem)
    agreed_column = 3 if len(rows[0]) > 3 and _folded(_text(rows[0][3])) == AGREED.casefold() else None
    calendar = instance.calendar
    session_days = calendar.session_days()
    days = {_folded(day_label(d)): d for d in session_days}
    meetings: list[AnnexMeeting] = []
    day: dt.date | None = None
    for number, row in enumerate(rows[1:], start=first_row + 1):
        row = [*row, "", "", ""]
        if isinstance(row[1], (dt.date, dt.time)):
            shown = row[1].date() if isinstance(row[1], dt.datetime) and row[1].time() == dt.time(0) else row[1]
            raise InputError(
                f"{path}: row {number}: the agenda item is the date or time {shown}, not an id; Excel converted it: "
                "format the column as text and type the id again"
            )
        item = _text(row[1]).strip()
        if not any(_text(c).strip() for c in row[:3]):
            continue
        found_day, label = _when(path, number, row[0], day, days, session_days, instance)
        if found_day is not None:
            day = found_day
        if label:
            if day is None:
                raise InputError(f"{path}: row {number}: sitting {excerpt(label)} comes before any day row; add the day's row above it")
            name = _sitting(path, number, label, day, instance)
            meetings.append(AnnexMeeting(day, name, extended=_extended(label, day, name, instance)))
        if not item:
            title = _text(row[2]).strip()
            if title and meetings and meetings[-1].date == day:
                meetings[-1].untitled.append((len(meetings[-1].items), title))  # an event, shown without a number
            continue
        if not meetings or (label == "" and meetings[-1].date != day):
            raise InputError(f"{path}: row {number}: item {excerpt(item)} has no sitting; write the sitting (e.g. '10 a.m.–1 p.m.') in its row")
        meetings[-1].items.append(item)
        if agreed_column is not None and len(row) > agreed_column and _folded(_text(row[agreed_column])) in YES:
            meetings[-1].agreed.append(item)
    return meetings


def _when(
    path: Path, number: int, value: Cell, day: dt.date | None, days: dict[str, dt.date], session_days: tuple[dt.date, ...], instance: Instance
) -> tuple[dt.date | None, str]:
    """The day a 'Date and time' cell opens (or None) and the sitting label it carries (or '')."""
    if isinstance(value, dt.date):  # Excel turned 'Thursday, 7 September' into a date
        moment = value if isinstance(value, dt.datetime) else None
        found = value.date() if moment else value
        if found not in session_days:
            raise InputError(f"{path}: row {number}: the date {day_label(found)} {found.year} is not a day of the session; its days are {_days(session_days)}")
        if moment is None or moment.time() == dt.time(0):
            return found, ""
        return found, _sitting_at(path, number, moment.time(), found, instance)
    if isinstance(value, dt.time):  # Excel turned '10 a.m.' into a time
        if day is None:
            return None, f"{value:%H:%M}"
        return None, _sitting_at(path, number, value, day, instance)
    text = value.strip()
    if not text:
        return None, ""
    found_day, label = _split_day(text, days)
    if found_day is None and WEEKDAY.match(text):
        written = WEEKDAY.match(text).group(0).strip()
        raise InputError(f"{path}: row {number}: {excerpt(written)} is not a day of the session; its days are {_days(session_days)}")
    return found_day, label


def _sitting_at(path: Path, number: int, moment: dt.time, day: dt.date, instance: Instance) -> str:
    for spec in instance.calendar.sittings_on(day):
        if spec.start == moment:
            return time_range(spec.start, spec.end)
    known = ", ".join(f"'{time_range(s.start, s.end)}'" for s in instance.calendar.sittings_on(day))
    raise InputError(f"{path}: row {number}: no sitting of {day_label(day)} starts at {moment:%H:%M} (Excel made the cell a time); write one of {known}")


def _extended_labels(spec) -> dict[str, int]:
    """The labels of a sitting run into its extension (casefolded), for each minute it may run."""
    end = spec.end.hour * 60 + spec.end.minute
    return {time_range(spec.start, dt.time(*divmod(end + m, 60))).casefold(): m for m in range(1, spec.extension + 1)}


def _extended(label: str, day: dt.date, name: str, instance: Instance) -> int:
    """The minutes a sitting's label shows it running into its extension (0 for its usual label)."""
    spec = next(s for s in instance.calendar.sittings_on(day) if s.name == name)
    return _extended_labels(spec).get(label.casefold(), 0)


def _split_day(text: str, days: dict[str, dt.date]) -> tuple[dt.date | None, str]:
    """A day label, a sitting label, or both: 'Wednesday, 6 September, 10 a.m.–1 p.m.'."""
    spaced = " ".join(text.split())
    folded = spaced.casefold()
    if folded in days:
        return days[folded], ""
    for label, day in days.items():
        if folded.startswith(label + ","):
            return day, spaced[len(label) + 1 :].strip()
    return None, text


def _sitting(path: Path, number: int, label: str, day: dt.date, instance: Instance) -> str:
    options = instance.calendar.sittings_on(day)
    for spec in options:
        if label.casefold() in (time_range(spec.start, spec.end).casefold(), spec.name.casefold()):
            return spec.name
    for spec in options:  # a meeting run into its sitting's extension prints its real end: '3–7.30 p.m.'
        if label.casefold() in _extended_labels(spec):
            return spec.name
    known = ", ".join(f"'{time_range(s.start, s.end)}'" for s in options)
    raise InputError(f"{path}: row {number}: {excerpt(label)} is not a sitting of {day_label(day)}; write one of {known}")


@dataclass(frozen=True)
class Edited:
    """A schedule read from a file, with the rows the planner marked as agreed."""

    schedule: Schedule
    agreed: frozenset[tuple]  # (item, date, sitting); several bodies: (body, item, date, sitting)
    timed_by_orgwork: bool  # the file gave no times: orgwork shared the meetings' minutes


def read_schedule(path: Path, problem: Problem) -> Edited:
    """A schedule from its JSON, or from an edited CSV or Excel annex (then timed by `retime`)."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        return Edited(load_schedule(path), frozenset(), False)
    meetings = read_annex(path, problem.instance)
    rows = as_tasks(problem, meetings)
    schedule = retime(problem, [(m.date, m.sitting, items) for m, items in zip(meetings, rows)], [m.extended for m in meetings])
    agreed = frozenset((item, m.date, m.sitting) for m in meetings for item in m.agreed)
    return Edited(schedule, agreed, True)


def as_tasks(problem: Problem, meetings: list[AnnexMeeting]) -> list[list[str]]:
    """Each meeting's rows as the problem's tasks: an event's row (no number) by its title; an
    item in parts by its runs (the n-th run of consecutive meetings is its n-th part); the rows
    of items taken up together with another folded into that item's."""
    events = {t.title.casefold(): t.id for t in problem.tasks if t.role == "event"}
    parts: dict[str, list[str]] = {}
    for task in problem.tasks:
        if task.agenda_id or task.part:
            parts.setdefault(task.printed, []).append(task.id)
    leader = {member: t.id for t in problem.tasks for member in t.members}
    run: dict[str, tuple[int, int]] = {}  # printed id -> (part number, meeting position last seen)
    out = []
    for position, meeting in enumerate(meetings):
        untitled = sorted(meeting.untitled)
        items: list[str] = []
        for index, written in enumerate(meeting.items):
            items += [events.get(_plain(title).casefold(), title) for at, title in untitled if at == index]
            if written in leader:
                if leader[written] not in items:
                    items.append(leader[written])
                continue
            if written in parts:
                number, seen = run.get(written, (-1, -2))
                number = number if seen == position - 1 or seen == position else number + 1
                run[written] = (number, position)
                keys = parts[written]
                items.append(keys[number] if number < len(keys) else f"{written} (part {number + 1})")
                continue
            items.append(written)
        items += [events.get(_plain(title).casefold(), title) for at, title in untitled if at >= len(meeting.items)]
        out.append(items)
    return out


def _plain(title: str) -> str:
    return title.removesuffix(CONTINUED).strip()
