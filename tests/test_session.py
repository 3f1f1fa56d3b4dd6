"""Several bodies: consecutive meetings, rooms, interpretation caps, blocks, events, and the
combined grid. For each rule shared by bodies: a session where it holds and one it makes
infeasible (model), a schedule that keeps it and one that breaks it (validator)."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from click.testing import CliRunner
from ortools.sat.python import cp_model

from cli import main
from reports.formats import FORMATS
from solver.plans.drafting import draft, explanation
from solver.errors import DoesNotFit
from solver.input.instance import Instance
from solver.input.loading import load_instance
from solver.model.placement import build_session
from solver.schedule import Schedule
from solver.problem.session import interpret_session
from solver.solving.session import solve_session
from solver.check.validate_session import validate_session
from tests.conftest import INSTANCES

WEEK = ["2030-03-04", "2030-03-05", "2030-03-06", "2030-03-07", "2030-03-08"]


def agenda(n: int = 2, substantive: str = "4h") -> list[dict]:
    items = [{"id": "1", "title": "Opening of the session", "estimate": "15 min"}]
    items += [{"id": str(k + 2), "title": f"Debate {k + 1}", "estimate": substantive} for k in range(n)]
    items += [{"id": "9", "title": "Adoption of the report", "estimate": "1h"}]
    return items


def session_data(**changes) -> dict:
    data = {
        "session": {"body": "Test conference", "venue": "Vienna", "timezone": "Europe/Vienna"},
        "calendar": {"dates": list(WEEK)},
        "rooms": [{"name": "Room A"}, {"name": "Room B"}],
        "interpretation": {"per_sitting": 2},
        "bodies": [
            {"id": "A", "name": "Body A", "meetings_granted": 4, "items": agenda()},
            {"id": "B", "name": "Body B", "meetings_granted": 4, "items": agenda()},
        ],
    }
    data = copy.deepcopy(data)
    data.update(changes)
    return data


def body(data: dict, body_id: str) -> dict:
    return next(b for b in data["bodies"] if b["id"] == body_id)


def session_of(data: dict):
    return interpret_session(Instance.model_validate(data))


def solved(data: dict) -> Schedule:
    session = session_of(data)
    schedule = solve_session(session)
    report = validate_session(session, schedule)
    assert report.ok, [str(v) for v in report.violations]
    return schedule


def model_status(data: dict) -> str:
    built = build_session(session_of(data))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 20
    return solver.status_name(solver.solve(built.model))


def slots(schedule: Schedule, body_id: str) -> list[tuple[str, str, str | None]]:
    return [(str(m.date), m.sitting, m.room) for m in sorted(schedule.meetings, key=lambda m: (m.date, m.start)) if m.body == body_id]


def broken(data: dict, schedule: Schedule) -> set[str]:
    return {v.rule for v in validate_session(session_of(data), schedule).violations}


def moved(schedule: Schedule, body_id: str, **changes) -> Schedule:
    """A copy of the schedule with one body's meetings changed (date, sitting, room)."""
    out = schedule.model_copy(deep=True)
    for meeting in out.meetings:
        if meeting.body == body_id:
            for key, value in changes.items():
                setattr(meeting, key, value(meeting) if callable(value) else value)
    return out


# -- the bundled sessions ---------------------------------------------------------------------------


def test_working_groups_meet_back_to_back_in_one_room():
    session = interpret_session(load_instance(INSTANCES / "ctoc-working-groups-2017.yaml"))
    schedule = solve_session(session)
    assert validate_session(session, schedule).ok
    tip, som = slots(schedule, "WG-TIP"), slots(schedule, "WG-SOM")
    assert tip[-1][:2] == ("2017-09-06", "morning"), "the first group ends Wednesday morning"
    assert som[0][:2] == ("2017-09-06", "afternoon"), "the second starts Wednesday afternoon"
    assert {room for _, _, room in tip + som} == {"Board Room D"}
    tip_annex = FORMATS["markdown"].render(schedule.for_body("WG-TIP"))
    assert "| 10 a.m.–1 p.m. | 4 | Other matters |" in tip_annex


