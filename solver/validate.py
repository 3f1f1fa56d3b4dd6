"""Check any schedule, solved or written by hand, against every rule. Plain Python, no OR-Tools.

Hard rules yield `Violation`s, soft rules `Penalty` counts, both under the rule keys and names of
`solver.rules`, so that the validator speaks as the model does. One function per rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from solver.durations import format_minutes
from solver.labels import day_label, item_list, sitting_label, time_label
from solver.problem import Problem, Sitting, Task
from solver.rules import RULES, soft_rule_applies
from solver.schedule import Meeting, Penalty, Piece, Schedule


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str
    items: tuple[str, ...] = ()
    body: str = ""

    @property
    def name(self) -> str:
        return RULES[self.rule].name

    def __str__(self) -> str:
        where = f"[{self.body}] " if self.body else ""
        return f"{self.name}: {where}{self.message}"


@dataclass
class Timeline:
    """The schedule as the validator reads it: held meetings in time order, pieces per item."""

    problem: Problem
    meetings: list[Meeting]
    sittings: list[Sitting | None]  # the open sitting each meeting is held in, if any
    pieces: dict[str, list[tuple[int, Piece]]] = field(default_factory=dict)  # item -> (meeting position, piece)

    def where(self, position: int) -> str:
        meeting = self.meetings[position]
        return sitting_label(meeting.date, meeting.sitting)

    def first(self, item: str) -> tuple[int, int]:
        position, piece = self.pieces[item][0]
        return position, _minutes(piece.start)

    def last(self, item: str) -> tuple[int, int]:
        position, piece = self.pieces[item][-1]
        return position, _minutes(piece.end)

    def meetings_of(self, item: str) -> str:
        """'Monday, 4 March, morning and Monday, 4 March, afternoon'."""
        labels = list(dict.fromkeys(self.where(p) for p, _ in self.pieces.get(item, ())))
        return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + f" and {labels[-1]}"

    def allotted(self, item: str) -> int:
        return sum(_minutes(p.end) - _minutes(p.start) for _, p in self.pieces.get(item, ()))


def _minutes(moment) -> int:
    return moment.hour * 60 + moment.minute


def timeline(problem: Problem, schedule: Schedule) -> Timeline:
    meetings = sorted(schedule.meetings, key=lambda m: (m.date, m.start, m.number))
    by_slot = {(s.date, s.name): s for s in problem.sittings}
    line = Timeline(problem, meetings, [by_slot.get((m.date, m.sitting)) for m in meetings])
    for position, meeting in enumerate(meetings):
        for piece in sorted(meeting.pieces, key=lambda p: (p.start, p.end)):
            line.pieces.setdefault(piece.item, []).append((position, piece))
    return line


# -- hard rules ---------------------------------------------------------------------------------


def every_item(line: Timeline) -> Iterator[Violation]:
    known = {t.id for t in line.problem.tasks}
    missing = [t.id for t in line.problem.tasks if t.id not in line.pieces]
    if missing:
        yield Violation("every-item", f"{item_list(missing)} {'is' if len(missing) == 1 else 'are'} not taken up in any meeting", tuple(missing))
    for item in line.pieces:
        if item not in known:
            yield Violation("every-item", f"item {item} is not on the agenda", (item,))


def open_sittings(line: Timeline) -> Iterator[Violation]:
    closed = {(c.date, c.name): c.reason for c in line.problem.closed}
    seen: set[tuple] = set()
    for meeting, sitting in zip(line.meetings, line.sittings):
        slot = (meeting.date, meeting.sitting)
        label = sitting_label(meeting.date, meeting.sitting)
        if slot in seen:
            yield Violation("open-sittings", f"two meetings are held on {label}")
        seen.add(slot)
        if sitting is None and slot in closed:
            reason = f" ({closed[slot]})" if closed[slot] else ""
            yield Violation("open-sittings", f"meeting {meeting.number} is held on {label}, which is closed{reason}")
        elif sitting is None:
            yield Violation("open-sittings", f"meeting {meeting.number} is held on {label}, which is not a sitting of the calendar")


def meetings_granted(line: Timeline) -> Iterator[Violation]:
    granted = line.problem.granted
    if len(line.meetings) > granted:
        yield Violation("meetings-granted", f"the schedule holds {len(line.meetings)} meetings; {granted} are granted")


def hold_meetings_granted(line: Timeline) -> Iterator[Violation]:
    granted = line.problem.granted
    if line.problem.rules.hold_meetings_granted and len(line.meetings) < granted:
        yield Violation("hold-meetings-granted", f"the schedule holds {len(line.meetings)} meetings of the {granted} granted")


def within_sittings(line: Timeline) -> Iterator[Violation]:
    for meeting, sitting in zip(line.meetings, line.sittings):
        label = sitting_label(meeting.date, meeting.sitting)
        if sitting is not None and (meeting.start, meeting.end) != (sitting.start, sitting.end):
            yield Violation(
                "within-sittings",
                f"meeting {meeting.number} on {label} runs {time_label(meeting.start)} to {time_label(meeting.end)}, "
                f"but the sitting is {time_label(sitting.start)} to {time_label(sitting.end)}",
            )
        previous: Piece | None = None
        for piece in sorted(meeting.pieces, key=lambda p: (p.start, p.end)):
            if piece.end <= piece.start:
                yield Violation("within-sittings", f"item {piece.item} on {label} ends before it starts", (piece.item,))
            if piece.start < meeting.start or piece.end > meeting.end:
                yield Violation(
                    "within-sittings",
                    f"item {piece.item} on {label} runs {time_label(piece.start)} to {time_label(piece.end)}, outside the sitting",
                    (piece.item,),
                )
            if previous is not None and piece.start < previous.end:
                yield Violation(
                    "within-sittings",
                    f"items {previous.item} and {piece.item} overlap on {label}",
                    (previous.item, piece.item),
                )
            previous = piece


def estimates(line: Timeline) -> Iterator[Violation]:
    for task in line.problem.tasks:
        if task.id not in line.pieces:
            continue
        allotted = line.allotted(task.id)
        if task.substantive and allotted < task.estimate:
            yield Violation(
                "estimates",
                f"item {task.id} gets {format_minutes(allotted)} ({line.meetings_of(task.id)}), "
                f"less than its estimate of {format_minutes(task.estimate)}",
                (task.id,),
            )
        elif not task.substantive and allotted != task.estimate:
            yield Violation(
                "estimates",
                f"procedural item {task.id} gets {format_minutes(allotted)} ({line.meetings_of(task.id)}); "
                f"it keeps its estimate of {format_minutes(task.estimate)}",
                (task.id,),
            )


def no_skipped_meeting(line: Timeline) -> Iterator[Violation]:
    for item, pieces in line.pieces.items():
        positions = [position for position, _ in pieces]
        if len(set(positions)) != len(positions):
            twice = next(p for p in positions if positions.count(p) > 1)
            yield Violation("no-skipped-meeting", f"item {item} is broken off and resumed within the meeting of {line.where(twice)}", (item,))
            continue
        for (before, first), (after, second) in zip(pieces, pieces[1:]):
            if after != before + 1:
                skipped = line.where(before + 1)
                yield Violation(
                    "no-skipped-meeting",
                    f"item {item} continues on {line.where(after)} but skips {skipped}",
                    (item,),
                )
            if first.end != line.meetings[before].end:
                yield Violation(
                    "no-skipped-meeting",
                    f"item {item} stops at {time_label(first.end)} on {line.where(before)} yet continues later; "
                    "an item that runs over takes the rest of its meeting",
                    (item,),
                )
            if second.start != line.meetings[after].start:
                yield Violation(
                    "no-skipped-meeting",
                    f"item {item} resumes at {time_label(second.start)} on {line.where(after)}; a continued item opens its meeting",
                    (item,),
                )


def unsplit(line: Timeline) -> Iterator[Violation]:
    for task in line.problem.tasks:
        pieces = line.pieces.get(task.id, [])
        if not task.split and len({p for p, _ in pieces}) > 1:
            yield Violation("unsplit", f"item {task.id} may not be split but runs over {line.meetings_of(task.id)}", (task.id,))


def min_piece(line: Timeline) -> Iterator[Violation]:
    for task in line.problem.tasks:
        pieces = line.pieces.get(task.id, [])
        if not task.split or len(pieces) < 2:
            continue
        for position, piece in (pieces[0], pieces[-1]):
            length = _minutes(piece.end) - _minutes(piece.start)
            if length < task.min_piece:
                yield Violation(
                    "min-piece",
                    f"item {task.id} has a part of {format_minutes(length)} on {line.where(position)}, "
                    f"shorter than the minimum of {format_minutes(task.min_piece)}",
                    (task.id,),
                )


def _precedences(line: Timeline, rule: str) -> Iterator[Violation]:
    tasks = line.problem.tasks
    for p in line.problem.precedences:
        if p.rule != rule:
            continue
        before, after = tasks[p.before].id, tasks[p.after].id
        if before not in line.pieces or after not in line.pieces:
            continue
        if line.last(before) > line.first(after):
            yield Violation(
                rule,
                f"item {after} is taken up on {line.where(line.first(after)[0])}, before item {before} has ended "
                f"({line.where(line.last(before)[0])})",
                (before, after),
            )


def agenda_order(line: Timeline) -> Iterator[Violation]:
    yield from _precedences(line, "agenda-order")


def order_exceptions(line: Timeline) -> Iterator[Violation]:
    yield from _precedences(line, "order-exceptions")


def position(line: Timeline) -> Iterator[Violation]:
    yield from _precedences(line, "position")


def opening_first(line: Timeline) -> Iterator[Violation]:
    yield from _precedences(line, "opening-first")
    if not line.problem.rules.opening_in_first_meeting:
        return
    for task in line.problem.with_role("opening"):
        late = [p for p, _ in line.pieces.get(task.id, []) if p != 0]
        if late:
            yield Violation("opening-first", f"opening item {task.id} is taken up on {line.where(late[0])}, after the first meeting", (task.id,))


def _last_meeting(line: Timeline, task: Task, rule: str, what: str) -> Iterator[Violation]:
    last = len(line.meetings) - 1
    early = [p for p, _ in line.pieces.get(task.id, []) if p != last]
    if early:
        yield Violation(rule, f"{what} (item {task.id}) is taken up on {line.where(early[0])}, before the last meeting", (task.id,))


def report_last(line: Timeline) -> Iterator[Violation]:
    yield from _precedences(line, "report-last")
    if not line.problem.rules.report_in_last_meeting:
        return
    for task in line.problem.with_role("report"):
        yield from _last_meeting(line, task, "report-last", "the adoption of the report")


def other_matters_before_report(line: Timeline) -> Iterator[Violation]:
    yield from _precedences(line, "other-matters-before-report")
    if not line.problem.rules.other_matters_before_report or not line.problem.adjacent:
        return
    for task in line.problem.with_role("other-matters"):
        yield from _last_meeting(line, task, "other-matters-before-report", "'Other matters'")
    tasks = line.problem.tasks
    for other, report in line.problem.adjacent:
        a, b = tasks[other].id, tasks[report].id
        if a in line.pieces and b in line.pieces and line.last(a) != line.first(b):
            yield Violation(
                "other-matters-before-report",
                f"item {a} ({line.meetings_of(a)}) does not end where item {b} begins ({line.meetings_of(b)})",
                (a, b),
            )


def _confined(line: Timeline, rule: str, what: Callable[[Task], frozenset[int] | None], wording: str) -> Iterator[Violation]:
    for task in line.problem.tasks:
        allowed = what(task)
        if allowed is None:
            continue
        for position, _ in line.pieces.get(task.id, []):
            sitting = line.sittings[position]
            if sitting is not None and sitting.index not in allowed:
                item = line.problem.items[task.index]
                yield Violation(rule, f"item {task.id} is taken up on {line.where(position)}; {wording(item)}", (task.id,))


def pins(line: Timeline) -> Iterator[Violation]:
    def wording(item) -> str:
        where = sitting_label(item.pin.date, item.pin.sitting) if item.pin.sitting else day_label(item.pin.date)
        return f"it is pinned to {where}"

    yield from _confined(line, "pins", lambda t: t.pinned, wording)
    for task in line.problem.tasks:
        item = line.problem.items[task.index]
        if item.at is None or task.id not in line.pieces:
            continue
        position, piece = line.pieces[task.id][0]
        if piece.start != item.at:
            yield Violation(
                "pins", f"item {task.id} starts at {time_label(piece.start)} on {line.where(position)}; it is fixed at {time_label(item.at)}", (task.id,)
            )


def not_before(line: Timeline) -> Iterator[Violation]:
    yield from _confined(line, "not-before", lambda t: t.not_before, lambda item: f"it may not come before {item.not_before}")


def agreed(line: Timeline) -> Iterator[Violation]:
    for index, sitting_index in line.problem.agreed:
        task, sitting = line.problem.tasks[index], line.problem.sittings[sitting_index]
        held = [p for p, _ in line.pieces.get(task.id, []) if line.sittings[p] is not None and line.sittings[p].index == sitting_index]
        if not held:
            yield Violation("agreed", f"item {task.id} was agreed for {sitting_label(sitting.date, sitting.name)} but is not taken up there", (task.id,))


def no_idle_time(line: Timeline) -> Iterator[Violation]:
    if not line.problem.rules.no_idle_time:
        return
    last = len(line.meetings) - 1
    for position, meeting in enumerate(line.meetings):
        pieces = sorted(meeting.pieces, key=lambda p: (p.start, p.end))
        label = line.where(position)
        if not pieces:
            yield Violation("no-idle-time", f"the meeting of {label} takes up no item")
            continue
        if pieces[0].start > meeting.start:
            yield Violation("no-idle-time", f"the meeting of {label} starts idle until {time_label(pieces[0].start)}")
        for before, after in zip(pieces, pieces[1:]):
            if after.start > before.end:
                yield Violation(
                    "no-idle-time",
                    f"nothing is taken up on {label} between {time_label(before.end)} and {time_label(after.start)}",
                )
        if position != last and pieces[-1].end < meeting.end:
            yield Violation(
                "no-idle-time",
                f"the meeting of {label} ends idle from {time_label(pieces[-1].end)}; only the last meeting may end early",
            )


HARD_CHECKS: tuple[tuple[str, Callable[[Timeline], Iterator[Violation]]], ...] = (
    ("every-item", every_item),
    ("open-sittings", open_sittings),
    ("meetings-granted", meetings_granted),
    ("hold-meetings-granted", hold_meetings_granted),
    ("within-sittings", within_sittings),
    ("estimates", estimates),
    ("no-skipped-meeting", no_skipped_meeting),
    ("unsplit", unsplit),
    ("min-piece", min_piece),
    ("agenda-order", agenda_order),
    ("order-exceptions", order_exceptions),
    ("position", position),
    ("opening-first", opening_first),
    ("report-last", report_last),
    ("other-matters-before-report", other_matters_before_report),
    ("pins", pins),
    ("not-before", not_before),
    ("agreed", agreed),
    ("no-idle-time", no_idle_time),
)


# -- soft rules ---------------------------------------------------------------------------------


def meetings_used(line: Timeline) -> list[str]:
    return [line.where(p) for p in range(len(line.meetings))]


def free_sittings_at_end(line: Timeline) -> list[str]:
    """Open sittings of the body's window left free before its last meeting (a body meeting in
    one unbroken run is judged by that hard rule instead)."""
    used = {s.index for s in line.sittings if s is not None}
    if not used or line.problem.body.consecutive:
        return []
    window = line.problem.window
    return [sitting_label(s.date, s.name) for s in line.problem.sittings if s.index in window and s.index < max(used) and s.index not in used]


def few_continuations(line: Timeline) -> list[str]:
    return [f"item {item} on {line.where(p)}" for item, pieces in line.pieces.items() for p, piece in pieces[1:]]


def substantive_starts_meeting(line: Timeline) -> list[str]:
    out = []
    for task in line.problem.tasks:
        if task.substantive and task.id in line.pieces:
            position, piece = line.pieces[task.id][0]
            if piece.start != line.meetings[position].start:
                out.append(f"item {task.id} starts at {time_label(piece.start)} on {line.where(position)}")
    return out


def preferred_sitting(line: Timeline) -> list[str]:
    out = []
    for task in line.problem.tasks:
        if task.preferred is None:
            continue
        for position, _ in line.pieces.get(task.id, []):
            sitting = line.sittings[position]
            if sitting is not None and sitting.index not in task.preferred:
                out.append(f"item {task.id} on {line.where(position)}")
    return out


SOFT_CHECKS: tuple[tuple[str, Callable[[Timeline], list[str]]], ...] = (
    ("meetings-used", meetings_used),
    ("free-sittings-at-end", free_sittings_at_end),
    ("few-continuations", few_continuations),
    ("substantive-starts-meeting", substantive_starts_meeting),
    ("preferred-sitting", preferred_sitting),
)


@dataclass(frozen=True)
class Report:
    violations: tuple[Violation, ...]
    penalties: tuple[Penalty, ...]

    @property
    def ok(self) -> bool:
        return not self.violations

    @property
    def objective(self) -> int:
        return sum(p.cost for p in self.penalties)


def validate(problem: Problem, schedule: Schedule) -> Report:
    """Every hard rule's violations and every soft rule's penalty for `schedule`."""
    line = timeline(problem, schedule)
    violations = tuple(v for _key, check in HARD_CHECKS for v in check(line))
    penalties = []
    for key, count in SOFT_CHECKS:
        if not soft_rule_applies(problem.rules, key):
            continue
        where = count(line)
        rule = RULES[key]
        penalties.append(Penalty(rule=key, name=rule.name, weight=rule.weight, count=len(where), cost=rule.weight * len(where), where=where))
    return Report(violations, tuple(penalties))


# -- several bodies ---------------------------------------------------------------------------------


def _slots(session, schedule: Schedule, body_id: str) -> list[tuple[Meeting, int | None]]:
    """A body's meetings in time order, with the index of the open sitting each is held in."""
    index = {(x.date, x.name): x.index for x in session.sittings}
    own = sorted((m for m in schedule.meetings if m.body == body_id), key=lambda m: (m.date, m.start))
    return [(m, index.get((m.date, m.sitting))) for m in own]


