"""A self-contained HTML report: key figures, a timeline picture and the annex; prints on A4.

Rendered with a Jinja2 template (autoescaping on: agenda titles are user text; every value
printed goes through `printable` first, so no control character reaches the page); no script,
font, image or style sheet is fetched from anywhere.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, select_autoescape

from reports.annex import COLUMNS, HEADING, Annex, annexes, subtitle
from reports.figures import Figures, figures
from reports.grid import Grid, grid
from reports.safety import printable
from reports.timeline import ROW_HEIGHT, Timeline, timeline
from solver.schedule import Penalty, Schedule


@dataclass(frozen=True)
class Section:
    """One body's part of the report."""

    heading: str
    figures: Figures
    timeline: Timeline
    annex: Annex
    penalties: list[Penalty]


def sections(schedule: Schedule) -> list[Section]:
    if not schedule.bodies:
        parts = [(HEADING, schedule)]
    else:
        parts = [(f"{HEADING}: {body.name}", schedule.for_body(body.id)) for body in schedule.bodies]
        for _, part in parts:
            part.sittings = schedule.sittings  # the calendar is shared: free and closed sittings show
    out = []
    for heading, part in parts:
        out.append(Section(heading, figures(part), timeline(part), annexes(part)[0], [p for p in part.penalties if p.count]))
    return out


def shown(value):
    """What a template prints: text without the characters HTML forbids (C0 controls, U+FFFF)."""
    return printable(value) if isinstance(value, str) else value


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


def render_html(schedule: Schedule) -> str:
    template = environment().get_template("report.html.j2")
    combined: Grid | None = grid(schedule) if schedule.bodies else None
    return template.render(
        session=schedule.session,
        subtitle=subtitle(schedule),
        sections=sections(schedule),
        grid=combined,
        row_height=ROW_HEIGHT,
        columns=COLUMNS,
    )
