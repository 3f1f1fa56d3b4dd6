"""The validator on hand-made schedules: each hard rule holds on a correct schedule and is reported,
by its name and in plain words, on a schedule that breaks it."""

from __future__ import annotations

import pytest

import datetime as dt

from solver.input.instance import Instance
from solver.problem.problem import interpret
from solver.rules import HARD, RULES, SESSION_KEYS
from solver.check.validate import validate
from tests.conftest import base, hand_made, item, problem_of

MON, TUE, WED = "2030-03-04", "2030-03-05", "2030-03-06"

CORRECT = [
    (MON, "morning", [("1", "10:00", "10:15"), ("2", "10:15", "13:00")]),
    (MON, "afternoon", [("2", "15:00", "18:00")]),
    (TUE, "morning", [("3", "10:00", "13:00")]),
    (TUE, "afternoon", [("4", "15:00", "15:15"), ("5", "15:15", "16:15")]),
]


def violated(data: dict, plan) -> dict[str, list[str]]:
    data = dict(data)
    agreed = frozenset(data.pop("_agreed", ()))
    problem = interpret(Instance.model_validate(data), agreed=agreed)
    report = validate(problem, hand_made(problem, plan))
    out: dict[str, list[str]] = {}
    for v in report.violations:
        out.setdefault(v.rule, []).append(v.message)
    return out


def replace(plan, position, pieces, day=None, sitting=None):
    plan = list(plan)
    old_day, old_sitting, _ = plan[position]
    plan[position] = (day or old_day, sitting or old_sitting, pieces)
    return plan


def test_correct_schedule_breaks_no_rule():
    assert violated(base(), CORRECT) == {}


def test_correct_schedule_penalties_are_counted_by_name():
    problem = problem_of(base())
    report = validate(problem, hand_made(problem, CORRECT))
    counts = {p.rule: p.count for p in report.penalties}
    assert counts == {"free-sittings-at-end": 0, "few-continuations": 1, "substantive-starts-meeting": 1, "time-in-proportion": 0, "preferred-sitting": 0}
    assert report.objective == 100 + 30


BROKEN = {
    "every-item": (base(), replace(CORRECT, 2, [("2", "10:00", "13:00")])),
    "open-sittings": (base(), replace(CORRECT, 3, [("4", "19:00", "19:15"), ("5", "19:15", "20:15")], sitting="evening")),
    "meetings-granted": (
        base(calendar={"dates": [MON, TUE, WED], "meetings_granted": 4}),
        CORRECT[:3] + [(TUE, "afternoon", [("3", "15:00", "18:00")]), (WED, "morning", [("4", "10:00", "10:15"), ("5", "10:15", "11:15")])],
    ),
    "hold-meetings-granted": (base(), [CORRECT[0], (MON, "afternoon", [("2", "15:00", "18:00")]), (TUE, "morning", [("3", "10:00", "12:00"), ("4", "12:00", "12:15"), ("5", "12:15", "13:00")])]),
    "within-sittings": (base(), replace(CORRECT, 3, [("4", "15:00", "15:15"), ("5", "15:10", "18:30")])),
    "estimates": (base(), replace(CORRECT, 3, [("4", "15:00", "15:15"), ("5", "15:15", "17:00")])),
    "no-skipped-meeting": (base(), [CORRECT[0], (MON, "afternoon", [("3", "15:00", "18:00")]), (TUE, "morning", [("2", "10:00", "13:00")]), CORRECT[3]]),
    "unsplit": (base(), replace(replace(CORRECT, 2, [("3", "10:00", "12:00"), ("4", "12:00", "13:00")]), 3, [("4", "15:00", "15:15"), ("5", "15:15", "16:15")])),
    "min-piece": (base(), [(MON, "morning", [("1", "10:00", "10:15"), ("2", "10:15", "13:00")]), (MON, "afternoon", [("2", "15:00", "15:10"), ("3", "15:10", "18:00")]), (TUE, "morning", [("3", "10:00", "13:00")]), CORRECT[3]]),
    "agenda-order": (base(), [(MON, "morning", [("1", "10:00", "10:15"), ("3", "10:15", "13:00")]), (MON, "afternoon", [("3", "15:00", "18:00")]), (TUE, "morning", [("2", "10:00", "13:00")]), CORRECT[3]]),
    "opening-first": (base(), [(MON, "morning", [("2", "10:00", "13:00")]), (MON, "afternoon", [("1", "15:00", "15:15"), ("3", "15:15", "18:00")]), (TUE, "morning", [("3", "10:00", "13:00")]), CORRECT[3]]),
    "report-last": (base(), [CORRECT[0], (MON, "afternoon", [("2", "15:00", "16:00"), ("5", "16:00", "17:00"), ("3", "17:00", "18:00")]), (TUE, "morning", [("3", "10:00", "13:00")]), (TUE, "afternoon", [("3", "15:00", "17:45"), ("4", "17:45", "18:00")])]),
    "other-matters-before-report": (base(), [CORRECT[0], CORRECT[1], (TUE, "morning", [("3", "10:00", "12:45"), ("4", "12:45", "13:00")]), (TUE, "afternoon", [("3", "15:00", "16:00"), ("5", "16:00", "17:00")])]),
    "no-idle-time": (base(), replace(CORRECT, 2, [("3", "10:00", "12:00")])),
}


