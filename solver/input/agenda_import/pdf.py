"""A provisional agenda as PDF, read with pdfplumber: its text lines page by page, each indented
as printed (a wrapped title's second line stands under the title, not under its number), with
small raised characters (footnote marks) and footnotes in small print left out."""

from __future__ import annotations

import io
import statistics
from pathlib import Path

from solver.errors import InputError

SMALL = 0.8  # characters under this share of the page's usual size are footnotes and their marks
INDENT_POINTS = 6.0  # one space of indentation per this many points from the page's left margin


def _page_lines(page) -> list[str]:
    sizes = [round(char["size"], 1) for char in page.chars]
    if not sizes:
        return []
    usual = statistics.median(sizes)
    body = page.filter(lambda obj: obj.get("object_type") != "char" or obj["size"] >= SMALL * usual)
    lines = body.extract_text_lines(return_chars=False)
    if not lines:
        return []
    margin = min(line["x0"] for line in lines)
    return [" " * round((line["x0"] - margin) / INDENT_POINTS) + line["text"] for line in lines]


def read_lines(path: Path, data: bytes) -> list[str]:
    """The document's lines, in reading order; refuses a file without text or with a password."""
    if not data.lstrip().startswith(b"%PDF"):
        raise InputError(f"{path}: is not a PDF file; give the agenda as .pdf, .docx or .txt")
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as document:
            lines = [line for page in document.pages for line in _page_lines(page) + [""]]
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if "password" in type(cause).__name__.casefold() or "encrypt" in str(cause).casefold():
            raise InputError(f"{path}: is password-protected; save a copy without a password (or give the .docx) and import that") from None
        raise InputError(f"{path}: cannot be read as a PDF ({type(cause).__name__}); save it again as PDF, or give the .docx") from None
    except Exception as error:  # noqa: BLE001 - a damaged PDF fails in many ways
        raise InputError(f"{path}: cannot be read as a PDF ({type(error).__name__}); save it again as PDF, or give the .docx") from None
    if not any(line.strip() for line in lines):
        raise InputError(f"{path}: holds no text, only images (a scan?); run it through text recognition (OCR) first, or give the .docx")
    return lines
