"""The checks that span an instance's parts, run when it is read: titles per language, ties
between bodies, a numbered calendar naming no date, a body's own sittings, segments, items taken
up together, and each agenda's ids, order rules, pins and dates inside the session. Each raises a
ValueError naming the field and the fix."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from solver.input.agenda import OrderRelation
from solver.languages import NAMES

if TYPE_CHECKING:
    from solver.input.agenda import Item
    from solver.input.instance import Body, Calendar, Instance


def check_titles(body: Body, language: str, lead: str) -> None:
    """A title given per language has a text in the file's language: the one a missing
    translation falls back to."""
    titled = [(f"{lead}items[{item.id!r}]", item.title) for item in body.items]
    titled += [(f"{lead}items[{item.id!r}].parts[{n}]", part.title) for item in body.items for n, part in enumerate(item.parts) if part.title]
    titled += [(f"{lead}events[{n}]", event.title) for n, event in enumerate(body.events)]
    for where, title in titled:
        if not isinstance(title, str) and language not in title:
            raise ValueError(
                f"{where}.title: has no text in {NAMES[language]} ({language}), the file's language (session.language), "
                f"which a missing translation falls back to; add {language}: … to the title, or set session.language to one of {', '.join(title)}"
            )


def check_ties(instance: Instance, by_id: dict[str, Body]) -> None:
    """Every tie names another body of the file and, when it names one, an item of that body."""
    for body in instance.body_list():
        holders = [(f"bodies[{body.id!r}].{key}", tie) for key in ("after", "before") for tie in getattr(body, key)]
        holders += [(f"bodies[{body.id!r}].items[{item.id!r}].follows", tie) for item in body.items for tie in item.follows]
        for where, tie in holders:
            if not instance.several:
                raise ValueError(f"{where}: ties name other bodies; a file of one body has none")
            if tie.body not in by_id or tie.body == body.id:
                raise ValueError(f"{where}: no other body {tie.body!r}; bodies are {', '.join(b for b in by_id if b != body.id)}")
            if tie.item is not None and tie.item not in {i.id for i in by_id[tie.body].agenda()}:
                raise ValueError(f"{where}: body {tie.body!r} has no item {tie.item!r}")


def check_numbered(instance: Instance) -> None:
    """A calendar of numbered meetings has no dates yet: nothing may name one."""
    for body in instance.body_list():
        lead = f"bodies[{body.id!r}]." if instance.several else ""
        for kind, entries in (("items", body.items), ("events", body.events)):
            for entry in entries:
                for key in ("pin", "not_before", "not_after", "between", "avoid"):
                    if getattr(entry, key, None):
                        name = entry.id if kind == "items" else (entry.id or entry.title)
                        raise ValueError(
                            f"{lead}{kind}[{name!r}].{key}: names a date, and the calendar's meetings are numbered (no dates yet); "
                            "leave it out, or give the calendar's dates"
                        )
        if body.segments or body.earliest or body.latest:
            raise ValueError(f"{lead.rstrip('.') or 'segments'}: segments and a body's dates name days; the calendar's meetings are numbered (no dates yet)")


def check_own_sittings(body: Body, calendar: Calendar, where: str) -> None:
    """A body's own sitting times name sittings of the calendar, once each, and keep their order."""
    known = dict.fromkeys(spec.name for spec in calendar.sittings + tuple(s for day in calendar.days for s in day.sittings))
    seen: set[str] = set()
    for n, spec in enumerate(body.sittings):
        if spec.name not in known:
            raise ValueError(f"{where}.sittings[{n}].name: the calendar has no sitting {spec.name!r}; use one of {', '.join(known)}")
        if spec.name in seen:
            raise ValueError(f"{where}.sittings[{n}].name: sitting {spec.name!r} is given twice; give its times once")
        seen.add(spec.name)
    from solver.input.instance import _check_extensions  # the sittings' own rule, where they are defined

    own = body.calendar_of(calendar)
    for day in calendar.session_days():
        if [s.name for s in calendar.sittings_on(day)] != [s.name for s in own.sittings_on(day)]:
            raise ValueError(f"{where}.sittings: its times put the sittings of {day} in another order; keep each sitting where the calendar has it")
        _check_extensions(own.sittings_on(day), f"{where}.sittings")


def check_segments(body: Body, days: set[dt.date], lead: str) -> None:
    ids = [item.id for item in body.items]
    seen: dict[str, str] = {}
    for n, segment in enumerate(body.segments):
        where = f"{lead}segments[{n}]"
        first, last = segment.between
        if last < min(days) or first > max(days):
            raise ValueError(f"{where}.between: {first} to {last} lies outside the session ({min(days)} to {max(days)}); check the dates")
        for item_id in segment.items:
            if item_id not in ids:
                raise ValueError(f"{where}.items: no item {item_id!r} in the agenda; use one of {', '.join(ids)}")
            if item_id in seen:
                raise ValueError(f"{where}.items: item {item_id!r} is already in segment {seen[item_id]!r}; an item is in one segment")
            seen[item_id] = segment.name


