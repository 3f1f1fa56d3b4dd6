"""Every output format: its name, its file suffixes and the function that renders it.

Renderers are imported when used, so that printing a table never loads Word or Excel support.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from solver.errors import InputError
from solver.schedule import Schedule


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    module: str
    function: str
    binary: bool = False  # goes to a file, never to the terminal
    views: tuple[str, ...] = ("annex",)

    def render(self, schedule: Schedule, view: str = "annex") -> str | bytes:
        if view not in self.views:
            raise InputError(f"the {view} view is available as {', '.join(f.name for f in FORMATS.values() if view in f.views)}, not {self.name}")
        function = getattr(importlib.import_module(self.module), self.function)
        return function(schedule, view) if len(self.views) > 1 else function(schedule)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("table", (".txt",), "reports.text", "render_table", views=("annex", "grid")),
        Format("markdown", (".md", ".markdown"), "reports.text", "render_markdown", views=("annex", "grid")),
        Format("csv", (".csv",), "reports.text", "render_csv", views=("annex", "grid")),
        Format("json", (".json",), "reports.text", "render_json"),
        Format("html", (".html", ".htm"), "reports.html", "render_html"),
        Format("docx", (".docx",), "reports.word", "render_docx", binary=True),
        Format("xlsx", (".xlsx",), "reports.excel", "render_xlsx", binary=True),
        Format("ics", (".ics",), "reports.ical", "render_ics"),
    )
}


def format_for(path: Path) -> Format:
    """The format a file's suffix asks for, or a clear refusal listing the known ones."""
    suffix = path.suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt
    known = ", ".join(s for f in FORMATS.values() for s in f.suffixes)
    shown = repr(suffix) if suffix else "no suffix"
    raise InputError(f"{path}: unknown suffix {shown}; use one of {known}, or give the format")


def choose(name: str | None, output: Path | None, view: str = "annex") -> Format:
    """The format named, else the one -o's suffix asks for, else the terminal table."""
    if name is not None:
        fmt = FORMATS[name]
    elif output is not None:
        fmt = format_for(output)
    else:
        fmt = FORMATS["table"]
    if fmt.binary and output is None:
        raise InputError(f"{fmt.name} output is a file, not text for the terminal; add -o PATH.{fmt.name}")
    if view not in fmt.views:
        raise InputError(f"the {view} view is available as {', '.join(f.name for f in FORMATS.values() if view in f.views)}, not {fmt.name}")
    return fmt
