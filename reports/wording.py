"""The conventions a draft does not meet, as a planner would write them in a note.

"Few continuations 2" becomes "Items continued in a later meeting: 2 (items 2 and 3)"; each
soft rule has its sentence, saying what is counted, how many, and where. "Meetings used"
(counted only when the meetings granted are a ceiling) is left to the key figures, which give
the meetings held. A rule this module does not know keeps its name and count.
"""

from __future__ import annotations

import re

from solver.labels import item_list
from solver.rules import SOFT, heading
from solver.schedule import Penalty

ITEM = re.compile(r"^item (.+?) (?:on|starts at|gets) ")


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def _items(where: list[str]) -> list[str]:
    """The items named by a convention's places, once each, in order."""
    out: list[str] = []
    for place in where:
        match = ITEM.match(place)
        if match and match.group(1) not in out:
            out.append(match.group(1))
    return out


def sentence(penalty: Penalty) -> str | None:
    """One convention not met, in words; None for one the key figures already give."""
    rule, count, where = penalty.rule, penalty.count, penalty.where
    if rule == "meetings-used":
        return None
    if rule == "few-continuations":
        items = _items(where)
        if not items:
            return f"Items continued in a later meeting: {count}"
        times = f"; {count} continuations in all" if count > len(items) else ""
        return f"Items continued in a later meeting: {len(items)} ({item_list(items)}{times})"
    if rule == "free-sittings-at-end":
        return f"Sittings left free before the last meeting: {count} ({_join(where)})"
    if rule == "substantive-starts-meeting":
        return f"Substantive items not starting a meeting: {count} ({'; '.join(where)})"
    if rule == "time-in-proportion":
        items = _items(where)
        return f"Short items given more than their share of time: {len(items) or count} ({'; '.join(where)})"
    if rule == "preferred-sitting":
        return f"Meetings outside an item's preferred sitting: {count} ({'; '.join(where)})"
    detail = f" ({'; '.join(where)})" if where else ""
    return f"{penalty.name}: {count}{detail}"


def sentences(penalties: list[Penalty]) -> list[str]:
    """The conventions not met, one sentence each, in the order of the rules."""
    return [text for penalty in penalties if penalty.count and (text := sentence(penalty)) is not None]


def figure_label(name: str) -> str:
    """A comparison's row for a soft rule, named by what it counts ('Few continuations' is
    'Continuations'; 'Substantive item starts a meeting', 'Substantive items not starting a
    meeting'); any other row as it is."""
    rule = next((r for r in SOFT if r.name == name), None)
    return heading(rule) if rule else name
