"""What an agenda item is, as the instance file writes it: id, title, estimate and its own rules;
and events outside the agenda, which become items without a number."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema, field_validator, model_validator

from solver.clock import ClockTime
from solver.input.durations import HELP as DURATION_HELP
from solver.input.durations import Duration, parse_duration
from solver.languages import CHOICES, texts, title_mapping

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


TitleField = Annotated[
    str | dict[str, str],
    BeforeValidator(title_mapping),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {"type": "object", "propertyNames": {"enum": CHOICES.split(", ")}, "additionalProperties": {"type": "string"}, "minProperties": 1},
            ],
            "description": f"The title as printed: one text in the file's language, or a text per language ({CHOICES}).",
            "examples": ["Opening of the session", {"en": "Opening of the session", "fr": "Ouverture de la session"}],
        }
    ),
]


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


def _window(value: object) -> object:
    if isinstance(value, (list, tuple)) and len(value) == 2 and value[0] is not None and value[1] is not None and str(value[1]) < str(value[0]):
        raise ValueError(f"between: {value[1]} is before {value[0]}; write [first day, last day]")
    return value


Between = Annotated[tuple[dt.date, dt.date], BeforeValidator(_window)]


class Tie(Strict):
    """Another body's item (or its meetings) that a body or an item waits for, or prepares."""

    body: BodyId = Field(description="The other body's id.")
    item: ItemId | None = Field(None, description="Its item; leave out for the other body's meetings as a whole.")


class OrderRelation(Strict):
    """An item taken out of agenda order: after one item, before another, or between two."""

    after: ItemId | None = Field(None, description="Taken up after this item has ended.")
    before: ItemId | None = Field(None, description="Taken up before this item starts.")

    @model_validator(mode="after")
    def _something(self) -> OrderRelation:
        if self.after is None and self.before is None:
            raise ValueError("order needs after: or before: (or write order: free)")
        return self


Spread = Annotated[float | None, Field(ge=0, le=2)]  # the spread of an item's time around its estimate (orgwork risk)


Role = Literal["opening", "other-matters", "report", "closing", "statement", "event", "segment", "none"]


Meeting = Literal["first", "last"]


class Part(Strict):
    """One part of an item taken up in several (organizational matters opened first and resumed
    for the closing decisions; a debate suspended for a panel on its sub-items and resumed)."""

    title: TitleField = Field("", description="What the annex prints for this part (a text, or a text per language); default: the item's title.")
    estimate: DurationField = Field(description="Rough time this part needs.")
    kind: Literal["substantive", "procedural"] | None = Field(None, description="Default: the item's kind.")
    split: bool | None = Field(None, description="May run over several meetings; default: as the item.")
    min_piece: DurationField | None = Field(None, description="Shortest part in one meeting; default: as the item.")
    position: Literal["first", "last"] | None = Field(None, description="Taken up first or last in the session.")
    meeting: Meeting | None = Field(
        None, description="'first': in the first meeting, after the opening items; 'last': in the last meeting, "
        "before other matters, the report and the closure (parts so placed follow the agenda among themselves).",
    )
    order: Literal["agenda", "free"] | OrderRelation | None = Field(
        None,
        description="{after: id}: resumed right after that item or part, before the one the agenda puts next; "
        "{before: id}: right before it. The first part's default: the item's place in the agenda.",
    )
    pin: Pin | None = Field(None, description="Taken up only on this day, or in this sitting.")
    at: ClockTime | None = Field(None, description="Starts at this time (needs a pin with a sitting).")
    not_before: dt.date | None = Field(None, description="Not taken up before this day.")
    not_after: dt.date | None = Field(None, description="Taken up by this day at the latest.")
    between: Between | None = Field(None, description="[from, to]: taken up on these days or between them.")
    avoid: Avoid = Field((), description="Days or sittings it may not be taken up in; default: the item's.")
    prefer: str | None = Field(None, description="Preferred sitting name; default: the item's.")
    spread: Spread = Field(None, description="How far its time may stray from its estimate (orgwork risk); default: the item's.")

    def placed(self) -> bool:
        return self.position is not None or self.meeting is not None or isinstance(self.order, OrderRelation) or self.pin is not None


def part_key(item_id: str, number: int) -> str:
    """How a part is named in order rules, messages and the schedule: '1' for the first part,
    '1 (part 2)' for the second."""
    return item_id if number == 1 else f"{item_id} (part {number})"


