"""Read instance and schedule files (YAML or JSON) into models, with one clear line on failure.

A file is read only if it is a regular file of reasonable size. YAML is composed into nodes
first and judged before anything is built: a key written twice in one mapping, nesting deeper
than any instance needs, or aliases that would expand beyond a small budget ("billion laughs")
are refused with the line they are on. Dates and clock times are left as text for pydantic to
check, so that "2017-02-30" is reported as an impossible date in the field that holds it, and an
unquoted `start: 10:00` stays ten o'clock instead of YAML 1.1's sexagesimal 600.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from solver.errors import InputError
from solver.input.instance import Instance
from solver.schedule import Schedule

Model = TypeVar("Model", bound=BaseModel)

MAX_BYTES = 20 * 1024 * 1024  # a year of fifty bodies is well under 1 MB
MAX_DEPTH = 40  # an instance nests about eight levels
MAX_NODES = 500_000  # values after expanding aliases


class _TextLoader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps, and with clock times ('10:00') kept as text."""


_CLOCK = re.compile(r"^(?:[0-9]{1,2}:[0-5][0-9](?::[0-5][0-9])?)$")
_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _digit in "0123456789":
    _TextLoader.yaml_implicit_resolvers.setdefault(_digit, []).insert(0, ("tag:yaml.org,2002:str", _CLOCK))


def _read_text(path: Path) -> str:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror}); check the path and its permissions") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a folder; give a file (.yaml or .json)")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: is not a regular file (a device, a pipe or a socket); give a file (.yaml or .json)")
    if info.st_size > MAX_BYTES:
        raise InputError(f"{path}: is {info.st_size / 1024 / 1024:.0f} MB; orgwork reads files of at most {MAX_BYTES // 1024 // 1024} MB")
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror}); check its permissions") from None
    if len(raw) > MAX_BYTES:
        raise InputError(f"{path}: is larger than {MAX_BYTES // 1024 // 1024} MB; orgwork reads smaller files")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: is not UTF-8 text; save it as UTF-8") from None


def read_data(path: Path) -> Any:
    """The parsed content of a YAML or JSON file."""
    path = Path(path)
    text = _read_text(path)
    if path.suffix.lower() == ".json":
        return _read_json(path, text)
    return _read_yaml(path, text)


def _read_json(path: Path, text: str) -> Any:
    def pairs(items: list[tuple[str, Any]]) -> dict:
        seen: dict[str, Any] = {}
        for key, value in items:
            if key in seen:
                raise InputError(f"{path}: key {_excerpt(key)!r} is written twice in one object; keep one")
            seen[key] = value
        return seen

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: line {error.lineno}, column {error.colno}: invalid JSON ({error.msg}); fix the syntax") from None
    except RecursionError:
        raise InputError(f"{path}: nested too deeply to be an instance; check the brackets") from None
    _check_depth(path, data)
    return data


def _check_depth(path: Path, data: Any) -> None:
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(f"{path}: nested more than {MAX_DEPTH} levels deep; an instance needs far fewer, check the brackets")
        if isinstance(node, dict):
            stack += [(value, depth + 1) for value in node.values()]
        elif isinstance(node, list):
            stack += [(value, depth + 1) for value in node]


def _read_yaml(path: Path, text: str) -> Any:
    loader = _TextLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _judge(path, node)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = error.problem or error.context or "not YAML"
        raise InputError(f"{path}: {where}invalid YAML ({problem}); fix the syntax") from None
    except yaml.YAMLError as error:
        raise InputError(f"{path}: invalid YAML ({_excerpt(str(error).splitlines()[0] if str(error) else 'unreadable')}); fix the syntax") from None
    except RecursionError:
        raise InputError(f"{path}: nested too deeply to be an instance; check the indentation and brackets") from None
    finally:
        loader.dispose()


