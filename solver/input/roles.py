"""Recognising the procedural items every agenda has, so planners need not label them.

An item's `role` in the file wins; otherwise the title decides. English and French titles as
they appear in United Nations agendas are recognised.
"""

from __future__ import annotations

import re

_ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "opening",
        re.compile(
            r"^(opening of the (session|meeting|conference)|adoption of the agenda|election of (the )?officers"
            r"|organizational matters|ouverture de la (session|réunion)|adoption de l'ordre du jour|élection du bureau)",
            re.IGNORECASE,
        ),
    ),
    ("other-matters", re.compile(r"^(other matters|any other business|questions diverses)", re.IGNORECASE)),
    (
        "report",
        re.compile(r"^(adoption of (the|its) (draft )?report|adoption du (projet de )?rapport)", re.IGNORECASE),
    ),
)


def role_from_title(title: str) -> str:
    """The role a title announces: 'opening', 'other-matters', 'report' or 'none'."""
    text = title.strip()
    for role, pattern in _ROLE_PATTERNS:
        if pattern.search(text):
            return role
    return "none"
