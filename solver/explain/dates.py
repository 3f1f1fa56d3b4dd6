"""Date windows and segments in an explanation.

An item's first and last days come from its own dates (`not_before`, `not_after`, `between`,
on the item, a part or an event) or from the days of its segment. The conflict names the one
that binds: "item 4 may not be taken up after Monday, 4 March" (Not after a date), or "item 5 is
taken up in the Coordination segment, held from Monday, 4 March to Tuesday, 5 March" (Segments in
the order of their days). The ways out widen what binds by the least that fits, each checked by
solving: "let item 4 be taken up until Tuesday, 5 March", "let the Coordination segment start a
day earlier, on Monday, 4 March"; an item may also be taken out of its segment.
"""

from __future__ import annotations

import datetime as dt

from solver.explain import words
from solver.explain.budget import Budget
from solver.explain.trials import FACT, ORDER, PIN, Found, Trial, applied
from solver.input import edits
from solver.input.agenda import Segment, expand
from solver.input.instance import Body, Instance
from solver.labels import day_label
from solver.problem.capacity import segment_name
from solver.problem.problem import Problem, Task

DATE_RULES = ("not-before", "not-after")


def _body(problem: Problem) -> Body:
    return next(b for b in problem.instance.body_list() if b.id == problem.body.id)


def own_days(problem: Problem, task: Task) -> tuple[dt.date | None, dt.date | None]:
    """The first and last days the item (part, event) gives itself, leaving its segment aside."""
    body = _body(problem)
    own = {i.id: i for i in expand(body.items)}
    own.update({e.id: e for e in (event.as_item(n) for n, event in enumerate(body.events, start=1))})
    item = own.get(task.id)
    if item is None:  # a segment that is a block of its own: its days are the segment's
        return None, None
    first, last = item.not_before, item.not_after
    if item.between is not None:
        first = max(d for d in (first, item.between[0]) if d is not None)
        last = min(d for d in (last, item.between[1]) if d is not None)
    return first, last


def segment_of(problem: Problem, task: Task) -> int | None:
    """The place in the file of the segment the task is taken up in (or is), if any."""
    for n, segment in enumerate(_body(problem).segments):
        if task.printed in segment.items or task.id == f"segment {n + 1}":
            return n
    return None


def bound_by_segment(problem: Problem, task: Task, rule: str) -> int | None:
    """The segment whose first (not-before) or last (not-after) day is the task's, when the
    task's own dates do not already bind as tightly."""
    n = segment_of(problem, task)
    if n is None:
        return None
    segment = _body(problem).segments[n]
    first, last = own_days(problem, task)
    if rule == "not-before":
        return n if segment.between[0] == task.first_day and (first is None or first < segment.between[0]) else None
    return n if segment.between[1] == task.last_day and (last is None or last > segment.between[1]) else None


def held(segment: Segment) -> str:
    """'held on Monday, 4 March', 'held from Monday, 4 March to Wednesday, 6 March'."""
    first, last = segment.between
    return f"held on {day_label(first)}" if first == last else f"held from {day_label(first)} to {day_label(last)}"


def _verb(task: Task) -> str:
    return "held" if task.role == "event" else "taken up"


def conflict_text(problem: Problem, rule: str, task: Task) -> tuple[str, str]:
    """(rule, words) for a date of the conflict: the item's own date, or its segment's days."""
    name = words.name(problem, task)
    n = bound_by_segment(problem, task, rule)
    if n is not None:
        segment = _body(problem).segments[n]
        if task.role == "segment":
            return "segments", f"{segment_name(segment.name)} is {held(segment)}"
        return "segments", f"{name} is taken up in {segment_name(segment.name)}, {held(segment)}"
    if rule == "not-before":
        assert task.first_day is not None
        return rule, f"{name} may not be {_verb(task)} before {day_label(task.first_day)}"
    assert task.last_day is not None
    return rule, f"{name} may not be {_verb(task)} after {day_label(task.last_day)}"


def order_text(problem: Problem, task: Task) -> str:
    """The segments' order that the conflict names, carried by the first item of the later segment."""
    segments = _body(problem).segments
    ranked = sorted(range(len(segments)), key=lambda n: (segments[n].between, n))
    later = ranked[task.segment] if task.segment is not None else None
    if later is None or task.segment == 0:
        return f"{words.name(problem, task)} follows the segment before it, in the order of their days"
    earlier = ranked[task.segment - 1]
    return (
        f"{segment_name(segments[later].name)} ({held(segments[later])}) follows {segment_name(segments[earlier].name)} "
        f"({held(segments[earlier])}), in the order of their days"
    )


