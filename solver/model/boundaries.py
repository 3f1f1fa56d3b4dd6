"""The agenda's path through the meeting boundaries: a redundant network that gives CP-SAT a
tight bound when the items follow one order.

With one order, no idle time and every meeting held, each boundary between meetings k-1 and k is
either run through by exactly one item (`crosses`, one "(continued)") or is the exact start of
exactly one item (`starts_at`). Call that item and its kind the boundary's *state*. Going from
one boundary to the next, the state moves forward along the agenda, and what lies between (the
content of one meeting) must fit that meeting. Those moves are the arcs of a layered network,
enumerated here from the estimates, the splits, the minimum parts, the roles and the pins; an
arc is only a necessary condition, the rest of the model checks the minutes.

The network is planned before any variable exists (`plan`), from the items' windows: states on
no path from the first item to the end of the session are impossible, so the windows shrink to
the meetings that some path gives each item, and fewer literals are created. Every draft is a
path through this network, so adding it removes no draft. But its flow
constraints make the linear relaxation a shortest-path problem whose costs are the penalties
(100 per crossing, minus 30 per substantive item starting a meeting), which is where the bound
of the plain model was weak: on 200 items over 60 meetings it stayed near zero.

One more family ties the path to the items: each item is first taken up exactly once, either
exactly at a boundary (its START state) or inside a meeting, which the arc of that meeting then
passes over. Without it CP-SAT found that link itself by growing cliques through the implication
graph, half of its work on 200 items; with it, the penalty stage skips that search
(`solver.solving.solve.configured_solver`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.model.logic import Lit, neg
from solver.model.meetings import Meetings
from solver.model.variables import Impossible, Variables, Windows
from solver.problem.problem import Problem, Task

CROSS, START = "cross", "start"

State = tuple[int, str]  # (position in the agenda order, kind)
Arc = tuple[State, State]


def END(n: int) -> State:  # noqa: N802 - a state, written as the others are
    """The state of a boundary the session has ended by: 'the item after the last starts here'."""
    return (n, START)


@dataclass(frozen=True)
class Network:
    """The arcs of each meeting that lie on a start-to-end path, and the windows they leave."""

    order: tuple[int, ...]
    layers: tuple[tuple[Arc, ...], ...]
    windows: Windows

    def impossible(self) -> Impossible:
        """The (item, meeting) states on no path: the boundaries an item never runs through, and
        those where it never starts exactly. The variables leave them out from the start, so that
        presolve does not spend its passes discovering them."""
        alive = [{target for _, target in layer} for layer in self.layers]
        crossing, starting = set(), set()
        for k in range(1, len(self.layers)):
            for p, i in enumerate(self.order):
                if (p, CROSS) not in alive[k - 1]:
                    crossing.add((i, k))
                if (p, START) not in alive[k - 1]:
                    starting.add((i, k))
        return frozenset(crossing), frozenset(starting)


def applies(problem: Problem, meetings: Meetings, total: bool, explain: bool) -> bool:
    """One order, every meeting held full but the last, and no meeting that events may fill
    entirely (a boundary no item starts at nor runs through; the fixed layer leaves such sittings
    off the axis). With the meetings granted as a ceiling, a boundary after the last meeting held
    is in the state END: the session has ended."""
    return total and problem.rules.no_idle_time and not explain and meetings.n_meetings > 1 and meetings.min_cap > 0


def plan(problem: Problem, order: tuple[int, ...], meetings: Meetings, windows: Windows) -> Network:
    """Enumerate the moves between boundary states the windows allow, keep those on a path, and
    shrink each item's window to the meetings where some path starts and ends it."""
    tasks = [problem.tasks[i] for i in order]
    n, count = len(tasks), meetings.n_meetings
    ceiling = not meetings.hold_all
    possible: list[set[State]] = [set() for _ in range(count + 1)]
    possible[0].add((0, START))
    possible[count].add(END(n))
    # the session cannot end before every item's earliest end
    done = max((windows.earliest_start[t.index] + t.estimate for t in tasks), default=0)
    for k in range(1, count):
        if ceiling and done <= meetings.axis_max(k):
            possible[k].add(END(n))  # the session ended in an earlier meeting

        w_lo, w_hi = meetings.axis_min(k), meetings.axis_max(k)
        for p, task in enumerate(tasks):
            earliest, latest = windows.earliest_start[task.index], windows.latest_end[task.index]
            if task.split and earliest < w_hi and latest > w_lo:
                possible[k].add((p, CROSS))
            if earliest <= w_hi and latest - task.estimate >= w_lo:
                possible[k].add((p, START))
    fixed = meetings.sitting_fixed()
    candidates: list[list[Arc]] = []
    for k in range(count):
        cap = meetings.cap_bounds(k)  # a meeting that may run into its extension holds between the two
        sitting = meetings.sitting_of(k) if fixed else None
        final = k == count - 1
        layer = []
        for state in sorted(possible[k]):
            if state == END(n):
                layer.append((state, END(n)))  # a meeting not held
                continue
            if not final:
                # the session goes on after this meeting
                for target in _moves(tasks, *state, cap, sitting, False, possible[k + 1], _placement(problem, k, False)):
                    layer.append((state, target))
            if final or ceiling:
                # the last meeting held: everything left is taken up in it
                for target in _moves(tasks, *state, cap, sitting, True, {END(n)}, _placement(problem, k, True)):
                    layer.append((state, target))
        candidates.append(layer)
    layers = _on_a_path(candidates, count, n)
    return Network(order, layers, _narrowed(problem, order, meetings, windows, layers))


