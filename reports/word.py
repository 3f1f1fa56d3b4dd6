"""The annex as a Word document, in the house style of the reference document.

"Annex" and the heading "Proposed organization of work", then a three-column table whose header
row ("Date and time", "Agenda item", "Title or description", in italics between rules) repeats
at the top of every page; a day's label opens its first row; "(continued)" as in the annex.

Every text goes through `printable` (Word's XML takes no control character); a line break in a
title stays a line break in its cell. The title property is one line, cut with '…' at the 255
characters a core property holds: the document itself carries the full text.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from reports.annex import COLUMNS, annexes, subtitle
from reports.grid import grid
from reports.safety import newlines, one_line, shortened
from reports.stamp import document_time, reproducible_zip
from solver.schedule import Schedule

WIDTHS = (Cm(4.0), Cm(2.2), Cm(10.3))
FONT = "Times New Roman"
PROPERTY_LIMIT = 255  # python-docx refuses a longer core property


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


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


def _write(cell, text: str, italic: bool = False, size: float = 10) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(3)
    run = paragraph.add_run(newlines(text))  # each line break (CR, CRLF, U+2028) one <w:br/>
    run.italic = italic
    run.font.size = Pt(size)


def _table(document, columns, rows, widths) -> None:
    table = document.add_table(rows=1, cols=len(columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width  # the grid LibreOffice reads; cells carry the width Word reads
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, title, width in zip(header.cells, columns, widths):
        cell.width = width
        _write(cell, title, italic=True, size=8)
        _rule(cell, "top")
        _rule(cell, "bottom")
    for cells in rows:
        row = table.add_row()
        _keep_together(row)
        for cell, text, width in zip(row.cells, cells, widths):
            cell.width = width
            _write(cell, text)
    for cell in table.rows[-1].cells:
        _rule(cell, "bottom")


def render_docx(schedule: Schedule) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(10)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    when = document_time(schedule)
    properties = document.core_properties
    properties.title = shortened(one_line(f"Proposed organization of work: {subtitle(schedule)}"), PROPERTY_LIMIT)
    properties.author = "orgwork"
    properties.last_modified_by = "orgwork"
    properties.created = properties.modified = when.replace(tzinfo=None)
    properties.revision = 1
    for number, annex in enumerate(annexes(schedule)):
        if number:
            document.add_page_break()
        if schedule.session.symbol:
            symbol = document.add_paragraph(newlines(schedule.session.symbol))
            symbol.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        label = document.add_paragraph()
        label.add_run("Annex").bold = True
        heading = document.add_paragraph()
        heading.add_run(newlines(annex.heading)).bold = True
        heading.runs[0].font.size = Pt(12)
        document.add_paragraph(newlines(annex.body))
        _table(document, COLUMNS, [row.cells() for row in annex.rows], WIDTHS)
    if schedule.bodies:
        combined = grid(schedule)
        document.add_page_break()
        heading = document.add_paragraph()
        heading.add_run("Meetings by sitting and room").bold = True
        width = Cm(16.5 / len(combined.columns))
        _table(document, combined.columns, combined.rows, tuple(width for _ in combined.columns))
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue(), when)
