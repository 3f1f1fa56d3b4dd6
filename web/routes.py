"""The page's requests: the folder's files, a draft and its changes, a comparison, exports and
saves. Every request is guarded first (`guard`); a state-changing one answers JSON with the
workspace's new HTML, which the page puts in place."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, redirect, request, url_for
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from solver.errors import OrgworkError
from solver.input.loading import load_instance, read_data
from web import rendering
from web.comparing import Comparing
from web.folder import SUFFIXES, listing
from web.safety import MAX_BODY, TOKEN_FIELD, TOKEN_HEADER, Refused, host_allowed, inside, origin_allowed, token_matches
from web.workspace import Workspace

pages = Blueprint("orgwork", __name__)



def served():
    return current_app.extensions["orgwork"]


@pages.before_app_request
def guard():
    if not host_allowed(request.host):
        raise Refused(403, "this page answers only at 127.0.0.1")
    if request.method in ("GET", "HEAD"):
        return None
    if not origin_allowed(request.headers.get("Origin")):
        raise Refused(403, "a request from another site is refused")
    given = request.headers.get(TOKEN_HEADER) or request.form.get(TOKEN_FIELD)
    if not token_matches(served().token, given):
        raise Refused(403, "the request does not carry this page's token; reload the page")
    return None


def _api() -> bool:
    return request.path.startswith("/api/")


@pages.app_errorhandler(Refused)
def refused(error: Refused):
    if _api():
        return jsonify(error=str(error)), error.status
    return rendering.page("page_error.html.j2", message=str(error)), error.status


@pages.app_errorhandler(RequestEntityTooLarge)
def too_large(error):
    message = f"the request is larger than {MAX_BODY // 1024} KB; the page sends far less"
    return (jsonify(error=message), 413) if _api() else (rendering.page("page_error.html.j2", message=message), 413)


@pages.app_errorhandler(OrgworkError)
def library_error(error: OrgworkError):
    return (jsonify(error=str(error)), 400) if _api() else (rendering.page("page_error.html.j2", message=str(error)), 400)


@pages.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    return (jsonify(error=error.description), error.code) if _api() else (rendering.page("page_error.html.j2", message=error.description), error.code)


# -- the folder -------------------------------------------------------------------------------


@pages.get("/")
def index():
    return rendering.page("page_index.html.j2", entries=listing(served().folder), opened=served().opened)


@pages.post("/open")
def open_file():
    name = request.form.get("file", "")
    path = inside(served().folder, name, SUFFIXES)
    if not path.is_file():
        raise Refused(404, f"{name}: no such file in the served folder")
    with served().lock:
        opened = served().opened.get(name)
        if opened is None or opened.running is False and request.form.get("again"):
            opened = read_opened(name, path)
            served().opened[name] = opened
            opened.solve()
    view = "orgwork.comparison" if isinstance(opened, Comparing) else "orgwork.draft"
    return redirect(url_for(view, file=name), code=303)


def read_opened(name: str, path: Path):
    data = read_data(path)
    if isinstance(data, dict) and "variants" in data:
        return Comparing(name, path, served().settings)
    return Workspace(name, path, load_instance(path), served().settings)


def opened_named(kind=Workspace):
    name = request.values.get("file", "")
    inside(served().folder, name, SUFFIXES)
    opened = served().opened.get(name)
    if not isinstance(opened, kind):
        raise Refused(404, f"{name}: is not open; open it from the list of files")
    return opened


@pages.get("/draft")
def draft():
    try:
        workspace = opened_named()
    except Refused as error:
        if error.status == 404:
            return redirect(url_for("orgwork.index"), code=303)
        raise
    return rendering.page("page_draft.html.j2", workspace=workspace, fragment=rendering.workspace(workspace))


@pages.get("/comparison")
def comparison():
    try:
        comparing = opened_named(Comparing)
    except Refused as error:
        if error.status == 404:
            return redirect(url_for("orgwork.index"), code=303)
        raise
    return rendering.page("page_comparison.html.j2", workspace=comparing, fragment=rendering.comparison(comparing))


@pages.after_app_request
def headers(response: Response) -> Response:
    """Nothing fetched from elsewhere, the page never framed by another site."""
    response.headers.setdefault("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
