"""The soft conventions counted on a schedule: each returns, in words, where it is not met (a
place counted more than once comes with its count). The validator turns these into weighted
penalties under the rule names of `solver.rules`."""

from __future__ import annotations

from collections.abc import Callable

from solver.input.durations import format_minutes
from solver.labels import sitting_label, time_label
from solver.check.schedule_view import Timeline, minutes_of


def sitting_hours(line: Timeline) -> list[tuple[str, int]]:
    """Counted per minute a meeting runs beyond its sitting's end (into its extension, or,
    where it has none, in breach of 'Within sitting times')."""
    out = []
    for position, (meeting, sitting) in enumerate(zip(line.meetings, line.sittings)):
        beyond = minutes_of(meeting.end) - minutes_of(sitting.end) if sitting is not None else 0
        if beyond > 0:
            out.append((f"{line.where(position)}, extended to {time_label(meeting.end)}", beyond))
    return out


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
    """One per meeting an item runs on into (resuming after an event in the same meeting is not one)."""
    return [f"item {item} on {line.where(p)}" for item in line.pieces for p, _ in line.per_meeting(item)[1:]]


def substantive_starts_meeting(line: Timeline) -> list[str]:
    out = []
    for task in line.problem.tasks:
        if task.substantive and task.id in line.pieces:
            position, piece = line.pieces[task.id][0]
            if not line.opens(position, piece):
                out.append(f"item {task.id} starts at {time_label(piece.start)} on {line.where(position)}")
    return out


def time_in_proportion(line: Timeline) -> list[tuple[str, int]]:
    """Counted per started half hour an item gets beyond its share and half an hour."""
    out = []
    for task in line.problem.tasks:
        if not line.problem.counted_in_proportion(task) or task.id not in line.pieces:
            continue
        share, allowance = line.problem.fair_share(task), line.problem.allowance(task)
        beyond = line.allotted(task.id) - allowance
        if beyond > 0:
            text = (
                f"item {task.id} gets {format_minutes(line.allotted(task.id))}, more than twice its share of "
                f"{format_minutes(share)} and half an hour"
            )
            out.append((text, -(-beyond // 30)))
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


SOFT_CHECKS: tuple[tuple[str, Callable[[Timeline], list]], ...] = (
    ("sitting-hours", sitting_hours),
    ("meetings-used", meetings_used),
    ("free-sittings-at-end", free_sittings_at_end),
    ("few-continuations", few_continuations),
    ("substantive-starts-meeting", substantive_starts_meeting),
    ("time-in-proportion", time_in_proportion),
    ("preferred-sitting", preferred_sitting),
)
