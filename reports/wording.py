"""The conventions a draft does not meet, as a planner would write them in a note.

"Few continuations 2" becomes "Items continued in a later meeting: 2 (items 2 and 3)"; each
soft rule has its sentence, saying what is counted, how many, and where. "Meetings used"
(counted only when the meetings granted are a ceiling) is left to the key figures, which give
the meetings held. A rule this module does not know keeps its name and count.

The schedule says where a convention is not met in English ("item 3 starts at 11.30 a.m. on
Thursday, 7 September, morning"); each place is said again in the document's language
(`reports.retold`), a place of a form this module does not know as the schedule gives it.
"""

from __future__ import annotations

import re

from reports.languages import Language, language as language_table
from reports.retold import Retold
from solver.rules import SOFT
from solver.schedule import Penalty

ITEM = re.compile(r"^item (.+?) (?:on|starts at|gets) ")
ON = re.compile(r"^item (?P<id>.+?) on (?P<place>.+)$")
STARTS = re.compile(r"^item (?P<id>.+?) starts at (?P<time>.+?) on (?P<place>.+)$")
EXTENDED = re.compile(r"^(?P<place>.+), extended to (?P<time>.+)$")
GETS = re.compile(r"^item (?P<id>.+?) gets (?P<allotted>.+?), more than twice its share of (?P<share>.+?) and half an hour$")


def _items(where: list[str]) -> list[str]:
    """The items named by a convention's places, once each, in order."""
    out: list[str] = []
    for place in where:
        match = ITEM.match(place)
        if match and match.group(1) not in out:
            out.append(match.group(1))
    return out


def place(text: str, table: Language, retold: Retold | None) -> str:
    """One place where a convention is not met, in the table's language."""
    if retold is None:
        return text
    if match := STARTS.match(text):
        return table.word("place.starts", id=match["id"], time=retold.time(match["time"]), place=retold.place(match["place"]))
    if match := GETS.match(text):
        return table.word("place.gets", id=match["id"], allotted=retold.duration(match["allotted"]), share=retold.duration(match["share"]))
    if match := EXTENDED.match(text):
        return table.word("place.extended", place=retold.place(match["place"]), time=retold.time(match["time"]))
    if match := ON.match(text):
        return table.word("place.on", id=match["id"], place=retold.place(match["place"]))
    return retold.place(text)


def sentence(penalty: Penalty, language: str = "en", retold: Retold | None = None) -> str | None:
    """One convention not met, in words; None for one the key figures already give."""
    table = language_table(language)
    rule, count = penalty.rule, penalty.count
    where = [place(text, table, retold) for text in penalty.where]
    semicolons = table.word("list.semicolon")
    if rule == "meetings-used":
        return None
    if rule == "few-continuations":
        items = _items(penalty.where)
        if not items:
            return table.word("conventions.continued_count", count=count)
        times = table.word("conventions.continued_in_all", count=count) if count > len(items) else ""
        return table.word("conventions.continued", n=len(items), items=table.items(items), times=times)
    if rule == "free-sittings-at-end":
        return table.word("conventions.free_sittings", count=count, where=table.join(where))
    if rule == "substantive-starts-meeting":
        return table.word("conventions.starts", count=count, where=semicolons.join(where))
    if rule == "time-in-proportion":
        items = _items(penalty.where)
        return table.word("conventions.proportion", n=len(items) or count, where=semicolons.join(where))
    if rule == "preferred-sitting":
        return table.word("conventions.preferred", count=count, where=semicolons.join(where))
    detail = f" ({semicolons.join(where)})" if where else ""
    return table.word("conventions.other", name=table.words.get(f"rule.{rule}", penalty.name), count=count, detail=detail)


def sentences(penalties: list[Penalty], language: str = "en", retold: Retold | None = None) -> list[str]:
    """The conventions not met, one sentence each, in the order of the rules; `retold` (the
    schedule's sittings and times in the language) says where, else the schedule's words."""
    return [text for penalty in penalties if penalty.count and (text := sentence(penalty, language, retold)) is not None]


def figure_label(name: str, language: str = "en") -> str:
    """A comparison's row for a soft rule, named by what it counts ('Few continuations' is
    'Continuations'; 'Substantive item starts a meeting', 'Substantive items not starting a
    meeting'); any other row as it is."""
    rule = next((r for r in SOFT if r.name == name), None)
    if rule is None:
        return name
    return language_table(language).word(f"counted.{rule.key}" if rule.counted else f"rule.{rule.key}")
