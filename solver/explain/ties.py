"""Ties between bodies in an explanation.

When every body fits on its own but the session does not, the session's model is built with its
rules guarded (each body's, and each tie between bodies), and the smallest set that cannot hold
together is named: "Ties between bodies: General Committee meets only after Plenary has taken up
item 4". Each tie may be dropped as a way out, checked on the whole session: "drop the tie of
General Committee to item 4 of Plenary: it may then meet before Plenary has taken that item up".
"""

from __future__ import annotations

from solver.explain.budget import Budget
from solver.explain.core import smallest_core
from solver.explain.explain import Conflict, describe
from solver.input import edits
from solver.input.agenda import Tie
from solver.input.instance import Body
from solver.model.placement import build_session
from solver.problem.session import Session
from solver.rules import RULES

Key = tuple[str, str, str]  # (body, rule, subject)


def session_conflict(session: Session, budget: Budget) -> tuple[Conflict, ...]:
    """The smallest set of the session's guarded rules (each body's, and the ties) that cannot
    hold together, in words; () when the guarded model is feasible or the time ran out first."""
    built = build_session(session, explain=True)
    guards = {(body_id, rule, subject): literal for body_id, placed in built.placed.items() for (rule, subject), literal in placed.body.variables.guards.items()}
    core = smallest_core(built.model, guards, budget) or ()
    order = list(RULES)
    return tuple(_said(session, key) for key in sorted(core, key=lambda k: (order.index(k[1]) if k[1] in order else len(order), k)))


def _said(session: Session, key: Key) -> Conflict:
    body_id, rule, subject = key
    problem = session.body(body_id)
    if rule == "ties":
        return Conflict(rule, f"{body_id}: {subject}", tie_text(session, body_id, subject))
    inner = describe(problem, rule, subject)
    return Conflict(rule, f"{body_id}: {subject}", f"{problem.body.name}: {inner.text}")


def _source(session: Session, body_id: str) -> Body:
    return next(b for b in session.instance.body_list() if b.id == body_id)


def _name(session: Session, body_id: str) -> str:
    return session.body(body_id).body.name


def _awaited(ties: list[Tie], done: bool) -> str:
    """What a body waits for (`done`: 'has taken up item 4', 'has met') or comes before
    ('takes up items 2 and 4', 'meets')."""
    items = [t.item for t in ties if t.item is not None]
    if len(items) < len(ties) or not items:
        return "has met" if done else "meets"
    listed = f"item {items[0]}" if len(items) == 1 else f"items {', '.join(items[:-1])} and {items[-1]}"
    return f"{'has taken up' if done else 'takes up'} {listed}"


def tie_text(session: Session, body_id: str, subject: str) -> str:
    """The tie a guard switches off, in words: its subject is '<body> after <other>', '<body>
    before <other>' (every tie of the body to that other body) or an item's id (its `follows`)."""
    source = _source(session, body_id)
    name = _name(session, body_id)
    for key in ("after", "before"):
        lead = f"{body_id} {key} "
        if subject.startswith(lead):
            other = subject[len(lead):]
            ties = [t for t in getattr(source, key) if t.body == other]
            if key == "after":
                return f"{name} meets only after {_name(session, other)} {_awaited(ties, True)}"
            return f"{name} meets before {_name(session, other)} {_awaited(ties, False)}"
    item = next(i for i in source.items if i.id == subject)
    waits = " and ".join(f"{_name(session, t.body)} {_awaited([t], True)}" for t in item.follows)
    return f"{name} takes up item {subject} only after {waits}"


def tie_changes(session: Session) -> list[tuple[Key, str, list[edits.Edit]]]:
    """Every tie dropped on its own: (the guard it switches off, what the way out says, the change)."""
    out: list[tuple[Key, str, list[edits.Edit]]] = []
    for source in session.instance.body_list():
        name = _name(session, source.id)
        for key in ("after", "before"):
            ties = list(getattr(source, key))
            for tie in ties:
                other = _name(session, tie.body)
                kept = [t.model_dump(exclude_none=True) for t in ties if t != tie]
                target = f"item {tie.item} of {other}" if tie.item else f"the meetings of {other}"
                lets = (f"before {other} has taken that item up" if tie.item else f"before {other} has met") if key == "after" else (
                    f"after {other} has taken that item up" if tie.item else f"once {other} has begun")
                out.append(((source.id, "ties", f"{source.id} {key} {tie.body}"), f"drop the tie of {name} to {target}: it may then meet {lets}",
                            [edits.set_body(source.id, key, kept or None)]))
        for item in source.items:
            for tie in item.follows:
                other = _name(session, tie.body)
                kept = [t.model_dump(exclude_none=True) for t in item.follows if t != tie]
                target = f"item {tie.item} of {other}" if tie.item else f"the meetings of {other}"
                change = edits.set_item(item.id, "follows", kept, source.id) if kept else edits.drop_key(item.id, "follows", source.id)
                out.append(((source.id, "ties", item.id), f"drop the tie of item {item.id} of {name} to {target}: {name} may then take it up first",
                            [change]))
    return out
