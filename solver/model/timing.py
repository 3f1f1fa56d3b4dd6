"""Rules about time: estimates, splitting, one item at a time, no idle time, and the two soft
conventions about where items begin and how often they run over."""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.model.logic import neg
from solver.model.variables import Variables


def add_estimates(v: Variables) -> None:
    """Substantive items get at least their estimate, procedural items exactly theirs."""
    for task in v.problem.tasks:
        if task.carved:
            continue  # an event held in one sitting takes its minutes from that sitting, not the axis
        guard = v.guard("estimates", task.id)
        if task.substantive:
            v.add_if(v.duration[task.index] >= task.estimate, guard)
        else:
            v.add_if(v.duration[task.index] == task.estimate, guard)


def add_unsplit(v: Variables) -> None:
    """An item that may not be split never crosses a meeting boundary, nor is it broken off for
    an event (a split item may be: the debate is suspended for the panel and resumed after it)."""
    events = [e for e in v.problem.tasks if e.carved]
    for task in v.problem.tasks:
        if task.split or task.carved:
            continue
        guard = v.guard("unsplit", task.id)
        for k in range(1, v.n_meetings):
            v.forbid(guard, v.crosses(task.index, k))
        for event in events:
            _not_around(v, task.index, event.index, guard)


def _not_around(v: Variables, i: int, event: int, guard) -> None:
    """Item i ends by the event's point or starts from it."""
    point, start, end = v.start[event], v.start[i], v.end[i]
    p_lo, p_hi = v.bounds(point)
    if v.bounds(end)[1] <= p_lo or v.bounds(start)[0] >= p_hi:
        return  # the windows already keep them apart
    before = v.model.new_bool_var(f"before[{v.problem.tasks[i].id},{v.problem.tasks[event].id}]")
    v.add_if(end <= point, guard, before)
    v.add_if(start >= point, guard, ~before)


def add_min_piece(v: Variables) -> None:
    """The first and the last part of a split item each last at least its minimum part."""
    for task in v.problem.tasks:
        if not task.split:
            continue
        i, guard = task.index, v.guard("min-piece", task.id)
        for k in range(1, v.n_meetings):
            crosses = v.crosses(i, k)
            if crosses is False:
                continue
            # started in meeting k-1 and runs over: the part before W(k) is its first part
            v.add_if(v.start[i] <= v.axis(k) - task.min_piece, guard, crosses, v.starts_by(i, k - 1))
            # ends in meeting k after running over: the part after W(k) is its last part
            v.add_if(v.end[i] >= v.axis(k) + task.min_piece, guard, crosses, neg(v.reaches(i, k + 1)))


def add_sequence(v: Variables, order: tuple[int, ...], total: bool) -> None:
    """One item at a time; with 'No idle time', items follow each other from the first minute.

    When the orderings leave a single sequence, consecutive items simply chain; otherwise the
    items' spans may not overlap and, without idle time, their lengths add up to the session.
    """
    model = v.model
    no_idle = v.problem.rules.no_idle_time
    guard = v.guard("no-idle-time")
    order = tuple(i for i in order if not v.problem.tasks[i].carved)
    if total and not v.explain:
        first, last = order[0], order[-1]
        model.add(v.session_end == v.end[last])
        if no_idle:
            v.add_if(v.start[first] == 0, guard)
            for before, after in zip(order, order[1:]):
                if v.start[after] is not v.end[before]:
                    v.add_if(v.start[after] == v.end[before], guard)
        return
    model.add_no_overlap(v.span)
    model.add_max_equality(v.session_end, [v.end[i] for i in order])
    if no_idle:
        v.add_if(cp_model.LinearExpr.sum(v.duration) == v.session_end, guard)


def continuations(v: Variables) -> cp_model.LinearExprT:
    """Soft 'Few continuations': one per meeting boundary an item runs over."""
    literals = [v.runs_on(t.index, k) for t in v.problem.tasks for k in range(1, v.n_meetings)]
    return _count(literals)


def late_starts(v: Variables) -> cp_model.LinearExprT:
    """Soft 'Substantive item starts a meeting': one per substantive item starting mid-meeting,
    that is, starting at no meeting's beginning."""
    lates = []
    for task in v.problem.tasks:
        if not task.substantive:
            continue
        aligned = [v.starts_at(task.index, k) for k in range(v.n_meetings)]
        if any(a is True for a in aligned):
            continue
        real = [a for a in aligned if a is not False]
        late = v.model.new_bool_var(f"late_start[{task.id}]")
        v.model.add(cp_model.LinearExpr.sum(real) + late == 1)
        lates.append(late)
    return _count(lates)


