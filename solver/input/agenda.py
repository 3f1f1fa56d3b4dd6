"""What an agenda item is, as the instance file writes it: id, title, estimate and its own rules;
and events outside the agenda, which become items without a number."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema, model_validator

from solver.clock import ClockTime
from solver.input.durations import HELP as DURATION_HELP
from solver.input.durations import Duration, parse_duration

DurationField = Annotated[
    Duration,
    BeforeValidator(parse_duration),
    PlainSerializer(lambda d: d.text, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string"}, {"type": "number", "exclusiveMinimum": 0}],
            "description": f"A duration: {DURATION_HELP}.",
            "examples": ["15 min", "2h30", "1.5 meetings", 90],
        }
    ),
]


def _as_text(value: object) -> object:
    """YAML reads `id: 2` as a number; agenda ids are text, without the spaces around them (an
    id written '2 ' is item 2 everywhere, in order rules and in an annex read back alike)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return " ".join(value.split())
    return value


ItemId = Annotated[str, BeforeValidator(_as_text), Field(min_length=1, max_length=40)]
BodyId = Annotated[str, BeforeValidator(_as_text), Field(max_length=40)]  # '' is the one body of a single-body file


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Pin(Strict):
    """Where an item must be taken up: a day, or one sitting of a day."""

    date: dt.date = Field(description="The day, 'YYYY-MM-DD'.")
    sitting: str | None = Field(None, description="The sitting's name; leave out to allow any sitting of the day.")
    whole: bool | None = Field(
        None,
        description="true: the whole item is taken up there; false: it is under way there (begun or continued), "
        "and may run before and after. Default: whole when its estimate fits the pinned sittings, else under way.",
    )


class Slot(Strict):
    """A day, or one sitting of a day, that an item must avoid."""

    date: dt.date = Field(description="The day, 'YYYY-MM-DD'.")
    sitting: str | None = Field(None, description="The sitting's name; leave out for the whole day.")


def _slot(value: object) -> object:
    """`avoid: [2024-06-11]` is the whole day."""
    return {"date": value} if isinstance(value, (str, dt.date)) else value


Avoid = tuple[Annotated[Slot, BeforeValidator(_slot)], ...]


class OrderRelation(Strict):
    """An item taken out of agenda order: after one item, before another, or between two."""

    after: ItemId | None = Field(None, description="Taken up after this item has ended.")
    before: ItemId | None = Field(None, description="Taken up before this item starts.")

    @model_validator(mode="after")
    def _something(self) -> OrderRelation:
        if self.after is None and self.before is None:
            raise ValueError("order needs after: or before: (or write order: free)")
        return self


Role = Literal["opening", "other-matters", "report", "closing", "event", "none"]


class Item(Strict):
    """An agenda item: its id as printed, its title, its estimate and its own rules."""

    id: ItemId = Field(description="The id as printed in the agenda: '1 (a)', '2', '4 (b)'.")
    title: str = Field("", description="The title as printed in the agenda (some programmes print numbers only).")
    estimate: DurationField = Field(description="Rough time needed; substantive items may receive more.")
    under_way: bool = Field(
        False, description="Already under way when these meetings open (a session's second week): printed '(continued)' from the first."
    )
    kind: Literal["substantive", "procedural"] | None = Field(
        None,
        description="Procedural items keep their estimate, substantive items absorb spare time. "
        "Default: procedural for opening, other matters and report, substantive otherwise.",
    )
    role: Role | None = Field(
        None,
        description="What the house rules need to know: 'opening', 'other-matters', 'report', 'closing' or 'none'. "
        "Default: recognised from the title ('Opening of the session', 'Other matters', 'Adoption of the report', "
        "'Closure of the session'), in English, French and Spanish.",
    )
    split: bool | None = Field(
        None, description="May run over several meetings. Default: yes for substantive items, no for procedural ones."
    )
    min_piece: DurationField | None = Field(None, description="Shortest part of a split item in one meeting (default: rules.min_piece).")
    position: Literal["first", "last"] | None = Field(None, description="Taken up first or last in the session.")
    pin: Pin | None = Field(None, description="Taken up only on this day, or in this sitting.")
    at: ClockTime | None = Field(None, description="Starts at this time, 'HH:MM' (needs a pin with a sitting).")
    rooms: tuple[str, ...] = Field((), description="Several bodies: rooms it may be taken up in (limits its body's room).")
    not_before: dt.date | None = Field(None, description="Not taken up before this day (documents not ready).")
    avoid: Avoid = Field((), description="Days or sittings it may not be taken up in: [{date: 2024-06-11, sitting: afternoon}, 2024-06-12].")
    prefer: str | None = Field(None, description="Preferred sitting name, e.g. 'morning' (a soft wish).")
    priority: int | None = Field(
        None,
        ge=1,
        description="For partial plans: 1 is kept first. Items without one follow, in agenda order. "
        "Procedural items and the report are always kept.",
    )
    order: Literal["agenda", "free"] | OrderRelation = Field(
        "agenda",
        description="'agenda' (default): in agenda order; 'free': anywhere; or {after: id} / {before: id}.",
    )


class Event(Strict):
    """An event outside the agenda (a high-level opening, a panel, a briefing): shown in the annex,
    not numbered as an item. Fixed with a pin (and a time), or free within the body's meetings."""

    id: ItemId | None = Field(None, description="A name to refer to it in order rules; default 'event 1', 'event 2' …")
    title: str = Field(min_length=1, description="As the annex prints it: 'High-level opening segment'.")
    duration: DurationField = Field(description="How long it lasts; an event keeps its duration.")
    pin: Pin | None = Field(None, description="The day, or the sitting, it is held in.")
    at: ClockTime | None = Field(None, description="Its start time, 'HH:MM' (needs a pin with a sitting).")
    not_before: dt.date | None = Field(None, description="Not before this day.")
    avoid: Avoid = Field((), description="Days or sittings it may not be held in.")
    order: Literal["agenda", "free"] | OrderRelation = Field("free", description="'free' (default), or {after: id} / {before: id}.")

    def as_item(self, number: int) -> Item:
        return Item(
            id=self.id or f"event {number}",
            title=self.title,
            estimate=self.duration,
            kind="procedural",
            role="event",
            split=False,
            pin=self.pin,
            at=self.at,
            not_before=self.not_before,
            avoid=self.avoid,
            order=self.order,
        )