class Item(Strict):
    """An agenda item: its id as printed, its title, its estimate and its own rules."""

    id: ItemId = Field(description="The id as printed in the agenda: '1 (a)', '2', '4 (b)'.")
    title: TitleField = Field(
        "", description="The title as printed in the agenda (some programmes print numbers only): a text, or a text per language ({en: …, fr: …})."
    )
    estimate: DurationField | None = Field(
        None, description="Rough time needed; substantive items may receive more. Required unless the item has parts."
    )
    parts: tuple[Part, ...] = Field(
        (), description="An item taken up in several parts, each with its estimate and place; later parts print '(continued)'."
    )
    together: tuple[ItemId, ...] = Field(
        (), description="Items taken up together with this one, in the same time (6 (a)-(f) opened together): "
        "their rows follow this item's in every meeting; this item's estimate is the group's.",
    )
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
        description="What the house rules need to know: 'opening', 'other-matters', 'report', 'closing', 'statement' or 'none'. "
        "Default: recognised from the title ('Opening of the session', 'Other matters', 'Adoption of the report', "
        "'Closure of the session'), in English, French and Spanish.",
    )
    split: bool | None = Field(
        None, description="May run over several meetings. Default: yes for substantive items, no for procedural ones."
    )
    min_piece: DurationField | None = Field(None, description="Shortest part of a split item in one meeting (default: rules.min_piece).")
    position: Literal["first", "last"] | None = Field(None, description="Taken up first or last in the session.")
    meeting: Meeting | None = Field(
        None, description="'first': in the first meeting, after the opening items; 'last': in the last meeting, "
        "before other matters, the report and the closure.",
    )
    pin: Pin | None = Field(None, description="Taken up only on this day, or in this sitting.")
    at: ClockTime | None = Field(None, description="Starts at this time, 'HH:MM' (needs a pin with a sitting).")
    rooms: tuple[str, ...] = Field((), description="Several bodies: rooms it may be taken up in (limits its body's room).")
    not_before: dt.date | None = Field(None, description="Not taken up before this day (documents not ready).")
    not_after: dt.date | None = Field(None, description="Taken up by this day at the latest (a decision due).")
    between: Between | None = Field(None, description="[from, to]: taken up on these days or between them (both not_before and not_after).")
    avoid: Avoid = Field((), description="Days or sittings it may not be taken up in: [{date: 2024-06-11, sitting: afternoon}, 2024-06-12].")
    prefer: str | None = Field(None, description="Preferred sitting name, e.g. 'morning' (a soft wish).")
    spread: Spread = Field(
        None,
        description="How far its time may stray from its estimate, for orgwork risk: the standard deviation of the "
        "logarithm of time taken over estimate (0.1 barely moves, 0.3 a debate, 0.5 wild). Default: by role and kind (rules.spreads).",
    )
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
    follows: tuple[Tie, ...] = Field(
        (), description="Several bodies: taken up only after another body has taken up its item (adopted in plenary after the committee)."
    )

    @model_validator(mode="after")
    def _parts(self) -> Item:
        if self.parts:
            if len(self.parts) < 2:
                raise ValueError("parts: lists one part; an item in one part needs no parts (give its estimate)")
            if self.estimate is not None:
                raise ValueError("estimate: an item in parts gets its time from its parts; give each part its estimate instead")
            for n, part in enumerate(self.parts[1:], start=2):
                if not part.placed():
                    raise ValueError(
                        f"parts[{n - 1}]: says nothing of where it is taken up; give it position:, meeting:, "
                        f"order: {{after: id}} or a pin"
                    )
        return self

    def expanded(self) -> tuple[Item, ...]:
        """The item as the planner's problem sees it: itself, or one item per part, the first
        named as the item, the others '<id> (part n)'. The first part stands where the item
        stands; a later part keeps the item's kind, but not its role (resuming organizational
        matters at the end is not opening the session)."""
        if not self.parts:
            return (self,)
        from solver.input.roles import role_from_title

        role = self.role or role_from_title(self.title)
        kind = self.kind or ("procedural" if role not in ("none", "event") else None)
        out = []
        for n, part in enumerate(self.parts, start=1):
            first = n == 1
            inherit = {key: getattr(part, key) if getattr(part, key) is not None else getattr(self, key) for key in ("split", "min_piece", "prefer", "spread")}
            placement = {
                key: getattr(part, key) if getattr(part, key) is not None or not first else getattr(self, key)
                for key in ("position", "meeting", "pin", "at", "not_before", "not_after", "between")
            }
            order = part.order if part.order is not None else (self.order if first else "free")
            out.append(
                self.model_copy(
                    update={
                        "id": part_key(self.id, n),
                        "title": part.title or self.title,
                        "estimate": part.estimate,
                        "parts": (),
                        "kind": part.kind or (self.kind if first else kind),
                        "role": self.role if first else "none",
                        "avoid": part.avoid or self.avoid,
                        "order": order,
                        "under_way": self.under_way and first,
                        **inherit,
                        **placement,
                    }
                )
            )
        return tuple(out)