def _order_exception() -> tuple[dict, list]:
    data = base()
    item(data, "2")["order"] = {"after": "3"}
    return data, CORRECT


def _position() -> tuple[dict, list]:
    data = base(rules={"report_in_last_meeting": False, "other_matters_before_report": False})
    item(data, "2")["position"] = "last"
    return data, CORRECT


def _pin() -> tuple[dict, list]:
    data = base()
    item(data, "3")["pin"] = {"date": MON}
    return data, CORRECT


def _not_before() -> tuple[dict, list]:
    data = base()
    item(data, "2")["not_before"] = TUE
    return data, CORRECT


def _avoid() -> tuple[dict, list]:
    data = base()
    item(data, "2")["avoid"] = [{"date": MON, "sitting": "afternoon"}]
    return data, CORRECT


def _closure() -> tuple[dict, list]:
    data = base()
    data["items"].append({"id": "6", "title": "Closure of the session", "estimate": "15 min"})
    plan = replace(CORRECT, 3, [("4", "15:00", "15:15"), ("6", "15:15", "15:30"), ("5", "15:30", "16:30")])
    return data, plan


BROKEN["agreed"] = ({**base(), "_agreed": {("2", dt.date(2030, 3, 5), "morning")}}, CORRECT)
BROKEN["closure-last"] = _closure()


def _in_meeting() -> tuple[dict, list]:
    data = base()
    item(data, "3")["meeting"] = "last"
    return data, CORRECT  # item 3 is taken up on Tuesday morning, not in the last meeting


BROKEN["in-meeting"] = _in_meeting()
BROKEN["avoid"] = _avoid()


def _not_after() -> tuple[dict, list]:
    data = base()
    item(data, "3")["not_after"] = MON
    return data, CORRECT  # item 3 is taken up on Tuesday


BROKEN["not-after"] = _not_after()


def _segments(first: str, second: str) -> dict:
    data = base()
    data["segments"] = [{"name": "First segment", "between": [first, first], "items": ["3"]},
                        {"name": "Second segment", "between": [second, second], "items": ["2"]}]
    return data


BROKEN["segments"] = (_segments(MON, TUE), CORRECT)  # the first segment's item 3 is taken up after item 2
BROKEN["order-exceptions"] = _order_exception()
BROKEN["position"] = _position()
BROKEN["pins"] = _pin()
BROKEN["not-before"] = _not_before()


def test_every_hard_rule_has_a_broken_case():
    assert set(BROKEN) == {rule.key for rule in HARD if rule.key not in SESSION_KEYS}  # those: test_session.py


@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_broken_rule_is_reported_by_name(rule):
    data, plan = BROKEN[rule]
    found = violated(data, plan)
    assert rule in found, found
    assert all(message and "\n" not in message for message in found[rule])


