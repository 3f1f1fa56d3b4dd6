"""The calendar as real sessions hold it: meetings granted as a ceiling, sittings an item must
avoid, and pins of items longer than their sitting. Each rule: a case where it holds in the
draft, one it makes infeasible (on the bare model and through solve), and an explanation that
names it and offers a way out that fits."""

from __future__ import annotations

import pytest

from solver.errors import DoesNotFit
from solver.explain.explain import explain
from solver.input.instance import Instance
from solver.plans.drafting import draft
from solver.problem.session import interpret_session
from solver.solving.feasibility import feasible
from solver.solving.solve import SolveSettings, solve
from solver.check.validate_session import validate_session
from tests.conftest import base, item, meetings_of, model_status, problem_of, solve_valid

MON, TUE, WED, THU = "2030-03-04", "2030-03-05", "2030-03-06", "2030-03-07"


def sittings_of(schedule, item_id: str) -> list[tuple[str, str]]:
    return [(str(m.date), m.sitting) for m in schedule.meetings if any(p.item == item_id for p in m.pieces)]


# -- Meetings granted as a ceiling -------------------------------------------------------------


def ceiling(**rules) -> dict:
    """Four days, eight sittings, up to eight meetings granted; the agenda needs about three."""
    data = base(rules={"hold_meetings_granted": False, **rules})
    data["calendar"] = {"dates": [MON, TUE, WED, THU], "meetings_granted": 8}
    return data


def test_a_ceiling_lets_the_body_hold_fewer_meetings():
    schedule = solve_valid(problem_of(ceiling()))
    assert len(schedule.meetings) < 8


def test_a_ceiling_lets_an_item_pinned_late_be_reached_without_filling_every_sitting_before():
    data = ceiling(no_idle_time=False)
    item(data, "3")["pin"] = {"date": THU, "sitting": "morning"}
    schedule = solve_valid(problem_of(data))
    assert sittings_of(schedule, "3") == [(THU, "morning")]
    assert len(schedule.meetings) < 8


def several_bodies(hold: bool, granted: tuple[int, int]) -> dict:
    """Two working groups back to back in one week of five days; each needs two meetings."""
    body = lambda body_id, n: {  # noqa: E731 - a table of two rows
        "id": body_id, "name": f"Working group {body_id}", "meetings_granted": n,
        "items": [
            {"id": "1", "title": "Opening of the session", "estimate": "15 min"},
            {"id": "2", "title": "Substantive debate", "estimate": "4h"},
            {"id": "3", "title": "Adoption of the report", "estimate": "1h"},
        ],
    }
    return {
        "session": {"body": "Conference", "timezone": "Europe/Vienna"},
        "calendar": {"dates": [MON, TUE, WED]},
        "rules": {"hold_meetings_granted": hold},
        "bodies": [body("A", granted[0]), body("B", granted[1])],
        "blocks": [{"name": "Working groups", "bodies": ["A", "B"]}],
    }


def test_granting_more_meetings_as_a_ceiling_keeps_a_session_feasible():
    for granted in ((2, 2), (4, 4), (6, 6)):
        instance = Instance.model_validate(several_bodies(False, granted))
        schedule = draft(instance, SolveSettings(time_limit=20))
        assert validate_session(interpret_session(instance), schedule).ok
        assert len([m for m in schedule.meetings if m.body == "A"]) <= granted[0]


def test_holding_every_meeting_granted_still_counts_them_all():
    with pytest.raises(DoesNotFit, match="need A 4 \\+ B 4 = 8 meetings"):
        draft(Instance.model_validate(several_bodies(True, (4, 4))))


def test_a_ceiling_is_never_offered_lower_as_a_way_out():
    data = several_bodies(False, (3, 3))
    data["calendar"]["dates"] = [MON]  # two sittings for two bodies that need two each
    instance = Instance.model_validate(data)
    with pytest.raises(DoesNotFit) as caught:
        draft(instance)
    from solver.plans.drafting import explanation

    lines = explanation(instance, caught.value, seconds=10).lines()
    assert not any("meeting fewer" in line for line in lines), lines


# -- Avoided sittings --------------------------------------------------------------------------


