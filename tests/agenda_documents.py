"""Agenda documents made for the import tests: the reference agenda as Word (automatic list
numbering, or numbers typed), as PDF converted from Word by LibreOffice, and broken files (a
PDF of an image only, a password-protected PDF and Word file, a Word file without a list)."""

from __future__ import annotations

import os
import shutil
import subprocess
import zlib
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.shared import Cm, Pt

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # a compound file: an old .doc, or an encrypted .docx
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HEADING = [
    "Conference of the Parties to the United Nations Convention against Transnational Organized Crime",
    "Distr.: General",
    "12 June 2017",
    "Original: English",
    "Working Group on Trafficking in Persons",
    "Vienna, 6-8 September 2017",
    "Annotated provisional agenda",
    "Provisional agenda",
]
ITEMS = [
    (0, "Organizational matters:"),
    (1, "Opening of the meeting;"),
    (1, "Adoption of the agenda and organization of work."),
    (0, "Effective criminal justice responses to trafficking in persons centred on addressing the protection and assistance "
        "needs of different groups and types of victims, with particular reference to victims of trafficking within mixed "
        "migration movements."),
    (0, "Preparation of the questionnaire to review the implementation of the Trafficking in Persons Protocol."),
    (0, "Other matters."),
    (0, "Adoption of the report."),
]
ANNOTATIONS = [
    "Annotations",
    "The seventh session of the Working Group on Trafficking in Persons will be opened on Wednesday, 6 September 2017, at 10 a.m.",
    "At its meeting on 7 April 2017, the extended Bureau of the Conference of the Parties agreed on the provisional agenda for the "
    "seventh meeting of the Working Group, to be held in Vienna from 6 to 8 September 2017.",
    "The resources available to the Working Group will permit the holding of five plenary meetings over two and a half days, "
    "with interpretation into the six official languages of the United Nations.",
    "For its consideration of agenda item 2, the Working Group will have before it a background paper (CTOC/COP/WG.4/2017/2).",
    "For its consideration of agenda item 3, the Working Group will have before it a draft questionnaire (CTOC/COP/WG.4/2017/3).",
]
NUMBERING = f"""<w:abstractNum {W_NS} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:pPr><w:ind w:left="720" w:hanging="720"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/><w:pPr><w:ind w:left="1440" w:hanging="720"/></w:pPr></w:lvl>
</w:abstractNum>"""


def _numbered(document: Document) -> str:
    """Add a list numbered '1.' with sub-items '(a)' to the document's numbering; its numId."""
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))  # abstract numberings come before the nums
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _list_paragraph(document: Document, level: int, num_id: str, title: str) -> None:
    paragraph = document.add_paragraph(style="List Paragraph")
    props = paragraph._p.get_or_add_pPr()
    props.insert(0, parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    _title(paragraph, title)


def _title(paragraph, title: str) -> None:
    if title.startswith("Other matters"):  # a footnote mark, as a superscript, that the title must lose
        paragraph.add_run("Other matters")
        mark = paragraph.add_run("1")
        mark.font.superscript = True
        paragraph.add_run(".")
    else:
        paragraph.add_run(title)


def word_agenda(path: Path, automatic: bool = True) -> Path:
    """The reference agenda in Word, its items numbered by Word's lists or typed."""
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    for line in HEADING:
        document.add_paragraph(line)
    num_id = _numbered(document) if automatic else ""
    number, letter = 0, 0
    for level, title in ITEMS:
        if automatic:
            _list_paragraph(document, level, num_id, title)
            continue
        if level == 0:
            number, letter = number + 1, 0
            label = f"{number}."
        else:
            letter += 1
            label = f"({chr(96 + letter)})"
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(1.27 * (level + 1))  # a hanging indent: wrapped lines stand under the title
        paragraph.paragraph_format.first_line_indent = Cm(-1.27 * (level + 1) if level == 0 else -1.27)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(1.27 * (level + 1)))
        paragraph.add_run(f"{label}\t")
        _title(paragraph, title)
    for line in ANNOTATIONS:
        document.add_paragraph(line)
    document.save(path)
    return path


def word_without_list(path: Path) -> Path:
    document = Document()
    for line in HEADING + ["The agenda will be circulated later."]:
        document.add_paragraph(line)
    document.save(path)
    return path


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(sources: list[Path], folder: Path) -> list[Path]:
    """PDFs of Word files, by LibreOffice (one run for all, in its own profile)."""
    profile = folder / "lo-profile"
    subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *map(str, sources)],
        check=True, capture_output=True, timeout=120, env={**os.environ, "HOME": str(folder)},
    )
    return [folder / f"{source.stem}.pdf" for source in sources]


def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


def image_only_pdf(path: Path) -> Path:
    """A scan: one page holding one grey image and no text."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page,
        _stream(b"q 400 0 0 600 90 120 cm /Im1 Do Q"),
        _stream(bytes([128]) * 64, b"/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 "),
    ]
    path.write_bytes(_pdf(objects))
    return path


def password_pdf(path: Path) -> Path:
    """A PDF encrypted with a password orgwork does not have (standard security handler)."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> /P -44 >>"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page,
               _stream(b"BT /F1 12 Tf 72 720 Td (1. Opening of the session) Tj ET"), font, encrypt]
    path.write_bytes(_pdf(objects, b"/Encrypt 6 0 R /ID [<" + b"01" * 16 + b"> <" + b"01" * 16 + b">] "))
    return path


def password_docx(path: Path) -> Path:
    """What Word writes for a password-protected .docx: a compound file (not a zip) holding the
    streams EncryptionInfo and EncryptedPackage."""
    header = OLE_HEADER
    directory = "EncryptionInfo".encode("utf-16-le").ljust(128, b"\0") + "EncryptedPackage".encode("utf-16-le").ljust(128, b"\0")
    path.write_bytes(header + directory + bytes(1024))
    return path
