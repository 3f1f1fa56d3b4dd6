"""The agenda's path through the meeting boundaries: a redundant network that gives CP-SAT a
tight bound when the items follow one order.

With one order, no idle time and every meeting held, each boundary between meetings k-1 and k is
either run through by exactly one item (`crosses`, one "(continued)") or is the exact start of
exactly one item (`starts_at`). Call that item and its kind the boundary's *state*. Going from
one boundary to the next, the state moves forward along the agenda, and what lies between (the
content of one meeting) must fit that meeting. Those moves are the arcs of a layered network,
enumerated here from the estimates, the splits, the minimum parts, the roles and the pins; an
arc is only a necessary condition, the rest of the model checks the minutes.

Every draft is a path through this network, so adding it removes no draft. But its flow
constraints make the linear relaxation a shortest-path problem whose costs are the penalties
(100 per crossing, minus 30 per substantive item starting a meeting), which is where the bound
of the plain model was weak: on 200 items over 60 meetings it stayed near zero.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.model.logic import Lit
from solver.model.variables import Variables
from solver.problem import Task

CROSS, START = "cross", "start"


def applies(v: Variables, total: bool) -> bool:
    rules = v.problem.rules
    return total and rules.hold_meetings_granted and rules.no_idle_time and not v.explain and v.n_meetings > 1


def add_boundary_network(v: Variables, order: tuple[int, ...]) -> int:
    """Add states, arcs and flow conservation; return the number of arcs.

    Arcs are enumerated first and pruned to those on some path from the first item's start to
    the end of the session; states left without such a path are false in every draft."""
    tasks = [v.problem.tasks[i] for i in order]
    n, meetings = len(tasks), v.n_meetings
    fixed = v.sitting_fixed()
    states: list[dict[tuple[int, str], Lit]] = [dict() for _ in range(meetings + 1)]
    states[0][(0, START)] = True
    states[meetings][(n, START)] = True
    for k in range(1, meetings):
        for p, task in enumerate(tasks):
            for kind, literal in ((CROSS, v.crosses(task.index, k)), (START, v.starts_at(task.index, k))):
                if literal is not False:
                    states[k][(p, kind)] = literal
    candidates: list[list[tuple[tuple[int, str], tuple[int, str]]]] = []
    for k in range(meetings):
        cap = _cap(v, k)
        sitting = v.sitting_of(k) if fixed else None
        last_meeting = k == meetings - 1
        layer = []
        for (p, kind) in states[k]:
            for q, next_kind in _moves(tasks, p, kind, cap, sitting, last_meeting, states[k + 1], _placement(v, k, last_meeting)):
                layer.append(((p, kind), (q, next_kind)))
        candidates.append(layer)
    alive = _on_a_path(candidates, meetings, n)
    incoming: list[dict[tuple[int, str], list]] = [dict() for _ in range(meetings + 1)]
    outgoing: list[dict[tuple[int, str], list]] = [dict() for _ in range(meetings + 1)]
    arcs = 0
    for k, layer in enumerate(candidates):
        for source, target in layer:
            if source not in alive[k] or target not in alive[k + 1]:
                continue
            arc = v.model.new_bool_var(f"path[{k},{source[0]},{source[1]}->{target[0]},{target[1]}]")
            outgoing[k].setdefault(source, []).append(arc)
            incoming[k + 1].setdefault(target, []).append(arc)
            arcs += 1
    for k in range(meetings + 1):
        for key, literal in states[k].items():
            if k < meetings:
                v.model.add(cp_model.LinearExpr.sum(outgoing[k].get(key, [])) == literal)
            if k > 0:
                v.model.add(cp_model.LinearExpr.sum(incoming[k].get(key, [])) == literal)
        if 0 < k < meetings:
            live = [lit for key, lit in states[k].items() if key in alive[k]]
            v.model.add(cp_model.LinearExpr.sum([lit for lit in live if lit is not True]) + sum(1 for lit in live if lit is True) == 1)
    return arcs


def _on_a_path(candidates: list, meetings: int, n: int) -> list[set]:
    """The states of each boundary that lie on a path from the start to the end."""
    forward: list[set] = [set() for _ in range(meetings + 1)]
    forward[0].add((0, START))
    for k, layer in enumerate(candidates):
        forward[k + 1].update(target for source, target in layer if source in forward[k])
    backward: list[set] = [set() for _ in range(meetings + 1)]
    backward[meetings].add((n, START))
    for k in range(meetings - 1, -1, -1):
        backward[k].update(source for source, target in candidates[k] if target in backward[k + 1] and source in forward[k])
    return [forward[k] & backward[k] for k in range(meetings + 1)]


def _cap(v: Variables, k: int) -> int:
    cap = v.cap(k)
    return cap if isinstance(cap, int) else v.max_cap


def _allowed(task: Task, sitting) -> bool:
    return sitting is None or task.allowed is None or sitting in task.allowed


def _placement(v: Variables, k: int, last: bool):
    """Whether a task may be taken up in meeting k by the role rules that are switched on."""
    rules = v.problem.rules

    def placed(task: Task) -> bool:
        if task.role == "opening" and rules.opening_in_first_meeting and k > 0:
            return False
        if task.role == "report" and rules.report_in_last_meeting and not last:
            return False
        if task.role == "other-matters" and rules.other_matters_before_report and v.problem.adjacent and not last:
            return False
        return True

    return placed


def _moves(tasks: list[Task], p: int, kind: str, cap: int, sitting, last: bool, following: dict, placed):
    """The states the next boundary can have after state (p, kind): what one meeting can hold.
    Yields (q, kind) pairs; in the last meeting, (n, START) stands for the end of the session."""
    n = len(tasks)
    first = tasks[p]
    if not _allowed(first, sitting) or not placed(first):
        return
    if kind == CROSS and not first.split:
        return
    # the item of the current state runs on through the whole meeting
    if not last and first.split and (p, CROSS) in following:
        yield p, CROSS
    used = first.estimate if kind == START else max(1, first.min_piece)
    fixed_fill = kind == START and not first.substantive
    for q in range(p + 1, n + 1):
        if used > cap:
            return
        if last:
            if q == n:
                yield n, START
            elif not _allowed(tasks[q], sitting) or not placed(tasks[q]):
                return
            else:
                used += tasks[q].estimate
            continue
        if q == n:
            return
        nxt = tasks[q]
        # the next item starts exactly at the next boundary: everything before fills this meeting
        if (q, START) in following and (not fixed_fill or used == cap):
            yield q, START
        if not _allowed(nxt, sitting) or not placed(nxt):
            return
        # the next item starts in this meeting and runs on into the next one
        if nxt.split and (q, CROSS) in following and used + max(1, nxt.min_piece) <= cap:
            yield q, CROSS
        used += nxt.estimate
        fixed_fill = fixed_fill and not nxt.substantive
