"""What an instance means for planning: open sittings, items in minutes and the orderings the
house rules impose. The CP-SAT model and the validator both read this one interpretation.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cached_property

from solver.input.agenda import Item, OrderRelation
from solver.input.instance import SINGLE, Body, Calendar, Instance, Rules
from solver.input.roles import role_from_title
from solver.languages import title_in, translations


@dataclass(frozen=True)
class Sitting:
    """An open sitting of the calendar, numbered in time order."""

    index: int
    date: dt.date
    name: str
    start: dt.time
    end: dt.time
    extension: int = 0  # minutes it may run beyond its end if necessary (the calendar's extend_to)

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)

    @property
    def longest(self) -> int:
        """Its minutes with its extension: the most it can hold when extended."""
        return self.minutes + self.extension

    def clock(self, offset: int) -> dt.time:
        """The time `offset` minutes into this sitting."""
        total = self.start.hour * 60 + self.start.minute + offset
        return dt.time(total // 60, total % 60)

    def offset(self, moment: dt.time) -> int:
        return (moment.hour * 60 + moment.minute) - (self.start.hour * 60 + self.start.minute)


@dataclass(frozen=True)
class ClosedSitting:
    date: dt.date
    name: str
    minutes: int
    reason: str


@dataclass(frozen=True)
class Task:
    """An agenda item as the model sees it: minutes, flexibility and where it may go."""

    index: int
    id: str
    title: str
    estimate: int
    substantive: bool
    split: bool
    min_piece: int
    role: str
    position: str | None
    allowed: frozenset[int] | None  # open sittings allowed by a whole pin, not-before and avoid; None: all
    pinned: frozenset[int] | None  # the open sittings of its pin
    at: int | None  # minutes after its pinned sitting's start at which it must start
    not_before: frozenset[int] | None
    preferred: frozenset[int] | None
    avoided: frozenset[int] | None = None  # open sittings it may not be taken up in
    whole: bool = True  # the whole item lies in its pinned sittings; False: it is under way in one of them
    # an event held in one sitting: its time is taken out of that sitting before the items are
    # laid out, so the items keep one order around it (see `Problem.capacity`)
    not_after: frozenset[int] | None = None  # open sittings on or before its last day
    first_day: dt.date | None = None  # not_before, or the first day of between
    last_day: dt.date | None = None  # not_after, or the last day of between
    carved: bool = False
    under_way: bool = False  # begun before these meetings: its first part is printed '(continued)'
    agenda_id: str = ""  # the id the annex prints ('1' for '1 (part 2)'); '' when it is the id
    part: int = 0  # which part of an item in parts (1, 2 …); 0 for an item in one part
    meeting: str | None = None  # 'first' or 'last': placed in that meeting
    segment: int | None = None  # the segment it is taken up in, in the order of the segments' days
    members: tuple[str, ...] = ()  # items taken up together with it, in its time
    titles: tuple[tuple[str, str], ...] = ()  # (language, title) when the file gives the title per language; `title` is the file's

    @property
    def printed(self) -> str:
        return self.agenda_id or self.id


@dataclass(frozen=True)
class Precedence:
    """`before` ends no later than `after` starts, by the rule `rule`, which `owner` carries."""

    rule: str
    before: int
    after: int
    owner: int


@dataclass(frozen=True)
class BodyInfo:
    """Who meets, and where and when it may: the session-level facts of one body."""

    id: str
    name: str
    symbol: str
    granted: int
    rules: Rules
    rooms: tuple[str, ...]  # allowed rooms (its items' limits included); () means any
    interpretation: bool
    consecutive: bool
    first_sitting: int  # window of open sittings it may meet in, from its earliest and latest days
    last_sitting: int
    change_rooms: bool = False  # it may meet in another room on another day


@dataclass(frozen=True)
class Problem:
    """One body's planning problem: its items in minutes, orderings, and the shared calendar."""

    instance: Instance
    body: BodyInfo
    items: tuple[Item, ...]
    sittings: tuple[Sitting, ...]
    closed: tuple[ClosedSitting, ...]
    meeting_minutes: int
    tasks: tuple[Task, ...]
    precedences: tuple[Precedence, ...]
    adjacent: tuple[tuple[int, int], ...]  # (other matters, report): the first ends where the second starts
    agreed: tuple[tuple[int, int], ...] = ()  # (item, open sitting) rows the planner marked as agreed

    @property
    def rules(self) -> Rules:
        return self.body.rules

    @property
    def granted(self) -> int:
        return self.body.granted

    @property
    def window(self) -> range:
        """The open sittings this body may meet in."""
        return range(self.body.first_sitting, self.body.last_sitting + 1)

    def task(self, item_id: str) -> Task:
        for task in self.tasks:
            if task.id == item_id:
                return task
        raise KeyError(item_id)

    def with_role(self, role: str) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if t.role == role)

    @cached_property
    def _carved(self) -> dict[int, tuple[Task, ...]]:
        out: dict[int, list[Task]] = {}
        for task in self.tasks:
            if task.carved:
                assert task.pinned is not None
                (sitting,) = task.pinned
                out.setdefault(sitting, []).append(task)
        return {s: tuple(sorted(tasks, key=lambda t: (t.at is None, t.at or 0, t.index))) for s, tasks in out.items()}

    def events_in(self, sitting: int) -> tuple[Task, ...]:
        """The events held in open sitting `sitting`, in the order of the clock: those with a
        start time by their time, then the others in the file's order."""
        return self._carved.get(sitting, ())

    def capacity(self, sitting: int) -> int:
        """The minutes of open sitting `sitting` left to the agenda items once its events are held."""
        return max(0, self.sittings[sitting].minutes - sum(t.estimate for t in self.events_in(sitting)))

    def extension(self, sitting: int) -> int:
        """The minutes open sitting `sitting` may be extended by for the agenda items: its
        extension, unless its events fill it (a sitting kept for its events is not extended)."""
        return self.sittings[sitting].extension if self.capacity(sitting) > 0 else 0

    def overrun(self, sitting: int) -> int:
        """The minutes the events held in open sitting `sitting` run beyond its end: they take
        that much of its extension whatever the draft."""
        return max(0, sum(t.estimate for t in self.events_in(sitting)) - self.sittings[sitting].minutes)

    @cached_property
    def extended(self) -> bool:
        """Whether some sitting this body may meet in can be extended: then 'Sittings kept to
        their hours' counts, and the meetings' lengths on the axis may be decisions."""
        return any(self.sittings[s].extension for s in self.window)

    def within_hours(self) -> Problem:
        """The same problem with no sitting extended: planned first, as most drafts extend none."""
        return replace(self, sittings=tuple(replace(s, extension=0) for s in self.sittings))

    def offset_on_axis(self, task: Task) -> int | None:
        """Where an event with a start time lies among its sitting's item minutes: its time after
        the sitting's start, less the events before it."""
        if not task.carved or task.at is None:
            return None
        assert task.pinned is not None
        (sitting,) = task.pinned
        before = [e for e in self.events_in(sitting) if e.at is not None and e.at < task.at]
        return task.at - sum(e.estimate for e in before)

    @cached_property
    def spare_ratio(self) -> Fraction:
        """How much more than their estimates the substantive items get when the meetings granted
        are filled: the time the meetings give, less what the other items keep, over the
        substantive estimates (never below 1)."""
        capacities = sorted((self.capacity(s) for s in self.window), reverse=True)[: self.granted]
        fixed = sum(t.estimate for t in self.tasks if not t.substantive and not t.carved)
        absorbing = sum(t.estimate for t in self.tasks if t.substantive)
        if not absorbing:
            return Fraction(1)
        return max(Fraction(1), Fraction(sum(capacities) - fixed, absorbing))

    def fair_share(self, task: Task) -> int:
        """A substantive item's share of the meetings' time, in proportion to its estimate."""
        return math.ceil(task.estimate * self.spare_ratio)

    def counted_in_proportion(self, task: Task) -> bool:
        """'Time in proportion' watches the short substantive items (under half a meeting): a long
        debate absorbing spare time is what spare time is for, and stays within twice its share."""
        return task.substantive and 2 * task.estimate < self.meeting_minutes

    def allowance(self, task: Task) -> int:
        """The most time a substantive item gets before 'Time in proportion' counts: twice its
        share and half an hour. A debate absorbing spare time stays well within it; a 30-minute
        oral report stretched over a 3-hour meeting does not."""
        return 2 * self.fair_share(task) + 30

    def axis_length(self, task: Task) -> int:
        """How much of the items' axis a task takes: an event held in one sitting takes none."""
        return 0 if task.carved else task.estimate


