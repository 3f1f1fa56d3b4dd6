"""Each hard rule of the model: one instance where it holds in the draft, one it makes infeasible.

Infeasible cases are checked on the bare CP-SAT model (`model_status`), without the arithmetic
pre-checks, so that they test the rule's constraints themselves; `solve` must then refuse too.
"""

from __future__ import annotations

import pytest

from solver.errors import DoesNotFit
from solver.solving.solve import solve
from tests.conftest import base, item, meetings_of, model_status, problem_of, solve_valid


def assert_infeasible(data: dict) -> None:
    problem = problem_of(data)
    assert model_status(problem) == "INFEASIBLE"
    with pytest.raises(DoesNotFit):
        solve(problem)


def test_base_draft_follows_the_house_conventions():
    schedule = solve_valid(problem_of(base()))
    assert meetings_of(schedule) == {"1": [1], "2": [1, 2], "3": [3], "4": [4], "5": [4]}


# -- Meetings granted / Hold the meetings granted ---------------------------------------------------


def test_meetings_granted_holds_when_the_agenda_fits():
    data = base()
    data["calendar"]["dates"] = ["2030-03-04", "2030-03-05", "2030-03-06"]
    schedule = solve_valid(problem_of(data))
    assert len(schedule.meetings) == 4


def test_meetings_granted_makes_a_too_long_agenda_infeasible():
    data = base()
    item(data, "3")["estimate"] = "6h"
    item(data, "2")["estimate"] = "5h"
    assert_infeasible(data)


def test_hold_meetings_granted_fills_every_meeting_granted():
    data = base()
    item(data, "2")["estimate"] = "1h"
    item(data, "3")["estimate"] = "1h"
    schedule = solve_valid(problem_of(data))
    assert len(schedule.meetings) == 4


def test_hold_meetings_granted_cannot_fill_with_procedural_items_only():
    data = base(items=[
        {"id": "1", "title": "Opening of the session", "estimate": "15 min"},
        {"id": "2", "title": "Adoption of the report", "estimate": "1h"},
    ])
    assert_infeasible(data)


def test_without_hold_meetings_granted_the_draft_uses_fewer_meetings():
    data = base(items=[
        {"id": "1", "title": "Opening of the session", "estimate": "15 min"},
        {"id": "2", "title": "Adoption of the report", "estimate": "1h"},
    ])
    data["rules"] = {"hold_meetings_granted": False}
    schedule = solve_valid(problem_of(data))
    assert len(schedule.meetings) == 1


# -- Open sittings only ---------------------------------------------------------------------------


def test_open_sittings_skip_a_closed_sitting():
    data = base()
    data["calendar"]["dates"] = ["2030-03-04", "2030-03-05", "2030-03-06"]
    data["calendar"]["closed"] = [{"date": "2030-03-05", "reason": "Public holiday"}]
    schedule = solve_valid(problem_of(data))
    assert "2030-03-05" not in {str(m.date) for m in schedule.meetings}


def test_open_sittings_make_a_pin_on_a_closed_day_infeasible():
    data = base()
    data["calendar"]["dates"] = ["2030-03-04", "2030-03-05", "2030-03-06"]
    data["calendar"]["closed"] = [{"date": "2030-03-06"}]
    item(data, "3")["pin"] = {"date": "2030-03-06"}
    assert_infeasible(data)


# -- Within sitting times -------------------------------------------------------------------------


def test_within_sittings_two_short_unsplit_items_share_a_meeting():
    data = base()
    data["calendar"].update(dates=["2030-03-04"], meetings_granted=1)
    data["items"] = [i for i in data["items"] if i["id"] != "4"]
    for item_id in ("2", "3"):
        item(data, item_id).update(estimate="1h", split=False)
    item(data, "5")["estimate"] = "30 min"
    schedule = solve_valid(problem_of(data))
    assert [p.item for p in schedule.meetings[0].pieces] == ["1", "2", "3", "5"]


