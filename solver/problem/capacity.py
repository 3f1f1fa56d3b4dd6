"""Why an agenda does not fit, in the planner's arithmetic, checked before any search.

Each check looks at one fact a planner can verify by hand (hours needed against hours granted,
an unsplit item longer than any sitting, a pin on a closed day, a circle of orderings) and raises
`DoesNotFit` naming the items, sittings and rules involved.
"""

from __future__ import annotations

import unicodedata

from solver.input.durations import format_minutes
from solver.errors import DoesNotFit
from solver.labels import day_label, duration_text, item_list, plural, sitting_label
from solver.problem.problem import Problem, Task
from solver.rules import rule_name
from solver.problem.sequence import find_cycle, topological_order
from solver.problem.session import Session


def granted_minutes(problem: Problem, extended: bool = False) -> int:
    """The most time the meetings granted can give: the longest open sittings, as many as
    granted; with `extended`, each counted with its extension (what no draft can exceed)."""
    lengths = sorted((_length(problem, s, extended) for s in problem.window), reverse=True)
    return sum(lengths[: problem.granted])


def _length(problem: Problem, sitting: int, extended: bool) -> int:
    """A sitting's minutes, and with `extended` its extension: the arithmetic below counts the
    extensions only where the normal hours do not suffice, so that no 'does not fit' is said
    that extending the sittings would answer."""
    return problem.sittings[sitting].longest if extended else problem.sittings[sitting].minutes


def _longest(problem: Problem, sittings) -> int:
    return max(_length(problem, s, True) for s in sittings)


def extended_text(problem: Problem, normal: int) -> str:
    """' (16.5 hours with the sittings extended)' when extensions add to `normal` minutes the
    meetings granted give; '' otherwise."""
    extended = granted_minutes(problem, extended=True)
    return f" ({duration_text(extended)} with the sittings extended)" if extended > normal else ""


def agenda_index(problem: Problem) -> dict[str, int]:
    """Each task's place in the agenda, by id: what lists of ids are sorted by."""
    return {t.id: t.index for t in problem.tasks}


def meetings_give(count: int) -> str:
    """'1 meeting gives', '2 meetings give'."""
    return f"{plural(count, 'meeting')} {'gives' if count == 1 else 'give'}"


def named(problem: Problem, tasks) -> str:
    """'items 2 and 3', 'the event "Panel"', 'item 2 and the events "Briefing" and "Panel"', 'the
    High-level segment' (a segment that is a block of its own)."""
    items = [t.id for t in tasks if t.role not in ("event", "segment")]
    events = [f'"{_short(t.title) or t.id}"' for t in sorted(tasks, key=lambda t: t.index) if t.role == "event"]
    parts = [item_list(items, agenda_index(problem))] if items else []
    parts += [segment_name(t.title) for t in sorted(tasks, key=lambda t: t.index) if t.role == "segment"]
    if events:
        listed = events[0] if len(events) == 1 else ", ".join(events[:-1]) + f" and {events[-1]}"
        parts.append(f"the event{'s' if len(events) > 1 else ''} {listed}")
    return " and ".join(parts)


def segment_name(title: str) -> str:
    """'the High-level segment'."""
    title = _short(title)
    return title if title.lower().startswith("the ") else f"the {title}"


_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _short(title: str, most: int = 60) -> str:
    """A title short enough for a sentence: on one line, without control characters or the
    direction overrides that could scramble a terminal, cut at a word with an ellipsis."""
    title = "".join(c for c in " ".join(title.split()) if unicodedata.category(c) != "Cc" and c not in _BIDI)
    if len(title) <= most:
        return title
    cut = title[: most - 1].rsplit(" ", 1)[0] if " " in title[: most - 1] else title[: most - 1]
    return cut.rstrip(" ,;:") + "…"