def _holding(rule: str) -> dict:
    """An instance on which CORRECT satisfies `rule`, for the rules whose broken case needs its own."""
    data = base()
    if rule == "order-exceptions":
        item(data, "3")["order"] = {"after": "2"}
    elif rule == "position":
        data["rules"] = {"report_in_last_meeting": False, "other_matters_before_report": False}
        item(data, "5")["position"] = "last"
    elif rule == "pins":
        item(data, "3")["pin"] = {"date": TUE, "sitting": "morning"}
    elif rule == "not-before":
        item(data, "3")["not_before"] = TUE
    elif rule == "not-after":
        item(data, "2")["between"] = [MON, MON]
    elif rule == "segments":
        return _segments(TUE, MON)
    elif rule == "avoid":
        item(data, "3")["avoid"] = [{"date": MON, "sitting": "afternoon"}]
    elif rule == "meetings-granted":
        data["calendar"] = {"dates": [MON, TUE, WED], "meetings_granted": 4}
    elif rule == "agreed":
        data["_agreed"] = {("2", dt.date(2030, 3, 4), "afternoon"), ("3", dt.date(2030, 3, 5), "morning")}
    return data


@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_rule_holds_on_a_correct_schedule(rule):
    if rule == "in-meeting":
        data = base()
        item(data, "3").update(meeting="last", estimate="1h")
        plan = replace(CORRECT, 2, [("2", "10:00", "13:00")])
        plan = replace(plan, 3, [("3", "15:00", "16:30"), ("4", "16:30", "16:45"), ("5", "16:45", "17:45")])
        assert violated(data, plan) == {}
        return
    if rule == "closure-last":
        data, _ = _closure()
        plan = replace(CORRECT, 3, [("4", "15:00", "15:15"), ("5", "15:15", "16:15"), ("6", "16:15", "16:30")])
        assert violated(data, plan) == {}
        return
    found = violated(_holding(rule), CORRECT)
    assert found == {}, found


def test_other_matters_listed_after_the_report_follows_it():
    data = base()
    data["items"][3], data["items"][4] = data["items"][4], data["items"][3]  # 4 Adoption of the report, 5 Other matters
    data["items"][3]["id"], data["items"][4]["id"] = "4", "5"
    after = replace(CORRECT, 3, [("4", "15:00", "16:00"), ("5", "16:00", "16:15")])
    before = replace(CORRECT, 3, [("5", "15:00", "15:15"), ("4", "15:15", "16:15")])
    assert violated(data, after) == {}
    assert "other-matters-before-report" in violated(data, before)


def test_skipped_meeting_is_said_in_plain_words():
    _, plan = BROKEN["no-skipped-meeting"]
    messages = violated(base(), plan)["no-skipped-meeting"]
    assert "item 2 continues on Tuesday, 5 March, morning but skips Monday, 4 March, afternoon" in messages


def test_closed_sitting_is_named_with_its_reason():
    data = base(calendar={"dates": [MON, TUE], "meetings_granted": 4, "closed": [{"date": TUE, "sitting": "afternoon", "reason": "Staff day"}]})
    messages = violated(data, CORRECT)["open-sittings"]
    assert messages == ["meeting 4 is held on Tuesday, 5 March, afternoon, which is closed (Staff day)"]


def test_violation_names_match_the_rule_catalogue():
    data, plan = BROKEN["agenda-order"]
    problem = problem_of(data)
    report = validate(problem, hand_made(problem, plan))
    assert {str(v).split(":")[0] for v in report.violations} <= {r.name for r in RULES.values()}


def test_a_pin_of_a_long_item_means_under_way_there_and_holds_when_it_is():
    data = base()
    item(data, "2")["pin"] = {"date": MON, "sitting": "afternoon"}  # 3h15 with the morning part: longer than the sitting
    item(data, "2")["estimate"] = "5h"
    assert violated(data, CORRECT) == {}


def test_a_pin_of_a_long_item_is_broken_when_it_is_not_under_way_there():
    data = base()
    item(data, "3")["pin"] = {"date": MON, "sitting": "afternoon"}
    item(data, "3")["estimate"] = "4h"
    found = violated(data, replace(CORRECT, 2, [("3", "10:00", "13:00")]))
    assert any("under way on Monday, 4 March, afternoon" in m for m in found.get("pins", [])), found


def test_a_whole_pin_confines_even_a_long_item():
    data = base()
    item(data, "2")["pin"] = {"date": MON, "sitting": "afternoon", "whole": True}
    item(data, "2")["estimate"] = "5h"
    assert "pins" in violated(data, CORRECT)


def test_an_avoided_day_is_named_in_plain_words():
    data = base()
    item(data, "3")["avoid"] = [TUE]
    assert violated(data, CORRECT)["avoid"] == ["item 3 is taken up on Tuesday, 5 March, morning; it must avoid that sitting"]
