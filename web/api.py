"""The draft's changes and jobs, as JSON: each answer carries the workspace's new HTML, which the
page puts in place, or one line saying what is wrong (400), or a question (409: replace a file?)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, jsonify, request

from solver.errors import InputError, OrgworkError
from web import rendering
from web.comparing import Comparing
from web.folder import SUFFIXES
from web.routes import read_opened, opened_named, served
from web.safety import Refused, inside
from web.saving import INSTANCE_SUFFIXES, Confirm, draft_content, instance_text, save
from web.workspace import Workspace

api = Blueprint("api", __name__)
WAIT = 0.5  # seconds a state request waits for a running job to end


# -- a draft's changes -------------------------------------------------------------------------


def _answer(opened, **more):
    fragment = rendering.comparison(opened) if isinstance(opened, Comparing) else rendering.workspace(opened)
    return jsonify(running=opened.running, progress=opened.job.told() if opened.job else "", html=fragment, **more)


@api.get("/api/state")
def state():
    name = request.values.get("file", "")
    inside(served().folder, name, SUFFIXES)
    opened = served().opened.get(name)
    if opened is None:
        raise Refused(404, f"{name}: is not open; open it from the list of files")
    if opened.running and request.args.get("wait"):
        opened.job.wait(WAIT)
    if opened.running:
        return jsonify(running=True, progress=opened.job.told())
    return _answer(opened)


@api.post("/api/stop")
def stop():
    opened = served().opened.get(request.form.get("file", ""))
    if opened is None:
        raise Refused(404, "nothing of that name is open")
    opened.stop()
    return jsonify(running=opened.running, progress=opened.job.told() if opened.job else "")


@api.post("/api/solve")
def solve_again():
    """Read the file again and solve it: the page's changes are dropped."""
    workspace = opened_named((Workspace, Comparing))
    if workspace.running:
        raise OrgworkError("a solve is running; stop it first")
    with served().lock:
        fresh = read_opened(workspace.name, workspace.path)
        served().opened[workspace.name] = fresh
        fresh.solve()
    return _answer(fresh)


@api.post("/api/move")
def move():
    import datetime as dt

    workspace = opened_named()
    form = request.form
    try:
        if "piece" in form:  # the form's move: 'task|date|sitting' to 'date|sitting', at the end of its meeting
            task, day, sitting = form["piece"].rsplit("|", 2)
            to_day, to_sitting = form["target"].split("|", 1)
            fields = {"task": task, "from_date": day, "from_sitting": sitting, "to_date": to_day, "to_sitting": to_sitting}
        else:
            fields = form
        task = fields["task"]
        source = (dt.date.fromisoformat(fields["from_date"]), fields["from_sitting"])
        target = (dt.date.fromisoformat(fields["to_date"]), fields["to_sitting"])
        index = int(form.get("index", "1000"))
    except (KeyError, ValueError):
        raise InputError("a move names the item, the sitting it leaves and the sitting it goes to; reload the page") from None
    workspace.move(form.get("body", ""), task, source, target, index)
    return _answer(workspace)


@api.post("/api/edit")
def edit():
    from web.editing import edited

    workspace = opened_named()
    instance, words = edited(workspace.instance, request.form)
    workspace.edit(instance, words)
    return _answer(workspace)


@api.post("/api/undo")
def undo():
    workspace = opened_named()
    workspace.undo()
    return _answer(workspace)


@api.post("/api/reset")
def reset():
    workspace = opened_named()
    workspace.reset()
    return _answer(workspace)


@api.post("/api/replan")
def replan():
    workspace = opened_named()
    workspace.replan()
    return _answer(workspace)


@api.post("/api/save")
def save_file():
    workspace = opened_named()
    name, what = request.form.get("name", "").strip(), request.form.get("what", "")
    replace = request.form.get("replace") == "1"
    if workspace.checked is None:
        raise OrgworkError("there is no draft to save yet")
    if what == "instance":
        suffix = Path(name).suffix.lower()
        content = lambda _: instance_text(workspace.instance, workspace.name, suffix)  # noqa: E731
        suffixes = INSTANCE_SUFFIXES
    else:
        schedule = workspace.checked.schedule
        content = lambda saved: draft_content(schedule, saved)  # noqa: E731
        suffixes = ()
    try:
        path = save(served().folder, name, content, [workspace.path], replace, suffixes)
    except Confirm as question:
        return jsonify(confirm=str(question)), 409
    return jsonify(saved=f"Saved {path.relative_to(served().folder).as_posix()}.")


