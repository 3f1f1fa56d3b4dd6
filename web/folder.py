"""The files the page lists: the instances and scenario files of the served folder.

Each YAML or JSON file (hidden folders and virtual environments skipped, at most a few levels
deep) is read as `orgwork` reads it and listed by what it holds: an instance (its session's
names), a scenario file (its base), or, when it cannot be read, the one line saying why. A
schedule (orgwork's JSON) is not listed: it is opened through its instance. Files are read
again only when they change.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from solver.errors import InputError
from solver.input.loading import read_data

SUFFIXES = (".yaml", ".yml", ".json")
DEPTH = 3  # folders below the served one
MOST = 500  # files listed at most
LARGEST = 2 * 1024 * 1024  # bytes: a larger file is listed by name, read only when opened
SKIPPED = {"node_modules", "__pycache__", "site-packages"}


@dataclass(frozen=True)
class Entry:
    name: str  # relative to the folder, with '/'
    kind: str  # "instance", "scenarios" or "unreadable"
    title: str = ""
    problem: str = ""


_seen: dict[tuple[str, int, int], Entry | None] = {}


def _entry(folder: Path, path: Path) -> Entry | None:
    name = path.relative_to(folder).as_posix()
    info = path.stat()
    key = (str(path), info.st_mtime_ns, info.st_size)
    if key in _seen:
        return _seen[key]
    if info.st_size > LARGEST:
        entry: Entry | None = Entry(name, "instance", "(large file: read when opened)")
    else:
        try:
            entry = _classified(name, read_data(path))
        except InputError as error:
            entry = Entry(name, "unreadable", problem=str(error).removeprefix(f"{path}: "))
    _seen[key] = entry
    return entry


def _classified(name: str, data) -> Entry | None:
    if not isinstance(data, dict):
        return None
    if "variants" in data and "base" in data:
        return Entry(name, "scenarios", f"variants of {data.get('base')}")
    if str(data.get("format", "")).startswith("orgwork-"):
        return None  # a schedule or a comparison orgwork wrote
    if "calendar" in data or "session" in data:
        session = data.get("session") if isinstance(data.get("session"), dict) else {}
        title = ", ".join(str(session[k]) for k in ("body", "name", "venue") if session.get(k))
        return Entry(name, "instance", title)
    return None


def listing(folder: Path) -> list[Entry]:
    """The folder's instances and scenario files, by name."""
    entries: list[Entry] = []
    root = folder.resolve()
    for current, folders, files in os.walk(root):
        depth = len(Path(current).relative_to(root).parts)
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in SKIPPED and depth < DEPTH
                            and not (Path(current) / f / "pyvenv.cfg").exists())
        for file in sorted(files):
            path = Path(current) / file
            if file.startswith(".") or path.suffix.lower() not in SUFFIXES or not path.is_file():
                continue
            entry = _entry(root, path)
            if entry is not None:
                entries.append(entry)
            if len(entries) >= MOST:
                return entries
    return sorted(entries, key=lambda e: e.name)