def test_plenary_and_committee_of_the_whole_meet_in_parallel_under_the_cap():
    session = interpret_session(load_instance(INSTANCES / "cosp-plenary-cow-2025.yaml"))
    schedule = solve_session(session)
    assert validate_session(session, schedule).ok
    interpreted: dict = {}
    for meeting in schedule.meetings:
        if meeting.body in ("PLENARY", "COW"):
            interpreted[(meeting.date, meeting.sitting)] = interpreted.get((meeting.date, meeting.sitting), 0) + 1
    assert max(interpreted.values()) == 2, "plenary and committee sit in parallel"
    assert {m.room for m in schedule.meetings if m.body == "INF"} == {"Conference Room 2"}
    panel = next(m for m in schedule.meetings if m.body == "COW" and any(p.item == "PANEL" for p in m.pieces))
    assert (str(panel.date), panel.sitting) == ("2025-12-17", "afternoon")
    opening = next(m for m in schedule.meetings if m.body == "PLENARY" and m.number == 1)
    segment = next(p for p in opening.pieces if p.item == "HL")
    assert segment.start == dt.time(10, 30)


def test_events_are_shown_in_the_annex_without_a_number():
    session = interpret_session(load_instance(INSTANCES / "cosp-plenary-cow-2025.yaml"))
    schedule = solve_session(session)
    rows = FORMATS["csv"].render(schedule).splitlines()
    assert 'PLENARY,,,High-level segment' in rows
    assert any(r.startswith("COW,3–6 p.m.,,Panel discussion") for r in rows)


# -- rules shared by bodies: model ------------------------------------------------------------------


def test_bodies_dates_hold():
    data = session_data()
    body(data, "B")["earliest"] = "2030-03-07"
    schedule = solved(data)
    assert all(date >= "2030-03-07" for date, _, _ in slots(schedule, "B"))


def test_bodies_dates_too_narrow_for_a_block_are_infeasible():
    data = session_data(blocks=[{"bodies": ["A", "B"]}])
    body(data, "B")["latest"] = "2030-03-06"
    body(data, "A")["earliest"] = "2030-03-05"
    assert model_status(data) == "INFEASIBLE"


def test_unbroken_runs_hold():
    schedule = solved(session_data())
    for body_id in ("A", "B"):
        open_slots = [(d, s) for d in WEEK for s in ("morning", "afternoon")]
        positions = [open_slots.index((d, s)) for d, s, _ in slots(schedule, body_id)]
        assert positions == list(range(positions[0], positions[0] + len(positions)))


def test_unbroken_run_conflicts_with_pins_a_day_apart():
    data = session_data()
    body(data, "A")["meetings_granted"] = 3
    body(data, "A")["items"] = agenda(2, "2h")
    body(data, "A")["items"][1]["pin"] = {"date": "2030-03-04", "sitting": "morning"}
    body(data, "A")["items"][2]["pin"] = {"date": "2030-03-07"}
    assert model_status(data) == "INFEASIBLE"
    body(data, "A")["consecutive"] = False
    solved(data)


def test_rooms_hold_and_bodies_share_them_in_turn():
    data = session_data(rooms=[{"name": "Room A"}])
    schedule = solved(data)
    a, b = slots(schedule, "A"), slots(schedule, "B")
    assert not {x[:2] for x in a} & {x[:2] for x in b}


def test_rooms_too_few_for_the_meetings_are_infeasible():
    # 3 + 4 meetings by Wednesday evening: six sittings in one room cannot hold them, two rooms can
    data = session_data(rooms=[{"name": "Room A"}])
    body(data, "A").update(meetings_granted=3, latest="2030-03-06", items=agenda(1, "3h"))
    body(data, "B").update(latest="2030-03-06")
    assert model_status(data) == "INFEASIBLE"
    data["rooms"].append({"name": "Room B"})
    assert model_status(data) == "OPTIMAL"


def test_interpretation_cap_holds():
    data = session_data(interpretation={"per_sitting": 1})
    schedule = solved(data)
    assert not {x[:2] for x in slots(schedule, "A")} & {x[:2] for x in slots(schedule, "B")}


def test_interpretation_cap_rules_out_parallel_meetings_the_dates_force():
    data = session_data(interpretation={"per_sitting": 1})
    for b in ("A", "B"):
        body(data, b).update(earliest="2030-03-04", latest="2030-03-05")
    assert model_status(data) == "INFEASIBLE"
    body(data, "B")["interpretation"] = False
    solved(data)


def test_interpretation_cap_per_day_holds():
    data = session_data(interpretation={"per_day": 2})
    schedule = solved(data)
    per_day: dict = {}
    for meeting in schedule.meetings:
        per_day[meeting.date] = per_day.get(meeting.date, 0) + 1
    assert max(per_day.values()) <= 2


