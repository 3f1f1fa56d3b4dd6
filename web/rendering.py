"""The page's HTML: whole pages, and the workspace fragment a change answers with."""

from __future__ import annotations

import json
from pathlib import Path

from flask import current_app

from reports.annex import columns, subtitle
from reports.formats import FORMATS
from reports.grid import grid
from reports.html import grid_days, sayer
from reports.languages import language as language_table
from reports.risk import reliability_lines
from reports.status import proof_notes
from reports.timeline import ROW_HEIGHT
from web.app import environment
from web.checking import session_of
from web.views import flagged, form_choices, section_views


def page(template: str, **context) -> str:
    served = current_app.extensions["orgwork"]
    return environment().get_template(template).render(token=served.token, folder=served.folder, **context)


def workspace(ws) -> str:
    """The draft's part of the page: progress, failure, figures, timeline, annex and the panel."""
    with ws.lock:
        context = {"ws": ws, "running": ws.running, "progress": ws.job.told() if ws.job else "", "failure": ws.failure,
                   "row_height": ROW_HEIGHT, "views": []}
        if ws.checked is not None and ws.state is not None:
            schedule, report = ws.checked.schedule, ws.checked.report
            language = schedule.session.language  # the page speaks the file's language, as the report does
            words = language_table(language)
            views = section_views(schedule, session_of(ws.instance), list(report.violations), ws.state.moves, language)
            stem = Path(ws.name).stem
            combined = grid(schedule, language) if schedule.bodies else None
            context.update(
                grid=combined,
                grid_days=grid_days(combined, language) if combined else [],
                columns=columns(language),
                words=words,
                say=sayer(words),
                reliability=reliability_lines(schedule.reliability) if schedule.reliability else [],
                views=views,
                subtitle=subtitle(schedule, language),
                symbol=schedule.session.symbol,
                report=report,
                changes=ws.state.changes,
                replanned=ws.replanned,
                can_undo=bool(ws.history),
                notes=proof_notes(ws.draft) if not ws.history and ws.draft is not None else [],
                flagged=json.dumps(flagged(views)),
                forms=[form_choices(view, ws.state.placement.get(view.body, ())) for view in views],
                formats=[(f.name, f.suffixes[0]) for f in FORMATS.values()],
                instance_name=f"{stem}-edited.yaml",
                draft_name=f"{stem}-draft.json",
            )
        return environment().get_template("workspace.html.j2").render(**context)


def comparison(comparing) -> str:
    from reports.comparison import RENDERERS, html_context

    with comparing.lock:
        context = {"ws": comparing, "running": comparing.running, "failure": comparing.failure,
                   "progress": comparing.job.told() if comparing.job else "", "ready": comparing.comparison is not None,
                   "renderers": list(RENDERERS)}
        if comparing.comparison is not None:
            context.update(html_context(comparing.comparison))
        return environment().get_template("comparison_fragment.html.j2").render(**context)
