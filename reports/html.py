"""A self-contained HTML report: key figures, a timeline picture and the annex; prints on A4.

Rendered with a Jinja2 template (autoescaping on: agenda titles are user text); no script, font,
image or style sheet is fetched from anywhere.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from reports.annex import COLUMNS, annexes, subtitle
from reports.figures import figures
from reports.timeline import ROW_HEIGHT, timeline
from solver.schedule import Schedule


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(schedule: Schedule) -> str:
    template = _environment().get_template("report.html.j2")
    return template.render(
        session=schedule.session,
        subtitle=subtitle(schedule),
        figures=figures(schedule),
        timeline=timeline(schedule),
        row_height=ROW_HEIGHT,
        annexes=annexes(schedule),
        columns=COLUMNS,
        penalties=[p for p in schedule.penalties if p.count],
    )
