"""The new kinds of annex rows as each document shows them: a closed day inside the session, an
item in two parts, items taken up together, an event suspending a debate, segments printed as
blocks, several bodies. Checked on the documents' structure (runs, fonts, classes), not pixels."""

from __future__ import annotations

import io

import openpyxl
import pytest
from docx import Document
from docx.shared import Cm

from reports.annex import annex_rows
from reports.formats import FORMATS
from solver.input.loading import load_instance
from solver.check.validate_session import validate_session
from solver.problem.problem import interpret
from solver.problem.session import interpret_session
from solver.solving.session import solve_session
from tests.conftest import INSTANCES, problem_of, solve_valid

MON, TUE, WED, THU = "2030-03-04", "2030-03-05", "2030-03-06", "2030-03-07"
HOLIDAY = "Official United Nations holiday (no meetings)"


def session_with_every_kind_of_row() -> dict:
    """A commission's week: organizational matters opened first and resumed in the last meeting,
    a general debate suspended at 4 p.m. for a keynote address, an official holiday on Tuesday,
    a panel on sub-items 3 (a) and 3 (b) taken up together."""
    return {
        "session": {"body": "Test Commission", "name": "First session", "venue": "New York", "symbol": "E/CN.99/2030/1",
                    "timezone": "America/New_York"},
        "calendar": {"dates": [MON, TUE, WED, THU], "meetings_granted": 6,
                     "closed": [{"date": TUE, "reason": "Official United Nations holiday"}]},
        "items": [
            {"id": "1", "title": "Organizational matters",
             "parts": [{"estimate": "30 min"}, {"estimate": "30 min", "meeting": "last", "title": "Adoption of the workplan; closing"}]},
            {"id": "2", "title": "General debate", "estimate": "5h"},
            {"id": "3 (a)", "title": "Panel on the first theme", "estimate": "3h", "together": ["3 (b)"]},
            {"id": "3 (b)", "title": "The second theme"},
            {"id": "4", "title": "Adoption of the report", "estimate": "30 min"},
        ],
        "events": [{"id": "K", "title": "Keynote address", "duration": "1h", "pin": {"date": MON, "sitting": "afternoon"}, "at": "16:00"}],
    }


@pytest.fixture(scope="module")
def schedule():
    return solve_valid(problem_of(session_with_every_kind_of_row()))


@pytest.fixture(scope="module")
def segments():
    return solve_valid(interpret(load_instance(INSTANCES / "cases" / "ecosoc-2008-working-arrangements.yaml")))


@pytest.fixture(scope="module")
def bodies():
    session = interpret_session(load_instance(INSTANCES / "cosp-plenary-cow-2025.yaml"))
    schedule = solve_session(session)
    assert validate_session(session, schedule).ok
    return schedule


def test_the_session_has_every_kind_of_row(schedule):
    rows = annex_rows(schedule)
    assert [r.title for r in rows if r.kind == "closed"] == [HOLIDAY]
    assert [r.item for r in rows if r.role == "together"] == ["3 (b)", "3 (b)"]
    assert [r.title for r in rows if r.role == "event"] == ["Keynote address"]
    assert "Adoption of the workplan; closing (continued)" in [r.title for r in rows]


# -- Word ------------------------------------------------------------------------------------------


def word_rows(content: bytes):
    """The annex table's rows after the header: (texts, italic runs per cell, kept with the next)."""
    table = Document(io.BytesIO(content)).tables[0]
    out = []
    for row in table.rows[1:]:
        texts = tuple(cell.text for cell in row.cells)
        italic = tuple(any(run.italic for p in cell.paragraphs for run in p.runs if run.text) for cell in row.cells)
        kept = all(p.paragraph_format.keep_with_next for cell in row.cells for p in cell.paragraphs)
        out.append((texts, italic, kept))
    return out


