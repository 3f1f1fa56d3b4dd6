"""The documents as they print: paper, page setup, row heights."""

from __future__ import annotations

import io

import openpyxl
import pytest

from reports.formats import FORMATS
from reports.paper import paper
from solver.check.validate_session import validate_session
from solver.input.loading import load_instance
from solver.problem.problem import interpret
from solver.problem.session import interpret_session
from solver.solving.session import solve_session
from tests.conftest import INSTANCES, REFERENCE, base, problem_of, solve_valid

A4_PAPER, LETTER_PAPER = 9, 1  # Excel's paper sizes


@pytest.fixture(scope="module")
def reference():
    return solve_valid(interpret(load_instance(REFERENCE)))


@pytest.fixture(scope="module")
def bodies():
    """A plenary (CAC/COSP/2025/1), a Committee of the Whole (…/Add.1) and informal consultations
    without a symbol, in Doha from Monday, 15 December 2025: a Wednesday, 17 December."""
    session = interpret_session(load_instance(INSTANCES / "cosp-plenary-cow-2025.yaml"))
    schedule = solve_session(session)
    assert validate_session(session, schedule).ok
    return schedule


@pytest.fixture(scope="module")
def segments():
    """The Economic and Social Council's four weeks of 2008: no venue, New York's time zone."""
    return solve_valid(interpret(load_instance(INSTANCES / "cases" / "ecosoc-2008-working-arrangements.yaml")))


@pytest.fixture(scope="module")
def new_york():
    data = base()
    data["session"].update(venue="United Nations Headquarters, New York", timezone="America/New_York", symbol="A/AC.999/1")
    data["items"][1]["title"] = "A substantive debate " * 12
    return solve_valid(problem_of(data))


# -- paper -----------------------------------------------------------------------------------------


def test_paper_is_letter_in_new_york_and_washington_only(reference, new_york, segments, bodies):
    assert paper(reference).name == "A4" and paper(bodies).name == "A4"
    assert paper(new_york).name == "Letter"
    assert paper(segments).name == "Letter", "no venue: New York's time zone says Headquarters"
    washington = new_york.model_copy(update={"session": new_york.session.model_copy(update={"venue": "Washington, D.C."})})
    assert paper(washington).name == "Letter"


# -- Excel -----------------------------------------------------------------------------------------


def book(schedule):
    return openpyxl.load_workbook(io.BytesIO(FORMATS["xlsx"].render(schedule)))


def test_excel_sheets_print_one_page_wide_with_their_header_on_every_page(reference):
    workbook = book(reference)
    for sheet in workbook:
        setup = sheet.page_setup
        assert setup.paperSize == A4_PAPER, sheet.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0) and sheet.sheet_properties.pageSetUpPr.fitToPage, "one page wide, as high as needed"
        assert sheet.print_title_rows == "$1:$1", "the header row repeats on every page"
    assert workbook["Annex"].page_setup.orientation == "portrait"
    assert workbook["Items"].page_setup.orientation == workbook["Meetings"].page_setup.orientation == "landscape"


def test_excel_prints_on_letter_in_new_york(new_york):
    assert {sheet.page_setup.paperSize for sheet in book(new_york)} == {LETTER_PAPER}


def test_excel_rows_are_as_high_as_their_wrapped_titles(reference, new_york):
    annex = book(reference)["Annex"]
    for row in annex.iter_rows(min_row=2):
        title = row[2]
        assert title.alignment.wrap_text and title.alignment.vertical == "top" and row[0].alignment.vertical == "top"
        words = len(title.value or "")
        height = annex.row_dimensions[title.row].height
        if words > 120:  # more than one line in a column 80 wide: room for each line
            assert height is not None and height >= 15 * (words // 88 + 1), (title.value, height)
        elif words < 80:
            assert height is None, "a one-line row keeps the default height"
    sheet = book(new_york)["Annex"]
    tallest = max(d.height or 0 for d in sheet.row_dimensions.values())
    assert tallest >= 45, "a 250-character title takes three lines and more"


def test_excel_annex_styles_use_the_workbook_font(reference):
    annex = book(reference)["Annex"]
    assert annex["A1"].font.b and annex["A1"].font.name == "Calibri", "no font without a name: LibreOffice prints those in serif"
    day = annex["A2"]
    assert day.value == "Wednesday, 6 September" and day.font.b and day.font.name == "Calibri"
