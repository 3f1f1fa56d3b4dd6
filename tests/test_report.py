"""The HTML report and comparison as a planner reads them, checked on their structure: each body's
timeline over its own days with the other bodies named, the legend, colours that follow the
item, free sittings a body could have used, conventions in sentences, the grid view, the annex
grouped by meeting for printing. (How they render and print: tests/test_browser.py.)"""

from __future__ import annotations

import copy

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner

from cli import main
from reports.annex import annex_rows
from reports.comparison import render_html as render_comparison
from reports.formats import FORMATS
from reports.html import grid_days, groups, sections
from reports.grid import grid
from reports.wording import figure_label, sentence
from solver.check.validate_session import validate_session
from solver.input.instance import Instance
from solver.input.loading import load_instance
from solver.problem.problem import interpret
from solver.problem.session import interpret_session
from solver.schedule import Penalty
from solver.solving.session import solve_session
from tests.conftest import INSTANCES, REFERENCE, base, problem_of, small_comparison, solve_valid


@pytest.fixture(scope="module")
def reference():
    return solve_valid(interpret(load_instance(REFERENCE)))


@pytest.fixture(scope="module")
def bodies():
    session = interpret_session(load_instance(INSTANCES / "cosp-plenary-cow-2025.yaml"))
    schedule = solve_session(session)
    assert validate_session(session, schedule).ok
    return schedule


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def by_body(schedule) -> dict:
    return {part.annex.body: part for part in sections(schedule)}


# -- 1. several bodies' timelines ------------------------------------------------------------------


def test_a_body_timeline_covers_its_own_days(bodies):
    parts = by_body(bodies)
    days = [row.label for row in parts["Informal consultations on draft resolutions"].timeline.rows]
    assert days == ["Tuesday, 16 December", "Wednesday, 17 December"], "its first meeting's day to its last's"
    assert len(parts["Plenary"].timeline.rows) == 5


def test_other_bodies_sittings_are_faint_and_named_not_empty_meetings(bodies):
    committee = by_body(bodies)["Committee of the Whole"].timeline
    friday = next(row for row in committee.rows if row.label == "Friday, 19 December")
    assert [(c.status, c.caption) for c in friday.cells][1] == ("other", "PLENARY (10)")
    assert all(cell.blocks for row in committee.rows for cell in row.cells if cell.status == "meeting"), "no empty meeting box"
    page = soup(FORMATS["html"].render(bodies))
    assert [t.get_text() for t in page.select("svg.timeline text.other-caption")] == ["PLENARY (10)"]


def test_a_calendar_of_weeks_without_meetings_prints_them_as_one_row():
    data = yaml.safe_load((INSTANCES / "ctoc-working-groups-2017.yaml").read_text(encoding="utf-8"))
    data["calendar"] = {"start": "2017-08-21", "end": "2017-09-15"}  # two empty weeks before, one after
    for body in data["bodies"]:
        body.update(earliest="2017-09-04", latest="2017-09-08")
    schedule = solve_session(interpret_session(Instance.model_validate(data)))
    days = grid_days(grid(schedule))
    assert days[0] == [("Monday, 21 August – Friday, 1 September", "no meetings", "")]
    assert days[-1] == [("Monday, 11 September – Friday, 15 September", "no meetings", "")]
    for part in sections(schedule):
        assert len(part.timeline.rows) <= 5, "a body's week, not the month"


# -- 2. the legend ---------------------------------------------------------------------------------


def test_the_legend_names_every_item_drawn_in_its_colour(reference):
    timeline = sections(reference)[0].timeline
    drawn = {(b.label.removesuffix(" (cont.)"), b.colour) for row in timeline.rows for c in row.cells for b in c.blocks}
    assert {(k.label, k.colour) for k in timeline.keys} == drawn
    assert [k.label for k in timeline.keys] == ["1 (a)", "1 (b)", "2", "3", "4", "5"]
    legend = soup(FORMATS["html"].render(reference)).select_one("ul.legend")
    text = legend.get_text(" ", strip=True)
    assert "1 (a) Opening of the meeting" in text and "hatched: continued from an earlier meeting" in text and "free sitting" in text


