"""What an instance means for planning: open sittings, items in minutes and the orderings the
house rules impose. The CP-SAT model and the validator both read this one interpretation.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from solver.instance import Instance, OrderRelation, Rules
from solver.roles import role_from_title


@dataclass(frozen=True)
class Sitting:
    """An open sitting of the calendar, numbered in time order."""

    index: int
    date: dt.date
    name: str
    start: dt.time
    end: dt.time

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)

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
    allowed: frozenset[int] | None  # open sittings allowed by pin and not-before; None: all
    pinned: frozenset[int] | None
    not_before: frozenset[int] | None
    preferred: frozenset[int] | None


@dataclass(frozen=True)
class Precedence:
    """`before` ends no later than `after` starts, by the rule `rule`, which `owner` carries."""

    rule: str
    before: int
    after: int
    owner: int


@dataclass(frozen=True)
class Problem:
    instance: Instance
    sittings: tuple[Sitting, ...]
    closed: tuple[ClosedSitting, ...]
    meeting_minutes: int
    tasks: tuple[Task, ...]
    precedences: tuple[Precedence, ...]
    adjacent: tuple[tuple[int, int], ...]  # (other matters, report): the first ends where the second starts
    agreed: tuple[tuple[int, int], ...] = ()  # (item, open sitting) rows the planner marked as agreed

    @property
    def rules(self) -> Rules:
        return self.instance.rules

    @property
    def granted(self) -> int:
        return self.instance.calendar.meetings_granted

    def task(self, item_id: str) -> Task:
        for task in self.tasks:
            if task.id == item_id:
                return task
        raise KeyError(item_id)

    def with_role(self, role: str) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if t.role == role)


def interpret(instance: Instance, agreed: frozenset[tuple[str, dt.date, str]] = frozenset()) -> Problem:
    """Turn a validated instance into the facts the model and the validator check.

    `agreed` holds (item, date, sitting) rows of an edited annex that must stay where they are;
    a row naming an item not on the agenda or a sitting that is not open is a ValueError."""
    sittings, closed = _sittings(instance)
    meeting_minutes = _standard_meeting(instance)
    tasks = tuple(_task(instance, index, sittings, meeting_minutes) for index in range(len(instance.items)))
    precedences, adjacent = _precedences(instance, tasks)
    index_of = {t.id: t.index for t in tasks}
    slots = {(s.date, s.name): s.index for s in sittings}
    pairs = []
    for item, day, sitting in sorted(agreed):
        if item not in index_of:
            raise ValueError(f"a row marked agreed names item {item!r}, which is not on the agenda; unmark it")
        if (day, sitting) not in slots:
            raise ValueError(f"a row marked agreed puts item {item} on {day} {sitting}, which is not an open sitting; unmark it")
        pairs.append((index_of[item], slots[day, sitting]))
    return Problem(instance, sittings, closed, meeting_minutes, tasks, precedences, adjacent, tuple(pairs))


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
                open_sittings.append(Sitting(len(open_sittings), day, spec.name, spec.start, spec.end))
    return tuple(open_sittings), tuple(closed)


def _standard_meeting(instance: Instance) -> int:
    """The length of a meeting as the body usually holds it: the commonest default sitting."""
    counts = Counter(spec.minutes for spec in instance.calendar.sittings)
    return max(counts, key=lambda minutes: (counts[minutes], minutes))


def _task(instance: Instance, index: int, sittings: tuple[Sitting, ...], meeting_minutes: int) -> Task:
    item = instance.items[index]
    role = item.role or role_from_title(item.title)
    substantive = item.kind == "substantive" if item.kind else role == "none"
    split = item.split if item.split is not None else substantive
    min_piece = (item.min_piece or instance.rules.min_piece).minutes(meeting_minutes)
    pinned = not_before = None
    if item.pin is not None:
        pin = item.pin
        pinned = frozenset(s.index for s in sittings if s.date == pin.date and pin.sitting in (None, s.name))
    if item.not_before is not None:
        not_before = frozenset(s.index for s in sittings if s.date >= item.not_before)
    allowed = None
    for subset in (pinned, not_before):
        if subset is not None:
            allowed = subset if allowed is None else allowed & subset
    preferred = None
    if item.prefer is not None:
        preferred = frozenset(s.index for s in sittings if s.name == item.prefer)
    return Task(
        index=index,
        id=item.id,
        title=item.title,
        estimate=item.estimate.minutes(meeting_minutes),
        substantive=substantive,
        split=split,
        min_piece=min_piece,
        role=role,
        position=item.position,
        allowed=allowed,
        pinned=pinned,
        not_before=not_before,
        preferred=preferred,
    )


def _precedences(instance: Instance, tasks: tuple[Task, ...]) -> tuple[tuple[Precedence, ...], tuple[tuple[int, int], ...]]:
    rules = instance.rules
    index_of = {t.id: t.index for t in tasks}
    pairs: list[Precedence] = []
    if rules.agenda_order:
        # an item with a position or an order of its own leaves the chain; its neighbours close ranks
        chain = [t.index for t, item in zip(tasks, instance.items) if item.order == "agenda" and item.position is None]
        pairs += [Precedence("agenda-order", a, b, b) for a, b in zip(chain, chain[1:])]
    for task, item in zip(tasks, instance.items):
        if isinstance(item.order, OrderRelation):
            if item.order.after is not None:
                pairs.append(Precedence("order-exceptions", index_of[item.order.after], task.index, task.index))
            if item.order.before is not None:
                pairs.append(Precedence("order-exceptions", task.index, index_of[item.order.before], task.index))
        if task.position == "first":
            pairs += [Precedence("position", task.index, o.index, task.index) for o in tasks if o.index != task.index]
        if task.position == "last":
            pairs += [Precedence("position", o.index, task.index, task.index) for o in tasks if o.index != task.index]
    openings = [t.index for t in tasks if t.role == "opening"]
    reports = [t.index for t in tasks if t.role == "report"]
    others = [t.index for t in tasks if t.role == "other-matters"]
    if rules.opening_in_first_meeting:
        pairs += [Precedence("opening-first", o, t.index, o) for o in openings for t in tasks if t.role != "opening"]
    if rules.report_in_last_meeting:
        pairs += [Precedence("report-last", t.index, r, r) for r in reports for t in tasks if t.role != "report"]
    adjacent: list[tuple[int, int]] = []
    if rules.other_matters_before_report and others and reports:
        pairs += [Precedence("other-matters-before-report", o, r, o) for o in others for r in reports]
        pairs += [
            Precedence("other-matters-before-report", t.index, o, o)
            for o in others
            for t in tasks
            if t.role not in ("other-matters", "report")
        ]
        adjacent.append((others[-1], reports[0]))
    return tuple(dict.fromkeys(pairs)), tuple(adjacent)
