"""The instance file: a session, its calendar, its agenda and the rules of the house.

Every model forbids unknown keys, so a misspelt key is an error rather than a silent default.
`Instance.model_json_schema()` is what `orgwork schema` prints.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from solver.durations import HELP as DURATION_HELP
from solver.durations import Duration, parse_duration

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
    """YAML reads `id: 2` as a number; agenda ids are text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


ItemId = Annotated[str, BeforeValidator(_as_text), Field(min_length=1, max_length=40)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SessionInfo(Strict):
    """Who meets, where, and under which symbol the annotated agenda is issued."""

    body: str = Field(min_length=1, description="The body that meets, e.g. 'Working Group on Trafficking in Persons'.")
    name: str = Field("", description="The session as the agenda names it, e.g. 'Seventh session'.")
    venue: str = Field("", description="City or building, e.g. 'Vienna'.")
    symbol: str = Field("", description="Document symbol of the annotated provisional agenda.")
    timezone: str = Field("UTC", description="IANA time zone of the venue, e.g. 'Europe/Vienna'.")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}; write an IANA name such as 'Europe/Vienna'") from None
        return value


class SittingSpec(Strict):
    """One sitting of a day: a morning, an afternoon, a midday or an evening slot."""

    name: str = Field(min_length=1, max_length=30, description="How the house calls it: 'morning', 'afternoon' …")
    start: dt.time = Field(description="Start time, 'HH:MM'.")
    end: dt.time = Field(description="End time, 'HH:MM'; after the start.")

    @model_validator(mode="after")
    def _ends_after_start(self) -> SittingSpec:
        if self.end <= self.start:
            raise ValueError(f"sitting {self.name!r} ends at {self.end:%H:%M}, not after its start {self.start:%H:%M}")
        return self

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


def _default_sittings() -> tuple[SittingSpec, ...]:
    return (
        SittingSpec(name="morning", start=dt.time(10, 0), end=dt.time(13, 0)),
        SittingSpec(name="afternoon", start=dt.time(15, 0), end=dt.time(18, 0)),
    )


def _check_sittings(sittings: tuple[SittingSpec, ...], where: str) -> None:
    names = [s.name for s in sittings]
    for name in names:
        if names.count(name) > 1:
            raise ValueError(f"{where}: sitting name {name!r} is used twice; give each sitting of a day its own name")
    ordered = sorted(sittings, key=lambda s: s.start)
    for before, after in zip(ordered, ordered[1:]):
        if after.start < before.end:
            raise ValueError(f"{where}: sittings {before.name!r} and {after.name!r} overlap; make one end before the other starts")


class DaySpec(Strict):
    """A day whose sittings differ from the default (a late first meeting, an extended sitting)."""

    date: dt.date = Field(description="The day, 'YYYY-MM-DD'; must be a day of the session.")
    sittings: tuple[SittingSpec, ...] = Field(min_length=1, description="The sittings of that day, replacing the default.")

    @model_validator(mode="after")
    def _distinct(self) -> DaySpec:
        _check_sittings(self.sittings, f"days[{self.date}]")
        return self


class Closure(Strict):
    """A day or a sitting the body cannot meet in: a public holiday, a closed half-day."""

    date: dt.date = Field(description="The closed day, 'YYYY-MM-DD'.")
    sitting: str | None = Field(None, description="The closed sitting's name; leave out to close the whole day.")
    reason: str = Field("", description="Why, for the record: 'Public holiday (Eid al-Fitr)'.")


