"""Clock times as files write them: 'HH:MM' (or 'HH:MM:SS'), local to the venue.

A number is not a time (pydantic would read `end: 1` as one second past midnight), nor is a time
with a UTC offset ('10:00Z'): sittings are in the venue's time zone, which the session names.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import BeforeValidator, WithJsonSchema

_PATTERN = re.compile(r"^\s*([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?\s*$")


def parse_clock(value: object) -> dt.time:
    """A naive time of day from 'HH:MM' text (or a time without an offset)."""
    if isinstance(value, dt.time):
        if value.tzinfo is not None:
            raise ValueError("a time of day here has no UTC offset; write it as HH:MM in the venue's time zone")
        return value
    if isinstance(value, str):
        match = _PATTERN.match(value)
        if match:
            hours, minutes, seconds = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
            if hours < 24 and minutes < 60 and seconds < 60:
                return dt.time(hours, minutes, seconds)
        shown = value if len(value) <= 20 else value[:19] + "…"
        raise ValueError(f"{shown!r} is not a time of day; write it as HH:MM (24-hour clock, no offset)")
    raise ValueError(f"{str(value)[:20]!r} is not a time of day; write it as \"HH:MM\" in quotes")


ClockTime = Annotated[
    dt.time,
    BeforeValidator(parse_clock),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$", "examples": ["10:00", "15:30"]}),
]