def arithmetic(problem: Problem) -> str:
    """'items need 11 hours (9 hours substantive, 2 hours procedural), events 1.5 hours; 5 meetings
    give 15 hours': the events (held whatever the agenda) apart from the items."""
    items = [t for t in problem.tasks if t.role != "event"]
    events = [t for t in problem.tasks if t.role == "event"]
    need = sum(t.estimate for t in items)
    procedural = sum(t.estimate for t in items if not t.substantive)
    meetings = min(problem.granted, len(problem.window))
    give = granted_minutes(problem)
    parts = f"{'items need' if len(items) != 1 else 'the item needs'} {duration_text(need)}"
    if procedural and procedural != need:
        parts += f" ({duration_text(need - procedural)} substantive, {duration_text(procedural)} procedural)"
    if events:
        parts += f", {'the event' if len(events) == 1 else 'events'} {duration_text(sum(t.estimate for t in events))}"
    parts += f"; {meetings_give(meetings)} {duration_text(give)}{extended_text(problem, give)}"
    if problem.closed:
        closed = sum(c.minutes for c in problem.closed)
        parts += f" ({plural(len(problem.closed), 'closed sitting')}, {duration_text(closed)}, excluded)"
    return parts


def check_fit(problem: Problem) -> None:
    """Raise `DoesNotFit` for the first reason, in this order, that rules out every schedule."""
    _check_sittings(problem)
    _check_cycle(problem)
    _check_total(problem)
    for task in problem.tasks:
        _check_dates(problem, task)
        _check_allowed(problem, task)
        _check_unsplit(problem, task)
    _check_pinned_load(problem)
    _check_first_and_last(problem)
    _check_fill(problem)


def _check_pinned_load(problem: Problem) -> None:
    """Items pinned inside the same sittings must fit in them: two unsplit 2-hour panels pinned
    to one 3-hour morning cannot both be held there."""
    for task in problem.tasks:
        if not task.pinned:
            continue
        together = [t for t in problem.tasks if t.pinned and t.pinned <= task.pinned]
        need = sum(t.estimate for t in together)
        give = sum(_length(problem, s, True) for s in task.pinned)
        if len(together) > 1 and need > give:
            item = problem.items[task.index]
            assert item.pin is not None
            where = sitting_label(item.pin.date, item.pin.sitting) if item.pin.sitting else day_label(item.pin.date)
            span = "that sitting lasts" if len(task.pinned) == 1 else "its open sittings last"
            if any(problem.sittings[s].extension for s in task.pinned):
                span += " at most, extended,"
            raise DoesNotFit(
                f"{named(problem, together)} are pinned to {where} and need {format_minutes(need)}; "
                f"{span} {format_minutes(give)}",
                ("move a pin to another sitting, or shorten their estimates",),
                ("pins", "estimates"),
                tuple((rule, t.id) for t in together for rule in ("pins", "estimates")),
            )


def _check_sittings(problem: Problem) -> None:
    open_count = len(problem.window)
    who = f"{problem.body.name}: " if problem.body.id else ""
    if not problem.sittings:
        raise DoesNotFit("the calendar has no open sitting", ("every day of the session is closed",), ("open-sittings",))
    if open_count == 0:
        raise DoesNotFit(f"{who}no sitting is open between its earliest and latest days", ("widen its dates",), ("body-dates",))
    if problem.rules.hold_meetings_granted and problem.granted > open_count:
        closed = f", {len(problem.closed)} closed" if problem.closed else ""
        where = "between its earliest and latest days" if problem.body.id else "the calendar has"
        raise DoesNotFit(
            f"{who}{plural(problem.granted, 'meeting')} {'is' if problem.granted == 1 else 'are'} granted but {where} only "
            f"{plural(open_count, 'open sitting')}{closed if not problem.body.id else ''}",
            ("add days or sittings, reopen a closed one, widen the dates, or lower meetings_granted",),
            ("hold-meetings-granted", "open-sittings"),
        )


