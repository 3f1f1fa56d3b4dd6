"""Several bodies in one model: where each body meets, and what they share.

Each body keeps its own item model on its own meeting axis (`build_body`); this module places
the bodies. A body meeting consecutively is one interval on the axis of open sittings
[run_start, run_start + meetings); otherwise each of its meetings is a unit interval. Rooms are
per body (a body keeps one room): one no-overlap per room over optional intervals. The
interpretation cap per sitting is a cumulative over the interpreting bodies' intervals; the cap
per day a cumulative over each meeting's day. Blocks chain their bodies' runs in one room.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.model.build import BodyModel, build_body
from solver.model.logic import both, equals
from solver.model.meetings import Meetings
from solver.problem.session import Session


@dataclass
class Placed:
    """One body's place in the session: its run or meetings on the sitting axis, and its room."""

    body: BodyModel
    meetings: Meetings
    room: cp_model.IntVar | int | None
    intervals: list[cp_model.IntervalVar]  # on the sitting axis: one run, or one per meeting
    presences: list = field(default_factory=list)  # for each interval: True or its presence literal
    # a body that may change rooms between days: each meeting's room, and whether it differs from the next one's
    meeting_rooms: list[cp_model.IntVar] = field(default_factory=list)
    changes: list = field(default_factory=list)


@dataclass
class SessionModel:
    model: cp_model.CpModel
    session: Session
    placed: dict[str, Placed]

    def penalty(self) -> cp_model.LinearExprT:
        return cp_model.LinearExpr.sum([p.body.penalty() for p in self.placed.values()])

    def peak(self) -> cp_model.IntVar:
        """The most bodies meeting in one sitting: a variable the bodies' meetings never exceed
        (a cumulative over every body's run or meetings). Minimised, it spreads the bodies over
        the session instead of crowding them into its first sittings. Built when asked for, so
        that the stages before it carry none of it."""
        intervals = [iv for p in self.placed.values() for iv in p.intervals]
        peak = self.model.new_int_var(1, max(1, len(self.placed)), "peak")
        self.model.add_cumulative(intervals, [1] * len(intervals), peak)
        return peak

    def first_sittings(self) -> cp_model.LinearExprT:
        return cp_model.LinearExpr.sum([p.meetings.sitting_of(0) for p in self.placed.values()])

    def structure(self) -> list[cp_model.IntVar]:
        out = [var for p in self.placed.values() for var in p.meetings.structure()]
        out += [p.room for p in self.placed.values() if isinstance(p.room, cp_model.IntVar)]
        out += [r for p in self.placed.values() for r in p.meeting_rooms]
        return out

    def room_changes(self) -> cp_model.LinearExprT:
        """How often a body that may change rooms between days does so."""
        return cp_model.LinearExpr.sum([c for p in self.placed.values() for c in p.changes])


def build_session(session: Session, explain: bool = False) -> SessionModel:
    model = cp_model.CpModel()
    placed: dict[str, Placed] = {}
    for problem in session.bodies:
        body_id = problem.body.id
        meetings = Meetings(model, problem, prefix=f"{body_id}:")
        body = build_body(model, problem, meetings, explain=explain)
        room = _room(model, session, problem)
        placed[body_id] = Placed(body, meetings, room, *_intervals(model, meetings, body_id))
        if problem.body.change_rooms and isinstance(room, cp_model.IntVar):
            _rooms_by_day(model, session, placed[body_id])
    out = SessionModel(model, session, placed)
    add_rooms(out)
    add_interpretation_cap(out)
    add_blocks(out)
    add_ties(out)
    return out


def _taken_up(placed: Placed, item: str | None) -> list[tuple[object, object]]:
    """(literal, sitting) for each meeting of a body: held and taking up `item` (or held at all)."""
    v, meetings = placed.body.variables, placed.meetings
    index = v.problem.task(item).index if item is not None else None
    out = []
    for k in range(meetings.n_meetings):
        literal = v.in_meeting(index, k) if index is not None else meetings.active[k]
        if literal is not False:
            out.append((literal, meetings.sitting_of(k)))
    return out


