"""Reproducible binary documents: one timestamp per schedule, and zip archives without the time.

Word, Excel and iCalendar files carry creation times and zip entry dates; left alone, exporting
the same schedule twice would give different bytes. The timestamp is `SOURCE_DATE_EPOCH` when set
(the reproducible-builds convention), otherwise midnight UTC of the session's first day.

A zip entry can only be dated 1980-01-01 to 2107-12-31, and document properties are read by
programs that expect the same kind of range; so the timestamp is kept inside it: a session
dated 2150 (a typo, a test) gives files dated 2107-12-31, one dated 1970 files dated 1980-01-01.
The meetings themselves keep their dates. A `SOURCE_DATE_EPOCH` that is no whole number of
seconds (negative, '1e9', '²'), or lies beyond what a datetime holds, is ignored.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Callable, Mapping

from solver.schedule import Schedule

FIRST = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
LAST = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.timezone.utc)  # zip times count in steps of 2 s


def _epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a time, or None when it is unset or cannot be one."""
    text = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not re.fullmatch(r"[0-9]{1,20}", text):
        return None
    try:
        return dt.datetime.fromtimestamp(int(text), tz=dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None


def clamped(when: dt.datetime) -> dt.datetime:
    """The time kept within 1980-01-01 .. 2107-12-31 (UTC), the dates a zip entry can carry."""
    return min(max(when, FIRST), LAST)


def document_time(schedule: Schedule) -> dt.datetime:
    when = _epoch()
    if when is None:
        days = [m.date for m in schedule.meetings] or [dt.date(2000, 1, 1)]
        when = dt.datetime.combine(min(days), dt.time(0), tzinfo=dt.timezone.utc)
    return clamped(when)


def reproducible_zip(data: bytes, when: dt.datetime, rewrite: Mapping[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """The same archive with every entry dated `when` (kept within the zip range); `rewrite`
    maps an entry's name to a function that fixes its content (a timestamp the library wrote)."""
    rewrite = rewrite or {}
    when = when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
    stamp = clamped(when).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            content = source.read(entry.filename)
            if entry.filename in rewrite:
                content = rewrite[entry.filename](content)
            target.writestr(info, content)
    return out.getvalue()
