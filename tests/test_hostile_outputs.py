"""Never a crash, never a lie: outputs under hostile dates, text, files and edited annexes.

Each test is the smallest trigger of one policy: sessions dated outside what a zip file can
date, control and bidi characters in every user text, line breaks in CSV cells, the Excel cell
limit, `-o` targets that are not ordinary files, and edited annexes a spreadsheet has mangled.
A property test at the end throws generated hostile text at every format.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import stat
import zipfile
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from cli import main
from reports.annex import annex_rows
from reports.formats import BOM, FORMATS
from reports.output import write_atomic
from reports.reading import read_annex
from reports.safety import excerpt, well_formed
from solver.errors import InputError
from solver.input.loading import load_instance
from solver.schedule import ItemRecord, Meeting, Piece, Schedule, SessionInfo
from tests.conftest import GOLDEN, REFERENCE

CONTROL = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r")
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"


def small(
    first: dt.date = dt.date(2030, 3, 4),
    second: dt.date | None = None,
    title: str = "Substantive debate",
    item: str = "2",
    body: str = "Test Working Group",
    name: str = "First session",
    venue: str = "Vienna",
    symbol: str = "TWG/2030/1",
    last_title: str = "Adoption of the report",
) -> Schedule:
    """Two meetings on two days; item `item` runs on into the second, so '(continued)' shows."""
    second = second or (first + dt.timedelta(days=1) if first < dt.date.max else first)
    session = SessionInfo(body=body, name=name, venue=venue, symbol=symbol, timezone="Europe/Vienna")
    meetings = [
        Meeting(number=1, date=first, sitting="morning", start=dt.time(10), end=dt.time(13), pieces=[
            Piece(item="1", start=dt.time(10), end=dt.time(10, 15), minutes=15),
            Piece(item=item, start=dt.time(10, 15), end=dt.time(13), minutes=165),
        ]),
        Meeting(number=2, date=second, sitting="afternoon", start=dt.time(15), end=dt.time(18), pieces=[
            Piece(item=item, start=dt.time(15), end=dt.time(17), minutes=120, continued=True),
            Piece(item="3", start=dt.time(17), end=dt.time(18), minutes=60),
        ]),
    ]
    items = [
        ItemRecord(id="1", title="Opening of the session", kind="procedural", role="opening", estimate_minutes=15, allotted_minutes=15, meetings=[1]),
        ItemRecord(id=item, title=title, kind="substantive", role="substantive", estimate_minutes=285, allotted_minutes=285, meetings=[1, 2]),
        ItemRecord(id="3", title=last_title, kind="procedural", role="adoption", estimate_minutes=60, allotted_minutes=60, meetings=[2]),
    ]
    return Schedule(session=session, meetings=meetings, items=items)


def render_all(schedule: Schedule) -> dict[str, str | bytes]:
    return {name: fmt.render(schedule) for name, fmt in FORMATS.items()}


def opened(outputs: dict[str, str | bytes]) -> None:
    """Each output read back by the library made for it."""
    Document(io.BytesIO(outputs["docx"]))
    openpyxl.load_workbook(io.BytesIO(outputs["xlsx"]))
    Calendar.from_ical(outputs["ics"])
    json.loads(outputs["json"])
    BeautifulSoup(outputs["html"], "html.parser")


def zip_dates(content: bytes) -> set[tuple[int, ...]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {entry.date_time for entry in archive.infolist()}


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    return lines[0]


@pytest.fixture()
def draft(tmp_path) -> Path:
    path = tmp_path / "draft.json"
    path.write_text(small().to_json(), encoding="utf-8")
    return path


# -- 1. dates outside the zip range ----------------------------------------------------------------


@pytest.mark.parametrize("day", [dt.date(2150, 3, 4), dt.date(9999, 12, 30), dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.date(1970, 1, 1)])
def test_a_session_in_2150_or_at_the_ends_of_the_calendar_exports_to_every_format(day):
    schedule = small(day)
    outputs = render_all(schedule)
    opened(outputs)
    for name in ("docx", "xlsx"):
        assert all((1980, 1, 1, 0, 0, 0) <= d <= (2107, 12, 31, 23, 59, 59) for d in zip_dates(outputs[name])), name
    events = Calendar.from_ical(outputs["ics"]).walk("VEVENT")
    assert [e["DTSTART"].dt.date() for e in events] == [m.date for m in schedule.meetings], "the meetings keep their dates"
    book = openpyxl.load_workbook(io.BytesIO(outputs["xlsx"]))
    assert next(book["Meetings"].iter_rows(min_row=2, values_only=True))[1].date() == day


def test_a_session_in_2150_dates_its_files_2107_and_one_in_1970_dates_them_1980():
    assert zip_dates(FORMATS["docx"].render(small(dt.date(2150, 3, 4)))) == {(2107, 12, 31, 23, 59, 58)}
    assert zip_dates(FORMATS["xlsx"].render(small(dt.date(1970, 1, 1)))) == {(1980, 1, 1, 0, 0, 0)}
    assert Document(io.BytesIO(FORMATS["docx"].render(small(dt.date(2150, 3, 4))))).core_properties.created.year == 2107


@pytest.mark.parametrize("epoch", ["99999999999999", "-5", "abc", "1e9", "²", "12 34", "253402300800", ""])
def test_an_absurd_source_date_epoch_is_ignored(monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    outputs = render_all(small())
    opened(outputs)
    assert zip_dates(outputs["docx"]) == {(2030, 3, 4, 0, 0, 0)}, "dated by the session's first day, as without it"


def test_a_source_date_epoch_past_2107_dates_files_at_the_end_of_the_zip_range(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "5000000000")  # 2128
    assert zip_dates(FORMATS["xlsx"].render(small())) == {(2107, 12, 31, 23, 59, 58)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert zip_dates(FORMATS["docx"].render(small())) == {(2023, 11, 14, 22, 13, 20)}


def test_a_calendar_for_the_last_day_a_date_holds_carries_its_time_zone():
    calendar = Calendar.from_ical(FORMATS["ics"].render(small(dt.date(9999, 12, 31))))
    assert calendar.walk("VTIMEZONE") and calendar.walk("STANDARD")


# -- 2. control characters -------------------------------------------------------------------------


def test_a_control_character_in_a_title_does_not_break_excel():
    book = openpyxl.load_workbook(io.BytesIO(FORMATS["xlsx"].render(small(title="Debate\x01 on\x1b[31m items\ufffe"))))
    titles = {row[0]: row[1] for row in book["Items"].iter_rows(min_row=2, values_only=True)}
    assert titles["2"] == "Debate on[31m items"


def test_a_control_character_in_a_title_does_not_break_word():
    document = Document(io.BytesIO(FORMATS["docx"].render(small(title="Debate\x00 A\x08"))))
    assert document.tables[0].rows[3].cells[2].text == "Debate A"


def test_control_characters_in_ids_and_session_texts_do_not_break_word_excel_or_html():
    schedule = small(item="2\x07", body=f"Body{CONTROL}", name="Name\x0b", venue="Ven\x0cue", symbol="S\x00/1\uffff")
    outputs = render_all(schedule)
    opened(outputs)
    document = Document(io.BytesIO(outputs["docx"]))
    assert document.sections[0].header.paragraphs[0].text == "S/1", "the symbol heads the page"
    assert "Body" in document.core_properties.title
    book = openpyxl.load_workbook(io.BytesIO(outputs["xlsx"]))
    assert [row[1] for row in book["Annex"].iter_rows(min_row=2, values_only=True)][2] == "2"
    assert not set(CONTROL) & set(outputs["html"])


def test_a_line_break_in_a_title_stays_a_line_break_in_word_and_excel():
    outputs = render_all(small(title="First line\r\nsecond line\u2028third"))
    assert Document(io.BytesIO(outputs["docx"])).tables[0].rows[3].cells[2].text == "First line\nsecond line\nthird"
    book = openpyxl.load_workbook(io.BytesIO(outputs["xlsx"]))
    assert book["Items"]["B3"].value == "First line\nsecond line\nthird"


def test_a_newline_in_session_texts_keeps_the_calendar_whole():
    schedule = small(title="Debate\nwith\r\nbreaks\r", body="Working\nGroup\x01", venue="Vienna\r\nRoom B", name="First\u2028session")
    content = FORMATS["ics"].render(schedule)
    calendar = Calendar.from_ical(content)
    events = calendar.walk("VEVENT")
    assert len(events) == len(schedule.meetings)
    assert str(calendar["X-WR-CALNAME"]) == "Working Group: organization of work"
    assert str(events[0]["SUMMARY"]) == "Working Group: meeting 1" and str(events[0]["LOCATION"]) == "Vienna Room B"
    assert "2: Debate\nwith\nbreaks\n" in str(events[0]["DESCRIPTION"])
    assert b"\x01" not in content
    assert all(line.endswith(b"\r") or not line for line in content.split(b"\n")), "every content line ends in CRLF"


def test_a_lone_surrogate_becomes_a_replacement_character_in_every_format():
    outputs = render_all(small(title="Debate \ud800 A", item="\udfff"))
    opened(outputs)
    assert "\ufffd,Debate \ufffd A" in outputs["csv"] and "\ud800" not in outputs["json"]
    assert {r["title"] for r in json.loads(outputs["json"])["items"]} >= {"Debate \ufffd A"}
    assert "Debate \ufffd A" in Document(io.BytesIO(outputs["docx"])).tables[0].rows[3].cells[2].text
    assert "Debate \U0001f600 A" in FORMATS["table"].render(small(title="Debate \ud83d\ude00 A")), "a surrogate pair is its character"


# -- 3. CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["one\rtwo", "one\ntwo", "one\r\ntwo", "one\u2028two", "one\x85two", "one\r=HYPERLINK(\"x\")", "\r\n@SUM(A1)"])
def test_a_line_break_in_a_title_stays_in_its_csv_row_and_no_part_is_a_formula(title):
    schedule = small(title=title)
    content = FORMATS["csv"].render(schedule)
    rows = list(csv.reader(io.StringIO(content)))
    assert len(rows) == len(content.splitlines()) == 1 + len(annex_rows(schedule))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert rows[3][2].startswith(("one two", "one =HYPERLINK", "' @SUM"))


def test_csv_file_starts_with_a_bom_but_stdout_does_not(tmp_path):
    reference = GOLDEN / "ctoc-wg-tip-2017.json"
    printed = CliRunner().invoke(main, ["export", str(reference), "--to", "csv"])
    assert printed.exit_code == 0 and printed.stdout == (GOLDEN / "ctoc-wg-tip-2017.csv").read_text(encoding="utf-8")
    target = tmp_path / "annex.csv"
    assert run("export", reference, "-o", target).exit_code == 0
    assert target.read_bytes() == BOM.encode("utf-8") + (GOLDEN / "ctoc-wg-tip-2017.csv").read_bytes()
    assert FORMATS["csv"].render_file(small()).startswith(BOM) and not FORMATS["csv"].render(small()).startswith(BOM)
    markdown = tmp_path / "annex.md"
    assert run("export", reference, "-o", markdown).exit_code == 0 and not markdown.read_bytes().startswith(BOM.encode())


def test_a_csv_file_with_its_bom_reads_back(tmp_path):
    target = tmp_path / "annex.csv"
    assert run("export", GOLDEN / "ctoc-wg-tip-2017.json", "-o", target).exit_code == 0
    meetings = read_annex(target, load_instance(REFERENCE))
    assert [m.items for m in meetings][0] == ["1 (a)", "1 (b)", "2"]


# -- 4. Markdown and the terminal ------------------------------------------------------------------


def test_markdown_cells_escape_html_and_line_breaks():
    content = FORMATS["markdown"].render(small(title="<script>alert(1)</script> & <b>x</b>\nnext | line", body="<i>Body</i>"))
    assert "<" not in content and ">" not in content
    assert "| 2 | &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt; next \\| line |" in content
    assert "&lt;i&gt;Body&lt;/i&gt;, First session, Vienna" in content


def test_the_terminal_table_drops_control_and_bidi_characters():
    content = FORMATS["table"].render(small(title=f"Debate{BIDI}\x1b[2J\x9b31m\ttab\rreturn", item="2\u202e", body="W\x1bG"))
    assert not (set(BIDI) | set(CONTROL) | {"\x7f", "\x9b", "\t", "\r"}) & set(content)
    assert "Debate[2J31m tab return" in content and "WG, First session" in content
    assert "10 a.m.–1 p.m." in content, "the en dash stays"


# -- 5. Excel's cell limit -------------------------------------------------------------------------


def test_a_title_longer_than_an_excel_cell_is_refused_with_its_item_named():
    with pytest.raises(InputError) as refused:
        FORMATS["xlsx"].render(small(title="x" * 40_000, item="3 (b)"))
    assert str(refused.value) == (
        "item 3 (b): its title has 40,000 characters; an Excel cell holds at most 32,767; shorten it or export another format"
    )


def test_a_title_at_the_excel_limit_is_written_whole():
    book = openpyxl.load_workbook(io.BytesIO(FORMATS["xlsx"].render(small(last_title="x" * 32_767))))
    assert book["Items"]["B4"].value == "x" * 32_767 and book["Annex"]["C7"].value == "x" * 32_767


def test_any_cell_longer_than_excel_holds_is_refused_with_its_place_named():
    with pytest.raises(InputError, match=r"^the Meetings sheet, row 2, column Body has 40,000 characters; an Excel cell holds at most 32,767"):
        FORMATS["xlsx"].render(small(body="B" * 40_000))
    # a title at the limit fits its own row, not the row that adds ' (continued)'
    with pytest.raises(InputError, match=r"^the Annex sheet, row 6, column Title or description has 32,779 characters"):
        FORMATS["xlsx"].render(small(title="x" * 32_767))


def test_other_formats_keep_a_long_title_whole():
    long = "Review of implementation " * 1_600  # 40,000 characters
    outputs = {name: fmt.render(small(title=long)) for name, fmt in FORMATS.items() if name != "xlsx"}
    assert long in outputs["csv"] and long in outputs["markdown"] and long in outputs["html"]
    assert {r["title"] for r in json.loads(outputs["json"])["items"]} >= {long}
    assert Document(io.BytesIO(outputs["docx"])).tables[0].rows[3].cells[2].text == long


def test_exporting_a_long_title_to_excel_is_one_line_and_writes_nothing(tmp_path):
    path = tmp_path / "draft.json"
    path.write_text(small(title="x" * 40_000).to_json(), encoding="utf-8")
    line = one_line_error(run("export", path, "-o", tmp_path / "annex.xlsx"))
    assert "item 2: its title has 40,000 characters; an Excel cell holds at most 32,767" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.json"]


# -- 6. outputs that protect the user's files ------------------------------------------------------


def test_writing_onto_a_fifo_is_refused_and_the_fifo_stays(draft, tmp_path):
    fifo = tmp_path / "annex.csv"
    os.mkfifo(fifo)
    line = one_line_error(run("export", draft, "-o", fifo))
    assert line == f"Error: {fifo}: is a named pipe (FIFO), not a file; orgwork writes only regular files; choose another path with -o"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    with pytest.raises(InputError, match="named pipe"):
        write_atomic(fifo, "text")


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_writing_onto_a_device_is_refused(device, draft):
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    with pytest.raises(InputError, match=rf"^{device}: is a device, not a file; orgwork writes only regular files"):
        write_atomic(Path(device), "text")
    line = one_line_error(run("export", draft, "--to", "csv", "-o", device))
    assert "is a device" in line
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_a_link_to_a_device_is_refused_and_stays_a_link(draft, tmp_path):
    link = tmp_path / "annex.docx"
    link.symlink_to("/dev/null")
    line = one_line_error(run("export", draft, "-o", link))
    assert line == f"Error: {link}: is a link to /dev/null, a device; orgwork writes only regular files; choose another path with -o"
    assert link.is_symlink() and os.readlink(link) == "/dev/null"


def test_a_link_to_nothing_is_refused(draft, tmp_path):
    link = tmp_path / "annex.md"
    link.symlink_to(tmp_path / "missing.md")
    assert "which does not exist" in one_line_error(run("export", draft, "-o", link))
    assert link.is_symlink() and not (tmp_path / "missing.md").exists()


def test_a_link_to_a_regular_file_is_written_through_and_stays_a_link(draft, tmp_path):
    real = tmp_path / "shared" / "annex.md"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "annex.md"
    link.symlink_to(real)
    assert run("export", draft, "-o", link).exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("## Proposed organization of work")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["annex.md"], "no temporary file is left behind"


def test_a_read_only_target_is_refused(draft, tmp_path):
    target = tmp_path / "annex.docx"
    target.write_bytes(b"the planner's own file")
    target.chmod(0o444)
    line = one_line_error(run("export", draft, "-o", target))
    assert line == f"Error: {target}: is read-only; choose another path or make it writable"
    assert target.read_bytes() == b"the planner's own file"


def test_replacing_a_file_keeps_its_permission_bits(draft, tmp_path):
    target = tmp_path / "annex.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o600)
    assert run("export", draft, "-o", target).exit_code == 0
    assert zipfile.is_zipfile(target) and stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_new_file_gets_the_permissions_of_any_new_file(draft, tmp_path):
    previous = os.umask(0o027)
    try:
        assert run("export", draft, "-o", tmp_path / "annex.csv").exit_code == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "annex.csv").stat().st_mode) == 0o640


@pytest.mark.parametrize("args", [["-o", "annex"], ["--to", "csv", "-o", "annex"], ["-o", ""], ["--to", "docx", "-o", ""]])
def test_an_output_without_a_suffix_is_refused(draft, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    line = one_line_error(run("export", draft, *args))
    assert line.endswith("the output needs a suffix such as .docx, .xlsx, .csv, .md")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.json"]


def test_a_folder_is_refused_as_an_output(draft, tmp_path):
    folder = tmp_path / "annex.docx"
    folder.mkdir()
    assert "is a folder; give a file name in it" in one_line_error(run("export", draft, "-o", folder))
    assert "is a folder" in one_line_error(run("export", draft, "--to", "csv", "-o", tmp_path))


@pytest.mark.parametrize("kind", ["hard", "symbolic"])
def test_a_link_to_the_input_is_the_input(draft, tmp_path, kind):
    link = tmp_path / "copy.json"
    os.link(draft, link) if kind == "hard" else link.symlink_to(draft)
    before = draft.read_bytes()
    assert "is the input file" in one_line_error(run("export", draft, "-o", link))
    assert draft.read_bytes() == before and (kind == "hard") != link.is_symlink()


# -- 7. edited annexes read back -------------------------------------------------------------------


REFERENCE_ANNEX = (GOLDEN / "ctoc-wg-tip-2017.csv").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def instance():
    return load_instance(REFERENCE)


def annex_file(tmp_path, text: str, name: str = "edited.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_french_header_is_named_beside_the_one_expected(tmp_path, instance):
    french = REFERENCE_ANNEX.replace("Date and time,Agenda item,Title or description", "Date et heure,Point de l'ordre du jour,Titre ou description")
    path = annex_file(tmp_path, french)
    with pytest.raises(InputError) as refused:
        read_annex(path, instance)
    assert str(refused.value) == (
        f"{path}: row 1 is 'Date et heure', \"Point de l'ordre du jour\", 'Titre ou description'; "
        "expected the annex header: Date and time, Agenda item, Title or description (and optionally Agreed)"
    )


def test_a_csv_saved_with_semicolons_is_read_as_such(tmp_path, instance):
    rows = list(csv.reader(io.StringIO(REFERENCE_ANNEX)))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    path = annex_file(tmp_path, BOM + buffer.getvalue().replace("\n", "\r\n"))
    assert read_annex(path, instance) == read_annex(annex_file(tmp_path, REFERENCE_ANNEX, "plain.csv"), instance)


def test_a_semicolon_csv_with_another_header_says_what_it_found(tmp_path, instance):
    path = annex_file(tmp_path, "Datum;Punkt;Titel\n")
    with pytest.raises(InputError, match=r"row 1 is 'Datum', 'Punkt', 'Titel'; expected the annex header"):
        read_annex(path, instance)


def _workbook_with_a_date(tmp_path, value) -> Path:
    path = tmp_path / "edited.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Annex"
    for row in csv.reader(io.StringIO(REFERENCE_ANNEX)):
        sheet.append(row)
    sheet["A7"] = value  # 'Thursday, 7 September', as Excel turns it into a date
    book.save(path)
    return path


def test_a_day_row_excel_turned_into_a_date_is_that_day(tmp_path, instance):
    meetings = read_annex(_workbook_with_a_date(tmp_path, dt.datetime(2017, 9, 7)), instance)
    assert [(m.date.day, m.sitting, m.items) for m in meetings][2] == (7, "morning", ["3"])


def test_a_date_that_is_not_a_session_day_is_named_with_the_session_days(tmp_path, instance):
    with pytest.raises(InputError) as refused:
        read_annex(_workbook_with_a_date(tmp_path, dt.datetime(2017, 9, 9)), instance)
    assert str(refused.value).endswith(
        "row 7: the date Saturday, 9 September 2017 is not a day of the session; its days are Wednesday, 6 September; Thursday, 7 September; Friday, 8 September"
    )


def test_a_sitting_excel_turned_into_a_time_is_the_sitting_starting_then(tmp_path, instance):
    path = _workbook_with_a_date(tmp_path, dt.datetime(2017, 9, 7))
    book = openpyxl.load_workbook(path)
    book["Annex"]["A8"] = dt.time(10)  # '10 a.m.–1 p.m.' typed again as '10:00'
    book.save(path)
    assert [(m.date.day, m.sitting) for m in read_annex(path, instance)][2] == (7, "morning")


def test_an_item_id_excel_turned_into_a_date_is_named_with_the_fix(tmp_path, instance):
    path = _workbook_with_a_date(tmp_path, dt.datetime(2017, 9, 7))
    book = openpyxl.load_workbook(path)
    book["Annex"]["B8"] = dt.datetime(2024, 1, 2)  # '1-2' as Excel reads it
    book.save(path)
    with pytest.raises(InputError, match=r"row 8: the agenda item is the date or time 2024-01-02, not an id; .*format the column as text"):
        read_annex(path, instance)


def test_a_day_row_that_is_not_a_session_day_lists_the_session_days(tmp_path, instance):
    path = annex_file(tmp_path, REFERENCE_ANNEX.replace("Thursday, 7 September", "Thursday, 9 September"))
    with pytest.raises(InputError) as refused:
        read_annex(path, instance)
    assert str(refused.value) == (
        f"{path}: row 7: 'Thursday, 9 September' is not a day of the session; "
        "its days are Wednesday, 6 September; Thursday, 7 September; Friday, 8 September"
    )


def test_a_long_session_lists_its_days_shortened(tmp_path):
    from solver.input.instance import Instance

    from tests.conftest import base

    data = base()
    data["calendar"] = {"start": "2030-03-04", "end": "2030-03-15", "meetings_granted": 4}
    path = annex_file(tmp_path, "Date and time,Agenda item,Title or description\nSunday, 3 March,,\n")
    with pytest.raises(InputError, match=r"its days are Monday, 4 March; Tuesday, 5 March; …; Friday, 15 March$"):
        read_annex(path, Instance.model_validate(data))


def test_a_bad_value_is_quoted_at_most_60_characters(tmp_path, instance):
    path = annex_file(tmp_path, REFERENCE_ANNEX.replace("3–6 p.m.,2,", "x" * 5_000 + ",2,"))
    with pytest.raises(InputError) as refused:
        read_annex(path, instance)
    assert f"row 6: '{'x' * 59}…' is not a sitting of Wednesday, 6 September" in str(refused.value)
    assert len(str(refused.value)) < 200 + len(str(path))
    assert excerpt("a\nb\x1b" + "c" * 100, 10) == "'a bcccccc…'"


def test_a_cell_larger_than_csv_reads_is_one_line(tmp_path, instance):
    path = annex_file(tmp_path, REFERENCE_ANNEX + '"' + "x" * 200_000 + '",1,\n')
    with pytest.raises(InputError, match=r"row 13: cannot be read as CSV \(field larger than field limit"):
        read_annex(path, instance)


# -- every format, any text ------------------------------------------------------------------------

FRAGMENTS = [
    "\r", "\n", "\r\n", "\x00", "\x07", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85", "\x9b", "\u2028", "\u2029",
    *BIDI, "\ufeff", "\ufffe", "\uffff", "\ud800", "\udc00", "=", "+", "-", "@", "\t", " ", "'", '"', ",", ";",
    "|", "\\", "<script>", "&amp;", "]]>", "*", "#", "…", "–", "تنفيذ", "公约", "\U0001f600",
]
short_text = st.one_of(
    st.text(max_size=30),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=10).map("".join),
)
long_text = st.tuples(st.sampled_from(FRAGMENTS), st.integers(32_000, 40_000), st.sampled_from(FRAGMENTS)).map(lambda t: t[0] + "x" * t[1] + t[2])
texts = st.tuples(
    st.fixed_dictionaries({key: short_text for key in ("title", "item", "body", "name", "venue", "symbol")}),
    st.sampled_from([None] * 30 + ["title", "title", "item", "body", "venue"]),  # one example in seven has a text of 32,000+
    long_text,
)


@settings(derandomize=True, max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(texts)
def test_any_text_in_titles_ids_and_session_texts_renders_in_every_format(case):
    fields, where_long, long = case
    if where_long:
        fields[where_long] = long
    fields["body"] = well_formed(fields["body"]) or "Body"  # a session has a body, which pydantic checks as text
    if fields["item"] in ("1", "3"):
        fields["item"] += "'"  # not the id of another item
    schedule = small(**fields)
    rows = annex_rows(schedule)
    for name, fmt in FORMATS.items():
        try:
            content = fmt.render_file(schedule)
        except InputError as refused:
            assert name == "xlsx" and "an Excel cell holds at most 32,767" in str(refused), (name, refused)
            assert where_long is not None
            continue
        if name == "csv":
            assert content.startswith(BOM)
            content = content[len(BOM):]
        if name == "xlsx":
            book = openpyxl.load_workbook(io.BytesIO(content))
            assert len(list(book["Annex"].iter_rows())) == 1 + len(rows)
        elif name == "docx":
            assert len(Document(io.BytesIO(content)).tables[0].rows) == 1 + len(rows)
        elif name == "csv":
            parsed = list(csv.reader(io.StringIO(content)))
            assert len(parsed) == len(content.splitlines()) == 1 + len(rows)
            assert not [c for row in parsed for c in row if c.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r"))]
        elif name == "ics":
            assert len(Calendar.from_ical(content).walk("VEVENT")) == len(schedule.meetings)
        elif name == "json":
            assert len(Schedule.model_validate_json(content).meetings) == 2
        elif name == "table":
            assert not (set(BIDI) | set(CONTROL) | {"\r", "\t", "\x7f", "\x85", "\x9b", "\u2028"}) & set(content)
        elif name == "markdown":
            assert "<" not in content and len([line for line in content.splitlines() if line.startswith("| ")]) == 2 + len(rows)
        elif name == "html":
            assert not set(CONTROL) & set(content)
            assert len(BeautifulSoup(content, "html.parser").select("table.annex tbody tr")) == len(rows)
