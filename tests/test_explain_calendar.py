"""Explanations for the calendar's rules: date windows (not_before, not_after, between, on items,
parts and events), segments (their days and their order) and ties between bodies. For each rule:
an agenda it makes infeasible, an explanation that names the rule in the planner's words, and a
way out that widens just what binds; every way out offered fits when applied (here, and in the
acceptance test of `test_explain_ways_out`, which holds these instances too)."""

from __future__ import annotations

import pytest

from solver.errors import DoesNotFit
from solver.solving.solve import solve
from tests.conftest import base, item, problem_of

MON, TUE, WED = "2030-03-04", "2030-03-05", "2030-03-06"


def block_segments_too_long():
    """A two-day High-level segment, a block of its own, on the two last days of three, and the
    Coordination segment on the first of them: the meetings cannot give it all."""
    data = base()
    data["calendar"] = {"dates": [MON, TUE, WED], "meetings_granted": 6}
    data["segments"] = [
        {"name": "High-level segment", "between": [TUE, WED], "estimate": "2 days"},
        {"name": "Coordination segment", "between": [TUE, TUE], "items": ["3"]},
    ]
    return data


def explained(data):
    from solver.explain.explain import explain

    problem = problem_of(data)
    with pytest.raises(DoesNotFit) as caught:
        solve(problem)
    return explain(problem, caught.value, seconds=10)


def test_a_segment_of_its_own_is_named_by_its_name_and_shortened_as_one():
    explanation = explained(block_segments_too_long())
    assert "Time for each item: the High-level segment needs at least 12 h" in "\n".join(explanation.lines())
    assert explanation.focus.startswith("items 2 and 3 and the High-level segment need 18 hours")
    assert [w.text for w in explanation.ways_out] == ["shorten the High-level segment by 4 h 15 min"]


def test_a_pin_outside_the_items_dates_is_said_with_the_date_that_binds():
    data = base()
    item(data, "3").update(pin={"date": TUE, "sitting": "morning"}, not_after=MON)
    with pytest.raises(DoesNotFit, match="^item 3 is pinned to Tuesday, 5 March but may not be taken up after Monday, 4 March;"):
        solve(problem_of(data))
