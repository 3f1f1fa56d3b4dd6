"""From the lines of an agenda document to its item tree: ids as printed, titles whole.

The list starts after a heading such as "Provisional agenda" (or at the first item numbered 1
or I) and ends where its numbering stops: at "Annotations" or "Annex", where the numbers start
again (the annotations repeat the items as headings) or where a number comes out of sequence.
The first item fixes how items are numbered ("1.", "Item 1", "I."); sub-items are lettered
("(a)", French "a)"), dotted ("1.1") or, under a lettered one, in roman numerals ("(i)").

A line without a number continues the title before it when it is wrapped: it starts in lower
case, or the title before it has no closing punctuation and the line is indented. Other lines
between items (an annotation under "Item 2") are passed over. Titles lose their footnote marks,
their closing punctuation and a closing "and".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SUFFIX = r"(?:\s?(?:bis|ter|quater))?"
_TITLE = r"(?=[^\W\d_]|[\"“«'‘(\[])"  # a title starts with a letter or a quote
_TOP = {
    "item": re.compile(rf"^(?:agenda\s+)?(?:item|point|tema)\s+(\d{{1,3}}{_SUFFIX})\s*[.:\u2013\u2014-]?\s+{_TITLE}", re.IGNORECASE),
    "decimal": re.compile(rf"^(\d{{1,3}}{_SUFFIX})(?:\s*[.)]\s*|\t\s*|\s{{2,}}){_TITLE}"),
    "roman": re.compile(rf"^([IVXL]{{1,6}})\.\s+{_TITLE}"),
}
_DOTTED = re.compile(rf"^(\d{{1,3}})\.(\d{{1,2}})\.?\s+{_TITLE}")
_LETTER = re.compile(rf"^(\(([a-z]{{1,2}})\)|([a-z])\))\s+{_TITLE}")
_ROMAN_SUB = re.compile(rf"^(\(([ivx]{{1,5}})\)|([ivx]{{1,5}})\))\s+{_TITLE}")
_BULLET = re.compile(r"^[-•*\u2013\u2022]\s+")
_START = re.compile(r"^(provisional agenda|agenda|ordre du jour provisoire|ordre du jour|programa provisional|programa)$")
_STOP = re.compile(  # headings after which the list is over
    r"^(annotations?(?: to the provisional agenda)?|annotations de l'ordre du jour provisoire|anotaciones(?: al programa provisional)?|"
    r"annexe?(?: [ivx\d]+)?|anexo(?: [ivx\d]+)?|proposed organization of work|organisation des travaux proposée|"
    r"projet d'organisation des travaux|organización de los trabajos propuesta)$"
)
_FOOTNOTE = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079*†‡]+")
_CLOSING = re.compile(r"(?:[;,]\s*(?:and|et|y|or|ou|o)|[.;:,])\s*$", re.IGNORECASE)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50}


@dataclass
class Node:
    """An agenda item as printed: its id, its title and its sub-items (an item with sub-items is
    taken up as them)."""

    id: str
    title: str
    children: list[Node] = field(default_factory=list)
    marker: str = ""  # how its sub-items are lettered: '(a)' or 'a)'

    def leaves(self) -> list[Node]:
        return [leaf for child in self.children for leaf in child.leaves()] if self.children else [self]


@dataclass
class Agenda:
    """The item tree and where the list stands among the document's lines."""

    items: list[Node]
    first_line: int
    last_line: int


