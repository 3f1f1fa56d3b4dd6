"""Estimates for imported items: a planner's defaults per role and kind, or what past sessions
gave (the file `orgwork learn` writes), each with the words saying where it came from.

The estimates file, as `orgwork learn` writes it and `orgwork import --estimates` reads it:

    roles:                       # opening, other-matters, report, closing, statement, substantive, procedural
      substantive: {estimate: 5 h 30 min, items: 4, sessions: 2}
    titles:                      # items seen before, by their title
      - {title: Other matters, estimate: 15 min, items: 2, sessions: 2}

An item's title, seen before, wins over its role.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import Field

from solver.input.agenda import DurationField, Strict
from solver.input.durations import format_minutes
from solver.input.loading import parse, read_data

DEFAULTS = {
    "opening": "15 min",
    "other-matters": "15 min",
    "report": "1 h",
    "closing": "15 min",
    "statement": "30 min",
    "substantive": "1 meeting",
    "procedural": "15 min",
}
KINDS = tuple(DEFAULTS)
SPOKEN = {"other-matters": "an 'other matters' item", "substantive": "a substantive item", "procedural": "a procedural item"}


class Seen(Strict):
    """The time past sessions gave: the median over the items seen, each item's total time."""

    estimate: DurationField = Field(description="The median time given, in minutes rounded to 5.")
    items: int = Field(ge=1, description="How many items it was seen on, over all sessions.")
    sessions: int = Field(ge=1, description="In how many sessions.")


class SeenTitle(Seen):
    title: str = Field(min_length=1, description="The item's title, as the last session printed it.")


class PastEstimates(Strict):
    """What `orgwork learn` found in past schedules."""

    roles: dict[str, Seen] = Field(default_factory=dict, description=f"Per role or kind: {', '.join(KINDS)}.")
    titles: tuple[SeenTitle, ...] = Field((), description="Per item title seen before.")
    spreads: dict[str, float] = Field(
        default_factory=dict,
        description="Per role or kind: how far an item's time strays from session to session (the standard deviation of "
        "the logarithm of its time over its median, for titles seen in two sessions or more); for orgwork risk (rules.spreads).",
    )


def title_key(title: str) -> str:
    """A title as compared across sessions: case, spaces, closing punctuation and '(continued)' aside."""
    text = re.sub(r"\(continued\)|\(suite\)|\(continuación\)", "", title, flags=re.IGNORECASE)
    return " ".join(re.sub(r"[^\w\s]", " ", text).split()).casefold()


def kind_of(role: str, substantive: bool) -> str:
    return role if role in DEFAULTS and role not in ("substantive", "procedural") else ("substantive" if substantive else "procedural")


def _spoken(kind: str) -> str:
    return SPOKEN.get(kind, f"an {kind} item" if kind[0] in "aeio" else f"a {kind} item")


def estimate_for(title: str, kind: str, past: PastEstimates | None) -> tuple[str, str]:
    """The estimate for an item of this title and kind (a role, 'substantive' or 'procedural'),
    and where it came from."""
    if past is not None:
        key = title_key(title)
        for seen in past.titles:
            if title_key(seen.title) == key:
                return seen.estimate.text, f"from past sessions: this title, {_times(seen)}"
        if kind in past.roles:
            seen = past.roles[kind]
            return seen.estimate.text, f"from past sessions: {_spoken(kind)}, {_times(seen)}"
    return DEFAULTS[kind], f"default for {_spoken(kind)}"


def _times(seen: Seen) -> str:
    sessions = f"{seen.sessions} session{'s' if seen.sessions > 1 else ''}"
    return f"median of {seen.items} item{'s' if seen.items > 1 else ''} in {sessions}"


def load_estimates(path: Path) -> PastEstimates:
    """An estimates file `orgwork learn` wrote (or a planner edited)."""
    return parse(PastEstimates, Path(path), read_data(Path(path)))


def _flow(value: object) -> str:
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10**6).strip().removesuffix("...").strip()


def render_estimates(past: PastEstimates, sources: list[str]) -> str:
    """The estimates file, commented: what it was learned from and how."""
    lines = [
        f"# Estimates learned by orgwork learn from {len(sources)} past schedule{'s' if len(sources) > 1 else ''}: {', '.join(sources)}",
        "# Each is the median of the time the items were given (an annex without times: each meeting's time",
        "# shared among its items as orgwork check shares it), rounded to 5 minutes.",
        "# Use it with: orgwork import AGENDA --estimates THIS_FILE -o INSTANCE.yaml",
        "roles:",
    ]
    for kind in KINDS:
        if kind in past.roles:
            seen = past.roles[kind]
            lines.append(f"  {kind}: " + _flow({"estimate": seen.estimate.text, "items": seen.items, "sessions": seen.sessions}))
    if not past.roles:
        lines[-1] = "roles: {}"
    lines.append("titles:" if past.titles else "titles: []")
    for seen in past.titles:
        lines.append("  - " + _flow({"title": seen.title, "estimate": seen.estimate.text, "items": seen.items, "sessions": seen.sessions}))
    if past.spreads:
        lines.append("# How far the times of items seen in several sessions strayed from their medians, per role and kind:")
        lines.append("# orgwork import --estimates writes them into the instance's rules.spreads, for orgwork risk.")
        lines.append("spreads: " + _flow(past.spreads))
    return "\n".join(lines) + "\n"


def rounded(minutes: float) -> str:
    """Minutes as an estimate: rounded to 5 (at least 5), as '4 h 30 min'."""
    return format_minutes(max(5, int(5 * round(minutes / 5))))
