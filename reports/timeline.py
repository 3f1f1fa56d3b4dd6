"""The timeline picture's geometry: days down, sittings across, items as blocks in proportion to
their minutes. Free and closed sittings are drawn too, so that the gaps are visible.

Each item keeps one colour wherever it is drawn (`item_colours`: by the order in which items
first appear, a later part in its item's colour), so that a comparison's variants show the same
item alike; events are drawn in one dark grey, as no agenda item. A block too narrow for its
label is labelled upright, or, narrower still, only in its tooltip and the legend.

With several bodies, a body's timeline covers its own days (its first meeting's to its last's);
a sitting in which only other bodies meet is drawn faintly with their names ("PLENARY (3)"), so
that it reads as taken, not as an empty meeting of this body. The combined grid shows the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reports.languages import Language, language as language_table
from solver.schedule import ItemRecord, Meeting, Schedule, SittingRecord

LABEL_WIDTH = 170
COMPACT_LABEL_WIDTH = 100  # "Wed 17 Dec" in the larger type of a comparison's small timelines
ROW_HEIGHT = 46
PIXELS_PER_MINUTE = 1.2
GAP = 6
FONT = 10  # pixels: the type of the timeline's labels
COMPACT_FONT = 15  # a comparison's timelines are drawn a third as wide as the report's: larger type
CHARACTER = 0.62  # a bold label's character, in ems, generously
CHUNK = 10  # days in one piece of a printed timeline
PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#e15759", "#9c755f", "#bab0ac", "#ff9da7")
EVENT_COLOUR = "#4d4d4d"
DARK_TEXT = {"#edc948", "#bab0ac", "#ff9da7", "#76b7b2"}  # light fills: their labels in black


@dataclass
class Block:
    x: float
    width: float
    label: str
    title: str
    colour: str
    continued: bool
    event: bool = False
    placement: str = "across"  # across, upright (rotated, for a narrow block) or none (tooltip only)
    item: str = ""  # the piece's item as the schedule names it (a part: '1 (part 2)'), for the web page's dragging

    @property
    def text_colour(self) -> str:
        return "#000" if self.colour in DARK_TEXT else "#fff"


@dataclass
class Cell:
    x: float
    width: float
    status: str  # meeting (this body's), other (other bodies' only), free, closed
    caption: str
    blocks: list[Block] = field(default_factory=list)
    date: dt.date | None = None  # the sitting it draws (None: a closed day drawn as one cell)
    sitting: str = ""


@dataclass
class Row:
    y: float
    label: str
    cells: list[Cell]


@dataclass(frozen=True)
class Key:
    """One line of the legend: an item's colour, its number and title."""

    colour: str
    label: str
    title: str
    event: bool = False


@dataclass
class Timeline:
    width: float
    height: float
    columns: list[tuple[float, str]]  # x and sitting name of each column heading
    rows: list[Row]
    keys: list[Key] = field(default_factory=list)  # the items drawn, in agenda order
    marks: set[str] = field(default_factory=set)  # what else is drawn: continued, free, closed, other, event
    font: int = FONT  # pixels

    @property
    def chunks(self) -> list[Timeline]:
        """The picture in pieces of at most two weeks' days, each with its own headings: a
        printed page holds a piece whole, where a long session's one picture would be cut
        through a day."""
        out = []
        for first in range(0, max(1, len(self.rows)), CHUNK):
            rows = self.rows[first : first + CHUNK]
            shift = first * (ROW_HEIGHT + GAP)
            moved = [Row(row.y - shift, row.label, row.cells) for row in rows]
            out.append(Timeline(self.width, 30 + len(rows) * (ROW_HEIGHT + GAP), self.columns, moved, self.keys, self.marks, self.font))
        return out


