"""Making user text inert where a program might execute it.

Spreadsheet programs run a cell that starts with '=', '+', '-' or '@' (or a tab or carriage
return) as a formula: an agenda title such as '=HYPERLINK(...)' must arrive as text. In CSV the
cell gets a leading apostrophe, which spreadsheets hide and `restore` removes on reading back.
"""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    return text.startswith(TRIGGERS)


def inert(text: str) -> str:
    """The CSV form of a cell: an apostrophe before text a spreadsheet would evaluate."""
    return f"'{text}" if is_formula_like(text) else text


def restore(text: str) -> str:
    """The original text of a cell written by `inert`."""
    if text.startswith("'") and is_formula_like(text[1:]):
        return text[1:]
    return text
