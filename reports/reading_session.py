"""Read back the annexes of a session of several bodies, as orgwork exported them and a planner
edited them: a CSV whose first column names the body of each row, or a workbook with a sheet
'Annex BODY' for each body.

Each body's rows are read as one body's annex is (`reports.reading`), timed by the same
retiming, and put together in one schedule the session's validator judges. An annex prints no
rooms: each body is given a room it may meet in, so that no two bodies share a room in a sitting
(one room for its session, or one a day for a body that may change rooms); where no such choice
exists, the rooms' clash is left for the validator to name.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reports.reading import COLUMNS, Cell, Edited, _folded, _rows_csv, _text, _value, annex_meetings, as_tasks
from reports.safety import excerpt
from solver.errors import InputError
from solver.model.extract import session_sittings
from solver.plans.retime import retime
from solver.problem.session import Session
from solver.schedule import BodyRecord, Meeting, Schedule

BODY = "Body"
SHEET = "Annex "  # the Excel export's sheet of one body: 'Annex WG-TIP'


def read_session_schedule(path: Path, session: Session) -> Edited:
    """The session's schedule from an edited CSV or Excel annex of several bodies."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        by_body = _csv_by_body(path, session)
    elif suffix == ".xlsx":
        by_body = _xlsx_by_body(path, session)
    else:
        raise InputError(f"{path}: an edited annex is read from .csv or .xlsx (or give the .json schedule)")
    placements: dict[str, list[tuple[dt.date, str, list[str]]]] = {}
    printed: dict[str, list[int]] = {}
    agreed = set()
    for problem in session.bodies:
        body = problem.body
        rows, first_row = by_body.get(body.id, ([list(COLUMNS)], 1))
        own = session.instance.model_copy(update={"calendar": _body(session, body.id).calendar_of(session.instance.calendar)})
        read = annex_meetings(path, rows, own, first_row)
        tasks = as_tasks(problem, read)
        placements[body.id] = [(m.date, m.sitting, t) for m, t in zip(read, tasks)]
        printed[body.id] = [m.extended for m in read]
        agreed |= {(body.id, item, m.date, m.sitting) for m in read for item in m.agreed}
    return Edited(timed_session(session, placements, printed), frozenset(agreed), True)


def timed_session(
    session: Session, placements: dict[str, list[tuple[dt.date, str, list[str]]]], printed: dict[str, list[int]] | None = None
) -> Schedule:
    """The session's schedule from each body's meetings (date, sitting name, its tasks in order),
    each body timed by `retime` as one body's annex is and given a room it may meet in; `printed`,
    per body, the minutes each meeting's label shows it running into its extension."""
    meetings: list[Meeting] = []
    items, bodies = [], []
    for problem in session.bodies:
        body = problem.body
        placed = placements.get(body.id, [])
        timed = retime(problem, placed, (printed or {}).get(body.id))
        meetings += [m.model_copy(update={"body": body.id}) for m in timed.meetings]
        items += [i.model_copy(update={"body": body.id}) for i in timed.items]
        bodies.append(BodyRecord(id=body.id, name=body.name, symbol=body.symbol, meetings_granted=problem.granted))
    meetings, bodies = _with_rooms(session, meetings, bodies)
    meetings.sort(key=lambda m: (m.date, m.start, m.room or "", m.body or ""))
    return Schedule(session=session.instance.session, bodies=bodies, rooms=list(session.rooms), meetings=meetings,
                    sittings=session_sittings(session, meetings), items=items)


def _body(session: Session, body_id: str):
    return next(b for b in session.instance.body_list() if b.id == body_id)


