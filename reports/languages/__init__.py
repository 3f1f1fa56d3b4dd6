"""The six languages the documents print in, each from its reviewed table (`<code>.yaml` here).

A table holds every fixed word a planner sees in a document (the annex's heading and columns,
"(continued)", the report's figures and headings, the comparison's rows …), the forms of days
and times (`reports.languages.clock`), the fonts Word writes with, and the direction of the
script; every entry names its source among the table's `sources`, and says so where no United
Nations document with the form was found. `language(code)` reads a table once.

A word is a template: '{n}', '{day}' and the like are filled in by `Language.word`; user text
(a title, a body's name) only ever fills a placeholder, never becomes a template.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reports.languages.clock import Clock, Dates
from solver.labels import NUMBERED_FROM, is_placeholder
from solver.languages import LANGUAGES

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself: 'Français'
    direction: str  # 'ltr' or 'rtl'
    dates: Dates
    clock: Clock
    words: dict[str, str]
    fonts: dict[str, str]  # Word's font slots: latin, east_asia, complex; and the complex script's size
    sources: dict[str, str]  # source id -> what it is
    cited: dict[str, str] = field(default_factory=dict)  # entry -> its source id

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    def word(self, key: str, **values: object) -> str:
        """The table's word `key`, its placeholders filled with `values`."""
        text = self.words[key]
        return text.format(**values) if values else text

    def day(self, day: dt.date) -> str:
        """'Wednesday, 6 September'; a placeholder day of numbered meetings, 'Day 2'."""
        if is_placeholder(day):
            weeks, weekday = divmod((day - NUMBERED_FROM).days, 7)
            return self.word("numbered.day", n=weeks * 5 + min(weekday, 4) + 1)
        return self.dates.label(day)

    def ordinal_meeting(self, number: int) -> str:
        """'1st meeting', '2nd meeting', '11th meeting', '1re séance': a meeting not yet dated."""
        if number == 1:
            suffix = "first"
        elif 10 <= number % 100 <= 20:
            suffix = "th"
        else:
            suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return self.word("numbered.meeting", n=number, suffix=self.word(f"ordinal.{suffix}"))

    def short_day(self, day: dt.date) -> str:
        return self.dates.short_label(day)

    def time(self, moment: dt.time) -> str:
        return self.clock.label(moment)

    def time_range(self, start: dt.time, end: dt.time) -> str:
        return self.clock.range_label(start, end)

    def sitting(self, name: str) -> str:
        """A sitting's name: the table's word for the calendar's usual names ('morning' is
        'matin'), any other name as the file writes it."""
        word = self.words.get(f"sitting.{name.strip().casefold()}")
        if word is None:
            return name
        return word[:1].upper() + word[1:] if name[:1].isupper() else word

    def sitting_label(self, day: dt.date, sitting: str) -> str:
        """'Friday, 8 September, afternoon': a sitting named in a sentence."""
        label = self.day(day) if is_placeholder(day) else self.dates.label(day, in_sentence=True)
        return self.word("sitting_label", day=label, sitting=self.sitting(sitting))

    def duration(self, minutes: int) -> str:
        """'45 min', '3 h', '5 h 30 min', as `solver.input.durations.format_minutes` in English."""
        hours, rest = divmod(int(minutes), 60)
        if hours and rest:
            return self.word("duration.hours_minutes", h=hours, m=rest)
        if hours:
            return self.word("duration.hours", h=hours)
        return self.word("duration.minutes", m=rest)

    def join(self, parts: list[str]) -> str:
        """'a, b and c'."""
        if len(parts) <= 1:
            return "".join(parts)
        return self.word("list.last", rest=self.word("list.comma").join(parts[:-1]), last=parts[-1])

    def items(self, ids: list[str]) -> str:
        """'item 2', 'items 2 and 3'."""
        if not ids:
            return self.word("items.none")
        if len(ids) == 1:
            return self.word("items.one", id=ids[0])
        key = "items.two" if len(ids) == 2 else "items.many"
        return self.word(key, ids=self.join(list(ids)))


def _clock(entry: dict) -> Clock:
    keys = {k: v for k, v in entry.items() if k != "source"}
    return Clock(**keys)


def _dates(entry: dict) -> Dates:
    months = tuple(entry.get("months", {}).get("names", ())) if entry.get("months") else ()
    return Dates(locale=entry["locale"], day=entry["day"], short_day=entry["short_day"], months=months, capitalize=bool(entry.get("capitalize")))


def read_table(path: Path) -> Language:
    """A language's table, every entry's source checked to be one the table lists."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    sources = data["sources"]
    cited: dict[str, str] = {}
    words: dict[str, str] = {}
    for key, entry in data["words"].items():
        if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(part, str) for part in entry)):
            raise ValueError(f"{path.name}: words.{key} is {entry!r}; write [text, source] (quote a text with a comma)")
        words[key], cited[f"words.{key}"] = entry
    for part in ("dates", "clock", "fonts"):
        cited[part] = data[part]["source"]
    if data["dates"].get("months"):
        cited["dates.months"] = data["dates"]["months"]["source"]
    for entry, source in cited.items():
        if source not in sources:
            raise ValueError(f"{path.name}: {entry} cites {source!r}, which is not among its sources")
    fonts = {k: v for k, v in data["fonts"].items() if k != "source"}
    return Language(data["code"], data["name"], data["direction"], _dates(data["dates"]), _clock(data["clock"]), words, fonts, sources, cited)


@functools.cache
def language(code: str) -> Language:
    """The table of one of the six languages ('fr')."""
    if code not in LANGUAGES:
        raise ValueError(f"{code!r} is not one of {', '.join(LANGUAGES)}")
    return read_table(HERE / f"{code}.yaml")
