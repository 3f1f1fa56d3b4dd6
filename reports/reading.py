"""Read back an annex the planner edited: the CSV or the Excel workbook orgwork exported.

Rows may have been moved between meetings, added or deleted. The reader recognises day rows
("Wednesday, 6 September"), sitting labels ("10 a.m.–1 p.m."; the sitting's name works too; so
does "Wednesday, 6 September, 10 a.m.–1 p.m." in one cell) and an optional fourth column
"Agreed" in which a planner marks rows (x, yes, agreed) that must stay where they are.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from reports.annex import COLUMNS
from reports.safety import restore
from solver.errors import InputError
from solver.input.instance import Instance
from solver.labels import day_label, time_range
from solver.input.loading import load_schedule
from solver.problem.problem import Problem
from solver.plans.retime import retime
from solver.schedule import Schedule

AGREED = "Agreed"
YES = {"x", "yes", "y", "agreed", "✓", "true", "1"}


@dataclass
class AnnexMeeting:
    date: dt.date
    sitting: str
    items: list[str] = field(default_factory=list)
    agreed: list[str] = field(default_factory=list)


def _rows_csv(path: Path) -> list[list[str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot be read as UTF-8 text ({error}); save it as CSV UTF-8") from None
    return [[restore(cell) for cell in row] for row in csv.reader(io.StringIO(text))]


def _rows_xlsx(path: Path) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise InputError(f"{path}: is not an Excel workbook orgwork can read ({type(error).__name__}); export it again") from None
    sheet = book["Annex"] if "Annex" in book.sheetnames else book.worksheets[0]
    return [["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True)]


def read_annex(path: Path, instance: Instance) -> list[AnnexMeeting]:
    """The meetings of an edited annex, in the order the rows give them."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _rows_csv(path)
    elif suffix == ".xlsx":
        rows = _rows_xlsx(path)
    else:
        raise InputError(f"{path}: an edited annex is read from .csv or .xlsx (or give the .json schedule)")
    if not rows or [c.strip() for c in rows[0][:3]] != list(COLUMNS):
        raise InputError(f"{path}: row 1 must be the annex header: {', '.join(COLUMNS)} (and optionally {AGREED})")
    agreed_column = 3 if len(rows[0]) > 3 and rows[0][3].strip() == AGREED else None
    calendar = instance.calendar
    days = {day_label(d).casefold(): d for d in calendar.session_days()}
    meetings: list[AnnexMeeting] = []
    day: dt.date | None = None
    for number, row in enumerate(rows[1:], start=2):
        cells = [c.strip() for c in (row + ["", "", ""])[:3]]
        when, item = cells[0], cells[1]
        if not any(cells):
            continue
        label = when
        if when:
            found_day, label = _split_day(when, days)
            if found_day is not None:
                day = found_day
        if label:
            if day is None:
                raise InputError(f"{path}: row {number}: sitting {label!r} comes before any day row; add the day's row above it")
            meetings.append(AnnexMeeting(day, _sitting(path, number, label, day, instance)))
        if not item:
            continue
        if not meetings or (label == "" and meetings[-1].date != day):
            raise InputError(f"{path}: row {number}: item {item!r} has no sitting; write the sitting (e.g. '10 a.m.–1 p.m.') in its row")
        meetings[-1].items.append(item)
        if agreed_column is not None and len(row) > agreed_column and row[agreed_column].strip().casefold() in YES:
            meetings[-1].agreed.append(item)
    return meetings


def _split_day(text: str, days: dict[str, dt.date]) -> tuple[dt.date | None, str]:
    """A day label, a sitting label, or both: 'Wednesday, 6 September, 10 a.m.–1 p.m.'."""
    folded = text.casefold()
    if folded in days:
        return days[folded], ""
    for label, day in days.items():
        if folded.startswith(label + ","):
            return day, text[len(label) + 1 :].strip()
    return None, text


def _sitting(path: Path, number: int, label: str, day: dt.date, instance: Instance) -> str:
    options = instance.calendar.sittings_on(day)
    for spec in options:
        if label.casefold() in (time_range(spec.start, spec.end).casefold(), spec.name.casefold()):
            return spec.name
    known = ", ".join(f"'{time_range(s.start, s.end)}'" for s in options)
    raise InputError(f"{path}: row {number}: {label!r} is not a sitting of {day_label(day)}; write one of {known}")


@dataclass(frozen=True)
class Edited:
    """A schedule read from a file, with the rows the planner marked as agreed."""

    schedule: Schedule
    agreed: frozenset[tuple[str, dt.date, str]]  # (item, date, sitting)
    timed_by_orgwork: bool  # the file gave no times: orgwork shared the meetings' minutes


def read_schedule(path: Path, problem: Problem) -> Edited:
    """A schedule from its JSON, or from an edited CSV or Excel annex (then timed by `retime`)."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        return Edited(load_schedule(path), frozenset(), False)
    meetings = read_annex(path, problem.instance)
    schedule = retime(problem, [(m.date, m.sitting, m.items) for m in meetings])
    agreed = frozenset((item, m.date, m.sitting) for m in meetings for item in m.agreed)
    return Edited(schedule, agreed, True)
