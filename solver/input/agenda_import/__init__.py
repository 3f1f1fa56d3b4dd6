"""`orgwork import`: an instance from a provisional agenda in Word, PDF or text.

One reader per format turns the document into lines (`text`, `word` with `numbering`, `pdf`);
`tree` finds the list of items in them, `facts` the session's facts around it, `draft` decides
what the instance says (`estimates` for the items), `writing` writes it as commented YAML and
`summary` says on one screen what was found and guessed. The instance is validated before it
is handed back; nothing here prints or writes a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from solver.errors import InputError
from solver.input.agenda_import import pdf, text, word
from solver.input.agenda_import.draft import decide
from solver.input.agenda_import.estimates import load_estimates
from solver.input.agenda_import.facts import read_facts
from solver.input.agenda_import.summary import summary
from solver.input.agenda_import.tree import item_tree
from solver.input.agenda_import.writing import render
from solver.input.instance import Instance
from solver.input.loading import MAX_BYTES, parse

READERS = {".txt": ("text", text.read_lines), ".text": ("text", text.read_lines), ".docx": ("Word", word.read_lines), ".pdf": ("PDF", pdf.read_lines)}


@dataclass(frozen=True)
class Imported:
    """The instance as YAML text, validated, and the lines of the summary."""

    text: str
    instance: Instance
    summary: list[str]


def _read(path: Path) -> tuple[str, list[str]]:
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise InputError(f"{path}: is an old Word 97-2003 document; open it in Word and save it as .docx")
    if suffix not in READERS:
        raise InputError(f"{path}: orgwork imports agendas from .docx, .pdf or .txt, not {suffix or 'a file without a suffix'}; save it as one of those")
    if not path.is_file():
        raise InputError(f"{path}: no such file" if not path.exists() else f"{path}: is not a regular file; give the agenda document")
    if path.stat().st_size > MAX_BYTES:
        raise InputError(f"{path}: is larger than {MAX_BYTES // 2**20} MB, more than any agenda; check the file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror}); check its permissions") from None
    if not data.strip():
        raise InputError(f"{path}: is empty; give the agenda document")
    kind, reader = READERS[suffix]
    return kind, reader(path, data)


def import_agenda(path: Path, estimates: Path | None = None) -> Imported:
    """The instance a planner can solve at once and then correct, read from the agenda at `path`."""
    path = Path(path)
    kind, lines = _read(path)
    agenda = item_tree(lines)
    if not agenda.items:
        where = "no numbered list" if kind == "Word" else "no numbered agenda items"
        raise InputError(
            f"{path}: {where} found (items such as '1. Opening of the session' after 'Provisional agenda'); "
            "number the agenda's items, or give the agenda as another file"
        )
    past = load_estimates(estimates) if estimates is not None else None
    facts = read_facts(lines[: agenda.first_line], lines[agenda.last_line + 1 :])
    draft = decide(facts, agenda.items, past)
    content = render(path.name, kind, facts, draft, estimates.name if estimates is not None else None, past.spreads if past else None)
    instance = parse(Instance, path, yaml.safe_load(content))
    return Imported(content, instance, summary(path.name, kind, facts, draft))