def interpret(instance: Instance, agreed: frozenset[tuple[str, dt.date, str]] = frozenset(), body: str = SINGLE) -> Problem:
    """Turn a validated instance into the facts the model and the validator check, for one body
    (the only one of a single-body file, or the one named).

    `agreed` holds (item, date, sitting) rows of an edited annex that must stay where they are;
    a row naming an item not on the agenda or a sitting that is not open is a ValueError."""
    chosen = next((b for b in instance.body_list() if b.id == body), None)
    if chosen is None:
        raise ValueError(f"no body {body!r} in the file")
    return _interpret_body(instance, chosen, agreed, *_sittings(instance))


def interpret_bodies(instance: Instance, agreed: frozenset = frozenset()) -> tuple[Problem, ...]:
    """Every body's problem, sharing one calendar; `agreed` rows as (body, item, date, sitting)."""
    sittings, closed = _sittings(instance)
    out = []
    for body in instance.body_list():
        own = frozenset((item, day, sitting) for who, item, day, sitting in agreed if who == body.id)
        out.append(_interpret_body(instance, body, own, sittings, closed))
    return tuple(out)


def _interpret_body(instance: Instance, chosen: Body, agreed, sittings, closed) -> Problem:
    calendar = chosen.calendar_of(instance.calendar)
    if chosen.sittings:  # its own times, on the session's sittings (same numbering as the other bodies')
        sittings = tuple(replace(s, **_times(calendar, s.date, s.name)) for s in sittings)
    info = _body_info(instance, chosen, sittings)
    items = chosen.agenda()
    meeting_minutes = calendar.meeting_minutes()
    language = instance.session.language
    tasks = tuple(_task(calendar, items, info.rules, index, sittings, meeting_minutes, language) for index in range(len(items)))
    tasks = _with_parts(tasks, chosen.items)
    segments = chosen.segment_of()
    tasks = tuple(replace(task, segment=segments.get(task.printed)) for task in tasks)
    precedences, adjacent = _precedences(items, info.rules, tasks)
    index_of = {t.id: t.index for t in tasks}
    slots = {(s.date, s.name): s.index for s in sittings}
    pairs = []
    for item, day, sitting in sorted(agreed):
        if item not in index_of:
            raise ValueError(f"a row marked agreed names item {item!r}, which is not on the agenda; unmark it")
        if (day, sitting) not in slots:
            raise ValueError(f"a row marked agreed puts item {item} on {day} {sitting}, which is not an open sitting; unmark it")
        pairs.append((index_of[item], slots[day, sitting]))
    return Problem(instance, info, items, sittings, closed, meeting_minutes, tasks, precedences, adjacent, tuple(pairs))