def _check_cycle(problem: Problem) -> None:
    if topological_order(problem) is not None:
        return
    cycle = find_cycle(problem)
    tasks = problem.tasks
    steps = [f"{tasks[p.before].id} before {tasks[p.after].id} ({rule_name(p.rule)})" for p in cycle]
    rules = tuple(dict.fromkeys(p.rule for p in cycle))
    raise DoesNotFit(
        "the ordering rules contradict each other",
        (f"they ask for {'; '.join(steps)}", "drop one of these orderings or switch its rule off"),
        rules,
    )


def _check_total(problem: Problem) -> None:
    need = sum(t.estimate for t in problem.tasks)
    give = granted_minutes(problem, extended=True)
    if need > give:
        raise DoesNotFit(
            "the agenda does not fit in the meetings granted",
            (arithmetic(problem), f"short by {format_minutes(need - give)}: grant more meetings or lower estimates"),
            ("estimates", "meetings-granted"),
        )


def _check_allowed(problem: Problem, task: Task) -> None:
    if (task.allowed is None or task.allowed) and task.pinned != frozenset():
        return
    item = problem.items[task.index]
    if task.pinned is not None and not task.pinned:
        assert item.pin is not None
        where = sitting_label(item.pin.date, item.pin.sitting) if item.pin.sitting else day_label(item.pin.date)
        raise DoesNotFit(
            f"item {task.id} is pinned to {where}, which is closed",
            ("move the pin to an open sitting or reopen that sitting",),
            ("pins", "open-sittings"),
        )
    if task.not_before is not None and not task.not_before:
        assert task.first_day is not None
        raise DoesNotFit(
            f"item {task.id} may not be taken up before {day_label(task.first_day)}, and no sitting is open from then on",
            ("move its not_before date earlier or open a later sitting",),
            ("not-before", "open-sittings"),
        )
    if task.avoided and len(task.avoided) == len(problem.sittings):
        raise DoesNotFit(
            f"item {task.id} avoids every open sitting of the session",
            (f"let item {task.id} be taken up in one of them",),
            ("avoid",),
            (("avoid", task.id),),
        )
    if task.avoided and not task.allowed:
        raise DoesNotFit(
            f"item {task.id} avoids every sitting its pin or date leaves it",
            (f"let item {task.id} be taken up in one of them, or move its pin",),
            ("avoid", "pins", "not-before", "not-after"),
            tuple((rule, task.id) for rule, given in (("avoid", True), ("pins", task.pinned is not None), *_date_rules(task)) if given),
        )
    assert item.pin is not None  # what is left: a pin outside the item's dates
    window = [f"before {day_label(task.first_day)}" if task.first_day else "", f"after {day_label(task.last_day)}" if task.last_day else ""]
    raise DoesNotFit(
        f"item {task.id} is pinned to {day_label(item.pin.date)} but may not be taken up {' or '.join(w for w in window if w)}",
        ("move the pin or the item's dates",),
        ("pins", *(rule for rule, given in _date_rules(task) if given)),
        (("pins", task.id), *((rule, task.id) for rule, given in _date_rules(task) if given)),
    )


def _date_rules(task: Task) -> tuple[tuple[str, bool], ...]:
    return (("not-before", task.first_day is not None), ("not-after", task.last_day is not None))


def _check_unsplit(problem: Problem, task: Task) -> None:
    if task.split:
        return
    candidates = [s for s in problem.window if task.allowed is None or s in task.allowed] or [s.index for s in problem.sittings]
    held = sorted(task.pinned or ()) if task.carved else candidates  # an event held in its sitting must fit there
    longest = _longest(problem, held)
    extended = " with its extension" if any(problem.sittings[s].extension for s in held) else ""
    if task.estimate > longest and task.role == "event":
        # its pin is part of the conflict only when a longer sitting exists elsewhere
        elsewhere = task.pinned is not None and task.estimate <= _longest(problem, problem.window)
        raise DoesNotFit(
            f"{named(problem, [task])} lasts {format_minutes(task.estimate)}, and "
            f"{'its sitting' if len(candidates) == 1 else 'its longest possible sitting'} lasts {format_minutes(longest)}{extended}",
            ("shorten the event, or hold it in a longer sitting",),
            ("unsplit", "estimates"),
            (("estimates", task.id),) + ((("pins", task.id),) if elsewhere else ()),
        )
    if task.estimate > longest:
        raise DoesNotFit(
            f"item {task.id} may not be split but needs {format_minutes(task.estimate)}, "
            f"and its longest possible sitting lasts {format_minutes(longest)}{extended}",
            (f"allow item {task.id} to be split (split: true) or shorten its estimate",),
            ("unsplit", "estimates"),
        )


