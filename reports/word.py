"""The annex as a Word document, in the house style of the reference document.

"Annex" and the heading "Proposed organization of work", then a three-column table whose header
row ("Date and time", "Agenda item", "Title or description", in italics between rules) repeats
at the top of every page; a day's label opens its first row; "(continued)" as in the annex.
A day on which no meeting is held ("Official United Nations holiday (no meetings)") and an event
(printed without a number) are in italics, so that neither reads as an agenda item. A day's row
stays on the page of its first meeting, and the rows of one meeting (the items taken up together
included) stay on one page.

The page is the session's paper (`reports.paper`: A4, Letter in New York and Washington) with
a text 16.5 cm wide; the date column is wide enough for "Wednesday, 30 September" on one line.
As UN documents print it, the document symbol heads every page, in bold above a rule, at the
right of odd pages and the left of even ones, and the page number is at the foot on the same
side. Several bodies: each annex is a section of its own under its body's symbol (the session's
when the body has none), the grid under the session's.

In another language every word comes from its table, with its fonts; Arabic reads from the
right: paragraphs, runs, the table and the section are right to left, so that the first column
is at the right and each cell's text starts there, and the running head sits on the outer side
of the page as it reads (`reports.rtl`).

Every text goes through `printable` (Word's XML takes no control character); a line break in a
title stays a line break in its cell. The title property is one line, cut with '…' at the 255
characters a core property holds: the document itself carries the full text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from reports import rtl
from reports.annex import AnnexRow, annexes, columns, subtitle
from reports.grid import grid
from reports.languages import Language, language as language_table
from reports.paper import Paper, paper
from reports.safety import newlines, one_line, shortened
from reports.stamp import document_time, reproducible_zip
from solver.schedule import Schedule

WIDTHS = (Cm(4.6), Cm(2.2), Cm(9.7))  # "Wednesday, 30 September" on one line
GRID_DAY = Cm(4.6)  # the grid's first column, its days
FONT = "Times New Roman"
PROPERTY_LIMIT = 255  # python-docx refuses a longer core property


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _page(section, sheet: Paper) -> None:
    section.page_width, section.page_height = Cm(sheet.width_cm), Cm(sheet.height_cm)
    section.left_margin = section.right_margin = Cm(sheet.side_margin_cm)
    section.top_margin, section.bottom_margin = Cm(sheet.top_margin_cm), Cm(sheet.bottom_margin_cm)
    section.header_distance = section.footer_distance = Cm(1.27)


def _running_head(section, symbol: str, language: Language) -> None:
    """The symbol at the head of each page (bold, above a rule), the page number at its foot:
    at the right of odd pages, the left of even ones."""
    for header, footer, side in ((section.header, section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                                 (section.even_page_header, section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        header.is_linked_to_previous = footer.is_linked_to_previous = False
        head = header.paragraphs[0]
        head.alignment = side
        rtl.paragraph(head, language)
        if symbol:
            run = head.add_run(newlines(symbol))
            run.bold = True
            run.font.size = Pt(10)
            rtl.run(run, language, 10)
            _paragraph_rule(head)
        foot = footer.paragraphs[0]
        foot.alignment = side
        rtl.paragraph(foot, language)
        _page_number(foot, language)


def _paragraph_rule(paragraph) -> None:
    """A thin rule under a paragraph."""
    borders = OxmlElement("w:pBdr")
    line = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "000000")):
        line.set(qn(key), value)
    borders.append(line)
    paragraph._p.get_or_add_pPr().append(borders)


def _page_number(paragraph, language: Language) -> None:
    """A PAGE field, in bold 9-point figures."""
    run = paragraph.add_run()
    run.bold = True
    run.font.size = Pt(9)
    rtl.run(run, language, 9)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _keep_together(row) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def _rule(cell, edge: str) -> None:
    """A thin horizontal rule on one edge of a cell, as the house tables have."""
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tc_pr.append(borders)
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), "4")
    line.set(qn("w:color"), "000000")
    borders.append(line)


def _write(cell, text: str, language: Language, italic: bool = False, size: float = 10, keep_with_next: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(3)
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True  # Word keeps a row with the next through its paragraphs
    rtl.paragraph(paragraph, language)
    run = paragraph.add_run(newlines(text))  # each line break (CR, CRLF, U+2028) one <w:br/>
    run.italic = italic
    run.font.size = Pt(size)
    rtl.run(run, language, size)


@dataclass(frozen=True)
class Line:
    """One row of a table as Word prints it: its cells, which of them are in italics, and whether
    it stays on the page of the row after it."""

    cells: tuple[str, ...]
    italic: tuple[bool, ...] = ()
    keep_with_next: bool = False


def annex_lines(rows: list[AnnexRow]) -> list[Line]:
    """The annex's rows as Word prints them: a closed day's row and an event's title in italics;
    a day's row kept with its first meeting, each meeting's rows kept together."""
    lines = []
    for row, after in zip(rows, [*rows[1:], None]):
        italic = (False, False, row.kind == "closed" or row.role == "event")
        same_meeting = after is not None and row.kind == "item" and after.kind == "item" and after.meeting == row.meeting
        lines.append(Line(row.cells(), italic, row.kind == "day" or same_meeting))
    return lines


def _table(document, columns, rows: list[Line], widths, language: Language) -> None:
    table = document.add_table(rows=1, cols=len(columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    rtl.table(table, language)
    for column, width in zip(table.columns, widths):
        column.width = width  # the grid LibreOffice reads; cells carry the width Word reads
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, title, width in zip(header.cells, columns, widths):
        cell.width = width
        _write(cell, title, language, italic=True, size=8)
        _rule(cell, "top")
        _rule(cell, "bottom")
    for line in rows:
        row = table.add_row()
        _keep_together(row)
        italics = line.italic or (False,) * len(line.cells)
        for cell, text, width, italic in zip(row.cells, line.cells, widths, italics):
            cell.width = width
            _write(cell, text, language, italic=italic, keep_with_next=line.keep_with_next)
    for cell in table.rows[-1].cells:
        _rule(cell, "bottom")


def _paragraph(document, text: str, language: Language, bold: bool = False, size: float | None = None):
    """A paragraph of the document's body, in the language's direction and fonts."""
    paragraph = document.add_paragraph()
    rtl.paragraph(paragraph, language)
    run = paragraph.add_run(newlines(text))
    if bold:
        run.bold = True
    if size is not None:
        run.font.size = Pt(size)
    rtl.run(run, language, size or 10)
    return paragraph


def render_docx(schedule: Schedule, language: str | None = None) -> bytes:
    """The annex as a Word document in `language` (default: the file's)."""
    table = language_table(language or schedule.session.language)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(10)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    rtl.style(document, table)
    when = document_time(schedule)
    properties = document.core_properties
    heading = table.word("annex.heading")
    properties.title = shortened(one_line(table.word("annex.property_title", heading=heading, subtitle=subtitle(schedule, table.code))), PROPERTY_LIMIT)
    properties.author = "orgwork"
    properties.last_modified_by = "orgwork"
    properties.created = properties.modified = when.replace(tzinfo=None)
    properties.revision = 1
    sheet = paper(schedule)
    document.settings.odd_and_even_pages_header_footer = True
    for number, annex in enumerate(annexes(schedule, table.code)):
        section = document.add_section(WD_SECTION.NEW_PAGE) if number else document.sections[0]
        _page(section, sheet)
        rtl.section(section, table)
        # several bodies: each annex is issued under its body's symbol, else the session's
        _running_head(section, (schedule.bodies[number].symbol if schedule.bodies else "") or schedule.session.symbol, table)
        _paragraph(document, table.word("annex.annex"), table, bold=True)
        _paragraph(document, annex.heading, table, bold=True, size=12)
        _paragraph(document, annex.body, table)
        _table(document, columns(table.code), annex_lines(annex.rows), WIDTHS, table)
    if schedule.bodies:
        combined = grid(schedule, table.code)
        section = document.add_section(WD_SECTION.NEW_PAGE)
        _page(section, sheet)
        rtl.section(section, table)
        _running_head(section, schedule.session.symbol, table)
        _paragraph(document, table.word("grid.heading"), table, bold=True)
        width = Cm((16.5 - GRID_DAY.cm) / (len(combined.columns) - 1))
        # a day's sittings on one page: each row stays with the next of its day
        lines = [Line(tuple(cells), keep_with_next=after is not None and not after[0]) for cells, after in zip(combined.rows, [*combined.rows[1:], None])]
        _table(document, combined.columns, lines, (GRID_DAY, *(width for _ in combined.columns[1:])), table)
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue(), when)
