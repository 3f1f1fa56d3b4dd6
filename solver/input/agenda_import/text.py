"""A provisional agenda saved as plain text: UTF-8 (or the Windows encoding Word saves by default)."""

from __future__ import annotations

from pathlib import Path

from solver.errors import InputError


def read_lines(path: Path, data: bytes) -> list[str]:
    """The document's lines, as saved."""
    if b"\x00" in data[:4096]:
        raise InputError(f"{path}: is not a text file (it holds binary data); save the agenda as .txt, or give the .docx or .pdf")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(f"{path}: cannot be read as UTF-8 text; save it again as 'Plain text, UTF-8'") from None
    return text.splitlines()