def _csv_by_body(path: Path, session: Session) -> dict[str, tuple[list[list[Cell]], int]]:
    """Each body's rows, under the annex header; other bodies' rows left blank, so that every
    message names the row of the file."""
    rows = _rows_csv(path)
    if not rows or _folded(_text(rows[0][0])) != BODY.casefold():
        found = ", ".join(excerpt(_text(c), 30) for c in (rows[0] if rows else [])[:4]) or "empty"
        raise InputError(f"{path}: row 1 is {found}; a session of several bodies is read with a first column {BODY}, then {', '.join(COLUMNS)}")
    known = [p.body.id for p in session.bodies]
    for number, row in enumerate(rows[1:], start=2):
        written = _text(row[0]).strip() if row else ""
        if any(_text(c).strip() for c in row[1:]) and written not in known:
            shown = excerpt(written) if written else "empty"
            raise InputError(f"{path}: row {number}: the body is {shown}; write one of {', '.join(known)} in the {BODY} column")
    header = rows[0][1:]
    return {b: ([header] + [row[1:] if row and _text(row[0]).strip() == b else [] for row in rows[1:]], 1) for b in known}


def _xlsx_by_body(path: Path, session: Session) -> dict[str, tuple[list[list[Cell]], int]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise InputError(f"{path}: is not an Excel workbook orgwork can read ({type(error).__name__}); export it again") from None
    out = {}
    for problem in session.bodies:
        name = (SHEET + problem.body.id)[:31]
        if name not in book.sheetnames:
            sheets = ", ".join(s for s in book.sheetnames if s.startswith(SHEET)) or "none"
            raise InputError(f"{path}: no sheet {name!r} for body {problem.body.id}; the annex sheets are {sheets}")
        out[problem.body.id] = ([[_value(v) for v in row] for row in book[name].iter_rows(values_only=True)], 1)
    return out


def _with_rooms(session: Session, meetings: list[Meeting], bodies: list[BodyRecord]) -> tuple[list[Meeting], list[BodyRecord]]:
    """Rooms for an annex that prints none: each body (each body-day, for a body that may change
    rooms) a room it may meet in, no two in one room and sitting, found by a small search over
    the bodies; when there is none, each takes its first room and the validator names the clash."""
    if not session.rooms:
        return meetings, bodies
    units: list[tuple[str, dt.date | None]] = []  # what takes one room: a body, or a body's day
    for problem in session.bodies:
        days = sorted({m.date for m in meetings if m.body == problem.body.id})
        units += [(problem.body.id, d) for d in days] if problem.body.change_rooms else [(problem.body.id, None)]
    allowed = {p.body.id: [r for r in session.rooms if not p.body.rooms or r in p.body.rooms] or list(session.rooms) for p in session.bodies}
    sittings = {unit: {(m.date, m.sitting) for m in meetings if m.body == unit[0] and unit[1] in (None, m.date)} for unit in units}
    units.sort(key=lambda u: (len(allowed[u[0]]), -len(sittings[u])))  # the most constrained first
    chosen: dict[tuple, str] = {}
    taken: dict[tuple, set[str]] = {}

    def place(n: int, budget: list[int]) -> bool:
        if n == len(units):
            return True
        budget[0] -= 1
        if budget[0] < 0:
            return False
        unit = units[n]
        for room in allowed[unit[0]]:
            if all(room not in taken.get(s, set()) for s in sittings[unit]):
                chosen[unit] = room
                for s in sittings[unit]:
                    taken.setdefault(s, set()).add(room)
                if place(n + 1, budget):
                    return True
                for s in sittings[unit]:
                    taken[s].discard(room)
        return False

    if not place(0, [100_000]):
        chosen = {unit: allowed[unit[0]][0] for unit in units}
    room_of = {(body, day): room for (body, day), room in chosen.items()}
    placed = [m.model_copy(update={"room": room_of.get((m.body, m.date), room_of.get((m.body, None)))}) for m in meetings]
    records = []
    for record in bodies:
        rooms = {m.room for m in placed if m.body == record.id}
        records.append(record.model_copy(update={"room": rooms.pop() if len(rooms) == 1 else None}))
    return placed, records
