"""A self-contained HTML report: key figures, a timeline picture and the annex; prints on A4.

Several bodies: the grid of sittings and rooms first (a run of days without meetings as one
row), then a section per body, its figures and timeline over its own days. Printing keeps a
meeting's rows (and its day's row) on one page, repeats the table's header, keeps a body that
fits on a page on one and a heading with what follows it; a long timeline is drawn in pieces of
two weeks. The `grid` view (`--view grid`) is the grid alone.

Rendered with a Jinja2 template (autoescaping on: agenda titles are user text; every value
printed goes through `printable` first, so no control character reaches the page); no script,
font, image or style sheet is fetched from anywhere.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from reports.annex import Annex, AnnexRow, annexes, columns, subtitle
from reports.figures import Figures, figures
from reports.grid import Grid, grid
from reports.risk import HEIGHT, WIDTH, reliability_lines, risk_section
from reports.languages import Language, language as language_table
from reports.retold import Retold
from reports.safety import printable
from reports.timeline import ROW_HEIGHT, Timeline, timeline
from reports.wording import sentences
from solver.plans.risk.answers import RiskReport
from solver.schedule import Penalty, Schedule

CHART = {"width": WIDTH, "height": HEIGHT, "top": 18.0, "bottom": 34.0}


@dataclass(frozen=True)
class Section:
    """One body's part of the report."""

    heading: str
    figures: Figures
    timeline: Timeline
    annex: Annex
    penalties: list[Penalty]
    conventions: list[str]  # the conventions not met, as sentences
    groups: list[list[AnnexRow]]  # the annex's rows, a meeting's rows (and its day's) in one group
    fits: bool = False  # one of several bodies, short enough to print on one page: kept on one
    body_id: str = ""  # several bodies: whose section it is


PAGE = 1000  # pixels of an A4 page's printed height, within its margins
TITLE_CHARACTERS = 95  # characters of a title's line in the annex's printed column
SENTENCE_CHARACTERS = 105  # characters of a line of the conventions not met


