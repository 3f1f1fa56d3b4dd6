"""Downloads: the current draft in every format of `reports.formats`, and a comparison in every
format of `reports.comparison`, rendered by the library as the commands render them."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, request

from web.comparing import Comparing
from web.routes import opened_named
from web.safety import Refused

downloads = Blueprint("downloads", __name__)


# -- exports -----------------------------------------------------------------------------------


@downloads.get("/export")
def export():
    from reports.formats import FORMATS

    workspace = opened_named()
    fmt = FORMATS.get(request.args.get("format", ""))
    if fmt is None:
        raise Refused(400, f"unknown format; choose one of {', '.join(FORMATS)}")
    if workspace.checked is None:
        raise Refused(409, "there is no draft to export yet")
    content = fmt.render_file(workspace.checked.schedule)
    return _download(content, Path(workspace.name).stem + fmt.suffixes[0], fmt.binary)


@downloads.get("/export/comparison")
def export_comparison():
    from reports.comparison import RENDERERS, SUFFIXES as COMPARISON_SUFFIXES

    comparing = opened_named(Comparing)
    name = request.args.get("format", "")
    if name not in RENDERERS:
        raise Refused(400, f"unknown format; choose one of {', '.join(RENDERERS)}")
    if comparing.comparison is None:
        raise Refused(409, "the comparison is not ready yet")
    suffix = next(s for s, n in COMPARISON_SUFFIXES.items() if n == name)
    return _download(RENDERERS[name](comparing.comparison), Path(comparing.name).stem + suffix, name == "xlsx")


TYPES = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".html": "text/html", ".ics": "text/calendar", ".csv": "text/csv", ".json": "application/json",
         ".md": "text/markdown", ".txt": "text/plain"}


def _download(content: str | bytes, filename: str, binary: bool) -> Response:
    suffix = Path(filename).suffix
    kind = TYPES.get(suffix, "application/octet-stream")
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    response = Response(data, mimetype=kind)
    if not binary:
        response.headers["Content-Type"] = f"{kind}; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename.encode("ascii", "replace").decode().replace(chr(34), "_")}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


