"""A draft set beside a real programme of work: which items each meeting takes up, and in which
meetings each item is taken up, over the part of the real annex that is visible.

The real annexes are the transcriptions in `instances/cases/real/` (copied unchanged from the
shared cases). A real row names a day, a period as printed ("3 – 4.30 p.m.") and the items taken
up in it. A period is matched to the draft by its times, not by a sitting's name: the draft's
items in a period are those with a piece overlapping the period's start and end. So a slot
printed inside a longer meeting (a panel at 3-4.30 p.m. in a 3-6 p.m. meeting) is compared with
what the draft puts in those minutes, and a slot written as a sitting of its own is compared with
that sitting.

Conventions of the comparison (the transcriptions' own):
  - a row's items are its `items` and its `continued`, except a continued id that only heads an
    item of the row: "Item 4 (cont'd)" printed above 4 (c) (ii) is the heading of the agenda
    item 4, whose time is its sub-items' time;
  - an item taken up in parts, or together with another, counts as itself in every meeting it
    appears in (its printed number); events are not agenda items and never count;
  - a row without a period is a day without meetings (a holiday printed in the annex);
  - a row without a date is compared only when the caller says which day it is (the row just
    before "Monday, 5 September" whose date line is cut off);
  - only items seen in the visible meetings, on either side, are compared.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from solver.schedule import Schedule

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "instances" / "cases"
REAL = CASES / "real"

Meeting = tuple[dt.date, str]  # a day and a period as the real annex prints it


def normal(item_id: str) -> str:
    """'4 (c) (ii)' and '4(c)(ii)' are one id."""
    return re.sub(r"\s+", "", item_id)


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


@dataclass(frozen=True)
class Period:
    label: str
    start: dt.time
    end: dt.time


@dataclass
class RealAnnex:
    """The visible part of a real annex."""

    name: str
    meetings: dict[Meeting, set[str]]
    periods: dict[str, Period]
    closed_days: set[dt.date]
    completeness: str


def load_real(name: str, undated: dict[int, dt.date] | None = None) -> RealAnnex:
    """The real annex of case `name` (its JSON in instances/cases/real/); `undated` gives the day
    of a row whose date is not printed, by the row's index in the annex."""
    data = json.loads((REAL / f"{name}.json").read_text(encoding="utf-8"))
    periods = {p["label"]: Period(p["label"], _time(p["start"]), _time(p["end"])) for p in data.get("meeting_periods") or []}
    undated = undated or {}
    meetings: dict[Meeting, set[str]] = {}
    closed: set[dt.date] = set()
    for index, row in enumerate(data["annex"]):
        if "date_range" in row:
            raise ValueError(f"{name}: a row covers days {row['date_range']}: segments cannot be compared by meeting")
        day = dt.date.fromisoformat(row["date"]) if row.get("date") else undated.get(index)
        if day is None:
            continue  # its date is not visible
        if row.get("period") is None:
            closed.add(day)
            continue
        items = {normal(i) for i in row.get("items", [])}
        for heading in row.get("continued", []):
            heading = normal(heading)
            if not any(i != heading and i.startswith(heading + "(") for i in items):
                items.add(heading)
        meetings.setdefault((day, row["period"]), set()).update(items)
    return RealAnnex(name, meetings, periods, closed, data.get("completeness", ""))


def draft_meetings(schedule: Schedule, real: RealAnnex) -> dict[Meeting, set[str]]:
    """What the draft takes up in each of the real annex's visible meetings, by their times."""
    records = {record.id: record for record in schedule.items}
    out: dict[Meeting, set[str]] = {key: set() for key in real.meetings}
    for day, label in real.meetings:
        period = real.periods[label]
        for meeting in schedule.meetings:
            if meeting.date != day:
                continue
            for piece in meeting.pieces:
                if not (piece.start < period.end and piece.end > period.start):
                    continue
                record = records.get(piece.item)
                if record is not None and record.role == "event":
                    continue
                out[day, label].add(normal(record.item if record is not None and record.item else piece.item))
                out[day, label].update(normal(member) for member in (record.together if record is not None else ()))
    return out


def draft_closed_days(schedule: Schedule) -> set[dt.date]:
    """Days every sitting of which is closed in the draft's calendar."""
    by_day: dict[dt.date, list[str]] = {}
    for record in schedule.sittings:
        by_day.setdefault(record.date, []).append(record.status)
    return {day for day, statuses in by_day.items() if all(s == "closed" for s in statuses)}


def by_item(meetings: dict[Meeting, set[str]]) -> dict[str, set[Meeting]]:
    out: dict[str, set[Meeting]] = {}
    for key, items in meetings.items():
        for item in items:
            out.setdefault(item, set()).add(key)
    return out


@dataclass
class Match:
    """How far a draft matches the real annex, over the visible meetings."""

    name: str
    items_exact: int
    items: int
    meetings_exact: int
    meetings: int
    closed_days_kept: bool
    differences: list[str] = field(default_factory=list)

    @property
    def item_share(self) -> float:
        return self.items_exact / self.items if self.items else 1.0

    @property
    def meeting_share(self) -> float:
        return self.meetings_exact / self.meetings if self.meetings else 1.0

    def summary(self) -> str:
        closed = "" if self.closed_days_kept else "; a closed day of the real annex is not closed in the draft"
        return (
            f"{self.name}: items {self.items_exact}/{self.items} with exactly the real meetings ({self.item_share:.0%}), "
            f"meetings {self.meetings_exact}/{self.meetings} with exactly the real items ({self.meeting_share:.0%}){closed}"
        )


def _meeting_words(key: Meeting) -> str:
    day, label = key
    return f"{day:%a} {day.day} {day:%b} {label}"


def _set_words(values) -> str:
    return "{" + ", ".join(values) + "}"


def compare(schedule: Schedule, real: RealAnnex) -> Match:
    """Item -> set of meetings and meeting -> set of items, each exact or not, over the visible part."""
    drafted = draft_meetings(schedule, real)

    def in_time(keys) -> list[Meeting]:
        return sorted(keys, key=lambda key: (key[0], real.periods[key[1]].start))

    def meetings_words(keys) -> str:
        return _set_words(_meeting_words(key) for key in in_time(keys))

    differences = []
    meetings_exact = 0
    for key in in_time(real.meetings):
        if drafted[key] == real.meetings[key]:
            meetings_exact += 1
        else:
            differences.append(f"{_meeting_words(key)}: real {_set_words(sorted(real.meetings[key]))}, draft {_set_words(sorted(drafted[key]))}")
    real_items, draft_items = by_item(real.meetings), by_item(drafted)
    items_exact = 0
    compared = sorted(set(real_items) | set(draft_items))
    for item in compared:
        if real_items.get(item, set()) == draft_items.get(item, set()):
            items_exact += 1
        else:
            differences.append(
                f"item {item}: real {meetings_words(real_items.get(item, ()))}, draft {meetings_words(draft_items.get(item, ()))}"
            )
    kept = real.closed_days <= draft_closed_days(schedule)
    return Match(real.name, items_exact, len(compared), meetings_exact, len(real.meetings), kept, differences)