def _minutes(start: dt.time, end: dt.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def _item_of(record: ItemRecord) -> str:
    """The item a record belongs to: a later part's item ('1' for '1 (part 2)')."""
    return record.item or record.id


def item_colours(records: Iterable[ItemRecord]) -> dict[str, str]:
    """Each item's colour, by the order in which items first appear (agenda order in one
    schedule; in a comparison, the base's items first, then those a variant adds); a later part
    in the colour of its item. Keyed by item id, as the schedule's pieces name them."""
    order: dict[str, str] = {}
    out: dict[str, str] = {}
    for record in records:
        if record.role == "event":
            out[record.id] = EVENT_COLOUR
            continue
        item = _item_of(record)
        if item not in order:
            order[item] = PALETTE[len(order) % len(PALETTE)]
        out[record.id] = order[item]
    return out


def _placement(label: str, width: float, font: int) -> str:
    if width >= len(label) * CHARACTER * font + 8:
        return "across"
    if width >= font and len(label) * CHARACTER * font <= ROW_HEIGHT - 8:
        return "upright"
    return "none"


def short_day(day: dt.date, language: str = "en") -> str:
    """'Wed 17 Dec': a day in a comparison's small timelines."""
    return language_table(language).short_day(day)


def timeline(schedule: Schedule, calendar: Sequence[SittingRecord] = (), others: Sequence[Meeting] | None = None,
             colours: dict[str, str] | None = None, compact: bool = False, language: str = "en") -> Timeline:
    """Lay the session out: one row per day, one column per sitting name, in time order.

    `calendar` is the session's sittings (default: the schedule's own). `others`, with several
    bodies, is the other bodies' meetings: the timeline then covers this body's days only and
    names the other bodies in the sittings they alone hold. `colours` (default: `item_colours`
    of the schedule's items) lets a comparison keep one colour per item across its variants.
    `compact`: for a comparison's small timelines, short day labels ('Wed 17 Dec') and type half
    as large again, legible at a third of the page's width. Days, sittings and captions in
    `language`."""
    table = language_table(language)
    font = COMPACT_FONT if compact else FONT
    records = list(calendar or schedule.sittings or [_as_record(m) for m in schedule.meetings])
    if others is not None:
        days = [m.date for m in schedule.meetings]
        records = [r for r in records if days and min(days) <= r.date <= max(days)]
    names: dict[str, int] = {}
    for record in sorted(records, key=lambda r: r.start):
        names[record.sitting] = max(names.get(record.sitting, 0), _minutes(record.start, record.end))
    x = COMPACT_LABEL_WIDTH if compact else LABEL_WIDTH
    column_x: dict[str, float] = {}
    for name, minutes in names.items():
        column_x[name] = x
        x += minutes * PIXELS_PER_MINUTE + GAP
    items = {r.id: r for r in schedule.items}
    colours = colours if colours is not None else item_colours(schedule.items)
    meetings = {(m.date, m.sitting): m for m in schedule.meetings}
    elsewhere: dict[tuple, list[str]] = {}
    for meeting in sorted(others or (), key=lambda m: (m.body or "", m.number)):
        elsewhere.setdefault((meeting.date, meeting.sitting), []).append(table.word("grid.body_meeting", body=meeting.body, n=meeting.number))
    drawn: set[str] = set()
    marks: set[str] = set()
    rows: list[Row] = []
    for n, day in enumerate(sorted({r.date for r in records})):
        cells = []
        for record in (r for r in records if r.date == day):
            cell_x = column_x[record.sitting]
            width = _minutes(record.start, record.end) * PIXELS_PER_MINUTE
            caption = table.time_range(record.start, record.end)
            status = "free" if record.status == "meeting" else record.status  # a meeting of another body, or none
            cell = Cell(cell_x, width, status, table.word(f"timeline.{status}", what=caption), date=record.date, sitting=record.sitting)
            if record.status == "closed" and record.reason:
                cell.caption = table.word("timeline.closed", what=record.reason)
            meeting = meetings.get((record.date, record.sitting))
            if meeting is not None:
                cell.status, cell.caption = "meeting", caption
                for piece in meeting.pieces:
                    cell.blocks.append(_block(piece, meeting, cell_x, items, colours, font, table))
                    drawn.add(piece.item)
                    if piece.continued:
                        marks.add("continued")
            elif (record.date, record.sitting) in elsewhere:
                cell.status, cell.caption = "other", table.word("list.comma").join(elsewhere[(record.date, record.sitting)])
            cells.append(cell)
        if len(cells) > 1 and all(c.status == "closed" for c in cells):
            # a closed day is one block with its reason, not a row of truncated captions
            cells = [Cell(cells[0].x, cells[-1].x + cells[-1].width - cells[0].x, "closed", cells[0].caption)]
        marks |= {c.status for c in cells if c.status != "meeting"}
        rows.append(Row(30 + n * (ROW_HEIGHT + GAP), table.short_day(day) if compact else table.day(day), cells))
    height = 30 + len(rows) * (ROW_HEIGHT + GAP)
    keys = _keys(schedule.items, drawn, colours, table)
    if any(k.event for k in keys):
        marks.add("event")
    return Timeline(x, height, [(column_x[name], table.sitting(name)) for name in names], rows, keys, marks, font)


def _block(piece, meeting: Meeting, cell_x: float, items: dict[str, ItemRecord], colours: dict[str, str], font: int, table: Language) -> Block:
    record = items.get(piece.item)
    offset = _minutes(meeting.start, piece.start) * PIXELS_PER_MINUTE
    length = _minutes(piece.start, piece.end) * PIXELS_PER_MINUTE
    number = _item_of(record) if record is not None else piece.item
    label = table.word("timeline.continued", id=number) if piece.continued else number
    if _placement(label, length - 1, font) != "across" and piece.continued:
        label = number  # the hatching says it runs on
    event = record is not None and record.role == "event"
    title = record.title if record is not None else ""
    return Block(cell_x + offset, length, label, title, colours.get(piece.item, PALETTE[0]), piece.continued, event,
                 _placement(label, length - 1, font), piece.item)


def _keys(records: list[ItemRecord], drawn: set[str], colours: dict[str, str], table: Language) -> list[Key]:
    """The legend: each item drawn (a later part under its item, once), events last."""
    keys, seen = [], set()
    for record in sorted(records, key=lambda r: r.role == "event"):
        if record.id not in drawn:
            continue
        item = _item_of(record)
        if item in seen:
            continue
        seen.add(item)
        title = record.title if not record.part or record.part == 1 else next((r.title for r in records if r.id == item), record.title)
        if record.together:
            title = table.word("legend.with", title=title, items=table.items(list(record.together)))  # taken up together: no blocks of their own
        keys.append(Key(colours.get(record.id, PALETTE[0]), item, title, record.role == "event"))
    return keys


def _as_record(meeting: Meeting) -> SittingRecord:
    """A hand-made schedule may not list its sittings: its meetings stand for them."""
    return SittingRecord(date=meeting.date, sitting=meeting.sitting, start=meeting.start, end=meeting.end, status="meeting", meeting=meeting.number)