def _narrowed(problem: Problem, order: tuple[int, ...], meetings: Meetings, windows: Windows, layers) -> Windows:
    """Item p starts in meeting k when an arc of meeting k leaves (p, START), passes over p, or
    enters (p, CROSS); it ends in meeting k when the arc passes over it or enters the state after it."""
    n = len(order)
    first = [meetings.n_meetings] * n
    last_end = [-1] * n
    for k, layer in enumerate(layers):
        for (p, kind), (q, next_kind) in layer:
            for j in range(p if kind == START else p + 1, min(n, q + 1 if next_kind == CROSS else q)):
                first[j] = min(first[j], k)
            for j in range(p, min(n, q)):
                last_end[j] = max(last_end[j], k)
    earliest, latest = list(windows.earliest_start), list(windows.latest_end)
    for p, i in enumerate(order):
        if last_end[p] < 0:
            continue  # on no path: the model is infeasible, and says so through the flow
        earliest[i] = max(earliest[i], meetings.axis_min(first[p]))
        latest[i] = max(earliest[i], min(latest[i], meetings.axis_max(last_end[p] + 1)))
    return Windows(tuple(earliest), tuple(latest))


@dataclass(frozen=True)
class Cheapest:
    """The cheapest path through the network when each crossing costs `crossing` and each
    substantive item taken up inside a meeting (not at its beginning) costs `late`. Every draft
    is a path and the other soft rules only add to its penalty, so no draft's penalty is lower
    than `floor`. CP-SAT's linear relaxation leaves the arcs out (at its default level it keeps a
    literal only where a linear constraint uses it), so when presolve's bound falls short it may
    search for seconds for a proof this shortest path gives at once. `hint` sets the path's
    states (proto variable index, value) as a first guess; where that guess completes to a draft,
    the draft meets the floor and is optimal."""

    floor: int
    hint: tuple[tuple[int, int], ...]


