"""The numbers Word draws in front of paragraphs of a numbered list, which the text of the
document does not hold: read from numbering.xml (abstract numberings, their levels' formats,
start values and overrides) and counted paragraph by paragraph, as Word counts them.

A paragraph is numbered by its own `w:numPr` or by its style's (followed through `basedOn`);
each list (`w:num`) counts its levels, a level restarting when a higher one advances. Bullets
and unnumbered levels give no number.
"""

from __future__ import annotations

from dataclasses import dataclass

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _letters(number: int) -> str:
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)  # Word's aa, bb after z


FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
}


@dataclass(frozen=True)
class Level:
    fmt: str
    text: str
    start: int


def _val(element, tag: str, default: str | None = None) -> str | None:
    child = element.find(f"{W}{tag}") if element is not None else None
    return child.get(f"{W}val", default) if child is not None else default


class Numbering:
    """Labels for the numbered paragraphs of one document, counted in document order."""

    def __init__(self, numbering_xml, styles_xml) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.styles = {s.get(f"{W}styleId"): s for s in styles_xml.iter(f"{W}style")} if styles_xml is not None else {}
        if numbering_xml is None:
            return
        for abstract in numbering_xml.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in abstract.iter(f"{W}lvl"):
                levels[int(lvl.get(f"{W}ilvl", "0"))] = Level(_val(lvl, "numFmt", "decimal"), _val(lvl, "lvlText", "") or "", int(_val(lvl, "start", "1")))
            self.abstract[abstract.get(f"{W}abstractNumId")] = levels
        for num in numbering_xml.iter(f"{W}num"):
            overrides = {}
            for override in num.iter(f"{W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    overrides[int(override.get(f"{W}ilvl", "0"))] = int(start)
            self.nums[num.get(f"{W}numId")] = (_val(num, "abstractNumId"), overrides)

    def _numbering_of(self, paragraph) -> tuple[str, int] | None:
        ppr = paragraph.find(f"{W}pPr")
        numpr = ppr.find(f"{W}numPr") if ppr is not None else None
        num_id, level = _val(numpr, "numId"), _val(numpr, "ilvl")
        style = _val(ppr, "pStyle")
        seen = set()
        while num_id is None and style in self.styles and style not in seen:
            seen.add(style)
            element = self.styles[style]
            sppr = element.find(f"{W}pPr")
            snumpr = sppr.find(f"{W}numPr") if sppr is not None else None
            num_id, level = _val(snumpr, "numId"), level or _val(snumpr, "ilvl")
            style = _val(element, "basedOn")
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        return num_id, int(level or 0)

    def label(self, paragraph) -> str:
        """The number Word shows before `paragraph` ('1.', '(a)'), counting it; '' for none."""
        found = self._numbering_of(paragraph)
        if found is None:
            return ""
        num_id, level = found
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if level not in levels:
            return ""
        counts = self.counters.setdefault(num_id, {})
        start = overrides.get(level, levels[level].start)
        counts[level] = counts[level] + 1 if level in counts else start
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        if levels[level].fmt not in FORMATS:
            return ""  # a bullet, or a level without a number
        text = levels[level].text
        for shown in range(level, -1, -1):
            if f"%{shown + 1}" in text:
                spec = levels.get(shown, levels[level])
                value = counts.get(shown, spec.start)
                text = text.replace(f"%{shown + 1}", FORMATS.get(spec.fmt, str)(value))
        return text.strip()