def printed_height(timeline: Timeline, rows: list[AnnexRow], conventions: list[str]) -> float:
    """About how high a body's section prints, in pixels, a little more rather than less (as
    measured in Chromium): headings and figures, each day (its timeline row, the figures' spare
    time, the annex's day row), the annex's lines, the legend's and the conventions'."""
    days = len(timeline.rows)
    lines = sum(1 + len(row.title) // TITLE_CHARACTERS for row in rows)
    legend = 1 + len(timeline.keys) // 4
    said = sum(1 + len(text) // SENTENCE_CHARACTERS for text in conventions)
    return 1.04 * (380 + 68 * days + 17 * lines + 14 * legend + 16 * said)


def groups(rows: list[AnnexRow]) -> list[list[AnnexRow]]:
    """The annex's rows as printing keeps them together: each meeting's rows, the day's row with
    its first meeting, a day without meetings with its reason."""
    out: list[list[AnnexRow]] = []
    for row in rows:
        opens_meeting = row.kind == "item" and bool(row.date_and_time)  # a meeting's first row carries its sitting
        if not out or row.kind == "day" or (opens_meeting and out[-1][-1].kind != "day"):
            out.append([row])
        else:
            out[-1].append(row)
    return out


def grid_days(combined: Grid, language: str = "en") -> list[list[tuple[str, ...]]]:
    """The grid's rows by day, a run of days on which no body meets as one row ("Monday,
    6 January – Friday, 17 January", "no meetings"): a year's calendar prints what happens."""
    days: list[list[tuple[str, ...]]] = []
    for row in combined.rows:
        if row[0] or not days:  # a day's first sitting carries its label
            days.append([])
        days[-1].append(row)
    out: list[list[tuple[str, ...]]] = []
    run: list[str] = []
    blank = ("",) * (len(combined.columns) - 2)

    def close_run() -> None:
        if run:
            label = run[0] if len(run) == 1 else f"{run[0]} – {run[-1]}"
            out.append([(label, language_table(language).word("grid.no_meetings"), *blank)])
            run.clear()

    for day in days:
        if all(not any(row[2:]) for row in day):
            run.append(day[0][0])
        else:
            close_run()
            out.append(day)
    close_run()
    return out


def sections(schedule: Schedule, colours: dict[str, str] | None = None, compact: bool = False, language: str = "en") -> list[Section]:
    """One section per body, in `language`. With several bodies, each body's figures and
    timeline cover its own days, with the other bodies' meetings shown (and, in its room, not
    counted as free). `colours` and `compact` are the timeline's (a comparison's: one colour per
    item across its variants, small timelines)."""
    table = language_table(language)
    heading = table.word("annex.heading")
    if not schedule.bodies:
        parts = [(heading, schedule, None, None, "")]
    else:
        parts = []
        for body in schedule.bodies:
            mine = [m for m in schedule.meetings if m.body == body.id]
            others = [m for m in schedule.meetings if m.body != body.id]
            rooms = {m.room for m in mine}
            parts.append((table.word("annex.heading_of_body", heading=heading, body=body.name), schedule.for_body(body.id), others,
                          [m for m in others if m.room in rooms], body.id))
    retold = Retold.of(schedule, table)
    out = []
    for title, part, others, in_room, body_id in parts:
        calendar = schedule.sittings
        annex = annexes(part.model_copy(update={"sittings": calendar}), language)[0]  # the shared calendar: its closed days show
        penalties = [p for p in part.penalties if p.count]
        picture = timeline(part, calendar, others, colours, compact, language)
        said = sentences(penalties, language, retold)
        fits = bool(schedule.bodies) and printed_height(picture, annex.rows, said) <= PAGE
        out.append(Section(title, figures(part, calendar, in_room, language), picture, annex, penalties, said, groups(annex.rows), fits, body_id))
    return out


def shown(value):
    """What a template prints: text without the characters HTML forbids (C0 controls, U+FFFF).
    A macro's output (Markup) is left alone: every value inside it went through here already."""
    if isinstance(value, Markup):
        return value
    return printable(value) if isinstance(value, str) else value


def sayer(table: Language) -> Callable[..., Markup]:
    """`say(key, **values)` for the templates: the table's word as markup, its values (user
    text: a title, a body's name) made printable and escaped, as any value a template prints.
    The table's own text is trusted: only its '&', '<' and '>' are escaped."""

    def say(key: str, **values: object) -> Markup:
        text = table.words[key]
        template = Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
        return template.format(**{k: shown(v) for k, v in values.items()}) if values else template

    return say


@functools.cache
def environment() -> Environment:
    """The templates' environment: autoescaped, every printed value made printable; built once,
    so that each report does not compile its template again."""
    return Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=shown,
    )


def render_html(schedule: Schedule, view: str = "annex", risk: RiskReport | None = None, language: str | None = None) -> str:
    """The report in `language` (default: the file's): each body's figures, timeline and annex
    (several bodies: the grid first); the `grid` view: the grid of sittings and rooms alone.
    Arabic reads from right to left: the page is `dir="rtl"`, the table and the figures with it.
    With `risk` (orgwork risk), each body's section shows the chance that each meeting runs late,
    as a picture."""
    language = language or schedule.session.language
    table = language_table(language)
    template = environment().get_template("report.html.j2")
    combined: Grid | None = grid(schedule, language) if schedule.bodies or view == "grid" else None
    return template.render(
        grid_days=grid_days(combined, language) if combined else [],
        grid_only=view == "grid",
        session=schedule.session,
        subtitle=subtitle(schedule, language),
        sections=[] if view == "grid" else sections(schedule, language=language),
        grid=combined,
        row_height=ROW_HEIGHT,
        columns=columns(language),
        risks=risk_section(schedule, risk) if risk is not None else {},
        risk=risk,
        reliability=reliability_lines(schedule.reliability) if schedule.reliability else [],
        chart=CHART,
        words=table,
        say=sayer(table),
        lang=table.code,
        dir=table.direction,
    )
