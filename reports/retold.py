"""What the schedule records in English words, said again in a document's language.

The canonical schedule names sittings in English ("Thursday, 7 September, morning": a move's
meetings, where a convention is not met) and the conventions give times and durations in
English ("starts at 11.30 a.m.", "gets 4 h 30 min"). A document in another language says them
again from what they stand for: the sittings of the schedule's calendar, the times of its
pieces, a number of minutes. Anything not recognised is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reports.languages import Language
from solver.labels import sitting_label, time_label
from solver.schedule import Schedule

DURATION = re.compile(r"^(?:(\d+) h)?(?: ?(\d+) min)?$")


@dataclass
class Retold:
    """Sittings and times of one schedule, from their English labels to `language`'s."""

    language: Language
    places: dict[str, str] = field(default_factory=dict)
    times: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, schedule: Schedule, language: Language) -> Retold:
        out = cls(language)
        slots = {(r.date, r.sitting) for r in schedule.sittings} | {(m.date, m.sitting) for m in schedule.meetings}
        for day, sitting in sorted(slots):
            out.places[sitting_label(day, sitting)] = language.sitting_label(day, sitting)
        for meeting in schedule.meetings:
            for moment in [meeting.start, meeting.end, *(p.start for p in meeting.pieces), *(p.end for p in meeting.pieces)]:
                out.times[time_label(moment)] = language.time(moment)
        return out

    def place(self, text: str) -> str:
        """'Thursday, 7 September, morning' in the language; the baseline's meetings (a move's
        'before') may lie outside this calendar: each sitting label joined by 'and' is retold."""
        if text in self.places:
            return self.places[text]
        return text

    def time(self, text: str) -> str:
        return self.times.get(text, text)

    def duration(self, text: str) -> str:
        match = DURATION.match(text.strip())
        if not match or not any(match.groups()):
            return text
        return self.language.duration(int(match.group(1) or 0) * 60 + int(match.group(2) or 0))
