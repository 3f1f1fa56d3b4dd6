"""The procedural titles real agendas print, in English, French and Spanish, and the role each
gets (the table lives beside the patterns, in solver/input/roles.py)."""

from __future__ import annotations

import pytest

from solver.input.roles import RECOGNISED, role_from_title
from tests.conftest import base, problem_of, solve_valid


@pytest.mark.parametrize("title, role", RECOGNISED)
def test_each_recognised_title_gets_its_role(title, role):
    assert role_from_title(title) == role


def test_the_table_covers_every_role_and_all_three_languages():
    roles = {role for _, role in RECOGNISED}
    assert roles == {"opening", "other-matters", "report", "closing", "statement", "none"}
    assert any("é" in title or "ô" in title for title, _ in RECOGNISED)  # French
    assert any("ó" in title or "í" in title for title, _ in RECOGNISED)  # Spanish


def test_a_role_in_the_file_wins_over_the_title():
    data = base()
    data["items"][1].update(title="Closure of the session", role="none")
    assert problem_of(data).task("2").role == "none"


def test_closure_comes_after_the_report_in_the_last_meeting():
    data = base()
    data["items"].append({"id": "6", "title": "Closure of the session", "estimate": "10 min"})
    schedule = solve_valid(problem_of(data))
    last = schedule.meetings[-1]
    assert [p.item for p in last.pieces][-3:] == ["4", "5", "6"]


def test_other_business_listed_after_the_report_is_taken_up_after_it():
    data = base()
    data["items"][3:5] = [
        {"id": "4", "title": "Adoption of the report", "estimate": "1h"},
        {"id": "5", "title": "Any other business", "estimate": "15 min"},
        {"id": "6", "title": "Closure of the session", "estimate": "5 min"},
    ]
    schedule = solve_valid(problem_of(data))
    assert [p.item for p in schedule.meetings[-1].pieces][-3:] == ["4", "5", "6"]


def test_an_item_without_a_title_is_printed_with_its_number_only():
    from reports.annex import annex_rows

    data = base()
    del data["items"][2]["title"]
    rows = annex_rows(solve_valid(problem_of(data)))
    assert any(row.item == "3" and row.title == "" for row in rows)
    assert any(row.item == "3" and row.title == "(continued)" for row in rows) or sum(row.item == "3" for row in rows) == 1


def test_an_item_already_under_way_is_printed_continued_from_its_first_meeting():
    from reports.annex import annex_rows

    data = base()
    data["items"][1]["under_way"] = True
    rows = [row for row in annex_rows(solve_valid(problem_of(data))) if row.item == "2"]
    assert rows and all(row.title.endswith("(continued)") for row in rows)


def test_a_closed_day_inside_the_session_is_printed_as_the_annex_prints_it():
    from reports.annex import annex_rows

    data = base()
    data["calendar"] = {
        "dates": ["2030-03-04", "2030-03-05", "2030-03-06"],
        "meetings_granted": 4,
        "closed": [{"date": "2030-03-05", "reason": "Official United Nations holiday"}],
    }
    rows = annex_rows(solve_valid(problem_of(data)))
    day = next(n for n, row in enumerate(rows) if row.date_and_time == "Tuesday, 5 March")
    assert rows[day + 1].cells() == ("", "", "Official United Nations holiday (no meetings)")
    assert rows[day + 2].date_and_time == "Wednesday, 6 March"