def body_dates(session, schedule: Schedule) -> Iterator[Violation]:
    for problem in session.bodies:
        body = problem.body
        for meeting, sitting in _slots(session, schedule, body.id):
            if sitting is not None and sitting not in problem.window:
                yield Violation("body-dates", f"{body.name} meets on {sitting_label(meeting.date, meeting.sitting)}, outside its dates", body=body.id)


def unbroken_run(session, schedule: Schedule) -> Iterator[Violation]:
    for problem in session.bodies:
        if not problem.body.consecutive:
            continue
        slots = [s for _, s in _slots(session, schedule, problem.body.id) if s is not None]
        for before, after in zip(slots, slots[1:]):
            if after != before + 1:
                gap = session.sittings[before + 1]
                yield Violation(
                    "unbroken-run",
                    f"{problem.body.name} does not meet on {sitting_label(gap.date, gap.name)}, between two of its meetings",
                    body=problem.body.id,
                )
                break


def rooms(session, schedule: Schedule) -> Iterator[Violation]:
    taken: dict[tuple, str] = {}
    for problem in session.bodies:
        body = problem.body
        used = {m.room for m in schedule.meetings if m.body == body.id}
        if session.rooms and len(used) > 1:
            yield Violation("rooms", f"{body.name} changes rooms ({', '.join(sorted(r or '?' for r in used))}); a body keeps one room", body=body.id)
        for meeting in (m for m in schedule.meetings if m.body == body.id):
            label = sitting_label(meeting.date, meeting.sitting)
            if session.rooms and meeting.room not in session.rooms:
                yield Violation("rooms", f"{body.name} meets on {label} in {meeting.room or 'no room'}, which is not a room of the venue", body=body.id)
            elif session.rooms and body.rooms and meeting.room not in body.rooms:
                yield Violation("rooms", f"{body.name} meets on {label} in {meeting.room}; it may meet in {', '.join(body.rooms)}", body=body.id)
            slot = (meeting.date, meeting.sitting, meeting.room if session.rooms else None)
            if slot in taken and taken[slot] != body.id:
                room = f" in {meeting.room}" if session.rooms else ""
                yield Violation("rooms", f"{body.name} and {session.body(taken[slot]).body.name} both meet on {label}{room}", body=body.id)
            taken.setdefault(slot, body.id)


