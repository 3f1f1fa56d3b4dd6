"""Read a solved model back into the canonical `Schedule`."""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.languages import title_in, translations
from solver.model.variables import Variables
from solver.problem.problem import Problem, Sitting
from solver.schedule import BodyRecord, ItemRecord, Meeting, Piece, Schedule, SittingRecord


def _value(solver: cp_model.CpSolver, expr) -> int:
    return expr if isinstance(expr, int) else int(solver.value(expr))


def extract(solver: cp_model.CpSolver, v: Variables, problem: Problem) -> Schedule:
    held = [k for k in range(v.n_meetings) if v.active[k] is True or (v.active[k] is not False and solver.boolean_value(v.active[k]))]
    sittings = [problem.sittings[_value(solver, v.sitting_of(k))] for k in held]
    boundaries = [0]
    for k, sitting in zip(held, sittings):
        boundaries.append(boundaries[-1] + problem.capacity(sitting.index) + _value(solver, v.meetings.extension(k)))
    points = {t.index: _value(solver, v.start[t.index]) for t in problem.tasks if t.carved}
    rows: dict[int, list[Piece]] = {}  # sitting index -> its pieces
    in_meetings: dict[int, list[int]] = {}  # task index -> sittings
    allotted: dict[int, int] = {}
    for n, sitting in enumerate(sittings):
        events = [(points[e.index] - boundaries[n], e) for e in problem.events_in(sitting.index)]
        rows[sitting.index] = _event_pieces(sitting, events)
    for sitting_index in v.meetings.dropped:
        sitting = problem.sittings[sitting_index]
        rows[sitting_index] = _event_pieces(sitting, [(0, e) for e in problem.events_in(sitting_index)])
    for e in problem.tasks:
        if e.carved:
            allotted[e.index] = e.estimate
            in_meetings[e.index] = [s for s, pieces in rows.items() if any(p.item == e.id for p in pieces)]
    spans = sorted((_value(solver, v.start[t.index]), _value(solver, v.end[t.index]), t.index) for t in problem.tasks if not t.carved)
    for start, end, index in spans:
        task = problem.tasks[index]
        allotted[index] = end - start
        seen = False
        for n, sitting in enumerate(sittings):
            lo, hi = max(start, boundaries[n]), min(end, boundaries[n + 1])
            if lo >= hi:
                continue
            offsets = sorted(points[e.index] - boundaries[n] for e in problem.events_in(sitting.index))
            cuts = [lo - boundaries[n], *(o for o in offsets if lo - boundaries[n] < o < hi - boundaries[n]), hi - boundaries[n]]
            for a, b in zip(cuts, cuts[1:]):
                rows[sitting.index].append(
                    Piece(
                        item=task.id,
                        start=sitting.clock(a + sum(e.estimate for o, e in _timed(problem, sitting, points, boundaries[n]) if o <= a)),
                        end=sitting.clock(b + sum(e.estimate for o, e in _timed(problem, sitting, points, boundaries[n]) if o < b)),
                        minutes=b - a,
                        continued=seen or start < boundaries[n] or task.under_way,
                    )
                )
                seen = True
            in_meetings.setdefault(index, []).append(sitting.index)
    order = sorted(rows)
    meetings = []
    for number, sitting_index in enumerate(order, start=1):
        sitting = problem.sittings[sitting_index]
        pieces = sorted(rows[sitting_index], key=lambda p: (p.start, p.end))
        meetings.append(_meeting(number, sitting, pieces))
    numbers = {s: n for n, s in enumerate(order, start=1)}
    items = [
        ItemRecord(
            id=t.id,
            item=t.agenda_id or None,
            part=t.part or None,
            together=list(t.members),
            title=t.title,
            titles=dict(t.titles),
            kind="substantive" if t.substantive else "procedural",
            role=t.role,
            estimate_minutes=t.estimate,
            allotted_minutes=allotted[t.index],
            meetings=[numbers[s] for s in in_meetings.get(t.index, [])],
        )
        for t in problem.tasks
    ]
    items += member_records(problem, items)
    return Schedule(
        session=problem.instance.session,
        meetings=meetings,
        meetings_granted=problem.granted,
        numbered=problem.instance.calendar.numbered is not None,
        sittings=sitting_records(problem, meetings),
        items=items,
    )


def _meeting(number: int, sitting: Sitting, pieces: list[Piece]) -> Meeting:
    """A meeting held in `sitting`: it ends with the sitting, or as far into the sitting's
    extension as its items run."""
    ran = max((p.end for p in pieces), default=sitting.end)
    beyond = max(0, sitting.offset(ran) - sitting.minutes)
    end = sitting.clock(sitting.minutes + beyond) if beyond else sitting.end
    return Meeting(number=number, date=sitting.date, sitting=sitting.name, start=sitting.start, end=end, extended_minutes=beyond, pieces=pieces)