def _check_first_and_last(problem: Problem) -> None:
    rules = problem.rules
    longest = _longest(problem, problem.window)
    first_placed = tuple(t for t in problem.tasks if t.meeting == "first")
    if rules.opening_in_first_meeting or first_placed:
        openings = (problem.with_role("opening") if rules.opening_in_first_meeting else ()) + first_placed
        need = sum(t.estimate for t in openings)
        if need > longest:
            raise DoesNotFit(
                f"the opening items ({item_list([t.id for t in openings], agenda_index(problem))}) need {format_minutes(need)}, "
                f"more than the first meeting can hold ({format_minutes(longest)})",
                ("shorten their estimates or switch off opening_in_first_meeting",),
                ("opening-first", "estimates"),
            )
    closing = []
    if rules.report_in_last_meeting:
        closing += problem.with_role("report")
    if rules.other_matters_before_report and problem.adjacent:
        closing += problem.with_role("other-matters")
    if rules.closure_last:
        closing += problem.with_role("closing")
    closing += [t for t in problem.tasks if t.meeting == "last"]
    need = sum(t.estimate for t in closing)
    if closing and need > longest:
        raise DoesNotFit(
            f"{item_list([t.id for t in closing], agenda_index(problem))} must be taken up in the last meeting but need "
            f"{format_minutes(need)}, more than one meeting holds ({format_minutes(longest)})",
            ("shorten their estimates or switch off report_in_last_meeting",),
            ("report-last", "other-matters-before-report", "closure-last", "estimates"),
        )


def _check_fill(problem: Problem) -> None:
    """Holding every meeting without idle time needs items that can absorb the spare time:
    procedural items keep their estimate and an unsplit item fills at most one sitting."""
    rules = problem.rules
    if not (rules.hold_meetings_granted and rules.no_idle_time):
        return
    if any(t.substantive and t.split for t in problem.tasks):
        return
    longest = _longest(problem, problem.window)
    most = sum(t.estimate if not t.substantive else max(t.estimate, longest) for t in problem.tasks)
    shortest = sorted(problem.sittings[s].minutes for s in problem.window)[: problem.granted - 1]
    if most <= sum(shortest):
        unsplit = [t.id for t in problem.tasks if t.substantive]
        stretch = f"; {item_list(unsplit)} may not be split, so each fills one meeting at most" if unsplit else ""
        granted = "the meeting granted cannot be filled" if problem.granted == 1 else f"the {problem.granted} meetings granted cannot be filled"
        raise DoesNotFit(
            f"{granted}: the items can take at most {duration_text(most)}{stretch}",
            ("allow a substantive item to be split, add items, or switch off hold_meetings_granted",),
            ("hold-meetings-granted", "no-idle-time", "unsplit", "estimates"),
        )


def meetings_needed(problem: Problem) -> int:
    """The meetings a body must hold: all those granted when it holds them; otherwise (granted
    as a ceiling) the fewest whose longest sittings give the time its items need."""
    if problem.rules.hold_meetings_granted:
        return problem.granted
    need = sum(t.estimate for t in problem.tasks)
    lengths = sorted((_length(problem, s, True) for s in problem.window), reverse=True)[: problem.granted]
    given = 0
    for count, length in enumerate(lengths, start=1):
        given += length
        if given >= need:
            return count
    return max(1, len(lengths))


