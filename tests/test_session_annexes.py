"""Annexes of several bodies read back: the CSV (a first column Body) and the workbook (a sheet
'Annex BODY' each) round-trip, and a planner's hand edits are checked against the rules the
bodies share, each violation under its rule's name, with the bodies and sittings involved."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from click.testing import CliRunner

from cli import main
from reports.formats import FORMATS
from reports.reading_session import read_session_schedule
from solver.check.diff import placement
from solver.check.validate_session import validate_session
from solver.input.loading import load_instance
from solver.problem.session import interpret_session
from solver.solving.session import solve_session
from tests.conftest import INSTANCES

GROUPS = INSTANCES / "ctoc-working-groups-2017.yaml"
PLENARY = INSTANCES / "cosp-plenary-cow-2025.yaml"


def solved(path):
    session = interpret_session(load_instance(path))
    return session, solve_session(session)


@pytest.fixture(scope="module")
def groups():
    return solved(GROUPS)


@pytest.fixture(scope="module")
def plenary():
    return solved(PLENARY)


def by_body(schedule) -> dict:
    return {b.id: placement(schedule, b.id) for b in schedule.bodies}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("which", ["groups", "plenary"])
def test_exported_annexes_of_several_bodies_round_trip(tmp_path, fmt, which, request):
    session, schedule = request.getfixturevalue(which)
    path = tmp_path / f"annex.{fmt}"
    content = FORMATS[fmt].render(schedule)
    path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    read = read_session_schedule(path, session).schedule
    assert by_body(read) == by_body(schedule)
    assert validate_session(session, read).ok
    assert {m.room for m in read.meetings} <= set(session.rooms)


def rows_of(schedule) -> list[list[str]]:
    return list(csv.reader(io.StringIO(FORMATS["csv"].render(schedule))))


def checked(tmp_path, instance, rows) -> tuple[int, str]:
    path = tmp_path / "edited.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    result = CliRunner().invoke(main, ["check", str(instance), str(path)])
    return result.exit_code, result.output


def row(rows, body, label, item) -> int:
    return next(k for k, r in enumerate(rows) if r[0] == body and r[1] == label and r[2] == item)


def test_a_second_group_moved_into_the_firsts_sitting_breaks_rooms_and_the_block(tmp_path, groups):
    _, schedule = groups
    rows = rows_of(schedule)
    # WG-SOM's opening meeting written on Monday morning, beside WG-TIP's opening
    at = row(rows, "WG-SOM", "3–6 p.m.", "1 (a)")
    rows[at - 1] = ["WG-SOM", "Monday, 4 September", "", ""]
    rows[at][1] = "10 a.m.–1 p.m."
    code, output = checked(tmp_path, GROUPS, rows)
    assert code == 1
    assert (
        "- Rooms: [WG-SOM] Working Group on the Smuggling of Migrants and Working Group on Trafficking in Persons both meet "
        "on Monday, 4 September, morning in Board Room D"
    ) in output
    assert "- Interpretation cap: 2 meetings with interpretation on Monday, 4 September, morning; at most 1" in output
    assert "- Consecutive bodies: WG-SOM does not start in the sitting after WG-TIP ends" in output
    assert "- Unbroken run: [WG-SOM] Working Group on the Smuggling of Migrants does not meet on Monday, 4 September, afternoon" in output


def test_an_item_deleted_from_one_body_is_named_with_its_body(tmp_path, groups):
    _, schedule = groups
    rows = [r for r in rows_of(schedule) if not (r[0] == "WG-SOM" and r[2] == "3")]
    code, output = checked(tmp_path, GROUPS, rows)
    assert code == 1 and "- Every item taken up: [WG-SOM] item 3 is not taken up in any meeting" in output
    assert "- Hold the meetings granted: [WG-SOM] the schedule holds 3 meetings of the 4 granted" in output


def test_a_committee_item_moved_before_its_date_breaks_its_date(tmp_path, plenary):
    _, schedule = plenary
    rows = rows_of(schedule)
    moved = rows.pop(row(rows, "COW", next(r[1] for r in rows if r[0] == "COW" and r[2] == "4"), "4"))
    first = next(k for k, r in enumerate(rows) if r[0] == "COW" and r[2] == "2")
    rows.insert(first, ["COW", "", "4", moved[3]])  # Financial and budgetary matters taken up before Thursday
    code, output = checked(tmp_path, PLENARY, rows)
    assert code == 1 and "Not before a date" in output and "item 4" in output


def test_a_body_whose_last_rows_move_into_the_next_bodys_sitting_breaks_its_run_and_the_rooms(tmp_path, groups):
    _, schedule = groups
    rows = rows_of(schedule)
    # WG-TIP's other matters and report written on Thursday morning, where WG-SOM meets
    at = row(rows, "WG-TIP", "10 a.m.–1 p.m.", "4")
    rows[at - 1] = ["WG-TIP", "Thursday, 7 September", "", ""]
    code, output = checked(tmp_path, GROUPS, rows)
    assert code == 1
    assert "both meet on Thursday, 7 September, morning in Board Room D" in output
    assert "- Interpretation cap: 2 meetings with interpretation on Thursday, 7 September, morning; at most 1" in output
    assert "- Unbroken run: [WG-TIP] Working Group on Trafficking in Persons does not meet on Wednesday, 6 September, morning" in output


def test_a_row_of_an_unknown_body_is_one_clear_line(tmp_path, groups):
    _, schedule = groups
    rows = rows_of(schedule)
    rows[3][0] = "WG-XYZ"
    code, output = checked(tmp_path, GROUPS, rows)
    assert code == 1
    assert output.strip().splitlines() == [
        f"Error: {tmp_path / 'edited.csv'}: row 4: the body is 'WG-XYZ'; write one of WG-TIP, WG-SOM in the Body column"
    ]


def test_a_session_is_re_planned_against_its_edited_annex(tmp_path, groups):
    _, schedule = groups
    rows = rows_of(schedule)
    path = tmp_path / "published.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    result = CliRunner().invoke(main, ["solve", str(GROUPS), "--baseline", str(path)])
    assert result.exit_code == 0, result.output
    assert "0 items moved" in result.output


def test_a_workbook_without_a_bodys_sheet_is_one_clear_line(tmp_path, groups):
    session, schedule = groups
    path = tmp_path / "annex.xlsx"
    path.write_bytes(FORMATS["xlsx"].render(schedule))
    book = openpyxl.load_workbook(path)
    del book["Annex WG-SOM"]
    book.save(path)
    with pytest.raises(Exception, match="no sheet 'Annex WG-SOM' for body WG-SOM"):
        read_session_schedule(path, session)


def test_a_row_moved_to_another_bodys_annex_is_missing_from_one_and_unknown_to_the_other(tmp_path, plenary):
    _, schedule = plenary
    rows = rows_of(schedule)
    at = next(k for k, r in enumerate(rows) if r[0] == "INF" and r[2] == "A")
    rows[at][0] = "COW"  # the consultations' first meeting on item A written under the Committee, after its Friday
    code, output = checked(tmp_path, PLENARY, rows)
    assert code == 1
    assert "- Every item taken up: [COW] item A is not on the agenda" in output
    assert "- Open sittings only: [COW] two meetings are held on Friday, 19 December, morning" in output
    assert "- Time for each item: [INF] item A gets 3 h (Tuesday, 16 December, afternoon), less than its estimate of 6 h" in output
