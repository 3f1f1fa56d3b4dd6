"""Item titles, and the session's body, name and venue, in the language a document prints in.

The schedule keeps each item's title in the file's language (`title`) and, when the file gives
it so, its title per language (`titles`); the session's texts likewise (`session.texts`). A document in another language prints the title in
that language where there is one, and falls back to the file's language where there is not:
`missing` names those items, for the command to warn about; nothing here prints.
"""

from __future__ import annotations

from solver.languages import NAMES
from solver.schedule import PER_LANGUAGE, Schedule


def in_language(schedule: Schedule, language: str) -> Schedule:
    """The schedule with every title in `language` where the file gives one (else as it is,
    in the file's language). The titles per language stay, so that this is idempotent."""
    session = schedule.session
    if not any(r.titles for r in schedule.items) and not any(o.titles for o in schedule.left_out) and not session.texts:
        return schedule
    items = [r.model_copy(update={"title": r.titles.get(language, r.title)}) if r.titles else r for r in schedule.items]
    left_out = [o.model_copy(update={"title": o.titles.get(language, o.title)}) if o.titles else o for o in schedule.left_out]
    texts = {key: mapping[language] for key, mapping in session.texts.items() if language in mapping}
    return schedule.model_copy(update={"items": items, "left_out": left_out, "session": session.model_copy(update=texts)})


def missing(schedule: Schedule, language: str) -> list[str]:
    """One warning per item whose title has no text in `language`, which the documents print in
    the file's language instead: "item 3 has no French title (fr); printed in English"."""
    base = schedule.session.language
    if language == base:
        return []
    out: list[str] = []
    session = schedule.session
    for key in PER_LANGUAGE:
        if getattr(session, key) and language not in session.texts.get(key, {}):
            out.append(f"the session's {key} has no {NAMES[language]} text ({language}); printed in {NAMES[base]}, the file's language")
    for record in schedule.items:
        if record.role == "segment" or not record.title or language in record.titles:
            continue  # a segment is printed by its name, which is given in one language
        who = f"{record.body}, " if record.body else ""
        name = f"event {record.id}" if record.role == "event" else f"item {record.item or record.id}"  # a later part: its item
        warning = f"{who}{name} has no {NAMES[language]} title ({language}); printed in {NAMES[base]}, the file's language"
        if warning not in out:
            out.append(warning)
    return out
