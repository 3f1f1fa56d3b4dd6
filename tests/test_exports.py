"""Every export format read back with the library made for it and compared with the schedule:
same rows, same labels, same "(continued)"; hostile titles survive every format unchanged and
inert; outputs are written atomically and never over the input."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import openpyxl
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn
from icalendar import Calendar

from cli import main
from reports.annex import COLUMNS, annex_rows
from reports.formats import FORMATS
from reports.safety import restore
from tests.conftest import base, problem_of, solve_valid

HOSTILE = {
    "2": '=HYPERLINK("http://evil.example","click")',
    "3": "<script>alert('x')</script> & <b>bold</b>",
}
RTL = "تنفيذ الاتفاقية والمساعدة التقنية"
CJK = "公约执行情况审议和技术援助"
LONG = "Review of implementation " * 200


@pytest.fixture(scope="module")
def schedule(request):
    from solver.input.loading import load_instance
    from solver.problem.problem import interpret
    from tests.conftest import REFERENCE

    return solve_valid(interpret(load_instance(REFERENCE)))


@pytest.fixture(scope="module")
def hostile():
    data = base()
    data["items"][1]["title"] = HOSTILE["2"]
    data["items"][2]["title"] = HOSTILE["3"]
    data["items"].insert(3, {"id": "3 (a)", "title": RTL, "estimate": "1h"})
    data["items"].insert(4, {"id": "3 (b)", "title": CJK, "estimate": "1h"})
    data["items"].insert(5, {"id": "3 (c)", "title": f"+{LONG}", "estimate": "1h"})
    data["items"].insert(6, {"id": "3 (d)", "title": "-2 and @SUM(A1:A2)", "estimate": "30 min"})
    data["calendar"]["dates"] = ["2030-03-04", "2030-03-05", "2030-03-06"]
    data["calendar"]["meetings_granted"] = 6
    return solve_valid(problem_of(data))


def expected(schedule) -> list[tuple[str, str, str]]:
    return [row.cells() for row in annex_rows(schedule)]


# -- readers ---------------------------------------------------------------------------------------


def docx_rows(content: bytes) -> tuple[Document, list[tuple[str, ...]]]:
    document = Document(io.BytesIO(content))
    table = document.tables[0]
    return document, [tuple(cell.text for cell in row.cells) for row in table.rows]


def xlsx_book(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def sheet_rows(sheet) -> list[tuple[str, ...]]:
    return [tuple("" if v is None else str(v) for v in row) for row in sheet.iter_rows(values_only=True)]


def html_rows(content: str) -> list[tuple[str, ...]]:
    soup = BeautifulSoup(content, "html.parser")
    rows = []
    for tr in soup.select("table.annex tr"):
        cells = [cell.get_text() for cell in tr.find_all(["th", "td"])]
        rows.append(tuple(cells) if len(cells) == 3 else (cells[0], "", ""))
    return rows


def csv_rows(content: str) -> list[tuple[str, ...]]:
    return [tuple(restore(cell) for cell in row) for row in csv.reader(io.StringIO(content))]


# -- Word ------------------------------------------------------------------------------------------


def test_word_annex_has_the_rows_labels_and_header_of_the_document(schedule):
    document, rows = docx_rows(FORMATS["docx"].render(schedule))
    assert rows[0] == COLUMNS
    assert rows[1:] == expected(schedule)
    assert any(p.text == "Proposed organization of work" for p in document.paragraphs)
    header = document.tables[0].rows[0]._tr
    assert header.trPr.find(qn("w:tblHeader")) is not None, "the header row must repeat on every page"
    assert sum("(continued)" in r[2] for r in rows) == 2


def test_word_file_is_reproducible(schedule):
    assert FORMATS["docx"].render(schedule) == FORMATS["docx"].render(schedule)


# -- Excel -----------------------------------------------------------------------------------------


def test_excel_has_the_annex_items_and_meetings(schedule):
    book = xlsx_book(FORMATS["xlsx"].render(schedule))
    assert book.sheetnames == ["Annex", "Items", "Meetings"]
    assert sheet_rows(book["Annex"]) == [COLUMNS, *expected(schedule)]
    items = {row[0]: row for row in book["Items"].iter_rows(min_row=2, values_only=True)}
    assert items["3"][4] == dt.timedelta(minutes=270) and items["3"][5] == dt.timedelta(minutes=360)
    assert items["3"][6] == 2 and items["3"][8] == "yes" and items["1 (a)"][8] == "no"
    meetings = list(book["Meetings"].iter_rows(min_row=2, values_only=True))
    assert len(meetings) == 5
    first = meetings[0]
    assert isinstance(first[1], dt.datetime) and first[1].date() == dt.date(2017, 9, 6), "dates are real dates"
    assert first[8] == "1 (a), 1 (b), 2" and first[9] == dt.timedelta(hours=3) and first[10] == dt.timedelta(0)
    assert meetings[-1][10] == dt.timedelta(minutes=105)


def test_excel_sheets_freeze_their_header_and_fit_their_columns(schedule):
    book = xlsx_book(FORMATS["xlsx"].render(schedule))
    for sheet in book:
        assert sheet.freeze_panes == "A2"
    annex = book["Annex"]
    assert annex.column_dimensions["A"].width >= len("Wednesday, 6 September")
    assert annex.column_dimensions["C"].width == 80


def test_excel_file_is_reproducible(schedule):
    assert FORMATS["xlsx"].render(schedule) == FORMATS["xlsx"].render(schedule)


# -- HTML ------------------------------------------------------------------------------------------


def test_html_report_has_the_annex_figures_and_timeline(schedule):
    content = FORMATS["html"].render(schedule)
    assert html_rows(content) == [COLUMNS, *expected(schedule)]
    soup = BeautifulSoup(content, "html.parser")
    figures = soup.select_one("ul.figures").get_text(" ", strip=True)
    assert "Meetings used: 5 of 5 granted" in figures and "Items split over meetings: 2 (2, 3)" in figures
    assert "Friday, 8 September: 1 h 45 min" in " ".join(soup.get_text().split())
    svg = soup.select_one("svg.timeline")
    assert len(svg.select("g.block")) == sum(len(m.pieces) for m in schedule.meetings)
    assert len(svg.select("g.block.continued")) == 2
    assert len(svg.select("rect.free")) == 1, "Friday afternoon is drawn free"


def test_html_report_is_self_contained_and_prints_on_a4(schedule):
    content = FORMATS["html"].render(schedule)
    soup = BeautifulSoup(content, "html.parser")
    assert not soup.find_all("script") and not soup.find_all("link") and not soup.find_all("img")
    assert not [tag for tag in soup.find_all(src=True)]
    assert "@page { size: A4" in content


# -- iCalendar -------------------------------------------------------------------------------------


def test_ics_has_one_event_per_meeting_in_the_venue_time_zone(schedule):
    calendar = Calendar.from_ical(FORMATS["ics"].render(schedule))
    events = calendar.walk("VEVENT")
    assert len(events) == len(schedule.meetings)
    first = events[0]
    assert first["DTSTART"].dt == dt.datetime(2017, 9, 6, 10, tzinfo=first["DTSTART"].dt.tzinfo)
    assert str(first["DTSTART"].dt.tzinfo) == "Europe/Vienna"
    assert first["DTSTART"].params["TZID"] == "Europe/Vienna"
    assert calendar.walk("VTIMEZONE"), "the time zone travels with the file"
    second = str(events[1]["DESCRIPTION"])
    assert "2: Effective criminal justice responses" in second and second.endswith("(continued)")
    assert len({str(e["UID"]) for e in events}) == len(events)


# -- hostile titles through every format -----------------------------------------------------------


def test_hostile_titles_survive_csv_and_are_inert(hostile):
    content = FORMATS["csv"].render(hostile)
    raw = list(csv.reader(io.StringIO(content)))
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in raw for cell in row)
    assert csv_rows(content)[1:] == expected(hostile)


def test_hostile_titles_survive_excel_as_text(hostile):
    book = xlsx_book(FORMATS["xlsx"].render(hostile))
    annex = book["Annex"]
    assert sheet_rows(annex)[1:] == expected(hostile)
    for row in annex.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                assert cell.data_type == "s"
    titles = {row[0]: row[1] for row in book["Items"].iter_rows(min_row=2, values_only=True)}
    assert titles["2"] == HOSTILE["2"] and titles["3 (a)"] == RTL and titles["3 (b)"] == CJK


def test_hostile_titles_are_escaped_in_html(hostile):
    content = FORMATS["html"].render(hostile)
    soup = BeautifulSoup(content, "html.parser")
    assert not soup.find_all("script") and not soup.select("table.annex b")
    assert html_rows(content)[1:] == expected(hostile)
    assert "&lt;script&gt;" in content


def test_hostile_titles_survive_word_ics_markdown_and_json(hostile):
    _, rows = docx_rows(FORMATS["docx"].render(hostile))
    assert rows[1:] == expected(hostile)
    calendar = Calendar.from_ical(FORMATS["ics"].render(hostile))
    descriptions = "\n".join(str(e["DESCRIPTION"]) for e in calendar.walk("VEVENT"))
    for title in (HOSTILE["2"], HOSTILE["3"], RTL, CJK, f"+{LONG}"):
        assert title in descriptions
    markdown = FORMATS["markdown"].render(hostile)
    assert RTL in markdown and CJK in markdown
    assert {r["title"] for r in json.loads(FORMATS["json"].render(hostile))["items"]} >= {RTL, CJK, HOSTILE["3"]}


# -- writing files ---------------------------------------------------------------------------------


@pytest.fixture()
def draft(tmp_path, schedule):
    path = tmp_path / "draft.json"
    path.write_text(schedule.to_json(), encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".html", ".ics", ".md", ".csv", ".txt"])
def test_export_writes_each_format_from_its_suffix(draft, tmp_path, suffix):
    target = tmp_path / f"annex{suffix}"
    result = CliRunner().invoke(main, ["export", str(draft), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["draft.json", target.name])


def test_export_replaces_an_existing_output_whole(draft, tmp_path):
    target = tmp_path / "annex.docx"
    target.write_bytes(b"old")
    assert CliRunner().invoke(main, ["export", str(draft), "-o", str(target)]).exit_code == 0
    assert zipfile.is_zipfile(target)


def test_export_refuses_its_own_input_and_unknown_suffixes(draft, tmp_path):
    before = draft.read_bytes()
    result = CliRunner().invoke(main, ["export", str(draft), "-o", str(draft)])
    assert result.exit_code == 1 and "is the input file" in result.output and draft.read_bytes() == before
    result = CliRunner().invoke(main, ["export", str(draft), "-o", str(tmp_path / "annex.pages")])
    assert result.exit_code == 1 and "unknown suffix '.pages'" in result.output


def test_binary_formats_need_an_output_file(draft):
    result = CliRunner().invoke(main, ["export", str(draft), "--to", "xlsx"])
    assert result.exit_code == 1 and "add -o" in result.output


def test_solve_chooses_the_export_format_from_the_suffix(tmp_path):
    from tests.conftest import REFERENCE

    target = tmp_path / "annex.xlsx"
    assert CliRunner().invoke(main, ["solve", str(REFERENCE), "-o", str(target)]).exit_code == 0
    assert xlsx_book(target.read_bytes()).sheetnames[0] == "Annex"


def test_export_of_a_malformed_schedule_is_one_clear_line(tmp_path):
    path = tmp_path / "draft.json"
    path.write_text('{"format": "orgwork-schedule/1", "meetings": []}', encoding="utf-8")
    result = CliRunner().invoke(main, ["export", str(path), "--to", "markdown"])
    assert result.exit_code == 1 and "session: is required" in result.output