def _count(literals: list) -> cp_model.LinearExprT:
    real = [lit for lit in literals if not isinstance(lit, bool)]
    constant = sum(1 for lit in literals if lit is True)
    return cp_model.LinearExpr.sum(real) + constant


def meeting_share_deviation(v: Variables) -> cp_model.LinearExprT:
    """Tie-break 'Spare meetings in proportion to estimates': with E the substantive estimates'
    sum and M the meetings held, item i's fair number of meetings is e_i * M / E; the expression
    is sum |E * meetings_i - e_i * M| over substantive items, meetings_i counting those it touches."""
    substantive = [t for t in v.problem.tasks if t.substantive]
    total = sum(t.estimate for t in substantive)
    held = v.n_meetings
    gaps = []
    for task in substantive:
        touched = 1 + _count([v.runs_on(task.index, k) for k in range(1, v.n_meetings)])
        gap = v.model.new_int_var(0, total * held + task.estimate * held, f"meeting_share_gap[{task.id}]")
        v.model.add_abs_equality(gap, total * touched - task.estimate * held)
        gaps.append(gap)
    return cp_model.LinearExpr.sum(gaps)


def spare_at_the_end(v: Variables) -> cp_model.LinearExprT:
    """Tie-break 'Spare time at the end', in whole meetings, maximised: each procedural item's
    meeting number less each substantive item's. Substantive items start as early as they may,
    so that a spare meeting goes to the end of the session (to the items that run over, or to
    the report) rather than to the first item; short procedural items between them are taken up
    as late as they may, with the closing ones."""
    terms = []
    for task in v.problem.tasks:
        sign = -1 if task.substantive else 1
        terms += [(sign, v.starts_by(task.index, k)) for k in range(1, v.n_meetings)]
    real = [(s, lit) for s, lit in terms if not isinstance(lit, bool)]
    constant = sum(s for s, lit in terms if lit is True)
    return cp_model.LinearExpr.weighted_sum([lit for _, lit in real], [s for s, _ in real]) + constant


def add_time_links(v: Variables) -> None:
    """Redundant: an item's start and end as sums of its order literals, in plain linear form,
    so that the linear relaxation knows that an item of 400 minutes cannot start at one meeting's
    beginning and end at the beginning of the meeting two later (360 minutes): the boundary
    network alone does not count minutes across meetings. Only where meetings have fixed lengths.

    With m the meeting an item starts in, W(m) <= start < W(m+1), and W(m) is the sum of the
    lengths of the meetings before m: start >= sum_k cap(k-1)·starts_by(k) and start <= W(1) - 1
    + sum_k cap(k)·starts_by(k); likewise the end with `reaches` and W(m') < end <= W(m'+1)."""
    n = v.n_meetings
    caps = [v.cap(k) for k in range(n)]
    if n < 2 or not all(isinstance(c, int) for c in caps):
        return
    for task in v.problem.tasks:
        if task.carved:
            continue
        i = task.index
        for value, literal, offset in ((v.start[i], v.starts_by, 0), (v.end[i], v.reaches, 1)):
            lower, upper, real = offset, caps[0] - 1 + offset, False
            low_terms, up_terms = [], []
            for k in range(1, n):
                lit = literal(i, k)
                if lit is True:
                    lower += caps[k - 1]
                    upper += caps[k]
                elif lit is not False:
                    real = True
                    low_terms.append(caps[k - 1] * lit)
                    up_terms.append(caps[k] * lit)
            if real:
                v.model.add(value >= lower + cp_model.LinearExpr.sum(low_terms))
                v.model.add(value <= upper + cp_model.LinearExpr.sum(up_terms))


TOLERANCE = 30  # 'Time in proportion' counts per half hour


def beyond_share(v: Variables) -> cp_model.LinearExprT:
    """Soft 'Time in proportion': per started half hour a substantive item gets beyond twice its
    share of the meetings' time and half an hour (a 30-minute oral report stretched over a meeting)."""
    counts = []
    for task in v.problem.tasks:
        if not v.problem.counted_in_proportion(task):
            continue
        allowance = v.problem.allowance(task)
        lo, hi = v.bounds(v.start[task.index])[0], v.bounds(v.end[task.index])[1]
        if hi - lo <= allowance:
            continue  # its window leaves no room to go beyond
        beyond = v.model.new_int_var(0, -(-(hi - lo - allowance) // TOLERANCE), f"beyond_share[{task.id}]")
        v.model.add(TOLERANCE * beyond >= v.duration[task.index] - allowance)
        counts.append(beyond)
    return cp_model.LinearExpr.sum(counts) if counts else cp_model.LinearExpr.constant(0)
