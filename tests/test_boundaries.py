"""The boundary network: which items a meeting takes up for the first time after its beginning,
and the cheapest path, a floor under the penalty that may end the penalty stage.

Each item is first taken up exactly once along the agenda's path: exactly at a boundary (its
START state) or inside one meeting, whose arc passes over it. Whether the network as a whole
removes no draft is tested in test_windows.py (the extreme drafts of the model without it)."""

from __future__ import annotations

from ortools.sat.python import cp_model

import solver.solving.solve as solving
from benchmarks.generate import many_bodies, one_body
from solver.errors import DoesNotFit
from solver.input.instance import Instance
from solver.input.loading import load_instance
from solver.model.boundaries import CROSS, START, _cheapest_path, _started_inside
from solver.model.build import build
from solver.model.placement import build_session
from solver.problem.problem import interpret
from solver.plans.scenarios import load_scenarios
from solver.problem.session import interpret_session
from solver.solving.session import solve_session
from solver.solving.solve import SolveSettings
from tests.conftest import INSTANCES, solve_valid


def test_a_meeting_between_two_starts_takes_up_the_items_in_between():
    # item 2 starts the meeting, item 5 the next one: 3 and 4 begin inside this meeting
    assert list(_started_inside((2, START), (5, START), n=10)) == [3, 4]


def test_an_item_that_runs_on_into_the_next_meeting_began_in_this_one():
    assert list(_started_inside((2, START), (5, CROSS), n=10)) == [3, 4, 5]
    # item 2 ran over from the meeting before and runs on again: nothing else is taken up
    assert list(_started_inside((2, CROSS), (2, CROSS), n=10)) == []


def test_the_item_that_starts_the_meeting_is_not_taken_up_inside_it():
    assert list(_started_inside((2, START), (3, START), n=10)) == []
    assert list(_started_inside((2, CROSS), (3, START), n=10)) == []


def test_the_last_meeting_takes_up_everything_left():
    # the end of the session is the state (n, START)
    assert list(_started_inside((7, CROSS), (10, START), n=10)) == [8, 9]


# -- the cheapest path: a floor under the penalty, never above a draft ----------------------------

def test_the_cheapest_path_prices_crossings_and_items_taken_up_inside():
    # two meetings, three items: 0 opens the first meeting, then either 1 starts the second
    # meeting, or 1 begins inside the first and runs on (a crossing, and taken up inside)
    layers = (
        (((0, START), (1, START)), ((0, START), (1, CROSS))),
        (((1, START), (3, START)), ((1, CROSS), (3, START))),
    )
    taken_up_inside = {((0, START), (1, CROSS)): 1, ((1, START), (3, START)): 1, ((1, CROSS), (3, START)): 1}

    def price(source, target):
        return 30 * taken_up_inside.get((source, target), 0) + (100 if target[1] == CROSS else 0)

    path = _cheapest_path(layers, price, meetings=2, n=3)
    assert [state for _, state in path] == [(0, START), (1, START), (3, START)]
    assert path[-1][0] == 30


def _stage_values(schedule):
    return [(s.name, s.value, s.status) for s in schedule.solver.stages]


def _bundled_problems():
    instances = [load_instance(path) for path in sorted(INSTANCES.glob("*.yaml")) if "scenarios" not in path.name]
    problems = [interpret(instance) for instance in instances if not instance.bodies]
    _, variants = load_scenarios(INSTANCES / "ctoc-wg-tip-2017-scenarios.yaml")
    problems += [interpret(instance) for _, instance in variants]
    problems += [interpret(Instance.model_validate(one_body(30, 5, seed=seed))) for seed in (1, 2, 3)]
    return problems


def test_the_floor_is_never_above_the_optimum_found_without_it(monkeypatch):
    problems = _bundled_problems()
    floors = [build(problem).floor for problem in problems]
    with_floor = [_outcome(lambda p=problem: solve_valid(p)) for problem in problems]
    monkeypatch.setattr(solving, "_reached", lambda stage, objective: False)
    without = [_outcome(lambda p=problem: solve_valid(p)) for problem in problems]
    # every stage, tie-breaks included, ends where it ends without the floor
    assert with_floor == without
    for floor, outcome in zip(floors, without):
        if not isinstance(outcome, str):
            assert floor <= outcome[0][1]
    assert sum(1 for floor in floors if floor > 0) >= 5


def test_the_bodies_floors_are_never_above_the_session_optimum(monkeypatch):
    session = interpret_session(Instance.model_validate(many_bodies(6, 3, 2, seed=2)))
    floor = sum(b.body.floor for b in build_session(session).placed.values())
    with_floor = _stage_values(solve_session(session, SolveSettings(time_limit=30)))
    monkeypatch.setattr(solving, "_reached", lambda stage, objective: False)
    without = _stage_values(solve_session(session, SolveSettings(time_limit=30)))
    assert with_floor == without
    assert 0 < floor <= without[0][1]


def _outcome(run):
    try:
        return _stage_values(run())
    except DoesNotFit as error:
        return error.summary


def test_when_the_completed_path_meets_the_floor_the_full_stage_never_runs(monkeypatch):
    problem = interpret(Instance.model_validate(one_body(30, 5, seed=1)))
    outcomes = []
    original = solving._completed_guess

    def recorded(*args):
        solver, status = original(*args)
        outcomes.append(status)
        return solver, status

    monkeypatch.setattr(solving, "_completed_guess", recorded)
    schedule = solve_valid(problem)
    assert outcomes == [cp_model.OPTIMAL]
    assert schedule.solver.stages[0].status == "OPTIMAL"
    assert schedule.solver.bound == schedule.solver.stages[0].value == build(problem).floor
