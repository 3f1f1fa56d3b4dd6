"""The paper a session's documents print on: A4, except in North America.

United Nations documents issued at Headquarters in New York (and sessions held in Washington) are
printed on US Letter; everywhere else on A4. The venue decides ("New York", "United Nations
Headquarters, New York", "Washington, D.C."), or, when the file names no venue, the time zone
America/New_York. Word and Excel both print on it; the text keeps one width (16.5 cm) on both, so
that the annex's columns and line breaks do not change with the paper.
"""

from __future__ import annotations

from dataclasses import dataclass

from solver.schedule import Schedule

LETTER_VENUES = ("new york", "washington")
LETTER_ZONE = "America/New_York"


@dataclass(frozen=True)
class Paper:
    name: str  # "A4" or "Letter", as Word and LibreOffice name it
    width_cm: float
    height_cm: float
    side_margin_cm: float  # left and right: the text is 16.5 cm wide on either paper
    top_margin_cm: float
    bottom_margin_cm: float


A4 = Paper("A4", 21.0, 29.7, 2.25, 2.5, 2.5)
LETTER = Paper("Letter", 21.59, 27.94, 2.545, 2.54, 2.54)


def paper(schedule: Schedule) -> Paper:
    """Letter for a session in New York or Washington, A4 for any other."""
    venue = schedule.session.venue.casefold()
    if any(city in venue for city in LETTER_VENUES):
        return LETTER
    if not venue.strip() and schedule.session.timezone == LETTER_ZONE:
        return LETTER
    return A4