def test_short_items_are_labelled_upright_or_in_the_legend(reference):
    blocks = {b.label: b for row in sections(reference)[0].timeline.rows for c in row.cells for b in c.blocks}
    assert blocks["1 (a)"].placement == "upright" and blocks["1 (b)"].placement == "upright", "15 minutes: too narrow across"
    assert blocks["2"].placement == "across"
    assert all(b.title for b in blocks.values()), "every block has its title as a tooltip"


def test_items_taken_up_together_are_named_in_the_legend():
    from tests.test_rendering_rows import session_with_every_kind_of_row

    keys = {k.label: k.title for k in sections(solve_valid(problem_of(session_with_every_kind_of_row())))[0].timeline.keys}
    assert keys["3 (a)"] == "Panel on the first theme (with item 3 (b))"
    assert "1 (part 2)" not in keys and keys["1"] == "Organizational matters", "a later part under its item"


def test_events_are_drawn_as_no_item(bodies):
    plenary = by_body(bodies)["Plenary"].timeline
    event = next(b for row in plenary.rows for c in row.cells for b in c.blocks if b.label == "HL")
    items = [b for row in plenary.rows for c in row.cells for b in c.blocks if not b.event]
    assert event.event and event.colour not in {b.colour for b in items}


# -- 3. colours follow the item --------------------------------------------------------------------


@pytest.fixture(scope="module")
def comparison():
    return small_comparison()


def colours_of(panel) -> dict[str, str]:
    out = {}
    for rect in panel.select("svg.timeline g.block > rect[fill]"):
        if rect.title is None:
            continue  # the hatching over a continued block
        label = rect.title.get_text().split(":")[0].removesuffix(" (cont.)")
        out[label] = rect["fill"]
    return out


def test_an_item_keeps_its_colour_in_every_variant(comparison):
    page = soup(render_comparison(comparison))
    base_colours, variant_colours = (colours_of(panel) for panel in page.select("div.panel"))
    assert {k: variant_colours[k] for k in base_colours} == base_colours, "each base item alike in the variant"
    assert variant_colours["2 bis"] not in base_colours.values(), "an added item has a colour of its own"
    legend = page.select_one("ul.legend").get_text(" ", strip=True)
    assert "2 bis Panel" in legend, "one legend for all the variants"


def test_comparison_timelines_are_compact_and_labels_stay_on_one_line(comparison):
    page = soup(render_comparison(comparison))
    svg = page.select_one("div.panel svg.timeline")
    assert "font-size: 15px" in svg["style"]
    assert [t.get_text() for t in svg.select("text.day-label")] == ["Mon 4 Mar", "Tue 5 Mar"]
    assert "td.when { white-space: nowrap; }" in page.style.get_text()
    assert all(td.get_text() for td in page.select("div.panel td.when") if td.get_text()), "sittings in their own cell"


def test_comparison_rows_name_what_they_count():
    assert figure_label("Few continuations") == "Continuations"
    assert figure_label("Substantive item starts a meeting") == "Substantive items not starting a meeting"
    assert figure_label("Meetings used") == "Meetings held" and figure_label("Spare time") == "Spare time"


# -- 4. printing: the annex grouped by meeting -----------------------------------------------------


def test_the_annex_prints_in_groups_a_meeting_each_its_day_with_its_first(reference):
    part = sections(reference)[0]
    shapes = [[(row.kind, row.date_and_time) for row in group] for group in part.groups]
    assert shapes[0] == [("day", "Wednesday, 6 September"), ("item", "10 a.m.–1 p.m."), ("item", ""), ("item", "")]
    assert shapes[1] == [("item", "3–6 p.m.")]
    assert [row for group in part.groups for row in group] == part.annex.rows
    page = soup(FORMATS["html"].render(reference))
    assert len(page.select("table.annex tbody.meeting")) == len(reference.meetings)