def roman(text: str) -> int:
    values = [_ROMAN_VALUES[c] for c in text.casefold()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[*:.\u00b9\u00b2\u00b3]", " ", text.replace("\u2019", "'")).split()).casefold()


def clean_title(text: str) -> str:
    """The title without footnote marks, closing punctuation or closing 'and'."""
    text = " ".join(_FOOTNOTE.sub("", text).split())
    while (shorter := _CLOSING.sub("", text).rstrip()) != text:
        text = shorter
    return text


def _number(item_id: str) -> tuple[int, str]:
    match = re.match(r"(\d+|[IVXL]+)\s?(\w*)", item_id)
    assert match
    digits, suffix = match.groups()
    return (int(digits) if digits.isdigit() else roman(digits)), suffix.casefold()


def _follows(previous: str | None, item_id: str) -> bool:
    """Whether `item_id` may come next among the top items: 1 (or I) first, then the next
    number, or the same number with 'bis' or 'ter'."""
    number, suffix = _number(item_id)
    if previous is None:
        return number == 1 and not suffix
    before, before_suffix = _number(previous)
    order = ("", "bis", "ter", "quater")
    if number == before + 1 and not suffix:
        return True
    return number == before and suffix in order and before_suffix in order and order.index(suffix) > order.index(before_suffix)


class _Reader:
    def __init__(self) -> None:
        self.items: list[Node] = []
        self.kind: str | None = None
        self.last: Node | None = None  # the node whose title a wrapped line continues
        self.joinable = False
        self.indent = 0

    def top(self, text: str) -> tuple[str, str] | None:
        kinds = (self.kind,) if self.kind else tuple(_TOP)
        for kind in kinds:
            match = _TOP[kind].match(text)
            if match and not _DOTTED.match(text):
                return kind, match.group(1)
        return None

    def sub(self, text: str) -> bool:
        """Reads a sub-item line into the tree; False when the line is none."""
        if not self.items:
            return False
        parent = self.items[-1]
        dotted = _DOTTED.match(text)
        if dotted and self.kind == "decimal" and dotted.group(1) == parent.id:
            return self._add(parent, f"{dotted.group(1)}.{dotted.group(2)}", text[dotted.end():])
        letter, roman_sub = _LETTER.match(text), _ROMAN_SUB.match(text)
        lettered = parent.children[-1] if parent.children and parent.marker else None
        if roman_sub and lettered is not None:
            numeral = roman_sub.group(2) or roman_sub.group(3)
            is_letter = letter and ord((letter.group(2) or letter.group(3))[-1]) == ord(lettered.id[-2]) + 1  # '(i)' after '(h)'
            expected = len(lettered.children) + 1
            if not is_letter and roman(numeral) == expected:
                marker = f"({numeral})" if roman_sub.group(2) else f"{numeral})"
                return self._add(lettered, f"{lettered.id} {marker}", text[roman_sub.end():])
        if letter:
            marker = letter.group(1)
            parent.marker = parent.marker or ("(a)" if marker.startswith("(") else "a)")
            return self._add(parent, f"{parent.id} {marker}", text[letter.end():])
        return False

    def _add(self, parent: Node, item_id: str, title: str) -> bool:
        node = Node(item_id, title.strip())
        parent.children.append(node)
        self.last, self.joinable = node, True
        return True

    def continue_title(self, text: str, indent: int) -> bool:
        if self.last is None or not self.joinable:
            return False
        wrapped = text[:1].islower() or (not re.search(r"[.;:]\s*$", self.last.title) and indent > self.indent)
        if not wrapped:
            return False
        joint = "" if self.last.title.endswith("-") else " "
        self.last.title = f"{self.last.title}{joint}{text}"
        return True


def _lines(raw: list[str]) -> list[tuple[str, int]]:
    """Each line without its bullet, with its indentation."""
    out = []
    for line in raw:
        expanded = line.replace("\t", "    ") if not line.lstrip().startswith(tuple("0123456789")) else line
        stripped = expanded.strip()
        indent = len(expanded) - len(expanded.lstrip())
        stripped = _BULLET.sub("", stripped)
        out.append((stripped, indent))
    return out


def item_tree(raw_lines: list[str]) -> Agenda:
    """The agenda's items from the document's lines; no items found: an empty tree."""
    lines = _lines(raw_lines)
    start = next((n + 1 for n, (text, _) in enumerate(lines) if _START.match(_folded(text))), 0)
    for begin in (start, 0) if start else (0,):
        agenda = _read(lines, begin)
        if agenda.items:
            return agenda
    return Agenda([], 0, 0)


def _read(lines: list[tuple[str, int]], begin: int) -> Agenda:
    reader = _Reader()
    first = last = begin
    for number in range(begin, len(lines)):
        text, indent = lines[number]
        if not text:
            reader.joinable = False
            continue
        found = reader.top(text)
        if found:
            kind, item_id = found
            if not _follows(reader.items[-1].id if reader.items else None, item_id):
                if reader.items:
                    break
                continue
            if not reader.items:
                reader.kind, first = kind, number
            title = _TOP[kind].sub("", text, count=1)
            node = Node(item_id, title.strip())
            reader.items.append(node)
            reader.last, reader.joinable, reader.indent, last = node, True, indent, number
            continue
        if not reader.items:
            continue
        if reader.sub(text):
            reader.indent, last = indent, number
            continue
        if reader.continue_title(text, indent):
            last = number
            continue
        if _STOP.match(_folded(text)):
            break
        reader.joinable = False
    for node in reader.items:
        _clean(node)
    return Agenda(reader.items, first, last)


def _clean(node: Node) -> None:
    node.title = clean_title(node.title)
    for child in node.children:
        _clean(child)
