"""Sittings extended if necessary (`extend_to`): real capacity in the model, used only when the
normal hours do not suffice ('Sittings kept to their hours'), judged alike by the validator,
counted by the arithmetic, printed with the meeting's real end and read back from an annex."""

from __future__ import annotations

import copy
import datetime as dt

import pydantic
import pytest

from reports.annex import annex_rows
from solver.check.validate import validate
from solver.errors import DoesNotFit
from solver.input.instance import Instance
from solver.problem.capacity import arithmetic, check_fit
from solver.schedule import Schedule
from solver.solving.solve import solve
from tests.conftest import base, hand_made, item, model_status, problem_of, solve_valid
from tests.test_validator import CORRECT, MON, TUE, replace

AFTERNOON_TO_1930 = [
    {"name": "morning", "start": "10:00", "end": "13:00"},
    {"name": "afternoon", "start": "15:00", "end": "18:00", "extend_to": "19:30"},
]


def extended(**changes) -> dict:
    """The base session with afternoons that may run to 7.30 p.m."""
    data = base(**changes)
    data["calendar"]["sittings"] = copy.deepcopy(AFTERNOON_TO_1930)
    return data


def ends(schedule: Schedule) -> dict[tuple[str, str], str]:
    return {(str(m.date), m.sitting): f"{m.end:%H:%M}" for m in schedule.meetings}


def penalty(schedule: Schedule, rule: str = "sitting-hours") -> int | None:
    return next((p.count for p in schedule.penalties if p.rule == rule), None)


# -- the model: used when needed --------------------------------------------------------------------


def test_a_sitting_is_extended_when_the_agenda_needs_it_and_no_further():
    data = extended()
    item(data, "2")["estimate"] = "2h45"  # with the opening, the first meeting
    item(data, "3")["estimate"] = "8h30"  # 12 h 45 min of items in 12 hours: 45 minutes beyond
    schedule = solve_valid(problem_of(data))
    beyond = sum(m.extended_minutes for m in schedule.meetings)
    assert beyond == 45 and penalty(schedule) == 45
    assert schedule.solver.stages[0].name == "sitting hours" and schedule.solver.stages[0].value == 45
    (longer,) = [m for m in schedule.meetings if m.extended_minutes]
    assert longer.sitting == "afternoon" and longer.end == dt.time(18, 45)
    assert "3–6.45 p.m." in {r.date_and_time for r in annex_rows(schedule)}


def test_an_extension_is_never_used_when_the_normal_hours_suffice():
    # item 2 runs 15 minutes into Monday afternoon: a morning extended to 1.15 p.m. would spare a
    # continuation and a late start, but the normal hours suffice, so it is not used
    data = base()
    data["calendar"]["sittings"] = [
        {"name": "morning", "start": "10:00", "end": "13:00", "extend_to": "13:30"},
        {"name": "afternoon", "start": "15:00", "end": "18:00"},
    ]
    schedule = solve_valid(problem_of(data))
    plain = solve_valid(problem_of(base()))
    assert [m.model_dump() for m in schedule.meetings] == [m.model_dump() for m in plain.meetings]
    assert penalty(schedule) == 0
    assert "extended_minutes" not in schedule.to_json()
    assert '"extend_to": "13:30:00"' in schedule.to_json()  # the calendar's extension is recorded


def test_no_extension_means_no_convention_and_no_stage():
    schedule = solve_valid(problem_of(base()))
    assert penalty(schedule) is None
    assert "sitting hours" not in [s.name for s in schedule.solver.stages]
    assert "extend_to" not in schedule.to_json()


def test_an_unsplit_item_longer_than_a_sitting_fits_in_the_one_that_may_be_extended():
    data = base()
    data["calendar"].update(meetings_granted=3, days=[{"date": MON, "sittings": copy.deepcopy(AFTERNOON_TO_1930)}])  # Monday only
    item(data, "3").update(estimate="4h", split=False)
    problem = problem_of(data)
    check_fit(problem)  # the arithmetic counts the extension: 4 h fit in 3 to 7.30 p.m.
    schedule = solve_valid(problem)
    (meeting,) = [m for m in schedule.meetings if any(p.item == "3" for p in m.pieces)]
    # item 2 runs on for its minimum part of 30 minutes, then item 3 fills the extended afternoon
    assert (str(meeting.date), meeting.sitting, meeting.end, meeting.extended_minutes) == (MON, "afternoon", dt.time(19, 30), 90)


def test_beyond_the_extension_the_agenda_does_not_fit():
    data = extended()
    item(data, "3")["estimate"] = "11h"  # 15.5 hours of items; 12 hours, 15 with the afternoons extended
    problem = problem_of(data)
    assert model_status(problem) == "INFEASIBLE"
    with pytest.raises(DoesNotFit) as refused:
        solve(problem)
    assert "15 hours with the sittings extended" in " ".join(refused.value.reasons)


