"""Why several bodies cannot all be planned: a body that cannot fit on its own is explained as one
body (`solver.explain.explain`); otherwise the shared facts (blocks, rooms, interpreters, dates) are, with
ways out checked on the whole session."""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from solver.input import edits
from solver.problem.capacity import arithmetic, check_fit, session_arithmetic
from solver.errors import DoesNotFit
from solver.explain import ties
from solver.explain.explain import Budget, Conflict, Explanation, WayOut, building_takes, explain
from solver.model.build import build
from solver.problem.problem import Problem
from solver.rules import RULES
from solver.problem.session import Session
from solver.solving import stopping


def explain_session(session: Session, error: DoesNotFit, seconds: float = 20.0) -> Explanation:
    """Several bodies: a body that cannot fit on its own is explained as one body; otherwise the
    shared facts (blocks, rooms, interpreters, dates) are, with ways out checked on the session."""
    started = time.monotonic()
    budget = Budget(seconds / 3)
    for problem in session.bodies:
        alone = _failure_alone(problem, budget.left(2.0))
        if alone is not None:
            summary = alone.summary if alone.summary.startswith(problem.body.name) else f"{problem.body.name}: {alone.summary}"
            return explain(problem, DoesNotFit(summary, alone.reasons, alone.rules), max(0.0, seconds - (time.monotonic() - started)))
    conflicts = tuple(Conflict(rule, "session", RULES[rule].description) for rule in error.rules if rule in RULES)
    searched = True
    if not conflicts:  # found by the search, not the arithmetic: the guarded session says which rules
        left = seconds / 3 - (time.monotonic() - started)
        searched = sum(building_takes(p) for p in session.bodies) <= left  # else building alone would take the time
        if searched:
            conflicts = ties.session_conflict(session, Budget(left))
    ways_out, complete, tried = _session_ways_out(session, conflicts, max(0.0, seconds - (time.monotonic() - started)))
    return Explanation(str(error.summary), session_arithmetic(session), "", conflicts, tuple(ways_out), complete and searched, searched, tried=tried)


def _failure_alone(problem: Problem, seconds: float) -> DoesNotFit | None:
    """Why one body cannot be planned even on its own, or None if it can."""
    try:
        check_fit(problem)
    except DoesNotFit as error:
        return error
    solver = stopping.new_solver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = seconds
    if stopping.run(solver, build(problem).model) != cp_model.INFEASIBLE:
        return None  # feasible, or undecided in the time given: not this body's own fault
    return DoesNotFit("no organization of its work satisfies all its rules", (arithmetic(problem),))


def _session_ways_out(session: Session, conflicts: tuple[Conflict, ...], seconds: float) -> tuple[list[WayOut], bool, str]:
    """The session-level changes that fit, each checked by solving the whole session, the ties of
    the conflict dropped first; whether every one was tried and decided; and the kinds tried, as
    the message that none helps lists them."""
    budget = Budget(seconds)
    candidates: list[tuple[str, str, list[edits.Edit]]] = []  # (kind, text, changes)
    for problem in session.bodies:
        body = problem.body
        if problem.granted > 1 and body.rules.hold_meetings_granted:  # a ceiling lower helps no one
            candidates.append(("a meeting fewer for a body", f"grant {body.name} one meeting fewer ({problem.granted - 1})", [edits.grant_meetings(problem.granted - 1, body.id)]))
        source = next(b for b in session.instance.body_list() if b.id == body.id)
        if source.earliest or source.latest:
            candidates.append(("any day of the session for a body", f"let {body.name} meet on any day of the session", [edits.set_body(body.id, "earliest", None), edits.set_body(body.id, "latest", None)]))
        if source.rooms and session.rooms:
            candidates.append(("any room for a body", f"let {body.name} meet in any room", [edits.set_body(body.id, "rooms", None)]))
    if session.per_sitting:
        candidates.append(("more meetings with interpretation", f"serve {session.per_sitting + 1} meetings with interpretation per sitting", [edits.set_interpretation("per_sitting", session.per_sitting + 1)]))
    if session.per_day:
        candidates.append(("more meetings with interpretation", f"serve {session.per_day + 1} meetings with interpretation per day", [edits.set_interpretation("per_day", session.per_day + 1)]))
    for block in session.blocks:
        name = block.name or ", ".join(block.bodies)
        candidates.append(("a block's bodies meeting apart", f"let the bodies of block {name} meet apart", [edits.drop_block(name)]))
    named = {(c.rule, c.subject) for c in conflicts}
    dropped = [("a tie between bodies dropped", text, changes, (rule, f"{body}: {subject}") in named) for (body, rule, subject), text, changes in ties.tie_changes(session)]
    candidates = [(kind, text, changes) for kind, text, changes, _ in sorted(dropped, key=lambda d: not d[3])] + candidates
    found = []
    decided = True
    tried: list[str] = []
    for kind, text, changes in candidates:
        if len(found) >= 6:
            break
        if budget.over():
            decided = False
            break
        candidate = edits.apply(session.instance, *changes)
        fits = budget.fits(candidate)
        decided = decided and fits is not None
        tried += [kind] if kind not in tried else []
        if fits:
            found.append(WayOut(text, candidate))
    return found, decided, ", ".join(tried)
