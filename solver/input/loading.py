"""Read instance and schedule files (YAML or JSON) into models, with one clear line on failure.

Dates are left as text for pydantic to check, so that "2017-02-30" is reported as an impossible
date in the field that holds it rather than as a YAML error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from solver.errors import InputError
from solver.input.instance import Instance
from solver.schedule import Schedule

Model = TypeVar("Model", bound=BaseModel)


class _TextDatesLoader(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type: dates stay strings until validated."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_data(path: Path) -> Any:
    """The parsed content of a YAML or JSON file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder; give an instance file (.yaml or .json)") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: is not UTF-8 text; save it as UTF-8") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror}); check its permissions") from None
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}: line {error.lineno}, column {error.colno}: invalid JSON ({error.msg}); fix the syntax") from None
    try:
        return yaml.load(text, Loader=_TextDatesLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise InputError(f"{path}: {where}invalid YAML ({error.problem}); fix the syntax") from None
    except yaml.YAMLError as error:
        raise InputError(f"{path}: invalid YAML ({error}); fix the syntax") from None


def _field_path(loc: tuple, data: Any) -> str:
    """'items["2"].estimate' from pydantic's ('items', 3, 'estimate'), naming items by their id."""
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int):
            label = str(key)
            if isinstance(node, list) and 0 <= key < len(node):
                element = node[key]
                if isinstance(element, dict) and "id" in element and parts and parts[-1] == "items":
                    label = repr(str(element["id"]))
                node = element
            else:
                node = None
            parts[-1] = f"{parts[-1]}[{label}]" if parts else f"[{label}]"
            continue
        if isinstance(node, dict):
            node = node.get(key)
        else:
            node = None
        if key in ("function-after", "function-before", "function-plain", "function-wrap") or "[" in str(key):
            continue  # pydantic's validator steps and union branches are not fields
        parts.append(str(key))
    return ".".join(parts)


def explain_validation(path: Path | None, error: ValidationError, data: Any) -> str:
    """One line: file (when given), field, what is wrong and what to write instead."""
    first = error.errors(include_url=False)[0]
    field = _field_path(tuple(first["loc"]), data)
    kind = first["type"]
    message = first["msg"].removeprefix("Value error, ")
    if kind == "extra_forbidden":
        message = "unknown key; check its spelling against 'orgwork schema'"
    elif kind == "missing":
        message = "is required; add it"
    elif kind.startswith("date") or kind.startswith("datetime"):
        message = f"{first.get('input')!r} is not a real date ({message.lower()}); write it as YYYY-MM-DD"
    elif kind.startswith("time"):
        message = f"{first.get('input')!r} is not a time of day ({message.lower()}); write it as HH:MM"
    more = len(error.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
    where = f"{path}: " if path is not None else ""
    return f"{where}{field + ': ' if field else ''}{message}{suffix}"


def parse(model: type[Model], path: Path, data: Any) -> Model:
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a mapping of keys at the top of the file, found {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InputError(explain_validation(path, error, data)) from None


def load_instance(path: Path | str) -> Instance:
    path = Path(path)
    return parse(Instance, path, read_data(path))


def load_schedule(path: Path | str) -> Schedule:
    path = Path(path)
    return parse(Schedule, path, read_data(path))
