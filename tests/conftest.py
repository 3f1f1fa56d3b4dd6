"""Helpers shared by the tests: tiny instances written as dicts, and a solve that always validates."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from solver.input.instance import Instance
from solver.input.loading import load_instance
from solver.model.build import build
from solver.problem.problem import Problem, interpret
from solver.schedule import Meeting, Piece, Schedule
from solver.solving.solve import SolveSettings, solve
from solver.check.validate import validate

ROOT = Path(__file__).resolve().parent.parent
INSTANCES = ROOT / "instances"
REFERENCE = INSTANCES / "ctoc-wg-tip-2017.yaml"
GOLDEN = Path(__file__).resolve().parent / "golden"


def base(**changes) -> dict:
    """A small session: two days of morning and afternoon, four meetings, five items."""
    data = {
        "session": {"body": "Test Working Group", "name": "First session", "venue": "Vienna", "timezone": "Europe/Vienna"},
        "calendar": {"dates": ["2030-03-04", "2030-03-05"], "meetings_granted": 4},
        "items": [
            {"id": "1", "title": "Opening of the session", "estimate": "15 min"},
            {"id": "2", "title": "Substantive debate A", "estimate": "3h"},
            {"id": "3", "title": "Substantive debate B", "estimate": "3h"},
            {"id": "4", "title": "Other matters", "estimate": "15 min"},
            {"id": "5", "title": "Adoption of the report", "estimate": "1h"},
        ],
    }
    data = copy.deepcopy(data)
    for key, value in changes.items():
        data[key] = value
    return data


def item(data: dict, item_id: str) -> dict:
    return next(i for i in data["items"] if i["id"] == item_id)


def problem_of(data: dict) -> Problem:
    return interpret(Instance.model_validate(data))


def solve_valid(problem: Problem, **settings) -> Schedule:
    """Solve and pass the draft through the validator, as every solver output must be."""
    schedule = solve(problem, SolveSettings(time_limit=settings.pop("time_limit", 30.0), **settings))
    report = validate(problem, schedule)
    assert report.ok, [str(v) for v in report.violations]
    assert report.objective == schedule.solver.objective
    return schedule


def small_comparison():
    """The small session and a variant with a panel added (item 2 bis) and item 3 shortened."""
    from solver.plans.compare import Comparison, Result

    data = base()
    variant = copy.deepcopy(data)
    variant["items"].insert(2, {"id": "2 bis", "title": "Panel", "estimate": "1h", "order": "free"})
    item(variant, "3")["estimate"] = "2h"
    results = []
    for name, instance in (("Base", data), ("A panel", variant)):
        problem = problem_of(instance)
        results.append(Result(name, problem.instance, solve_valid(problem)))
    return Comparison(results)


def model_status(problem: Problem) -> str:
    """Solve the bare CP-SAT model (no arithmetic pre-checks) and return its status name."""
    built = build(problem)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 20
    return solver.status_name(solver.solve(built.model))


def meetings_of(schedule: Schedule) -> dict[str, list[int]]:
    return {record.id: record.meetings for record in schedule.items}


def hand_made(problem: Problem, plan: list[tuple[str, str, list[tuple[str, str, str]]]], continued: bool = False) -> Schedule:
    """A schedule written by hand: [(date, sitting, [(item, start, end), ...]), ...]."""
    sittings = {(str(s.date), s.name): s for s in problem.sittings}
    meetings = []
    seen: set[str] = set()
    for number, (day, sitting_name, pieces) in enumerate(plan, start=1):
        sitting = sittings.get((day, sitting_name))
        start = sitting.start if sitting else dt.time(10)
        end = sitting.end if sitting else dt.time(13)
        rows = []
        for item_id, begin, finish in pieces:
            rows.append(Piece(item=item_id, start=dt.time.fromisoformat(begin), end=dt.time.fromisoformat(finish), continued=item_id in seen))
            seen.add(item_id)
        meetings.append(Meeting(number=number, date=dt.date.fromisoformat(day), sitting=sitting_name, start=start, end=end, pieces=rows))
    return Schedule(session=problem.instance.session, meetings=meetings)


@pytest.fixture(scope="session")
def reference_problem() -> Problem:
    return interpret(load_instance(REFERENCE))