def test_an_avoided_sitting_holds_in_the_draft():
    data = base()
    data["calendar"]["dates"] = [MON, TUE, WED]
    data["calendar"]["meetings_granted"] = 6
    plain = sittings_of(solve_valid(problem_of(data)), "3")
    assert (TUE, "afternoon") in plain
    item(data, "3")["avoid"] = [{"date": TUE, "sitting": "afternoon"}]
    assert (TUE, "afternoon") not in sittings_of(solve_valid(problem_of(data)), "3")


def test_an_avoided_day_holds_for_an_event_too():
    data = base()
    data["calendar"]["dates"] = [MON, TUE, WED]
    data["calendar"]["meetings_granted"] = 6
    data["items"].insert(3, {"id": "3 bis", "title": "Briefing by the Secretariat", "estimate": "1h", "avoid": [TUE, WED], "order": "free"})
    schedule = solve_valid(problem_of(data))
    assert {day for day, _ in sittings_of(schedule, "3 bis")} == {MON}


def avoid_the_only_place() -> dict:
    data = base()
    item(data, "3")["avoid"] = [{"date": TUE, "sitting": "morning"}]
    item(data, "3")["pin"] = {"date": TUE, "sitting": "morning"}
    return data


def test_avoiding_the_only_place_left_is_infeasible_and_explained():
    data = base()
    item(data, "2")["avoid"] = [MON]  # item 2 follows the opening in the first meeting: Monday
    problem = problem_of(data)
    assert model_status(problem) == "INFEASIBLE"
    with pytest.raises(DoesNotFit) as caught:
        solve(problem)
    explanation = explain(problem, caught.value, seconds=15)
    assert any(c.rule == "avoid" for c in explanation.conflicts), explanation.lines()
    ways = [w for w in explanation.ways_out if "let item 2 be taken up on Monday, 4 March" in w.text]
    assert ways and feasible(ways[0].instance)


def test_avoiding_every_sitting_a_pin_leaves_is_caught_by_the_arithmetic():
    with pytest.raises(DoesNotFit, match="avoids every sitting its pin or date leaves it"):
        solve(problem_of(avoid_the_only_place()))


def test_an_avoided_day_outside_the_session_is_refused():
    data = base()
    item(data, "3")["avoid"] = ["2031-01-01"]
    with pytest.raises(ValueError, match=r"items\['3'\].avoid\[0\]: 2031-01-01 is not a day of the session"):
        Instance.model_validate(data)


# -- Pins of items longer than their sitting ---------------------------------------------------


def test_a_long_item_pinned_to_a_sitting_is_under_way_there_and_runs_on():
    data = base()
    data["calendar"]["dates"] = [MON, TUE, WED]
    data["calendar"]["meetings_granted"] = 6
    item(data, "2")["estimate"] = "7h"
    item(data, "2")["pin"] = {"date": TUE, "sitting": "morning"}  # the Minister speaks during the debate
    schedule = solve_valid(problem_of(data))
    assert (TUE, "morning") in sittings_of(schedule, "2")
    assert len(sittings_of(schedule, "2")) > 1


def test_a_long_item_pinned_whole_is_infeasible_and_the_pin_is_named():
    data = base()
    item(data, "2")["estimate"] = "4h"
    item(data, "2")["pin"] = {"date": MON, "sitting": "afternoon", "whole": True}
    problem = problem_of(data)
    assert model_status(problem) == "INFEASIBLE"
    with pytest.raises(DoesNotFit) as caught:
        solve(problem)
    explanation = explain(problem, caught.value, seconds=15)
    assert any(c.rule == "pins" and c.subject == "2" for c in explanation.conflicts), explanation.lines()
    assert explanation.ways_out and all(feasible(w.instance) for w in explanation.ways_out)


def test_an_item_pinned_under_way_to_a_sitting_it_cannot_reach_is_infeasible():
    data = base()
    item(data, "3")["pin"] = {"date": MON, "sitting": "morning", "whole": False}  # item 2 fills Monday after the opening
    item(data, "2")["estimate"] = "6h"
    item(data, "3")["estimate"] = "1h"
    problem = problem_of(data)
    assert model_status(problem) == "INFEASIBLE"
    with pytest.raises(DoesNotFit):
        solve(problem)


