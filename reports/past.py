"""A past session's schedule, for learning estimates: its JSON, or its published annex (CSV,
Excel or Word) read without the instance it came from.

An annex says which items were taken up in which meeting, on which day and at which hours, but
not for how long: the session is rebuilt from the annex alone (its days, its sittings as the
rows print them, an item per number with a planner's default estimate) and each meeting's
time is shared among its items as `orgwork check` shares it (`solver.plans.retime`). The
annex prints days without their year; a year in which they fall on the weekdays printed is
taken, since only the days' order matters here.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from reports.annex import CONTINUED
from reports.safety import excerpt
from solver.errors import InputError
from solver.input.agenda_import.estimates import DEFAULTS, kind_of
from solver.input.agenda_import.words import MONTH_PATTERN, MONTHS
from solver.input.instance import Instance
from solver.input.loading import load_schedule, parse
from solver.input.roles import role_from_title
from solver.labels import read_time_range
from solver.schedule import Schedule

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY = re.compile(rf"^(?:({'|'.join(_WEEKDAYS)}),?\s+)?(\d{{1,2}})\s+({MONTH_PATTERN})(?:\s+(\d{{4}}))?\s*(?:,\s*(.*))?$", re.IGNORECASE)
YEARS = range(2000, 2100)
Cell = str | dt.date | dt.time  # as reports.reading gives a row's cells


def past_schedule(path: Path) -> Schedule:
    """The schedule of a past session, from its JSON or its annex."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        return load_schedule(path)
    from reports.reading import annex_rows  # an annex is timed with CP-SAT: OR-Tools only for annexes
    from solver.plans.retime import retime
    from solver.problem.problem import interpret

    instance, meetings = annex_session(path, annex_rows(path))
    return retime(interpret(instance), meetings)


def _day(text: str) -> tuple[str | None, int, int, int | None, str] | None:
    match = _DAY.match(" ".join(text.split()))
    if not match:
        return None
    weekday, day, month, year, rest = match.groups()
    return (weekday.casefold() if weekday else None), int(day), MONTHS[month.casefold()], (int(year) if year else None), rest or ""


def _dates(path: Path, written: list[tuple[int, tuple]]) -> list[dt.date]:
    """Dates for the day rows: in their own year when printed, else in a year they fit."""
    for year in YEARS:
        out, current = [], year
        for number, (weekday, day, month, printed, _) in written:
            if out and (printed or current) == out[-1].year and month < out[-1].month:
                current += 1  # the session runs into January
            try:
                date = dt.date(printed or current, month, day)
            except ValueError:
                raise InputError(f"{path}: row {number}: day {day} of month {month} does not exist; correct the day row") from None
            if weekday and _WEEKDAYS[date.weekday()] != weekday and not printed:
                break
            out.append(date)
        else:
            return out
    number = written[0][0]
    raise InputError(f"{path}: row {number} on: the weekdays printed do not fall on those days in any one year; correct the day rows")


def annex_session(path: Path, rows: list[list[Cell]]) -> tuple[Instance, list[tuple[dt.date, str, list[str]]]]:
    """The session an annex shows, and its meetings as (date, sitting, item ids), for `retime`."""
    days: list[tuple[int, tuple]] = []
    found: list[tuple[int, dt.date | None, tuple[dt.time, dt.time], list[str]]] = []  # (day row index, date, hours, ids)
    titles: dict[str, str] = {}
    for number, row in enumerate(rows[1:], start=2):
        row = [*row, "", "", ""]
        first, item, title = row[0], str(row[1]).strip(), str(row[2]).strip()
        label = ""
        if isinstance(first, dt.date):
            days.append((number, (None, first.day, first.month, first.year, "")))
        elif isinstance(first, str) and first.strip():
            day = _day(first)
            if day is not None:
                days.append((number, day))
                label = day[4]
            else:
                label = first.strip()
        if label:
            hours = read_time_range(label)
            if hours is None:
                raise InputError(f"{path}: row {number}: {excerpt(label)} is not a sitting's hours (such as '10 a.m.–1 p.m.'); correct the row")
            if not days:
                raise InputError(f"{path}: row {number}: a sitting comes before any day row; add the day's row above it")
            found.append((len(days) - 1, None, hours, []))
        if item:
            if not found:
                raise InputError(f"{path}: row {number}: item {excerpt(item)} has no sitting; write its hours (e.g. '10 a.m.–1 p.m.') in its row")
            if item not in found[-1][3]:
                found[-1][3].append(item)
            titles.setdefault(item, title.removesuffix(CONTINUED).strip() or f"Item {item}")
    if not found or not titles:
        raise InputError(f"{path}: holds no meeting with an agenda item; give a published annex")
    dates = _dates(path, days)
    return _instance(path, dates, found, titles)


def _instance(path, dates, found, titles) -> tuple[Instance, list]:
    ranges = sorted({hours for _, _, hours, _ in found})
    names = {}
    for start, end in ranges:
        base = "morning" if start < dt.time(12) else "midday" if start < dt.time(14, 30) else "afternoon" if start < dt.time(18) else "evening"
        name, n = base, 2
        while name in names.values():
            name, n = f"{base} {n}", n + 1
        names[(start, end)] = name
    by_day: dict[dt.date, list] = {}
    for index, _, hours, _ in found:
        by_day.setdefault(dates[index], [])
        if hours not in by_day[dates[index]]:
            by_day[dates[index]].append(hours)

    def spec(hours):
        return {"name": names[hours], "start": f"{hours[0]:%H:%M}", "end": f"{hours[1]:%H:%M}"}

    usual = max(by_day.values(), key=lambda h: (list(by_day.values()).count(h), -len(h)))
    data = {
        "session": {"body": path.stem or "Past session"},
        "calendar": {
            "dates": sorted(by_day),
            "sittings": [spec(h) for h in sorted(usual)],
            "days": [{"date": day, "sittings": [spec(h) for h in sorted(hours)]} for day, hours in sorted(by_day.items()) if sorted(hours) != sorted(usual)],
            "meetings_granted": len(found),
        },
        "items": [{"id": item, "title": title, "estimate": DEFAULTS[kind_of(role_from_title(title), role_from_title(title) == "none")]}
                  for item, title in titles.items()],
        "rules": {"agenda_order": False},
    }
    instance = parse(Instance, path, data)
    return instance, [(dates[index], names[hours], ids) for index, _, hours, ids in found]