def add_boundary_network(v: Variables, network: Network, crossing: int = 0, late: int = 0, used: int = 0) -> Cheapest:
    """Add the states, the planned arcs between them, flow conservation and where each item is
    first taken up; return the cheapest path. A state whose literal exists but lies on no path
    is false in every draft."""
    tasks = [v.problem.tasks[i] for i in network.order]
    n, meetings = len(tasks), v.n_meetings
    states: list[dict[State, Lit]] = [dict() for _ in range(meetings + 1)]
    states[0][(0, START)] = True
    states[meetings][END(n)] = True
    for k in range(1, meetings):
        if not v.hold_all:
            states[k][END(n)] = neg(v.active[k])  # the session ended before meeting k
        for p, task in enumerate(tasks):
            for kind, literal in ((CROSS, v.crosses(task.index, k)), (START, v.starts_at(task.index, k))):
                if literal is not False:
                    states[k][(p, kind)] = literal
    candidates = [[arc for arc in layer if arc[0] in states[k] and arc[1] in states[k + 1]] for k, layer in enumerate(network.layers)]
    layers = _on_a_path(candidates, meetings, n)
    alive = [{source for source, _ in layers[0]}] + [{target for _, target in layer} for layer in layers]
    incoming: list[dict[State, list[Lit]]] = [dict() for _ in range(meetings + 1)]
    outgoing: list[dict[State, list[Lit]]] = [dict() for _ in range(meetings + 1)]
    # where item p is first taken up: exactly at a boundary (its START state), or inside a meeting,
    # which the arc of that meeting then passes over
    first_taken_up: list[list[Lit]] = [[] for _ in range(n)]
    for k, layer in enumerate(layers):
        leaving = Counter(source for source, _ in layer)
        entering = Counter(target for _, target in layer)
        for source, target in layer:
            # the only way out of a state, or in: the arc is taken exactly when that state holds
            if leaving[source] == 1:
                arc = states[k][source]
            elif entering[target] == 1:
                arc = states[k + 1][target]
            else:
                arc = v.model.new_bool_var(f"path[{k},{source[0]},{source[1]}->{target[0]},{target[1]}]")
            outgoing[k].setdefault(source, []).append(arc)
            incoming[k + 1].setdefault(target, []).append(arc)
            for p in _started_inside(source, target, n):
                first_taken_up[p].append(arc)
    for k in range(meetings + 1):
        for key, literal in states[k].items():
            if k < meetings:
                _flow(v.model, outgoing[k].get(key, []), literal)
            if k > 0:
                _flow(v.model, incoming[k].get(key, []), literal)
            if key[1] == START and key[0] < n:
                first_taken_up[key[0]].append(literal)
        if 0 < k < meetings:
            _exactly_one(v.model, [lit for key, lit in states[k].items() if key in alive[k]])
    for literals in first_taken_up:
        _exactly_one(v.model, literals)
    path = _cheapest_path(layers, _pricing(tasks, crossing, late, used), meetings, n)
    if path is None:
        return Cheapest(0, ())  # no path: the flow makes the model infeasible, and says so
    hint: dict[int, int] = {}
    for k in range(1, meetings):
        for key, literal in states[k].items():
            if isinstance(literal, bool):
                continue
            value = int(key == path[k][1])
            index = literal.index
            hint.setdefault(index if index >= 0 else -index - 1, value if index >= 0 else 1 - value)
    return Cheapest(path[-1][0], tuple(sorted(hint.items())))


def _pricing(tasks: list[Task], crossing: int, late: int, used: int):
    """The penalty an arc certainly costs: its crossing, the substantive items it takes up
    inside the meeting, and the meeting held."""
    n = len(tasks)
    substantive = [task.substantive for task in tasks]

    def price(source: State, target: State) -> int:
        if source == END(n):
            return 0  # a meeting not held
        inside = sum(1 for p in _started_inside(source, target, n) if substantive[p])
        return late * inside + (crossing if target[1] == CROSS else 0) + used

    return price


def planned_floor(problem: Problem, network: Network, crossing: int = 0, late: int = 0, used: int = 0) -> int:
    """The cheapest path through the planned network, before any variable exists: no draft's
    penalty is lower (the network only gets fewer arcs once the variables are made)."""
    tasks = [problem.tasks[i] for i in network.order]
    path = _cheapest_path(network.layers, _pricing(tasks, crossing, late, used), len(network.layers), len(tasks))
    return path[-1][0] if path is not None else 0


