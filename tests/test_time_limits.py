"""Time limits, stops and interrupts: a limit too short to find a draft says so, a stop keeps the
draft found so far (marked), Ctrl-C writes it or exits 130, and a draft not proven best says so."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time

import pytest
from click.testing import CliRunner

from cli import main
from solver.errors import Interrupted
from solver.input.instance import Instance
from solver.problem.problem import interpret
from solver.solving import stopping
from solver.solving.solve import SolveSettings, solve
from solver.check.validate import validate
from tests.conftest import REFERENCE, ROOT, base, item

BENCHMARKS = ROOT / "benchmarks"


from tests.test_hostile_inputs import large_generated, run, write


# -- time limits and interrupts ----------------------------------------------------------------


def test_a_time_limit_too_short_to_find_a_draft_says_so_and_offers_no_ways_out(tmp_path):
    path = write(tmp_path, large_generated(), "large.yaml")
    result = CliRunner().invoke(main, ["solve", path, "--time-limit", "0.1"])
    assert result.exit_code == 4, result.output
    assert "no draft found within the time limit" in result.output
    assert "Does not fit" not in result.output and "Ways out" not in result.output


def test_an_explanation_with_no_time_left_says_it_did_not_search(tmp_path):
    from solver.errors import DoesNotFit
    from solver.plans.drafting import explanation

    data = base()
    item(data, "2")["pin"] = {"date": "2030-03-04", "sitting": "morning"}
    item(data, "2")["split"] = False
    item(data, "3")["pin"] = {"date": "2030-03-04", "sitting": "morning"}
    item(data, "3")["split"] = False
    lines = explanation(Instance.model_validate(data), DoesNotFit("test"), seconds=0).lines()
    assert not any("No single change tried" in line for line in lines)
    assert any("in the time given" in line for line in lines)


def test_a_stop_request_keeps_the_draft_found_so_far_and_marks_it():
    problem = interpret(Instance.model_validate(large_generated(items=60, days=20, meetings=30)))
    stopper = stopping.Stopper()
    seen = []

    def stop_at_first_draft(progress):
        seen.append(progress.stage)
        if progress.stage == "meeting shares":
            stopper.request()

    with stopping.current(stopper):
        schedule = solve(problem, SolveSettings(time_limit=60), progress=stop_at_first_draft)
    assert schedule.solver.status == "INTERRUPTED"
    assert [s.name for s in schedule.solver.stages][:2] == ["penalties", "meeting shares"]
    assert "latest" not in [s.name for s in schedule.solver.stages]


def test_a_stop_request_before_any_draft_is_an_interruption_not_a_misfit():
    problem = interpret(Instance.model_validate(large_generated(seed=3)))
    stopper = stopping.Stopper()
    stopper.request()
    with stopping.current(stopper), pytest.raises(Interrupted):
        solve(problem, SolveSettings(time_limit=60))


def test_a_stop_request_from_another_thread_ends_a_running_search():
    problem = interpret(Instance.model_validate(large_generated(seed=4)))
    stopper = stopping.Stopper()
    timer = threading.Timer(0.05, stopper.request)
    with stopping.current(stopper):
        timer.start()
        try:
            solve(problem, SolveSettings(time_limit=60))
        except Interrupted:
            pass  # stopped before the first draft: also an honest end
    assert stopper.requested


def test_a_stop_request_in_one_thread_stops_no_search_of_another():
    # the web page solves each draft in a thread of its own: stopping one stops no other
    stopper = stopping.Stopper()
    stopper.request()
    seen = []
    with stopping.current(stopper):
        other = threading.Thread(target=lambda: seen.append(stopping.requested()))
        other.start()
        other.join()
        assert stopping.requested()
    assert seen == [False] and not stopping.requested()


def test_ctrl_c_during_a_solve_writes_the_draft_so_far_or_exits_130(tmp_path):
    sys.path.insert(0, str(BENCHMARKS))
    from generate import one_body

    # without agenda order nothing bounds the search: the penalty stage searches for its whole
    # share of the time limit (20 s of 30) after its first draft, well past the Ctrl-C below
    data = one_body(60, 10, seed=1)
    data["rules"] = {"agenda_order": False}
    path = write(tmp_path, data, "open.yaml")
    output = tmp_path / "draft.json"
    command = [sys.executable, "-c", "from cli import main; main()", "solve", path, "-o", str(output)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert "Aborted" not in err and "Traceback" not in err, err
    assert process.returncode in (0, 130), err
    if process.returncode == 130:
        assert "Interrupted" in err and not output.exists()
    else:
        record = json.loads(output.read_text(encoding="utf-8"))["solver"]
        assert record["status"] == "INTERRUPTED", record
        assert "Interrupted" in err


def test_a_draft_not_proven_best_says_so_under_the_annex_and_on_stderr(tmp_path, monkeypatch):
    reference = json.loads((ROOT / "tests" / "golden" / "ctoc-wg-tip-2017.json").read_text(encoding="utf-8"))
    reference["solver"]["status"] = "FEASIBLE"
    reference["solver"]["bound"] = reference["solver"]["objective"] // 2
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(reference), encoding="utf-8")
    for fmt in ("table", "markdown"):
        shown = run("export", str(path), "--to", fmt).output
        assert "Not proven best: the best draft found within the time limit of 30 s" in shown
        assert "within 50 % of the best possible" in shown
    import solver.solving.solve as solving

    # the tie-breaks get no time at all: each keeps the draft before it, and says so
    monkeypatch.setattr(solving, "_seconds", lambda settings, started, number, count: 60.0 if number == 0 else 0.0)
    large = write(tmp_path, large_generated(items=60, days=20, meetings=30), "large.yaml")
    result = CliRunner().invoke(main, ["solve", large])
    assert result.exit_code == 0, result.output
    assert "stopped at their share of the time limit" in result.stderr


def test_a_proven_draft_carries_no_note():
    assert "proven" not in run("solve", str(REFERENCE)).output


def test_a_stop_during_the_free_sittings_shortcut_keeps_its_draft():
    problem = interpret(Instance.model_validate(large_generated(items=60, days=20, meetings=30)))  # 30 meetings in 40 sittings
    stopper = stopping.Stopper()
    with stopping.current(stopper):
        schedule = solve(problem, SolveSettings(time_limit=20), progress=lambda progress: stopper.request())
    assert schedule.solver.status == "INTERRUPTED"
    assert validate(problem, schedule).ok
