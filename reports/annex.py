"""The annex table of the annotated provisional agenda, as the reference document prints it.

Columns "Date and time", "Agenda item", "Title or description". A day opens with a row carrying
only its label ("Wednesday, 6 September"); the first item of each meeting carries the sitting
("10 a.m.–1 p.m."); an item running on from an earlier meeting gets "(continued)".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reports.languages import Language, language as language_table
from solver.schedule import Meeting, Schedule

if TYPE_CHECKING:
    import pandas as pd


def columns(language: str = "en") -> tuple[str, str, str]:
    """The annex's three column heads in `language`."""
    table = language_table(language)
    return tuple(table.word(f"annex.column.{key}") for key in ("date", "item", "title"))  # type: ignore[return-value]


COLUMNS = columns("en")
HEADING = language_table("en").word("annex.heading")
CONTINUED = language_table("en").word("annex.continued")


@dataclass(frozen=True)
class AnnexRow:
    date_and_time: str
    item: str
    title: str
    kind: str  # "day" for a day's label row, "item" for an item row, "closed" for a day without meetings
    # What an item row stands for, for the documents' styling (the cells are the same whatever it
    # is): "event" (an event, printed without a number), "segment" (a segment printed as a block),
    # "together" (an item taken up together with the one in the row above), "" (an agenda item).
    role: str = ""
    meeting: int | None = None  # the meeting an item row belongs to (its number), None for day rows
    task: str = ""  # the piece it prints, as the schedule names it ('1 (part 2)'; a member's row: its group's first item)

    def cells(self) -> tuple[str, str, str]:
        return (self.date_and_time, self.item, self.title)


UNNUMBERED = ("event", "segment")  # roles printed without a number


def closed_days(schedule: Schedule, language: str = "en") -> dict[dt.date, str]:
    """Days inside the body's meetings on which every sitting is closed, with what the annex
    prints for each: the closure's reason and '(no meetings)', as in 'Official United Nations
    holiday (no meetings)'."""
    days = [m.date for m in schedule.meetings]
    if not days:
        return {}
    first, last = min(days), max(days)
    by_day: dict[dt.date, list] = {}
    for record in schedule.sittings:
        by_day.setdefault(record.date, []).append(record)
    out = {}
    for day, records in sorted(by_day.items()):
        if first < day < last and all(r.status == "closed" for r in records):
            out[day] = _no_meetings(next((r.reason for r in records if r.reason), ""), language_table(language))
    return out


def _no_meetings(reason: str, table: Language) -> str:
    """'Official United Nations holiday (no meetings)'; 'Jeune genevois (public holiday; no meetings)'."""
    reason = reason.strip()
    if table.word("annex.no_meetings_said").casefold() in reason.casefold():
        return reason
    if reason.endswith(")"):
        return f"{reason[:-1]}{table.word('annex.no_meetings_inside')})"
    return f"{reason} {table.word('annex.no_meetings')}".strip()


def ordinal_meeting(number: int, language: str = "en") -> str:
    """'1st meeting', '2nd meeting', '11th meeting': a meeting of a calendar not yet dated."""
    return language_table(language).ordinal_meeting(number)


def meeting_rows(schedule: Schedule, meeting: Meeting, language: str = "en") -> list[AnnexRow]:
    """One meeting's rows: each piece's item (an event or a segment without its number, a later
    part "(continued)"), then the items taken up together with it; the first carries the sitting."""
    table = language_table(language)
    continued = lambda title: table.word("annex.title_continued", title=title, continued=table.word("annex.continued")).strip()  # noqa: E731
    records = {record.id: record for record in schedule.items}
    rows: list[AnnexRow] = []
    label = table.ordinal_meeting(meeting.number) if schedule.numbered else table.time_range(meeting.start, meeting.end)
    for piece in meeting.pieces:
        record = records.get(piece.item)
        role = record.role if record is not None and record.role in UNNUMBERED else ""
        later_part = record is not None and (record.part or 0) > 1
        title = record.title if record is not None else ""
        if piece.continued or later_part:
            title = continued(title)
        printed = (record.item if record is not None and record.item else piece.item) if not role else ""
        rows.append(AnnexRow(label, printed, title, "item", role, meeting.number, piece.item))
        label = ""
        for member in record.together if record is not None else ():
            # taken up together: each item of the group has its row, in the same time
            title = records[member].title if member in records else ""
            title = continued(title) if piece.continued else title
            rows.append(AnnexRow("", member, title, "item", "together", meeting.number, piece.item))
    return rows


def annex_rows(schedule: Schedule, language: str = "en") -> list[AnnexRow]:
    """The annex's rows in `language`: day rows, each meeting's rows, days without meetings."""
    table = language_table(language)
    rows: list[AnnexRow] = []
    day = None
    closed = closed_days(schedule, language) if not schedule.numbered else {}
    for meeting in sorted(schedule.meetings, key=lambda m: (m.date, m.start)):
        if schedule.numbered:  # no dates yet: the meetings by number, without day rows
            rows += meeting_rows(schedule, meeting, language)
            continue
        while closed and min(closed) < meeting.date:
            holiday = min(closed)
            rows += [AnnexRow(table.day(holiday), "", "", "day"), AnnexRow("", "", closed.pop(holiday), "closed")]
        if meeting.date != day:
            day = meeting.date
            rows.append(AnnexRow(table.day(day), "", "", "day"))
        rows += meeting_rows(schedule, meeting, language)
    return rows


@dataclass(frozen=True)
class Annex:
    """One body's annex: its heading and its rows."""

    body: str
    heading: str
    rows: list[AnnexRow]


def annexes(schedule: Schedule, language: str = "en") -> list[Annex]:
    """The annexes a schedule prints: one per body, each as a single body's annex."""
    heading = language_table(language).word("annex.heading")
    if not schedule.bodies:
        return [Annex(schedule.session.body, heading, annex_rows(schedule, language))]
    out = []
    for body in schedule.bodies:
        part = schedule.for_body(body.id)
        part.sittings = schedule.sittings  # the calendar is shared: its closed days show in each annex
        out.append(Annex(body.name, heading, annex_rows(part, language)))
    return out


def subtitle(schedule: Schedule, language: str = "en") -> str:
    """'Working Group on Trafficking in Persons, Seventh meeting, Vienna'."""
    session = schedule.session
    return language_table(language).word("list.comma").join(part for part in (session.body, session.name, session.venue) if part)


def annex_frame(schedule: Schedule, language: str = "en") -> pd.DataFrame:
    """The annex as a DataFrame with the document's three column headings."""
    import pandas as pd  # imported here: it costs half a second, and plain text needs none of it

    rows = annex_rows(schedule, language)
    return pd.DataFrame([row.cells() for row in rows], columns=list(columns(language)))
