"""The words agendas write dates, numbers and places in, in English, French and Spanish."""

from __future__ import annotations

MONTHS = {
    **{m: n for n, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"), 1)},
    **{m: n for n, m in enumerate(("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"), 1)},
    **{m: n for n, m in enumerate(("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"), 1)},
    "setiembre": 9, "fevrier": 2, "aout": 8, "decembre": 12,
}
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))

NUMBERS = {
    **{w: n for n, w in enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                                   "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"), 1)},
    **{w: n for n, w in enumerate(("un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
                                   "treize", "quatorze", "quinze", "seize"), 1)},
    **{w: n for n, w in enumerate(("uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce",
                                   "trece", "catorce", "quince", "dieciséis"), 1)},
    "une": 1, "una": 1, "vingt": 20, "veinte": 20, "thirty": 30, "trente": 30, "treinta": 30,
    "twenty-one": 21, "twenty-two": 22, "twenty-four": 24, "twenty-five": 25, "vingt-quatre": 24, "veinticuatro": 24,
}
NUMBER_PATTERN = r"\d{1,3}|" + "|".join(sorted(NUMBERS, key=len, reverse=True))

ORDINALS = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|tenth|eleventh|twelfth|(?:thir|four|fif|six|seven|eigh|nine)teenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth"
    r"|eightieth|ninetieth|hundredth|\d{1,3}(?:st|nd|rd|th)"
    r"|premi[eè]re|premier|[a-zé-]+ième|\d{1,3}e"
    r"|primer|primera|segundo|segunda|tercer|tercera|cuarto|quinto|sexto|s[eé]ptimo|octavo|noveno|d[eé]cimo|[a-zé]+(?:ésimo|ésima)"
)
SESSION_WORDS = r"session|meeting|regular session|special session|resumed session|réunion|período de sesiones|periodo de sesiones|reunión"

ZONES = (
    (("vienna", "vienne", "viena"), "Europe/Vienna"),
    (("geneva", "genève", "ginebra"), "Europe/Zurich"),
    (("new york", "nueva york"), "America/New_York"),
    (("washington",), "America/New_York"),
    (("nairobi",), "Africa/Nairobi"),
    (("bonn",), "Europe/Berlin"),
    (("rome", "roma"), "Europe/Rome"),
    (("paris", "parís"), "Europe/Paris"),
    (("bangkok",), "Asia/Bangkok"),
    (("addis ababa", "addis-abeba"), "Africa/Addis_Ababa"),
    (("santiago",), "America/Santiago"),
    (("beirut", "beyrouth"), "Asia/Beirut"),
    (("montreal", "montréal"), "America/Toronto"),
    (("the hague", "la haye", "la haya"), "Europe/Amsterdam"),
    (("kingston",), "America/Jamaica"),
    (("madrid",), "Europe/Madrid"),
    (("london", "londres"), "Europe/London"),
    (("copenhagen", "copenhague"), "Europe/Copenhagen"),
    (("bern", "berne", "berna"), "Europe/Zurich"),
    (("dakar",), "Africa/Dakar"),
    (("cairo", "le caire", "el cairo"), "Africa/Cairo"),
    (("doha",), "Asia/Qatar"),
    (("abu dhabi",), "Asia/Dubai"),
    (("panama", "panamá"), "America/Panama"),
    (("tokyo", "kyoto"), "Asia/Tokyo"),
)


def zone_of(venue: str) -> str | None:
    """The IANA time zone of a venue orgwork knows ('Vienna' → 'Europe/Vienna'), or None."""
    folded = venue.casefold()
    for names, zone in ZONES:
        if any(name in folded for name in names):
            return zone
    return None