def _cheapest_path(layers, price, meetings: int, n: int) -> list[tuple[int, State]] | None:
    """(cost so far, state) at each boundary along the cheapest path from the first item to the
    end of the session; ties go to the first arc met, so the path is the same on every run."""
    best: list[dict[State, tuple[int, State | None]]] = [dict() for _ in range(meetings + 1)]
    best[0][(0, START)] = (0, None)
    for k, layer in enumerate(layers):
        for source, target in layer:
            if source not in best[k]:
                continue
            cost = best[k][source][0] + price(source, target)
            if target not in best[k + 1] or cost < best[k + 1][target][0]:
                best[k + 1][target] = (cost, source)
    state: State | None = (n, START)
    if state not in best[meetings]:
        return None
    path = []
    for k in range(meetings, -1, -1):
        cost, previous = best[k][state]
        path.append((cost, state))
        state = previous
    return path[::-1]


def _started_inside(source: State, target: State, n: int) -> range:
    """The items a meeting takes up for the first time after its beginning, when the boundary
    before it is in state `source` and the one after it in `target`: those after the source's
    item, up to the target's item if that one runs on into the next meeting."""
    last = target[0] if target[1] == CROSS else target[0] - 1
    return range(source[0] + 1, min(last, n - 1) + 1)


def _exactly_one(model: cp_model.CpModel, literals: list[Lit]) -> None:
    """Exactly one of `literals` holds; constants are folded away."""
    if any(literal is True for literal in literals):
        others = [literal for literal in literals if literal is not True and literal is not False]
        if sum(1 for literal in literals if literal is True) > 1:
            model.add_bool_or([])
        elif others:
            model.add_bool_and([~literal for literal in others])
        return
    model.add_exactly_one([literal for literal in literals if literal is not False])


def _flow(model: cp_model.CpModel, arcs: list[Lit], state: Lit) -> None:
    """One of `arcs` is taken exactly when `state` holds: not the state, or exactly one arc."""
    if len(arcs) == 1 and arcs[0] is state:
        return
    _exactly_one(model, [neg(state), *arcs])


def _on_a_path(candidates: list[list[Arc]], meetings: int, n: int) -> tuple[tuple[Arc, ...], ...]:
    """The arcs of each meeting that lie on a path from the start to the end."""
    forward: list[set] = [set() for _ in range(meetings + 1)]
    forward[0].add((0, START))
    for k, layer in enumerate(candidates):
        forward[k + 1].update(target for source, target in layer if source in forward[k])
    backward: list[set] = [set() for _ in range(meetings + 1)]
    backward[meetings].add((n, START))
    for k in range(meetings - 1, -1, -1):
        backward[k].update(source for source, target in candidates[k] if target in backward[k + 1] and source in forward[k])
    return tuple(
        tuple(arc for arc in layer if arc[0] in backward[k] and arc[1] in backward[k + 1])
        for k, layer in enumerate(candidates)
    )


def _allowed(task: Task, sitting) -> bool:
    return sitting is None or task.allowed is None or sitting in task.allowed


def _placement(problem: Problem, k: int, last: bool):
    """Whether a task may be taken up in meeting k by the role rules that are switched on."""
    rules = problem.rules

    def placed(task: Task) -> bool:
        if task.role == "opening" and rules.opening_in_first_meeting and k > 0:
            return False
        if task.role == "report" and rules.report_in_last_meeting and not last:
            return False
        if task.role == "other-matters" and rules.other_matters_before_report and problem.adjacent and not last:
            return False
        if task.role == "closing" and rules.closure_last and not last:
            return False
        if (task.meeting == "first" and k > 0) or (task.meeting == "last" and not last):
            return False
        return True

    return placed


def _moves(tasks: list[Task], p: int, kind: str, cap: tuple[int, int], sitting, last: bool, following: set[State], placed):
    """The states the next boundary can have after state (p, kind): what one meeting can hold,
    between `cap`'s shortest and longest length. Yields (q, kind) pairs; in the last meeting,
    (n, START) stands for the end of the session."""
    n = len(tasks)
    shortest, cap = cap
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
        if (q, START) in following and (not fixed_fill or shortest <= used <= cap):
            yield q, START
        if not _allowed(nxt, sitting) or not placed(nxt):
            return
        # the next item starts in this meeting and runs on into the next one
        if nxt.split and (q, CROSS) in following and used + max(1, nxt.min_piece) <= cap:
            yield q, CROSS
        used += nxt.estimate
        fixed_fill = fixed_fill and not nxt.substantive