def test_a_start_time_with_an_under_way_pin_starts_the_item_there():
    data = base()
    data["calendar"]["dates"] = [MON, TUE, WED]
    data["calendar"]["meetings_granted"] = 6
    item(data, "3")["estimate"] = "5h"
    item(data, "3")["pin"] = {"date": TUE, "sitting": "morning", "whole": False}
    item(data, "3")["at"] = "11:00"
    schedule = solve_valid(problem_of(data))
    first = next(p for m in schedule.meetings for p in m.pieces if p.item == "3")
    assert str(first.start) == "11:00:00"
    assert meetings_of(schedule)["3"][0] == 3


# -- every stage bounded, every draft proven where it can be ---------------------------------


def test_a_long_session_with_a_pinned_event_is_proven_and_shares_its_spare_time():
    from benchmarks.generate import Patterns, one_body

    data = one_body(40, 21, seed=4, meetings=41, patterns=Patterns(event=True))
    schedule = solve_valid(problem_of(data), time_limit=30)
    stages = {s.name: s.status for s in schedule.solver.stages}
    assert stages["penalties"] == "OPTIMAL"
    assert set(stages) == {"penalties", "meeting shares", "spare at the end", "latest"}
    assert all(status in ("OPTIMAL", "WITHIN 0.5 %") for status in stages.values()), stages
    event = next(p for m in schedule.meetings for p in m.pieces if p.item == "E1")
    assert str(event.start) == "15:00:00"


def test_the_generated_segments_and_windows_fit_by_construction_and_keep_their_days():
    from benchmarks.generate import Patterns, one_body

    data = one_body(20, 10, seed=2, patterns=Patterns(segments=3, windows=True))
    assert len(data["segments"]) == 3 and "_layout" not in str(data)
    schedule = solve_valid(problem_of(data), time_limit=20)
    for segment in data["segments"]:
        first, last = segment["between"]
        days = [m.date.isoformat() for m in schedule.meetings for p in m.pieces if p.item in segment["items"]]
        assert days and all(first <= day <= last for day in days), segment["name"]


def test_the_generated_ties_between_bodies_fit_by_construction():
    from benchmarks.generate import many_bodies

    data = many_bodies(10, 8, 2, seed=1, ties=5)
    tied = sum(len(b.get("after", [])) + len(b.get("before", [])) + sum(len(i.get("follows", [])) for i in b["items"]) for b in data["bodies"])
    assert tied == 5
    instance = Instance.model_validate(data)
    schedule = draft(instance, SolveSettings(time_limit=20))
    assert validate_session(interpret_session(instance), schedule).ok


def test_commands_that_do_not_solve_do_not_import_or_tools(tmp_path):
    import subprocess
    import sys

    from tests.conftest import GOLDEN, REFERENCE, ROOT

    draft = GOLDEN / "ctoc-wg-tip-2017.json"
    agenda = ROOT / "instances" / "examples" / "agenda-ctoc-wg-tip-2017.txt"
    commands = [
        ["--help"], ["check", str(REFERENCE)], ["diff", str(draft), str(draft)], ["export", str(draft), "-o", str(tmp_path / "a.docx")],
        ["import", str(agenda), "-o", str(tmp_path / "imported.yaml")], ["learn", str(draft), "-o", str(tmp_path / "estimates.yaml")],
        ["risk", str(REFERENCE), str(draft), "--samples", "500", "-o", str(tmp_path / "risk.html")],
    ]
    # one interpreter runs them in turn and says after each whether OR-Tools has been imported:
    # the first command that imports it is the one named
    code = (
        "import sys\nfrom cli import main\n"
        f"for args in {commands!r}:\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
        "    print('ORTOOLS', 'ortools' in sys.modules, args[0], flush=True)\n"
    )
    shown = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    said = [line.split() for line in shown.splitlines() if line.startswith("ORTOOLS ")]
    assert [name for _, _, name in said] == [args[0] for args in commands], shown
    assert [name for _, imported, name in said if imported == "True"] == [], shown


# -- Date windows ------------------------------------------------------------------------------


def test_an_item_due_by_a_date_is_taken_up_by_it():
    data = base()
    data["calendar"]["dates"] = [MON, TUE, WED]
    data["calendar"]["meetings_granted"] = 6
    item(data, "3")["order"] = "free"
    item(data, "3")["not_after"] = MON
    schedule = solve_valid(problem_of(data))
    assert {day for day, _ in sittings_of(schedule, "3")} == {MON}


