"""What the draft's page shows, built from the library's own pieces: the report's sections
(key figures, timeline, annex rows), the validator's violations placed beside the rows and
meetings they concern, and the free sittings an item may be dropped into.

The annex is drawn meeting by meeting (each meeting's rows are `reports.annex.meeting_rows`,
as the annex prints them), so that every row knows its sitting and can be dragged; a free
sitting is drawn as a place to drop, shown only while dragging, so that the annex reads as
it prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reports.annex import AnnexRow, closed_days, meeting_rows
from reports.html import Section, sections
from reports.languages import language as language_table
from solver.check.validate import Violation
from solver.input.durations import format_minutes
from solver.labels import day_label, sitting_label
from solver.problem.problem import Problem
from solver.problem.session import Session
from solver.schedule import Schedule
from web.placement import Move, Slot


@dataclass
class Row:
    cells: AnnexRow
    moved: bool = False
    notes: list[Violation] = field(default_factory=list)


@dataclass
class MeetingView:
    date: dt.date
    sitting: str
    label: str
    rows: list[Row] = field(default_factory=list)
    notes: list[Violation] = field(default_factory=list)  # a meeting's own: idle time, two meetings …
    free: bool = False  # a free sitting: a place to drop an item


@dataclass
class DayView:
    date: dt.date
    label: str
    closed: str = ""  # a day without meetings inside the session: what the annex prints for it
    meetings: list[MeetingView] = field(default_factory=list)

    @property
    def held(self) -> bool:
        return bool(self.closed) or any(not m.free for m in self.meetings)


@dataclass
class SectionView:
    body: str
    section: Section
    days: list[DayView]
    problem: Problem


def _body_schedule(schedule: Schedule, body: str) -> Schedule:
    if not body:
        return schedule
    return schedule.for_body(body).model_copy(update={"sittings": schedule.sittings})


def _placed(violations: list[Violation], schedule: Schedule, body: str, several: bool):
    """Each violation beside one place: the row of the first item it names in a meeting it
    names (else that item's first row), or the first meeting it names; those it cannot place
    stay in the list above the annex only."""
    labels = {sitting_label(m.date, m.sitting): (m.date, m.sitting) for m in schedule.meetings}
    slots: dict[str, list[Slot]] = {}
    for meeting in sorted(schedule.meetings, key=lambda m: (m.date, m.start)):
        for piece in meeting.pieces:
            slots.setdefault(piece.item, []).append((meeting.date, meeting.sitting))
    rows: dict[tuple[Slot, str], list[Violation]] = {}
    meetings: dict[Slot, list[Violation]] = {}
    for violation in violations:
        if several and violation.body != body:
            continue
        named = [slot for label, slot in labels.items() if label in violation.message]
        place = next(((slot, task) for task in violation.items for slot in slots.get(task, []) if slot in named), None)
        if place is None and not named:
            place = next(((slots[task][0], task) for task in violation.items if task in slots), None)
        if place is not None:
            rows.setdefault(place, []).append(violation)
        elif named:
            meetings.setdefault(named[0], []).append(violation)
    return rows, meetings


def _days(schedule: Schedule, problem: Problem, violations, moves: list[Move], several: bool, language: str) -> list[DayView]:
    table = language_table(language)
    own = {(m.date, m.sitting): m for m in schedule.meetings}
    window = [s for s in problem.sittings if problem.body.first_sitting <= s.index <= problem.body.last_sitting] if several else list(problem.sittings)
    free = {(s.date, s.name): s for s in window if (s.date, s.name) not in own}
    closed = closed_days(schedule, language) if not schedule.numbered else {}
    targets = {(m.to, m.task) for m in moves}
    row_notes, meeting_notes = _placed(violations, schedule, problem.body.id, several)
    records = sorted(schedule.sittings, key=lambda r: (r.date, r.start))
    days_held = [d for d, _ in own] + [d for d, _ in free]
    first, last = (min(days_held), max(days_held)) if days_held else (None, None)
    out: list[DayView] = []
    for record in records:
        if first is None or not first <= record.date <= last:
            continue
        if not out or out[-1].date != record.date:
            out.append(DayView(record.date, "" if schedule.numbered else table.day(record.date), closed.get(record.date, "")))
        slot = (record.date, record.sitting)
        if slot in own:
            meeting = own[slot]
            view = MeetingView(record.date, record.sitting, "", notes=meeting_notes.get(slot, []))
            noted: set[str] = set()
            for row in meeting_rows(schedule, meeting, language):
                first_of_task = row.role != "together" and row.task not in noted
                noted.add(row.task)
                view.rows.append(Row(row, (slot, row.task) in targets and row.role != "together", row_notes.get((slot, row.task), []) if first_of_task else []))
            out[-1].meetings.append(view)
        elif slot in free:
            sitting = free[slot]
            out[-1].meetings.append(MeetingView(record.date, record.sitting, table.time_range(sitting.start, sitting.end), free=True))
    return out


def section_views(schedule: Schedule, session: Session, violations: list[Violation], moves: tuple[Move, ...], language: str = "en") -> list[SectionView]:
    bodies = [b.id for b in schedule.bodies] or [""]
    out = []
    for body, part in zip(bodies, sections(schedule, language=language)):
        problem = session.body(body) if body else session.bodies[0]
        own = _body_schedule(schedule, body)
        out.append(SectionView(body, part, _days(own, problem, violations, [m for m in moves if m.body == body], session.several, language), problem))
    return out


def flagged(views: list[SectionView]) -> list[list[str]]:
    """The timeline blocks to mark: (body, item, date, sitting) of each row with a violation beside it."""
    return [[v.body, row.cells.task, m.date.isoformat(), m.sitting] for v in views for d in v.days for m in d.meetings for row in m.rows if row.notes]


def form_choices(view: SectionView, placement_meetings) -> dict:
    """What the small form offers for one body: its items with their estimates, its days and
    sittings, the pieces it can move and where to."""
    problem = view.problem
    items = [(t.id, t.printed, t.title, format_minutes(t.estimate), t.role == "event") for t in problem.tasks]
    sittings = [s for s in problem.sittings if problem.body.first_sitting <= s.index <= problem.body.last_sitting] if view.body else list(problem.sittings)
    days = sorted({s.date for s in problem.sittings})
    names = list(dict.fromkeys(s.name for s in problem.sittings))
    pieces = [(task, day, sitting, f"item {task}, {sitting_label(day, sitting)}") for day, sitting, tasks in placement_meetings for task in tasks]
    return {
        "tasks": items,
        "days": [(d.isoformat(), day_label(d)) for d in days],
        "names": names,
        "granted": problem.granted,
        "pieces": [(task, day.isoformat(), sitting, label) for task, day, sitting, label in pieces],
        "targets": [(s.date.isoformat(), s.name, sitting_label(s.date, s.name)) for s in sittings],
    }