def interpretation_cap(session, schedule: Schedule) -> Iterator[Violation]:
    interpreting = {p.body.id for p in session.bodies if p.body.interpretation}
    by_sitting: dict[tuple, int] = {}
    by_day: dict = {}
    for meeting in schedule.meetings:
        if meeting.body in interpreting:
            by_sitting[(meeting.date, meeting.sitting)] = by_sitting.get((meeting.date, meeting.sitting), 0) + 1
            by_day[meeting.date] = by_day.get(meeting.date, 0) + 1
    if session.per_sitting:
        for (day, sitting), count in sorted(by_sitting.items()):
            if count > session.per_sitting:
                yield Violation("interpretation-cap", f"{count} meetings with interpretation on {sitting_label(day, sitting)}; at most {session.per_sitting}")
    if session.per_day:
        for day, count in sorted(by_day.items()):
            if count > session.per_day:
                yield Violation("interpretation-cap", f"{count} meetings with interpretation on {day_label(day)}; at most {session.per_day}")


def blocks(session, schedule: Schedule) -> Iterator[Violation]:
    for block in session.blocks:
        runs = []
        for body_id in block.bodies:
            slots = [s for _, s in _slots(session, schedule, body_id) if s is not None]
            if slots:
                runs.append((slots[0], slots[-1], body_id))
        name = block.name or ", ".join(block.bodies)
        if block.order == "fixed" and [r[2] for r in sorted(runs)] != [b for b in block.bodies if b in {r[2] for r in runs}]:
            yield Violation("blocks", f"the bodies of block {name} do not meet in their order ({', '.join(block.bodies)})")
        ordered = sorted(runs)
        for (_, end, first), (start, _, second) in zip(ordered, ordered[1:]):
            if start != end + 1:
                yield Violation("blocks", f"{second} does not start in the sitting after {first} ends, as block {name} asks")
        used = {m.room for m in schedule.meetings if m.body in block.bodies}
        if session.rooms and len(used) > 1:
            yield Violation("blocks", f"the bodies of block {name} meet in different rooms ({', '.join(sorted(r or '?' for r in used))})")


SESSION_CHECKS = (
    ("body-dates", body_dates),
    ("unbroken-run", unbroken_run),
    ("rooms", rooms),
    ("interpretation-cap", interpretation_cap),
    ("blocks", blocks),
)


def validate_session(session, schedule: Schedule) -> Report:
    """Each body's rules on its part, then what the bodies share."""
    violations: list[Violation] = []
    penalties: list[Penalty] = []
    known = {p.body.id for p in session.bodies}
    for meeting in schedule.meetings:
        if meeting.body not in known:
            violations.append(Violation("every-item", f"a meeting on {sitting_label(meeting.date, meeting.sitting)} belongs to no body of the file ({meeting.body!r})"))
    for problem in session.bodies:
        part = schedule.for_body(problem.body.id) if schedule.bodies else schedule
        report = validate(problem, part)
        violations += [Violation(v.rule, v.message, v.items, problem.body.id) for v in report.violations]
        penalties += [p.model_copy(update={"body": problem.body.id}) for p in report.penalties]
    violations += [v for _key, check in SESSION_CHECKS for v in check(session, schedule)]
    return Report(tuple(violations), tuple(penalties))
