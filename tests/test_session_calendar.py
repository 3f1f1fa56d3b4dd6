"""Several bodies as real calendars hold them: a body's own sitting times, bodies spread over the
session, a body that may change rooms between days."""

from __future__ import annotations

import datetime as dt

import pytest

from reports.formats import FORMATS
from solver.plans.drafting import draft
from solver.errors import DoesNotFit
from solver.input.instance import Instance
from solver.check.validate_session import validate_session

from tests.test_session import WEEK, agenda, body, broken, moved, session_data, session_of, solved


# -- a body's own sitting times ---------------------------------------------------------------------


def test_a_body_with_its_own_sitting_times_meets_at_them_beside_the_others():
    data = session_data()
    body(data, "B")["sittings"] = [{"name": "morning", "start": "09:30", "end": "12:30"}]
    schedule = solved(data)
    own = [m for m in schedule.meetings if m.body == "B"]
    assert {(str(m.start), str(m.end)) for m in own if m.sitting == "morning"} == {("09:30:00", "12:30:00")}
    assert {(str(m.start), str(m.end)) for m in own if m.sitting == "afternoon"} <= {("15:00:00", "18:00:00")}
    assert all(str(m.start) == "10:00:00" for m in schedule.meetings if m.body == "A" and m.sitting == "morning")
    assert "9.30 a.m.–12.30 p.m." in FORMATS["markdown"].render(schedule)


def test_a_body_meeting_at_the_calendar_times_instead_of_its_own_breaks_within_sitting_times():
    data = session_data()
    body(data, "B")["sittings"] = [{"name": "morning", "start": "09:30", "end": "12:30"}]
    schedule = solved(data)
    at_ten = schedule.model_copy(deep=True)
    for meeting in at_ten.meetings:
        if meeting.body == "B" and meeting.sitting == "morning":
            shift = dt.timedelta(minutes=30)
            meeting.start = (dt.datetime.combine(meeting.date, meeting.start) + shift).time()
            meeting.end = (dt.datetime.combine(meeting.date, meeting.end) + shift).time()
            for piece in meeting.pieces:
                piece.start = (dt.datetime.combine(meeting.date, piece.start) + shift).time()
                piece.end = (dt.datetime.combine(meeting.date, piece.end) + shift).time()
    assert "within-sittings" in broken(data, at_ten)


def test_a_body_with_longer_sittings_has_more_time():
    data = session_data()
    body(data, "B")["meetings_granted"] = 2
    body(data, "B")["items"] = agenda(1, "5h")  # 6 h 15 min in two meetings of three hours: does not fit
    with pytest.raises(DoesNotFit):
        draft(Instance.model_validate(data))
    body(data, "B")["sittings"] = [{"name": "morning", "start": "09:00", "end": "13:00"}, {"name": "afternoon", "start": "14:30", "end": "18:30"}]
    schedule = draft(Instance.model_validate(data))
    assert validate_session(session_of(data), schedule).ok