def add_ties(m: SessionModel) -> None:
    """'Ties between bodies': a body meets after another has taken up an item (or met), or before
    it does; an item is taken up after another body's item. 'After' is a later sitting."""
    for body in m.session.instance.body_list():
        mine = m.placed[body.id]
        for tie in body.after:
            guard = mine.body.variables.guard("ties", f"{body.id} after {tie.body}")
            for literal, sitting in _taken_up(m.placed[tie.body], tie.item):
                _later(mine.body.variables, mine.meetings.sitting_of(0), sitting, guard, literal)
        for tie in body.before:
            guard = mine.body.variables.guard("ties", f"{body.id} before {tie.body}")
            for own, own_sitting in _taken_up(mine, None):
                for literal, sitting in _taken_up(m.placed[tie.body], tie.item):
                    _later(mine.body.variables, sitting, own_sitting, guard, own, literal)
        for item in body.items:
            for tie in item.follows:
                guard = mine.body.variables.guard("ties", item.id)
                for own, own_sitting in _taken_up(mine, item.id):
                    for literal, sitting in _taken_up(m.placed[tie.body], tie.item):
                        _later(mine.body.variables, own_sitting, sitting, guard, own, literal)


def _later(v, later, earlier, *literals) -> None:
    """`later` is a later sitting than `earlier` when every literal holds."""
    v.add_if(later >= earlier + 1, *literals)


def _allowed_rooms(session: Session, problem) -> list[int]:
    return [session.rooms.index(r) for r in problem.body.rooms if r in session.rooms] if problem.body.rooms else list(range(len(session.rooms)))


def _room(model: cp_model.CpModel, session: Session, problem) -> cp_model.IntVar | int | None:
    if not session.rooms:
        return None
    allowed = _allowed_rooms(session, problem)
    if not allowed:
        return -1  # no room satisfies the body's and its items' limits: the model has no solution
    if len(allowed) == 1:
        return allowed[0]
    return model.new_int_var_from_domain(cp_model.Domain.from_values(allowed), f"{problem.body.id}:room")


def _rooms_by_day(model: cp_model.CpModel, session: Session, placed: Placed) -> None:
    """A body that may change rooms between days: a room for each meeting, one room within a day.
    The body's own room is the room of its first meeting."""
    meetings, body_id = placed.meetings, placed.meetings.problem.body.id
    domain = cp_model.Domain.from_values(_allowed_rooms(session, meetings.problem))
    days = sorted({s.date for s in session.sittings})
    day_of = [days.index(s.date) for s in session.sittings] + [len(days) + k for k in range(meetings.n_meetings)]
    rooms, day = [], []
    for k in range(meetings.n_meetings):
        rooms.append(model.new_int_var_from_domain(domain, f"{body_id}:room[{k}]"))
        day.append(model.new_int_var(0, len(day_of), f"{body_id}:day[{k}]"))
        model.add_element(meetings.sitting_of(k), day_of, day[k])
    for k in range(meetings.n_meetings - 1):
        same_day = model.new_bool_var(f"{body_id}:same_day[{k}]")
        model.add(day[k] == day[k + 1]).only_enforce_if(same_day)
        model.add(day[k] != day[k + 1]).only_enforce_if(~same_day)
        model.add(rooms[k] == rooms[k + 1]).only_enforce_if(same_day)
        changed = model.new_bool_var(f"{body_id}:room_changed[{k}]")
        model.add(rooms[k] == rooms[k + 1]).only_enforce_if(~changed)
        placed.changes.append(changed)
    model.add(placed.room == rooms[0])  # the body's room is the room it opens in
    placed.meeting_rooms = rooms


def _intervals(model: cp_model.CpModel, meetings: Meetings, body_id: str):
    """The body's sittings as intervals on the axis of open sittings."""
    if meetings.problem.body.consecutive:
        held = cp_model.LinearExpr.sum([a if not isinstance(a, bool) else int(a) for a in meetings.active])
        start = meetings.sitting_of(0)
        size = model.new_int_var(1, meetings.n_meetings, f"{body_id}:run_length")
        model.add(size == held)
        end = model.new_int_var(0, len(meetings.problem.sittings) + meetings.n_meetings, f"{body_id}:run_end")
        return [model.new_interval_var(start, size, end, f"{body_id}:run")], [True]
    intervals, presences = [], []
    for k in range(meetings.n_meetings):
        active = meetings.active[k]
        start = meetings.sitting_of(k)
        if active is True:
            intervals.append(model.new_fixed_size_interval_var(start, 1, f"{body_id}:meeting[{k}]"))
        else:
            intervals.append(model.new_optional_fixed_size_interval_var(start, 1, active, f"{body_id}:meeting[{k}]"))
        presences.append(active)
    return intervals, presences