def _judge(path: Path, root: yaml.Node) -> None:
    """Refuse duplicate keys, deep nesting and alias bombs, walking each node once."""
    size: dict[int, int] = {}
    # iterative post-order walk: (node, depth, children done)
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        if id(node) in size:
            continue
        if depth > MAX_DEPTH:
            raise InputError(f"{path}: line {node.start_mark.line + 1}: nested more than {MAX_DEPTH} levels deep; an instance needs far fewer")
        children = _children(node)
        if not done:
            if isinstance(node, yaml.MappingNode):
                _no_duplicate_keys(path, node)
                _no_split_flow_values(path, node)
            stack.append((node, depth, True))
            stack += [(child, depth + 1, False) for child in children if id(child) not in size]
            continue
        size[id(node)] = 1 + sum(size.get(id(child), 1) for child in children)
        if size[id(node)] > MAX_NODES:
            raise InputError(
                f"{path}: line {node.start_mark.line + 1}: the YAML aliases (*name) here expand to more than "
                f"{MAX_NODES:,} values; write the values out or use fewer aliases"
            )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _no_duplicate_keys(path: Path, node: yaml.MappingNode) -> None:
    seen: dict[str, int] = {}
    for key, _value in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.value == "<<":
            continue
        line = key.start_mark.line + 1
        if key.value in seen:
            raise InputError(
                f"{path}: line {line}: key {_excerpt(key.value)!r} is written twice in one mapping "
                f"(lines {seen[key.value]} and {line}); keep one"
            )
        seen[key.value] = line


def _no_split_flow_values(path: Path, node: yaml.MappingNode) -> None:
    """In a flow mapping, an unquoted comma inside a value ('{title: Review, of progress}') leaves
    a key without a value: a syntax slip, not a misspelt key."""
    if not node.flow_style:
        return
    for key, value in node.value:
        empty = isinstance(value, yaml.ScalarNode) and value.value == "" and value.style is None
        if isinstance(key, yaml.ScalarNode) and key.style is None and empty:
            raise InputError(
                f"{path}: line {key.start_mark.line + 1}, column {key.start_mark.column + 1}: {_excerpt(key.value, 40)!r} has no value; "
                "an unquoted comma inside {...} ends a value: put the text in quotes"
            )


def _excerpt(text: str, limit: int = 60) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _field_path(loc: tuple, data: Any) -> str:
    """'items["2"].estimate' from pydantic's ('items', 3, 'estimate'), naming items by their id."""
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int):
            label = str(key)
            if isinstance(node, list) and 0 <= key < len(node):
                element = node[key]
                if isinstance(element, dict) and "id" in element and parts and parts[-1] in ("items", "bodies", "parts", "events"):
                    label = repr(_excerpt(str(element["id"]).strip(), 40))
                node = element
            else:
                node = None
            parts[-1:] = [f"{parts[-1]}[{label}]"] if parts else [f"[{label}]"]
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
    shown = _excerpt(repr(first.get("input")), 60)
    if kind == "extra_forbidden":
        message = "unknown key; check its spelling against 'orgwork schema'"
    elif kind == "missing":
        message = "is required; add it"
    elif kind.startswith("date") or kind.startswith("datetime"):
        message = f"{shown} is not a real date ({message.lower()}); write it as YYYY-MM-DD"
    elif kind.startswith("time"):
        message = f"{shown} is not a time of day ({message.lower()}); write it as HH:MM"
    elif kind in ("string_too_long", "too_long"):
        message = f"{message.lower()}; shorten it"
    elif "input" in first and kind not in ("value_error", "assertion_error"):
        message = f"{message} (found {shown})"
    more = len(error.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
    where = f"{path}: " if path is not None else ""
    return f"{where}{field + ': ' if field else ''}{_one_line(message)}{suffix}"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def parse(model: type[Model], path: Path, data: Any) -> Model:
    if not isinstance(data, dict):
        found = "nothing" if data is None else type(data).__name__
        raise InputError(f"{path}: expected a mapping of keys at the top of the file, found {found}")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InputError(explain_validation(path, error, data)) from None
    except RecursionError:
        raise InputError(f"{path}: nested too deeply to be read; check the file") from None


def load_instance(path: Path | str) -> Instance:
    path = Path(path)
    return parse(Instance, path, read_data(path))


def load_schedule(path: Path | str) -> Schedule:
    path = Path(path)
    return parse(Schedule, path, read_data(path))