@pytest.mark.parametrize(
    ("sittings", "message"),
    [
        ([{"name": "evening", "start": "19:00", "end": "21:00"}], "bodies['B'].sittings[0].name: the calendar has no sitting 'evening'"),
        ([{"name": "morning", "start": "09:00", "end": "12:00"}, {"name": "morning", "start": "09:30", "end": "12:30"}], "is given twice"),
        ([{"name": "morning", "start": "16:00", "end": "19:00"}], "in another order"),
    ],
)
def test_own_sitting_times_that_name_no_sitting_or_reorder_the_day_are_refused(sittings, message):
    data = session_data()
    body(data, "B")["sittings"] = sittings
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(")):
        Instance.model_validate(data)


# -- bodies spread over the session -----------------------------------------------------------------


def test_bodies_free_to_meet_any_day_spread_over_the_week_instead_of_crowding_its_start():
    data = session_data(rooms=[{"name": "Room A"}, {"name": "Room B"}, {"name": "Room C"}], interpretation={"per_sitting": 3})
    data["bodies"] = [{"id": b, "name": f"Body {b}", "meetings_granted": 2, "items": agenda(1, "3h")} for b in "ABC"]
    for entry in data["bodies"]:
        entry["items"][1]["estimate"] = "4h45"
    schedule = solved(data)
    at_once = {}
    for meeting in schedule.meetings:
        at_once[meeting.date, meeting.sitting] = at_once.get((meeting.date, meeting.sitting), 0) + 1
    assert max(at_once.values()) == 1  # never two bodies at once: a delegation can follow all three
    assert min(m.date for m in schedule.meetings).isoformat() == WEEK[0]  # and the session still starts on its first day
    assert next(s for s in schedule.solver.stages if s.name == "spread").value == 1


def test_a_file_may_ask_for_every_body_as_early_as_possible():
    data = session_data(rooms=[{"name": "Room A"}, {"name": "Room B"}, {"name": "Room C"}], interpretation={"per_sitting": 3})
    data["bodies"] = [{"id": b, "name": f"Body {b}", "meetings_granted": 2, "items": agenda(1, "4h45")} for b in "ABC"]
    data["rules"] = {"spread_bodies": False}
    schedule = solved(data)
    assert {m.date.isoformat() for m in schedule.meetings} == {WEEK[0]}  # all three on Monday, side by side
    assert "spread" not in {s.name for s in schedule.solver.stages}


def test_bodies_whose_dates_overlap_still_meet_together():
    data = session_data(rooms=[{"name": "Room A"}, {"name": "Room B"}])
    for entry in data["bodies"]:
        entry["earliest"], entry["latest"], entry["meetings_granted"] = WEEK[0], WEEK[1], 4
    schedule = solved(data)
    assert next(s for s in schedule.solver.stages if s.name == "spread").value == 2


# -- a body that may change rooms between days ------------------------------------------------------


def _room_taken_on_tuesday() -> dict:
    """Body A may meet only in Room A; Body B's week needs Room A on Monday and Wednesday, but A
    holds Room A on Tuesday: B fits only by moving rooms between days."""
    data = session_data(rooms=[{"name": "Room A"}, {"name": "Room B"}], interpretation={"per_sitting": 2})
    a, b = body(data, "A"), body(data, "B")
    a.update(rooms=["Room A"], earliest=WEEK[1], latest=WEEK[1], meetings_granted=2)
    a["items"] = agenda(1, "4h45")
    b.update(meetings_granted=6, earliest=WEEK[0], latest=WEEK[2])
    b["items"] = agenda(3)
    for entry, estimate in zip(b["items"][1:4], ("5h45", "6h", "5h")):  # with the opening and the report: six full meetings
        entry["estimate"] = estimate
    data["bodies"].append({"id": "C", "name": "Body C", "meetings_granted": 2, "rooms": ["Room B"], "earliest": WEEK[0], "latest": WEEK[0],
                           "items": agenda(1, "4h45")})
    data["bodies"].append({"id": "D", "name": "Body D", "meetings_granted": 2, "rooms": ["Room B"], "earliest": WEEK[2], "latest": WEEK[2],
                           "items": agenda(1, "4h45")})
    return data


def test_a_body_that_may_change_rooms_between_days_does_so_only_where_it_must():
    data = _room_taken_on_tuesday()
    with pytest.raises(DoesNotFit):
        draft(Instance.model_validate(data))  # one room for the week: none is free all three days
    body(data, "B")["change_rooms"] = True
    schedule = solved(data)
    rooms_by_day = {}
    for meeting in (m for m in schedule.meetings if m.body == "B"):
        rooms_by_day.setdefault(meeting.date, set()).add(meeting.room)
    assert all(len(rooms) == 1 for rooms in rooms_by_day.values())  # one room a day
    assert [r.pop() for _, r in sorted(rooms_by_day.items())] == ["Room A", "Room B", "Room A"]
    assert next(s for s in schedule.solver.stages if s.name == "room changes").value == 2


def test_two_rooms_in_one_day_break_rooms_even_for_a_body_that_may_change_rooms():
    data = _room_taken_on_tuesday()
    body(data, "B")["change_rooms"] = True
    schedule = solved(data)
    split = moved(schedule, "B", room=lambda m: "Room B" if m.sitting == "afternoon" and m.date.isoformat() == WEEK[0] else m.room)
    messages = [v.message for v in validate_session(session_of(data), split).violations if v.rule == "rooms"]
    assert any("it changes rooms only between days" in text for text in messages), messages


def test_a_body_in_a_block_may_not_change_rooms():
    data = session_data(blocks=[{"name": "Working groups", "bodies": ["A", "B"]}])
    body(data, "A")["change_rooms"] = True
    with pytest.raises(ValueError, match="change_rooms: the bodies of a block share one room"):
        Instance.model_validate(data)