def test_a_closed_day_stays_with_its_reason():
    calendar = {"dates": ["2030-03-04", "2030-03-05", "2030-03-06"], "meetings_granted": 4,
                "closed": [{"date": "2030-03-05", "reason": "Official United Nations holiday"}]}
    rows = groups(annex_rows(solve_valid(problem_of(base(calendar=calendar)))))
    closed = next(group for group in rows if any(row.kind == "closed" for row in group))
    assert [row.kind for row in closed] == ["day", "closed"]


# -- 5. the grid view ------------------------------------------------------------------------------


def test_the_grid_view_is_available_as_html(tmp_path):
    path = tmp_path / "grid.html"
    result = CliRunner().invoke(main, ["solve", str(INSTANCES / "cosp-plenary-cow-2025.yaml"), "--view", "grid", "-o", str(path)])
    assert result.exit_code == 0, result.output
    page = soup(path.read_text(encoding="utf-8"))
    assert page.h1.get_text() == "Meetings by sitting and room"
    assert page.select("table.grid") and not page.select("svg.timeline") and not page.select("section.body")
    assert page.select_one("table.grid tbody").get_text(" ", strip=True).startswith("Monday, 15 December 10 a.m.–1 p.m. PLENARY (1)")


# -- 7. free sittings ------------------------------------------------------------------------------


def test_free_sittings_are_those_the_body_could_have_used(reference, bodies):
    assert sections(reference)[0].figures.free == ["Friday, 8 September, afternoon"]
    parts = by_body(bodies)
    # the Committee's room is free on Friday afternoon; Monday is not its day; the plenary fills its own
    assert parts["Committee of the Whole"].figures.free == ["Friday, 19 December, afternoon"]
    assert parts["Plenary"].figures.free_sittings == 0
    assert parts["Informal consultations on draft resolutions"].figures.free_sittings == 0
    text = " ".join(soup(FORMATS["html"].render(reference)).select_one("ul.figures").get_text().split())
    assert "Free sittings: 1 (Friday, 8 September, afternoon)" in text


# -- 8. wording ------------------------------------------------------------------------------------


def penalty(rule: str, count: int, where: list[str]) -> Penalty:
    return Penalty(rule=rule, name=rule, weight=1, count=count, cost=count, where=where)


def test_conventions_read_as_sentences(reference):
    page = soup(FORMATS["html"].render(reference))
    said = [li.get_text() for li in page.select("ul.conventions li")]
    assert said == [
        "Items continued in a later meeting: 2 (items 2 and 3)",
        "Substantive items not starting a meeting: 1 (item 2 starts at 10.30 a.m. on Wednesday, 6 September, morning)",
    ]
    assert "Few continuations" not in page.get_text()


def test_each_convention_has_its_sentence():
    continued = ["item 2 on Tuesday, 16 December, morning", "item 2 on Tuesday, 16 December, afternoon", "item 3 on Thursday, 18 December, morning"]
    assert sentence(penalty("few-continuations", 3, continued)) == "Items continued in a later meeting: 2 (items 2 and 3; 3 continuations in all)"
    assert sentence(penalty("free-sittings-at-end", 2, ["Monday, 4 March, afternoon", "Tuesday, 5 March, morning"])) == (
        "Sittings left free before the last meeting: 2 (Monday, 4 March, afternoon and Tuesday, 5 March, morning)")
    assert sentence(penalty("preferred-sitting", 1, ["item 4 on Monday, 4 March, morning"])) == (
        "Meetings outside an item's preferred sitting: 1 (item 4 on Monday, 4 March, morning)")
    assert sentence(penalty("time-in-proportion", 2, ["item 4 gets 2 h, more than twice its share of 20 min and half an hour"])).startswith(
        "Short items given more than their share of time: 1 (item 4 gets 2 h")
    assert sentence(penalty("meetings-used", 4, [])) is None, "the key figures give the meetings held"