def test_blocks_chain_their_bodies_in_order():
    data = session_data(blocks=[{"name": "Working groups", "bodies": ["B", "A"], "order": "fixed"}])
    schedule = solved(data)
    b, a = slots(schedule, "B"), slots(schedule, "A")
    open_slots = [(d, s) for d in WEEK for s in ("morning", "afternoon")]
    assert open_slots.index(a[0][:2]) == open_slots.index(b[-1][:2]) + 1
    assert {room for *_, room in a + b} and len({room for *_, room in a + b}) == 1


def test_blocks_in_free_order_leave_no_gap():
    data = session_data(blocks=[{"bodies": ["A", "B"], "order": "free"}])
    body(data, "A")["earliest"] = "2030-03-06"
    schedule = solved(data)
    open_slots = [(d, s) for d in WEEK for s in ("morning", "afternoon")]
    used = sorted(open_slots.index(x[:2]) for x in slots(schedule, "A") + slots(schedule, "B"))
    assert used == list(range(used[0], used[0] + 8))


def test_blocks_in_a_fixed_order_against_the_dates_are_infeasible():
    data = session_data(blocks=[{"bodies": ["A", "B"], "order": "fixed"}])
    body(data, "A")["earliest"] = "2030-03-07"
    assert model_status(data) == "INFEASIBLE"


# -- rules shared by bodies: validator --------------------------------------------------------------


@pytest.fixture(scope="module")
def pair():
    data = session_data(blocks=[{"name": "Working groups", "bodies": ["A", "B"], "order": "fixed"}], rooms=[{"name": "Room A"}])
    return data, solved(data)


def test_validator_keeps_a_correct_session(pair):
    data, schedule = pair
    assert broken(data, schedule) == set()


def test_validator_reports_body_dates(pair):
    data, schedule = pair
    narrow = copy.deepcopy(data)
    body(narrow, "B")["latest"] = "2030-03-06"
    body(narrow, "B")["meetings_granted"] = 2
    assert "body-dates" in broken(narrow, schedule)


def test_validator_reports_a_broken_run(pair):
    data, schedule = pair
    gap = moved(schedule, "B", date=lambda m: m.date + dt.timedelta(days=1) if m.number == 4 else m.date)
    assert "unbroken-run" in broken(data, gap)


def test_validator_reports_two_bodies_in_one_room_at_once(pair):
    data, schedule = pair
    clash = moved(schedule, "B", date=lambda m: m.date - dt.timedelta(days=2))
    found = validate_session(session_of(data), clash)
    assert "rooms" in {v.rule for v in found.violations}
    assert any("Body B and Body A both meet on" in v.message for v in found.violations)


def test_validator_reports_a_room_change_and_an_unknown_room(pair):
    data, schedule = pair
    assert "rooms" in broken(data, moved(schedule, "A", room=lambda m: "Room Z" if m.number == 2 else m.room))


def test_validator_reports_the_interpretation_cap():
    data = session_data(interpretation={"per_sitting": 2})
    schedule = solved(data)
    tight = copy.deepcopy(data)
    tight["interpretation"] = {"per_sitting": 1}
    parallel = moved(schedule, "B", date=lambda m: next(x.date for x in schedule.meetings if x.body == "A" and x.number == m.number),
                     sitting=lambda m: next(x.sitting for x in schedule.meetings if x.body == "A" and x.number == m.number))
    assert "interpretation-cap" in broken(tight, parallel)


def test_validator_reports_a_block_out_of_order_or_with_a_gap(pair):
    data, schedule = pair
    later = moved(schedule, "B", date=lambda m: m.date + dt.timedelta(days=1))
    assert "blocks" in broken(data, later)


# -- outputs and command line -----------------------------------------------------------------------


def test_grid_shows_which_body_meets_where(pair):
    _, schedule = pair
    rows = FORMATS["csv"].render(schedule, "grid").splitlines()
    assert rows[0] == "Date,Sitting,Room A"
    assert rows[1].startswith('"Monday, 4 March",10 a.m.–1 p.m.,A (1)')
    assert sum("B (" in row for row in rows) == 4


def test_annex_view_prints_one_annex_per_body_then_the_grid(pair):
    _, schedule = pair
    text = FORMATS["markdown"].render(schedule)
    assert text.index("## Proposed organization of work: Body A") < text.index("## Proposed organization of work: Body B")
    assert "## Meetings by sitting and room" in text


