"""The validator for what several bodies share: dates, unbroken runs, rooms, interpretation caps
and blocks; each body's own rules are checked by `solver.check.validate` on its part of the schedule.
Plain Python, no OR-Tools, under the rule keys and names of `solver.rules`."""

from __future__ import annotations

from collections.abc import Iterator

from solver.labels import day_label, sitting_label
from solver.schedule import Meeting, Penalty, Schedule
from solver.problem.session import Session
from solver.check.validate import Report, Violation, validate

def _slots(session: Session, schedule: Schedule, body_id: str) -> list[tuple[Meeting, int | None]]:
    """A body's meetings in time order, with the index of the open sitting each is held in."""
    index = {(x.date, x.name): x.index for x in session.sittings}
    own = sorted((m for m in schedule.meetings if m.body == body_id), key=lambda m: (m.date, m.start))
    return [(m, index.get((m.date, m.sitting))) for m in own]


def body_dates(session: Session, schedule: Schedule) -> Iterator[Violation]:
    for problem in session.bodies:
        body = problem.body
        for meeting, sitting in _slots(session, schedule, body.id):
            if sitting is not None and sitting not in problem.window:
                yield Violation("body-dates", f"{body.name} meets on {sitting_label(meeting.date, meeting.sitting)}, outside its dates", body=body.id)


def unbroken_run(session: Session, schedule: Schedule) -> Iterator[Violation]:
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


def rooms(session: Session, schedule: Schedule) -> Iterator[Violation]:
    taken: dict[tuple, str] = {}
    for problem in session.bodies:
        body = problem.body
        used = {m.room for m in schedule.meetings if m.body == body.id}
        if session.rooms and len(used) > 1 and not body.change_rooms:
            yield Violation("rooms", f"{body.name} changes rooms ({', '.join(sorted(r or '?' for r in used))}); a body keeps one room", body=body.id)
        for day in sorted({m.date for m in schedule.meetings if m.body == body.id}) if session.rooms and body.change_rooms else ():
            that_day = {m.room for m in schedule.meetings if m.body == body.id and m.date == day}
            if len(that_day) > 1:
                yield Violation(
                    "rooms", f"{body.name} meets in {', '.join(sorted(r or '?' for r in that_day))} on {day_label(day)}; it changes rooms only between days", body=body.id
                )
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


def interpretation_cap(session: Session, schedule: Schedule) -> Iterator[Violation]:
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


def blocks(session: Session, schedule: Schedule) -> Iterator[Violation]:
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


def ties(session: Session, schedule: Schedule) -> Iterator[Violation]:
    index = {(x.date, x.name): x.index for x in session.sittings}

    def sittings(body_id: str, item: str | None) -> list[int]:
        """The open sittings in which a body takes up `item` (or meets)."""
        return sorted(
            index[(m.date, m.sitting)] for m in schedule.meetings
            if m.body == body_id and (m.date, m.sitting) in index and (item is None or any(p.item == item for p in m.pieces))
        )

    def said(body_id: str, item: str | None) -> str:
        name = session.body(body_id).body.name
        return f"{name} takes up item {item}" if item is not None else f"{name} meets"

    for body in session.instance.body_list():
        own = sittings(body.id, None)
        for tie in body.after:
            theirs = sittings(tie.body, tie.item)
            if own and theirs and own[0] <= theirs[-1]:
                yield Violation("ties", f"{body.name} meets on {_label(session, own[0])}, before {said(tie.body, tie.item)} for the last time", body=body.id)
        for tie in body.before:
            theirs = sittings(tie.body, tie.item)
            if own and theirs and own[-1] >= theirs[0]:
                yield Violation("ties", f"{body.name} still meets on {_label(session, own[-1])}, after {said(tie.body, tie.item)} first", body=body.id)
        for item in body.items:
            for tie in item.follows:
                mine, theirs = sittings(body.id, item.id), sittings(tie.body, tie.item)
                if mine and theirs and mine[0] <= theirs[-1]:
                    yield Violation(
                        "ties", f"item {item.id} is taken up on {_label(session, mine[0])}, before {said(tie.body, tie.item)} for the last time",
                        (item.id,), body=body.id,
                    )


def _label(session: Session, sitting: int) -> str:
    found = session.sittings[sitting]
    return sitting_label(found.date, found.name)


SESSION_CHECKS = (
    ("body-dates", body_dates),
    ("unbroken-run", unbroken_run),
    ("rooms", rooms),
    ("interpretation-cap", interpretation_cap),
    ("blocks", blocks),
    ("ties", ties),
)


def validate_session(session: Session, schedule: Schedule) -> Report:
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
