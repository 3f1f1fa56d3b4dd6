"""What every way out is made of: a change to try (or a search for the least change of one kind),
what fits, and how simple it is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from solver.errors import OrgworkError
from solver.explain.budget import Budget
from solver.input import edits
from solver.input.instance import Instance

# simplicity, simplest first: facts of the conflict relaxed; a small cut of an estimate; any pin
# dropped; the minimum part lowered or a house rule switched off; more meetings; a cut of more
# than half an estimate; an item taken out of its order; a procedural item taken out of its order
# (only when nothing else would do); a shorter part for an item with its own minimum part.
FACT, CUT, PIN, RULE, MEETINGS, BIG_CUT, ORDER, PROCEDURAL_ORDER, OWN_PIECE = range(9)


@dataclass(frozen=True)
class Found:
    text: str
    instance: Instance
    tier: int
    kind: str  # 'fact', 'pin', 'estimate', 'min-piece', 'rule', 'meetings', 'order'
    moves: bool = False  # its draft breaks an ordering the file asked for (said in its text)


@dataclass
class Trial:
    """A change to try, or a search for the least change of one kind (a cut, a shorter part)."""

    tier: int
    kind: str
    run: Callable[[Budget], tuple[list[Found], bool]]  # what fits, and whether it was decided
    named: bool = False  # the conflict names what it changes: tried first within its tier
    group: str = ""  # alternatives of one change (one more meeting, two more): only the first that fits
    text: str = ""
    changes: tuple[edits.Edit, ...] = ()  # for a plain change: what pairs of changes are made of
    note: str = ""  # what the change lets happen


def applied(instance: Instance, changes) -> Instance | None:
    """The changed instance, or None when the change makes no valid file (a part that must be placed)."""
    try:
        return edits.apply(instance, *changes)
    except (ValueError, OrgworkError):
        return None
