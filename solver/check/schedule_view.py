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

    @property
    def events(self) -> frozenset[str]:
        """The ids of the events: held for their own time, outside the agenda's items."""
        return frozenset(t.id for t in self.problem.tasks if t.role == "event")

    def only_events(self, position: int, start: int, end: int) -> bool:
        """Whether minutes [start, end) of the meeting at `position` hold events and nothing else:
        an item may be broken off for them and resumed, or meet the next item across them."""
        if start >= end:
            return True
        covered = start
        for piece in sorted(self.meetings[position].pieces, key=lambda p: (p.start, p.end)):
            lo, hi = minutes_of(piece.start), minutes_of(piece.end)
            if hi <= covered or lo >= end:
                continue
            if piece.item not in self.events or lo > covered:
                return False
            covered = max(covered, hi)
        return covered >= end

    def event_meeting(self, position: int) -> bool:
        """A meeting its events fill entirely: the items around it run on across it."""
        meeting = self.meetings[position]
        return bool(meeting.pieces) and self.only_events(position, minutes_of(meeting.start), minutes_of(meeting.end))

    @property
    def first_position(self) -> int:
        """The first meeting that takes up items: a first sitting its events fill is not it."""
        return next((p for p in range(len(self.meetings)) if not self.event_meeting(p)), 0)

    @property
    def last_position(self) -> int:
        """The last meeting that takes up items: a closing ceremony filling the last sitting is not it."""
        return next((p for p in reversed(range(len(self.meetings))) if not self.event_meeting(p)), len(self.meetings) - 1)

    def opens(self, position: int, piece: Piece) -> bool:
        """Whether `piece` opens its meeting: only events come before it."""
        return self.only_events(position, minutes_of(self.meetings[position].start), minutes_of(piece.start))

    def per_meeting(self, item: str) -> list[tuple[int, int]]:
        """(meeting position, minutes) of an item, one entry per meeting it is taken up in."""
        out: dict[int, int] = {}
        for position, piece in self.pieces.get(item, ()):
            out[position] = out.get(position, 0) + minutes_of(piece.end) - minutes_of(piece.start)
        return sorted(out.items())

    def meets(self, end: tuple[int, int], start: tuple[int, int]) -> bool:
        """Whether a piece ending at (meeting, minute) `end` is followed by one starting at
        `start` with nothing but events between them."""
        return end[0] == start[0] and self.only_events(end[0], end[1], start[1])


def timeline(problem: Problem, schedule: Schedule) -> Timeline:
    meetings = sorted(schedule.meetings, key=lambda m: (m.date, m.start, m.number))
    by_slot = {(s.date, s.name): s for s in problem.sittings}
    line = Timeline(problem, meetings, [by_slot.get((m.date, m.sitting)) for m in meetings])
    for position, meeting in enumerate(meetings):
        for piece in sorted(meeting.pieces, key=lambda p: (p.start, p.end)):
            line.pieces.setdefault(piece.item, []).append((position, piece))
    return line