def _needs(problem: Problem) -> str:
    needed = meetings_needed(problem)
    return str(needed) if needed == problem.granted else f"{needed} (of up to {problem.granted})"


def session_arithmetic(session: Session) -> str:
    """'bodies need 10 meetings (WG-TIP 5, WG-SOM 5); 6 open sittings in 1 room'."""
    needs = ", ".join(f"{p.body.id} {_needs(p)}" for p in session.bodies)
    total = sum(meetings_needed(p) for p in session.bodies)
    rooms = len(session.rooms) or 1
    text = f"bodies need {plural(total, 'meeting')} ({needs}); {plural(len(session.sittings), 'open sitting')} in {plural(rooms, 'room')}"
    if session.per_sitting:
        text += f", with interpretation for at most {plural(session.per_sitting, 'meeting')} per sitting"
    return text


def check_session(session: Session) -> None:
    """Each body's own arithmetic, then what the bodies share: blocks, rooms, interpreters."""
    for problem in session.bodies:
        check_fit(problem)
        if problem.body.rooms == ("",):
            raise DoesNotFit(
                f"{problem.body.name} may meet in no room: its own rooms and its items' rooms have none in common",
                ("widen the rooms of the body or of its items",),
                ("rooms",),
            )
    for block in session.blocks:
        members = [session.body(b) for b in block.bodies]
        window = sorted({s for p in members for s in p.window})
        need = sum(meetings_needed(p) for p in members)
        if need > len(window):
            days = sorted({session.sittings[s].date for s in window})
            span = f" ({days[0]:%d %B} to {days[-1]:%d %B})" if days else ""
            parts = " + ".join(f"{p.body.id} {meetings_needed(p)}" for p in members)
            raise DoesNotFit(
                f"the bodies of block {block.name or ', '.join(block.bodies)} meet consecutively and need {parts} = {need} meetings; "
                f"the block offers {len(window)} open sittings{span}",
                ("grant fewer meetings, add days, or widen the bodies' dates",),
                ("blocks", "meetings-granted"),
            )
    rooms = len(session.rooms) or 1
    need = sum(meetings_needed(p) for p in session.bodies)
    if need > rooms * len(session.sittings):
        raise DoesNotFit(
            f"the bodies need {plural(need, 'meeting')}; {plural(len(session.sittings), 'open sitting')} in {plural(rooms, 'room')} "
            f"{'holds' if rooms * len(session.sittings) == 1 else 'hold'} {rooms * len(session.sittings)}",
            (session_arithmetic(session),),
            ("rooms", "meetings-granted"),
        )
    interpreting = sum(meetings_needed(p) for p in session.bodies if p.body.interpretation)
    if session.per_sitting and interpreting > session.per_sitting * len(session.sittings):
        raise DoesNotFit(
            f"the bodies need {interpreting} meetings with interpretation; at {session.per_sitting} per sitting, "
            f"{len(session.sittings)} open sittings serve {session.per_sitting * len(session.sittings)}",
            (session_arithmetic(session),),
            ("interpretation-cap",),
        )


def _check_dates(problem: Problem, task: Task) -> None:
    """An item whose dates leave it no open sitting: due before any open day, or between two days with none open."""
    if task.not_after is None and task.not_before is None:
        return
    inside = set(problem.window)
    for subset in (task.not_before, task.not_after):
        if subset is not None:
            inside &= subset
    if inside:
        return
    first = day_label(task.first_day) if task.first_day else "the start"
    last = day_label(task.last_day) if task.last_day else "the end"
    facts = tuple((rule, task.id) for rule, given in (("not-before", task.first_day), ("not-after", task.last_day)) if given)
    when = f"on {first}" if task.first_day == task.last_day else f"between {first} and {last}"
    raise DoesNotFit(
        f"item {task.id} must be taken up {when}, and no sitting is open then",
        ("widen its dates or open a sitting between them",),
        tuple(rule for rule, _ in facts) + ("open-sittings",),
        facts,
    )
