"""How far each item can lie on the meeting axis, before any search.

Agenda order fixes most of the schedule's shape: an item cannot start before the estimates of
everything that must precede it are spent, nor end later than the time everything after it needs.
These windows shrink the variables' domains so that only a few meetings per item stay open.
"""

from __future__ import annotations

from solver.model.meetings import Meetings
from solver.model.variables import Windows
from solver.problem.problem import Problem


def compute_windows(problem: Problem, order: tuple[int, ...], meetings: Meetings) -> Windows:
    """Earliest start and latest end per item on the body's meeting axis."""
    n = len(problem.tasks)
    n_meetings = meetings.n_meetings
    horizon = meetings.horizon
    earliest = [0] * n
    latest = [horizon] * n
    for task in problem.tasks:
        if task.carved and task.pinned and set(task.pinned) <= set(meetings.dropped):
            # an event filling a sitting left off the axis is the point where that sitting lies
            earliest[task.index] = latest[task.index] = meetings.dropped_position(min(task.pinned))
            continue
        if task.allowed:
            # the meetings that may be held in one of the item's sittings
            able = [k for k in range(n_meetings) if task.allowed.intersection(meetings.possible_sittings(k))] or [0]
            first_meeting, last_meeting = able[0], able[-1]
            earliest[task.index] = meetings.axis_min(first_meeting)
            latest[task.index] = max(earliest[task.index], meetings.axis_max(last_meeting + 1))
    predecessors: list[list[int]] = [[] for _ in range(n)]
    successors: list[list[int]] = [[] for _ in range(n)]
    for p in problem.precedences:
        predecessors[p.after].append(p.before)
        successors[p.before].append(p.after)
    estimate = [problem.axis_length(t) for t in problem.tasks]
    for i in order:
        for p in predecessors[i]:
            earliest[i] = max(earliest[i], earliest[p] + estimate[p])
    for i in reversed(order):
        for s in successors[i]:
            latest[i] = min(latest[i], latest[s] - estimate[s])
    return Windows(tuple(earliest), tuple(latest))


def chain_windows(problem: Problem, chain: tuple[int, ...], windows: Windows, ends_after: int) -> Windows:
    """With one order and no idle time, item j starts where item j-1 ends, the first at 0 and the
    last after `ends_after`: bounds travel along the chain both ways, procedural items (whose
    length is fixed) carrying latest starts forward and earliest starts back. This is the fixed
    point CP-SAT's presolve would otherwise reach one item per pass."""
    tasks = problem.tasks
    n = len(chain)
    shortest = [tasks[i].estimate for i in chain]
    longest = [tasks[i].estimate if not tasks[i].substantive else None for i in chain]
    # lo[j], hi[j]: bounds of the boundary where item j starts (j = n: where the last one ends)
    lo = [windows.earliest_start[i] for i in chain] + [0]
    hi = [windows.latest_end[i] - tasks[i].estimate for i in chain] + [windows.latest_end[chain[-1]]]
    lo[0] = hi[0] = 0
    lo[n] = max(lo[n], ends_after)
    for j in range(n):
        lo[j + 1] = max(lo[j + 1], lo[j] + shortest[j])
        hi[j + 1] = min(hi[j + 1], windows.latest_end[chain[j]])
        if longest[j] is not None:
            hi[j + 1] = min(hi[j + 1], hi[j] + longest[j])
    for j in reversed(range(n)):
        hi[j] = min(hi[j], hi[j + 1] - shortest[j])
        if longest[j] is not None:
            lo[j] = max(lo[j], lo[j + 1] - longest[j])
    earliest, latest = list(windows.earliest_start), list(windows.latest_end)
    for j, i in enumerate(chain):
        earliest[i], latest[i] = lo[j], max(lo[j] + shortest[j], hi[j + 1])
    return Windows(tuple(earliest), tuple(latest))


def open_windows(problem: Problem, horizon: int) -> Windows:
    """No pruning: every item anywhere (used when rules are to be switched off one by one)."""
    n = len(problem.tasks)
    return Windows((0,) * n, (horizon,) * n)
