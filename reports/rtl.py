"""Word's XML for a language's script: right to left for Arabic, the font of each script's slot.

python-docx has no API for most of this, so the attributes are set here, on the elements the
Word renderer makes:

- a paragraph in a right-to-left language gets `w:bidi` (it reads from the right; its start,
  where it is aligned, is the right edge), a run `w:rtl` and `w:cs` (its text is of the complex
  script, shaped and sized as such: `w:szCs` beside `w:sz`, `w:bCs` and `w:iCs` beside bold and
  italics);
- a table gets `w:bidiVisual` (its first column at the right) and a section `w:bidi`;
- every run names its fonts for the three slots Word chooses among by character: Latin
  (`w:ascii`, `w:hAnsi`), East Asian (`w:eastAsia`: Chinese characters) and complex script
  (`w:cs`: Arabic), and its language in each (`w:lang`), so that Word and LibreOffice pick the
  table's font and the right hyphenation and shaping, whatever fonts the machine has.

English, French, Russian and Spanish runs get the Latin font in every slot, as before.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from reports.languages import Language

LOCALES = {"ar": "ar-SA", "zh": "zh-CN", "en": "en-GB", "fr": "fr-FR", "ru": "ru-RU", "es": "es-ES"}

# the order WordprocessingML keeps the children of a run's, a paragraph's and a section's
# properties in (ECMA-376 CT_RPr, CT_PPrBase, CT_SectPr); Word refuses a file out of order
RUN = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike", "w:outline",
       "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w",
       "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
       "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
PARAGRAPH = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
             "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
             "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
             "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
             "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
SECTION = ("w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType",
           "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
           "w:printerSettings", "w:sectPrChange")


def _child(parent, tag: str, order: tuple[str, ...]):
    """The child `tag` of `parent`, made if missing and put where `order` has it."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert_element_before(found, *order[order.index(tag) + 1 :])
    return found


def fonts(r_pr, language: Language) -> None:
    """A run's (or a style's) fonts and languages in each slot."""
    latin, east_asia, complex_ = language.fonts["latin"], language.fonts["east_asia"], language.fonts["complex"]
    r_fonts = _child(r_pr, "w:rFonts", RUN)
    for key, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", complex_)):
        r_fonts.set(qn(key), value)
    lang = _child(r_pr, "w:lang", RUN)
    lang.set(qn("w:val"), LOCALES[language.code] if language.code not in ("ar", "zh") else "en-GB")
    if language.code == "zh":
        lang.set(qn("w:eastAsia"), LOCALES["zh"])
    if language.rtl:
        lang.set(qn("w:bidi"), LOCALES[language.code])


def run(r, language: Language, size_pt: float | None = None) -> None:
    """A run in the language: its fonts; right to left, complex script and its size in Arabic.
    English runs stay as they always were (the Normal style names their font)."""
    if language.code == "en":
        return
    r_pr = r._r.get_or_add_rPr()
    fonts(r_pr, language)
    if not language.rtl:
        return
    _child(r_pr, "w:rtl", RUN).set(qn("w:val"), "1")
    _child(r_pr, "w:cs", RUN).set(qn("w:val"), "1")
    if r.bold:
        _child(r_pr, "w:bCs", RUN)  # a complex script's bold and italics are its own
    if r.italic:
        _child(r_pr, "w:iCs", RUN)
    if size_pt is not None:
        _child(r_pr, "w:szCs", RUN).set(qn("w:val"), str(int(round(size_pt * 2))))


def paragraph(p, language: Language) -> None:
    """A paragraph read from the right in a right-to-left language (`w:bidi`): its start, where
    Word aligns it, is the right edge."""
    if language.rtl:
        _child(p._p.get_or_add_pPr(), "w:bidi", PARAGRAPH).set(qn("w:val"), "1")


def table(t, language: Language) -> None:
    """A table whose first column is at the right, in a right-to-left language."""
    if language.rtl:
        t._tbl.tblPr.get_or_add_bidiVisual().set(qn("w:val"), "1")


def section(s, language: Language) -> None:
    """A section laid out from the right (its columns, its page numbers' side)."""
    if language.rtl:
        _child(s._sectPr, "w:bidi", SECTION).set(qn("w:val"), "1")


def style(document, language: Language) -> None:
    """The Normal style's fonts in every slot, so that text without a run of its own (an empty
    cell, a field) takes the language's fonts too; English keeps python-docx's own."""
    if language.code != "en":
        fonts(document.styles["Normal"].element.get_or_add_rPr(), language)
