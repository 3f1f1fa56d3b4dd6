"""Scenario files and side-by-side comparison: overrides validated like instances, figures checked
against schedules solved one by one, infeasible variants shown with their reason, exports."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner

from cli import main
from solver.plans.compare import compare, figures, Result
from solver.check.diff import diff
from solver.plans.drafting import draft
from solver.errors import DoesNotFit, InputError
from solver.plans.scenarios import load_scenarios
from tests.conftest import INSTANCES

SCENARIOS = INSTANCES / "ctoc-wg-tip-2017-scenarios.yaml"


@pytest.fixture(scope="module")
def comparison():
    base, variants = load_scenarios(SCENARIOS)
    return compare(base, variants, processes=2)


def test_the_reference_scenarios_are_all_there():
    _, variants = load_scenarios(SCENARIOS)
    names = [name for name, _ in variants]
    for wanted in ("Four meetings instead of five", "Item 3 needs a whole day plus an hour", "The session starts a day later", "Friday afternoon granted too"):
        assert wanted in names
    instances = dict(variants)
    assert instances["Four meetings instead of five"].calendar.meetings_granted == 4
    assert instances["Item 3 needs a whole day plus an hour"].items[3].estimate.minutes(180) == 7 * 60
    assert str(instances["The session starts a day later"].calendar.dates[0]) == "2017-09-07"
    assert instances["Friday afternoon granted too"].calendar.meetings_granted == 6


def test_figures_are_those_of_schedules_solved_one_by_one(comparison):
    base_schedule = comparison.base.schedule
    for result in comparison.results[1:]:
        try:
            alone = draft(result.instance)
        except DoesNotFit as error:
            assert result.schedule is None and result.reason == error.summary
            continue
        assert alone.to_json() == result.schedule.to_json(), result.name
        expected = figures(Result(result.name, result.instance, alone), base_schedule)
        assert comparison.figures()[comparison.results.index(result)] == expected
        assert [m.item for m in comparison.moves(result)] == [m.item for m in diff(base_schedule, alone)]


def test_specific_figures(comparison):
    columns, rows = comparison.table()
    table = {row[0]: dict(zip(columns[1:], row[1:])) for row in rows}
    assert table["Meetings used"]["Four meetings instead of five"] == "4 of 4"
    assert table["Meetings used"]["Friday afternoon granted too"] == "6 of 6"
    assert table["Items moved from the base"]["Item 3 needs a whole day plus an hour"] == "1 (3)"
    assert table["Spare time, last day"]["Base"] == "1 h 45 min"
    assert table["Last meeting"]["Base"] == "4, 5: 1 h 15 min of 3 h"
    assert table["Continuations"]["Item 3 needs a whole day plus an hour"] == "3"


def test_an_infeasible_variant_shows_its_reason(comparison):
    columns, rows = comparison.table()
    feasible = dict(zip(columns[1:], rows[0][1:]))
    assert feasible["Three meetings only"].startswith("no: the agenda does not fit")
    result = next(r for r in comparison.results if r.name == "Three meetings only")
    assert any("grant one more meeting" in line for line in result.explanation)


def test_results_do_not_depend_on_the_number_of_processes(comparison):
    base, variants = load_scenarios(SCENARIOS)
    again = compare(base, variants[:3], processes=1)
    for one, other in zip(again.results, comparison.results):
        assert one.schedule.to_json() == other.schedule.to_json()


def write(tmp_path, data: dict, name: str = "scenarios.yaml"):
    (tmp_path / "base.yaml").write_text(SCENARIOS.with_name("ctoc-wg-tip-2017.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / name
    path.write_text(yaml.safe_dump({"base": "base.yaml", **data}), encoding="utf-8")
    return path


def test_a_misspelt_item_id_names_the_variant_and_the_id(tmp_path):
    path = write(tmp_path, {"variants": [{"name": "Longer", "items": {"33": {"estimate": "7h"}}}]})
    with pytest.raises(InputError, match=r"variants\['Longer'\]\.items: no item '33' in the base agenda; use one of 1 \(a\)"):
        load_scenarios(path)


def test_an_override_that_breaks_the_instance_names_the_variant(tmp_path):
    path = write(tmp_path, {"variants": [{"name": "Bad estimate", "items": {"3": {"estimate": "lots"}}}]})
    with pytest.raises(InputError, match=r"variants\['Bad estimate'\]: items\['3'\]\.estimate: 'lots' is not a duration"):
        load_scenarios(path)


def test_unknown_override_keys_and_missing_base_are_refused(tmp_path):
    path = write(tmp_path, {"variants": [{"name": "X", "meetings_grantd": 4}]})
    with pytest.raises(InputError, match="unknown key"):
        load_scenarios(path)
    missing = tmp_path / "other.yaml"
    missing.write_text("base: nowhere.yaml\nvariants: [{name: X}]\n", encoding="utf-8")
    with pytest.raises(InputError, match="no such file"):
        load_scenarios(missing)


def test_items_added_and_removed(tmp_path):
    path = write(tmp_path, {"variants": [
        {"name": "No other matters", "remove_items": ["4"]},
        {"name": "An extra item", "add_items": [{"item": {"id": "3 bis", "title": "Cooperation with civil society", "estimate": "1h"}}]},
    ]})
    _, variants = load_scenarios(path)
    assert [i.id for i in variants[0][1].items] == ["1 (a)", "1 (b)", "2", "3", "5"]
    assert [i.id for i in variants[1][1].items] == ["1 (a)", "1 (b)", "2", "3", "3 bis", "4", "5"]


def test_rules_switched_and_closures_added(tmp_path):
    path = write(tmp_path, {"variants": [
        {"name": "No agenda order", "rules": {"agenda_order": False}},
        {"name": "Wednesday afternoon closed", "calendar": {"closed": [{"date": "2017-09-06", "sitting": "afternoon"}]}},
    ]})
    _, variants = load_scenarios(path)
    assert variants[0][1].rules.agenda_order is False
    assert variants[1][1].calendar.closed[0].sitting == "afternoon"


# -- the command ------------------------------------------------------------------------------------


def test_compare_prints_figures_then_moves():
    result = CliRunner().invoke(main, ["compare", str(SCENARIOS), "--processes", "2"])
    assert result.exit_code == 0, result.output
    assert "Scenarios compared" in result.stdout and "Items moved from the" in result.stdout
    assert "Four meetings instead of five:" in result.stdout and "Three meetings only:" in result.stdout


def test_compare_writes_excel_with_a_summary_and_an_annex_per_variant(tmp_path):
    target = tmp_path / "scenarios.xlsx"
    assert CliRunner().invoke(main, ["compare", str(SCENARIOS), "-o", str(target)]).exit_code == 0
    book = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
    assert book.sheetnames[0] == "Summary" and len(book.sheetnames) == 1 + 8
    assert book["Summary"]["B1"].value == "Base"
    four = next(name for name in book.sheetnames if name.startswith("Four meetings"))
    assert book[four]["A1"].value == "Date and time"


def test_compare_writes_html_side_by_side(tmp_path):
    target = tmp_path / "scenarios.html"
    assert CliRunner().invoke(main, ["compare", str(SCENARIOS), "-o", str(target)]).exit_code == 0
    soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
    panels = soup.select(".panels .panel")
    assert len(panels) == 8
    assert len(soup.select(".panels svg.timeline")) == 7  # the infeasible variant shows its reason instead
    assert "does not fit" in panels[-1].get_text()


def test_compare_writes_markdown_and_json(tmp_path):
    markdown = CliRunner().invoke(main, ["compare", str(SCENARIOS), "--to", "markdown"]).stdout
    assert markdown.startswith("## Scenarios compared") and "### Item 3 needs a whole day plus an hour" in markdown
    data = json.loads(CliRunner().invoke(main, ["compare", str(SCENARIOS), "--to", "json"]).stdout)
    assert [v["name"] for v in data["variants"]][0] == "Base"
    assert data["variants"][-1]["feasible"] is False and data["variants"][-1]["reason"]


def test_a_variant_may_change_everything_a_body_says_rooms_dates_interpretation_events_items(tmp_path):
    from solver.plans.scenarios import load_scenarios

    scenario = tmp_path / "what-if.yaml"
    scenario.write_text(
        f"""
