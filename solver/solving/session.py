"""Solve a session of several bodies: each body's model on its own axis, placed in rooms and
sittings together (`solver.model.placement`), through the same lexicographic stages as one body,
each body keeping its own penalty and shares at every stage."""

from __future__ import annotations

import time
from dataclasses import replace

from ortools.sat.python import cp_model

from solver.check.validate_session import validate_session
from solver.errors import DoesNotFit, NotFoundInTime
from solver.model import timing
from solver.model.extract import extract_session, session_sittings
from solver.check.diff import diff
from solver.model.baseline import baseline_of, body_moved, minutes_changed, moved_items
from solver.model.build import build
from solver.model.placement import SessionModel, build_session
from solver.problem.capacity import arithmetic, check_session, session_arithmetic
from solver.problem.session import Session
from solver.schedule import Schedule
from solver.solving.stages import SITTING_HOURS
from solver.solving.shortcuts import kept_to_hours
from solver.solving.solve import TIE_BREAK_TOLERANCE, ProgressHook, SolveSettings, Stage, not_found, record_of, relayed, run_stages


def solve_session(
    session: Session, settings: SolveSettings | None = None, progress: ProgressHook | None = None, baseline: Schedule | None = None
) -> Schedule:
    """The best draft for a session of several bodies: each body's annex and where it meets.
    With a `baseline` (the published schedule), the first stages move as few items, then as few
    minutes, then as few bodies' weeks (sittings or room) from it; the moves are listed per body."""
    settings = settings or SolveSettings()
    started = time.monotonic()
    check_session(session)
    within = _within_normal_hours(session, settings, relayed(progress, settings.time_limit, started), baseline)
    if within is not None:
        return within
    built = build_session(session)
    model = built.model
    bodies = [p.body for p in built.placed.values()]
    floor, guess = _alone(session, built, settings, started)
    stages = []
    extended = [minutes for b in bodies if (minutes := b.extended_minutes()) is not None]
    if extended:
        # each body's sittings are extended only when no draft of the session keeps to the normal hours
        stages.append(Stage(SITTING_HOURS, lambda: tuple(extended), 1, keep_each=True, light=True, lp_search=False))
    stages += _baseline_stages(session, built, baseline) if baseline is not None else []
    stages.append(
        Stage("penalties", lambda: tuple(b.penalty() for b in bodies), 1, keep_each=True, light=True, floor=floor, counts=lambda: _counts(bodies))
    )
    shared = [
        b.variables for b in bodies
        if b.variables.problem.rules.no_idle_time and sum(t.substantive for t in b.variables.problem.tasks) > 1
    ]
    if any(p.meeting_rooms for p in built.placed.values()):
        stages.append(Stage("room changes", lambda: (built.room_changes(),), 1))
    if shared:
        stages.append(Stage("meeting shares", lambda: tuple(timing.meeting_share_deviation(v) for v in shared), 1, keep_each=True, tolerance=TIE_BREAK_TOLERANCE))
    if len(bodies) > 1 and session.instance.rules.spread_bodies:
        stages.append(Stage("spread", lambda: (built.peak(),), 1))
    preparing = [b.id for b in session.instance.body_list() if b.before]
    if preparing:  # a preparatory body meets just before what it prepares, not at the start of the session
        stages.append(Stage("just before", lambda: tuple(built.placed[b].meetings.sitting_of(0) for b in preparing), -1))
    stages.append(Stage("bodies early", lambda: (built.first_sittings(),), 1, tolerance=TIE_BREAK_TOLERANCE))
    stages.append(Stage("spare at the end", lambda: tuple(timing.spare_at_the_end(b.variables) for b in bodies), -1, fixes_structure=True, tolerance=TIE_BREAK_TOLERANCE))
    stages.append(Stage("latest", lambda: tuple(x for b in bodies for x in b.variables.start), -1))
    outcome = run_stages(
        model,
        stages,
        built.structure(),
        [x for b in bodies for x in (*b.variables.start, *b.variables.end)],
        settings,
        progress,
        lambda status: _session_failed(session, settings, status),
        guess,
        started,
    )
    schedule = extract_session(outcome.solver, built)
    report = validate_session(session, schedule)
    if not report.ok:
        raise RuntimeError(f"the solver's draft breaks {report.violations[0]}; this is a bug in orgwork")
    schedule.penalties = list(report.penalties)
    schedule.solver = record_of(settings, outcome, report.objective)
    if baseline is not None:
        schedule.moves = diff(baseline, schedule)
    return schedule


