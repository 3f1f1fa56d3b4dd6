"""The smallest set of guarded rules that cannot hold together.

A model built to be explained carries one assumption literal per rule and subject (`guard`).
Solved with every guard assumed, CP-SAT returns a core of them when the model is infeasible;
deletion then shrinks the core until removing any element makes the rest feasible.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TypeVar

from ortools.sat.python import cp_model

from solver.explain.budget import Budget
from solver.solving import stopping

Key = TypeVar("Key", bound=Hashable)


def smallest_core(model: cp_model.CpModel, guards: dict[Key, cp_model.IntVar], budget: Budget) -> tuple[Key, ...] | None:
    """The guards (their keys) that cannot hold together, shrunk until removing any one makes the
    rest feasible (or the time runs out: then a conflict, not always a minimal one); None if the
    model is feasible with every guard (the conflict lies in facts no rule switches off)."""
    keys = sorted(guards)  # type: ignore[type-var]
    index_of = {guards[k].index: k for k in keys}

    def infeasible(subset: list[Key]) -> tuple[bool, list[Key]]:
        model.clear_assumptions()
        model.add_assumptions([guards[k] for k in subset])
        solver = stopping.new_solver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = budget.left(2.0)
        if stopping.run(solver, model) != cp_model.INFEASIBLE:
            return False, []
        core = [index_of[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in index_of]
        return True, sorted(core) or subset  # type: ignore[type-var]

    found, core = infeasible(keys)
    if not found:
        return None
    smallest = list(core)
    for key in list(smallest):
        if budget.over():
            break
        trial = [k for k in smallest if k != key]
        still, smaller = infeasible(trial)
        if still:
            smallest = [k for k in smaller if k in trial] or trial
    return tuple(smallest)
