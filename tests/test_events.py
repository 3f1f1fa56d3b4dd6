"""Events in any session: held in their sitting at their time, the items keeping their order
around them; a debate suspended for an event and resumed after it."""

from __future__ import annotations

import datetime as dt

import pytest

from reports.annex import annex_rows
from solver.errors import DoesNotFit
from solver.solving.solve import solve
from tests.conftest import base, meetings_of, problem_of, solve_valid

MON, TUE, WED = "2030-03-04", "2030-03-05", "2030-03-06"


def with_events(*events: dict, **calendar) -> dict:
    data = base()
    data["calendar"].update(calendar)
    data["events"] = list(events)
    return data


def pieces(schedule, meeting: int) -> list[tuple[str, str, str]]:
    return [(p.item, f"{p.start:%H:%M}", f"{p.end:%H:%M}") for p in schedule.meetings[meeting].pieces]


def test_a_debate_is_suspended_for_an_event_at_its_time_and_resumed_after_it():
    data = with_events({"id": "P", "title": "Panel", "duration": "1h", "pin": {"date": MON, "sitting": "afternoon"}, "at": "16:00"})
    schedule = solve_valid(problem_of(data))
    afternoon = pieces(schedule, 1)
    assert ("P", "16:00", "17:00") in afternoon
    around = [p for p in afternoon if p[0] == "2"]
    assert around and around[0][2] == "16:00" and around[-1][1] == "17:00", afternoon
    rows = annex_rows(schedule)
    panel = next(n for n, row in enumerate(rows) if row.title == "Panel")
    assert rows[panel].item == "" and rows[panel + 1].title == "Substantive debate A (continued)"


def test_an_unsplit_item_is_never_broken_off_for_an_event():
    data = with_events({"id": "P", "title": "Panel", "duration": "1h", "pin": {"date": MON, "sitting": "afternoon"}, "at": "16:00"})
    data["items"][1]["split"] = False
    data["items"][1]["estimate"] = "2h"
    data["calendar"]["dates"] = [MON, TUE, WED]
    data["calendar"]["meetings_granted"] = 5
    schedule = solve_valid(problem_of(data))
    two = [(m.number, p) for m in schedule.meetings for p in m.pieces if p.item == "2"]
    assert len(two) == 1


def test_an_event_filling_a_sitting_in_the_middle_leaves_the_items_on_either_side():
    data = with_events({"title": "Panel", "duration": "3h", "pin": {"date": TUE, "sitting": "morning"}})
    data["items"] = [
        {"id": "1", "title": "First theme", "estimate": "3h"},
        {"id": "2", "title": "Second theme", "estimate": "3h"},
        {"id": "3", "title": "Third theme", "estimate": "3h"},
    ]
    schedule = solve_valid(problem_of(data))
    assert [[p.item for p in m.pieces] for m in schedule.meetings] == [["1"], ["2"], ["event 1"], ["3"]]


def test_a_first_sitting_holding_only_an_event_leaves_the_opening_to_the_next():
    data = with_events({"title": "High-level opening", "duration": "3h", "pin": {"date": MON, "sitting": "morning"}})
    data["calendar"] = {"dates": [MON], "meetings_granted": 2}
    data["items"] = [{"id": "1", "title": "Opening of the session", "estimate": "15 min"}, {"id": "2", "title": "General debate", "estimate": "2h"}]
    schedule = solve_valid(problem_of(data))
    assert [[p.item for p in m.pieces] for m in schedule.meetings] == [["event 1"], ["1", "2"]]


def test_two_events_in_one_sitting_keep_their_times():
    data = with_events(
        {"id": "A", "title": "Briefing", "duration": "30 min", "pin": {"date": TUE, "sitting": "morning"}, "at": "10:00"},
        {"id": "B", "title": "Panel", "duration": "1h", "pin": {"date": TUE, "sitting": "morning"}, "at": "12:00"},
        dates=[MON, TUE, WED], meetings_granted=6,
    )
    schedule = solve_valid(problem_of(data))
    morning = pieces(schedule, 2)
    assert ("A", "10:00", "10:30") in morning and ("B", "12:00", "13:00") in morning


def test_an_event_in_a_session_with_free_sittings_is_held_in_its_sitting():
    data = with_events(
        {"id": "P", "title": "Panel", "duration": "1h", "pin": {"date": WED, "sitting": "morning"}, "at": "11:00"},
        dates=[MON, TUE, WED], meetings_granted=5,
    )
    schedule = solve_valid(problem_of(data))
    panel = next(m for m in schedule.meetings if any(p.item == "P" for p in m.pieces))
    assert (panel.date, panel.sitting) == (dt.date(2030, 3, 6), "morning")


def test_events_that_overfill_their_sitting_are_refused_by_the_arithmetic():
    data = with_events(
        {"id": "A", "title": "Briefing", "duration": "2h", "pin": {"date": MON, "sitting": "afternoon"}},
        {"id": "B", "title": "Panel", "duration": "2h", "pin": {"date": MON, "sitting": "afternoon"}},
    )
    with pytest.raises(DoesNotFit, match="pinned to Monday, 4 March, afternoon and need 4 h"):
        solve(problem_of(data))


def test_an_event_with_an_order_of_its_own_follows_it():
    data = with_events({"id": "P", "title": "Briefing", "duration": "1h", "order": {"after": "2"}}, dates=[MON, TUE, WED], meetings_granted=6)
    schedule = solve_valid(problem_of(data))
    found = meetings_of(schedule)
    assert found["P"][0] >= found["2"][-1]
