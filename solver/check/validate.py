"""Check any schedule, solved or written by hand, against every rule. Plain Python, no OR-Tools.

Hard rules yield `Violation`s, soft rules `Penalty` counts, both under the rule keys and names of
`solver.rules`, so that the validator speaks as the model does. One function per rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from solver.check.conventions import SOFT_CHECKS
from solver.input.durations import format_minutes
from solver.labels import day_label, item_list, sitting_label, time_label
from solver.problem.problem import Problem, Task
from solver.rules import RULES, soft_rule_applies
from solver.schedule import Penalty, Piece, Schedule
from solver.check.schedule_view import Timeline, minutes_of, timeline


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
            yield from _beyond_sitting(line, meeting, sitting, label)
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


def _beyond_sitting(line: Timeline, meeting, sitting, label: str) -> Iterator[Violation]:
    """A meeting that does not keep to its sitting's times: broken, unless it runs into the
    sitting's extension, and only as far as its items (what 'Sittings kept to their hours' counts)."""
    if sitting.extension and meeting.start == sitting.start and sitting.end < meeting.end:
        longest = sitting.clock(sitting.longest)
        last = max((p.end for p in meeting.pieces), default=meeting.start)
        if meeting.end > longest:
            yield Violation(
                "within-sittings",
                f"meeting {meeting.number} on {label} runs {time_label(meeting.start)} to {time_label(meeting.end)}, "
                f"but the sitting is {time_label(sitting.start)} to {time_label(sitting.end)}, extended at most to {time_label(longest)}",
            )
        elif last < meeting.end:
            yield Violation(
                "within-sittings",
                f"meeting {meeting.number} on {label} is extended to {time_label(meeting.end)} but its items end at {time_label(last)}; "
                "a sitting runs into its extension only as far as its items",
            )
        return
    yield Violation(
        "within-sittings",
        f"meeting {meeting.number} on {label} runs {time_label(meeting.start)} to {time_label(meeting.end)}, "
        f"but the sitting is {time_label(sitting.start)} to {time_label(sitting.end)}",
    )


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
    """An item that runs over takes the rest of its meeting and opens the next ones; events may
    interrupt it (within a meeting, or filling a whole meeting it then runs on across)."""
    for item, pieces in line.pieces.items():
        if item in line.events:
            continue
        for (before, first), (after, second) in zip(pieces, pieces[1:]):
            if after == before:
                if not line.only_events(before, minutes_of(first.end), minutes_of(second.start)):
                    yield Violation("no-skipped-meeting", f"item {item} is broken off and resumed within the meeting of {line.where(before)}", (item,))
                continue
            skipped = [p for p in range(before + 1, after) if not line.event_meeting(p)]
            if skipped:
                yield Violation(
                    "no-skipped-meeting",
                    f"item {item} continues on {line.where(after)} but skips {line.where(skipped[0])}",
                    (item,),
                )
            if not line.only_events(before, minutes_of(first.end), minutes_of(line.meetings[before].end)):
                yield Violation(
                    "no-skipped-meeting",
                    f"item {item} stops at {time_label(first.end)} on {line.where(before)} yet continues later; "
                    "an item that runs over takes the rest of its meeting",
                    (item,),
                )
            if not line.opens(after, second):
                yield Violation(
                    "no-skipped-meeting",
                    f"item {item} resumes at {time_label(second.start)} on {line.where(after)}; a continued item opens its meeting",
                    (item,),
                )


def unsplit(line: Timeline) -> Iterator[Violation]:
    for task in line.problem.tasks:
        pieces = line.pieces.get(task.id, [])
        if task.split or len(pieces) < 2:
            continue
        if len({p for p, _ in pieces}) > 1:
            yield Violation("unsplit", f"item {task.id} may not be split but runs over {line.meetings_of(task.id)}", (task.id,))
        else:
            yield Violation("unsplit", f"item {task.id} may not be split but is broken off on {line.meetings_of(task.id)}", (task.id,))


def min_piece(line: Timeline) -> Iterator[Violation]:
    for task in line.problem.tasks:
        parts = line.per_meeting(task.id)
        if not task.split or len(parts) < 2:
            continue
        for position, length in (parts[0], parts[-1]):
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


def segments(line: Timeline) -> Iterator[Violation]:
    yield from _precedences(line, "segments")


def opening_first(line: Timeline) -> Iterator[Violation]:
    yield from _precedences(line, "opening-first")
    if not line.problem.rules.opening_in_first_meeting:
        return
    for task in line.problem.with_role("opening"):
        late = [p for p, _ in line.pieces.get(task.id, []) if p != line.first_position]
        if late:
            yield Violation("opening-first", f"opening item {task.id} is taken up on {line.where(late[0])}, after the first meeting", (task.id,))


