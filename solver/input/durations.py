"""Durations as planners write them: "15 min", "2h30", "1.5 meetings", or plain minutes.

A duration in meetings depends on the length of the body's standard meeting, which only the
calendar knows, so parsing keeps the unit and `Duration.minutes` takes the meeting length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"^{_NUMBER}\s*(?:m|min|mins|minute|minutes)$"), "minutes"),
    (re.compile(rf"^{_NUMBER}\s*(?:h|hr|hrs|hour|hours)$"), "hours"),
    (re.compile(rf"^{_NUMBER}\s*(?:meeting|meetings|mtg|mtgs)$"), "meetings"),
    (re.compile(rf"^{_NUMBER}\s*(?:day|days)$"), "days"),
    (re.compile(r"^(\d+)\s*h\s*(\d{1,2})\s*(?:m|min|mins)?$"), "hours+minutes"),
    (re.compile(r"^(\d+):(\d{2})$"), "hours+minutes"),
    (re.compile(rf"^{_NUMBER}$"), "bare"),
)

HELP = "write minutes (90), '45 min', '2h30', '1.5 h', '1.5 meetings' or '3 days'"
MAX_MINUTES = 1_000_000  # about two years of sittings: anything longer is a typing slip
MAX_MEETINGS = 2000


def _shown(text: str) -> str:
    return repr(text if len(text) <= 30 else text[:29] + "…")


@dataclass(frozen=True)
class Duration:
    """A parsed duration: an exact amount in `unit` ("minutes" or "meetings")."""

    amount: Fraction
    unit: str
    text: str

    def minutes(self, meeting_minutes: int, day_minutes: int | None = None) -> int:
        """Whole minutes, counting a meeting as `meeting_minutes` and a day as `day_minutes` (the
        body's sittings of a day; default two meetings)."""
        factors = {"meetings": meeting_minutes, "days": day_minutes or 2 * meeting_minutes}
        return round(self.amount * factors.get(self.unit, 1))


def parse_duration(value: object) -> Duration:
    """Parse a duration; raise ValueError with a hint when it is not one."""
    if isinstance(value, Duration):
        return value
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a duration; {HELP}")
    if isinstance(value, (int, float)):
        text = str(value)
    elif isinstance(value, str):
        text = value
    else:
        raise ValueError(f"{_shown(str(value))} is not a duration; {HELP}")
    cleaned = text.strip().lower().replace(",", ".")
    for pattern, kind in _PATTERNS:
        match = pattern.match(cleaned)
        if not match:
            continue
        if kind == "hours+minutes":
            hours, minutes = int(match.group(1)), int(match.group(2))
            if minutes >= 60:
                break
            duration = Duration(Fraction(hours * 60 + minutes), "minutes", text)
        else:
            amount = Fraction(match.group(1))
            if kind == "bare" and 0 < amount < 10:
                # '2' is two minutes, which no planner means: say so rather than absorb it silently
                raise ValueError(f"{_shown(text)} without a unit would be {text.strip()} minutes; write '{text.strip()} min' if that is meant, or '{text.strip()} h' or '{text.strip()} meetings'")
            if kind == "hours":
                duration = Duration(amount * 60, "minutes", text)
            else:
                duration = Duration(amount, "minutes" if kind == "bare" else kind, text)
        if duration.amount <= 0:
            raise ValueError(f"{_shown(text)} is not a positive duration; {HELP}")
        if duration.unit == "minutes" and duration.amount < 1:
            raise ValueError(f"{_shown(text)} is less than a minute; orgwork plans in whole minutes")
        if duration.unit == "minutes" and duration.amount > MAX_MINUTES:
            raise ValueError(f"{_shown(text)} is longer than any session ({MAX_MINUTES:,} minutes at most); check the number")
        if duration.unit in ("meetings", "days") and duration.amount > MAX_MEETINGS:
            raise ValueError(f"{_shown(text)} is more meetings than any session holds ({MAX_MEETINGS} at most); check the number")
        return duration
    if cleaned.startswith("-"):
        raise ValueError(f"{_shown(text)} is negative; a duration must be positive: {HELP}")
    raise ValueError(f"{_shown(text)} is not a duration; {HELP}")


def format_minutes(minutes: int) -> str:
    """Minutes as a planner reads them: '45 min', '3 h', '5 h 30 min'."""
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    if hours:
        return f"{hours} h"
    return f"{rest} min"


def format_hours(minutes: int) -> str:
    """Minutes as hours with at most two decimals: '11 hours', '1.5 hours', '0.25 hours'."""
    hours = Fraction(int(minutes), 60)
    text = f"{float(hours):.2f}".rstrip("0").rstrip(".")
    return f"{text} hour" if hours == 1 else f"{text} hours"
