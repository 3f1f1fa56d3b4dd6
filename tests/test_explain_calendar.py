"""Explanations for the calendar's rules: date windows (not_before, not_after, between, on items,
parts and events), segments (their days and their order) and ties between bodies. For each rule:
an agenda it makes infeasible, an explanation that names the rule in the planner's words, and a
way out that widens just what binds; every way out offered fits when applied (here, and in the
acceptance test of `test_explain_ways_out`, which holds these instances too)."""

from __future__ import annotations

import datetime as dt

import pytest

from solver.errors import DoesNotFit
from solver.explain.ties import tie_changes
from solver.input import edits
from solver.input.instance import Instance
from solver.plans.drafting import draft, explanation
from solver.problem.session import interpret_session
from solver.solving.feasibility import feasible
from solver.solving.solve import SolveSettings, solve
from tests.conftest import base, item, problem_of
from tests.test_ties import session as tied_session

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


def due_before_the_agenda_reaches_it():
    """Item 3 is due by Monday, but the opening and item 2 fill Monday."""
    data = base()
    item(data, "3")["not_after"] = MON
    return data


def held_back_until_the_agenda_has_passed():
    """Item 2 is taken up between Tuesday and Tuesday, but item 3 follows it and Tuesday holds
    the report too."""
    data = base()
    item(data, "2")["between"] = [TUE, TUE]
    return data


def event_due_before_its_place():
    """A panel held after item 3, which cannot end on Monday, is due by Monday."""
    data = base()
    data["events"] = [{"title": "Panel on youth", "duration": "1h", "not_after": MON, "order": {"after": "3"}}]
    return data


def part_due_before_the_last_meeting():
    """The second part of item 3 is taken up in the last meeting, on Tuesday, and is due by Monday."""
    data = base()
    debate = item(data, "3")
    del debate["estimate"]
    debate["parts"] = [{"estimate": "2h"}, {"estimate": "1h", "meeting": "last", "not_after": MON}]
    return data


def segment_too_short_for_its_items():
    """The Coordination segment holds items 2 and 3 (six hours) on Tuesday, which also holds the report."""
    data = base()
    data["segments"] = [{"name": "Coordination segment", "between": [TUE, TUE], "items": ["2", "3"]}]
    return data


def segments_in_the_order_of_their_days():
    """The General segment (Monday to Wednesday) comes first by its days, and its item 2 needs a
    day and a half: the Coordination segment, on Tuesday only, cannot follow it."""
    data = base()
    data["calendar"] = {"dates": [MON, TUE, WED], "meetings_granted": 6}
    item(data, "2")["estimate"] = "1.5 days"
    data["segments"] = [
        {"name": "General segment", "between": [MON, WED], "items": ["2"]},
        {"name": "Coordination segment", "between": [TUE, TUE], "items": ["3"]},
    ]
    return data


# the infeasible instances of the calendar's rules, with the acceptance test's others
CASES = {
    "due before the agenda reaches it": due_before_the_agenda_reaches_it,
    "held back until the agenda has passed": held_back_until_the_agenda_has_passed,
    "event due before its place": event_due_before_its_place,
    "part due before the last meeting": part_due_before_the_last_meeting,
    "segment too short for its items": segment_too_short_for_its_items,
    "segments in the order of their days": segments_in_the_order_of_their_days,
}


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


def test_a_programme_of_segments_alone_is_explained_and_changed_like_an_agenda():
    data = base()
    del data["items"]
    data["calendar"]["meetings_granted"] = 2
    data["segments"] = [{"name": "High-level segment", "between": [MON, MON], "estimate": "7h"}]
    texts = [w.text for w in explained(data).ways_out]
    assert "shorten the High-level segment by 1 h" in texts, texts


def test_a_pin_outside_the_items_dates_is_said_with_the_date_that_binds():
    data = base()
    item(data, "3").update(pin={"date": TUE, "sitting": "morning"}, not_after=MON)
    with pytest.raises(DoesNotFit, match="^item 3 is pinned to Tuesday, 5 March but may not be taken up after Monday, 4 March;"):
        solve(problem_of(data))