def test_extensions_with_meetings_granted_as_a_ceiling_and_idle_time_allowed():
    data = extended(rules={"hold_meetings_granted": False, "no_idle_time": False})
    item(data, "2")["split"] = False
    item(data, "2")["estimate"] = "3h15"  # in no morning; in an afternoon extended by 15 minutes
    schedule = solve_valid(problem_of(data))
    assert sum(m.extended_minutes for m in schedule.meetings) == 15


def test_several_bodies_extend_only_the_body_that_needs_it():
    from solver.check.validate_session import validate_session
    from solver.problem.session import interpret_session
    from solver.solving.session import solve_session

    data = {
        "session": {"body": "Conference", "timezone": "Europe/Vienna"},
        "calendar": {"start": MON, "end": "2030-03-06", "sittings": copy.deepcopy(AFTERNOON_TO_1930)},
        "rooms": [{"name": "Room A"}, {"name": "Room B"}],
        "bodies": [
            {"id": "A", "name": "Body A", "meetings_granted": 2, "items": [
                {"id": "1", "title": "Opening of the session", "estimate": "15 min"},
                {"id": "2", "title": "General debate", "estimate": "6h"},
                {"id": "3", "title": "Adoption of the report", "estimate": "30 min"}]},
            {"id": "B", "name": "Body B", "meetings_granted": 2, "items": [
                {"id": "1", "title": "Opening of the session", "estimate": "15 min"},
                {"id": "2", "title": "General debate", "estimate": "4h"},
                {"id": "3", "title": "Adoption of the report", "estimate": "30 min"}]},
        ],
    }
    session = interpret_session(Instance.model_validate(data))
    schedule = solve_session(session)
    assert validate_session(session, schedule).ok
    beyond = {b: sum(m.extended_minutes for m in schedule.meetings if m.body == b) for b in ("A", "B")}
    assert beyond == {"A": 45, "B": 0}


# -- the validator: the same rule, under the same names -----------------------------------------------


def _judged(data: dict, plan, end: str | None = None):
    """Validate CORRECT-like `plan` with the last meeting's end written as `end`."""
    problem = problem_of(data)
    schedule = hand_made(problem, plan)
    if end is not None:
        last = schedule.meetings[-1]
        last.end = dt.time.fromisoformat(end)
    return validate(problem, schedule)


LATE = replace(CORRECT, 3, [("4", "15:00", "15:15"), ("5", "15:15", "18:30")])  # the report runs to 6.30 p.m.


def test_validator_accepts_a_meeting_run_into_its_extension_and_counts_the_minutes():
    data = extended()
    item(data, "5")["estimate"] = "3h15"
    report = _judged(data, LATE, "18:30")
    assert report.ok, [str(v) for v in report.violations]
    (counted,) = [p for p in report.penalties if p.rule == "sitting-hours"]
    assert (counted.name, counted.count, counted.cost) == ("Sittings kept to their hours", 30, 300000)
    assert counted.where == ["Tuesday, 5 March, afternoon, extended to 6.30 p.m."]


def test_validator_breaks_a_meeting_past_its_end_without_an_extension():
    data = base()
    item(data, "5")["estimate"] = "3h15"
    found = {v.rule: v.message for v in _judged(data, LATE, "18:30").violations}
    assert found["within-sittings"] == "meeting 4 on Tuesday, 5 March, afternoon runs 3 p.m. to 6.30 p.m., but the sitting is 3 p.m. to 6 p.m."
    found = {v.rule: v.message for v in _judged(data, LATE).violations}  # the meeting's end left at 6 p.m.
    assert "outside the sitting" in found["within-sittings"]


def test_validator_breaks_a_meeting_past_its_extension():
    data = extended()
    item(data, "5")["estimate"] = "4h45"
    plan = replace(CORRECT, 3, [("4", "15:00", "15:15"), ("5", "15:15", "20:00")])
    messages = [v.message for v in _judged(data, plan, "20:00").violations if v.rule == "within-sittings"]
    assert messages == ["meeting 4 on Tuesday, 5 March, afternoon runs 3 p.m. to 8 p.m., but the sitting is 3 p.m. to 6 p.m., extended at most to 7.30 p.m."]


def test_validator_breaks_an_extension_its_items_do_not_use():
    messages = [v.message for v in _judged(extended(), CORRECT, "19:00").violations if v.rule == "within-sittings"]
    assert messages == ["meeting 4 on Tuesday, 5 March, afternoon is extended to 7 p.m. but its items end at 4.15 p.m.; "
                        "a sitting runs into its extension only as far as its items"]


def test_a_correct_schedule_within_the_normal_hours_costs_no_extension():
    report = _judged(extended(), CORRECT)
    assert report.ok and next(p.count for p in report.penalties if p.rule == "sitting-hours") == 0


