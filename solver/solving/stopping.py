"""Stopping the search when the planner asks (Ctrl-C), from outside the search.

The command line creates a `Stopper` and makes it the current one while it works; every CP-SAT
search the library runs goes through `run`, which registers its solver with the current stopper
for the length of the search. The current stopper is the thread's own (a context variable): the
web page solves in a thread of its own per draft, and stopping one draft stops no other search. A request (from a thread that watches for the signal, so that it
arrives while CP-SAT holds the main thread) stops every registered search as if its time were
up; the stages after it are skipped and the draft found so far is kept. Without a stopper,
`run` is a plain `solver.solve`.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command line makes a stopper before it knows whether it will solve
    from ortools.sat.python import cp_model


class Stopper:
    """A request to stop, and the searches it stops."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._solvers: list[cp_model.CpSolver] = []
        self.requested = False

    def request(self) -> None:
        with self._lock:
            self.requested = True
            for solver in self._solvers:
                solver.stop_search()

    @contextmanager
    def _running(self, solver: cp_model.CpSolver) -> Iterator[None]:
        with self._lock:
            self._solvers.append(solver)
        try:
            yield
        finally:
            with self._lock:
                self._solvers.remove(solver)


# the stopper made current in this thread, if any (a new thread starts without one)
_current: contextvars.ContextVar[Stopper | None] = contextvars.ContextVar("orgwork_stopper", default=None)


@contextmanager
def current(stopper: Stopper) -> Iterator[Stopper]:
    """Make `stopper` the one every search of this thread registers with while the block runs."""
    token = _current.set(stopper)
    try:
        yield stopper
    finally:
        _current.reset(token)


def requested() -> bool:
    """Whether the planner asked to stop."""
    stopper = _current.get()
    return stopper is not None and stopper.requested


def new_solver() -> cp_model.CpSolver:
    """A CP-SAT solver that leaves Ctrl-C to the stopper: CP-SAT's own handler would end the
    search silently, as if its time were up, and the draft could not say it was interrupted."""
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    solver.parameters.catch_sigint_signal = False
    return solver


def run(solver: cp_model.CpSolver, model: cp_model.CpModel, callback: cp_model.CpSolverSolutionCallback | None = None) -> int:
    """`solver.solve(model, callback)`, stoppable by the current stopper."""
    stopper = _current.get()
    if stopper is None:
        return solver.solve(model, callback) if callback is not None else solver.solve(model)
    with stopper._running(solver):
        if stopper.requested:
            from ortools.sat.python import cp_model

            return cp_model.UNKNOWN
        return solver.solve(model, callback) if callback is not None else solver.solve(model)
