"""The Flask app over a served folder, and the server that binds it to 127.0.0.1 only.

Flask because the library is synchronous and WSGI fits it: its test client, request size limit
and Jinja2 (already the reports' templates) come with it, and nothing else is needed; Werkzeug's
threaded server answers each request in a thread of its own, while solves run in jobs. The page
is for one planner on their own machine, never a public server.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from reports.html import shown
from web.safety import HOST, MAX_BODY, new_token

if TYPE_CHECKING:  # the solver's module loads OR-Tools: only when something is solved
    from solver.solving.solve import SolveSettings


@dataclass
class Served:
    """The server's state: the folder, the token its pages carry, the files opened."""

    folder: Path
    token: str
    settings: SolveSettings | None
    opened: dict = field(default_factory=dict)  # name -> Workspace or Comparing
    lock: threading.Lock = field(default_factory=threading.Lock)


@functools.cache
def environment() -> Environment:
    """The page's templates, beside the reports' (whose pieces they use), autoescaped, every
    value made printable as in the reports."""
    return Environment(
        loader=ChoiceLoader([PackageLoader("web", "templates"), PackageLoader("reports", "templates")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=shown,
    )


def create_app(folder: Path | str, settings: SolveSettings | None = None) -> Flask:
    """The app serving `folder`'s instances and scenario files."""
    from web.api import api
    from web.downloads import downloads
    from web.routes import pages

    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder}: is not a folder")
    app = Flask("web")
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    app.config["MAX_FORM_MEMORY_SIZE"] = MAX_BODY
    app.extensions["orgwork"] = Served(folder, new_token(), settings)
    for blueprint in (pages, api, downloads):
        app.register_blueprint(blueprint)
    return app


def make_server(app: Flask, port: int):
    """A threaded server for `app` on 127.0.0.1:`port` (0: a free port), not yet serving."""
    import logging

    from werkzeug.serving import WSGIRequestHandler, make_server as werkzeug_server

    class Quiet(WSGIRequestHandler):
        def log_request(self, code="-", size="-") -> None:  # the planner's terminal shows the address, not each request
            pass

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    return werkzeug_server(HOST, port, app, threaded=True, request_handler=Quiet)
