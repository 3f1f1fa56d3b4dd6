"""Scenario files: a base instance and variants, each a set of overrides in the instance's terms.

    base: ctoc-wg-tip-2017.yaml           # relative to the scenario file
    variants:
      - name: Four meetings instead of five
        meetings_granted: 4
      - name: Item 3 needs a day and an hour
        items: {"3": {estimate: 7h}}
      - name: Starting a day later
        calendar: {dates: [2017-09-07, 2017-09-08, 2017-09-11]}

Every variant becomes a full instance, validated like any file; an error names the variant.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from solver.input import edits
from solver.errors import InputError
from solver.input.instance import Instance
from solver.input.loading import explain_validation, parse, read_data


class AddedItem(BaseModel):
    """An item added by a variant: the item, and where it goes in the agenda."""

    model_config = ConfigDict(extra="forbid")
    after: str | None = Field(None, description="Insert after this item; default: before 'Other matters' and the report.")
    item: dict[str, Any] = Field(description="The item, written as in an instance file.")


class BodyOverrides(BaseModel):
    model_config = ConfigDict(extra="forbid")
    meetings_granted: int | None = Field(None, ge=1, description="Meetings granted to this body.")
    earliest: str | None = None
    latest: str | None = None
    items: dict[str, dict[str, Any] | None] = Field(default_factory=dict, description="Item id -> fields to change (null removes a field).")
    add_items: list[AddedItem] = Field(default_factory=list)
    remove_items: list[str] = Field(default_factory=list)
    rules: dict[str, Any] = Field(default_factory=dict)
    # anything else the instance says of a body, written as there and replacing the base's
    events: list[dict[str, Any]] | None = Field(None, description="Its events, replacing the base's.")
    segments: list[dict[str, Any]] | None = Field(None, description="Its segments, replacing the base's.")
    rooms: list[str] | None = Field(None, description="Several bodies: the rooms it may meet in.")
    change_rooms: bool | None = None
    interpretation: bool | None = None
    consecutive: bool | None = None
    sittings: list[dict[str, Any]] | None = Field(None, description="Several bodies: its own sitting times.")
    after: list[dict[str, Any]] | None = None
    before: list[dict[str, Any]] | None = None
    name: str | None = None
    symbol: str | None = None


REPLACED = ("events", "segments")  # what a body's overrides replace, one body or several
BODY_ONLY = ("rooms", "change_rooms", "interpretation", "consecutive", "sittings", "after", "before", "name", "symbol")


class Variant(BodyOverrides):
    """One scenario: a name and what changes from the base."""

    name: str = Field(min_length=1, description="As the comparison table heads it: 'Four meetings'.")
    calendar: dict[str, Any] = Field(default_factory=dict, description="Calendar keys that replace the base's: dates, closed …")
    bodies: dict[str, BodyOverrides] = Field(default_factory=dict, description="Several bodies: overrides per body id.")


class ScenarioFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    base: str = Field(description="The base instance file, relative to the scenario file.")
    variants: list[Variant] = Field(min_length=1)


def base_path(path: Path | str) -> Path:
    """The base instance a scenario file names, as a path (for the outputs never to overwrite it)."""
    path = Path(path)
    return (path.parent / parse(ScenarioFile, path, read_data(path)).base).resolve()


def load_scenarios(path: Path | str) -> tuple[Instance, list[tuple[str, Instance]]]:
    """The base instance and each variant's instance, in file order."""
    path = Path(path)
    scenarios = parse(ScenarioFile, path, read_data(path))
    base_file = (path.parent / scenarios.base).resolve()
    if base_file == path.resolve():
        raise InputError(f"{path}: base: names this scenario file itself; name the instance file the variants change")
    where = f"{path}: base {scenarios.base}"
    if not base_file.exists():
        raise InputError(f"{where}: no such file (looked for {base_file}); the base is relative to the scenario file's folder")
    probe = read_data(base_file)
    if isinstance(probe, dict) and "variants" in probe:
        raise InputError(f"{where}: is itself a scenario file (it has variants:); name an instance file as the base")
    try:
        base = parse(Instance, base_file, probe)
    except InputError as error:
        raise InputError(f"{where}: {error}") from None
    names = [v.name for v in scenarios.variants]
    for name in names:
        if names.count(name) > 1:
            raise InputError(f"{path}: variants: the name {name!r} is used twice; give each variant its own name")
    out = []
    for variant in scenarios.variants:
        where = f"{path}: variants[{variant.name!r}]"
        data = apply_variant(edits.data_of(base), variant, base, where)
        try:
            out.append((variant.name, Instance.model_validate(data)))
        except ValidationError as error:
            message = explain_validation(None, error, data)
            raise InputError(f"{where}: {message}") from None
    return base, out


