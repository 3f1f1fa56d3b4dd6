"""The imported instance as YAML a planner reads: every value with a comment saying where it
came from (the heading, the annotations, a default, past sessions), and a TODO comment for
what the document does not say. Written by hand, line by line, so that comments stand beside
their values; the same document always gives the same bytes."""

from __future__ import annotations

import datetime as dt

import yaml

from solver.input.agenda_import.draft import Draft, quoted
from solver.input.agenda_import.facts import Fact, Facts

HELP = {
    "name": "write the session as the agenda names it, e.g. name: Seventh session",
    "venue": "write the city, e.g. venue: Vienna",
    "symbol": "write the agenda's document symbol, e.g. symbol: E/CN.9/2023/1",
}


def scalar(value: object) -> str:
    """A value as one YAML scalar, quoted only where YAML needs it."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return f'"{value:%H:%M}"'
    text = yaml.safe_dump(value, allow_unicode=True, width=10**6, default_style=None)
    return text.strip().removesuffix("...").strip()


def _line(indent: int, key: str, value: object, comment: str = "") -> str:
    text = f"{' ' * indent}{key}: {value if isinstance(value, str) and value.startswith(('[', '{')) else scalar(value)}"
    return f"{text}  # {comment}" if comment else text


def _said(fact: Fact) -> str:
    if fact.guessed:
        said = f"from {fact.place}: {quoted(fact.words)}" if fact.place in ("the heading", "the annotations") else fact.words
        return f"guessed {said}; check it"
    return f"from {fact.place}" if fact.place == "the heading" and len(fact.words) < 60 else f"from {fact.place}: {quoted(fact.words)}"


def _session(facts: Facts, draft: Draft, stem: str) -> list[str]:
    lines = ["session:"]
    if facts.body is not None:
        lines.append(_line(2, "body", facts.body.value, _said(facts.body)))
    else:
        lines.append(_line(2, "body", stem, "TODO: the body's name was not found above the dates; write it"))
        draft.todos.setdefault("body", "the body's name was not found")
    for key in ("name", "venue", "symbol"):
        fact = getattr(facts, key)
        if fact is not None:
            lines.append(_line(2, key, fact.value, _said(fact)))
        else:
            lines.append(f"  # TODO {key}: not found in the document; {HELP[key]}")
            draft.todos.setdefault(key, "not found in the document")
    if facts.timezone is not None:
        lines.append(_line(2, "timezone", facts.timezone.value, facts.timezone.words))
    else:
        lines.append(_line(2, "timezone", "UTC", "TODO: the venue's time zone is not known to orgwork; write its IANA name, e.g. Europe/Vienna"))
        draft.todos.setdefault("timezone", "the venue's time zone is not known")
    return lines


def _sittings(specs) -> str:
    return "[" + ", ".join(f"{{name: {scalar(name)}, start: {scalar(a)}, end: {scalar(b)}}}" for name, a, b in specs) + "]"


def _calendar(facts: Facts, draft: Draft) -> list[str]:
    days = "[" + ", ".join(d.isoformat() for d in draft.days) + "]"
    lines = ["calendar:", _line(2, "dates", days, draft.days_source or f"TODO: {draft.todos.get('dates', '')}")]
    if draft.sittings_source:
        lines.append(_line(2, "sittings", _sittings(draft.sittings), draft.sittings_source))
    else:
        lines.append("  # default sittings: 10:00-13:00 and 15:00-18:00 (the document does not state the hours of its meetings)")
    if draft.first_day is not None:
        lines.append("  days:")
        lines.append(f"    - {{date: {draft.days[0].isoformat()}, sittings: {_sittings(draft.first_day)}}}  # {draft.opening}")
    elif draft.opening:
        lines.append(f"  # {draft.opening}")
    if "opening" in draft.todos:
        lines.append(f"  # TODO opening: {draft.todos['opening']}")
    if "meetings_granted" in draft.todos:
        lines.append(_line(2, "meetings_granted", draft.granted, f"TODO: {draft.todos['meetings_granted']}"))
    else:
        lines.append(_line(2, "meetings_granted", draft.granted, draft.granted_source))
    if facts.interpretation is not None:
        lines.append(f"  # {facts.interpretation.words} (from the annotations)")
    return lines


def _items(draft: Draft) -> list[str]:
    lines = ["items:"]
    if "items" in draft.todos:
        lines.append(f"  # TODO: {draft.todos['items']}")
    shown: set[str] = set()
    for entry in draft.entries:
        for parent in entry.parents:
            if parent.id not in shown:
                shown.add(parent.id)
                lines.append(f"  # {parent.id}. {parent.title}")
        lines.append(f"  - id: {scalar(entry.id)}")
        lines.append(f"    title: {scalar(entry.title)}")
        lines.append(_line(4, "estimate", entry.estimate, entry.source))
    return lines


def render(source: str, kind: str, facts: Facts, draft: Draft, estimates: str | None, spreads: dict[str, float] | None = None) -> str:
    learned = f"; from past sessions, as {estimates} gives them, where seen" if estimates else ""
    lines = [
        f"# Imported by orgwork import from {source} ({kind}); check every TODO and every guess, then: orgwork solve THIS_FILE",
        f"# Estimates are a planner's first guesses (defaults per role and kind{learned}), not the times the annex will give.",
        *_session(facts, draft, source.rsplit(".", 1)[0]),
        "",
        *_calendar(facts, draft),
        "",
        *_items(draft),
    ]
    if spreads:
        table = "{" + ", ".join(f"{key}: {value:g}" for key, value in spreads.items()) + "}"
        lines += ["", "rules:", _line(2, "spreads", table, f"from past sessions ({estimates}): how far times strayed, for orgwork risk")]
    return "\n".join(lines) + "\n"