def test_within_sittings_three_long_unsplit_items_cannot_share_two_meetings():
    data = base()
    data["calendar"]["dates"] = ["2030-03-04"]
    data["calendar"]["meetings_granted"] = 2
    data["items"] = [
        {"id": "2", "title": "Debate A", "estimate": "2h", "split": False},
        {"id": "3", "title": "Debate B", "estimate": "2h", "split": False},
        {"id": "6", "title": "Debate C", "estimate": "1h30", "split": False},
    ]
    assert_infeasible(data)


# -- Time for each item ---------------------------------------------------------------------------


def test_estimates_procedural_items_keep_theirs_substantive_items_stretch():
    schedule = solve_valid(problem_of(base()))
    records = {r.id: r for r in schedule.items}
    assert records["1"].allotted_minutes == 15 and records["5"].allotted_minutes == 60
    assert records["2"].allotted_minutes >= 180 and records["3"].allotted_minutes >= 180
    assert sum(r.allotted_minutes for r in records.values()) > 3 * 180


def test_estimates_procedural_items_cannot_stretch_to_fill_the_last_meetings():
    data = base(items=[
        {"id": "1", "title": "Opening of the session", "estimate": "2h"},
        {"id": "2", "title": "Provisional agenda of the next session", "kind": "procedural", "estimate": "2h"},
        {"id": "3", "title": "Adoption of the report", "estimate": "1h"},
    ])
    assert_infeasible(data)


# -- Unsplit items --------------------------------------------------------------------------------


def test_unsplit_item_stays_in_one_meeting():
    data = base()
    item(data, "3").update(split=False, estimate="2h")
    schedule = solve_valid(problem_of(data))
    assert len(meetings_of(schedule)["3"]) == 1


def test_unsplit_item_longer_than_a_sitting_is_infeasible():
    data = base()
    item(data, "3").update(split=False, estimate="3h30")
    assert_infeasible(data)


# -- Minimum part ---------------------------------------------------------------------------------


def test_min_piece_holds_for_every_split_item():
    data = base()
    data["rules"] = {"min_piece": "45 min"}
    schedule = solve_valid(problem_of(data))
    for meeting in schedule.meetings:
        for piece in meeting.pieces:
            if len(meetings_of(schedule)[piece.item]) > 1:
                assert piece.minutes >= 45


def test_min_piece_rules_out_a_short_tail_that_no_idle_time_needs():
    # the opening takes 2h50 of the first meeting; item 2 must begin there with 10 minutes
    data = base()
    item(data, "1")["estimate"] = "2h50"
    item(data, "2")["min_piece"] = "20 min"
    assert_infeasible(data)


# -- Agenda order / Taken out of order ------------------------------------------------------------


def test_agenda_order_takes_items_in_agenda_order():
    schedule = solve_valid(problem_of(base()))
    order = [p.item for m in schedule.meetings for p in m.pieces]
    assert [i for i in dict.fromkeys(order)] == ["1", "2", "3", "4", "5"]


def test_agenda_order_conflicts_with_a_pin_that_would_reverse_it():
    data = base()
    item(data, "2")["pin"] = {"date": "2030-03-05", "sitting": "afternoon"}
    item(data, "3")["pin"] = {"date": "2030-03-04", "sitting": "afternoon"}
    assert_infeasible(data)


def test_order_exception_after_another_item_is_honoured():
    data = base()
    item(data, "2")["order"] = {"after": "3"}
    schedule = solve_valid(problem_of(data))
    order = list(dict.fromkeys(p.item for m in schedule.meetings for p in m.pieces))
    assert order.index("3") < order.index("2")


def test_order_exception_after_contradicting_a_pin_is_infeasible():
    data = base()
    item(data, "2")["order"] = {"after": "3"}
    item(data, "2")["pin"] = {"date": "2030-03-04", "sitting": "morning"}
    assert_infeasible(data)


def test_free_item_may_leave_agenda_order_to_meet_its_pin():
    data = base()
    item(data, "3")["order"] = "free"
    item(data, "3")["pin"] = {"date": "2030-03-04", "sitting": "morning"}
    item(data, "3")["estimate"] = "2h"
    schedule = solve_valid(problem_of(data))
    assert meetings_of(schedule)["3"] == [1]


# -- First or last position -----------------------------------------------------------------------