def add_rooms(m: SessionModel) -> None:
    """'Rooms': one meeting per room and sitting; without rooms listed, one room for all."""
    model, rooms = m.model, m.session.rooms
    if not rooms:
        model.add_no_overlap([iv for p in m.placed.values() for iv in p.intervals])
        return
    for r in range(len(rooms)):
        in_room = []
        for body_id, p in m.placed.items():
            if p.meeting_rooms:
                for k, room in enumerate(p.meeting_rooms):
                    held = both(model, equals(model, room, r, f"{body_id}:room_is[{k},{r}]"), p.meetings.active[k], f"{body_id}:in[{k},{r}]")
                    if held is not False:
                        in_room.append(_sitting_interval(model, p.meetings.sitting_of(k), held, f"{body_id}:meeting_in[{k},{r}]"))
                continue
            if p.room is None or (isinstance(p.room, int) and p.room != r):
                continue
            here = equals(model, p.room, r, f"{body_id}:room_is[{r}]")
            for interval, presence in zip(p.intervals, p.presences):
                in_room.append(_optional_copy(model, interval, both(model, here, presence), f"{body_id}:in_room[{r}]"))
        model.add_no_overlap(in_room)
    for p in m.placed.values():
        if isinstance(p.room, int) and p.room == -1:
            model.add_bool_or([model.new_constant(0)])


def _sitting_interval(model: cp_model.CpModel, start, presence, name: str) -> cp_model.IntervalVar:
    if presence is True:
        return model.new_fixed_size_interval_var(start, 1, name)
    return model.new_optional_fixed_size_interval_var(start, 1, presence, name)


def _optional_copy(model: cp_model.CpModel, interval: cp_model.IntervalVar, presence, name: str):
    """The same interval, present only when `presence` holds."""
    start, size, end = interval.start_expr(), interval.size_expr(), interval.end_expr()
    if presence is True:
        return interval
    if presence is False:
        return model.new_optional_interval_var(start, size, end, model.new_constant(0), name)
    return model.new_optional_interval_var(start, size, end, presence, name)


def add_interpretation_cap(m: SessionModel) -> None:
    """'Interpretation cap': per sitting over the runs, per day over each meeting's day."""
    model, session = m.model, m.session
    interpreting = [p for p in m.placed.values() if p.meetings.problem.body.interpretation]
    if session.per_sitting is not None:
        intervals = [iv for p in interpreting for iv in p.intervals]
        model.add_cumulative(intervals, [1] * len(intervals), session.per_sitting)
    if session.per_day is not None:
        days = sorted({s.date for s in session.sittings})
        day_of = [days.index(s.date) for s in session.sittings]
        day_of += [len(days)] * max((p.meetings.n_meetings for p in interpreting), default=0)  # past the window: a meeting not held
        intervals = []
        for p in interpreting:
            for k in range(p.meetings.n_meetings):
                day = model.new_int_var(0, len(days), "day")
                model.add_element(p.meetings.sitting_of(k), day_of, day)
                active = p.meetings.active[k]
                if active is True:
                    intervals.append(model.new_fixed_size_interval_var(day, 1, "meeting_day"))
                else:
                    intervals.append(model.new_optional_fixed_size_interval_var(day, 1, active, "meeting_day"))
        model.add_cumulative(intervals, [1] * len(intervals), session.per_day)


def add_blocks(m: SessionModel) -> None:
    """'Consecutive bodies': a block's runs follow each other without a free sitting, in one room."""
    model = m.model
    for block in m.session.blocks:
        members = [m.placed[b] for b in block.bodies]
        first = members[0]
        for other in members[1:]:
            if first.room is not None and other.room is not None:
                model.add(other.room == first.room)
        starts = [p.meetings.sitting_of(0) for p in members]
        ends = [p.intervals[0].end_expr() for p in members]
        if block.order == "fixed":
            for before, after in zip(members, members[1:]):
                model.add(after.meetings.sitting_of(0) == before.intervals[0].end_expr())
        else:
            span_start = model.new_int_var(0, len(m.session.sittings), f"block:{block.name}:start")
            span_end = model.new_int_var(0, 2 * len(m.session.sittings), f"block:{block.name}:end")
            model.add_min_equality(span_start, starts)
            model.add_max_equality(span_end, ends)
            model.add(span_end - span_start == cp_model.LinearExpr.sum([p.intervals[0].size_expr() for p in members]))
            model.add_no_overlap([p.intervals[0] for p in members])

