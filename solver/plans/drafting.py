"""One entry point for a draft, whatever the file holds: one body or several, a re-plan against a
baseline, or a partial plan; and the matching explanation when it does not fit."""

from __future__ import annotations

import datetime as dt

from solver.errors import DoesNotFit, InputError
from solver.explain.explain import Explanation, explain
from solver.explain.explain_session import explain_session
from solver.input.instance import Instance
from solver.plans.partial import plan_partially, plan_session_partially
from solver.problem.problem import interpret
from solver.schedule import Schedule
from solver.problem.session import interpret_session
from solver.solving.session import solve_session
from solver.solving.solve import ProgressHook, SolveSettings, solve

Agreed = frozenset[tuple[str, dt.date, str]]


def draft(
    instance: Instance,
    settings: SolveSettings | None = None,
    progress: ProgressHook | None = None,
    baseline: Schedule | None = None,
    agreed: Agreed = frozenset(),
    partial: bool = False,
) -> Schedule:
    """The draft for `instance`; `DoesNotFit` when there is none (see `explanation`)."""
    if instance.several:
        if partial and baseline is not None:
            raise InputError("--partial and --baseline do not combine yet; re-plan the full session or plan it partially")
        if partial:
            return plan_session_partially(instance, settings, progress)
        try:
            session = interpret_session(instance, agreed=agreed)
        except ValueError as error:
            raise InputError(str(error)) from None
        return solve_session(session, settings, progress, baseline=baseline)
    if partial and baseline is not None:
        raise InputError("--partial and --baseline do not combine yet; re-plan the full agenda or plan it partially")
    try:
        problem = interpret(instance, agreed=agreed)
    except ValueError as error:
        raise InputError(str(error)) from None
    if partial:
        return plan_partially(problem, settings, progress)
    return solve(problem, settings, progress, baseline=baseline)


def explanation(instance: Instance, error: DoesNotFit, agreed: Agreed = frozenset(), seconds: float = 20.0) -> Explanation:
    """Why `instance` has no draft: arithmetic, conflicting rules, checked ways out, within
    `seconds` (what is left of a command's time limit; the arithmetic is always given)."""
    if instance.several:
        return explain_session(interpret_session(instance, agreed=agreed), error, seconds)
    return explain(interpret(instance, agreed=agreed), error, seconds)