def _with_parts(tasks: tuple[Task, ...], items: tuple[Item, ...]) -> tuple[Task, ...]:
    """Mark each part with the item it belongs to, and each group's first item with its members."""
    parts = {part.id: (item.id, n) for item in items if item.parts for n, part in enumerate(item.expanded(), start=1)}
    members = {item.id: item.together for item in items if item.together}
    out = []
    for task in tasks:
        agenda_id, number = parts.get(task.id, ("", 0))
        out.append(replace(task, agenda_id=agenda_id if agenda_id != task.id else "", part=number, members=members.get(task.id, ())))
    return tuple(out)


def _body_info(instance: Instance, body: Body, sittings: tuple[Sitting, ...]) -> BodyInfo:
    rooms = body.rooms
    for item in body.items:
        if item.rooms:
            rooms = tuple(r for r in (rooms or tuple(x.name for x in instance.rooms)) if r in item.rooms)
            if not rooms:
                rooms = ("",)  # no room satisfies every limit: a body with nowhere to meet
    inside = [s.index for s in sittings if (body.earliest is None or s.date >= body.earliest) and (body.latest is None or s.date <= body.latest)]
    first, last = (inside[0], inside[-1]) if inside else (0, -1)
    return BodyInfo(
        id=body.id,
        name=body.name,
        symbol=body.symbol,
        granted=body.meetings_granted,
        rules=body.rules or instance.rules,
        rooms=rooms,
        interpretation=body.interpretation,
        consecutive=body.consecutive,
        first_sitting=first,
        last_sitting=last,
        change_rooms=body.change_rooms,
    )


