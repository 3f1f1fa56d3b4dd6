"""How the house writes days, times and lists of items.

Days come from Babel's CLDR data ("Wednesday, 6 September"); times follow the United Nations
editorial style, which no locale library produces: "10 a.m.–1 p.m.", "3–6 p.m.", "9 a.m.–noon",
"3–7.30 p.m." (en dash, dotted minutes, the meridiem once when both ends share it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from fractions import Fraction

from babel.dates import format_date

EN_DASH = "\u2013"


# a calendar of numbered meetings lies on placeholder weekdays from this Monday, before any
# plausible session (years 1900 to 2999): its days print as 'Day 1', 'Day 2', never as dates
NUMBERED_FROM = dt.date(1800, 1, 6)
PLACEHOLDER_END = dt.date(1900, 1, 1)


def is_placeholder(day: dt.date) -> bool:
    return day < PLACEHOLDER_END


def day_label(day: dt.date, locale: str = "en") -> str:
    """'Wednesday, 6 September'; a placeholder day of numbered meetings, 'Day 2'."""
    if is_placeholder(day):
        weeks, weekday = divmod((day - NUMBERED_FROM).days, 7)
        return f"Day {weeks * 5 + min(weekday, 4) + 1}"
    return format_date(day, format="EEEE, d MMMM", locale=locale)


def _clock(moment: dt.time) -> tuple[str, str]:
    """The time without and with its meridiem: ('3.30', 'p.m.'), or ('noon', '')."""
    if moment.hour == 12 and moment.minute == 0:
        return "noon", ""
    if moment.hour == 0 and moment.minute == 0:
        return "midnight", ""
    meridiem = "a.m." if moment.hour < 12 else "p.m."
    hour = moment.hour % 12 or 12
    text = f"{hour}.{moment.minute:02d}" if moment.minute else f"{hour}"
    return text, meridiem


def time_label(moment: dt.time) -> str:
    """'10 a.m.', '3.30 p.m.', 'noon'."""
    text, meridiem = _clock(moment)
    return f"{text} {meridiem}".strip()


def time_range(start: dt.time, end: dt.time) -> str:
    """'10 a.m.–1 p.m.', '3–6 p.m.', '9 a.m.–noon'."""
    first, first_meridiem = _clock(start)
    last, last_meridiem = _clock(end)
    if first_meridiem and first_meridiem == last_meridiem:
        return f"{first}{EN_DASH}{last} {last_meridiem}"
    return f"{time_label(start)}{EN_DASH}{time_label(end)}"


def sitting_label(day: dt.date, sitting: str, locale: str = "en") -> str:
    """'Friday, 8 September, afternoon' — a sitting named in a sentence."""
    return f"{day_label(day, locale)}, {sitting}"


def natural_key(item_id: str) -> tuple[tuple[int, int, str], ...]:
    """Sorts ids as an agenda numbers them: '3' before '10', '1 (a)' before '1 (b)' before '2'."""
    return tuple((0, int(chunk), "") if chunk.isdigit() else (1, 0, chunk) for chunk in re.split(r"(\d+)", item_id.casefold().strip()) if chunk)


def agenda_sorted(ids, order: Mapping[str, int] | None = None) -> list[str]:
    """Ids in agenda order: by their index in `order` (an id's place in the agenda) where it is
    known, else by `natural_key`, after the known ones."""
    known = order or {}
    return sorted(ids, key=lambda i: (0, known[i], ()) if i in known else (1, 0, natural_key(i)))


def item_list(ids: list[str] | tuple[str, ...], order: Mapping[str, int] | None = None) -> str:
    """'item 2', 'items 2 and 3', 'items 1 (a), 2 and 3'. With `order` (each id's place in the
    agenda) the ids are listed in agenda order; without it, as given."""
    ids = agenda_sorted(ids, order) if order is not None else list(ids)
    if not ids:
        return "no items"
    if len(ids) == 1:
        return f"item {ids[0]}"
    return f"items {', '.join(ids[:-1])} and {ids[-1]}"


def plural(count: int, noun: str, plural_form: str = "") -> str:
    """'1 meeting', '2 meetings', '0 meetings'."""
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"


def duration_text(minutes: int) -> str:
    """A length of time in a sentence: '30 minutes', '1 hour', '1.5 hours', '2.25 hours',
    '8 hours 5 minutes' (hours in quarters as decimals, anything else in hours and minutes)."""
    minutes = int(minutes)
    if minutes < 60:
        return plural(minutes, "minute")
    if minutes % 15 == 0:
        hours = Fraction(minutes, 60)
        text = f"{float(hours):.2f}".rstrip("0").rstrip(".")
        return f"{text} hour" if hours == 1 else f"{text} hours"
    whole, rest = divmod(minutes, 60)
    return f"{plural(whole, 'hour')} {plural(rest, 'minute')}"


_MERIDIEM = re.compile(r"^(\d{1,2})(?:[.:h](\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?)?$", re.IGNORECASE)
_CONTINENTAL = re.compile(r"^(\d{1,2})\s*(?:h|heures?|horas?)\s*(\d{2})?$", re.IGNORECASE)  # '10 heures', '15 h 30'
_NOON = {"noon": dt.time(12), "midday": dt.time(12), "midi": dt.time(12), "mediodía": dt.time(12), "midnight": dt.time(0)}
_DASHES = re.compile(r"\s*[\u2013\u2014-]\s*|\s+(?:to|à)\s+", re.IGNORECASE)


def _read_clock(text: str, meridiem: str | None = None) -> dt.time | None:
    text = " ".join(text.strip().casefold().split())
    if text in _NOON:
        return _NOON[text]
    match = _CONTINENTAL.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        return dt.time(hour, minute) if hour < 24 and minute < 60 else None
    match = _MERIDIEM.match(text)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    half = (match.group(3) or meridiem or "").replace(".", "").replace(" ", "")
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    return dt.time(hour, minute) if hour < 24 and minute < 60 else None


def read_time(text: str) -> dt.time | None:
    """A time as documents print it, or None: '10 a.m.', '3.30 p.m.', 'noon', '10:00', '10 heures'."""
    return _read_clock(text)


def read_time_range(text: str) -> tuple[dt.time, dt.time] | None:
    """The inverse of `time_range`, or None: '10 a.m.–1 p.m.', '3–6 p.m.', '9 a.m.–noon', '10:00-13:00'."""
    parts = _DASHES.split(" ".join(text.strip().split()), maxsplit=1)
    if len(parts) != 2:
        return None
    end = _read_clock(parts[1])
    if end is None:
        return None
    shared = re.search(r"([ap])\.?\s?m\.?\s*$", parts[1].casefold())
    start = _read_clock(parts[0], f"{shared.group(1)}m" if shared else None)
    if start is not None and shared and start >= end:  # '11–1 p.m.': the morning's eleven
        start = _read_clock(parts[0], "am")
    if start is None or start >= end:
        return None
    return start, end
