"""Days and times as a language's house style writes them, from the forms its table gives.

Day and month names come from CLDR (Babel), in the table's pattern ('EEEE d MMMM' for
"Mercredi 6 septembre"); the table may name the months itself where the United Nations writes
them otherwise than CLDR (Arabic's "أيلول/سبتمبر"). Times are built from the table's clock: a
12-hour clock with its meridiem words before or after the time, written once when both ends of
a range share it ("3–6 p.m.", "下午3时至6时"), or a 24-hour clock ("15 h 30", "15.30 horas").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date


@dataclass(frozen=True)
class Clock:
    """How a language writes a time of day and a range of two; the placeholders are {h} (the
    hour on a 12-hour clock), {H} (on a 24-hour clock) and {mm} (the minutes, two digits)."""

    hours: int  # 12 or 24
    hour: str  # a whole hour: '{h}', '{H} heures', '{h}时'
    minutes: str  # an hour and minutes: '{h}.{mm}', '{H} h {mm}'
    range: str  # '{start}–{end}', '{start} a {end} horas'
    time: str = "{time}"  # one time on its own: '{time} horas'
    am: str = ""
    pm: str = ""
    noon_hour: str = ""  # the meridiem of 12.00-12.59 p.m. where it has its own word (中午)
    meridiem_before: bool = False  # '上午10时', not '10 a.m.'
    meridiem_space: str = " "
    noon: str = ""  # what 12.00 is written as, whole ('noon'); '' for the clock's own form
    midnight: str = ""
    shared_meridiem_once: bool = False  # '3–6 p.m.': the meridiem once when both ends share it
    singular_hour: str = ""  # 0 and 1 o'clock where the noun is singular: '{H} heure'

    def _parts(self, moment: dt.time) -> tuple[str, str]:
        """The time without and with its meridiem word: ('3.30', 'p.m.'), ('noon', '')."""
        if self.noon and (moment.hour, moment.minute) == (12, 0):
            return self.noon, ""
        if self.midnight and (moment.hour, moment.minute) == (0, 0):
            return self.midnight, ""
        values = {"H": moment.hour, "h": moment.hour % 12 or 12, "mm": f"{moment.minute:02d}"}
        if self.hours == 24:
            whole = self.singular_hour if self.singular_hour and moment.hour < 2 else self.hour
            return (self.minutes if moment.minute else whole).format(**values), ""
        if moment.hour < 12:
            meridiem = self.am
        else:
            meridiem = self.noon_hour if self.noon_hour and moment.hour == 12 else self.pm
        return (self.minutes if moment.minute else self.hour).format(**values), meridiem

    def _joined(self, text: str, meridiem: str) -> str:
        if not meridiem:
            return text
        return f"{meridiem}{self.meridiem_space}{text}" if self.meridiem_before else f"{text}{self.meridiem_space}{meridiem}"

    def label(self, moment: dt.time) -> str:
        """'10 a.m.', '15 h 30', '10.00 horas', '上午10时'."""
        return self.time.format(time=self._joined(*self._parts(moment)))

    def range_label(self, start: dt.time, end: dt.time) -> str:
        """'10 a.m.–1 p.m.', '3–6 p.m.', '10 heures-13 heures', '10.00 a 13.00 horas', '下午3时至6时'."""
        first, first_meridiem = self._parts(start)
        last, last_meridiem = self._parts(end)
        if self.shared_meridiem_once and first_meridiem and first_meridiem == last_meridiem:
            if self.meridiem_before:
                return self.range.format(start=self._joined(first, first_meridiem), end=last)
            return self.range.format(start=first, end=self._joined(last, last_meridiem))
        return self.range.format(start=self._joined(first, first_meridiem), end=self._joined(last, last_meridiem))


@dataclass(frozen=True)
class Dates:
    """How a language writes a day: a CLDR pattern in a CLDR locale, the month names the table
    sets (if any) in place of CLDR's, and a capital at the start of the cell."""

    locale: str
    day: str  # 'EEEE, d MMMM'
    short_day: str  # 'EEE d MMM', for the small timelines of a comparison
    months: tuple[str, ...] = ()  # twelve names, January first, in place of CLDR's wide names
    capitalize: bool = False

    def _format(self, day: dt.date, pattern: str, capitalize: bool) -> str:
        if self.months and "MMMM" in pattern:
            pattern = pattern.replace("MMMM", "'" + self.months[day.month - 1].replace("'", "''") + "'")
        text = format_date(day, format=pattern, locale=self.locale)
        return text[:1].upper() + text[1:] if capitalize else text

    def label(self, day: dt.date, in_sentence: bool = False) -> str:
        """'Wednesday, 6 September', 'Mercredi 6 septembre', '9月6日星期三'; `in_sentence`: as
        CLDR writes it, without the capital a cell starts with ('mercredi 6 septembre')."""
        return self._format(day, self.day, self.capitalize and not in_sentence)

    def short_label(self, day: dt.date) -> str:
        """'Wed 6 Sep'."""
        return self._format(day, self.short_day, self.capitalize)
