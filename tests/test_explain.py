"""Infeasible instances are explained in planner terms: the arithmetic, the true conflict (named as
the rules are named, tied to items and days), and ways out that each give a feasible instance."""

from __future__ import annotations

import pytest

from solver.errors import DoesNotFit
from solver.explain.explain import explain
from solver.problem.problem import interpret
from solver.solving.solve import solve
from tests.conftest import base, item, problem_of, solve_valid


def too_few_meetings():
    data = base()
    data["calendar"]["meetings_granted"] = 2
    return data


def pin_on_a_closed_day():
    data = base()
    data["calendar"].update(dates=["2030-03-04", "2030-03-05", "2030-03-06"], closed=[{"date": "2030-03-06", "reason": "Public holiday"}])
    item(data, "3")["pin"] = {"date": "2030-03-06"}
    return data


def unsplit_item_longer_than_a_meeting():
    data = base()
    item(data, "3").update(split=False, estimate="3h30")
    return data


def contradictory_order_rules():
    data = base()
    item(data, "2")["order"] = {"after": "3"}
    item(data, "3")["order"] = {"after": "2"}
    return data


def crossed_pins():
    data = base()
    item(data, "2")["pin"] = {"date": "2030-03-05", "sitting": "afternoon"}
    item(data, "3")["pin"] = {"date": "2030-03-04", "sitting": "afternoon"}
    return data


def procedural_items_cannot_fill_the_meetings():
    return base(items=[
        {"id": "1", "title": "Opening of the session", "estimate": "15 min"},
        {"id": "2", "title": "Adoption of the report", "estimate": "1h"},
    ])


CASES = {
    # name: (instance, conflicting (rule, subject) that must be named, a way out that must be offered)
    "too few meetings": (too_few_meetings, {("estimates", "2"), ("estimates", "3")}, "grant one more meeting"),
    "pin on a closed day": (pin_on_a_closed_day, {("pins", "3")}, "drop the pin of item 3 to Wednesday, 6 March"),
    "unsplit item longer than a meeting": (unsplit_item_longer_than_a_meeting, {("unsplit", "3"), ("estimates", "3")}, "allow item 3 to be split"),
    "contradictory order rules": (contradictory_order_rules, {("order-exceptions", "2"), ("order-exceptions", "3")}, "drop the order rule of item 2"),
    "crossed pins": (crossed_pins, {("pins", "2")}, "drop the pin of item 3"),
    "nothing to fill the meetings": (procedural_items_cannot_fill_the_meetings, {("hold-meetings-granted", "session")}, "let the session hold fewer meetings than granted"),
}


def explanation_of(data):
    problem = problem_of(data)
    with pytest.raises(DoesNotFit) as caught:
        solve(problem)
    return explain(problem, caught.value)


@pytest.mark.parametrize("case", sorted(CASES))
def test_explanation_names_the_true_conflict(case):
    build, conflict, _ = CASES[case]
    explanation = explanation_of(build())
    named = {(c.rule, c.subject) for c in explanation.conflicts}
    assert conflict <= named, [f"{c.name}: {c.text}" for c in explanation.conflicts]
    assert all(c.text and c.name for c in explanation.conflicts)
    assert explanation.arithmetic.startswith("items need")


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_way_out_gives_a_feasible_instance(case):
    build, _, expected_way = CASES[case]
    explanation = explanation_of(build())
    texts = [w.text for w in explanation.ways_out]
    assert any(expected_way in text for text in texts), texts
    for way in explanation.ways_out:
        solve_valid(interpret(way.instance))


def test_capacity_conflict_is_said_as_the_planner_would():
    explanation = explanation_of(too_few_meetings())
    assert explanation.arithmetic == "items need 7.5 hours (6 hours substantive, 1.5 hours procedural); 2 meetings give 6 hours"
    assert explanation.focus == (
        "items 2 and 3 need 6 hours; the 2 meetings give 6 hours, of which the other items take 1.5 hours, leaving 4.5 hours"
    )
    assert "shorten item 2 by 1 h 30 min" in [w.text for w in explanation.ways_out]


def _holds_together(problem, keys) -> bool:
    from ortools.sat.python import cp_model

    from solver.model.build import build

    built = build(problem, explain=True)
    built.model.add_assumptions([built.variables.guards[k] for k in keys])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    return solver.solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def test_conflict_is_minimal():
    # the crossed pins: agenda order, item 3's estimate and item 2's pin; any two of them can hold
    problem = problem_of(crossed_pins())
    explanation = explanation_of(crossed_pins())
    named = {(c.rule, c.subject) for c in explanation.conflicts}
    assert named == {("agenda-order", "3"), ("estimates", "3"), ("pins", "2")}
    assert not _holds_together(problem, sorted(named))
    for dropped in named:
        assert _holds_together(problem, sorted(named - {dropped})), dropped


def test_explanation_lines_read_as_a_message():
    lines = explanation_of(pin_on_a_closed_day()).lines()
    assert lines[0] == "Does not fit: item 3 is pinned to Wednesday, 6 March, which is closed"
    assert "    - Pinned items: item 3 is pinned to Wednesday, 6 March" in lines
    assert "    - drop the pin of item 3 to Wednesday, 6 March" in lines


def test_lists_of_ids_follow_the_agenda_not_the_alphabet():
    from solver.labels import agenda_sorted, item_list

    assert agenda_sorted(["10", "3", "1 (b)", "1 (a)", "2 bis", "2"]) == ["1 (a)", "1 (b)", "2", "2 bis", "3", "10"]
    assert item_list(["10", "3"], {"3": 0, "10": 1}) == "items 3 and 10"
    assert item_list(["IX", "V"], {"V": 0, "IX": 1}) == "items V and IX"  # the agenda's own order wins
    data = base(items=[
        {"id": "1", "title": "Opening of the session", "estimate": "15 min"},
        *({"id": str(n), "title": f"Debate {n}", "estimate": "1h"} for n in range(2, 9)),
        {"id": "9", "title": "Other matters", "estimate": "2h"},
        {"id": "10", "title": "Adoption of the report", "estimate": "1h30"},
    ])
    with pytest.raises(DoesNotFit) as caught:
        solve(problem_of(data))
    assert caught.value.summary.startswith("items 9 and 10 must be taken up in the last meeting"), caught.value.summary


def test_arithmetic_counts_in_good_english():
    from solver.problem.capacity import arithmetic

    data = base()
    data["calendar"]["meetings_granted"] = 1
    data["items"] = [{"id": "1", "title": "Opening of the session", "estimate": "30 min"}, {"id": "2", "title": "Debate", "estimate": "2h"}]
    data["events"] = [{"title": "Panel", "duration": "1h30", "pin": {"date": "2030-03-04", "sitting": "afternoon"}}]
    assert arithmetic(problem_of(data)) == "items need 2.5 hours (2 hours substantive, 30 minutes procedural), the event 1.5 hours; 1 meeting gives 3 hours"