def test_grid_view_is_text_only():
    result = CliRunner().invoke(main, ["solve", str(INSTANCES / "ctoc-working-groups-2017.yaml"), "--view", "grid", "--format", "json"])
    assert result.exit_code == 1 and "the grid view is available as table, markdown, csv, html" in result.output


def test_solving_several_bodies_twice_gives_the_same_bytes():
    path = str(INSTANCES / "cosp-plenary-cow-2025.yaml")
    outputs = {CliRunner().invoke(main, ["solve", path, "--format", "json"]).stdout for _ in range(3)}
    assert len(outputs) == 1


def test_check_a_session_schedule(tmp_path):
    path = INSTANCES / "ctoc-working-groups-2017.yaml"
    draft_path = tmp_path / "draft.json"
    assert CliRunner().invoke(main, ["solve", str(path), "-o", str(draft_path)]).exit_code == 0
    assert CliRunner().invoke(main, ["check", str(path), str(draft_path)]).exit_code == 0
    data = json.loads(draft_path.read_text(encoding="utf-8"))
    for meeting in data["meetings"]:
        if meeting["body"] == "WG-SOM":
            meeting["room"] = "Board Room E"
    draft_path.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), str(draft_path)])
    assert result.exit_code == 1 and "Rooms:" in result.output


# -- when bodies cannot all fit ---------------------------------------------------------------------


def test_two_bodies_that_cannot_both_fit_are_explained():
    data = session_data(blocks=[{"name": "Working groups", "bodies": ["A", "B"]}])
    body(data, "A")["meetings_granted"] = 6
    body(data, "B")["meetings_granted"] = 5
    body(data, "A")["items"] = agenda(3)
    instance = Instance.model_validate(data)
    with pytest.raises(DoesNotFit) as caught:
        draft(instance)
    text = caught.value.summary
    assert "need A 6 + B 5 = 11 meetings; the block offers 10 open sittings" in text
    found = explanation(instance, caught.value)
    assert "blocks" in {c.rule for c in found.conflicts}
    assert found.ways_out
    for way in found.ways_out:
        solved(json.loads(way.instance.model_dump_json(exclude_none=True)))


def test_a_body_that_cannot_fit_on_its_own_is_explained_as_one_body():
    data = session_data()
    body(data, "B")["items"][1]["estimate"] = "12h"
    instance = Instance.model_validate(data)
    with pytest.raises(DoesNotFit) as caught:
        draft(instance)
    found = explanation(instance, caught.value)
    assert found.summary.startswith("Body B")
    assert any(w.text.startswith("shorten item 2") for w in found.ways_out)


def test_when_nothing_helps_the_message_lists_only_the_changes_tried():
    """One room, one sitting, two bodies that each need it: letting a body meet on any day or
    serving more meetings with interpretation does not help, and the message says it tried those
    (and no block, no meeting fewer, no pair: the session tries none of them here)."""
    data = session_data(rooms=[{"name": "Room A"}], interpretation={"per_sitting": 1})
    data["calendar"] = {"dates": ["2030-03-04"], "sittings": [{"name": "morning", "start": "10:00", "end": "13:00"}]}
    for body_id in ("A", "B"):
        body(data, body_id).update(meetings_granted=1, items=agenda(1, "1h"))
    body(data, "A")["earliest"] = "2030-03-04"
    instance = Instance.model_validate(data)
    with pytest.raises(DoesNotFit) as caught:
        draft(instance)
    found = explanation(instance, caught.value, seconds=10)
    assert not found.ways_out and found.complete, found.lines()
    assert found.lines()[-1] == (
        "  No single change tried makes it fit (any day of the session for a body, more meetings with interpretation)."
    )


def test_word_and_excel_hold_every_annex_and_the_grid(pair, tmp_path):
    import io

    import openpyxl
    from docx import Document

    _, schedule = pair
    book = openpyxl.load_workbook(io.BytesIO(FORMATS["xlsx"].render(schedule)))
    assert book.sheetnames == ["Annex A", "Annex B", "Items", "Meetings", "Grid"]
    assert book["Grid"]["C1"].value == "Room A" and book["Meetings"]["G2"].value == "Room A"
    document = Document(io.BytesIO(FORMATS["docx"].render(schedule)))
    assert len(document.tables) == 3
    assert [c.text for c in document.tables[2].rows[0].cells] == ["Date", "Sitting", "Room A"]
