"""How far each item can lie on the meeting axis, before any search.

Agenda order fixes most of the schedule's shape: an item cannot start before the estimates of
everything that must precede it are spent, nor end later than the time everything after it needs.
These windows shrink the variables' domains so that only a few meetings per item stay open.
"""

from __future__ import annotations

from solver.model.meetings import Meetings
from solver.model.variables import Windows
from solver.problem import Problem


def compute_windows(problem: Problem, order: tuple[int, ...], meetings: Meetings) -> Windows:
    """Earliest start and latest end per item on the body's meeting axis."""
    n = len(problem.tasks)
    n_meetings, first, free = meetings.n_meetings, meetings.first, meetings.free
    horizon = meetings.horizon
    earliest = [0] * n
    latest = [horizon] * n
    for task in problem.tasks:
        if task.allowed:
            # meeting k sits in one of the open sittings first + k ... first + k + free
            first_meeting = min(max(0, min(task.allowed) - first - free), n_meetings - 1)
            last_meeting = max(0, min(max(task.allowed) - first, n_meetings - 1))
            earliest[task.index] = meetings.axis_min(first_meeting)
            latest[task.index] = max(earliest[task.index], meetings.axis_max(last_meeting + 1))
    predecessors: list[list[int]] = [[] for _ in range(n)]
    successors: list[list[int]] = [[] for _ in range(n)]
    for p in problem.precedences:
        predecessors[p.after].append(p.before)
        successors[p.before].append(p.after)
    estimate = [t.estimate for t in problem.tasks]
    for i in order:
        for p in predecessors[i]:
            earliest[i] = max(earliest[i], earliest[p] + estimate[p])
    for i in reversed(order):
        for s in successors[i]:
            latest[i] = min(latest[i], latest[s] - estimate[s])
    return Windows(tuple(earliest), tuple(latest))


def open_windows(problem: Problem, horizon: int) -> Windows:
    """No pruning: every item anywhere (used when rules are to be switched off one by one)."""
    n = len(problem.tasks)
    return Windows((0,) * n, (horizon,) * n)
