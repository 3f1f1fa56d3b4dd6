"""A schedule as the validator reads it: held meetings in time order, each item's pieces, and
positions that can be compared (meeting, minute)."""

from __future__ import annotations

from dataclasses import dataclass, field

from solver.labels import sitting_label
from solver.problem.problem import Problem, Sitting
from solver.schedule import Meeting, Piece, Schedule


def minutes_of(moment) -> int:
    return moment.hour * 60 + moment.minute


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
        return position, minutes_of(piece.start)

    def last(self, item: str) -> tuple[int, int]:
        position, piece = self.pieces[item][-1]
        return position, minutes_of(piece.end)

    def meetings_of(self, item: str) -> str:
        """'Monday, 4 March, morning and Monday, 4 March, afternoon'."""
        labels = list(dict.fromkeys(self.where(p) for p, _ in self.pieces.get(item, ())))
        return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + f" and {labels[-1]}"

    def allotted(self, item: str) -> int:
        return sum(minutes_of(p.end) - minutes_of(p.start) for _, p in self.pieces.get(item, ()))


def timeline(problem: Problem, schedule: Schedule) -> Timeline:
    meetings = sorted(schedule.meetings, key=lambda m: (m.date, m.start, m.number))
    by_slot = {(s.date, s.name): s for s in problem.sittings}
    line = Timeline(problem, meetings, [by_slot.get((m.date, m.sitting)) for m in meetings])
    for position, meeting in enumerate(meetings):
        for piece in sorted(meeting.pieces, key=lambda p: (p.start, p.end)):
            line.pieces.setdefault(piece.item, []).append((position, piece))
    return line
