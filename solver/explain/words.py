"""How an explanation names what it speaks of: items and events, pins, avoided sittings."""

from __future__ import annotations

from solver.labels import day_label, sitting_label
from solver.problem.capacity import named
from solver.problem.problem import Problem, Task


def name(problem: Problem, task: Task) -> str:
    """'item 3', 'the event "Opening ceremony"', 'the High-level segment'."""
    return named(problem, [task]) if task.role in ("event", "segment") else f"item {task.id}"


def where(pin) -> str:
    return sitting_label(pin.date, pin.sitting) if pin.sitting else day_label(pin.date)


def slots(slots) -> str:
    """'Tuesday, 5 March, afternoon and Wednesday, 6 March'."""
    labels = [sitting_label(s.date, s.sitting) if s.sitting else day_label(s.date) for s in slots]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + f" and {labels[-1]}"