def _sittings(instance: Instance) -> tuple[tuple[Sitting, ...], tuple[ClosedSitting, ...]]:
    calendar = instance.calendar
    closures = {(c.date, c.sitting): c.reason for c in calendar.closed}
    open_sittings: list[Sitting] = []
    closed: list[ClosedSitting] = []
    for day in calendar.session_days():
        for spec in calendar.sittings_on(day):
            reason = closures.get((day, spec.name), closures.get((day, None)))
            if reason is not None:
                closed.append(ClosedSitting(day, spec.name, spec.minutes, reason))
            else:
                open_sittings.append(Sitting(len(open_sittings), day, spec.name, spec.start, spec.end, spec.extension))
    return tuple(open_sittings), tuple(closed)


def _times(calendar: Calendar, day: dt.date, name: str) -> dict[str, dt.time | int]:
    """A sitting's times as the body sits, and how far it may then be extended."""
    spec = next(x for x in calendar.sittings_on(day) if x.name == name)
    return {"start": spec.start, "end": spec.end, "extension": spec.extension}


def _task(calendar: Calendar, items: tuple[Item, ...], rules: Rules, index: int, sittings: tuple[Sitting, ...], meeting_minutes: int,
          language: str = "en") -> Task:
    item = items[index]
    role = item.role or role_from_title(item.title)
    substantive = item.kind == "substantive" if item.kind else role in ("none", "segment")
    split = item.split if item.split is not None else substantive
    min_piece = (item.min_piece or rules.min_piece).minutes(meeting_minutes)
    pinned = not_before = avoided = None
    estimate = item.estimate.minutes(meeting_minutes, calendar.day_minutes())
    whole = True
    if item.pin is not None:
        pin = item.pin
        pinned = frozenset(s.index for s in sittings if s.date == pin.date and pin.sitting in (None, s.name))
        room = sum(sittings[s].minutes for s in pinned)
        whole = pin.whole if pin.whole is not None else (estimate <= room or not pinned)
    first_day, last_day = _dates(item)
    not_after = None
    if first_day is not None:
        not_before = frozenset(s.index for s in sittings if s.date >= first_day)
    if last_day is not None:
        not_after = frozenset(s.index for s in sittings if s.date <= last_day)
    if item.avoid:
        avoided = frozenset(s.index for s in sittings for slot in item.avoid if s.date == slot.date and slot.sitting in (None, s.name))
    allowed = None
    for subset in (pinned if whole else None, not_before, not_after, frozenset(range(len(sittings))) - avoided if avoided else None):
        if subset is not None:
            allowed = subset if allowed is None else allowed & subset
    at = None
    if item.at is not None and item.pin is not None and item.pin.sitting is not None:
        spec = next(x for x in calendar.sittings_on(item.pin.date) if x.name == item.pin.sitting)
        at = (item.at.hour * 60 + item.at.minute) - (spec.start.hour * 60 + spec.start.minute)
    preferred = None
    if item.prefer is not None:
        preferred = frozenset(s.index for s in sittings if s.name == item.prefer)
    carved = role == "event" and item.pin is not None and item.pin.sitting is not None and bool(pinned)
    return Task(
        index=index,
        id=item.id,
        title=title_in(item.title, language),
        titles=tuple(translations(item.title).items()),
        estimate=estimate,
        substantive=substantive,
        split=split,
        min_piece=min_piece,
        role=role,
        position=item.position,
        allowed=allowed,
        pinned=pinned,
        at=at,
        not_before=not_before,
        preferred=preferred,
        not_after=not_after,
        first_day=first_day,
        last_day=last_day,
        avoided=avoided,
        whole=whole,
        carved=carved,
        under_way=item.under_way,
        meeting=item.meeting,
    )


