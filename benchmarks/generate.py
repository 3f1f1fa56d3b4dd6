"""Realistic instances of any size, seeded and feasible by construction.

One body: the agenda is laid out first (openings, substantive items of one to several meetings,
some short unsplit items, other matters and the report), estimates are then drawn below the time
the layout gives each item, and pins and document dates are taken from the layout, so a schedule
always exists. Several bodies: runs of meetings are first placed in rooms week by week under the
interpretation cap, and each body's dates are taken around its run.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

MEETING = 180
FIRST_DAY = dt.date(2031, 1, 6)  # a Monday


def weekdays(count: int, start: dt.date = FIRST_DAY) -> list[dt.date]:
    days, day = [], start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _agenda(rng: random.Random, items: int, meetings: int, first_day: int, sittings_per_day: int, days: list[dt.date],
            pins: bool = True) -> list[dict[str, Any]]:
    """An agenda that fits `meetings` meetings, laid out from the first open sitting."""
    capacity = meetings * MEETING
    procedural = [("1 (a)", "Opening of the session", 15), ("1 (b)", "Adoption of the agenda and organization of work", 15)]
    closing = [(str(items), "Other matters", 15), (str(items + 1), "Adoption of the report", 60)]
    substantive = max(1, items - 4)
    room = capacity - sum(m for _, _, m in procedural + closing)
    weights = [rng.uniform(0.3, 3.0) for _ in range(substantive)]
    total = sum(weights)
    lengths = [max(20, int(room * w / total) // 5 * 5) for w in weights]
    out: list[dict[str, Any]] = [{"id": i, "title": t, "estimate": f"{m} min"} for i, t, m in procedural]
    position = 30
    for n, length in enumerate(lengths):
        estimate = max(10, int(length * rng.uniform(0.6, 0.95)) // 5 * 5)
        entry: dict[str, Any] = {"id": str(n + 2), "title": f"Substantive item {n + 2}", "estimate": f"{estimate} min"}
        meeting = position // MEETING
        if length <= 120 and position % MEETING + length <= MEETING and rng.random() < 0.3:
            entry["split"] = False
        if pins and rng.random() < 0.05 and position % MEETING + length <= MEETING:
            sitting = first_day * sittings_per_day + meeting
            entry["pin"] = {"date": days[sitting // sittings_per_day].isoformat(), "sitting": ("morning", "afternoon")[sitting % 2]}
        elif pins and rng.random() < 0.05:
            sitting = first_day * sittings_per_day + meeting
            entry["not_before"] = days[sitting // sittings_per_day].isoformat()
        out.append(entry)
        position += length
    out += [{"id": i, "title": t, "estimate": f"{m} min"} for i, t, m in closing]
    return out


def one_body(items: int, days: int, seed: int = 0, meetings: int | None = None) -> dict[str, Any]:
    """One body, `items` agenda items, `days` days of two sittings; all sittings granted by default."""
    rng = random.Random(seed)
    dates = weekdays(days)
    granted = meetings or 2 * days
    return {
        "session": {"body": f"Generated body ({items} items, {granted} meetings)", "venue": "Vienna", "timezone": "Europe/Vienna"},
        "calendar": {"dates": [d.isoformat() for d in dates], "meetings_granted": granted},
        "items": _agenda(rng, items, granted, 0, 2, dates),
    }


def many_bodies(bodies: int, weeks: int, rooms: int, seed: int = 0, cap: int | None = None) -> dict[str, Any]:
    """`bodies` bodies over `weeks` weeks of 5 days x 2 sittings, in `rooms` rooms, at most `cap`
    meetings with interpretation per sitting; each body one unbroken run, placed first so that a
    schedule exists, its dates a window around that run."""
    rng = random.Random(seed)
    dates = weekdays(5 * weeks)
    sittings = 2 * len(dates)
    cap = cap or max(1, rooms - 1)
    busy = [[False] * sittings for _ in range(rooms)]
    load = [0] * sittings
    out_bodies = []
    for b in range(bodies):
        granted = min(rng.choice([3, 4, 5, 6, 8, 10]), max(2, sittings // max(1, bodies // rooms)))
        placed = False
        while not placed and granted >= 2:
            for _attempt in range(200):
                room = rng.randrange(rooms)
                start = rng.randrange(0, sittings - granted + 1)
                span = range(start, start + granted)
                if all(not busy[room][s] and load[s] < cap for s in span):
                    placed = True
                    break
            else:
                granted -= 1
        if not placed:
            continue
        for s in span:
            busy[room][s] = True
            load[s] += 1
        first, last = span[0] // 2, span[-1] // 2
        window_first = max(0, first - rng.randint(0, 10))
        window_last = min(len(dates) - 1, last + rng.randint(0, 10))
        items = rng.randint(5, 14)
        agenda = _agenda(rng, items, granted, first, 2, dates, pins=False)
        out_bodies.append(
            {
                "id": f"B{b + 1:02d}",
                "name": f"Working group {b + 1}",
                "meetings_granted": granted,
                "earliest": dates[window_first].isoformat(),
                "latest": dates[window_last].isoformat(),
                "items": agenda,
            }
        )
    return {
        "session": {"body": f"Generated calendar ({len(out_bodies)} bodies, {weeks} weeks, {rooms} rooms)", "venue": "Vienna", "timezone": "Europe/Vienna"},
        "calendar": {"dates": [d.isoformat() for d in dates]},
        "rooms": [{"name": f"Room {chr(65 + r)}"} for r in range(rooms)],
        "interpretation": {"per_sitting": cap},
        "bodies": out_bodies,
    }
