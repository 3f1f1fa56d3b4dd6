"""Reproducible binary documents: one timestamp per schedule, and zip archives without the time.

Word, Excel and iCalendar files carry creation times and zip entry dates; left alone, exporting
the same schedule twice would give different bytes. The timestamp is `SOURCE_DATE_EPOCH` when set
(the reproducible-builds convention), otherwise midnight UTC of the session's first day.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Callable, Mapping

from solver.schedule import Schedule


def document_time(schedule: Schedule) -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    days = [m.date for m in schedule.meetings] or [dt.date(2000, 1, 1)]
    return dt.datetime.combine(min(days), dt.time(0), tzinfo=dt.timezone.utc)


def reproducible_zip(data: bytes, when: dt.datetime, rewrite: Mapping[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """The same archive with every entry dated `when` (zip dates start in 1980); `rewrite` maps
    an entry's name to a function that fixes its content (a timestamp the library wrote)."""
    rewrite = rewrite or {}
    stamp = max(when, dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)).timetuple()[:6]
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
