"""Windows shrink the model before the search; they may only remove what no draft can use.

The windows (how far each item can lie on the meeting axis) are narrowed twice before any
variable exists: along the chain of items (each starts where the one before ends) and to the
meetings that some path through the boundary network allows. The states on no path (an item
running through a boundary, or starting exactly at one) get no literal at all. Narrowing that cut
off a real draft would show as a worse optimum, or a different tie-break, than without it; the
sharper check takes drafts of the model without narrowing and without the network, pushed to its
corners, and solves the full model with each of them fixed.
"""

from __future__ import annotations

import dataclasses

import pytest
from ortools.sat.python import cp_model

from benchmarks.generate import one_body
from solver.input.instance import Instance
from solver.input.loading import load_instance
from solver.model import boundaries
from solver.model import build as build_module
from solver.model.meetings import Meetings
from solver.model.windows import chain_windows, compute_windows
from solver.problem.problem import interpret
from solver.problem.sequence import topological_order
from tests.conftest import REFERENCE, base, problem_of, solve_valid


def _windows(problem):
    order = topological_order(problem)
    meetings = Meetings(cp_model.CpModel(), problem)
    return order, meetings, compute_windows(problem, order, meetings)


def test_the_chain_carries_fixed_lengths_forward_and_the_last_meeting_back():
    # four meetings of 180 minutes: opening 15, two debates of 3 h, other matters 15, report 60
    problem = problem_of(base())
    order, meetings, windows = _windows(problem)
    index = {t.id: t.index for t in problem.tasks}
    ends_after = meetings.axis_min(meetings.n_meetings - 1) + 1  # the last meeting is held
    narrowed = chain_windows(problem, order, windows, ends_after)
    # the opening starts at 0 and lasts exactly 15 minutes, so the first debate starts at 15
    assert narrowed.latest_end[index["1"]] == 15
    assert narrowed.earliest_start[index["2"]] == 15
    # the report (60 min) ends after the last meeting begins (541), other matters just before it
    assert narrowed.earliest_start[index["5"]] == 541 - 60
    assert narrowed.earliest_start[index["4"]] == 541 - 60 - 15
    assert narrowed.latest_end[index["3"]] == 720 - 60 - 15
    # what compute_windows knew is never loosened
    for task in problem.tasks:
        assert narrowed.earliest_start[task.index] >= windows.earliest_start[task.index]
        assert narrowed.latest_end[task.index] <= windows.latest_end[task.index]


def test_the_network_narrows_windows_to_its_paths():
    problem = interpret(Instance.model_validate(one_body(40, 6, seed=3)))
    order, meetings, windows = _windows(problem)
    network = boundaries.plan(problem, order, meetings, windows)
    widths = [windows.latest_end[i] - windows.earliest_start[i] for i in order]
    narrowed = [network.windows.latest_end[i] - network.windows.earliest_start[i] for i in order]
    assert all(n <= w for n, w in zip(narrowed, widths))
    assert sum(narrowed) < sum(widths)


def test_states_on_no_path_are_left_out_of_the_variables():
    problem = interpret(Instance.model_validate(one_body(40, 6, seed=3)))
    order, meetings, windows = _windows(problem)
    network = boundaries.plan(problem, order, meetings, windows)
    never_crosses, never_starts_at = network.impossible()
    built = build_module.build(problem)
    v = built.variables
    open_crossings = [(i, k) for (i, k) in never_crosses if v.reaches(i, k) is not False and v.starts_by(i, k) is not True]
    assert open_crossings  # the windows alone would leave these boundaries open to a crossing
    assert all(v.crosses(i, k) is False for i, k in never_crosses)
    assert all(v.starts_at(i, k) is False for i, k in never_starts_at)


def _without_narrowing(monkeypatch):
    plan = boundaries.plan
    monkeypatch.setattr(build_module, "chain_windows", lambda problem, chain, windows, ends_after: windows)
    monkeypatch.setattr(
        boundaries, "plan", lambda problem, order, meetings, windows: dataclasses.replace(plan(problem, order, meetings, windows), windows=windows)
    )
    monkeypatch.setattr(boundaries.Network, "impossible", lambda network: (frozenset(), frozenset()))


@pytest.mark.parametrize("source", ["reference", "generated-1", "generated-2", "generated-3"])
def test_narrowing_removes_no_draft(source, monkeypatch):
    if source == "reference":
        problem = interpret(load_instance(REFERENCE))
    else:
        problem = interpret(Instance.model_validate(one_body(30, 5, seed=int(source[-1]))))
    narrowed = solve_valid(problem)
    _without_narrowing(monkeypatch)
    plain = solve_valid(problem)
    # every stage, tie-breaks included, reaches the same optimum with and without narrowing
    assert [(s.name, s.value, s.status) for s in narrowed.solver.stages] == [(s.name, s.value, s.status) for s in plain.solver.stages]
    assert all(s.status == "OPTIMAL" for s in narrowed.solver.stages)


def _extreme_drafts(problem, monkeypatch) -> list[list[int]]:
    """Drafts of the model without any narrowing and without the boundary network, pushed to the
    corners where narrowing or a network that is too eager would cut: as many and as few continuations and late starts as the rules allow,
    items as early and as late as possible. Each draft is the start of every item."""
    drafts = []
    with monkeypatch.context() as patched:
        patched.setattr(boundaries, "applies", lambda *args: False)  # no network either
        _without_narrowing(patched)
        for key, sense in [("few-continuations", -1), ("few-continuations", 1), ("substantive-starts-meeting", -1), (None, 1), (None, -1)]:
            built = build_module.build(problem)
            v = built.variables
            objective = built.terms[key] if key else cp_model.LinearExpr.sum(v.start)
            built.model.maximize(objective) if sense < 0 else built.model.minimize(objective)
            solver = cp_model.CpSolver()
            solver.parameters.num_workers = 1
            solver.parameters.max_time_in_seconds = 20
            assert solver.solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
            drafts.append([solver.value(start) for start in v.start])
    return drafts


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_extreme_drafts_of_the_plain_model_remain_drafts_with_network_and_narrowing(seed, monkeypatch):
    problem = interpret(Instance.model_validate(one_body(30, 5, seed=seed)))
    for starts in _extreme_drafts(problem, monkeypatch):
        built = build_module.build(problem)
        for start, value in zip(built.variables.start, starts):
            built.model.add(start == value)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE), starts
