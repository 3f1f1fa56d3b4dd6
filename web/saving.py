"""Writing into the served folder, only when the planner asks: the edited instance (YAML or
JSON) and the draft in any format, through the same atomic writes as the command line. A file
that exists is replaced only once the planner confirmed it; the file the draft was opened from
never is (its comments would be lost)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml

from reports.formats import format_for
from reports.output import write_atomic
from solver.errors import InputError
from solver.input.instance import Instance
from solver.schedule import Schedule
from web.safety import Refused, inside

INSTANCE_SUFFIXES = (".yaml", ".yml", ".json")


class Confirm(Exception):
    """The file exists: the planner is asked before it is replaced."""


def instance_text(instance: Instance, source: str, suffix: str) -> str:
    data = instance.model_dump(mode="json", exclude_defaults=True)
    if suffix == ".json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    header = f"# Edited with orgwork serve from {source}; the comments of that file are not kept here.\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def draft_content(schedule: Schedule, name: str) -> str | bytes:
    return format_for(Path(name)).render_file(schedule)


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def save(folder: Path, name: str, content_for, inputs: list[Path], replace: bool, suffixes: tuple[str, ...] = ()) -> Path:
    """Write `content_for(name)` to `name` in `folder`; `Confirm` when it exists and `replace`
    is not given; `Refused` for a path outside the folder or over an input."""
    path = inside(folder, name, suffixes)
    if any(_same(path, source) for source in inputs):
        raise Refused(409, f"{name}: is the file this draft was opened from; save under another name, so that nothing written there is lost")
    if (path.exists() or path.is_symlink()) and not replace:
        raise Confirm(f"{name} exists already. Replace it?")
    content = content_for(name)
    try:
        write_atomic(path, content, inputs=inputs)
    except InputError as error:
        raise Refused(400, str(error).replace(" with -o", "").replace(" -o", "")) from None
    return path
