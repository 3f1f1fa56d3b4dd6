"""Changes to an instance in its own terms: grant a meeting, shorten an item, drop a pin.

Each edit takes the instance as data (its JSON form), returns new data, and never touches the
original; `apply` validates the result into an `Instance` again, so an edit can never produce a
file orgwork would refuse.
"""

from __future__ import annotations


import copy
import re
import datetime as dt
from collections.abc import Callable
from typing import Any

from solver.input.durations import format_minutes
from solver.errors import InputError
from solver.input.instance import Instance

Data = dict[str, Any]
Edit = Callable[[Data], Data]


def data_of(instance: Instance) -> Data:
    return instance.model_dump(mode="json", exclude_none=True)


def apply(instance: Instance, *edits: Edit) -> Instance:
    data = data_of(instance)
    for edit in edits:
        data = edit(copy.deepcopy(data))
    return Instance.model_validate(data)


def body_data(data: Data, body: str) -> Data:
    """The part of the data that holds a body's items (the file itself for a single body)."""
    return _body(data, body)


def _body(data: Data, body: str) -> Data:
    """The part of the data that holds a body's items, meetings and rules (the file itself for
    a single body)."""
    if not body:
        return data
    for entry in data.get("bodies", []):
        if entry["id"] == body:
            return entry
    raise InputError(f"no body {body!r} in the file")


_PART = re.compile(r"^(.*) \(part (\d+)\)$")


def _item(data: Data, item_id: str, body: str = "") -> Data:
    """The entry of an item, of one of its parts ('1 (part 2)', or '1' for an item in parts:
    its first part), of an event, or of a segment that is a block of its own ('segment 1')."""
    holder = _body(data, body)
    part = _PART.match(item_id)
    for entry in holder.get("items") or ():  # a file of segments alone has none
        if part and entry["id"] == part.group(1) and entry.get("parts"):
            return entry["parts"][int(part.group(2)) - 1]
        if entry["id"] == item_id:
            return entry["parts"][0] if entry.get("parts") else entry
    for number, entry in enumerate(holder.get("events", []), start=1):
        if entry.get("id", f"event {number}") == item_id:
            return entry
    for number, entry in enumerate(holder.get("segments", []), start=1):
        if not entry.get("items") and item_id == f"segment {number}":
            return entry  # a segment that is a block of its own
    raise InputError(f"no item {item_id!r} in the agenda")


def grant_meetings(count: int, body: str = "") -> Edit:
    def edit(data: Data) -> Data:
        if body:
            _body(data, body)["meetings_granted"] = count
        else:
            data["calendar"]["meetings_granted"] = count
        return data

    return edit


def set_estimate(item_id: str, minutes: int, body: str = "") -> Edit:
    def edit(data: Data) -> Data:
        entry = _item(data, item_id, body)
        entry["duration" if "duration" in entry else "estimate"] = f"{minutes} min"
        return data

    return edit


def drop_key(item_id: str, key: str, body: str = "") -> Edit:
    def edit(data: Data) -> Data:
        _item(data, item_id, body).pop(key, None)
        return data

    return edit


def set_item(item_id: str, key: str, value: Any, body: str = "") -> Edit:
    def edit(data: Data) -> Data:
        _item(data, item_id, body)[key] = value
        return data

    return edit


def set_dates(item_id: str, first: dt.date | None, last: dt.date | None, body: str = "") -> Edit:
    """An item's (a part's, an event's) own days: taken up from `first` until `last` (None: no
    bound), written as not_before and not_after in place of whatever said them (between too). The
    first part of an item in parts takes the item's own dates when it has none: both are rewritten."""

    def edit(data: Data) -> Data:
        entry = _item(data, item_id, body)
        holders = [entry]
        part = _PART.match(item_id)
        for candidate in _body(data, body).get("items") or ():
            if candidate.get("parts") and candidate["id"] == item_id and not part:
                holders.append(candidate)  # the item, whose dates its first part takes
        for holder in holders:
            for key in ("not_before", "not_after", "between"):
                holder.pop(key, None)
        if first is not None:
            entry["not_before"] = first.isoformat()
        if last is not None:
            entry["not_after"] = last.isoformat()
        return data

    return edit


def set_segment(number: int, key: str, value: Any, body: str = "") -> Edit:
    """Change the `number`-th segment (from 0, as the file lists them): its days or its items."""

    def edit(data: Data) -> Data:
        _body(data, body)["segments"][number][key] = value
        return data

    return edit


def set_rule(name: str, value: Any, body: str = "") -> Edit:
    def edit(data: Data) -> Data:
        holder = _body(data, body)
        rules = holder.get("rules") or ({} if not body else dict(data.get("rules", {})))
        rules[name] = value
        holder["rules"] = rules
        return data

    return edit


def add_day(day: dt.date) -> Edit:
    """One more day at the end of the session, with the default sittings."""

    def edit(data: Data) -> Data:
        calendar = data["calendar"]
        if calendar.get("dates") is not None:
            calendar["dates"] = sorted({*calendar["dates"], day.isoformat()})
        else:
            calendar["end"] = day.isoformat()
            calendar["weekends"] = calendar.get("weekends", False) or day.weekday() >= 5
        return data

    return edit


def reopen() -> Edit:
    """No closed day or sitting any more."""

    def edit(data: Data) -> Data:
        data["calendar"].pop("closed", None)
        return data

    return edit


def set_body(body: str, key: str, value: Any) -> Edit:
    """Change a body's own field: its meetings granted, dates, rooms."""

    def edit(data: Data) -> Data:
        holder = _body(data, body)
        if value is None:
            holder.pop(key, None)
        else:
            holder[key] = value
        return data

    return edit


def set_interpretation(key: str, value: int | None) -> Edit:
    def edit(data: Data) -> Data:
        data.setdefault("interpretation", {})[key] = value
        return data

    return edit


def drop_block(name: str) -> Edit:
    def edit(data: Data) -> Data:
        data["blocks"] = [b for b in data.get("blocks", []) if (b.get("name") or ", ".join(b["bodies"])) != name]
        return data

    return edit


def remove_items(item_ids: set[str], body: str = "") -> Edit:
    """Leave items out; an order rule that refers to one of them no longer binds."""

    def edit(data: Data) -> Data:
        holder = _body(data, body)
        if "items" in holder:
            holder["items"] = [entry for entry in holder["items"] if entry["id"] not in item_ids]
        for entry in holder.get("items", []):
            order = entry.get("order")
            if isinstance(order, dict):
                kept = {key: ref for key, ref in order.items() if ref is not None and ref not in item_ids}
                entry["order"] = kept or "free"
        for segment in holder.get("segments", []):
            if segment.get("items"):
                segment["items"] = [i for i in segment["items"] if i not in item_ids]
        holder["segments"] = [s for s in holder.get("segments", []) if s.get("items") or s.get("estimate") is not None]
        if not holder["segments"]:
            holder.pop("segments")
        for other in data.get("bodies") or []:  # ties of other bodies to the items left out no longer bind
            for key in ("after", "before"):
                if other.get(key):
                    other[key] = [t for t in other[key] if not (t.get("body") == body and t.get("item") in item_ids)]
            for entry in other.get("items", []):
                if entry.get("follows"):
                    entry["follows"] = [t for t in entry["follows"] if not (t.get("body") == body and t.get("item") in item_ids)]
        return data

    return edit


def shorten_text(item_id: str, minutes: int) -> str:
    return f"shorten item {item_id} by {format_minutes(minutes)}"
