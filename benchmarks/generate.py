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
from dataclasses import dataclass
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


SITTINGS = ("morning", "afternoon")


@dataclass(frozen=True)
class Patterns:
    """What other generators' and real agendas have that the plain ladder lacks, each a switch."""

    through_pins: bool = False  # items longer than a sitting pinned to a sitting they run through
    avoid: bool = False  # items with one to three sittings to avoid, outside their layout
    event: bool = False  # a pinned event (fixed time, 90 minutes) in the middle of the session
    long_report: bool = False  # the report fills the last meeting alone
    events: int = 0  # more pinned events (an hour each), spread over the session
    parts: int = 0  # items taken up in two parts, the second resumed after the item that follows
    windows: bool = False  # some items with a date window (not_after, or between) around their layout days
    segments: int = 0  # the substantive items grouped into this many segments, each on its layout days


PLAIN = Patterns()
ALL = Patterns(through_pins=True, avoid=True, event=True, long_report=True)


def _slot(meeting: int, first_day: int, sittings_per_day: int, days: list[dt.date]) -> dict[str, str]:
    sitting = first_day * sittings_per_day + meeting
    return {"date": days[sitting // sittings_per_day].isoformat(), "sitting": SITTINGS[sitting % 2]}


def _agenda(rng: random.Random, items: int, meetings: int, first_day: int, sittings_per_day: int, days: list[dt.date],
            pins: bool = True, patterns: Patterns = PLAIN) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """An agenda that fits `meetings` meetings, laid out from the first open sitting, and its
    events: the items, then the events. The layout is a sequence of units (an item, or a part of
    an item in parts, resumed after the item that follows it), with the events between them."""
    capacity = meetings * MEETING
    procedural = [("1 (a)", "Opening of the session", 15), ("1 (b)", "Adoption of the agenda and organization of work", 15)]
    if patterns.long_report:  # the report alone fills the last meeting
        closing = [(str(items), "Adoption of the report", MEETING)]
    else:
        closing = [(str(items), "Other matters", 15), (str(items + 1), "Adoption of the report", 60)]
    durations = ([90] if patterns.event else []) + [60] * patterns.events
    substantive = max(1, items - 4)
    room = capacity - sum(m for _, _, m in procedural + closing) - sum(durations)
    weights = [rng.uniform(0.3, 3.0) for _ in range(substantive)]
    total = sum(weights)
    lengths = [max(20, int(room * w / total) // 5 * 5) for w in weights]
    # items in parts: the first part where the item stands, the second after the item that follows
    splittable = [n for n in range(substantive - 1) if lengths[n] >= 60 and n + 1 < substantive - 1]
    in_parts: set[int] = set()
    for n in rng.sample(splittable, len(splittable)):
        if len(in_parts) < patterns.parts and not {n - 1, n + 1} & in_parts:
            in_parts.add(n)
    units: list[list] = []  # [item number, part (0 one part, 1 or 2), length]
    for n, length in enumerate(lengths):
        if n in in_parts:
            first = max(30, length // 2 // 5 * 5)
            units.append([n, 1, first])
            continue
        units.append([n, 0, length])
        if n - 1 in in_parts:
            units.append([n - 1, 2, lengths[n - 1] - units[-2][2]])
    # the events between units, spread over the session
    event_at = {len(units) * (k + 1) // (len(durations) + 1): d for k, d in enumerate(durations)}
    position = 30
    for u, unit in enumerate(units):
        if u in event_at:
            after = (position + event_at[u]) % MEETING
            if position % MEETING + event_at[u] > MEETING or 0 < MEETING - after < 60:
                # the event starts the next meeting (what follows it in its meeting is no shorter
                # than an hour: a part of an item lasts at least the minimum part); the unit
                # before it absorbs the rest of its own meeting
                units[u - 1 if u else 0][2] += MEETING - position % MEETING
                position += MEETING - position % MEETING
            position += event_at[u]
        position += unit[2]
    units[-1][2] += capacity - sum(m for _, _, m in closing) - position  # the layout fills the meetings exactly
    out: list[dict[str, Any]] = [{"id": i, "title": t, "estimate": f"{m} min"} for i, t, m in procedural]
    entries: dict[int, dict[str, Any]] = {}
    events: list[dict[str, Any]] = []
    position = 30
    for u, (n, part, length) in enumerate(units):
        if u in event_at:
            meeting, offset = divmod(position, MEETING)
            slot = _slot(meeting, first_day, sittings_per_day, days)
            start = (10 if slot["sitting"] == "morning" else 15) * 60 + offset
            events.append({"id": f"E{len(events) + 1}", "title": "Panel discussion", "duration": f"{event_at[u]} min",
                           "pin": slot, "at": f"{start // 60:02d}:{start % 60:02d}"})
            position += event_at[u]
        estimate = max(10, int(length * rng.uniform(0.6, 0.95)) // 5 * 5)
        meeting = position // MEETING
        last_meeting = (position + length - 1) // MEETING
        if part == 2:
            entries[n]["parts"].append({"estimate": f"{estimate} min", "order": {"after": str(n + 3)}})
            position += length
            continue
        entry: dict[str, Any] = {"id": str(n + 2), "title": f"Substantive item {n + 2}"}
        if part == 1:
            entry["parts"] = [{"estimate": f"{estimate} min"}]
        else:
            entry["estimate"] = f"{estimate} min"
            if length <= 120 and position % MEETING + length <= MEETING and rng.random() < 0.3:
                entry["split"] = False
            if pins and rng.random() < 0.05 and position % MEETING + length <= MEETING:
                entry["pin"] = _slot(meeting, first_day, sittings_per_day, days)
            elif pins and rng.random() < 0.05:
                entry["not_before"] = _slot(meeting, first_day, sittings_per_day, days)["date"]
            elif patterns.through_pins and last_meeting - meeting >= 2 and rng.random() < 0.5:
                # a Minister speaks during the debate: under way in a sitting strictly inside its run
                entry["pin"] = {**_slot(rng.randint(meeting + 1, last_meeting - 1), first_day, sittings_per_day, days), "whole": False}
            if patterns.avoid and rng.random() < 0.15:
                outside = [m for m in range(meetings) if not meeting - 1 <= m <= last_meeting + 1]
                chosen = rng.sample(outside, min(len(outside), rng.randint(1, 3)))
                entry["avoid"] = [_slot(m, first_day, sittings_per_day, days) for m in sorted(chosen)]
        if patterns.windows and rng.random() < 0.2:
            first, last = _slot(meeting, first_day, sittings_per_day, days)["date"], _slot(last_meeting, first_day, sittings_per_day, days)["date"]
            if rng.random() < 0.5:
                entry["not_after"] = _later(days, last, rng.randint(0, 2))
            else:
                entry["between"] = [_later(days, first, -rng.randint(0, 2)), _later(days, last, rng.randint(0, 2))]
        entry["_layout"] = (meeting, last_meeting)  # for the segments, taken off by the caller
        entries[n] = entry
        out.append(entry)
        position += length
    out += [{"id": i, "title": t, "estimate": f"{m} min"} for i, t, m in closing]
    return out, events


def _later(days: list[dt.date], date: str, count: int) -> str:
    """The session day `count` days after `date` (before it when negative), within the session."""
    index = days.index(dt.date.fromisoformat(date)) + count
    return days[max(0, min(len(days) - 1, index))].isoformat()


def _segments(rng: random.Random, agenda: list[dict[str, Any]], count: int, days: list[dt.date]) -> list[dict[str, Any]]:
    """The substantive items in `count` runs of consecutive items, each a segment held on the days
    its items take in the layout; listed in a shuffled order (the segments follow their days)."""
    laid = [entry for entry in agenda if "_layout" in entry and "parts" not in entry]
    cuts = sorted(rng.sample(range(1, len(laid)), min(count, len(laid)) - 1)) if len(laid) > 1 else []
    runs = [laid[a:b] for a, b in zip([0, *cuts], [*cuts, len(laid)])]
    names = ["High-level segment", "Coordination segment", "Operational activities segment", "Humanitarian affairs segment",
             "Management segment", "Integration segment", "General segment", "Special segment"]
    segments = []
    for number, run in enumerate(runs):
        first, last = run[0]["_layout"][0] // 2, run[-1]["_layout"][1] // 2
        name = names[number] if number < len(names) else f"Segment {number + 1}"
        segments.append({"name": name, "between": [days[first].isoformat(), days[last].isoformat()], "items": [e["id"] for e in run]})
        for entry in run:
            entry.pop("not_after", None), entry.pop("between", None), entry.pop("pin", None), entry.pop("not_before", None)
    rng.shuffle(segments)
    return segments


def _laid_out(agenda: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for entry in agenda:
        entry.pop("_layout", None)
    return agenda


def one_body(items: int, days: int, seed: int = 0, meetings: int | None = None, patterns: Patterns = PLAIN) -> dict[str, Any]:
    """One body, `items` agenda items, `days` days of two sittings; all sittings granted by default."""
    rng = random.Random(seed)
    dates = weekdays(days)
    granted = meetings or 2 * days
    agenda, events = _agenda(rng, items, granted, 0, 2, dates, patterns=patterns)
    segments = _segments(rng, agenda, patterns.segments, dates) if patterns.segments else []
    data: dict[str, Any] = {
        "session": {"body": f"Generated body ({items} items, {granted} meetings)", "venue": "Vienna", "timezone": "Europe/Vienna"},
        "calendar": {"dates": [d.isoformat() for d in dates], "meetings_granted": granted},
        "items": _laid_out(agenda),
    }
    if events:
        data["events"] = events
    if segments:
        data["segments"] = segments
    return data


def _tie(rng: random.Random, bodies: list[dict[str, Any]], spans: list[range], count: int) -> None:
    """`count` ties between bodies whose runs follow each other in the layout (an earlier run ends
    in a sitting before the later one starts), so the session still fits."""
    pairs = [(a, b) for a in range(len(bodies)) for b in range(len(bodies)) if spans[a][-1] < spans[b][0]]
    for a, b in rng.sample(pairs, min(count, len(pairs))):
        kind = rng.choice(("after", "before", "follows"))
        if kind == "after":  # b meets once a has met (a General Committee after the plenary's item)
            bodies[b].setdefault("after", []).append({"body": bodies[a]["id"]})
        elif kind == "before":  # a prepares b's meetings
            bodies[a].setdefault("before", []).append({"body": bodies[b]["id"]})
        else:  # b's item adopted after a considered one of its items
            substantive = [e for e in bodies[b]["items"] if e["id"][0].isdigit() and e["id"] != "1 (a)" and "parts" not in e]
            source = [e for e in bodies[a]["items"] if "parts" not in e]
            target, origin = rng.choice(substantive), rng.choice(source)
            target.setdefault("follows", []).append({"body": bodies[a]["id"], "item": origin["id"]})


def many_bodies(bodies: int, weeks: int, rooms: int, seed: int = 0, cap: int | None = None, ceiling: bool = False,
                ties: int = 0) -> dict[str, Any]:
    """`bodies` bodies over `weeks` weeks of 5 days x 2 sittings, in `rooms` rooms, at most `cap`
    meetings with interpretation per sitting; each body one unbroken run, placed first so that a
    schedule exists, its dates a window around that run. With `ceiling`, the meetings granted
    are a ceiling above what each body needs (hold_meetings_granted off) and the dates leave up
    to four weeks of slack around the run. With `ties`, that many ties between bodies whose runs
    follow each other: a body meets after another's meetings, or before them, or one of its items
    follows one of the other body's items."""
    rng = random.Random(seed)
    dates = weekdays(5 * weeks)
    sittings = 2 * len(dates)
    cap = cap or max(1, rooms - 1)
    busy = [[False] * sittings for _ in range(rooms)]
    load = [0] * sittings
    out_bodies = []
    spans: list[range] = []
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
        slack = 20 if ceiling else 10
        window_first = max(0, first - rng.randint(0, slack))
        window_last = min(len(dates) - 1, last + rng.randint(0, slack))
        items = rng.randint(5, 14)
        agenda, _ = _agenda(rng, items, granted, first, 2, dates, pins=False)
        agenda = _laid_out(agenda)
        body = {
            "id": f"B{b + 1:02d}",
            "name": f"Working group {b + 1}",
            "meetings_granted": granted + (rng.randint(1, 4) if ceiling else 0),
            "earliest": dates[window_first].isoformat(),
            "latest": dates[window_last].isoformat(),
            "items": agenda,
        }
        if ceiling:
            body["rules"] = {"hold_meetings_granted": False}
        out_bodies.append(body)
        spans.append(span)
    _tie(rng, out_bodies, spans, ties)
    return {
        "session": {"body": f"Generated calendar ({len(out_bodies)} bodies, {weeks} weeks, {rooms} rooms)", "venue": "Vienna", "timezone": "Europe/Vienna"},
        "calendar": {"dates": [d.isoformat() for d in dates]},
        "rooms": [{"name": f"Room {chr(65 + r)}"} for r in range(rooms)],
        "interpretation": {"per_sitting": cap},
        "bodies": out_bodies,
    }