class Calendar(Strict):
    """The days of the session, the sittings of each day and the meetings conference services grant."""

    dates: tuple[dt.date, ...] | None = Field(None, description="The session's days, listed; or give start and end.")
    start: dt.date | None = Field(None, description="First day, 'YYYY-MM-DD' (with end, instead of dates).")
    end: dt.date | None = Field(None, description="Last day, 'YYYY-MM-DD' (with start, instead of dates).")
    weekends: bool = Field(False, description="With start and end: include Saturdays and Sundays.")
    sittings: tuple[SittingSpec, ...] = Field(
        default_factory=_default_sittings,
        min_length=1,
        description="The sittings of every day unless `days` says otherwise; default 10:00-13:00 and 15:00-18:00.",
    )
    days: tuple[DaySpec, ...] = Field((), description="Days with other sittings than the default.")
    closed: tuple[Closure, ...] = Field((), description="Closed days and sittings inside the session.")
    meetings_granted: int = Field(ge=1, le=2000, description="Plenary meetings with interpretation granted.")

    @model_validator(mode="after")
    def _days(self) -> Calendar:
        if self.dates is not None and (self.start is not None or self.end is not None):
            raise ValueError("give either dates or start and end, not both")
        if self.dates is None:
            if self.start is None or self.end is None:
                raise ValueError("give the session's days: dates: [...], or start: and end:")
            if self.end < self.start:
                raise ValueError(f"end {self.end} is before start {self.start}; swap them")
            if (self.end - self.start).days > 400:
                raise ValueError(f"start {self.start} to end {self.end} spans more than 400 days; check the years")
        elif not self.dates:
            raise ValueError("dates is empty; list at least one day")
        elif len(set(self.dates)) != len(self.dates):
            raise ValueError("dates lists a day twice; list each day once")
        _check_sittings(self.sittings, "sittings")
        days = set(self.session_days())
        for spec in self.days:
            if spec.date not in days:
                raise ValueError(f"days: {spec.date} is not a day of the session; add it to the dates or remove it")
        for closure in self.closed:
            if closure.date not in days:
                raise ValueError(f"closed: {closure.date} is not a day of the session; add it to the dates or remove it")
            if closure.sitting is not None and closure.sitting not in self.sitting_names(closure.date):
                raise ValueError(
                    f"closed: {closure.date} has no sitting named {closure.sitting!r}; "
                    f"its sittings are {', '.join(self.sitting_names(closure.date))}"
                )
        return self

    def session_days(self) -> tuple[dt.date, ...]:
        """All days of the session in order, closed ones included."""
        if self.dates is not None:
            return tuple(sorted(self.dates))
        assert self.start is not None and self.end is not None
        span = (self.end - self.start).days + 1
        days = (self.start + dt.timedelta(days=n) for n in range(span))
        return tuple(d for d in days if self.weekends or d.weekday() < 5)

    def sittings_on(self, day: dt.date) -> tuple[SittingSpec, ...]:
        for spec in self.days:
            if spec.date == day:
                return tuple(sorted(spec.sittings, key=lambda s: s.start))
        return tuple(sorted(self.sittings, key=lambda s: s.start))

    def sitting_names(self, day: dt.date) -> tuple[str, ...]:
        return tuple(s.name for s in self.sittings_on(day))


class Pin(Strict):
    """Where an item must be taken up: a day, or one sitting of a day."""

    date: dt.date = Field(description="The day, 'YYYY-MM-DD'.")
    sitting: str | None = Field(None, description="The sitting's name; leave out to allow any sitting of the day.")


class OrderRelation(Strict):
    """An item taken out of agenda order: after one item, before another, or between two."""

    after: ItemId | None = Field(None, description="Taken up after this item has ended.")
    before: ItemId | None = Field(None, description="Taken up before this item starts.")

    @model_validator(mode="after")
    def _something(self) -> OrderRelation:
        if self.after is None and self.before is None:
            raise ValueError("order needs after: or before: (or write order: free)")
        return self


Role = Literal["opening", "other-matters", "report", "none"]


class Item(Strict):
    """An agenda item: its id as printed, its title, its estimate and its own rules."""

    id: ItemId = Field(description="The id as printed in the agenda: '1 (a)', '2', '4 (b)'.")
    title: str = Field(min_length=1, description="The title as printed in the agenda.")
    estimate: DurationField = Field(description="Rough time needed; substantive items may receive more.")
    kind: Literal["substantive", "procedural"] | None = Field(
        None,
        description="Procedural items keep their estimate, substantive items absorb spare time. "
        "Default: procedural for opening, other matters and report, substantive otherwise.",
    )
    role: Role | None = Field(
        None,
        description="What the house rules need to know: 'opening', 'other-matters', 'report' or 'none'. "
        "Default: recognised from the title ('Opening of the session', 'Other matters', 'Adoption of the report').",
    )
    split: bool | None = Field(
        None, description="May run over several meetings. Default: yes for substantive items, no for procedural ones."
    )
    min_piece: DurationField | None = Field(None, description="Shortest part of a split item in one meeting (default: rules.min_piece).")
    position: Literal["first", "last"] | None = Field(None, description="Taken up first or last in the session.")
    pin: Pin | None = Field(None, description="Taken up only on this day, or in this sitting.")
    not_before: dt.date | None = Field(None, description="Not taken up before this day (documents not ready).")
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