def _dates(item: Item) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day an item may be taken up on: not_before and not_after, narrowed by between."""
    first, last = item.not_before, item.not_after
    if item.between is not None:
        first = max(d for d in (first, item.between[0]) if d is not None)
        last = min(d for d in (last, item.between[1]) if d is not None)
    return first, last


def _precedences(items: tuple[Item, ...], rules: Rules, tasks: tuple[Task, ...]) -> tuple[tuple[Precedence, ...], tuple[tuple[int, int], ...]]:
    index_of = {t.id: t.index for t in tasks}
    pairs: list[Precedence] = []
    # an item with a position, a meeting or an order of its own leaves the chain; its neighbours close ranks
    in_chain = [t.index for t, item in zip(tasks, items) if item.order == "agenda" and item.position is None and item.meeting is None]
    # the items of a segment follow the agenda among themselves; the segments, the order of their days
    chain = [i for i in in_chain if tasks[i].segment is None]
    if rules.agenda_order:
        pairs += [Precedence("agenda-order", a, b, b) for a, b in zip(chain, chain[1:])]
    by_segment: dict[int, list[int]] = {}
    for i in in_chain:
        if tasks[i].segment is not None:
            by_segment.setdefault(tasks[i].segment, []).append(i)
    ordered = [by_segment[s] for s in sorted(by_segment)]
    for group in ordered:
        if rules.agenda_order:
            pairs += [Precedence("agenda-order", a, b, b) for a, b in zip(group, group[1:])]
    pairs += [Precedence("segments", a[-1], b[0], b[0]) for a, b in zip(ordered, ordered[1:])]
    chain = in_chain
    following = dict(zip(chain, chain[1:]))
    preceding = dict(zip(chain[1:], chain))
    for task, item in zip(tasks, items):
        if isinstance(item.order, OrderRelation):
            after, before = item.order.after, item.order.before
            if after is not None:
                pairs.append(Precedence("order-exceptions", index_of[after], task.index, task.index))
                if task.part > 1 and before is None and index_of[after] in following:
                    # a part is resumed right after it: before what the agenda puts next
                    pairs.append(Precedence("order-exceptions", task.index, following[index_of[after]], task.index))
            if before is not None:
                pairs.append(Precedence("order-exceptions", task.index, index_of[before], task.index))
                if task.part > 1 and after is None and index_of[before] in preceding:
                    pairs.append(Precedence("order-exceptions", preceding[index_of[before]], task.index, task.index))
        if task.position == "first":
            pairs += [Precedence("position", task.index, o.index, task.index) for o in tasks if o.index != task.index]
        if task.position == "last":
            pairs += [Precedence("position", o.index, task.index, task.index) for o in tasks if o.index != task.index]
    openings = [t.index for t in tasks if t.role == "opening"]
    reports = [t.index for t in tasks if t.role == "report"]
    others = [t.index for t in tasks if t.role == "other-matters"]
    closings = [t.index for t in tasks if t.role == "closing"] if rules.closure_last else []
    agenda = [t for t in tasks if t.role != "event"]  # events are outside the agenda's own order
    if rules.opening_in_first_meeting:
        pairs += [Precedence("opening-first", o, t.index, o) for o in openings for t in agenda if t.role != "opening"]
    pairs += _in_meeting(tasks)
    # 'Other business' the agenda lists after the report stays after it
    trailing = {o for o in others if reports and o > reports[0]} if rules.other_matters_before_report else set()
    if rules.report_in_last_meeting:
        pairs += [
            Precedence("report-last", t.index, r, r)
            for r in reports for t in agenda if t.role not in ("report", "closing") and t.index not in trailing
        ]
    pairs += [Precedence("closure-last", t.index, c, c) for c in closings for t in agenda if t.role != "closing"]
    adjacent: list[tuple[int, int]] = []
    if rules.other_matters_before_report and others and reports:
        # next to the report, on the side the agenda lists it: just before it, or just after it
        other, report = others[-1] if others[-1] < reports[0] else others[0], reports[0]
        before = other < report
        first, second = (other, report) if before else (report, other)
        pairs.append(Precedence("other-matters-before-report", first, second, other))
        pairs += [
            Precedence("other-matters-before-report", t.index, other, other)
            for t in agenda
            if t.role not in ("other-matters", "report", "closing") and t.index != other
        ]
        if not before:
            pairs += [Precedence("other-matters-before-report", other, c, other) for c in closings]
        adjacent.append((first, second))
    return tuple(dict.fromkeys(pairs)), tuple(adjacent)


CLOSING_ROLES = ("other-matters", "report", "closing")


def _in_meeting(tasks: tuple[Task, ...]) -> list[Precedence]:
    """Items and parts placed in the first meeting come after the opening items and before the
    rest; those placed in the last meeting after everything but other matters, the report and
    the closure. Each group keeps the agenda's order."""
    pairs: list[Precedence] = []
    agenda = [t for t in tasks if t.role != "event"]
    for where in ("first", "last"):
        placed = [t for t in agenda if t.meeting == where]
        pairs += [Precedence("in-meeting", a.index, b.index, b.index) for a, b in zip(placed, placed[1:])]
        for task in placed:
            for other in agenda:
                if other.meeting == where or other.index == task.index:
                    continue
                if where == "first":
                    before = other.role == "opening"
                else:
                    before = other.role not in CLOSING_ROLES
                pairs.append(Precedence("in-meeting", other.index, task.index, task.index) if before else Precedence("in-meeting", task.index, other.index, task.index))
    return pairs