def apply_variant(data: dict, variant: Variant, base: Instance, where: str) -> dict:
    data = copy.deepcopy(data)
    data["calendar"] = {**data["calendar"], **variant.calendar}
    if variant.calendar.get("start") or variant.calendar.get("end"):
        data["calendar"].pop("dates", None)
    if variant.calendar.get("dates"):
        data["calendar"].pop("start", None)
        data["calendar"].pop("end", None)
    if base.several:
        if variant.items or variant.add_items or variant.remove_items or variant.meetings_granted:
            raise InputError(f"{where}: the base has several bodies; write item changes under bodies: {{id: ...}}")
        for key in REPLACED + BODY_ONLY:
            if key != "name" and getattr(variant, key) is not None:
                raise InputError(f"{where}.{key}: the base has several bodies; write it under bodies: {{id: {{{key}: ...}}}}")
        data.setdefault("rules", {}).update(variant.rules)
        known = [b.id for b in base.body_list()]
        for body_id, overrides in variant.bodies.items():
            if body_id not in known:
                raise InputError(f"{where}.bodies: no body {body_id!r} in the base; use one of {', '.join(known)}")
            _apply_body(data, overrides, body_id, f"{where}.bodies[{body_id!r}]")
        return data
    if variant.bodies:
        raise InputError(f"{where}.bodies: the base has one body; write its changes directly (items:, meetings_granted: …)")
    if variant.meetings_granted is not None:
        data["calendar"]["meetings_granted"] = variant.meetings_granted
    _apply_body(data, variant, "", where)
    return data


def _apply_body(data: dict, overrides: BodyOverrides, body: str, where: str) -> None:
    holder = edits.body_data(data, body)
    if body and overrides.meetings_granted is not None:
        holder["meetings_granted"] = overrides.meetings_granted
    for key in ("earliest", "latest"):
        value = getattr(overrides, key)
        if value is not None and body:
            holder[key] = value
    if overrides.rules:
        holder["rules"] = {**(holder.get("rules") or {}), **overrides.rules}
    for key in REPLACED + BODY_ONLY:
        value = getattr(overrides, key)
        if value is None or (key == "name" and not body):
            continue
        if key in BODY_ONLY and not body:
            raise InputError(f"{where}.{key}: says where and how a body of several meets; the base has one body")
        holder[key] = value
    ids = [entry["id"] for entry in holder["items"]]
    for written, fields in overrides.items.items():
        item_id = " ".join(str(written).split())  # as the instance trims its ids
        if item_id not in ids:
            raise InputError(f"{where}.items: no item {item_id!r} in the base agenda; use one of {', '.join(ids)}")
        if not fields:
            raise InputError(
                f"{where}.items[{item_id!r}]: changes nothing; give the fields to change "
                f"({{estimate: 2h}}, {{pin: null}} …), or list the item under remove_items to drop it"
            )
        entry = next(e for e in holder["items"] if e["id"] == item_id)
        for key, value in (fields or {}).items():
            if value is None:
                entry.pop(key, None)
            else:
                entry[key] = value
    for item_id in overrides.remove_items:
        if item_id not in ids:
            raise InputError(f"{where}.remove_items: no item {item_id!r} in the base agenda; use one of {', '.join(ids)}")
    if overrides.remove_items:
        edits.remove_items(set(overrides.remove_items), body)(data)
    for added in overrides.add_items:
        _insert(holder, added, where)


def _insert(holder: dict, added: AddedItem, where: str) -> None:
    items = holder["items"]
    ids = [entry["id"] for entry in items]
    if added.after is not None:
        if added.after not in ids:
            raise InputError(f"{where}.add_items: no item {added.after!r} to add after; use one of {', '.join(ids)}")
        position = ids.index(added.after) + 1
    else:
        from solver.input.roles import role_from_title

        closing = [n for n, e in enumerate(items) if (e.get("role") or role_from_title(e.get("title", ""))) in ("other-matters", "report")]
        position = closing[0] if closing else len(items)
    items.insert(position, dict(added.item))
