"""Ways out that a planner can trust: every one offered fits when applied, none that fits is missed
(the test tries every house rule switched off, each halving of the minimum part, each pin
dropped, each date of an item dropped and each segment stretched to the session's first or last
day, on its own), and a way out that changes another convention says so."""

from __future__ import annotations

import time

import pytest

from solver.errors import DoesNotFit
from solver.explain.dates import own_days
from solver.explain.explain import explain
from solver.input import edits
from solver.input.instance import Instance
from solver.problem.problem import interpret
from solver.solving.feasibility import feasible
from solver.solving.solve import solve
from tests import test_explain_calendar
from tests.conftest import base, item
from tests.test_explain import (
    contradictory_order_rules,
    crossed_pins,
    pin_on_a_closed_day,
    procedural_items_cannot_fill_the_meetings,
    too_few_meetings,
    unsplit_item_longer_than_a_meeting,
)

SWITCHES = (
    "hold_meetings_granted", "no_idle_time", "opening_in_first_meeting", "report_in_last_meeting",
    "other_matters_before_report", "closure_last", "agenda_order",
)


def ceremony_in_a_short_first_sitting():
    """A one-hour first sitting holds a 45-minute ceremony and a 5-minute opening: the 10 minutes
    left cannot start the debate (parts last at least 30 min) nor stay idle."""
    data = base()
    data["calendar"]["days"] = [{"date": "2030-03-04", "sittings": [{"name": "morning", "start": "10:00", "end": "11:00"}, {"name": "afternoon", "start": "15:00", "end": "18:00"}]}]
    item(data, "1")["estimate"] = "5 min"
    data["events"] = [{"title": "Opening ceremony", "duration": "45 min", "pin": {"date": "2030-03-04", "sitting": "morning"}, "at": "10:00"}]
    return data


def closure_after_the_report():
    """The closure follows the report in agenda order (closure_last is off), and the last sitting
    is one hour: the report and the closure cannot both be held in it."""
    data = base()
    data["items"] = [i for i in data["items"] if i["id"] != "4"] + [{"id": "6", "title": "Closure of the session", "estimate": "15 min"}]
    data["calendar"]["days"] = [{"date": "2030-03-05", "sittings": [{"name": "morning", "start": "10:00", "end": "13:00"}, {"name": "afternoon", "start": "15:00", "end": "16:00"}]}]
    data["rules"] = {"closure_last": False}
    return data


def event_too_long_for_its_sitting():
    data = base()
    data["events"] = [{"title": "High-level segment", "duration": "3h30", "pin": {"date": "2030-03-04", "sitting": "morning"}, "at": "10:00"}]
    return data


CASES = {
    "too few meetings": too_few_meetings,
    "pin on a closed day": pin_on_a_closed_day,
    "unsplit item longer than a meeting": unsplit_item_longer_than_a_meeting,
    "contradictory order rules": contradictory_order_rules,
    "crossed pins": crossed_pins,
    "nothing to fill the meetings": procedural_items_cannot_fill_the_meetings,
    "ceremony in a short first sitting": ceremony_in_a_short_first_sitting,
    "closure after the report": closure_after_the_report,
    "event too long for its sitting": event_too_long_for_its_sitting,
    **test_explain_calendar.CASES,  # date windows and segments
}


def explained(data):
    problem = interpret(Instance.model_validate(data))
    with pytest.raises(DoesNotFit) as caught:
        solve(problem)
    return problem, explain(problem, caught.value, seconds=20)


