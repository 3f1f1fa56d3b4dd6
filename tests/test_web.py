"""The web page's safety and its requests, through Flask's test client (no browser, no server):
only the loopback address and only with the page's token; no path out of the served folder; no
large body; every value validated as a file's; titles escaped; nothing written without being
asked, nothing replaced without confirmation, never the file the draft came from."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from tests.conftest import INSTANCES, ROOT

REFERENCE = "ctoc-wg-tip-2017.yaml"


@pytest.fixture
def folder(tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(INSTANCES / REFERENCE, served / REFERENCE)
    return served


@pytest.fixture
def app(folder):
    from web.app import create_app

    return create_app(folder)


@pytest.fixture
def client(app):
    return app.test_client()


def token(app) -> str:
    return app.extensions["orgwork"].token


def post(client, app, url: str, **data):
    return client.post(url, data={"file": REFERENCE, **data}, headers={"X-Orgwork-Token": token(app)})


@pytest.fixture
def opened(client, app):
    """The reference session, opened and solved."""
    answer = client.post("/open", data={"token": token(app), "file": REFERENCE})
    assert answer.status_code == 303
    workspace = app.extensions["orgwork"].opened[REFERENCE]
    assert workspace.job.wait(30) and workspace.draft is not None
    return workspace


def test_the_folder_lists_its_instances_and_scenario_files(tmp_path):
    from web.folder import listing

    shutil.copytree(INSTANCES, tmp_path / "instances")
    (tmp_path / "instances" / "broken.yaml").write_text("items: [\n", encoding="utf-8")
    entries = {e.name: e for e in listing(tmp_path / "instances")}
    assert entries[REFERENCE].kind == "instance" and entries[REFERENCE].title == "Working Group on Trafficking in Persons, Seventh meeting, Vienna"
    assert entries["ctoc-wg-tip-2017-scenarios.yaml"].kind == "scenarios"
    assert entries["broken.yaml"].kind == "unreadable" and "invalid YAML" in entries["broken.yaml"].problem
    assert "examples/published.json" not in entries, "a schedule is not an instance"


def test_only_the_loopback_address_is_answered(client):
    assert client.get("/").status_code == 200
    assert client.get("/", headers={"Host": "127.0.0.1:8417"}).status_code == 200
    refused = client.get("/", headers={"Host": "attacker.example:8417"})  # a name made to resolve to 127.0.0.1
    assert refused.status_code == 403 and b"only at 127.0.0.1" in refused.data


def test_a_state_changing_request_without_the_page_token_is_refused(client, app):
    assert client.post("/open", data={"file": REFERENCE}).status_code == 403
    assert client.post("/open", data={"file": REFERENCE, "token": "guessed"}).status_code == 403
    assert client.post("/api/replan", data={"file": REFERENCE}).status_code == 403
    other_site = client.post("/open", data={"file": REFERENCE, "token": token(app)}, headers={"Origin": "https://attacker.example"})
    assert other_site.status_code == 403
    assert not app.extensions["orgwork"].opened, "nothing was opened"
    assert client.post("/open", data={"file": REFERENCE, "token": token(app)}, headers={"Origin": "http://127.0.0.1:8417"}).status_code == 303
    assert token(app) in client.get("/").get_data(as_text=True), "the page carries the token"


@pytest.mark.parametrize("name", ["../outside.yaml", "/etc/passwd", "sub/../../outside.yaml", ".hidden/a.yaml", "a\\..\\..\\b.yaml",
                                  "link/outside.yaml", "outside-link.yaml", ""])
def test_a_path_that_leaves_the_folder_is_refused(client, app, folder, name):
    outside = folder.parent / "outside.yaml"
    shutil.copy(folder / REFERENCE, outside)
    (folder / "link").symlink_to(folder.parent, target_is_directory=True)
    (folder / "outside-link.yaml").symlink_to(outside)
    answer = client.post("/open", data={"file": name, "token": token(app)})
    assert answer.status_code in (400, 403), name
    assert client.get("/draft", query_string={"file": name}).status_code in (400, 403)
    assert client.get("/export", query_string={"file": name, "format": "json"}).status_code in (400, 403)
    assert not app.extensions["orgwork"].opened


def test_a_save_outside_the_folder_is_refused(client, app, folder, opened):
    for name in ("../saved.json", "/tmp/saved.json", "link/saved.json"):
        (folder / "link").unlink(missing_ok=True)
        (folder / "link").symlink_to(folder.parent, target_is_directory=True)
        answer = post(client, app, "/api/save", what="draft", name=name)
        assert answer.status_code == 403, (name, answer.json)
    assert not (folder.parent / "saved.json").exists()


def test_an_oversized_body_is_refused(client, app, opened):
    answer = post(client, app, "/api/edit", kind="estimate", item="3", estimate="x" * 100_000)
    assert answer.status_code == 413 and "larger than 64 KB" in answer.json["error"]


def test_form_values_are_validated_as_a_file_is(client, app, opened):
    too_short = post(client, app, "/api/edit", kind="estimate", item="3", estimate="2")
    assert too_short.status_code == 400 and "estimate" in too_short.json["error"] and "min" in too_short.json["error"]
    not_a_count = post(client, app, "/api/edit", kind="granted", count="many")
    assert not_a_count.status_code == 400 and "meetings_granted" in not_a_count.json["error"]
    unknown = post(client, app, "/api/edit", kind="pin", item="9", date="2017-09-07")
    assert unknown.status_code == 400 and "no item '9'" in unknown.json["error"]
    not_a_day = post(client, app, "/api/edit", kind="pin", item="3", date="2017-02-30")
    assert not_a_day.status_code == 400 and "date" in not_a_day.json["error"]
    closed = post(client, app, "/api/move", task="4", from_date="2017-09-08", from_sitting="morning", to_date="2017-09-09", to_sitting="morning")
    assert closed.status_code == 400 and "not an open sitting" in closed.json["error"]
    assert not opened.history, "nothing changed"
    fine = post(client, app, "/api/edit", kind="granted", count="4")
    assert fine.status_code == 200 and "Hold the meetings granted" not in fine.json["html"] and "Meetings granted" in fine.json["html"]
    assert opened.instance.calendar.meetings_granted == 4


def test_a_move_is_checked_at_once_and_undone(client, app, opened):
    moved = post(client, app, "/api/move", task="4", from_date="2017-09-08", from_sitting="morning", to_date="2017-09-07",
                 to_sitting="afternoon", index="1")
    assert moved.status_code == 200
    assert re.findall(r'class="rule">([^<]*)', moved.json["html"])[0] == "Other matters just before the report"
    undone = post(client, app, "/api/undo")
    assert "Holds: no rule is broken." in undone.json["html"]


def test_titles_are_escaped(folder, client, app):
    data = yaml.safe_load((folder / REFERENCE).read_text(encoding="utf-8"))
    data["session"]["body"] = "<script>alert('body')</script>"
    data["items"][3]["title"] = "<img src=x onerror=alert(1)> & more"
    (folder / "hostile.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    listing = client.get("/").get_data(as_text=True)
    assert "<script>alert" not in listing and "&lt;script&gt;alert" in listing
    client.post("/open", data={"token": token(app), "file": "hostile.yaml"})
    app.extensions["orgwork"].opened["hostile.yaml"].job.wait(30)
    page = client.get("/draft", query_string={"file": "hostile.yaml"}).get_data(as_text=True)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt; &amp; more" in page


def test_saving_asks_before_replacing_and_never_writes_over_the_source(client, app, folder, opened):
    first = post(client, app, "/api/save", what="draft", name="draft.docx")
    assert first.status_code == 200 and (folder / "draft.docx").read_bytes()[:2] == b"PK"
    again = post(client, app, "/api/save", what="draft", name="draft.docx")
    assert again.status_code == 409 and again.json["confirm"] == "draft.docx exists already. Replace it?"
    assert post(client, app, "/api/save", what="draft", name="draft.docx", replace="1").status_code == 200
    source = post(client, app, "/api/save", what="instance", name=REFERENCE, replace="1")
    assert source.status_code == 409 and "opened from" in source.json["error"]
    post(client, app, "/api/edit", kind="estimate", item="3", estimate="5h")
    assert post(client, app, "/api/save", what="instance", name="edited.yaml").status_code == 200
    from solver.input.loading import load_instance

    assert load_instance(folder / "edited.yaml") == opened.instance
    assert post(client, app, "/api/save", what="instance", name="edited.docx").status_code == 400
    assert sorted(p.name for p in folder.iterdir()) == sorted([REFERENCE, "draft.docx", "edited.yaml"]), "no temporary file left"


def test_every_format_is_exported(client, opened):
    from reports.formats import FORMATS

    for name, fmt in FORMATS.items():
        answer = client.get("/export", query_string={"file": REFERENCE, "format": name})
        assert answer.status_code == 200 and len(answer.data) > 200, name
        assert f'filename="ctoc-wg-tip-2017{fmt.suffixes[0]}"' in answer.headers["Content-Disposition"]


def test_a_stop_ends_a_running_solve(client, app, folder):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import one_body

    (folder / "large.yaml").write_text(yaml.safe_dump(one_body(150, 40, seed=2, meetings=60)), encoding="utf-8")
    client.post("/open", data={"token": token(app), "file": "large.yaml"})
    workspace = app.extensions["orgwork"].opened["large.yaml"]
    assert client.post("/api/stop", data={"file": "large.yaml"}, headers={"X-Orgwork-Token": token(app)}).status_code == 200
    assert workspace.job.wait(20), "the stop ended the solve"
    assert workspace.failure == ("Stopped: no draft had been found yet; nothing was written.",) or workspace.draft.solver.status == "INTERRUPTED"


def test_the_vendored_script_is_the_version_recorded():
    vendor = ROOT / "web" / "static" / "vendor"
    recorded = (vendor / "README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256((vendor / "Sortable.min.js").read_bytes()).hexdigest()
    assert digest in recorded and "| sortablejs | 1.15.7 |" in recorded
    assert (vendor / "Sortable.min.js").read_text(encoding="utf-8").startswith("/*! Sortable 1.15.7 ")


def test_serving_imports_no_or_tools_until_something_is_solved(folder):
    code = (f"import sys; from web.app import create_app\napp = create_app({str(folder)!r})\nclient = app.test_client()\n"
            "assert client.get('/').status_code == 200\nfrom cli import main\ntry:\n    main(['serve', '--help'])\nexcept SystemExit:\n    pass\n"
            "print('ortools' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert shown.strip().splitlines()[-1] == "False", shown


def test_a_session_of_several_bodies_is_edited_body_by_body_and_re_planned(tmp_path):
    from web.app import create_app

    name = "cosp-plenary-cow-2025.yaml"
    shutil.copy(INSTANCES / name, tmp_path / name)
    app = create_app(tmp_path)
    client = app.test_client()
    client.post("/open", data={"token": token(app), "file": name})
    workspace = app.extensions["orgwork"].opened[name]
    assert workspace.job.wait(60) and workspace.draft is not None
    page = client.get("/draft", query_string={"file": name}).get_data(as_text=True)
    assert "Meetings by sitting and room" in page and page.count('<section class="body"') == 3
    headers = {"X-Orgwork-Token": token(app)}
    moved = client.post("/api/move", headers=headers, data={"file": name, "body": "COW", "task": "4", "from_date": "2025-12-18",
                                                            "from_sitting": "afternoon", "to_date": "2025-12-19", "to_sitting": "afternoon"})
    assert "<b class=\"rule\">Unbroken run</b>: [COW]" in moved.json["html"]
    client.post("/api/replan", headers=headers, data={"file": name})
    assert workspace.job.wait(60) and not workspace.failure
    assert [m for m in workspace.draft.meetings if m.body == "COW" and [p.item for p in m.pieces] == ["4", "5"]], "item 4 kept where it was put"
    assert "COW, item 5: Friday, 19 December, morning → Friday, 19 December, afternoon" in workspace.replanned.moves
