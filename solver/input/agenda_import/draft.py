"""What the imported instance says, decided from the document's facts and items: its days and
sittings, the first day's opening, the meetings granted and each item's estimate, each with
the words saying where it came from, and a TODO for what the document does not say."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from solver.input.agenda_import.estimates import PastEstimates, estimate_for, kind_of, rounded
from solver.input.agenda_import.facts import Facts
from solver.input.agenda_import.tree import Node
from solver.input.durations import format_minutes, parse_duration
from solver.input.roles import role_from_title
from solver.labels import day_label, time_label

PLACEHOLDER_START = dt.date(2000, 1, 3)  # a Monday: placeholder days when the document states none
DEFAULT_SITTINGS = (("morning", dt.time(10), dt.time(13)), ("afternoon", dt.time(15), dt.time(18)))


@dataclass(frozen=True)
class Entry:
    """One item of the instance, with its estimate and where the estimate came from."""

    id: str
    title: str
    role: str
    kind: str  # a role, 'substantive' or 'procedural'
    estimate: str
    source: str
    parents: tuple[Node, ...] = ()  # the items it is a sub-item of, printed as comments


@dataclass
class Draft:
    days: tuple[dt.date, ...] = ()
    days_source: str = ""
    sittings: tuple[tuple[str, dt.time, dt.time], ...] = DEFAULT_SITTINGS
    sittings_source: str = ""
    first_day: tuple[tuple[str, dt.time, dt.time], ...] | None = None  # the first day's sittings, when the opening moves them
    opening: str = ""
    granted: int = 0
    granted_source: str = ""
    entries: list[Entry] = field(default_factory=list)
    todos: dict[str, str] = field(default_factory=dict)  # key -> what to check


def _sitting_name(start: dt.time, taken: set[str]) -> str:
    name = "morning" if start < dt.time(12) else "midday" if start < dt.time(14, 30) else "afternoon" if start < dt.time(18) else "evening"
    number = 2
    base = name
    while name in taken:
        name, number = f"{base} {number}", number + 1
    taken.add(name)
    return name


def quoted(words: str, limit: int = 90) -> str:
    text = " ".join(words.split())
    return f"'{text if len(text) <= limit else text[: limit - 1].rsplit(' ', 1)[0] + ' …'}'"


def _calendar(draft: Draft, facts: Facts) -> None:
    if facts.dates is not None:
        first, last = facts.dates.value
        span = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        weekdays = tuple(d for d in span if d.weekday() < 5) or tuple(span)
        left_out = " (the weekend left out)" if len(weekdays) < len(span) else ""
        draft.days, draft.days_source = weekdays, f"from {facts.dates.place}: {quoted(facts.dates.words)}{left_out}"
    else:
        draft.days = tuple(PLACEHOLDER_START + dt.timedelta(days=n) for n in range(5))
        draft.todos["dates"] = "the document states no dates: these five days are placeholders; write the session's days"
    if facts.sittings is not None:
        taken: set[str] = set()
        draft.sittings = tuple((_sitting_name(a, taken), a, b) for a, b in facts.sittings.value)
        draft.sittings_source = f"from the annotations: {quoted(facts.sittings.words)}"
    if facts.opening is not None:
        _opening(draft, facts)


def _opening(draft: Draft, facts: Facts) -> None:
    day, moment = facts.opening.value
    said = f"from the annotations: {quoted(facts.opening.words)}"
    if day is not None and day != draft.days[0]:
        draft.todos["opening"] = f"the session opens on {day_label(day)} {day.year}, which is not its first day; check the dates"
        return
    kept = [s for s in draft.sittings if s[2] > moment]
    if not kept:
        draft.todos["opening"] = f"the opening at {time_label(moment)} is after the day's last sitting; check the sittings"
        return
    name, start, end = kept[0]
    if start == moment and len(kept) == len(draft.sittings):
        draft.opening = f"opened at {time_label(moment)}, the first sitting ({said})"
        return
    kept[0] = (name, moment, end)
    draft.first_day = tuple(kept)
    draft.opening = f"opened at {time_label(moment)} ({said})"


def _open_sittings(draft: Draft) -> list[int]:
    minutes = [_minutes(a, b) for _, a, b in draft.sittings]
    first = [_minutes(a, b) for _, a, b in draft.first_day] if draft.first_day else minutes
    return first + minutes * (len(draft.days) - 1)


def _minutes(start: dt.time, end: dt.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def _granted(draft: Draft, facts: Facts) -> None:
    sittings = len(_open_sittings(draft))
    if facts.meetings is not None:
        draft.granted = int(facts.meetings.value)
        draft.granted_source = f"from the annotations: {quoted(facts.meetings.words)}"
        if draft.granted > sittings:
            draft.todos["meetings_granted"] = f"the document's days hold {sittings} sittings, fewer than the {draft.granted} meetings it states; check the dates"
            draft.granted = sittings
    else:
        draft.granted = sittings
        draft.todos["meetings_granted"] = (
            "the document does not say how many meetings the resources permit; every sitting of its days is counted"
        )


def meeting_minutes(draft: Draft) -> int:
    lengths = [_minutes(a, b) for _, a, b in draft.sittings]
    return max(set(lengths), key=lambda m: (lengths.count(m), m))


def _entries(draft: Draft, items: list[Node], past: PastEstimates | None) -> None:
    def walk(node: Node, parents: tuple[Node, ...]) -> None:
        if node.children:
            for child in node.children:
                walk(child, parents + (node,))
            return
        role = role_from_title(node.title)
        kind = kind_of(role, role == "none")
        estimate, source = estimate_for(node.title, kind, past)
        draft.entries.append(Entry(node.id, node.title, role, kind, estimate, source, parents))

    for node in items:
        walk(node, ())
    _fit(draft)


def _fit(draft: Draft) -> None:
    """Substantive items share the meetings' time when their estimates would not fit in it."""
    meeting = meeting_minutes(draft)
    capacity = sum(sorted(_open_sittings(draft), reverse=True)[: draft.granted])
    need = {e.id: parse_duration(e.estimate).minutes(meeting, meeting * len(draft.sittings)) for e in draft.entries}
    if sum(need.values()) <= capacity:
        return
    substantive = [e for e in draft.entries if e.kind == "substantive"]
    fixed = sum(need[e.id] for e in draft.entries if e.kind != "substantive")
    if not substantive or capacity - fixed < 30 * len(substantive):
        draft.todos["items"] = (
            f"the estimates need {format_minutes(sum(need.values()))}; {draft.granted} meetings give {format_minutes(capacity)}: "
            "shorten some estimates or grant more meetings"
        )
        return
    share = (capacity - fixed) // len(substantive) // 5 * 5
    why = f"an equal share of the time the meetings give ({format_minutes(sum(need.values()))} of estimates would not fit in {format_minutes(capacity)})"
    draft.entries = [
        Entry(e.id, e.title, e.role, e.kind, rounded(share), why, e.parents) if e.kind == "substantive" else e for e in draft.entries
    ]


def decide(facts: Facts, items: list[Node], past: PastEstimates | None) -> Draft:
    draft = Draft()
    _calendar(draft, facts)
    _granted(draft, facts)
    _entries(draft, items, past)
    return draft