def check_together(items: tuple[Item, ...], lead: str) -> None:
    """Items taken up together: each named once, existing, and without a time or place of its own."""
    ids = [item.id for item in items]
    by_id = {item.id: item for item in items}
    seen: dict[str, str] = {}
    for item in items:
        where = f"{lead}items[{item.id!r}].together"
        if item.together and item.parts:
            raise ValueError(f"{where}: an item in parts cannot also be taken up together with others; use one or the other")
        for member in item.together:
            if member not in by_id or member == item.id:
                raise ValueError(f"{where}: no other item {member!r} in the agenda; use one of {', '.join(i for i in ids if i != item.id)}")
            if member in seen:
                raise ValueError(f"{where}: item {member!r} is already taken up together with item {seen[member]!r}")
            other = by_id[member]
            if other.together or other.parts or other.pin or other.position or other.meeting or other.order != "agenda":
                raise ValueError(
                    f"{where}: item {member!r} has a time or place of its own; in a group only item {item.id!r} says where and how long"
                )
            seen[member] = item.id
    for item in items:
        if item.id in seen and item.together:
            raise ValueError(f"{lead}items[{item.id!r}].together: item {item.id!r} is itself taken up with item {seen[item.id]!r}")


def check_agenda(items: tuple[Item, ...], calendar: Calendar, days: set[dt.date], prefix: str) -> None:
    """Ids unique, order rules refer to items that exist, pins and dates inside the session."""
    ids = [item.id for item in items]
    seen: set[str] = set()
    lead = f"{prefix}." if prefix else ""
    meeting = calendar.meeting_minutes()
    for item in items:
        where = f"{lead}items[{item.id!r}]"
        if item.estimate is None:
            raise ValueError(f"{where}.estimate: is required; add it (or give the item parts, each with its estimate)")
        if item.estimate.minutes(meeting, calendar.day_minutes()) < 1:
            raise ValueError(f"{where}.estimate: {item.estimate.text!r} is less than a minute; give the time the item needs")
        if item.min_piece is not None and item.min_piece.minutes(meeting) < 1:
            raise ValueError(f"{where}.min_piece: {item.min_piece.text!r} is less than a minute; give at least 1 min")
    for item_id in ids:
        if item_id in seen:
            raise ValueError(f"{lead}items: id {item_id!r} is used twice; give every item its own id")
        seen.add(item_id)
    sitting_names = {s for day in days for s in calendar.sitting_names(day)}
    for item in items:
        where = f"{lead}items[{item.id!r}]"
        if isinstance(item.order, OrderRelation):
            for key, ref in (("after", item.order.after), ("before", item.order.before)):
                if ref is not None and ref not in seen:
                    raise ValueError(f"{where}.order.{key}: no item {ref!r} in the agenda; use one of {', '.join(ids)}")
                if ref == item.id:
                    raise ValueError(f"{where}.order.{key}: an item cannot come {key} itself")
        if item.pin is not None:
            if item.pin.date not in days:
                raise ValueError(f"{where}.pin.date: {item.pin.date} is not a day of the session; pick a session day")
            names = calendar.sitting_names(item.pin.date)
            if item.pin.sitting is not None and item.pin.sitting not in names:
                raise ValueError(f"{where}.pin.sitting: {item.pin.date} has no sitting {item.pin.sitting!r}; use one of {', '.join(names)}")
        if item.at is not None:
            if item.pin is None or item.pin.sitting is None:
                raise ValueError(f"{where}.at: a start time needs a pin to a day and a sitting; add pin: {{date:, sitting:}}")
            spec = next(s for s in calendar.sittings_on(item.pin.date) if s.name == item.pin.sitting)
            if not spec.start <= item.at < spec.end:
                raise ValueError(f"{where}.at: {item.at:%H:%M} is outside the {spec.name} sitting ({spec.start:%H:%M}-{spec.end:%H:%M})")
        for n, slot in enumerate(item.avoid):
            if slot.date not in days:
                raise ValueError(f"{where}.avoid[{n}]: {slot.date} is not a day of the session; pick a session day or remove it")
            names = calendar.sitting_names(slot.date)
            if slot.sitting is not None and slot.sitting not in names:
                raise ValueError(f"{where}.avoid[{n}]: {slot.date} has no sitting {slot.sitting!r}; use one of {', '.join(names)}")
        if item.not_before is not None and item.not_before > max(days):
            raise ValueError(f"{where}.not_before: {item.not_before} is after the last day of the session; check the date")
        if item.between is not None and (item.between[0] > max(days) or item.between[1] < min(days)):
            raise ValueError(f"{where}.between: {item.between[0]} to {item.between[1]} lies outside the session ({min(days)} to {max(days)}); check the dates")
        if item.not_after is not None and item.not_after < min(days):
            raise ValueError(f"{where}.not_after: {item.not_after} is before the first day of the session; check the date")
        if item.not_before and item.not_after and item.not_after < item.not_before:
            raise ValueError(f"{where}: not_after {item.not_after} is before not_before {item.not_before}; swap them")
        if item.prefer is not None and item.prefer not in sitting_names:
            raise ValueError(f"{where}.prefer: no sitting is named {item.prefer!r}; use one of {', '.join(sorted(sitting_names))}")
    for position in ("first", "last"):
        holders = [item.id for item in items if item.position == position]
        if len(holders) > 1:
            raise ValueError(f"{lead}items: {', '.join(holders)} all claim position {position!r}; only one item can")