class Segment(Strict):
    """A named part of a session held on days the body fixes (a high-level segment, a
    coordination segment …): its items are taken up on those days, and the segments follow each
    other in the order of their days, whatever the numbering. A segment without items is a
    block of its own, with a length (often in days)."""

    name: str = Field(min_length=1, description="As the programme names it: 'High-level segment'.")
    between: Between = Field(description="[first day, last day] the body fixes for it.")
    items: tuple[ItemId, ...] = Field((), description="The agenda items taken up in it, if the programme says.")
    estimate: DurationField | None = Field(None, description="A segment without items: its length ('4 days', '1 meeting').")

    @model_validator(mode="after")
    def _something(self) -> Segment:
        if not self.items and self.estimate is None:
            raise ValueError(f"segment {self.name!r} has neither items nor an estimate; list its items or give its length")
        if self.items and self.estimate is not None:
            raise ValueError(f"segment {self.name!r}: give its items or its length, not both (the items carry their estimates)")
        return self

    def as_item(self, number: int) -> Item:
        """A segment without items, as a block the annex prints by name."""
        assert self.estimate is not None
        return Item(id=f"segment {number}", title=self.name, estimate=self.estimate, role="segment", between=self.between)


def in_segments(items: tuple[Item, ...], segments: tuple[Segment, ...]) -> tuple[Item, ...]:
    """The items with their segments' days, then the segments that are blocks of their own."""
    window = {item_id: segment.between for segment in segments for item_id in segment.items}
    out = []
    for item in items:
        days = window.get(item.id)
        if days is not None:
            first = max(d for d in (days[0], item.between[0] if item.between else None) if d is not None)
            last = min(d for d in (days[1], item.between[1] if item.between else None) if d is not None)
            item = item.model_copy(update={"between": (first, last)})
        out.append(item)
    out += [segment.as_item(n) for n, segment in enumerate(segments, start=1) if not segment.items]
    return tuple(out)


def expand(items: tuple[Item, ...]) -> tuple[Item, ...]:
    """Every item as the problem sees it: items in parts as their parts, items taken up together
    with another as part of it (an order rule naming one names the group)."""
    leader = {member: item.id for item in items for member in item.together}
    out = []
    for item in items:
        if item.id in leader:
            continue
        for part in item.expanded():
            if isinstance(part.order, OrderRelation) and (part.order.after in leader or part.order.before in leader):
                order = OrderRelation(after=leader.get(part.order.after, part.order.after), before=leader.get(part.order.before, part.order.before))
                part = part.model_copy(update={"order": order})
            out.append(part)
    return tuple(out)


class Event(Strict):
    """An event outside the agenda (a high-level opening, a panel, a briefing): shown in the annex,
    not numbered as an item. Fixed with a pin (and a time), or free within the body's meetings."""

    id: ItemId | None = Field(None, description="A name to refer to it in order rules; default 'event 1', 'event 2' …")
    title: TitleField = Field(description="As the annex prints it: 'High-level opening segment' (or a text per language).")
    duration: DurationField = Field(description="How long it lasts; an event keeps its duration.")
    pin: Pin | None = Field(None, description="The day, or the sitting, it is held in.")
    at: ClockTime | None = Field(None, description="Its start time, 'HH:MM' (needs a pin with a sitting).")
    not_before: dt.date | None = Field(None, description="Not before this day.")
    not_after: dt.date | None = Field(None, description="By this day at the latest.")
    between: Between | None = Field(None, description="[from, to]: on these days or between them.")
    avoid: Avoid = Field((), description="Days or sittings it may not be held in.")
    order: Literal["agenda", "free"] | OrderRelation = Field("free", description="'free' (default), or {after: id} / {before: id}.")

    @field_validator("title")
    @classmethod
    def _titled(cls, value: str | dict[str, str]) -> str | dict[str, str]:
        if not any(texts(value)):
            raise ValueError("an event needs a title, as the annex prints it: 'High-level opening segment'")
        return value

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
            not_after=self.not_after,
            between=self.between,
            avoid=self.avoid,
            order=self.order,
        )
