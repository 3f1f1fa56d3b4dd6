"""When plans change: checking hand-edited schedules (JSON, CSV, Excel), re-planning against a
published schedule with few moves, the diff of two schedules, and partial plans."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from cli import main
from reports.formats import FORMATS
from reports.reading import read_schedule
from solver.input import edits
from solver.check.diff import diff, placement
from solver.solving.feasibility import feasible
from solver.input.instance import Instance
from solver.input.loading import load_instance
from solver.plans.partial import plan_partially
from solver.problem.problem import interpret
from solver.solving.solve import solve
from solver.check.validate import validate
from tests.conftest import REFERENCE, base, hand_made, item, problem_of, solve_valid
from tests.test_validator import BROKEN, CORRECT


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def published():
    return solve_valid(interpret(load_instance(REFERENCE)))


# -- check a hand-edited schedule -------------------------------------------------------------------


def _write_instance(tmp_path, data, name="session.yaml"):
    path = tmp_path / name
    clean = {k: v for k, v in data.items() if not k.startswith("_")}
    path.write_text(yaml.safe_dump(clean), encoding="utf-8")
    return path


@pytest.mark.parametrize("rule", sorted(r for r in BROKEN if r != "agreed"))
def test_check_reports_each_violation_with_its_name_items_and_meetings(tmp_path, rule):
    data, plan = BROKEN[rule]
    problem = problem_of({k: v for k, v in data.items() if not k.startswith("_")})
    schedule_path = tmp_path / "edited.json"
    schedule_path.write_text(hand_made(problem, plan).to_json(), encoding="utf-8")
    result = run("check", _write_instance(tmp_path, data), schedule_path)
    assert result.exit_code == 1, result.output
    report = validate(problem, hand_made(problem, plan))
    for violation in (v for v in report.violations if v.rule == rule):
        assert f"- {violation.name}: {violation.message}" in result.output
        assert all(f"item {i}" in violation.message or f"items {i}" in violation.message or i in violation.message for i in violation.items)


def test_check_passes_a_correct_schedule(tmp_path):
    problem = problem_of(base())
    path = tmp_path / "ok.json"
    path.write_text(hand_made(problem, CORRECT).to_json(), encoding="utf-8")
    result = run("check", _write_instance(tmp_path, base()), path)
    assert result.exit_code == 0 and "holds; no rule is broken" in result.output


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exported_annex_round_trips(tmp_path, published, fmt):
    path = tmp_path / f"annex.{fmt}"
    content = FORMATS[fmt].render(published)
    path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    problem = interpret(load_instance(REFERENCE))
    edited = read_schedule(path, problem)
    assert placement(edited.schedule) == placement(published)
    assert validate(problem, edited.schedule).ok
    assert run("check", REFERENCE, path).exit_code == 0


def _write_csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    return path


def _csv_rows(schedule) -> list[list[str]]:
    return list(csv.reader(io.StringIO(FORMATS["csv"].render(schedule))))


def test_rows_moved_in_an_edited_csv_are_reported(tmp_path, published):
    rows = _csv_rows(published)
    # item 3's Thursday-morning row and item 2's Wednesday-afternoon row trade places
    rows[5], rows[8] = rows[8], rows[5]
    path = _write_csv(tmp_path / "edited.csv", rows)
    result = run("check", REFERENCE, path)
    assert result.exit_code == 1
    assert "Continued without skipping: item 2 continues on Thursday, 7 September, afternoon but skips Wednesday, 6 September, afternoon" in result.output
    assert "Agenda order: item 3 is taken up on Wednesday, 6 September, afternoon, before item 2 has ended" in result.output


def test_a_debate_moved_into_a_full_meeting_is_blamed_alone_and_the_opening_items_keep_their_time(tmp_path, published):
    rows = _csv_rows(published)
    moved = next(r for r in rows if r[0] == "10 a.m.–1 p.m." and r[1] == "3")  # item 3's Thursday-morning row ...
    rows.remove(moved)
    at = next(k for k, r in enumerate(rows) if r[1] == "1 (b)")
    rows.insert(at + 1, ["", *moved[1:]])  # ... moved by hand into the opening meeting, before item 2
    result = run("check", REFERENCE, _write_csv(tmp_path / "edited.csv", rows))
    assert result.exit_code == 1
    timing = [line for line in result.output.splitlines() if "Time for each item" in line]
    assert len(timing) == 1 and "procedural" not in timing[0], timing  # one debate short, not 1 (a) and 1 (b) at 5 min


def test_rows_added_and_deleted_in_an_edited_excel_annex_are_reported(tmp_path, published):
    path = tmp_path / "edited.xlsx"
    path.write_bytes(FORMATS["xlsx"].render(published))
    book = openpyxl.load_workbook(path)
    sheet = book["Annex"]
    for row in sheet.iter_rows(min_row=2):
        if row[1].value == "4":  # other matters deleted by hand; its sitting label stays for item 5
            row[1].value = row[2].value = None
    sheet.append(["", "6", "Election of the Bureau of the next session"])  # an item added by hand
    book.save(path)
    result = run("check", REFERENCE, path)
    assert result.exit_code == 1
    assert "Every item taken up: item 4 is not taken up in any meeting" in result.output
    assert "Every item taken up: item 6 is not on the agenda" in result.output


def test_an_unreadable_annex_row_is_one_clear_line(tmp_path, published):
    rows = _csv_rows(published)
    rows[2][0] = "11 a.m.–2 p.m."
    path = _write_csv(tmp_path / "edited.csv", rows)
    result = run("check", REFERENCE, path)
    assert result.exit_code == 1
    assert "row 3: '11 a.m.–2 p.m.' is not a sitting of Wednesday, 6 September; write one of '10 a.m.–1 p.m.', '3–6 p.m.'" in result.output


# -- re-plan with few moves ------------------------------------------------------------------------


def _replan(published, *changes):
    problem = interpret(edits.apply(load_instance(REFERENCE), *changes))
    schedule = solve(problem, baseline=published)
    assert validate(problem, schedule).ok
    return problem, schedule


def _each_move_was_needed(problem, published, schedule):
    """Pinning every unmoved item to its published sittings is feasible; pinning a moved one
    too is not: each move was forced, so none can be spared."""
    where = placement(published)
    moved = {m.item for m in schedule.moves}
    stay = frozenset((i, d, s) for i, places in where.items() if i not in moved for d, s in places)
    assert feasible_with(problem.instance, stay)
    for item_id in moved:
        also = stay | {(item_id, d, s) for d, s in where[item_id]}
        assert not feasible_with(problem.instance, also, item_id, len(where[item_id]))


def feasible_with(instance: Instance, agreed, item_id: str | None = None, meetings: int = 0) -> bool:
    """Feasible with the rows agreed (and, if named, `item_id` in exactly `meetings` meetings)."""
    from ortools.sat.python import cp_model

    from solver.model.build import build

    problem = interpret(instance, agreed=agreed)
    built = build(problem)
    if item_id is not None:
        v = built.variables
        crossings = [v.crosses(problem.task(item_id).index, k) for k in range(1, v.n_meetings)]
        built.model.add(sum(c for c in crossings if not isinstance(c, bool)) + sum(1 for c in crossings if c is True) == meetings - 1)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    return solver.solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def test_a_longer_item_moves_only_itself(published):
    problem, schedule = _replan(published, edits.set_estimate("3", 7 * 60))
    assert [m.item for m in schedule.moves] == ["3"]
    assert schedule.moves[0].after == ["Thursday, 7 September, morning", "Thursday, 7 September, afternoon", "Friday, 8 September, morning"]
    _each_move_was_needed(problem, published, schedule)
    assert schedule.solver.stages[0].name == "moves" and schedule.solver.stages[0].value == 1


def test_a_shorter_item_moves_nothing(published):
    _, schedule = _replan(published, edits.set_estimate("2", 2 * 60))
    assert schedule.moves == []


def test_a_meeting_cut_moves_as_little_as_possible(published):
    problem, schedule = _replan(published, edits.grant_meetings(4))
    assert len(schedule.meetings) == 4
    assert len(schedule.moves) == 1
    _each_move_was_needed(problem, published, schedule)


def test_a_fresh_solve_may_move_more_than_a_replan(published):
    change = edits.set_estimate("2", 6 * 60 + 30)
    _, replanned = _replan(published, change)
    fresh = solve(interpret(edits.apply(load_instance(REFERENCE), change)))
    assert len(replanned.moves) <= len(diff(published, fresh))
    assert [m.item for m in replanned.moves] == ["2"]


def test_diff_lists_exactly_the_moves(tmp_path, published):
    _, schedule = _replan(published, edits.set_estimate("3", 7 * 60))
    a, b = tmp_path / "published.json", tmp_path / "revised.json"
    a.write_text(published.to_json(), encoding="utf-8")
    b.write_text(schedule.to_json(), encoding="utf-8")
    result = run("diff", a, b)
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "item 3: Thursday, 7 September, morning and Thursday, 7 September, afternoon → "
        "Thursday, 7 September, morning and Thursday, 7 September, afternoon and Friday, 8 September, morning"
    ]
    assert run("diff", a, a).output == "No item moved.\n"


def test_solve_with_a_baseline_prints_the_moves(tmp_path, published):
    longer = tmp_path / "longer.yaml"
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    item(data, "3")["estimate"] = "7h"
    longer.write_text(yaml.safe_dump(data), encoding="utf-8")
    base_path = tmp_path / "published.json"
    base_path.write_text(published.to_json(), encoding="utf-8")
    result = CliRunner().invoke(main, ["solve", str(longer), "--baseline", str(base_path)])
    assert result.exit_code == 0
    assert "Moved from the baseline:\n- item 3: Thursday, 7 September, morning" in result.output
    moves = json.loads(CliRunner().invoke(main, ["solve", str(longer), "--baseline", str(base_path), "--format", "json"]).stdout)["moves"]
    assert [m["item"] for m in moves] == ["3"]


def test_rows_marked_agreed_stay_where_they_are(tmp_path, published):
    rows = _csv_rows(published)
    rows[0].append("Agreed")
    for row in rows[1:]:
        row.append("x" if row[1] == "3" and row[0] == "3–6 p.m." else "")
    path = _write_csv(tmp_path / "agreed.csv", rows)
    problem = interpret(load_instance(REFERENCE))
    edited = read_schedule(path, problem)
    assert {(i, s) for i, _, s in edited.agreed} == {("3", "afternoon")}
    # item 3 grows to a day and a half: with Thursday afternoon agreed, it must still hold it
    bigger = interpret(edits.apply(load_instance(REFERENCE), edits.set_estimate("3", 8 * 60)), agreed=edited.agreed)
    schedule = solve(bigger, baseline=edited.schedule)
    thursday = __import__("datetime").date(2017, 9, 7)
    assert (thursday, "afternoon") in placement(schedule)["3"]
    assert validate(bigger, schedule).ok


def test_an_agreed_row_that_cannot_hold_is_explained():
    data = base()
    problem = interpret(Instance.model_validate(data), agreed=frozenset({("5", __import__("datetime").date(2030, 3, 4), "morning")}))
    from solver.errors import DoesNotFit
    from solver.explain.explain import explain

    with pytest.raises(DoesNotFit) as caught:
        solve(problem)
    explanation = explain(problem, caught.value)
    assert ("agreed", "5") in {(c.rule, c.subject) for c in explanation.conflicts}


# -- partial plans ---------------------------------------------------------------------------------


def _overfull():
    data = base()
    data["items"].insert(3, {"id": "3 (a)", "title": "Debate C", "estimate": "4h"})
    data["items"].insert(4, {"id": "3 (b)", "title": "Debate D", "estimate": "2h"})
    return data


def test_partial_plan_leaves_out_the_last_items_by_agenda_order():
    problem = problem_of(_overfull())
    schedule = plan_partially(problem)
    assert [o.id for o in schedule.left_out] == ["3 (b)"]
    assert schedule.left_out[0].estimate_minutes == 120
    kept = {r.id for r in schedule.items}
    assert {"1", "4", "5"} <= kept and "3 (b)" not in kept


def test_partial_plan_follows_priorities():
    data = _overfull()
    item(data, "3 (b)")["priority"] = 1
    schedule = plan_partially(problem_of(data))
    assert [o.id for o in schedule.left_out] == ["3 (a)"]


def test_partial_plan_left_out_list_is_correct():
    problem = problem_of(_overfull())
    schedule = plan_partially(problem)
    left = {o.id for o in schedule.left_out}
    kept_instance = edits.apply(problem.instance, edits.remove_items(left))
    assert feasible(kept_instance)
    for item_id in left:
        assert not feasible(edits.apply(problem.instance, edits.remove_items(left - {item_id}))), item_id


def test_partial_plan_never_drops_procedural_items_or_the_report():
    data = base()
    item(data, "2")["estimate"] = "9h"
    item(data, "3")["estimate"] = "9h"
    item(data, "5")["estimate"] = "2h"
    schedule = plan_partially(problem_of(data))
    kept = {r.id for r in schedule.items}
    assert {"1", "4", "5"} <= kept
    assert {o.id for o in schedule.left_out} <= {"2", "3"}


def test_partial_plan_of_an_agenda_that_fits_leaves_nothing_out():
    assert plan_partially(problem_of(base())).left_out == []


def test_partial_flag_on_the_command_line(tmp_path):
    path = _write_instance(tmp_path, _overfull())
    result = CliRunner().invoke(main, ["solve", str(path), "--partial"])
    assert result.exit_code == 0
    assert "If time permits (left out of this plan):\n- item 3 (b): Debate D (would need 2 h)" in result.output
    full = CliRunner().invoke(main, ["solve", str(path)])
    assert full.exit_code == 2
    assert f"Or plan what fits: orgwork solve {path} --partial" in full.output  # the way to a partial plan is offered
