"""A provisional agenda in Word (.docx): its paragraphs and table rows in document order, each
with the number Word's automatic list numbering draws before it (see `numbering`), footnote
references and superscript marks left out, line breaks inside a paragraph as spaces."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from solver.errors import InputError
from solver.input.agenda_import.numbering import W, Numbering

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: an encrypted .docx or an old .doc


def _refused(path: Path, data: bytes) -> str | None:
    if data.startswith(OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return f"{path}: is password-protected; open it in Word, remove the password (File > Info > Protect Document) and save it again"
        return f"{path}: is an old Word 97-2003 document (.doc); open it in Word and save it as .docx"
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return f"{path}: is not a Word document (.docx); save the agenda from Word as .docx, or give it as .pdf or .txt"
    return None


def _run_text(run) -> str:
    props = run.find(f"{W}rPr")
    align = props.find(f"{W}vertAlign") if props is not None else None
    if align is not None and align.get(f"{W}val") == "superscript":
        return ""  # a footnote mark typed as a superscript
    out = []
    for child in run:
        tag = child.tag
        if tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
            return ""
        if tag == f"{W}t":
            out.append(child.text or "")
        elif tag == f"{W}tab":
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            out.append(" ")
    return "".join(out)


def _paragraph(paragraph, numbering: Numbering) -> str:
    text = "".join(_run_text(run) for run in paragraph.iter(f"{W}r") if run.getparent().tag != f"{W}del")
    label = numbering.label(paragraph)
    return f"{label}\t{text.strip()}" if label else text


def read_lines(path: Path, data: bytes) -> list[str]:
    """The document's paragraphs (and table rows, cells separated by tabs), numbered as shown."""
    problem = _refused(path, data)
    if problem:
        raise InputError(problem)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - a damaged package fails in many ways
        raise InputError(f"{path}: cannot be read as a Word document ({type(error).__name__}); open it in Word and save it again as .docx") from None
    try:
        numbering_xml = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_xml = None
    numbering = Numbering(numbering_xml, document.styles.element)
    lines: list[str] = []
    for block in document.element.body:
        if block.tag == f"{W}p":
            lines.append(_paragraph(block, numbering))
        elif block.tag == f"{W}tbl":
            for row in block.iter(f"{W}tr"):
                cells = [" ".join(_paragraph(p, numbering) for p in cell.iter(f"{W}p")).strip() for cell in row.iter(f"{W}tc")]
                lines.append("\t".join(c for c in cells if c))
    return lines