def _last_meeting(line: Timeline, task: Task, rule: str, what: str) -> Iterator[Violation]:
    last = line.last_position
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
        if a in line.pieces and b in line.pieces and not line.meets(line.last(a), line.first(b)):
            yield Violation(
                "other-matters-before-report",
                f"item {a} ({line.meetings_of(a)}) does not end where item {b} begins ({line.meetings_of(b)})",
                (a, b),
            )


def closure_last(line: Timeline) -> Iterator[Violation]:
    yield from _precedences(line, "closure-last")
    if not line.problem.rules.closure_last:
        return
    for task in line.problem.with_role("closing"):
        yield from _last_meeting(line, task, "closure-last", "the closure of the session")


def in_meeting(line: Timeline) -> Iterator[Violation]:
    yield from _precedences(line, "in-meeting")
    for task in line.problem.tasks:
        if task.meeting == "last":
            yield from _last_meeting(line, task, "in-meeting", "an item placed in the last meeting")
        elif task.meeting == "first":
            late = [p for p, _ in line.pieces.get(task.id, []) if p != line.first_position]
            if late:
                yield Violation("in-meeting", f"item {task.id} is placed in the first meeting but taken up on {line.where(late[0])}", (task.id,))


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


def _pin_label(item) -> str:
    return sitting_label(item.pin.date, item.pin.sitting) if item.pin.sitting else day_label(item.pin.date)


def pins(line: Timeline) -> Iterator[Violation]:
    yield from _confined(line, "pins", lambda t: t.pinned if t.whole else None, lambda item: f"it is pinned to {_pin_label(item)}")
    for task in line.problem.tasks:
        item = line.problem.items[task.index]
        if task.id not in line.pieces or task.pinned is None:
            continue
        there = [(p, piece) for p, piece in line.pieces[task.id] if line.sittings[p] is not None and line.sittings[p].index in task.pinned]
        if not task.whole and not there:
            yield Violation(
                "pins", f"item {task.id} is taken up on {line.meetings_of(task.id)}; it is pinned to be under way on {_pin_label(item)}", (task.id,)
            )
        if item.at is None:
            continue
        position, piece = line.pieces[task.id][0]
        if piece.start != item.at or (position, piece) not in there:
            yield Violation(
                "pins",
                f"item {task.id} starts at {time_label(piece.start)} on {line.where(position)}; it is fixed at {time_label(item.at)} on {_pin_label(item)}",
                (task.id,),
            )


def avoid(line: Timeline) -> Iterator[Violation]:
    yield from _confined(
        line, "avoid", lambda t: frozenset(range(len(line.problem.sittings))) - t.avoided if t.avoided else None,
        lambda item: "it must avoid that sitting",
    )


def not_before(line: Timeline) -> Iterator[Violation]:
    for task in line.problem.tasks:
        if task.not_before is not None:
            yield from _confined_one(line, task, "not-before", task.not_before, f"it may not come before {day_label(task.first_day)}")


def not_after(line: Timeline) -> Iterator[Violation]:
    for task in line.problem.tasks:
        if task.not_after is not None:
            yield from _confined_one(line, task, "not-after", task.not_after, f"it is due by {day_label(task.last_day)}")


def _confined_one(line: Timeline, task: Task, rule: str, allowed: frozenset[int], wording: str) -> Iterator[Violation]:
    for position, _ in line.pieces.get(task.id, []):
        sitting = line.sittings[position]
        if sitting is not None and sitting.index not in allowed:
            yield Violation(rule, f"item {task.id} is taken up on {line.where(position)}; {wording}", (task.id,))


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
    ("segments", segments),
    ("opening-first", opening_first),
    ("report-last", report_last),
    ("other-matters-before-report", other_matters_before_report),
    ("closure-last", closure_last),
    ("in-meeting", in_meeting),
    ("pins", pins),
    ("not-before", not_before),
    ("not-after", not_after),
    ("avoid", avoid),
    ("agreed", agreed),
    ("no-idle-time", no_idle_time),
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
        if not soft_rule_applies(problem.rules, key, problem.extended):
            continue
        found = count(line)
        where = [entry if isinstance(entry, str) else entry[0] for entry in found]
        times = sum(1 if isinstance(entry, str) else entry[1] for entry in found)
        rule = RULES[key]
        penalties.append(Penalty(rule=key, name=rule.name, weight=rule.weight, count=times, cost=rule.weight * times, where=where))
    return Report(violations, tuple(penalties))