def member_records(problem: Problem, records: list[ItemRecord]) -> list[ItemRecord]:
    """The items taken up together with another: its meetings and time, no pieces of their own."""
    by_id = {r.id: r for r in records}
    body = next(b for b in problem.instance.body_list() if b.id == problem.body.id)
    titles = {item.id: item.title for item in body.items}
    language = problem.instance.session.language
    out = []
    for task in problem.tasks:
        leader = by_id[task.id]
        for member in task.members:
            title = titles.get(member, "")
            out.append(leader.model_copy(update={"id": member, "title": title_in(title, language), "titles": translations(title), "together": [],
                                                 "with_item": task.id, "item": None, "part": None}))
    return out


def _timed(problem: Problem, sitting, points: dict[int, int], base: int) -> list[tuple[int, object]]:
    """The events of a sitting with their offsets among its item minutes."""
    return [(points[e.index] - base, e) for e in problem.events_in(sitting.index)]


def _event_pieces(sitting, events: list[tuple[int, object]]) -> list[Piece]:
    """The events of one sitting on the clock: each after the item minutes before its point and
    the events before it."""
    out = []
    passed = 0
    for offset, event in events:
        begin = offset + passed
        out.append(Piece(item=event.id, start=sitting.clock(begin), end=sitting.clock(begin + event.estimate), minutes=event.estimate))
        passed += event.estimate
    return out


def sitting_records(problem: Problem, meetings: list[Meeting]) -> list[SittingRecord]:
    """Every sitting of the calendar, in time order, with its meeting, or free, or closed."""
    held = {(m.date, m.sitting): m.number for m in meetings}
    records = [
        SittingRecord(date=s.date, sitting=s.name, start=s.start, end=s.end, extend_to=s.clock(s.longest) if s.extension else None,
                      status="meeting" if (s.date, s.name) in held else "free", meeting=held.get((s.date, s.name)))
        for s in problem.sittings
    ]
    calendar = problem.instance.calendar
    for closed in problem.closed:
        spec = next(x for x in calendar.sittings_on(closed.date) if x.name == closed.name)
        records.append(SittingRecord(date=closed.date, sitting=closed.name, start=spec.start, end=spec.end, extend_to=spec.extend_to,
                                     status="closed", reason=closed.reason))
    return sorted(records, key=lambda r: (r.date, r.start))


def extract_session(solver: cp_model.CpSolver, built) -> Schedule:
    """Every body's part, each marked with its body and room, in one schedule."""
    session = built.session
    meetings, items, bodies = [], [], []
    for body_id, placed in built.placed.items():
        problem = placed.meetings.problem
        part = extract(solver, placed.body.variables, problem)
        room = None
        if session.rooms and placed.room is not None:
            room = session.rooms[_value(solver, placed.room)]
        by_sitting: dict[tuple, str] = {}
        for k, var in enumerate(placed.meeting_rooms):
            active = placed.meetings.active[k]
            if active is True or (active is not False and solver.boolean_value(active)):
                sitting = problem.sittings[_value(solver, placed.meetings.sitting_of(k))]
                by_sitting[sitting.date, sitting.name] = session.rooms[_value(solver, var)]
        meetings += [m.model_copy(update={"body": body_id, "room": by_sitting.get((m.date, m.sitting), room)}) for m in part.meetings]
        if len(set(by_sitting.values())) > 1:
            room = None  # it changes rooms between days: each meeting says its room
        items += [i.model_copy(update={"body": body_id}) for i in part.items]
        bodies.append(BodyRecord(id=body_id, name=problem.body.name, symbol=problem.body.symbol, meetings_granted=problem.granted, room=room))
    meetings.sort(key=lambda m: (m.date, m.start, m.room or "", m.body or ""))
    return Schedule(session=session.instance.session, bodies=bodies, rooms=list(session.rooms), meetings=meetings,
                    numbered=session.instance.calendar.numbered is not None,
                    sittings=session_sittings(session, meetings), items=items)


def session_sittings(session, meetings: list[Meeting]) -> list[SittingRecord]:
    """Every sitting of the session's calendar: held by some body, free, or closed."""
    used = {(m.date, m.sitting) for m in meetings}
    return [r.model_copy(update={"status": "meeting" if (r.date, r.sitting) in used else r.status, "meeting": None})
            for r in sitting_records(session.bodies[0], [])]