base: {INSTANCES / "cosp-plenary-cow-2025.yaml"}
variants:
  - name: Committee elsewhere, no panel
    bodies:
      COW:
        rooms: [Conference Room 2]
        earliest: 2025-12-16
        interpretation: false
        events: []
        sittings: [{{name: morning, start: "09:30", end: "12:30"}}]
        items: {{"2": {{estimate: 2h}}}}
""",
        encoding="utf-8",
    )
    _, [(name, instance)] = load_scenarios(scenario)
    cow = next(b for b in instance.body_list() if b.id == "COW")
    assert name == "Committee elsewhere, no panel"
    assert cow.rooms == ("Conference Room 2",) and str(cow.earliest) == "2025-12-16" and cow.interpretation is False
    assert cow.events == () and cow.sittings[0].start.hour == 9
    assert next(i for i in cow.items if i.id == "2").estimate.text == "2h"


def test_a_body_setting_at_the_top_of_a_several_bodies_variant_is_refused_with_where_it_goes(tmp_path):
    from solver.plans.scenarios import load_scenarios

    scenario = tmp_path / "what-if.yaml"
    scenario.write_text(f"base: {INSTANCES / 'cosp-plenary-cow-2025.yaml'}\nvariants:\n  - {{name: X, rooms: [Conference Room 2]}}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"variants\['X'\]\.rooms: the base has several bodies; write it under bodies"):
        load_scenarios(scenario)
