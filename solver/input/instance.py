"""The instance file: a session, its calendar, its agenda and the rules of the house.

Every model forbids unknown keys, so a misspelt key is an error rather than a silent default.
`Instance.model_json_schema()` is what `orgwork schema` prints.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from solver.input.agenda import BodyId, DurationField, Event, Item, ItemId, Segment, Strict, Tie, expand, in_segments
from solver.input.durations import parse_duration
from solver.clock import ClockTime
from solver.input.consistency import (
    check_agenda, check_numbered, check_own_sittings, check_segments, check_ties, check_titles, check_together,
)
from solver.labels import NUMBERED_FROM
from solver.languages import LANGUAGES, texts, translations
from solver.schedule import PER_LANGUAGE, SessionInfo

class SittingSpec(Strict):
    """One sitting of a day: a morning, an afternoon, a midday or an evening slot."""

    name: str = Field(min_length=1, max_length=30, description="How the house calls it: 'morning', 'afternoon' …")
    start: ClockTime = Field(description="Start time, 'HH:MM'.")
    end: ClockTime = Field(description="End time, 'HH:MM'; after the start.")
    extend_to: ClockTime | None = Field(
        None,
        description="The sitting may be extended to this time 'if necessary', 'HH:MM' after its end: "
        "used only when the agenda needs it (soft convention 'Sittings kept to their hours').",
    )

    @model_validator(mode="after")
    def _ends_after_start(self) -> SittingSpec:
        if self.end <= self.start:
            raise ValueError(f"sitting {self.name!r} ends at {self.end:%H:%M}, not after its start {self.start:%H:%M}")
        if self.extend_to is not None and self.extend_to <= self.end:
            raise ValueError(
                f"sitting {self.name!r} is extended to {self.extend_to:%H:%M}, not after its end {self.end:%H:%M}; "
                "give a later time, or leave extend_to out"
            )
        return self

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)

    @property
    def extension(self) -> int:
        """The minutes it may run beyond its end, if necessary (0 without extend_to)."""
        if self.extend_to is None:
            return 0
        return (self.extend_to.hour * 60 + self.extend_to.minute) - (self.end.hour * 60 + self.end.minute)


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
    _check_extensions(sittings, where)


def _check_extensions(sittings: tuple[SittingSpec, ...], where: str) -> None:
    """A sitting is extended at most until the next one of its day starts."""
    ordered = sorted(sittings, key=lambda s: s.start)
    for before, after in zip(ordered, ordered[1:]):
        if before.extend_to is not None and after.start < before.extend_to:
            raise ValueError(
                f"{where}: sitting {before.name!r} is extended to {before.extend_to:%H:%M}, after {after.name!r} starts "
                f"at {after.start:%H:%M}; extend it at most to {after.start:%H:%M}"
            )


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

    numbered: int | None = Field(
        None, ge=1, le=500,
        description="Early drafts, before the dates are known: this many numbered meetings (first meeting, second meeting …), "
        "instead of dates; the annex prints the meetings' numbers.",
    )
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
    meetings_granted: int | None = Field(
        None, ge=1, le=2000, description="Plenary meetings with interpretation granted (one body; several bodies: per body)."
    )

    @model_validator(mode="before")
    @classmethod
    def _numbered(cls, data: Any) -> Any:
        """Numbered meetings laid on placeholder days (weekdays from NUMBERED_FROM, the usual
        sittings each, the last day only as many as are left), never printed as dates."""
        if not isinstance(data, dict) or data.get("numbered") is None:
            return data
        for key in ("dates", "start", "end", "days", "closed"):
            if data.get(key):
                raise ValueError(f"numbered: meetings are numbered because the dates are not known yet; leave {key} out, or give dates instead")
        count = data["numbered"]
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 500:
            return data  # the field's own check says what is wrong
        sittings = [SittingSpec.model_validate(s) if isinstance(s, dict) else s for s in data.get("sittings") or _default_sittings()]
        per_day = len(sittings)
        days, day = [], NUMBERED_FROM
        while len(days) * per_day < count:
            if day.weekday() < 5:
                days.append(day)
            day += dt.timedelta(days=1)
        out = {**data, "dates": days}
        left = count - (len(days) - 1) * per_day
        if left < per_day:
            out["days"] = [{"date": days[-1], "sittings": sorted(sittings, key=lambda s: s.start)[:left]}]
        return out

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
        if not days:
            raise ValueError(
                f"start {self.start} to end {self.end} holds no weekday; add weekends: true to meet on "
                "Saturdays and Sundays, or choose other dates"
            )
        for day in (min(days), max(days)) if self.numbered is None else ():
            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                raise ValueError(f"{day} is not a plausible session day (years {FIRST_YEAR} to {LAST_YEAR}); check the year")
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

    def day_minutes(self) -> int:
        """A day's length, as '3 days' counts it: the minutes of the usual day's sittings."""
        return sum(spec.minutes for spec in self.sittings)

    def meeting_minutes(self) -> int:
        """The length of a meeting as the body usually holds it: the commonest default sitting
        (the longer on a tie); what '1.5 meetings' is counted in."""
        counts = Counter(spec.minutes for spec in self.sittings)
        return max(counts, key=lambda minutes: (counts[minutes], minutes))


SpreadKey = Literal["substantive", "procedural", "opening", "other-matters", "report", "closing", "statement", "segment"]


class Rules(Strict):
    """The house rules as named switches; every one is on unless the file turns it off."""

    agenda_order: bool = Field(True, description="Items are taken up in agenda order, except those marked otherwise.")
    opening_in_first_meeting: bool = Field(True, description="Opening items come first, in the first meeting.")
    report_in_last_meeting: bool = Field(True, description="Adoption of the report comes last, in the last meeting.")
    other_matters_before_report: bool = Field(True, description="'Other matters' comes just before the report (just after it when listed after it), in its meeting.")
    closure_last: bool = Field(True, description="'Closure of the session' comes after every other item, in the last meeting.")
    hold_meetings_granted: bool = Field(True, description="The session holds exactly the meetings granted.")
    no_idle_time: bool = Field(True, description="No idle time between items: every meeting but the last is full.")
    substantive_starts_meeting: bool = Field(True, description="Soft: a substantive item starts at the beginning of a meeting when there is slack for it.")
    few_continuations: bool = Field(True, description="Soft: an item runs over as few meetings as its time allows.")
    free_sittings_at_end: bool = Field(True, description="Soft: sittings left free come at the end of the session.")
    preferred_sittings: bool = Field(True, description="Soft: items are taken up in their preferred sitting.")
    time_in_proportion: bool = Field(
        True, description="Soft: a substantive item gets no more than its share of the spare time (in proportion to its estimate) and half an hour."
    )
    spread_bodies: bool = Field(
        True,
        description="Several bodies: as few bodies meet at once as the session allows (the work spread over its sittings); "
        "false: every body as early as its dates allow.",
    )
    min_piece: DurationField = Field(
        default_factory=lambda: parse_duration("30 min"),
        description="Shortest part of a split item in one meeting, unless the item says otherwise.",
    )
    spreads: dict[SpreadKey, Annotated[float, Field(ge=0, le=2)]] = Field(
        default_factory=dict,
        description="orgwork risk: how far items' times stray from their estimates, per role or kind (substantive, procedural, "
        "opening, other-matters, report, closing, statement, segment), replacing the defaults; an item's own spread wins.",
    )


class Room(Strict):
    """A meeting room of the venue."""

    name: str = Field(min_length=1, description="As the programme names it: 'Plenary hall (M)', 'Board room B'.")


class Interpretation(Strict):
    """How many meetings with interpretation conference services can serve at once."""

    per_sitting: int | None = Field(None, ge=1, description="At most this many meetings with interpretation in one sitting.")
    per_day: int | None = Field(None, ge=1, description="At most this many meetings with interpretation in one day.")


class Body(Strict):
    """One body of a session with several: its agenda, its meetings and where and when it may meet."""

    id: BodyId = Field(description="Short name used in the file and the grid: 'WG-TIP'.")
    name: str = Field(min_length=1, description="Full name: 'Working Group on Trafficking in Persons'.")
    symbol: str = Field("", description="Symbol of its annotated provisional agenda.")
    meetings_granted: int = Field(ge=1, le=2000, description="Meetings with interpretation granted to this body.")
    items: tuple[Item, ...] = Field((), description="Its agenda items, in agenda order.")
    events: tuple[Event, ...] = Field((), description="Events outside its agenda, shown in its annex.")
    segments: tuple[Segment, ...] = Field((), description="Named segments held on days the body fixes, in the order of their days.")
    rules: Rules | None = Field(None, description="Its house rules; default: the file's rules.")
    rooms: tuple[str, ...] = Field((), description="Rooms it may meet in (default: any); it keeps one room for its session.")
    change_rooms: bool = Field(
        False, description="It may meet in another room on another day (never two rooms in one day); default: one room for its session."
    )
    interpretation: bool = Field(True, description="Its meetings have interpretation (they count against the cap).")
    consecutive: bool = Field(True, description="Its meetings form one unbroken run of open sittings.")
    earliest: dt.date | None = Field(None, description="Its first meeting not before this day.")
    latest: dt.date | None = Field(None, description="Its last meeting not after this day.")
    after: tuple[Tie, ...] = Field(
        (), description="Meets only once another body has taken up its item (or held its meetings): a General Committee after the plenary's item 1."
    )
    before: tuple[Tie, ...] = Field(
        (), description="Meets before another body takes up its item (or meets): a bureau just before the sitting it prepares."
    )
    sittings: tuple[SittingSpec, ...] = Field(
        (),
        description="Its own times for the calendar's sittings of the same name (a committee meeting 9.30 a.m.-12.30 p.m. "
        "in the morning sitting); sittings it does not name keep the calendar's times.",
    )

    def calendar_of(self, calendar: Calendar) -> Calendar:
        """The calendar as this body sits: its own times for the sittings it names."""
        if not self.sittings:
            return calendar
        times = {spec.name: spec for spec in self.sittings}

        def own(specs: tuple[SittingSpec, ...]) -> tuple[SittingSpec, ...]:
            return tuple(times.get(spec.name, spec) for spec in specs)

        days = tuple(day.model_copy(update={"sittings": own(day.sittings)}) for day in calendar.days)
        return calendar.model_copy(update={"sittings": own(calendar.sittings), "days": days})

    def agenda(self) -> tuple[Item, ...]:
        """Its items (an item in parts as its parts, items taken up together as one, each with
        its segment's days), its segments that are blocks of their own, then its events as items
        without a number."""
        items = expand(in_segments(self.items, self.segments))
        return items + tuple(event.as_item(n) for n, event in enumerate(self.events, start=1))

    def segment_of(self) -> dict[str, int]:
        """The segment (its place in the order of their days) of each item in one, and of each block."""
        order = sorted(range(len(self.segments)), key=lambda n: (self.segments[n].between, n))
        rank = {n: r for r, n in enumerate(order)}
        out = {item_id: rank[n] for n, segment in enumerate(self.segments) for item_id in segment.items}
        out.update({f"segment {n + 1}": rank[n] for n, segment in enumerate(self.segments) if not segment.items})
        return out


class Block(Strict):
    """Bodies that meet consecutively, back to back, in one room with one team of interpreters."""

    name: str = Field("", description="E.g. 'Working groups of the Conference, September'.")
    bodies: tuple[ItemId, ...] = Field(min_length=2, description="The bodies' ids.")
    order: Literal["fixed", "free"] = Field("fixed", description="'fixed': in the order listed; 'free': the solver chooses.")


SINGLE = ""  # the id of the one body of a single-body file
FIRST_YEAR, LAST_YEAR = 1900, 2999  # a session outside these years is a typing slip


class Instance(Strict):
    """A session to plan: who meets, when, what is on the agenda and which house rules apply.

    One body: `items` (and `calendar.meetings_granted`). Several bodies: `bodies`, with `rooms`,
    `interpretation` and `blocks` as needed."""

    session: SessionInfo = Field(description="The body and session (with several bodies: the conference or programme).")
    calendar: Calendar = Field(description="Days, sittings, closures (and, for one body, meetings granted).")
    items: tuple[Item, ...] | None = Field(None, description="One body: the agenda items, in agenda order.")
    events: tuple[Event, ...] = Field((), description="One body: events outside the agenda (a high-level opening, a panel, a briefing).")
    segments: tuple[Segment, ...] = Field((), description="One body: named segments held on days the body fixes, in the order of their days.")
    rules: Rules = Field(default_factory=Rules, description="House rules; all on by default.")
    bodies: tuple[Body, ...] | None = Field(None, min_length=1, description="Several bodies, each with its agenda and meetings.")
    rooms: tuple[Room, ...] = Field((), description="Several bodies: the rooms; none listed means one room for all.")
    interpretation: Interpretation = Field(default_factory=Interpretation, description="Caps on meetings with interpretation.")
    blocks: tuple[Block, ...] = Field((), description="Bodies meeting consecutively in one room.")

    def body_list(self) -> tuple[Body, ...]:
        """Every body; a single-body file is one body whose id is empty."""
        if self.bodies is not None:
            return self.bodies
        assert self.calendar.meetings_granted is not None or self.calendar.numbered is not None
        return (
            Body(
                id=SINGLE,
                name=self.session.body,
                symbol=self.session.symbol,
                meetings_granted=self.calendar.meetings_granted or self.calendar.numbered,
                items=self.items or (),
                events=self.events,
                segments=self.segments,
                rules=self.rules,
                consecutive=False,
            ),
        )

    @property
    def several(self) -> bool:
        return self.bodies is not None

    def missing_titles(self) -> dict[str, list[str]]:
        """Per language other than the file's, what has no text in it, in agenda order: the
        session's body, name and venue, then items, their parts and events ('item 2', 'WG-TIP,
        event 1'); the documents print those in the file's language."""
        language = self.session.language
        out: dict[str, list[str]] = {}
        for code in LANGUAGES:
            if code == language:
                continue
            gaps = [f"session {key}" for key in PER_LANGUAGE if getattr(self.session, key) and code not in self.session.texts.get(key, {})]
            for body in self.body_list():
                lead = f"{body.id}, " if self.several else ""
                named = [(f"item {item.id}", item.title) for item in body.items]
                named += [(f"item {item.id} (part {n})", part.title) for item in body.items for n, part in enumerate(item.parts, start=1) if part.title]
                named += [(f"event {event.id or n}", event.title) for n, event in enumerate(body.events, start=1)]
                gaps += [lead + name for name, title in named if any(texts(title)) and code not in translations(title)]
            out[code] = gaps
        return out

    @model_validator(mode="after")
    def _references(self) -> Instance:
        if (self.items is None and not self.segments) == (self.bodies is None):
            raise ValueError("give either items (one body) or bodies (several), not both or neither")
        if self.items is not None and not self.items and not self.segments:
            raise ValueError("items: is empty; list the agenda's items")
        if self.bodies is not None and self.segments:
            raise ValueError("segments: with several bodies, each body lists its own segments; move them under bodies: [...].segments")
        if self.bodies is not None and self.events:
            raise ValueError("events: with several bodies, each body lists its own events; move them under bodies: [...].events")
        if self.bodies is None and self.calendar.meetings_granted is None and self.calendar.numbered is None:
            raise ValueError("calendar.meetings_granted: is required for a single body; add it")
        if self.bodies is not None and self.calendar.meetings_granted is not None:
            raise ValueError(
                "calendar.meetings_granted: with several bodies, meetings are granted to each body; "
                "write meetings_granted under each of bodies: and remove it from the calendar"
            )
        days = set(self.calendar.session_days())
        meeting = self.calendar.meeting_minutes()
        for where, rules in [("rules", self.rules)] + [(f"bodies[{b.id!r}].rules", b.rules) for b in self.bodies or () if b.rules]:
            if rules.min_piece.minutes(meeting) < 1:
                raise ValueError(f"{where}.min_piece: {rules.min_piece.text!r} is less than a minute; give at least 1 min")
        rooms = [r.name for r in self.rooms]
        if len(set(rooms)) != len(rooms):
            raise ValueError("rooms: a room is listed twice; list each room once")
        ids = [b.id for b in self.bodies or ()]
        if any(not i.strip() for i in ids):
            raise ValueError("bodies: a body has an empty id; give each body a short id such as 'WG-TIP'")
        if len(set(ids)) != len(ids):
            raise ValueError("bodies: an id is used twice; give every body its own id")
        if self.calendar.numbered is not None:
            check_numbered(self)
        for body in self.body_list():
            where = f"bodies[{body.id!r}]" if self.several else "items"
            if not body.items and not body.segments:
                raise ValueError(f"{where}: has no items; list its agenda's items")
            check_segments(body, days, f"{where}." if self.several else "")
            check_together(body.items, f"{where}." if self.several else "")
            check_titles(body, self.session.language, f"{where}." if self.several else "")
            check_own_sittings(body, self.calendar, where)
            check_agenda(body.agenda(), body.calendar_of(self.calendar), days, where if self.several else "")
            for room in body.rooms + tuple(r for item in body.items for r in item.rooms):
                if room not in rooms:
                    known = ", ".join(rooms) if rooms else "none are listed (add rooms:)"
                    raise ValueError(f"{where}: no room named {room!r}; rooms are {known}")
            for key, value in (("earliest", body.earliest), ("latest", body.latest)):
                if value is not None and not (min(days) <= value <= max(days)):
                    raise ValueError(f"{where}.{key}: {value} is outside the session ({min(days)} to {max(days)}); pick a session day")
            if body.earliest and body.latest and body.latest < body.earliest:
                raise ValueError(f"{where}: latest {body.latest} is before earliest {body.earliest}; swap them")
        for block in self.blocks:
            for member in block.bodies:
                if member not in ids:
                    raise ValueError(f"blocks[{block.name or block.bodies[0]!r}]: no body {member!r}; bodies are {', '.join(ids)}")
            if len(set(block.bodies)) != len(block.bodies):
                raise ValueError(f"blocks[{block.name or block.bodies[0]!r}]: a body is listed twice")
        by_id = {b.id: b for b in self.bodies or ()}
        check_ties(self, by_id)
        for block in self.blocks:
            for member in block.bodies:
                if by_id[member].change_rooms:
                    raise ValueError(f"bodies[{member!r}].change_rooms: the bodies of a block share one room; leave change_rooms out or the body out of the block")
                if not by_id[member].consecutive:
                    raise ValueError(f"blocks: body {member!r} has consecutive: false; bodies of a block meet in unbroken runs")
        in_blocks = [b for block in self.blocks for b in block.bodies]
        for member in set(in_blocks):
            if in_blocks.count(member) > 1:
                raise ValueError(f"blocks: body {member!r} is in two blocks; a body meets in one block")
        return self
