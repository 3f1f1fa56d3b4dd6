"""The soft conventions: each changes the draft when it can, and is counted, by name, where it is
not met (validator on hand-made schedules; the model's penalty must equal the validator's count)."""

from __future__ import annotations

from solver.check.validate import validate
from tests.conftest import base, hand_made, item, problem_of, solve_valid
from tests.test_validator import CORRECT, MON, TUE, WED


def counts(data, plan) -> dict[str, int]:
    problem = problem_of(data)
    return {p.rule: p.count for p in validate(problem, hand_made(problem, plan)).penalties}


def test_free_sittings_at_the_end_holds_in_the_draft_and_is_counted_when_broken():
    data = base(calendar={"dates": [MON, TUE, WED], "meetings_granted": 4})
    schedule = solve_valid(problem_of(data))
    assert [str(m.date) for m in schedule.meetings] == [MON, MON, TUE, TUE]
    gap = [CORRECT[0], CORRECT[1], (WED, "morning", CORRECT[2][2]), (WED, "afternoon", CORRECT[3][2])]
    assert counts(data, gap)["free-sittings-at-end"] == 2
    assert counts(data, CORRECT)["free-sittings-at-end"] == 0


def test_few_continuations_prefers_items_ending_with_their_meetings():
    schedule = solve_valid(problem_of(base()))
    assert schedule.solver.stages[0].value == 130  # one continuation (100) and one late start (30)
    spread = [
        (MON, "morning", [("1", "10:00", "10:15"), ("2", "10:15", "13:00")]),
        (MON, "afternoon", [("2", "15:00", "16:00"), ("3", "16:00", "18:00")]),
        (TUE, "morning", [("3", "10:00", "13:00")]),
        CORRECT[3],
    ]
    assert counts(base(), spread)["few-continuations"] == 2
    assert counts(base(), CORRECT)["few-continuations"] == 1


def test_substantive_items_start_a_meeting_when_there_is_slack():
    schedule = solve_valid(problem_of(base()))
    third = next(m for m in schedule.meetings if any(p.item == "3" for p in m.pieces))
    assert third.pieces[0].item == "3" and third.pieces[0].start == third.start
    late = [
        CORRECT[0],
        (MON, "afternoon", [("2", "15:00", "16:00"), ("3", "16:00", "18:00")]),
        (TUE, "morning", [("3", "10:00", "13:00")]),
        CORRECT[3],
    ]
    assert counts(base(), late)["substantive-starts-meeting"] == 2
    assert counts(base(), CORRECT)["substantive-starts-meeting"] == 1


def test_preferred_sitting_decides_between_otherwise_equal_drafts_and_is_counted_when_not_met():
    # item 3 leaves room for a half-hour briefing on Tuesday morning; with late starts not counted,
    # the briefing costs nothing in either sitting but its preference
    for sitting in ("morning", "afternoon"):
        data = base(rules={"substantive_starts_meeting": False})
        item(data, "3")["estimate"] = "2h"
        data["items"].insert(3, {"id": "x", "title": "Briefing", "kind": "procedural", "estimate": "30 min",
                                 "order": "free", "pin": {"date": TUE}, "prefer": sitting})
        schedule = solve_valid(problem_of(data))
        (meeting,) = [m for m in schedule.meetings if any(p.item == "x" for p in m.pieces)]
        assert meeting.sitting == sitting
    data = base()
    item(data, "3")["prefer"] = "afternoon"
    assert counts(data, CORRECT)["preferred-sitting"] == 1  # CORRECT takes item 3 on Tuesday morning


def test_meetings_used_counts_only_when_the_meetings_granted_need_not_all_be_held():
    data = base(rules={"hold_meetings_granted": False})
    assert counts(data, CORRECT)["meetings-used"] == 4
    assert "meetings-used" not in counts(base(), CORRECT)
