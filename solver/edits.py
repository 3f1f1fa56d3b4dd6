"""Changes to an instance in its own terms: grant a meeting, shorten an item, drop a pin.

Each edit takes the instance as data (its JSON form), returns new data, and never touches the
original; `apply` validates the result into an `Instance` again, so an edit can never produce a
file orgwork would refuse.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

from solver.durations import format_minutes
from solver.errors import InputError
from solver.instance import Instance

Data = dict[str, Any]
Edit = Callable[[Data], Data]


def data_of(instance: Instance) -> Data:
    return instance.model_dump(mode="json", exclude_none=True)


def apply(instance: Instance, *edits: Edit) -> Instance:
    data = data_of(instance)
    for edit in edits:
        data = edit(copy.deepcopy(data))
    return Instance.model_validate(data)


def _item(data: Data, item_id: str) -> Data:
    for entry in data["items"]:
        if entry["id"] == item_id:
            return entry
    raise InputError(f"no item {item_id!r} in the agenda")


def grant_meetings(count: int) -> Edit:
    def edit(data: Data) -> Data:
        data["calendar"]["meetings_granted"] = count
        return data

    return edit


def set_estimate(item_id: str, minutes: int) -> Edit:
    def edit(data: Data) -> Data:
        _item(data, item_id)["estimate"] = minutes
        return data

    return edit


def drop_key(item_id: str, key: str) -> Edit:
    def edit(data: Data) -> Data:
        _item(data, item_id).pop(key, None)
        return data

    return edit


def set_item(item_id: str, key: str, value: Any) -> Edit:
    def edit(data: Data) -> Data:
        _item(data, item_id)[key] = value
        return data

    return edit


def set_rule(name: str, value: Any) -> Edit:
    def edit(data: Data) -> Data:
        data.setdefault("rules", {})[name] = value
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


def remove_items(item_ids: set[str]) -> Edit:
    """Leave items out; an order rule that refers to one of them no longer binds."""

    def edit(data: Data) -> Data:
        data["items"] = [entry for entry in data["items"] if entry["id"] not in item_ids]
        for entry in data["items"]:
            order = entry.get("order")
            if isinstance(order, dict):
                kept = {key: ref for key, ref in order.items() if ref is not None and ref not in item_ids}
                entry["order"] = kept or "free"
        return data

    return edit


def shorten_text(item_id: str, minutes: int) -> str:
    return f"shorten item {item_id} by {format_minutes(minutes)}"
