"""Every output format: its name, its file suffixes and the function that renders it.

Renderers are imported when used, so that printing a table never loads Word or Excel support.

Every renderer prints in a language (`language`, default the file's `session.language`): the
fixed words from that language's table, the titles in that language where the file gives them
(`reports.titles`). The JSON is the same in every language.

A CSV *file* starts with a UTF-8 byte order mark, without which Excel and LibreOffice read
"10 a.m.–1 p.m." as mojibake; CSV printed to the terminal has none (`Format.file_prefix`,
added by `reports.output.write_atomic` for the file's suffix).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from reports.output import SUFFIX_EXAMPLES, refusal
from reports.safety import encodable
from reports.titles import in_language
from solver.errors import InputError
from solver.schedule import Schedule

BOM = "\ufeff"


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    module: str
    function: str
    binary: bool = False  # goes to a file, never to the terminal
    views: tuple[str, ...] = ("annex",)
    file_prefix: str = ""  # text a file of this format starts with, and the terminal never shows
    neutral: bool = False  # the same in every language (the canonical JSON)

    def render(self, schedule: Schedule, view: str = "annex", language: str | None = None) -> str | bytes:
        """The text for the terminal (or the bytes of a binary format), in `language` (default:
        the file's)."""
        if view not in self.views:
            raise InputError(f"the {view} view is available as {', '.join(f.name for f in FORMATS.values() if view in f.views)}, not {self.name}")
        function = getattr(importlib.import_module(self.module), self.function)
        schedule = encodable(schedule)  # a lone surrogate (from a JSON '\ud800') as U+FFFD
        if self.neutral:
            return function(schedule)
        language = language or schedule.session.language
        schedule = in_language(schedule, language)
        return function(schedule, view, language=language) if len(self.views) > 1 else function(schedule, language=language)

    def render_file(self, schedule: Schedule, view: str = "annex", language: str | None = None) -> str | bytes:
        """The content of a file of this format: what `render` gives, after `file_prefix`."""
        content = self.render(schedule, view, language)
        return self.file_prefix + content if isinstance(content, str) and self.file_prefix else content


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("table", (".txt",), "reports.text", "render_table", views=("annex", "grid")),
        Format("markdown", (".md", ".markdown"), "reports.text", "render_markdown", views=("annex", "grid")),
        Format("csv", (".csv",), "reports.text", "render_csv", views=("annex", "grid"), file_prefix=BOM),
        Format("json", (".json",), "reports.text", "render_json", neutral=True),
        Format("html", (".html", ".htm"), "reports.html", "render_html", views=("annex", "grid")),
        Format("docx", (".docx",), "reports.word", "render_docx", binary=True),
        Format("xlsx", (".xlsx",), "reports.excel", "render_xlsx", binary=True),
        Format("ics", (".ics",), "reports.ical", "render_ics"),
    )
}


def in_language_path(path: Path, language: str) -> Path:
    """Where one language's file goes beside the output: annex.docx → annex.fr.docx."""
    path = Path(path)
    return path.with_name(f"{path.stem}.{language}{path.suffix}")


def file_prefix(path: Path) -> str:
    """What a text file with this suffix starts with: a BOM for .csv, else nothing."""
    suffix = Path(path).suffix.lower()
    return next((f.file_prefix for f in FORMATS.values() if suffix in f.suffixes), "")


def format_for(path: Path) -> Format:
    """The format a file's suffix asks for, or a clear refusal listing the known ones."""
    if str(path) in ("", ".") or not Path(path).suffix:
        raise InputError(refusal(path) or f"{path}: the output needs a suffix such as {SUFFIX_EXAMPLES}")
    suffix = path.suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt
    known = ", ".join(s for f in FORMATS.values() for s in f.suffixes)
    raise InputError(f"{path}: unknown suffix {suffix!r}; use one of {known}, or give the format")


def choose(name: str | None, output: Path | None, view: str = "annex") -> Format:
    """The format named, else the one -o's suffix asks for, else the terminal table."""
    if output is not None and (problem := refusal(output)):
        raise InputError(problem)  # before any solving: a device, a read-only file, no suffix …
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
