"""Re-planning against a published schedule: rows agreed by the planner stay, and the objective's
first stages count what moves from the baseline.

'Moved' means an item is taken up in a different set of sittings than in the baseline; the
minutes are the change in the time each item is given."""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.check.diff import minutes, placement
from solver.model.logic import neg
from solver.model.variables import Variables
from solver.problem.problem import Problem
from solver.schedule import Schedule


@dataclass(frozen=True)
class Baseline:
    """What the published schedule says of each item: its open sittings and its minutes."""

    sittings: dict[int, tuple[int, ...]]  # item index -> open sitting indices (empty: a sitting no longer open)
    minutes: dict[int, int]


def baseline_of(schedule: Schedule, problem: Problem, body: str | None = None) -> Baseline:
    """What `schedule` says of `problem`'s items (several bodies: of `body`'s)."""
    slots = {(s.date, s.name): s.index for s in problem.sittings}
    index_of = {t.id: t.index for t in problem.tasks}
    where = placement(schedule, body)
    given = minutes(schedule, body)
    sittings: dict[int, tuple[int, ...]] = {}
    for item, places in where.items():
        if item not in index_of:
            continue
        found = tuple(slots[p] for p in places if p in slots)
        sittings[index_of[item]] = found if len(found) == len(places) else ()
    return Baseline(sittings, {index_of[i]: m for i, m in given.items() if i in index_of})


def add_agreed(v: Variables) -> None:
    """Rows marked agreed: their item is taken up in their sitting."""
    for index, sitting in v.problem.agreed:
        v.forbid(v.guard("agreed", v.problem.tasks[index].id), neg(v.in_sitting(index, sitting)))


def moved_items(v: Variables, baseline: Baseline) -> cp_model.LinearExprT:
    """How many items leave the set of sittings the baseline gave them."""
    moved = []
    for index, sittings in sorted(baseline.sittings.items()):
        if v.problem.tasks[index].carved:
            continue  # an event held in its sitting never moves
        if not sittings:
            moved.append(1)  # one of its sittings is gone: it must move
            continue
        kept = v.model.new_bool_var(f"kept[{v.problem.tasks[index].id}]")
        for sitting in sittings:
            v.forbid(kept, neg(v.in_sitting(index, sitting)))
        crossings = [v.runs_on(index, k) for k in range(1, v.n_meetings)]
        real = [c for c in crossings if not isinstance(c, bool)]
        constant = sum(1 for c in crossings if c is True)
        v.model.add(cp_model.LinearExpr.sum(real) + constant == len(sittings) - 1).only_enforce_if(kept)
        moved.append(1 - kept)
    return cp_model.LinearExpr.sum(moved) if moved else cp_model.LinearExpr.constant(0)


def minutes_changed(v: Variables, baseline: Baseline) -> cp_model.LinearExprT:
    """Sum over items of |time given now - time given in the baseline|."""
    gaps = []
    for index, given in sorted(baseline.minutes.items()):
        if v.problem.tasks[index].carved:
            continue  # an event keeps its duration
        gap = v.model.new_int_var(0, v.horizon, f"minutes_changed[{v.problem.tasks[index].id}]")
        v.model.add_abs_equality(gap, v.duration[index] - given)
        gaps.append(gap)
    return cp_model.LinearExpr.sum(gaps) if gaps else cp_model.LinearExpr.constant(0)


def body_moved(model: cp_model.CpModel, placed, problem: Problem, schedule: Schedule, rooms: tuple[str, ...]) -> cp_model.LinearExprT:
    """1 when a body no longer meets in exactly the sittings (and the room) it met in in the
    baseline, else 0: several bodies re-planned, as few bodies as possible change their week."""
    slots = {(s.date, s.name): s.index for s in problem.sittings}
    mine = [m for m in schedule.meetings if m.body == problem.body.id]
    sittings = sorted({slots.get((m.date, m.sitting), -1) for m in mine})
    if not mine or -1 in sittings:
        return cp_model.LinearExpr.constant(1 if mine else 0)  # a sitting it met in is no longer open: it moves
    kept = model.new_bool_var(f"{problem.body.id}:body_kept")
    meetings = placed.meetings
    held = []
    for k in range(meetings.n_meetings):
        active = meetings.active[k]
        if active is False:
            continue
        held.append(1 if active is True else active)
        enforce = [kept] if active is True else [kept, active]
        model.add_linear_expression_in_domain(meetings.sitting_of(k), cp_model.Domain.from_values(sittings)).only_enforce_if(enforce)
    model.add(cp_model.LinearExpr.sum(held) == len(sittings)).only_enforce_if(kept)
    used = {m.room for m in mine}
    if isinstance(placed.room, cp_model.IntVar) and len(used) == 1 and next(iter(used)) in rooms:
        model.add(placed.room == rooms.index(next(iter(used)))).only_enforce_if(kept)
    return 1 - kept