def test_an_item_between_two_days_stays_between_them():
    data = base()
    data["calendar"]["dates"] = [MON, TUE, WED]
    data["calendar"]["meetings_granted"] = 6
    item(data, "3")["between"] = [WED, WED]
    schedule = solve_valid(problem_of(data))
    assert {day for day, _ in sittings_of(schedule, "3")} == {WED}


def test_an_item_due_before_the_agenda_can_reach_it_is_infeasible_and_explained():
    data = base()
    item(data, "3")["not_after"] = MON  # item 2 fills Monday after the opening
    problem = problem_of(data)
    assert model_status(problem) == "INFEASIBLE"
    with pytest.raises(DoesNotFit) as caught:
        solve(problem)
    explanation = explain(problem, caught.value, seconds=15)
    assert any(c.rule == "not-after" for c in explanation.conflicts), explanation.lines()
    assert explanation.ways_out and all(feasible(w.instance) for w in explanation.ways_out)


def test_dates_that_leave_no_open_sitting_are_caught_by_the_arithmetic():
    data = base()
    data["calendar"].update(dates=[MON, TUE, WED], closed=[{"date": TUE, "reason": "Holiday"}])
    item(data, "3")["between"] = [TUE, TUE]
    with pytest.raises(DoesNotFit, match="must be taken up on Tuesday, 5 March, and no sitting is open then"):
        solve(problem_of(data))


def test_a_window_outside_the_session_or_reversed_is_refused():
    data = base()
    item(data, "3")["between"] = ["2031-01-01", "2031-01-02"]
    with pytest.raises(ValueError, match=r"items\['3'\].between: .* lies outside the session"):
        Instance.model_validate(data)
    item(data, "3")["between"] = [TUE, MON]
    with pytest.raises(ValueError, match="is before"):
        Instance.model_validate(data)


def test_an_estimate_in_days_counts_the_days_sittings():
    data = base()
    item(data, "2")["estimate"] = "1 day"
    assert problem_of(data).task("2").estimate == 360


# -- Segments ----------------------------------------------------------------------------------


def segmented(first: str, second: str) -> dict:
    """Items 3 in an earlier segment than item 2: the segments' days, not the numbering, order them."""
    data = base()
    data["segments"] = [
        {"name": "Thematic segment", "between": [first, first], "items": ["3"]},
        {"name": "General segment", "between": [second, second], "items": ["2"]},
    ]
    return data


def test_segments_follow_their_days_not_the_numbering():
    schedule = solve_valid(problem_of(segmented(MON, TUE)))
    assert {d for d, _ in sittings_of(schedule, "3")} == {MON} and {d for d, _ in sittings_of(schedule, "2")} == {TUE}


def test_segments_whose_days_cannot_hold_their_items_are_infeasible_and_explained():
    data = segmented(MON, MON)  # both segments on Monday: six hours of items in two meetings with the opening
    problem = problem_of(data)
    with pytest.raises(DoesNotFit) as caught:
        solve(problem)
    explanation = explain(problem, caught.value, seconds=15)
    assert explanation.conflicts or explanation.arithmetic
    assert all(feasible(w.instance) for w in explanation.ways_out)


def test_a_segment_without_items_is_a_block_of_its_own_printed_by_name():
    from reports.annex import annex_rows

    data = base()
    data["calendar"] = {"dates": [MON, TUE], "meetings_granted": 4}
    data["items"] = [{"id": "1", "title": "Opening of the session", "estimate": "15 min"}]
    data["segments"] = [{"name": "High-level segment", "between": [MON, MON], "estimate": "5 h"},
                        {"name": "General segment", "between": [TUE, TUE], "estimate": "5 h"}]
    rows = annex_rows(solve_valid(problem_of(data)))
    assert [r.title for r in rows if r.kind == "item" and r.item == ""][:2] == ["High-level segment", "High-level segment (continued)"]


def test_a_segment_naming_an_unknown_item_is_refused():
    data = segmented(MON, TUE)
    data["segments"][0]["items"] = ["9"]
    with pytest.raises(ValueError, match=r"segments\[0\].items: no item '9'"):
        Instance.model_validate(data)