def halvings(minutes: int) -> list[int]:
    """Halved, and halved again, in whole 5-minute steps, down to 5 min."""
    out = []
    while minutes > 5:
        minutes = max(5, minutes // 2 // 5 * 5)
        out.append(minutes)
    return out


def singles(instance: Instance):
    """Every house rule switched off, and every pin dropped (with its start time): (name, changed instance)."""
    out = []
    for switch in SWITCHES:
        if getattr(instance.rules, switch):
            out.append((f"{switch}: false", edits.apply(instance, edits.set_rule(switch, False))))
    pinned = [i.id for i in instance.items or () if i.pin is not None]
    pinned += [e.id or f"event {n}" for n, e in enumerate(instance.events, start=1) if e.pin is not None]
    for key in pinned:
        out.append((f"no pin on {key}", edits.apply(instance, edits.drop_key(key, "pin"), edits.drop_key(key, "at"))))
    return out


def dates_widened(problem):
    """Every item's own first day, and its own last day, dropped; every segment stretched to the
    session's first day, and to its last: (what a way out then names, changed instance)."""
    days = [problem.sittings[0].date, problem.sittings[-1].date]
    out = []
    for task in problem.tasks:
        first, last = own_days(problem, task)
        name = f'the event "{task.title}" be held' if task.role == "event" else f"item {task.id} be taken up"
        if first is not None:
            out.append((f"let {name} from", edits.apply(problem.instance, edits.set_dates(task.id, None, last))))
        if last is not None:
            out.append((f"let {name} until", edits.apply(problem.instance, edits.set_dates(task.id, first, None))))
    for n, segment in enumerate(problem.instance.segments):
        for end, verb in ((0, "start"), (1, "end")):
            between = [d.isoformat() for d in segment.between]
            between[end] = days[end].isoformat()
            out.append((f"let the {segment.name} {verb}", edits.apply(problem.instance, edits.set_segment(n, "between", between))))
    return out


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_way_out_fits_and_none_that_fits_is_missed(case):
    problem, explanation = explained(CASES[case]())
    instance = problem.instance
    assert explanation.complete, explanation.lines()
    assert explanation.ways_out, explanation.lines()
    for way in explanation.ways_out:
        assert feasible(way.instance, 10), way.text
    offered = [edits.data_of(w.instance) for w in explanation.ways_out]
    if len(offered) >= 6:
        return
    for name, changed in singles(instance):
        if feasible(changed, 10):
            assert edits.data_of(changed) in offered, (name, [w.text for w in explanation.ways_out])
    # a date or a segment's day that fits when dropped is widened, by the least that fits
    for start, changed in dates_widened(problem):
        if feasible(changed, 10):
            assert any(w.text.startswith(start) for w in explanation.ways_out), (start, [w.text for w in explanation.ways_out])
    # the minimum part: the mildest halving that fits, or a milder part still, is offered
    meeting = instance.calendar.meeting_minutes()
    fitting = [m for m in halvings(instance.rules.min_piece.minutes(meeting)) if feasible(edits.apply(instance, edits.set_rule("min_piece", f"{m} min")), 10)]
    if fitting:
        pieces = []
        for way in explanation.ways_out:
            data = edits.data_of(way.instance)
            data["rules"]["min_piece"] = edits.data_of(instance)["rules"]["min_piece"]
            if data == edits.data_of(instance):
                pieces.append(way.instance.rules.min_piece.minutes(meeting))
        assert any(p >= max(fitting) for p in pieces), (fitting, [w.text for w in explanation.ways_out])


def test_the_ceremony_offers_both_the_switch_and_the_shorter_part():
    problem, explanation = explained(ceremony_in_a_short_first_sitting())
    texts = [w.text for w in explanation.ways_out]
    assert any("no_idle_time: false" in t for t in texts), texts
    assert any("min_piece: 10 min" in t for t in texts), texts
    assert not any("No single change" in line for line in explanation.lines())


def test_ways_out_come_simplest_first_and_at_most_six():
    _, explanation = explained(ceremony_in_a_short_first_sitting())
    texts = [w.text for w in explanation.ways_out]
    assert len(texts) <= 6
    assert texts[0] == "allow parts of item 2 as short as 10 min", texts  # one item's own fact before any house rule
    assert texts.index("shorten the event \"Opening ceremony\" by 20 min") < min(i for i, t in enumerate(texts) if "no_idle_time" in t)


def test_a_rule_switched_off_says_what_it_lets_happen():
    _, explanation = explained(closure_after_the_report())
    texts = [w.text for w in explanation.ways_out]
    assert (
        "let the report leave the last meeting (report_in_last_meeting: false): the report may then be taken up before the last meeting"
        in texts
    ), texts
    for text in texts:
        if ": false)" in text:
            assert " then " in text, text


def test_a_procedural_item_keeps_its_place_when_a_switch_or_an_estimate_would_do():
    _, explanation = explained(closure_after_the_report())
    texts = [w.text for w in explanation.ways_out]
    assert not any("take item 6 out of agenda order" in t for t in texts), texts
    assert "shorten item 5 by 15 min" in texts
    # dropping agenda order puts the closure before the report: said, and offered last
    dropped = [t for t in texts if t.startswith("drop agenda order")]
    assert dropped == [texts[-1]] and "item 6 (the closure) before item 5 (the report)" in dropped[0], texts


def test_an_event_too_long_for_its_sitting_is_cut_by_the_least_that_fits():
    problem, explanation = explained(event_too_long_for_its_sitting())
    assert explanation.summary == 'the event "High-level segment" lasts 3 h 30 min, and its longest possible sitting lasts 3 h'
    assert 'shorten the event "High-level segment" by 30 min' in [w.text for w in explanation.ways_out]
    assert "allow item" not in " ".join(w.text for w in explanation.ways_out)  # an event is never split


def test_an_explanation_keeps_to_its_time_and_says_when_it_was_cut_short():
    data = ceremony_in_a_short_first_sitting()
    problem = interpret(Instance.model_validate(data))
    with pytest.raises(DoesNotFit) as caught:
        solve(problem)
    started = time.monotonic()
    explanation = explain(problem, caught.value, seconds=0.05)
    assert time.monotonic() - started < 1.5
    if not explanation.ways_out:
        assert not explanation.complete
        assert any("in the time given" in line for line in explanation.lines())


def test_when_nothing_helps_the_message_lists_the_kinds_of_change_tried_and_only_those(monkeypatch):
    """Two meetings too few, and (as if) no change fitting: the message names what was tried
    (more meetings, shorter items, the house rules, the pairs of them) and no dropped pins, since
    the agenda pins nothing."""
    import solver.explain.budget as module

    monkeypatch.setattr(module, "feasible", lambda instance, seconds: False)
    _, explanation = explained(too_few_meetings())
    assert not explanation.ways_out and explanation.complete
    last = explanation.lines()[-1]
    assert last.startswith("  No single change tried makes it fit (more meetings, shorter items, ")
    assert "each house rule switched off" in last and last.endswith(", nor any pair of them tried.")
    assert "pins" not in last, last

