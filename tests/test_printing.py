"""The documents as they print: paper, page setup, running heads, rows kept together.

Checked twice: on the files' own settings (openpyxl's page setup, the Word file's XML), and, when
LibreOffice is installed, on the PDF it prints (page sizes, page counts, the lines of each page).
Every document is converted in one LibreOffice run, which costs a few seconds.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess

import openpyxl
import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm

from reports.formats import FORMATS
from reports.paper import paper
from solver.check.validate_session import validate_session
from solver.input.loading import load_instance
from solver.problem.problem import interpret
from solver.problem.session import interpret_session
from solver.solving.session import solve_session
from tests.conftest import INSTANCES, REFERENCE, base, problem_of, solve_valid

A4 = (Cm(21.0), Cm(29.7))
LETTER = (Cm(21.59), Cm(27.94))
TEXT_WIDTH = Cm(16.5)
A4_POINTS, LETTER_POINTS = (595, 842), (612, 792)
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


# -- Word ------------------------------------------------------------------------------------------


def docx(schedule):
    return Document(io.BytesIO(FORMATS["docx"].render(schedule)))


def head(part) -> tuple[str, object, bool]:
    """A header's or footer's text, alignment and whether its text is bold."""
    paragraph = part.paragraphs[0]
    return paragraph.text, paragraph.alignment, all(run.bold for run in paragraph.runs if run.text)


def test_word_prints_on_a4_outside_north_america_and_letter_in_new_york(reference, new_york):
    for schedule, size in ((reference, A4), (new_york, LETTER)):
        for section in docx(schedule).sections:
            assert abs(section.page_width - size[0]) < Cm(0.01) and abs(section.page_height - size[1]) < Cm(0.01)  # in twips
            assert abs(section.page_width - section.left_margin - section.right_margin - TEXT_WIDTH) < Cm(0.02), "the table's width"


def test_word_prints_the_symbol_at_the_head_of_every_page(reference):
    document = docx(reference)
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    assert head(section.header) == ("CTOC/COP/WG.4/2017/1", WD_ALIGN_PARAGRAPH.RIGHT, True), "odd pages: at the right, in bold"
    assert head(section.even_page_header) == ("CTOC/COP/WG.4/2017/1", WD_ALIGN_PARAGRAPH.LEFT, True), "even pages: at the left"
    assert section.header.paragraphs[0]._p.pPr.find(qn("w:pBdr")) is not None, "above a rule"
    assert "PAGE" in section.footer.paragraphs[0]._p.xml and section.footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert not any(p.text == "CTOC/COP/WG.4/2017/1" for p in document.paragraphs), "once, in the head, not again in the text"


def test_word_gives_each_body_a_section_under_its_symbol(bodies):
    document = docx(bodies)
    heads = [head(section.header)[0] for section in document.sections]
    assert heads == ["CAC/COSP/2025/1", "CAC/COSP/2025/1/Add.1", "", ""], "informal consultations and the grid: no symbol"
    assert all(not section.header.is_linked_to_previous for section in document.sections)


def test_word_keeps_a_day_of_the_grid_on_one_page(bodies):
    grid = docx(bodies).tables[-1]
    rows = [(row.cells[0].text, all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)) for row in grid.rows[1:]]
    for (day, kept), after in zip(rows, [*rows[1:], None]):
        assert kept == (after is not None and after[0] == ""), (day, kept)


# -- printed by LibreOffice ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(tmp_path_factory, reference, bodies, segments, new_york):
    """Each document as LibreOffice prints it: {name: (page sizes in points, each page's text)}."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        assert os.environ.get("ORGWORK_REQUIRE_OFFICE") != "1", "ORGWORK_REQUIRE_OFFICE=1 but soffice or pdftotext is not on PATH"
        pytest.skip("LibreOffice (soffice) or pdftotext is not installed; the documents were not printed")
    folder = tmp_path_factory.mktemp("printed")
    documents = {
        "reference.docx": reference, "bodies.docx": bodies, "segments.docx": segments, "new-york.docx": new_york,
        "reference-book.xlsx": reference, "bodies-book.xlsx": bodies,
    }
    for name, schedule in documents.items():
        (folder / name).write_bytes(FORMATS[name.rsplit(".", 1)[1]].render(schedule))
    env = {**os.environ, "HOME": str(folder)}
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *documents],
                   check=True, capture_output=True, timeout=180, env=env, cwd=folder)
    out = {}
    for name in documents:
        pdf = folder / f"{name.rsplit('.', 1)[0]}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF"), name
        info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True).stdout
        sizes = [(round(float(w)), round(float(h))) for w, h in re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+)", info)]
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        out[name.rsplit(".", 1)[0]] = (sizes, text.split("\f")[: len(sizes)])
    return out


def first_row(page: str) -> tuple[str, bool]:
    """The first line under a page's table header, and whether it starts in the date column (a
    day or a sitting) rather than further right (an item row without its date and time)."""
    lines = [line for line in page.splitlines() if line.strip()]
    header = next(n for n, line in enumerate(lines) if line.lstrip().startswith("Date and time"))
    indent = len(lines[header]) - len(lines[header].lstrip())
    row = lines[header + 1]
    return row.strip(), len(row) - len(row.lstrip()) <= indent


def test_the_reference_annex_prints_on_one_a4_page_under_its_symbol(printed):
    sizes, pages = printed["reference"]
    assert sizes == [A4_POINTS]
    assert pages[0].split()[0] == "CTOC/COP/WG.4/2017/1", "the symbol heads the page"
    assert re.search(r"^\s*Wednesday, 6 September\s*$", pages[0], re.M)


def test_each_body_prints_from_a_page_of_its_own_days_on_one_line(printed):
    sizes, pages = printed["bodies"]
    assert sizes == [A4_POINTS] * 4, "plenary, Committee of the Whole, informal consultations, grid"
    assert [page.split()[0] for page in pages[:2]] == ["CAC/COSP/2025/1", "CAC/COSP/2025/1/Add.1"]
    for page in pages:
        assert "Wednesday, 17 December" in page and not re.search(r"Wednesday,\s*\n", page), "the longest day label on one line"
    assert re.search(r"^\s*Wednesday, 17 December\s+10 a\.m\.–1 p\.m\.\s+PLENARY \(5\)", pages[3], re.M), "in the grid too"


def test_a_page_never_starts_inside_a_meeting(printed):
    sizes, pages = printed["segments"]
    assert sizes == [LETTER_POINTS] * 2, "four weeks of the Council print on two Letter pages"
    for page in pages[1:]:
        row, dated = first_row(page)
        assert dated, f"a later page opens with a day or a sitting, not {row!r}"
    assert printed["new-york"][0] == [LETTER_POINTS]


def test_the_workbook_prints_each_sheet_one_page_wide(printed):
    sizes, pages = printed["reference-book"]
    assert sizes == [A4_POINTS, A4_POINTS[::-1], A4_POINTS[::-1]], "the annex upright; items and meetings across the page"
    assert "trafficking within mixed migration movements (continued)" in " ".join(pages[0].split()), "wrapped text not cut"
    sizes, _ = printed["bodies-book"]
    assert len(sizes) == 6, "three annexes, items, meetings and the grid: each on one page"