class Rules(Strict):
    """The house rules as named switches; every one is on unless the file turns it off."""

    agenda_order: bool = Field(True, description="Items are taken up in agenda order, except those marked otherwise.")
    opening_in_first_meeting: bool = Field(True, description="Opening items come first, in the first meeting.")
    report_in_last_meeting: bool = Field(True, description="Adoption of the report comes last, in the last meeting.")
    other_matters_before_report: bool = Field(True, description="'Other matters' comes just before the report, in its meeting.")
    hold_meetings_granted: bool = Field(True, description="The session holds exactly the meetings granted.")
    no_idle_time: bool = Field(True, description="No idle time between items: every meeting but the last is full.")
    substantive_starts_meeting: bool = Field(True, description="Soft: a substantive item starts at the beginning of a meeting when there is slack for it.")
    few_continuations: bool = Field(True, description="Soft: an item runs over as few meetings as its time allows.")
    free_sittings_at_end: bool = Field(True, description="Soft: sittings left free come at the end of the session.")
    preferred_sittings: bool = Field(True, description="Soft: items are taken up in their preferred sitting.")
    min_piece: DurationField = Field(
        default_factory=lambda: parse_duration("30 min"),
        description="Shortest part of a split item in one meeting, unless the item says otherwise.",
    )


class Instance(Strict):
    """A session to plan: who meets, when, what is on the agenda and which house rules apply."""

    session: SessionInfo = Field(description="The body and session.")
    calendar: Calendar = Field(description="Days, sittings, closures and meetings granted.")
    items: tuple[Item, ...] = Field(min_length=1, description="The agenda items, in agenda order.")
    rules: Rules = Field(default_factory=Rules, description="House rules; all on by default.")

    @model_validator(mode="after")
    def _references(self) -> Instance:
        ids = [item.id for item in self.items]
        seen: set[str] = set()
        for item_id in ids:
            if item_id in seen:
                raise ValueError(f"items: id {item_id!r} is used twice; give every item its own id")
            seen.add(item_id)
        days = set(self.calendar.session_days())
        sitting_names = {s for day in days for s in self.calendar.sitting_names(day)}
        for item in self.items:
            where = f"items[{item.id!r}]"
            if isinstance(item.order, OrderRelation):
                for key, ref in (("after", item.order.after), ("before", item.order.before)):
                    if ref is not None and ref not in seen:
                        raise ValueError(f"{where}.order.{key}: no item {ref!r} in the agenda; use one of {', '.join(ids)}")
                    if ref == item.id:
                        raise ValueError(f"{where}.order.{key}: an item cannot come {key} itself")
            if item.pin is not None:
                if item.pin.date not in days:
                    raise ValueError(f"{where}.pin.date: {item.pin.date} is not a day of the session; pick a session day")
                names = self.calendar.sitting_names(item.pin.date)
                if item.pin.sitting is not None and item.pin.sitting not in names:
                    raise ValueError(
                        f"{where}.pin.sitting: {item.pin.date} has no sitting {item.pin.sitting!r}; use one of {', '.join(names)}"
                    )
            if item.not_before is not None and item.not_before > max(days):
                raise ValueError(f"{where}.not_before: {item.not_before} is after the last day of the session; check the date")
            if item.prefer is not None and item.prefer not in sitting_names:
                raise ValueError(f"{where}.prefer: no sitting is named {item.prefer!r}; use one of {', '.join(sorted(sitting_names))}")
        for position in ("first", "last"):
            holders = [item.id for item in self.items if item.position == position]
            if len(holders) > 1:
                raise ValueError(f"items: {', '.join(holders)} all claim position {position!r}; only one item can")
        return self
