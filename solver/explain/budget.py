"""One time budget shared by every solve an explanation makes."""

from __future__ import annotations

import time

from solver.input.instance import Instance
from solver.solving import stopping
from solver.solving.feasibility import feasible


class Budget:
    """One time budget shared by every solve an explanation makes, so that a hard instance
    gets a shorter explanation rather than a long wait. `within` a larger budget, it ends no
    later than that one. `reserve` is what a solve costs beyond its time limit (reading the
    changed file, building the model): kept back, so that the last solve ends in time too."""

    def __init__(self, seconds: float, within: Budget | None = None) -> None:
        self.end = time.monotonic() + max(0.0, seconds)
        self.reserve = 0.0
        if within is not None:
            self.end = min(self.end, within.end)
            self.reserve = within.reserve

    def left(self, at_most: float) -> float:
        return max(0.01, min(at_most, self.end - self.reserve - time.monotonic()))

    def remaining(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def over(self) -> bool:
        return time.monotonic() + self.reserve >= self.end or stopping.requested()

    def fits(self, instance: Instance, at_most: float = 5.0) -> bool | None:
        """`feasible` within the budget, learning what a solve costs beyond its limit (from a
        solve that used all of it: one decided sooner says nothing of the cost of building)."""
        limit = self.left(at_most)
        started = time.monotonic()
        verdict = feasible(instance, limit)
        if verdict is None:
            self.reserve = max(self.reserve, time.monotonic() - started - limit)
        return verdict
