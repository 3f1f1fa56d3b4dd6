"""Solve a session of several bodies: each body's model on its own axis, placed in rooms and
sittings together (`solver.model.placement`), through the same lexicographic stages as one body,
each body keeping its own penalty and shares at every stage."""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from solver.check.validate_session import validate_session
from solver.errors import DoesNotFit
from solver.model import timing
from solver.model.extract import extract_session
from solver.model.placement import build_session
from solver.problem.capacity import check_session, session_arithmetic
from solver.problem.session import Session
from solver.schedule import Schedule
from solver.solving.solve import ProgressHook, SolveSettings, Stage, not_found, record_of, run_stages


def solve_session(session: Session, settings: SolveSettings | None = None, progress: ProgressHook | None = None) -> Schedule:
    """The best draft for a session of several bodies: each body's annex and where it meets."""
    settings = settings or SolveSettings()
    started = time.monotonic()
    check_session(session)
    built = build_session(session)
    model = built.model
    bodies = [p.body for p in built.placed.values()]
    stages = [Stage("penalties", lambda: tuple(b.penalty() for b in bodies), 1, keep_each=True, light=True, floor=sum(b.floor for b in bodies))]
    shared = [
        b.variables for b in bodies
        if b.variables.problem.rules.no_idle_time and sum(t.substantive for t in b.variables.problem.tasks) > 1
    ]
    if shared:
        stages.append(Stage("meeting shares", lambda: tuple(timing.meeting_share_deviation(v) for v in shared), 1, keep_each=True))
    stages.append(Stage("bodies early", lambda: (built.first_sittings(),), 1))
    stages.append(Stage("latest meetings", lambda: tuple(timing.start_meetings(b.variables) for b in bodies), -1, fixes_structure=True))
    stages.append(Stage("latest", lambda: tuple(x for b in bodies for x in b.variables.start), -1))
    outcome = run_stages(
        model,
        stages,
        built.structure(),
        [x for b in bodies for x in (*b.variables.start, *b.variables.end)],
        settings,
        progress,
        lambda status: _session_failed(session, settings, status),
        tuple(guess for b in bodies for guess in b.hint),
        started,
    )
    schedule = extract_session(outcome.solver, built)
    report = validate_session(session, schedule)
    if not report.ok:
        raise RuntimeError(f"the solver's draft breaks {report.violations[0]}; this is a bug in orgwork")
    schedule.penalties = list(report.penalties)
    schedule.solver = record_of(settings, outcome, report.objective)
    return schedule


def _session_failed(session: Session, settings: SolveSettings, status: int) -> None:
    if status == cp_model.INFEASIBLE:
        raise DoesNotFit("no organization of work satisfies all the rules for all the bodies", (session_arithmetic(session),))
    not_found(settings, status)
