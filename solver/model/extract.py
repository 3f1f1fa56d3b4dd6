"""Read a solved model back into the canonical `Schedule`."""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.model.variables import Variables
from solver.problem import Problem
from solver.schedule import ItemRecord, Meeting, Piece, Schedule


def _value(solver: cp_model.CpSolver, expr) -> int:
    return expr if isinstance(expr, int) else int(solver.value(expr))


def extract(solver: cp_model.CpSolver, v: Variables, problem: Problem) -> Schedule:
    held = [k for k in range(v.n_meetings) if v.active[k] is True or (v.active[k] is not False and solver.boolean_value(v.active[k]))]
    sittings = [problem.sittings[_value(solver, v.sitting_of(k))] for k in held]
    boundaries = [0]
    for sitting in sittings:
        boundaries.append(boundaries[-1] + sitting.minutes)
    meetings = [
        Meeting(number=n + 1, date=s.date, sitting=s.name, start=s.start, end=s.end, pieces=[])
        for n, s in enumerate(sittings)
    ]
    allotted: dict[int, int] = {}
    in_meetings: dict[int, list[int]] = {}
    spans = sorted((_value(solver, v.start[t.index]), _value(solver, v.end[t.index]), t.index) for t in problem.tasks)
    for start, end, index in spans:
        task = problem.tasks[index]
        allotted[index] = end - start
        for n, sitting in enumerate(sittings):
            lo, hi = max(start, boundaries[n]), min(end, boundaries[n + 1])
            if lo >= hi:
                continue
            meetings[n].pieces.append(
                Piece(
                    item=task.id,
                    start=sitting.clock(lo - boundaries[n]),
                    end=sitting.clock(hi - boundaries[n]),
                    minutes=hi - lo,
                    continued=start < boundaries[n],
                )
            )
            in_meetings.setdefault(index, []).append(n + 1)
    items = [
        ItemRecord(
            id=t.id,
            title=t.title,
            kind="substantive" if t.substantive else "procedural",
            role=t.role,
            estimate_minutes=t.estimate,
            allotted_minutes=allotted[t.index],
            meetings=in_meetings.get(t.index, []),
        )
        for t in problem.tasks
    ]
    return Schedule(session=problem.instance.session, meetings=meetings, items=items)
