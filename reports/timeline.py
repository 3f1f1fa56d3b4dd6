"""The timeline picture's geometry: days down, sittings across, items as blocks in proportion to
their minutes. Free and closed sittings are drawn too, so that the gaps are visible."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from solver.labels import day_label, time_range
from solver.schedule import Meeting, Schedule, SittingRecord

LABEL_WIDTH = 170
ROW_HEIGHT = 46
PIXELS_PER_MINUTE = 1.2
GAP = 6
PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#e15759", "#9c755f", "#bab0ac", "#ff9da7")


@dataclass
class Block:
    x: float
    width: float
    label: str
    title: str
    colour: str
    continued: bool


@dataclass
class Cell:
    x: float
    width: float
    status: str  # meeting, free, closed, none
    caption: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Row:
    y: float
    label: str
    cells: list[Cell]


@dataclass
class Timeline:
    width: float
    height: float
    columns: list[tuple[float, str]]  # x and sitting name of each column heading
    rows: list[Row]


def _minutes(start: dt.time, end: dt.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def timeline(schedule: Schedule) -> Timeline:
    """Lay the session out: one row per day, one column per sitting name, in time order."""
    records = schedule.sittings or [_as_record(m) for m in schedule.meetings]
    names: dict[str, int] = {}
    for record in sorted(records, key=lambda r: r.start):
        names[record.sitting] = max(names.get(record.sitting, 0), _minutes(record.start, record.end))
    x = LABEL_WIDTH
    column_x: dict[str, float] = {}
    for name, minutes in names.items():
        column_x[name] = x
        x += minutes * PIXELS_PER_MINUTE + GAP
    titles = {r.id: r.title for r in schedule.items}
    colours = {r.id: PALETTE[n % len(PALETTE)] for n, r in enumerate(schedule.items)}
    meetings = {(m.date, m.sitting): m for m in schedule.meetings}
    rows: list[Row] = []
    for n, day in enumerate(sorted({r.date for r in records})):
        cells = []
        for record in (r for r in records if r.date == day):
            cell_x = column_x[record.sitting]
            width = _minutes(record.start, record.end) * PIXELS_PER_MINUTE
            caption = time_range(record.start, record.end)
            cell = Cell(cell_x, width, record.status, caption if record.status == "meeting" else f"{record.status}: {caption}")
            if record.status == "closed" and record.reason:
                cell.caption = f"closed: {record.reason}"
            meeting = meetings.get((record.date, record.sitting))
            if meeting is not None:
                cell.status = "meeting"
                for piece in meeting.pieces:
                    offset = _minutes(meeting.start, piece.start) * PIXELS_PER_MINUTE
                    length = _minutes(piece.start, piece.end) * PIXELS_PER_MINUTE
                    label = f"{piece.item} (cont.)" if piece.continued else piece.item
                    cell.blocks.append(Block(cell_x + offset, length, label, titles.get(piece.item, ""), colours.get(piece.item, PALETTE[0]), piece.continued))
            cells.append(cell)
        if len(cells) > 1 and all(c.status == "closed" for c in cells):
            # a closed day is one block with its reason, not a row of truncated captions
            cells = [Cell(cells[0].x, cells[-1].x + cells[-1].width - cells[0].x, "closed", cells[0].caption)]
        rows.append(Row(30 + n * (ROW_HEIGHT + GAP), day_label(day), cells))
    height = 30 + len(rows) * (ROW_HEIGHT + GAP)
    return Timeline(x, height, [(column_x[name], name) for name in names], rows)


def _as_record(meeting: Meeting) -> SittingRecord:
    """A hand-made schedule may not list its sittings: its meetings stand for them."""
    return SittingRecord(date=meeting.date, sitting=meeting.sitting, start=meeting.start, end=meeting.end, status="meeting", meeting=meeting.number)
