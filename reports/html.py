"""A self-contained HTML report: key figures, a timeline picture and the annex; prints on A4.

Rendered with a Jinja2 template (autoescaping on: agenda titles are user text); no script, font,
image or style sheet is fetched from anywhere.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from dataclasses import dataclass

from reports.annex import COLUMNS, HEADING, Annex, annexes, subtitle
from reports.figures import Figures, figures
from reports.grid import Grid, grid
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


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(schedule: Schedule) -> str:
    template = _environment().get_template("report.html.j2")
    combined: Grid | None = grid(schedule) if schedule.bodies else None
    return template.render(
        session=schedule.session,
        subtitle=subtitle(schedule),
        sections=sections(schedule),
        grid=combined,
        row_height=ROW_HEIGHT,
        columns=COLUMNS,
    )
