"""Items as real agendas take them up: in several parts, together with other items, around
events. Each notion: a holding case, a broken one, the annex as the house prints it."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from reports.annex import annex_rows
from solver.errors import DoesNotFit
from solver.explain.explain import explain
from solver.input.instance import Instance
from solver.solving.feasibility import feasible
from solver.solving.solve import solve
from tests.conftest import base, item, meetings_of, model_status, problem_of, solve_valid

MON, TUE, WED = "2030-03-04", "2030-03-05", "2030-03-06"


def organizational_matters_in_two_parts() -> dict:
    """Item 1 opened first and resumed at the end for the closing decisions (UN-Women's board)."""
    data = base()
    data["items"][0] = {
        "id": "1", "title": "Organizational matters",
        "parts": [{"estimate": "15 min"}, {"estimate": "30 min", "meeting": "last", "title": "Adoption of the workplan; closing"}],
    }
    return data


def rows_of(schedule, item_id: str):
    return [row for row in annex_rows(schedule) if row.item == item_id]


def test_an_item_in_two_parts_is_opened_first_and_resumed_in_the_last_meeting():
    schedule = solve_valid(problem_of(organizational_matters_in_two_parts()))
    found = meetings_of(schedule)
    assert found["1"] == [1] and found["1 (part 2)"] == [len(schedule.meetings)]
    last = [p.item for p in schedule.meetings[-1].pieces]
    assert last.index("1 (part 2)") < last.index("4") < last.index("5"), "before other matters and the report"
    rows = rows_of(schedule, "1")
    assert rows[0].title == "Organizational matters"
    assert rows[1].title == "Adoption of the workplan; closing (continued)"


def test_a_later_part_is_not_an_opening_item():
    problem = problem_of(organizational_matters_in_two_parts())
    assert problem.task("1").role == "opening"
    assert problem.task("1 (part 2)").role == "none" and not problem.task("1 (part 2)").substantive


def test_a_later_part_without_a_place_is_refused():
    data = base()
    data["items"][1] = {"id": "2", "title": "Debate", "parts": [{"estimate": "2h"}, {"estimate": "1h"}]}
    with pytest.raises(ValidationError, match="says nothing of where it is taken up"):
        Instance.model_validate(data)


def test_an_item_in_parts_with_its_own_estimate_is_refused():
    data = base()
    data["items"][1] = {"id": "2", "title": "Debate", "estimate": "3h", "parts": [{"estimate": "2h"}, {"estimate": "1h", "position": "last"}]}
    with pytest.raises(ValidationError, match="give each part its estimate"):
        Instance.model_validate(data)


def debate_suspended_for_a_panel() -> dict:
    """A general debate, a panel on its sub-items taken up together, the debate resumed (CPD)."""
    data = base()
    data["calendar"]["dates"] = [MON, TUE, WED]
    data["calendar"]["meetings_granted"] = 6
    data["items"][1:3] = [
        {"id": "2", "title": "General debate", "parts": [{"estimate": "3h"}, {"estimate": "3h", "order": {"after": "2 (b)"}}]},
        {"id": "2 (a)", "title": "Panel on the first theme", "estimate": "3h", "together": ["2 (b)"]},
        {"id": "2 (b)", "title": "The second theme"},
        {"id": "3", "title": "Technical assistance", "estimate": "3h"},
    ]
    return data


def test_a_debate_is_resumed_right_after_the_panel_on_its_sub_items():
    schedule = solve_valid(problem_of(debate_suspended_for_a_panel()))
    order = [p.item for m in schedule.meetings for p in m.pieces]
    firsts = [order.index(i) for i in ("2", "2 (a)", "2 (part 2)", "3")]
    assert firsts == sorted(firsts)
    rows = annex_rows(schedule)
    panel = next(n for n, row in enumerate(rows) if row.item == "2 (a)")
    assert rows[panel + 1].item == "2 (b)" and rows[panel + 1].title == "The second theme"
    assert any(row.item == "2" and row.title == "General debate (continued)" for row in rows[panel:])


def test_items_taken_up_together_share_their_time_and_are_continued_together():
    data = debate_suspended_for_a_panel()
    item(data, "2 (a)")["estimate"] = "4h"
    schedule = solve_valid(problem_of(data))
    rows = annex_rows(schedule)
    continued = [n for n, row in enumerate(rows) if row.item == "2 (a)" and row.title.endswith("(continued)")]
    assert continued and rows[continued[0] + 1].item == "2 (b)" and rows[continued[0] + 1].title.endswith("(continued)")
    record = next(r for r in schedule.items if r.id == "2 (b)")
    assert record.with_item == "2 (a)"


def test_an_item_taken_up_together_with_a_place_of_its_own_is_refused():
    data = debate_suspended_for_a_panel()
    item(data, "2 (b)")["pin"] = {"date": MON}
    with pytest.raises(ValidationError, match="has a time or place of its own"):
        Instance.model_validate(data)


def test_a_part_placed_in_the_last_meeting_that_cannot_fit_there_is_explained():
    data = organizational_matters_in_two_parts()
    data["items"][0]["parts"][1]["estimate"] = "2h30"  # with other matters and the report: 3h45 in a 3h meeting
    problem = problem_of(data)
    with pytest.raises(DoesNotFit, match="must be taken up in the last meeting"):
        solve(problem)


def test_a_part_in_the_last_meeting_is_infeasible_when_a_pin_keeps_it_out_and_the_way_out_fits():
    data = organizational_matters_in_two_parts()
    data["items"][0]["parts"][1]["pin"] = {"date": MON, "sitting": "afternoon"}
    problem = problem_of(data)
    assert model_status(problem) == "INFEASIBLE"
    with pytest.raises(DoesNotFit) as caught:
        solve(problem)
    explanation = explain(problem, caught.value, seconds=15)
    assert {c.rule for c in explanation.conflicts} >= {"in-meeting", "pins"}, explanation.lines()
    assert explanation.ways_out and all(feasible(w.instance) for w in explanation.ways_out)


def test_items_in_one_part_are_unchanged_by_parts():
    schedule = solve_valid(problem_of(base()))
    assert all(r.part is None and r.item is None and not r.together for r in schedule.items)
    assert '"part"' not in schedule.to_json() and '"together"' not in schedule.to_json()


def test_an_annex_with_parts_groups_and_events_reads_back_and_holds(tmp_path):
    from click.testing import CliRunner
    import yaml

    from cli import main

    data = debate_suspended_for_a_panel()
    data["items"][0] = organizational_matters_in_two_parts()["items"][0]
    data["events"] = [{"id": "HL", "title": "High-level opening", "duration": "1h", "pin": {"date": MON, "sitting": "morning"}, "at": "10:00"}]
    source = tmp_path / "session.yaml"
    source.write_text(yaml.safe_dump(data), encoding="utf-8")
    draft, annex = tmp_path / "draft.json", tmp_path / "annex.csv"
    assert CliRunner().invoke(main, ["solve", str(source), "-o", str(draft)]).exit_code == 0
    assert CliRunner().invoke(main, ["export", str(draft), "-o", str(annex)]).exit_code == 0
    result = CliRunner().invoke(main, ["check", str(source), str(annex)])
    assert result.exit_code == 0, result.output