# -- the format and the arithmetic ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sittings", "message"),
    [
        ([{"name": "afternoon", "start": "15:00", "end": "18:00", "extend_to": "17:00"}], "is extended to 17:00, not after its end 18:00"),
        ([{"name": "morning", "start": "09:00", "end": "12:00", "extend_to": "12:30"},
          {"name": "midday", "start": "12:00", "end": "15:00"}], "sitting 'morning' is extended to 12:30, after 'midday' starts at 12:00; extend it at most to 12:00"),
    ],
)
@pytest.mark.parametrize("where", ["sittings", "days"])
def test_an_extension_is_refused_when_it_is_no_extension(sittings, message, where):
    data = base()
    if where == "days":
        data["calendar"]["days"] = [{"date": TUE, "sittings": sittings}]
    else:
        data["calendar"]["sittings"] = sittings
    with pytest.raises(pydantic.ValidationError) as refused:
        Instance.model_validate(data)
    assert message in str(refused.value)


def test_the_arithmetic_says_what_the_extensions_would_give():
    assert arithmetic(problem_of(extended())).endswith("4 meetings give 12 hours (15 hours with the sittings extended)")
    assert arithmetic(problem_of(base())).endswith("4 meetings give 12 hours")


def test_an_unsplit_item_beyond_any_extension_is_refused_in_numbers():
    data = extended()
    item(data, "3").update(estimate="5h", split=False)
    with pytest.raises(DoesNotFit) as refused:
        check_fit(problem_of(data))
    assert refused.value.summary.endswith("its longest possible sitting lasts 4 h 30 min with its extension")


# -- an edited annex read back ---------------------------------------------------------------------------


def test_an_annex_with_an_extended_sitting_reads_back_with_its_extension(tmp_path):
    from reports.formats import FORMATS
    from reports.reading import read_schedule

    data = extended()
    item(data, "2")["estimate"] = "2h45"
    item(data, "3")["estimate"] = "8h30"
    problem = problem_of(data)
    schedule = solve_valid(problem)
    (longer,) = [m for m in schedule.meetings if m.extended_minutes]
    path = tmp_path / "annex.csv"
    path.write_text(FORMATS["csv"].render(schedule), encoding="utf-8")
    edited = read_schedule(path, problem)
    assert edited.timed_by_orgwork and validate(problem, edited.schedule).ok
    back = [m for m in edited.schedule.meetings if m.extended_minutes]
    assert [(m.date, m.sitting, m.end) for m in back] == [(longer.date, longer.sitting, longer.end)]


def test_a_body_may_have_its_own_extension():
    from solver.problem.problem import interpret_bodies

    data = {
        "session": {"body": "Conference", "timezone": "Europe/Vienna"},
        "calendar": {"start": MON, "end": TUE},
        "bodies": [
            {"id": "A", "name": "Body A", "meetings_granted": 2, "items": [{"id": "1", "title": "General debate", "estimate": "6h"}],
             "sittings": [{"name": "afternoon", "start": "15:00", "end": "18:00", "extend_to": "19:00"}]},
            {"id": "B", "name": "Body B", "meetings_granted": 2, "items": [{"id": "1", "title": "General debate", "estimate": "6h"}]},
        ],
    }
    a, b = interpret_bodies(Instance.model_validate(data))
    assert [s.extension for s in a.sittings] == [0, 60, 0, 60] and a.extended
    assert not b.extended
    data["bodies"][0]["sittings"] = [{"name": "morning", "start": "10:00", "end": "13:00", "extend_to": "15:30"}]
    with pytest.raises(pydantic.ValidationError, match="extend it at most to 15:00"):
        Instance.model_validate(data)


def _with_panel(extended_monday: bool) -> dict:
    data = base()
    del data["items"][3]  # no other matters: the panel takes Monday afternoon
    sittings = copy.deepcopy(AFTERNOON_TO_1930)
    data["calendar"]["days"] = [{"date": MON if extended_monday else TUE, "sittings": sittings}]
    data["events"] = [{"title": "Panel", "duration": "4h", "pin": {"date": MON, "sitting": "afternoon"}}]
    return data


def test_an_event_longer_than_its_sitting_takes_its_extension_in_model_and_validator_alike():
    schedule = solve_valid(problem_of(_with_panel(extended_monday=True)))
    (panel,) = [m for m in schedule.meetings if (str(m.date), m.sitting) == (MON, "afternoon")]
    assert (panel.end, panel.extended_minutes) == (dt.time(19, 0), 60)
    assert schedule.solver.stages[0].value == penalty(schedule) == 60


def test_an_event_longer_than_its_sitting_is_refused_when_another_sitting_may_be_extended():
    with pytest.raises(DoesNotFit, match='the event "Panel" lasts 4 h, and its longest possible sitting lasts 3 h;'):
        solve(problem_of(_with_panel(extended_monday=False)))
