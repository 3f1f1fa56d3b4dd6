"""Making user text inert and well-formed wherever an output might execute it or choke on it.

Spreadsheet programs run a cell that starts with '=', '+', '-' or '@' (or a tab or carriage
return, also after spaces) as a formula: an agenda title such as '=HYPERLINK(...)' must arrive as text. In CSV the
cell gets a leading apostrophe, which spreadsheets hide and `restore` removes on reading back.

Titles, ids and session texts are typed or pasted by people, so they may hold anything:

- `well_formed`: a lone surrogate (half of a UTF-16 pair, which a JSON file can spell as
  '\\ud800') is no character and cannot be written as UTF-8; it becomes U+FFFD everywhere.
- `printable`: XML (Word, Excel, HTML, iCalendar's strictest readers) allows no C0 control
  other than tab, line feed and carriage return, and neither U+FFFE nor U+FFFF. Vertical tab
  and form feed, which Word itself uses for line and page breaks, become line breaks; the others
  are dropped. Nothing visible is lost.
- `one_line`: every kind of line break as a single space, for a cell that must stay one row
  (CSV, Markdown, the terminal).
- `for_terminal`: one line, and no control or bidirectional-override character, so that a title
  cannot move the cursor, recolour the terminal or reorder the columns around it.
- `excerpt`: at most ~60 characters of a bad value in an error message.
"""

from __future__ import annotations

import html
import re
from typing import TypeVar

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

_SURROGATE = re.compile("[\ud800-\udfff]")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")
_WORD_BREAKS = re.compile("[\x0b\x0c]")  # Word's manual line break and page break
BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # one line break, as str.splitlines sees them
LINE_BREAKS = re.compile(f"(?:{BREAK.pattern})+")
_TERMINAL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def is_formula_like(text: str) -> bool:
    """A spreadsheet might evaluate it: a trigger first, or after leading spaces."""
    return text.lstrip(" ").startswith(TRIGGERS)


def inert(text: str) -> str:
    """The CSV form of a cell: an apostrophe before text a spreadsheet would evaluate."""
    return f"'{text}" if is_formula_like(text) else text


def restore(text: str) -> str:
    """The original text of a cell written by `inert`."""
    if text.startswith("'") and is_formula_like(text[1:]):
        return text[1:]
    return text


def well_formed(text: str) -> str:
    """The text with a surrogate pair joined into its character and a lone surrogate as U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def printable(text: str) -> str:
    """Text every XML document accepts: no C0 control but tab and line breaks, no U+FFFE/U+FFFF."""
    text = well_formed(text)
    return _XML_ILLEGAL.sub("", _WORD_BREAKS.sub("\n", text))


def one_line(text: str) -> str:
    """Printable text with each run of line breaks (CR, LF, CRLF, U+2028 …) as one space."""
    return LINE_BREAKS.sub(" ", printable(text))


def newlines(text: str) -> str:
    """Printable text with each line break (CR, CRLF, U+2028 …) as one line feed."""
    return BREAK.sub("\n", printable(text))


def for_terminal(text: str) -> str:
    """One line with no control character (escape sequences, backspace, tab) and no bidi control."""
    return _TERMINAL.sub("", one_line(text).replace("\t", " "))


def for_markdown(text: str, cell: bool = True) -> str:
    """Markdown text on one line with HTML inert (&, <, > as entities); in a table cell, pipes
    and backslashes escaped too."""
    text = html.escape(one_line(text), quote=False)
    return text.replace("\\", "\\\\").replace("|", "\\|") if cell else text


def csv_cell(text: str) -> str:
    """A CSV cell: one printable line (no spreadsheet splits the row), inert if formula-like."""
    return inert(one_line(text))


def excerpt(text: str, limit: int = 60, quoted: bool = True) -> str:
    """The text for a one-line message: quoted (as repr does), cut to `limit` characters with '…'."""
    text = for_terminal(str(text))
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(text) if quoted else text


def shortened(text: str, limit: int) -> str:
    """Metadata (a document's title property) cut visibly, with '…', to a library's limit."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


T = TypeVar("T")


def _mended(value):
    """(value with every string well formed, whether anything changed)."""
    if isinstance(value, str):
        fixed = well_formed(value)
        return fixed, fixed is not value
    if isinstance(value, dict):
        pairs = [(_mended(k), _mended(v)) for k, v in value.items()]
        return {k: v for (k, _), (v, _) in pairs}, any(a or b for (_, a), (_, b) in pairs)
    if isinstance(value, (list, tuple)):
        parts = [_mended(v) for v in value]
        return type(value)(v for v, _ in parts), any(c for _, c in parts)
    return value, False


def encodable(model: T) -> T:
    """A pydantic model (a schedule) whose strings can all be written as UTF-8: the same object
    when they already can, else a copy with lone surrogates as U+FFFD."""
    data, changed = _mended(model.model_dump())
    return type(model).model_validate(data) if changed else model
