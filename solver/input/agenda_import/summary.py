"""The one screen `orgwork import` prints: what it found, what it guessed, what is left to do."""

from __future__ import annotations

from solver.input.agenda_import.draft import Draft
from solver.input.agenda_import.facts import Facts
from solver.input.durations import format_minutes, parse_duration
from solver.input.agenda_import.draft import meeting_minutes
from solver.labels import day_label

SHOWN_ITEMS = 14  # a screen holds the heading lines, these and the rest


def summary(source: str, kind: str, facts: Facts, draft: Draft) -> list[str]:
    substantive = sum(e.kind == "substantive" for e in draft.entries)
    lines = [f"Read {source} ({kind}): {len(draft.entries)} items, {substantive} of them substantive."]
    who = ", ".join(str(f.value) for f in (facts.body, facts.name, facts.venue) if f is not None)
    lines.append(f"  Session:   {who or 'not found'}")
    if facts.symbol is not None:
        lines.append(f"  Symbol:    {facts.symbol.value}{' (guessed)' if facts.symbol.guessed else ''}")
    if "dates" not in draft.todos:
        first, last = draft.days[0], draft.days[-1]
        lines.append(f"  Dates:     {day_label(first)} to {day_label(last)} {last.year}, {len(draft.days)} days")
    lines.append(f"  Meetings:  {draft.granted} granted" + (" (not stated: every sitting counted)" if "meetings_granted" in draft.todos else ""))
    if draft.opening:
        lines.append(f"  Opening:   {draft.opening.split(' (')[0]}")
    meeting = meeting_minutes(draft)
    lines.append("  Items:")
    for entry in draft.entries[:SHOWN_ITEMS]:
        minutes = parse_duration(entry.estimate).minutes(meeting, meeting * len(draft.sittings))
        role = entry.role if entry.role != "none" else "substantive"
        title = entry.title if len(entry.title) <= 48 else entry.title[:47] + "…"
        lines.append(f"    {entry.id:<10} {format_minutes(minutes):>10}  {role:<14} {title}")
    if len(draft.entries) > SHOWN_ITEMS:
        lines.append(f"    … and {len(draft.entries) - SHOWN_ITEMS} more")
    learned = any(e.source.startswith("from past") for e in draft.entries)
    lines.append("  Estimates: " + ("from past sessions where seen, defaults otherwise" if learned else "defaults per role and kind") + " (each item's comment says which)")
    guesses = [name for name, fact in (("the symbol", facts.symbol), ("the time zone", facts.timezone), ("the session's name", facts.name)) if fact is not None and fact.guessed]
    if guesses:
        lines.append(f"  Guessed:   {', '.join(guesses)}")
    todo = f"{', '.join(draft.todos)} (see the TODO lines in the file)" if draft.todos else "nothing"
    lines.append(f"  TODO:      {todo}")
    return lines