def test_position_last_puts_an_item_after_all_others():
    data = base(rules={"report_in_last_meeting": False, "other_matters_before_report": False})
    item(data, "2")["position"] = "last"
    schedule = solve_valid(problem_of(data))
    assert schedule.meetings[-1].pieces[-1].item == "2"


def test_position_first_contradicting_a_late_pin_is_infeasible():
    data = base(rules={"opening_in_first_meeting": False})
    item(data, "3")["position"] = "first"
    item(data, "3")["pin"] = {"date": "2030-03-05"}
    assert_infeasible(data)


# -- Opening items, report, other matters ---------------------------------------------------------


def test_opening_first_opens_the_first_meeting():
    schedule = solve_valid(problem_of(base()))
    assert schedule.meetings[0].pieces[0].item == "1"


def test_opening_first_conflicts_with_a_pin_on_the_second_day():
    data = base()
    item(data, "1")["pin"] = {"date": "2030-03-05"}
    item(data, "1")["order"] = "free"
    assert_infeasible(data)


def test_report_last_closes_the_last_meeting():
    schedule = solve_valid(problem_of(base()))
    assert schedule.meetings[-1].pieces[-1].item == "5"


def test_report_last_conflicts_with_a_pin_on_the_first_day():
    data = base()
    item(data, "5")["pin"] = {"date": "2030-03-04"}
    assert_infeasible(data)


def test_other_matters_comes_just_before_the_report():
    schedule = solve_valid(problem_of(base()))
    last = [p.item for p in schedule.meetings[-1].pieces]
    assert last[-2:] == ["4", "5"]


def test_other_matters_and_report_too_long_for_one_meeting_is_infeasible():
    data = base()
    item(data, "4")["estimate"] = "1h30"
    item(data, "5")["estimate"] = "2h"
    assert_infeasible(data)


def test_other_matters_may_leave_the_last_meeting_when_its_rule_is_off():
    data = base(rules={"other_matters_before_report": False})
    item(data, "4")["order"] = "free"
    item(data, "4")["pin"] = {"date": "2030-03-04"}
    schedule = solve_valid(problem_of(data))
    assert meetings_of(schedule)["4"][0] in (1, 2)


# -- Pinned items / Not before a date -------------------------------------------------------------


def test_pin_holds():
    data = base()
    item(data, "3")["pin"] = {"date": "2030-03-05", "sitting": "morning"}
    schedule = solve_valid(problem_of(data))
    assert meetings_of(schedule)["3"] == [3]


def test_two_long_unsplit_items_pinned_to_one_sitting_are_infeasible():
    data = base()
    for item_id in ("2", "3"):
        item(data, item_id).update(split=False, estimate="2h", pin={"date": "2030-03-04", "sitting": "afternoon"})
    assert_infeasible(data)


def test_not_before_holds():
    data = base()
    item(data, "3")["not_before"] = "2030-03-05"
    schedule = solve_valid(problem_of(data))
    assert min(meetings_of(schedule)["3"]) >= 3


def test_not_before_the_last_day_with_long_items_after_it_is_infeasible():
    data = base()
    item(data, "2")["not_before"] = "2030-03-05"
    item(data, "2")["estimate"] = "4h"
    assert_infeasible(data)


# -- No idle time ---------------------------------------------------------------------------------


def test_no_idle_time_fills_every_meeting_but_the_last():
    schedule = solve_valid(problem_of(base()))
    for meeting in schedule.meetings[:-1]:
        assert sum(p.minutes for p in meeting.pieces) == 180


def test_no_idle_time_conflicts_with_a_procedural_item_pinned_to_the_second_meeting():
    data = base(items=[
        {"id": "1", "title": "Opening of the session", "estimate": "30 min"},
        {"id": "2", "title": "Provisional agenda of the next session", "kind": "procedural", "estimate": "30 min",
         "pin": {"date": "2030-03-04", "sitting": "afternoon"}},
        {"id": "3", "title": "Debate", "estimate": "3h"},
        {"id": "5", "title": "Adoption of the report", "estimate": "1h"},
    ])
    assert_infeasible(data)
    data["rules"] = {"no_idle_time": False}
    schedule = solve_valid(problem_of(data))
    assert meetings_of(schedule)["2"] == [2]
