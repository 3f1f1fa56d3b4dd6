"""Estimates from past sessions: the time each item was actually given, per role and kind and
per title, with how many items and sessions each figure rests on.

An item's time is the sum of its pieces in a session (all its parts, its continuations); the
estimate is the median over the items seen, rounded to 5 minutes. The spreads, for `orgwork
risk`, are how far the time of an item seen in several sessions strays from its own median, per
role and kind (`solver.plans.risk.durations.learned_spreads`). Events are not agenda items,
and items taken up together with another have no time of their own: neither is counted.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from solver.input.agenda_import.estimates import KINDS, PastEstimates, Seen, SeenTitle, kind_of, rounded, title_key
from solver.plans.risk.durations import learned_spreads
from solver.schedule import Schedule


@dataclass(frozen=True)
class Given:
    """The time one item was given in one session."""

    title: str
    kind: str  # a role, 'substantive' or 'procedural'
    minutes: int


def given(schedule: Schedule) -> list[Given]:
    """Each agenda item of a past schedule with the time it was given, in agenda order."""
    totals: dict[str, list] = {}
    for record in schedule.items:
        if record.role == "event" or record.with_item is not None:
            continue
        key = (record.body or "", record.item or record.id)
        if key not in totals:
            totals[key] = [record.title, kind_of(record.role, record.kind == "substantive"), 0]
        totals[key][2] += record.allotted_minutes
    return [Given(title, kind, minutes) for title, kind, minutes in totals.values() if minutes > 0]


def _seen(values: list[tuple[int, int]]) -> dict:
    """(session, minutes) pairs as a median estimate, items and sessions."""
    return {
        "estimate": rounded(statistics.median(minutes for _, minutes in values)),
        "items": len(values),
        "sessions": len({session for session, _ in values}),
    }


def learn(sessions: list[list[Given]]) -> PastEstimates:
    """The estimates the past sessions show, per role or kind and per title seen."""
    by_kind: dict[str, list[tuple[int, int]]] = {}
    by_title: dict[str, list[tuple[int, int]]] = {}
    printed: dict[str, str] = {}
    for number, items in enumerate(sessions):
        for item in items:
            by_kind.setdefault(item.kind, []).append((number, item.minutes))
            key = title_key(item.title)
            by_title.setdefault(key, []).append((number, item.minutes))
            printed[key] = item.title  # the latest session's wording
    roles = {kind: Seen(**_seen(by_kind[kind])) for kind in KINDS if kind in by_kind}
    titles = tuple(SeenTitle(title=printed[key], **_seen(values)) for key, values in by_title.items() if key)
    return PastEstimates(roles=roles, titles=titles, spreads=_spreads(sessions))


def _spreads(sessions: list[list[Given]]) -> dict[str, float]:
    """Per role or kind, how far the times of the titles seen in two sessions or more strayed from
    their own medians."""
    seen: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for number, items in enumerate(sessions):
        for item in items:
            if title_key(item.title):
                seen.setdefault((item.kind, title_key(item.title)), []).append((number, item.minutes))
    pairs: dict[str, list[tuple[float, float]]] = {}
    for (kind, _), values in seen.items():
        if len({session for session, _ in values}) >= 2:
            middle = statistics.median(minutes for _, minutes in values)
            pairs.setdefault(kind, []).extend((middle, minutes) for _, minutes in values)
    return {kind: spread for kind, spread in learned_spreads(pairs).items() if kind in KINDS}
