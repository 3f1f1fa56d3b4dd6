"""Rules about the calendar: meetings granted and held, pins, dates, preferred and free sittings."""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.model.logic import both, neg
from solver.model.variables import Variables


def add_meetings_held(v: Variables) -> None:
    """The session ends inside its last meeting held; with the 'Hold the meetings granted' rule,
    that is the last meeting granted, otherwise any meeting up to it."""
    end = v.session_end
    v.model.add(end <= v.axis(v.n_meetings))
    guard = v.guard("hold-meetings-granted")
    for k in range(1, v.n_meetings):
        active = v.active[k]
        if active is True:
            v.add_if(end >= v.axis(k) + 1, guard)
        else:
            v.add_if(end >= v.axis(k) + 1, active)
            v.add_if(end <= v.axis(k), neg(active))
    if not v.problem.rules.no_idle_time:
        # idle time allowed: a meeting held must still take up something
        for k in range(v.n_meetings):
            present = [v.in_meeting(t.index, k) for t in v.problem.tasks if not t.carved]
            present += [v.held_in(k, s) for s in sorted({s for t in v.problem.tasks if t.carved for s in t.pinned})]
            if any(p is True for p in present):
                continue
            real = [p for p in present if p is not False]
            if not real:
                v.forbid(v.active[k])
            elif v.active[k] is True:
                v.model.add_bool_or(real)
            else:
                v.model.add_bool_or(real).only_enforce_if(v.active[k])


def _confine(v: Variables, index: int, allowed: frozenset[int], guard) -> None:
    """Item `index` is taken up only in meetings held in the `allowed` open sittings."""
    for k in range(v.n_meetings):
        possible = set(v.possible_sittings(k))
        if possible <= allowed:
            continue
        present = v.in_meeting(index, k)
        if present is False:
            continue
        if not possible & allowed:
            v.forbid(guard, present)
            continue
        domain = cp_model.Domain.from_values(sorted(possible & allowed))
        constraint = v.model.add_linear_expression_in_domain(v.sitting_of(k), domain)
        constraint.only_enforce_if([lit for lit in (guard, present) if lit is not True])


def add_pins(v: Variables) -> None:
    """A pinned item stays in its day or sitting, or, pinned as under way there, is taken up at
    least partly in one of those sittings; with a time (at:), it starts at that time there."""
    for task in v.problem.tasks:
        if task.pinned is None:
            continue
        guard = v.guard("pins", task.id)
        if task.carved:
            _place_event(v, task, guard)
            continue
        if task.whole:
            _confine(v, task.index, task.pinned, guard)
        else:
            v.require_one(guard, [v.in_sitting(task.index, s) for s in sorted(task.pinned)])
        if task.at is not None and len(task.pinned) == 1:
            (sitting,) = task.pinned
            starts_there = [both(v.model, v.starts_in(task.index, k), v.held_in(k, sitting)) for k in range(v.n_meetings)]
            v.require_one(guard, starts_there)
            for k, here in enumerate(starts_there):
                v.add_if(v.start[task.index] == v.axis(k) + task.at, guard, here)


def _place_event(v: Variables, task, guard) -> None:
    """An event held in one sitting: its point on the axis lies in the meeting held there, at
    its time when it has one, after the events before it in that sitting."""
    (sitting,) = task.pinned
    point = v.start[task.index]
    events = v.problem.events_in(sitting)
    position = events.index(task)
    if position:
        v.add_if(v.start[events[position - 1].index] <= point, guard)
    if sitting in v.meetings.dropped:
        v.add_if(point == v.meetings.dropped_position(sitting), guard)
        return
    offset = v.problem.offset_on_axis(task)
    here = [v.held_in(k, sitting) for k in range(v.n_meetings)]
    v.require_one(guard, here)
    for k, held in enumerate(here):
        if held is False:
            continue
        if offset is not None:
            v.add_if(point == v.axis(k) + offset, guard, held)
        else:
            v.add_if(point >= v.axis(k), guard, held)
            v.add_if(point <= v.axis(k + 1), guard, held)


def add_avoid(v: Variables) -> None:
    """An item is never taken up in a sitting it avoids."""
    for task in v.problem.tasks:
        if task.avoided:
            everywhere = frozenset(range(len(v.problem.sittings)))
            _confine(v, task.index, everywhere - task.avoided, v.guard("avoid", task.id))


def add_not_before(v: Variables) -> None:
    for task in v.problem.tasks:
        if task.not_before is not None:
            _confine(v, task.index, task.not_before, v.guard("not-before", task.id))


def add_not_after(v: Variables) -> None:
    for task in v.problem.tasks:
        if task.not_after is not None:
            _confine(v, task.index, task.not_after, v.guard("not-after", task.id))


def outside_preferred(v: Variables) -> cp_model.LinearExprT:
    """Soft 'Preferred sitting': one per meeting an item spends outside its preferred sittings."""
    terms: list = []
    for task in v.problem.tasks:
        if task.preferred is None:
            continue
        for k in range(v.n_meetings):
            present = v.in_meeting(task.index, k)
            possible = set(v.possible_sittings(k))
            if present is False or possible <= task.preferred:
                continue
            if not possible & task.preferred:
                terms.append(present)
                continue
            outside = v.model.new_bool_var(f"outside_preferred[{task.id},{k}]")
            domain = cp_model.Domain.from_values(sorted(possible & task.preferred))
            constraint = v.model.add_linear_expression_in_domain(v.sitting_of(k), domain)
            constraint.only_enforce_if([lit for lit in (present, ~outside) if lit is not True])
            terms.append(outside)
    return sum((t if not isinstance(t, bool) else int(t) for t in terms), cp_model.LinearExpr.constant(0))


def free_sittings_before_end(v: Variables) -> cp_model.LinearExprT:
    """Soft 'Free sittings at the end': open sittings of the body's window left free before its
    last meeting held. A body meeting in one unbroken run has none by construction."""
    first = v.meetings.first
    if v.sitting_fixed() or v.problem.body.consecutive:
        return cp_model.LinearExpr.constant(0)
    if v.hold_all:
        return v.sitting_of(v.n_meetings - 1) - (v.n_meetings - 1) - first
    gaps = v.model.new_int_var(0, max(0, v.meetings.last - v.meetings.first), f"{v.prefix}free_sittings_before_end")
    for k in range(v.n_meetings):
        v.add_if(gaps >= v.sitting_of(k) - k - first, v.active[k])
    return gaps


def meetings_used(v: Variables) -> cp_model.LinearExprT:
    """Soft 'Meetings used' (only when the meetings granted need not all be held)."""
    return sum((a if not isinstance(a, bool) else int(a) for a in v.active), cp_model.LinearExpr.constant(0))


def beyond_sitting_ends(v: Variables) -> cp_model.LinearExprT:
    """Soft 'Sittings kept to their hours': the minutes the meetings run beyond their sittings'
    ends, into the extensions the calendar allows (a meeting's length on the axis is its
    capacity and those minutes), and those events longer than their sitting take in any draft."""
    minutes = [v.meetings.extension(k) for k in range(v.n_meetings)]
    forced = sum(v.problem.overrun(s) for s in v.problem.window)  # events longer than their sitting
    return cp_model.LinearExpr.sum([m for m in minutes if not isinstance(m, int)]) + forced