def trials(problem: Problem, conflicts) -> list[Trial]:
    """The dates of the conflict widened by the least that fits; the days of its segments moved
    (an earlier start, a later end) by the least that fits; its items taken out of their segment.
    Then every other date and segment likewise, as simple as a pin dropped: a conflict is one of
    several that may hold, and no date that would fit on its own is left untried."""
    out: list[Trial] = []
    named: set[tuple[str, str]] = set()
    segments: list[int] = []
    taken_out: list[Task] = []
    for conflict in conflicts:
        if conflict.subject == "session":
            continue
        task = problem.task(conflict.subject)
        if conflict.rule in DATE_RULES:
            named.add((conflict.rule, task.id))
        elif conflict.rule == "segments":
            n = segment_of(problem, task)
            if n is not None and task.role != "segment" and task not in taken_out:
                taken_out.append(task)
            # its own segment, and for the segments' order the segment it follows
            earlier = [problem.tasks[p.before] for p in problem.precedences if p.rule == "segments" and p.owner == task.index]
            for m in [n] + [segment_of(problem, t) for t in earlier]:
                if m is not None and m not in segments:
                    segments.append(m)
    for task in problem.tasks:
        first, last = own_days(problem, task)
        for rule, bound in (("not-before", first), ("not-after", last)):
            if bound is not None:
                tier = FACT if (rule, task.id) in named else PIN
                out.append(Trial(tier, "fact", _widen_item(problem, task, rule, tier), named=tier == FACT))
    for n in segments + [m for m in range(len(_body(problem).segments)) if m not in segments]:
        tier = FACT if n in segments else PIN
        for end in (0, 1):
            out.append(Trial(tier, "fact", _move_segment(problem, n, end, tier), named=tier == FACT))
    body = problem.body.id
    for task in taken_out:
        n = segment_of(problem, task)
        assert n is not None
        segment = _body(problem).segments[n]
        kept = [i for i in segment.items if i != task.printed]
        text = f"take item {task.printed} out of {segment_name(segment.name)}: it may then be taken up outside its days"
        out.append(Trial(ORDER, "order", _plain(problem, text, [edits.set_segment(n, "items", kept, body)]), named=True))
    return out


def releases(problem: Problem) -> list[tuple[str, tuple[edits.Edit, ...]]]:
    """Every item's own first day dropped: what pairs of changes may be made of."""
    out = []
    for task in problem.tasks:
        first, last = own_days(problem, task)
        if first is not None:
            out.append((f"let {words.name(problem, task)} be {_verb(task)} before {day_label(first)}",
                        (edits.set_dates(task.id, None, last, problem.body.id),)))
    return out


def _plain(problem: Problem, text: str, changes: list[edits.Edit]):
    def run(budget: Budget) -> tuple[list[Found], bool]:
        candidate = applied(problem.instance, changes)
        if candidate is None:
            return [], True
        fits = budget.fits(candidate)
        return ([Found(text, candidate, ORDER, "order")] if fits else []), fits is not None

    return run


def _open_days(problem: Problem) -> list[dt.date]:
    return sorted({s.date for s in problem.sittings})


def _widen_item(problem: Problem, task: Task, rule: str, tier: int):
    """The nearest open day beyond the item's own bound that fits (a wider window only ever helps:
    the nearest is found by halving)."""
    first, last = own_days(problem, task)
    later = rule == "not-after"
    bound = last if later else first
    days = [d for d in _open_days(problem) if (d > bound if later else d < bound)] if bound is not None else []
    if not later:
        days.reverse()  # nearest first

    def change(day: dt.date) -> tuple[str, list[edits.Edit]]:
        name = words.name(problem, task)
        if later:
            return f"let {name} be {_verb(task)} until {day_label(day)}", [edits.set_dates(task.id, first, day, problem.body.id)]
        return f"let {name} be {_verb(task)} from {day_label(day)}", [edits.set_dates(task.id, day, last, problem.body.id)]

    def run(budget: Budget) -> tuple[list[Found], bool]:
        cache: dict[int, tuple[Instance | None, bool | None]] = {}

        def fits(k: int) -> bool | None:
            if k not in cache:
                candidate = applied(problem.instance, change(days[k])[1])
                cache[k] = (candidate, False if candidate is None else budget.fits(candidate))
            return cache[k][1]

        if not days:
            return [], True
        widest = fits(len(days) - 1)
        if not widest:
            return [], widest is not None
        low, high, best = 0, len(days) - 2, len(days) - 1
        while low <= high:
            if budget.over():
                break
            middle = (low + high) // 2
            if fits(middle):
                best, high = middle, middle - 1
            else:
                low = middle + 1
        candidate = cache[best][0]
        assert candidate is not None  # it fits
        return [Found(change(days[best])[0], candidate, tier, "fact")], True

    return run


def _move_segment(problem: Problem, n: int, end: int, tier: int):
    """A segment's first day earlier (end 0) or its last day later (end 1), by the fewest open
    days that fit. The farthest day is tried first: when even that does not fit, one solve has
    said so. Moving a segment's days may change the segments' order, so the days between are then
    tried one by one, nearest first, rather than by halving."""
    segment = _body(problem).segments[n]
    first, last = segment.between
    days = [d for d in _open_days(problem) if d < first][::-1] if end == 0 else [d for d in _open_days(problem) if d > last]
    name = segment_name(segment.name)

    def run(budget: Budget) -> tuple[list[Found], bool]:
        cache: dict[int, tuple[Instance | None, bool | None]] = {}

        def fits(k: int) -> bool | None:
            if k not in cache:
                between = [days[k], last] if end == 0 else [first, days[k]]
                candidate = applied(problem.instance, [edits.set_segment(n, "between", [d.isoformat() for d in between], problem.body.id)])
                cache[k] = (candidate, False if candidate is None else budget.fits(candidate))
            return cache[k][1]

        if not days:
            return [], True
        widest = fits(len(days) - 1)
        if not widest:
            return [], widest is not None
        for k in range(len(days)):
            if budget.over():
                return [], False
            verdict = fits(k)
            if verdict is None:
                return [], False
            if verdict:
                by = "a day" if k == 0 else f"{k + 1} days"
                when = day_label(days[k])
                text = f"let {name} start {by} earlier, on {when}" if end == 0 else f"let {name} end {by} later, on {when}"
                candidate = cache[k][0]
                assert candidate is not None  # it fits
                return [Found(text, candidate, tier, "fact")], True
        return [], True

    return run