def test_word_prints_the_closed_day_in_italics_kept_with_its_day(schedule):
    rows = word_rows(FORMATS["docx"].render(schedule))
    closed = next(n for n, (texts, _, _) in enumerate(rows) if texts[2] == HOLIDAY)
    assert rows[closed][1] == (False, False, True), "the closure's reason in italics, like no item"
    assert rows[closed - 1][0] == ("Tuesday, 5 March", "", "") and rows[closed - 1][2], "the day's row stays with it"
    assert not rows[closed][2], "the closed day ends its day: the next day may start a page"


def test_word_prints_an_event_in_italics_and_agenda_items_upright(schedule):
    rows = word_rows(FORMATS["docx"].render(schedule))
    event = next(row for row in rows if row[0][2] == "Keynote address")
    assert event[0][1] == "" and event[1][2], "an event: no number, its title in italics"
    items = [row for row in rows if row[0][1]]
    assert items and not any(any(italic) for _, italic, _ in items), "agenda items (and their parts) are upright"


def test_word_keeps_a_meeting_and_the_items_taken_up_together_on_one_page(schedule):
    rows = word_rows(FORMATS["docx"].render(schedule))
    leader = next(n for n, row in enumerate(rows) if row[0][1] == "3 (a)")
    assert rows[leader + 1][0][1] == "3 (b)" and rows[leader + 1][0][0] == "", "the member's row follows, in the same time"
    assert rows[leader][2], "the leader's row stays with its member's"
    suspended = [n for n, row in enumerate(rows) if row[0][0] == "3–6 p.m."][0]
    assert [row[2] for row in rows[suspended : suspended + 3]] == [True, True, False], "debate, event, debate resumed: one page"
    assert all(kept for (texts, _, kept) in rows if texts[0].endswith(("March",))), "a day's row stays with its first meeting"
    assert not rows[-1][2]


def test_word_day_labels_have_room_for_the_longest_day(schedule):
    table = Document(io.BytesIO(FORMATS["docx"].render(schedule))).tables[0]
    # "Wednesday, 30 September" is 4.3 cm in 10-point Times New Roman, and the cell has margins
    assert table.columns[0].width >= Cm(4.6) and table.rows[1].cells[0].width >= Cm(4.6)
    assert sum(column.width for column in table.columns) <= Cm(16.5) + 10, "the table keeps the text width"


def test_word_segments_printed_as_blocks_are_upright(segments):
    rows = word_rows(FORMATS["docx"].render(segments))
    blocks = [row for row in rows if row[0][2].startswith("High-level segment")]
    assert blocks and not any(any(italic) for _, italic, _ in blocks), "a segment is the session's work, not an event"
    assert [row[1] for row in rows if row[0][2].endswith("(no meetings)")] == [(False, False, True)]


def test_word_prints_each_body_annex_under_its_symbol(bodies):
    document = Document(io.BytesIO(FORMATS["docx"].render(bodies)))
    symbols = [section.header.paragraphs[0].text for section in document.sections]
    assert symbols == ["CAC/COSP/2025/1", "CAC/COSP/2025/1/Add.1", "", ""], "the informal consultations have no symbol, nor the grid"
    grid = document.tables[-1]
    assert grid.columns[0].width >= Cm(4.6), "the grid's days on one line"


# -- Excel -----------------------------------------------------------------------------------------


def test_excel_lists_items_taken_up_together_after_their_leader(schedule):
    book = openpyxl.load_workbook(io.BytesIO(FORMATS["xlsx"].render(schedule)))
    items = [row for row in book["Items"].iter_rows(min_row=2, values_only=True)]
    ids = [row[0] for row in items]
    assert ids.index("3 (b)") == ids.index("3 (a)") + 1, "in agenda order, the member after its leader"
    assert {row[0]: row[-1] for row in items}["3 (b)"] == "3 (a)", "the Items sheet says with which item"
    meetings = {row[0]: row[8] for row in book["Meetings"].iter_rows(min_row=2, values_only=True)}
    assert meetings[4] == "3 (a), 3 (b)", "a meeting lists the items taken up together in it"
    annex = book["Annex"]
    closed = next(row for row in annex.iter_rows(min_row=2) if row[2].value == HOLIDAY)
    assert closed[2].font.i, "a day without meetings in italics, as in Word"
