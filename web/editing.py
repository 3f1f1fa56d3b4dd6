"""The small form's changes, in the instance's own terms (`solver.input.edits`): an estimate, a
pin, the meetings granted. The values are written into the instance's data as a planner would
write them in the file and validated as a file is, so that the page accepts what `orgwork
solve` accepts and refuses the rest in the same words."""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError

from solver.errors import InputError
from solver.input import edits
from solver.input.instance import Instance
from solver.input.loading import explain_validation
from solver.labels import day_label, sitting_label

MAX_VALUE = 200  # characters of a value typed in the form


def validated(instance: Instance, edit: edits.Edit) -> Instance:
    data = edit(instance.model_dump(mode="json", exclude_defaults=True))
    try:
        return Instance.model_validate(data)
    except ValidationError as error:
        raise InputError(explain_validation(None, error, data)) from None


def _field(form, name: str) -> str:
    value = str(form.get(name, "")).strip()
    if len(value) > MAX_VALUE:
        raise InputError(f"{name}: at most {MAX_VALUE} characters")
    return value


def edited(instance: Instance, form) -> tuple[Instance, str]:
    """The instance with the form's change, and the change in words."""
    kind, body, item = _field(form, "kind"), _field(form, "body"), _field(form, "item")
    who = f"{body}, item {item}" if body else f"item {item}"
    if kind == "estimate":
        value = _field(form, "estimate")
        if not value:
            raise InputError("estimate: write the time it needs, e.g. '45 min', '2h30', '1.5 meetings'")
        key = "duration" if _is_event(instance, item, body) else "estimate"
        return validated(instance, edits.set_item(item, key, value, body)), f"estimate of {who}: {value}"
    if kind == "pin":
        day, sitting = _field(form, "date"), _field(form, "sitting")
        if not day:
            return validated(instance, edits.drop_key(item, "pin", body)), f"{who} no longer pinned"
        pin = {"date": day, **({"sitting": sitting} if sitting else {})}
        changed = validated(instance, edits.set_item(item, "pin", pin, body))
        when = dt.date.fromisoformat(day)
        return changed, f"{who} pinned to {sitting_label(when, sitting) if sitting else day_label(when)}"
    if kind == "granted":
        count = _field(form, "count")
        value: int | str = int(count) if count.isdigit() else count
        holder = f"{body}: meetings granted" if body else "meetings granted"
        return validated(instance, edits.grant_meetings(value, body)), f"{holder}: {count}"
    raise InputError(f"unknown change {kind!r}; change an estimate, a pin or the meetings granted")


def _is_event(instance: Instance, item: str, body: str) -> bool:
    holder = edits.body_data(instance.model_dump(mode="json", exclude_defaults=True), body)
    return any(entry.get("id") == item for entry in holder.get("events", []))