def _within_normal_hours(session: Session, settings: SolveSettings, progress: ProgressHook | None, baseline: Schedule | None) -> Schedule | None:
    """Where some body's sittings may be extended, the session is first planned within the
    normal hours, in half the time (as one body is: `shortcuts.within_normal_hours`); that draft,
    judged on the real calendar, is the answer when it exists. None: not the answer."""
    if not any(p.extended for p in session.bodies):
        return None
    plain = replace(session, bodies=tuple(p.within_hours() for p in session.bodies))
    try:
        schedule = solve_session(plain, replace(settings, time_limit=settings.time_limit / 2), progress, baseline)
    except (DoesNotFit, NotFoundInTime):
        return None
    report = validate_session(session, schedule)
    if not report.ok:
        raise RuntimeError(f"the solver's draft breaks {report.violations[0]}; this is a bug in orgwork")
    schedule.penalties = list(report.penalties)
    schedule.sittings = session_sittings(session, schedule.meetings)
    assert schedule.solver is not None
    schedule.solver = kept_to_hours(schedule.solver, settings, report.objective)
    return schedule


def _baseline_stages(session: Session, built: SessionModel, baseline: Schedule) -> list[Stage]:
    """Items moved, minutes changed, bodies whose sittings or room changed: summed over bodies."""
    placed = [(built.placed[p.body.id], p) for p in session.bodies]
    published = {p.body.id: baseline_of(baseline, p, p.body.id) for p in session.bodies}
    return [
        Stage("moves", lambda: tuple(moved_items(x.body.variables, published[p.body.id]) for x, p in placed), 1),
        Stage("minutes", lambda: tuple(minutes_changed(x.body.variables, published[p.body.id]) for x, p in placed), 1),
        Stage("bodies moved", lambda: tuple(body_moved(built.model, x, p, baseline, session.rooms) for x, p in placed), 1),
    ]


def _alone(session: Session, built: SessionModel, settings: SolveSettings, started: float) -> tuple[int, tuple[tuple[int, int], ...]]:
    """Each body's best penalty when it meets alone (rooms, interpreters and blocks left out):
    the session can only add to it, so the sum is a floor for the session's penalty, tighter
    than the boundary networks' when a body's draft needs more than its cheapest path (50 bodies
    with meetings granted as a ceiling: the networks give 526,680, the bodies alone 533,920, the
    session's optimum). Each body's draft alone is the session's first guess for that body; where
    the drafts fit together, the session reaches the floor at once and is proven optimal. The
    bodies share a fifth of the time limit; a body not proven in its share keeps its bound."""
    budget = 0.2 * settings.time_limit - (time.monotonic() - started)
    floor = 0
    guess: dict[int, int] = {}
    bodies = list(built.placed.values())
    for number, placed in enumerate(bodies):
        problem = placed.meetings.problem
        alone = build(problem)
        seconds = max(0.01, budget / (len(bodies) - number) if budget > 0 else 0.01)
        began = time.monotonic()
        try:
            outcome = run_stages(
                alone.model,
                [Stage("penalties", lambda a=alone: (a.penalty(),), 1, light=True, floor=alone.floor)],
                [],
                [*alone.variables.start, *alone.variables.end],
                replace(settings, time_limit=seconds),
                None,
                lambda status: _alone_failed(problem, status),
                alone.hint,
                began,
            )
        except _Undecided:
            floor += placed.body.floor  # undecided alone: the network's floor stands
            guess.update(dict(placed.body.hint))
            continue
        finally:
            budget -= time.monotonic() - began
        record = outcome.records[0]
        floor += record.value if record.status == "OPTIMAL" else max(placed.body.floor, outcome.bound)
        ours, theirs = placed.body.variables, alone.variables
        pairs = [*zip(ours.start, theirs.start), *zip(ours.end, theirs.end), *zip(placed.meetings.structure(), alone.variables.meetings.structure())]
        pairs += [(a, b) for a, b in zip(placed.meetings.active, alone.variables.meetings.active) if not isinstance(a, bool)]
        for mine, its in pairs:
            if not isinstance(mine, int):
                guess.setdefault(mine.index, int(outcome.solver.value(its)))
    return floor, tuple(sorted(guess.items()))


class _Undecided(Exception):
    """A body's search alone found no draft in its share of the time."""


def _alone_failed(problem, status: int) -> None:
    if status == cp_model.INFEASIBLE:
        raise DoesNotFit(f"{problem.body.name}: no organization of its work satisfies all its rules", (arithmetic(problem),))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise _Undecided


def _session_failed(session: Session, settings: SolveSettings, status: int) -> None:
    if status == cp_model.INFEASIBLE:
        raise DoesNotFit("no organization of work satisfies all the rules for all the bodies", (session_arithmetic(session),))
    not_found(settings, status)


def _counts(bodies: list) -> dict[str, cp_model.LinearExprT]:
    """Each soft rule's count over all bodies, for the progress line."""
    keys = dict.fromkeys(key for b in bodies for key in b.terms)
    return {key: cp_model.LinearExpr.sum([b.terms[key] for b in bodies if key in b.terms]) for key in keys}
