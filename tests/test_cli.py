"""The command line, run in-process with click's CliRunner."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from click.testing import CliRunner

from cli import main
from solver.input.loading import load_schedule
from solver.rules import RULES
from solver.problem.problem import interpret
from solver.input.loading import load_instance
from solver.check.validate import validate
from tests.conftest import GOLDEN, REFERENCE, ROOT, base, item


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write(tmp_path, data, name="session.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_solve_prints_the_reference_annex():
    result = run("solve", str(REFERENCE))
    assert result.exit_code == 0
    assert result.output == (GOLDEN / "ctoc-wg-tip-2017.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt, suffix", [("markdown", "md"), ("csv", "csv"), ("json", "json")])
def test_solve_formats_match_their_golden_files(fmt, suffix):
    result = run("solve", str(REFERENCE), "--format", fmt)
    assert result.exit_code == 0
    assert result.output == (GOLDEN / f"ctoc-wg-tip-2017.{suffix}").read_text(encoding="utf-8")


def test_json_output_carries_times_estimates_status_terms_seed_and_workers():
    data = json.loads(run("solve", str(REFERENCE), "--format", "json", "--seed", "7").stdout)
    piece = data["meetings"][0]["pieces"][2]
    assert (piece["item"], piece["start"], piece["end"], piece["continued"]) == ("2", "10:30:00", "13:00:00", False)
    assert {i["id"]: (i["estimate_minutes"], i["allotted_minutes"]) for i in data["items"]}["3"] == (270, 360)
    assert data["solver"]["status"] == "OPTIMAL" and data["solver"]["seed"] == 7 and data["solver"]["workers"] == 1
    assert {p["name"]: p["count"] for p in data["penalties"]}["Few continuations"] == 2
    assert data["solver"]["objective"] == sum(p["cost"] for p in data["penalties"])


def test_same_command_five_times_gives_identical_bytes():
    outputs = {run("solve", str(REFERENCE), "--format", "json").stdout for _ in range(5)}
    assert len(outputs) == 1


def test_two_workers_are_deterministic_too():
    outputs = {run("solve", str(REFERENCE), "--format", "json", "--workers", "2").stdout for _ in range(3)}
    assert len(outputs) == 1


def test_output_file_format_follows_its_suffix(tmp_path):
    target = tmp_path / "annex.md"
    result = run("solve", str(REFERENCE), "-o", str(target))
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") == (GOLDEN / "ctoc-wg-tip-2017.md").read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_json_output_is_a_schedule_the_validator_accepts(tmp_path):
    target = tmp_path / "draft.json"
    assert run("solve", str(REFERENCE), "-o", str(target)).exit_code == 0
    problem = interpret(load_instance(REFERENCE))
    assert validate(problem, load_schedule(target)).ok


def test_refuses_to_write_over_its_input(tmp_path):
    instance = tmp_path / "session.json"
    shutil.copy(GOLDEN / "ctoc-wg-tip-2017.json", tmp_path / "unused.json")
    instance.write_text(json.dumps(yaml.safe_load(REFERENCE.read_text(encoding="utf-8")), default=str), encoding="utf-8")
    before = instance.read_bytes()
    result = run("solve", str(instance), "-o", str(instance))
    assert result.exit_code == 1
    assert "is the input file" in result.output
    assert instance.read_bytes() == before


def test_unknown_output_suffix_is_refused(tmp_path):
    result = run("solve", str(REFERENCE), "-o", str(tmp_path / "annex.pdfx"))
    assert result.exit_code == 1
    assert "unknown suffix '.pdfx'" in result.output


def test_missing_output_folder_is_refused(tmp_path):
    result = run("solve", str(REFERENCE), "-o", str(tmp_path / "nowhere" / "annex.md"))
    assert result.exit_code == 1 and "does not exist" in result.output


def test_bad_input_exits_1_with_one_line(tmp_path):
    data = base()
    item(data, "2")["estimate"] = "lots"
    result = run("solve", str(write(tmp_path, data)))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "items['2'].estimate" in lines[0] and "Traceback" not in result.output


def test_agenda_that_does_not_fit_exits_2_with_the_arithmetic(tmp_path):
    data = base()
    data["calendar"]["meetings_granted"] = 2
    result = run("solve", str(write(tmp_path, data)))
    assert result.exit_code == 2
    assert "items need 7.5 hours (6 hours substantive, 1.5 hours procedural); 2 meetings give 6 hours" in result.output
    assert "--partial" in result.output


def test_a_session_of_several_bodies_that_does_not_fit_is_offered_a_partial_plan_too(tmp_path):
    data = yaml.safe_load((ROOT / "instances" / "ctoc-working-groups-2017.yaml").read_text(encoding="utf-8"))
    data["bodies"][0]["meetings_granted"] = 1
    result = run("solve", str(write(tmp_path, data)), "--time-limit", "5")
    assert result.exit_code == 2 and "--partial" in result.output


def test_circular_orderings_exit_2_naming_the_rules(tmp_path):
    data = base()
    item(data, "2")["order"] = {"after": "3"}
    item(data, "3")["order"] = {"after": "2"}
    result = run("solve", str(write(tmp_path, data)))
    assert result.exit_code == 2
    assert "the ordering rules contradict each other" in result.output and "Taken out of order" in result.output


def test_check_describes_a_sound_instance():
    result = run("check", str(REFERENCE))
    assert result.exit_code == 0
    assert "Meetings granted: 5" in result.output and "procedural, report" in result.output
    assert "sound" in result.output


def test_check_exits_2_when_the_arithmetic_rules_the_agenda_out(tmp_path):
    data = base()
    item(data, "3")["estimate"] = "2 meetings"
    item(data, "2")["estimate"] = "2 meetings"
    result = run("check", str(write(tmp_path, data)))
    assert result.exit_code == 2 and "Ways out" in result.output and "shorten item 2 by 1 h 30 min" in result.output


def test_check_exits_1_on_a_malformed_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("items: [", encoding="utf-8")
    assert run("check", str(path)).exit_code == 1


def test_schema_is_the_instance_json_schema():
    schema = json.loads(run("schema").output)
    assert schema["additionalProperties"] is False
    assert {"session", "calendar", "items", "rules"} <= set(schema["properties"])
    item_schema = schema["$defs"]["Item"]
    assert all("description" in field for field in item_schema["properties"].values())


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0 and "Example:" in result.output, name
        assert f"orgwork {name}" in readme, f"README does not show 'orgwork {name}'"


def test_readme_commands_are_the_ones_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest"
    assert test_command in readme
    assert test_command.replace("pip install", "pip install -q") in ci
    assert "orgwork solve instances/ctoc-wg-tip-2017.yaml" in readme


def test_long_solve_reports_progress_in_planner_terms_at_most_every_few_seconds(capsys):
    from cli.common import progress_line as _progress
    from solver.solving.solve import Progress

    show = _progress("drafting")
    show(Progress("penalties", 430, 200, 0.2, 30, (("few-continuations", 4),)))  # the first second: nothing
    show(Progress("penalties", 330, 200, 1.7, 30, (("few-continuations", 3), ("substantive-starts-meeting", 1))))
    show(Progress("penalties", 230, 200, 2.5, 30, (("few-continuations", 2),)))  # under three seconds later: nothing
    show(Progress("penalties", 200, 200, 12.2, 30, (("few-continuations", 1),)))
    show(Progress("meeting shares", 40, 30, 16.0, 30))
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().splitlines() == [
        "drafting: best so far meets all rules, 3 continuations, 1 substantive item not starting a meeting; still proving (2 s of 30 s)",
        "  drafting: best so far meets all rules, 1 continuation; proven best (12 s of 30 s)",
        "  drafting: choosing among equally good drafts: spare meetings shared in proportion to estimates (16 s of 30 s)",
    ]


def test_the_progress_hook_gets_the_soft_rules_each_draft_breaks(reference_problem):
    from solver.solving.solve import SolveSettings, solve

    seen = []
    solve(reference_problem, SolveSettings(time_limit=20), progress=seen.append)
    penalties = [p for p in seen if p.stage == "penalties"]
    assert penalties and all(p.limit == 20 for p in seen)
    assert all(n > 0 and key in RULES and RULES[key].kind == "soft" for p in penalties for key, n in p.counts)
    assert all(sum(RULES[key].weight * n for key, n in p.counts) == p.objective for p in penalties)


def test_solve_reports_each_better_draft_to_the_progress_hook(reference_problem):
    from solver.solving.solve import solve

    seen = []
    solve(reference_problem, progress=seen.append)
    assert seen and seen[0].stage == "penalties" and all(p.seconds >= 0 for p in seen)