# -- Date windows --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case, conflict, way_out",
    [
        ("due before the agenda reaches it", "Not after a date: item 3 may not be taken up after Monday, 4 March",
         "let item 3 be taken up until Tuesday, 5 March"),
        ("held back until the agenda has passed", "Not before a date: item 2 may not be taken up before Tuesday, 5 March",
         "let item 2 be taken up from Monday, 4 March"),
        ("event due before its place", 'Not after a date: the event "Panel on youth" may not be held after Monday, 4 March',
         'let the event "Panel on youth" be held until Tuesday, 5 March'),
        ("part due before the last meeting", "Not after a date: item 3 (part 2) may not be taken up after Monday, 4 March",
         "let item 3 (part 2) be taken up until Tuesday, 5 March"),
    ],
)
def test_a_date_that_binds_is_named_and_widened_by_the_least_that_fits(case, conflict, way_out):
    explanation = explained(CASES[case]())
    assert f"    - {conflict}" in explanation.lines()
    assert way_out in [w.text for w in explanation.ways_out]
    assert all(feasible(w.instance, 10) for w in explanation.ways_out)


def test_a_widened_date_keeps_the_items_other_bound():
    explanation = explained(held_back_until_the_agenda_has_passed())
    way = next(w for w in explanation.ways_out if w.text.startswith("let item 2"))
    debate = next(i for i in way.instance.items or () if i.id == "2")
    assert (debate.not_before, debate.not_after, debate.between) == (dt.date(2030, 3, 4), dt.date(2030, 3, 5), None)


# -- Segments ------------------------------------------------------------------------------------


def test_a_segment_whose_days_cannot_hold_its_items_is_named_and_may_start_earlier():
    explanation = explained(segment_too_short_for_its_items())
    lines = explanation.lines()
    assert "    - Segments in the order of their days: item 2 is taken up in the Coordination segment, held on Tuesday, 5 March" in lines, lines
    assert "let the Coordination segment start a day earlier, on Monday, 4 March" in [w.text for w in explanation.ways_out]
    assert all(feasible(w.instance, 10) for w in explanation.ways_out)


def test_segments_out_of_the_order_their_days_set_are_named_with_both_segments():
    explanation = explained(segments_in_the_order_of_their_days())
    lines = explanation.lines()
    assert (
        "    - Segments in the order of their days: the Coordination segment (held on Tuesday, 5 March) follows the "
        "General segment (held from Monday, 4 March to Wednesday, 6 March), in the order of their days"
    ) in lines, lines
    texts = [w.text for w in explanation.ways_out]
    assert "let the Coordination segment start a day earlier, on Monday, 4 March" in texts, texts
    assert all(feasible(w.instance, 10) for w in explanation.ways_out)


# -- Ties between bodies -------------------------------------------------------------------------


def crossed_ties():
    """The General Committee meets after the Plenary's report (its last item) and before the
    Plenary's general debate (its second): both cannot hold."""
    data = tied_session()
    data["bodies"][1]["after"] = [{"body": "PLEN", "item": "4"}]
    data["bodies"][1]["before"] = [{"body": "PLEN", "item": "2"}]
    return data


def decision_before_the_committee_meets():
    """The Plenary decides on item 3 only after the General Committee has taken up its item 1,
    and the General Committee meets only after the Plenary has taken up item 3."""
    data = tied_session(follows=[{"body": "GC", "item": "1"}])
    data["bodies"][1]["after"] = [{"body": "PLEN", "item": "3"}]
    return data


def session_explained(data):
    instance = Instance.model_validate(data)
    with pytest.raises(DoesNotFit) as caught:
        draft(instance, SolveSettings(time_limit=10))
    return explanation(instance, caught.value, seconds=10)


@pytest.mark.parametrize(
    "build, ties, way_out",
    [
        (crossed_ties, ["General Committee meets only after Plenary has taken up item 4", "General Committee meets before Plenary takes up item 2"],
         "drop the tie of General Committee to item 4 of Plenary: it may then meet before Plenary has taken that item up"),
        (decision_before_the_committee_meets, ["Plenary takes up item 3 only after General Committee has taken up item 1"],
         "drop the tie of item 3 of Plenary to item 1 of General Committee: Plenary may then take it up first"),
    ],
)
def test_ties_between_bodies_that_cannot_hold_are_named_and_each_may_be_dropped(build, ties, way_out):
    found = session_explained(build())
    lines = found.lines()
    for tie in ties:
        assert f"    - Ties between bodies: {tie}" in lines, lines
    assert way_out in [w.text for w in found.ways_out]
    for way in found.ways_out:
        assert feasible(way.instance, 10), way.text


def test_every_tie_that_fits_when_dropped_is_offered():
    for build in (crossed_ties, decision_before_the_committee_meets):
        data = build()
        found = session_explained(data)
        offered = [edits.data_of(w.instance) for w in found.ways_out]
        session = interpret_session(Instance.model_validate(data))
        for _, text, changes in tie_changes(session):
            changed = edits.apply(session.instance, *changes)
            if feasible(changed, 10):
                assert edits.data_of(changed) in offered, (text, [w.text for w in found.ways_out])
