"""The session's facts as an agenda states them: in its heading (body, session, venue and dates,
symbol) and in its annotations (the meetings the resources permit, interpretation, when the
session is opened, the hours of its meetings). Each fact keeps the words it was read from, so
that the instance can say where it came from; a fact not stated is None."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from solver.input.agenda_import.words import MONTH_PATTERN, MONTHS, NUMBER_PATTERN, NUMBERS, ORDINALS, SESSION_WORDS, zone_of
from solver.labels import read_time

_DAY = r"(\d{1,2})(?:er|º|st|nd|rd|th)?"
_MONTH = rf"(?:de\s+)?({MONTH_PATTERN})"
_YEAR = r"(?:,?\s*(?:de\s+)?(\d{4}))"
_TO = r"(?:\s*[-\u2013\u2014]\s*|\s+(?:to|au|al|a|and|et|y)\s+)"
RANGE = re.compile(rf"\b{_DAY}(?:\s+{_MONTH})?{_YEAR}?{_TO}{_DAY}\s+{_MONTH}{_YEAR}", re.IGNORECASE)
US_RANGE = re.compile(rf"\b({MONTH_PATTERN})\s+(\d{{1,2}}){_TO}(?:({MONTH_PATTERN})\s+)?(\d{{1,2}}),\s*(\d{{4}})", re.IGNORECASE)
ONE_DAY = re.compile(rf"\b{_DAY}\s+{_MONTH}{_YEAR}", re.IGNORECASE)
_SYMBOL = re.compile(r"(?<![\w/])([A-Z]{1,8}(?:/[A-Z0-9][A-Za-z0-9.\-]*){2,})(?![\w/])")
_TIME = r"\d{1,2}(?:[.:]\d{2})?\s*[ap]\.\s?m\.|noon|midi|\d{1,2}\s*h(?:eures)?(?:\s*\d{2})?|\d{1,2}[.:]\d{2}\s*horas|\d{1,2}\s*horas"
_JUNK = re.compile(
    r"^(distr|original|general|limited|restricted|english|french|spanish|united nations|nations unies|naciones unidas|"
    r"item \d|point \d|tema \d|provisional agenda|annotated|ordre du jour|programa|\*|\d|page|[A-Z]{1,8}/)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Fact:
    """A value read from the document, the words it was read from and whether it is a guess."""

    value: object
    words: str
    guessed: bool = False
    place: str = "the annotations"


@dataclass
class Facts:
    body: Fact | None = None
    name: Fact | None = None
    venue: Fact | None = None
    symbol: Fact | None = None
    timezone: Fact | None = None
    dates: Fact | None = None  # value: (first day, last day)
    meetings: Fact | None = None
    interpretation: Fact | None = None
    opening: Fact | None = None  # value: (date or None, time)
    sittings: Fact | None = None  # value: ((start, end), ...)
    notes: list[str] = field(default_factory=list)


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), MONTHS[month.casefold()], int(day))
    except (ValueError, KeyError):
        return None


def dates_in(text: str) -> tuple[dt.date, dt.date, str] | None:
    """The first span of days written in `text` ('6-8 September 2017', 'du 6 au 8 septembre 2017',
    '28 November-2 December 2022', 'September 6-8, 2017') or one day, with its words."""
    found = []
    for match in RANGE.finditer(text):
        d1, m1, y1, d2, m2, y2 = match.groups()
        last = _date(d2, m2, y2)
        first = _date(d1, m1 or m2, y1 or (str(int(y2) - 1) if m1 and MONTHS[m1.casefold()] > MONTHS[m2.casefold()] else y2))
        if first and last and first <= last and (last - first).days <= 60:
            found.append((match.start(), first, last, match.group(0)))
    for match in US_RANGE.finditer(text):
        m1, d1, m2, d2, year = match.groups()
        first, last = _date(d1, m1, year), _date(d2, m2 or m1, year)
        if first and last and first <= last:
            found.append((match.start(), first, last, match.group(0)))
    if not found:
        for match in ONE_DAY.finditer(text):
            day = _date(*match.groups())
            if day:
                found.append((match.start(), day, day, match.group(0)))
                break
    if not found:
        return None
    _, first, last, words = min(found, key=lambda f: f[0])
    return first, last, words


def _sentences(lines: list[str]) -> list[str]:
    """Sentences, with a document's lines joined into paragraphs where a line is wrapped (long and
    not closed by punctuation)."""
    paragraphs: list[str] = []
    joining = False
    for line in (" ".join(line.split()) for line in lines):
        if not line:
            joining = False
            continue
        if joining:
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
        joining = len(line) > 60 and not re.search(r"[.;:!?]$", line)
    return [s.strip() for p in paragraphs for s in re.split(r"(?<=[.;])\s+(?=[A-Z\u00C0-\u00DD])", p) if s.strip()]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def read_facts(heading: list[str], rest: list[str]) -> Facts:
    """The facts of the heading (the lines above the list of items) and of the rest."""
    facts = Facts()
    lines = [" ".join(line.split()) for line in heading]
    _heading_facts(facts, lines)
    sentences = _sentences(heading + rest)
    _annotation_facts(facts, sentences)
    if facts.venue is not None:
        zone = zone_of(str(facts.venue.value))
        if zone:
            facts.timezone = Fact(zone, f"from the venue ({facts.venue.value})", guessed=True, place="")
    _symbol(facts, lines, " ".join(rest))
    return facts


def _dates_line(lines: list[str]) -> int | None:
    """The heading's line of the session's dates ('Vienna, 6-8 September 2017'): the last line
    with a venue or a span of days, else the last date that is not the document's issue date
    (the one under 'Distr.: General')."""
    spans, singles = [], []
    for number, line in enumerate(lines):
        found = dates_in(line)
        if not found or len(line) > 80 or re.match(r"(distr|original)", line, re.IGNORECASE):
            continue
        before = next((lines[n] for n in range(number - 1, -1, -1) if lines[n]), "")
        if re.search(r"\b(distr|general|générale|general)\b\W*$", before, re.IGNORECASE):
            continue  # the issue date
        venue = line[: line.find(found[2])].strip(" ,")
        (spans if found[0] != found[1] or venue else singles).append(number)
    return (spans or singles or [None])[-1]


def _heading_facts(facts: Facts, lines: list[str]) -> None:
    where = _dates_line(lines)
    if where is not None:
        first, last, words = dates_in(lines[where])
        venue = lines[where][: lines[where].find(words)].strip(" ,")
        facts.dates = Fact((first, last), lines[where], place="the heading")
        if venue and not re.search(r"\d", venue):
            facts.venue = Fact(venue, lines[where], place="the heading")
    if where is None:
        return
    above = [line for line in lines[:where] if line]
    session = re.compile(rf"^((?:{ORDINALS})\s+(?:[\w-]+\s+)?(?:{SESSION_WORDS})|(?:resumed|special|organizational)\s+(?:{SESSION_WORDS})|(?:{SESSION_WORDS})\s+(?:{ORDINALS}))\b.*$", re.IGNORECASE)
    for line in reversed(above):
        if facts.name is None and session.match(line):
            facts.name = Fact(line, line, place="the heading")
            continue
        if not _JUNK.match(line) and len(line) > 8 and not dates_in(line):
            facts.body = Fact(line.rstrip("*"), line, place="the heading")
            break


def _annotation_facts(facts: Facts, sentences: list[str]) -> None:
    body = str(facts.body.value) if facts.body else ""
    named = re.compile(rf"\b(?:the\s+|la\s+|el\s+)?({ORDINALS})\s+({SESSION_WORDS})\b", re.IGNORECASE)
    meetings = re.compile(rf"\b({NUMBER_PATTERN})\s+(?:(?:plenary|formal|full)\s+)?(?:meetings|séances(?:\s+plénières)?|sesiones(?:\s+plenarias)?)\b", re.IGNORECASE)
    for sentence in sentences:
        lowered = sentence.casefold()
        if facts.name is None or facts.name.guessed:
            match = named.search(sentence)
            if match and (not body or body.casefold()[:20] in lowered or "held" in lowered or "tiendra" in lowered):
                strong = bool(facts.dates and (facts.venue and str(facts.venue.value).casefold() in lowered or "held" in lowered))
                if facts.name is None or strong:
                    facts.name = Fact(_capital(f"{match.group(1)} {match.group(2)}".casefold()), sentence[match.start():], guessed=not strong)
        if facts.meetings is None and any(w in lowered for w in ("resources", "permit", "interpretation", "available", "ressources", "recursos", "interprétation", "interpretación", "granted")):
            match = meetings.search(sentence)
            if match:
                count = match.group(1).casefold()
                over = re.match(r"\s+(?:over|sur|en)\s+[\w\s-]+?(?:days|jours|días)\b", sentence[match.end():], re.IGNORECASE)
                words = match.group(0) + (over.group(0) if over else "")
                facts.meetings = Fact(int(count) if count.isdigit() else NUMBERS[count], words)
        if facts.interpretation is None:
            match = re.search(r"\b(with(?:out)? interpretation[^.;]*|avec interprétation[^.;]*|sans interprétation|con(?: servicios de)? interpretación[^.;]*)", sentence, re.IGNORECASE)
            if match:
                facts.interpretation = Fact(match.group(1).strip(" ,"), match.group(1).strip(" ,"))
        opened = re.search(r"\b(opened|ouverte?|inaugurad[oa]|declarará abiert[oa])\b", sentence, re.IGNORECASE)
        if facts.opening is None and opened:
            time_match = re.search(rf"\b(?:at|à|a las)\s+({_TIME})", sentence[opened.start():], re.IGNORECASE)
            if time_match and (moment := read_time(time_match.group(1).replace("horas", "h"))):
                words = sentence[opened.start(): opened.start() + time_match.end()]
                day = dates_in(words)
                facts.opening = Fact((day[0] if day else None, moment), words)
        if facts.sittings is None and re.search(r"\b(meetings|séances|sesiones)\b", lowered) and "opened" not in lowered:
            spans = re.findall(rf"\b(?:from|de)\s+({_TIME})\s+(?:to|à|a)\s+({_TIME})", sentence, re.IGNORECASE)
            times = [(read_time(a), read_time(b)) for a, b in spans]
            times = [(a, b) for a, b in times if a and b and a < b]
            if len(times) >= 2:
                facts.sittings = Fact(tuple(times), sentence)
        if facts.dates is None:
            found = dates_in(sentence)
            if found and re.search(r"\b(held|tiendra|celebrará|from|du|del)\b", lowered):
                facts.dates = Fact((found[0], found[1]), sentence)
        if facts.venue is None:
            match = re.search(r"\b(?:held|tiendra|celebrará)\s+(?:at|in|à|en)\s+(?:the\s+)?(?:United Nations (?:Office at|Headquarters in)\s+)?([A-Z][\w-]+(?: [A-Z][\w-]+)?)", sentence)
            if match:
                facts.venue = Fact(match.group(1), sentence)


def _symbol(facts: Facts, heading: list[str], rest: str) -> None:
    for line in heading:
        match = _SYMBOL.search(line)
        if match and len(line) < 60:
            facts.symbol = Fact(match.group(1), line, place="the heading")
            return
    series: dict[str, set[int]] = {}
    for match in _SYMBOL.finditer(rest):
        parts = re.match(r"^(.*/\d{4})/(\d+)$", match.group(1))
        if parts:
            series.setdefault(parts.group(1), set()).add(int(parts.group(2)))
    for prefix, numbers in sorted(series.items()):
        if 2 in numbers and 1 not in numbers:
            listed = ", ".join(f"{prefix}/{n}" for n in sorted(numbers))
            facts.symbol = Fact(f"{prefix}/1", f"as the first of the series of the documents it lists ({listed})", guessed=True, place="")
            return
