"""Hostile and odd input never crashes and never lies: each case ends in a one-line message
(exit 1), a draft (exit 0), an honest "does not fit" (exit 2) or "no draft within the time
limit" (exit 4). One test per case, each with its smallest trigger; time limits, stops and
Ctrl-C are in test_time_limits."""

from __future__ import annotations

import json
import os
import pathlib
import sys
import tempfile
import time

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli import main
from solver.input.instance import Instance
from tests.conftest import INSTANCES, REFERENCE, ROOT, base, item

BENCHMARKS = ROOT / "benchmarks"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write(tmp_path, data, name="session.yaml") -> str:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def refused(result, *words: str) -> None:
    """Exit 1 with one line that says what is wrong."""
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    for word in words:
        assert word in lines[0], lines[0]


def large_generated(items: int = 200, days: int = 60, meetings: int = 80, seed: int = 2) -> dict:
    sys.path.insert(0, str(BENCHMARKS))
    from generate import one_body

    return one_body(items, days, seed=seed, meetings=meetings)


# -- files that are not instance files ---------------------------------------------------------


def test_yaml_nested_hundreds_of_levels_deep_is_refused(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("session: " + "[" * 400 + "]" * 400 + "\n", encoding="utf-8")
    refused(run("check", str(path)), "nested")


def test_json_nested_thousands_of_levels_deep_is_refused(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    refused(run("check", str(path)), "nested")


def test_a_yaml_alias_bomb_is_refused_before_anything_is_built(tmp_path):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for n in range(1, 10):
        name, previous = chr(97 + n), chr(96 + n)
        lines.append(f"{name}: &{name} [{', '.join(f'*{previous}' for _ in range(9))}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()
    refused(run("check", str(path)), "aliases", "line 6")
    assert time.monotonic() - started < 10  # refused on its nodes, not after expanding them


def test_a_few_yaml_aliases_are_fine(tmp_path):
    text = REFERENCE.read_text(encoding="utf-8").replace("calendar:", "x-times: &morning {name: morning}\ncalendar:", 1)
    path = tmp_path / "aliases.yaml"
    path.write_text(text, encoding="utf-8")
    assert "unknown key" in run("check", str(path)).output  # judged as any key, not as a bomb


def test_a_key_written_twice_is_an_error_naming_both_lines(tmp_path):
    text = REFERENCE.read_text(encoding="utf-8").replace("    estimate: 4h30\n", "    estimate: 1h\n    estimate: 6h\n", 1)
    path = tmp_path / "twice.yaml"
    path.write_text(text, encoding="utf-8")
    refused(run("check", str(path)), "estimate", "written twice")
    line = run("check", str(path)).output
    first = text.splitlines().index("    estimate: 1h") + 1
    assert f"lines {first} and {first + 1}" in line


def test_a_key_written_twice_in_json_is_an_error_naming_the_key(tmp_path):
    path = tmp_path / "twice.json"
    path.write_text('{"session": {"body": "A", "body": "B"}}', encoding="utf-8")
    refused(run("check", str(path)), "'body'", "written twice")


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null"])
def test_a_device_is_not_read(target):
    if not os.path.exists(target):
        pytest.skip(f"{target} does not exist here")
    refused(run("check", target), "not a regular file")


def test_a_fifo_is_not_read_and_nothing_hangs(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    refused(run("check", str(fifo)), "not a regular file")


def test_a_file_far_too_large_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "huge.yaml"
    with open(big, "wb") as stream:
        stream.truncate(2 * 1024 * 1024 * 1024)  # 2 GB, sparse: nothing is written to disk
    started = time.monotonic()
    refused(run("check", str(big)), "MB")
    assert time.monotonic() - started < 10


def test_invalid_yaml_is_reported_with_line_and_column_on_one_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("session:\n  body: [unclosed\ncalendar: {}\n", encoding="utf-8")
    refused(run("check", str(path)), "line", "column", "invalid YAML")


# -- values that look like one thing and are another -------------------------------------------


def test_a_calendar_of_only_a_weekend_is_refused(tmp_path):
    data = base(calendar={"start": "2030-03-09", "end": "2030-03-10", "meetings_granted": 2})
    for command in ("check", "solve"):
        refused(run(command, write(tmp_path, data)), "no weekday", "weekends: true")


@pytest.mark.parametrize("value, words", [(36000, ("HH:MM",)), (1, ("HH:MM",)), ("10:00Z", ("offset",)), ("24:00", ("HH:MM",))])
def test_a_sitting_time_that_is_not_a_clock_time_is_refused(tmp_path, value, words):
    data = base()
    data["calendar"]["sittings"] = [{"name": "morning", "start": value, "end": "13:00"}, {"name": "afternoon", "start": "15:00", "end": "18:00"}]
    refused(run("check", write(tmp_path, data)), "calendar.sittings[0].start", *words)


def test_an_unquoted_clock_time_in_yaml_is_that_time_not_a_number(tmp_path):
    path = tmp_path / "times.yaml"
    text = REFERENCE.read_text(encoding="utf-8").replace(
        "  meetings_granted: 5", "  meetings_granted: 5\n  sittings: [{name: morning, start: 10:00, end: 13:00}, {name: afternoon, start: 15:00, end: 18:00}]"
    )
    path.write_text(text, encoding="utf-8")
    result = run("solve", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["meetings"][0]["start"] == "10:00:00"


@pytest.mark.parametrize("estimate, words", [
    ("0.001 min", ("less than a minute",)),
    ("0.0001 meetings", ("less than a minute",)),
    ("1000000000000000000000000000000 min", ("longer than any session",)),
    (1e30, ("not a duration",)),
    ("x" * 5000, ("not a duration",)),
])
def test_an_estimate_that_rounds_to_nothing_or_is_absurd_is_refused(tmp_path, estimate, words):
    data = base()
    item(data, "2")["estimate"] = estimate
    result = run("solve", write(tmp_path, data))
    refused(result, "items['2'].estimate", *words)
    assert len(result.output) < 300  # a message quotes a short excerpt, never the whole value


def test_a_session_a_thousand_years_away_is_refused(tmp_path):
    data = base()
    data["calendar"]["dates"] = ["3030-03-04", "3030-03-05"]
    refused(run("check", write(tmp_path, data)), "check the year")


def test_ids_are_trimmed_so_an_order_rule_and_an_annex_read_back_agree(tmp_path):
    data = base()
    item(data, "2")["id"] = "2 "
    item(data, "3")["order"] = {"after": " 2"}
    instance = Instance.model_validate(data)
    assert [i.id for i in instance.items] == ["1", "2", "3", "4", "5"]
    draft, annex = tmp_path / "draft.json", tmp_path / "annex.csv"
    assert run("solve", write(tmp_path, data), "-o", str(draft)).exit_code == 0
    assert run("export", str(draft), "-o", str(annex)).exit_code == 0
    assert run("check", str(tmp_path / "session.yaml"), str(annex)).exit_code == 0


# -- scenario files --------------------------------------------------------------------------


def scenario(tmp_path, body: dict, name: str = "what-if.yaml") -> str:
    (tmp_path / "base.yaml").write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    return write(tmp_path, body, name)


def test_a_scenario_override_that_changes_nothing_is_an_error(tmp_path):
    path = scenario(tmp_path, {"base": "base.yaml", "variants": [{"name": "Nothing", "items": {"3": None}}]})
    refused(run("compare", path), "variants['Nothing'].items['3']", "changes nothing")


def test_a_scenario_whose_base_is_itself_is_named(tmp_path):
    path = scenario(tmp_path, {"base": "what-if.yaml", "variants": [{"name": "A", "meetings_granted": 4}]})
    refused(run("compare", path), "what-if.yaml", "itself")


def test_a_scenario_whose_base_is_another_scenario_is_named(tmp_path):
    scenario(tmp_path, {"base": "base.yaml", "variants": [{"name": "A", "meetings_granted": 4}]}, "first.yaml")
    path = write(tmp_path, {"base": "first.yaml", "variants": [{"name": "B", "meetings_granted": 4}]}, "second.yaml")
    refused(run("compare", path), "second.yaml", "first.yaml", "scenario file")


def test_a_missing_base_outside_the_folder_is_named_with_the_scenario_file(tmp_path):
    path = scenario(tmp_path, {"base": "../elsewhere/base.yaml", "variants": [{"name": "A", "meetings_granted": 4}]})
    refused(run("compare", path), "what-if.yaml", "../elsewhere/base.yaml", "no such file")


def test_compare_never_writes_over_the_base_it_read(tmp_path):
    path = scenario(tmp_path, {"base": "base.yaml", "variants": [{"name": "Four", "meetings_granted": 4}]})
    before = (tmp_path / "base.yaml").read_bytes()
    result = run("compare", path, "--to", "json", "-o", str(tmp_path / "base.yaml"), "--processes", "1")
    refused(result, "base.yaml", "input")  # before any variant is solved
    assert (tmp_path / "base.yaml").read_bytes() == before


# -- fuzzing the input layer -------------------------------------------------------------------

REFERENCE_DATA = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**40, 10**40), st.floats(allow_nan=True), st.text(max_size=40),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.sampled_from(["10:00Z", "2017-02-30", "0.001 min", "9999-12-31", "-1h", "1e400", "\x00\x1b[31m", "٣", "\u202e"]),
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, prefix + (index,))


PATHS = [p for p in _paths(REFERENCE_DATA) if p]


@st.composite
def mutated(draw) -> dict:
    data = json.loads(json.dumps(REFERENCE_DATA, default=str))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        node = data
        try:
            for key in path[:-1]:
                node = node[key]
            action = draw(st.sampled_from(["replace", "delete", "rename"]))
            if action == "replace":
                node[path[-1]] = draw(ODD_VALUES)
            elif action == "delete" and isinstance(node, dict):
                node.pop(path[-1], None)
            elif action == "delete":
                del node[path[-1]]
            elif isinstance(node, dict):
                node[f"{path[-1]}x"] = node.pop(path[-1])
        except (KeyError, IndexError, TypeError):
            continue
    return data


@settings(max_examples=600, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=mutated(), as_json=st.booleans())
def test_fuzzed_instances_get_a_one_line_answer_and_change_no_file(tmp_path, data, as_json):
    tmp_path = pathlib.Path(tempfile.mkdtemp(dir=tmp_path))  # one folder per example
    path = tmp_path / ("fuzzed.json" if as_json else "fuzzed.yaml")
    path.write_text(json.dumps(data) if as_json else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = CliRunner().invoke(main, ["check", str(path), "--time-limit", "0.5"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2, 4), result.output
    if result.exit_code == 1:
        assert len(result.output.strip().splitlines()) == 1, result.output
        assert len(result.output) < 600, result.output
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=mutated())
def test_fuzzed_instances_solve_and_export_or_refuse_and_create_only_the_output(tmp_path, data):
    from reports.formats import FORMATS

    tmp_path = pathlib.Path(tempfile.mkdtemp(dir=tmp_path))  # one folder per example
    source = tmp_path / "fuzzed.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    draft = tmp_path / "draft.json"
    result = CliRunner().invoke(main, ["solve", str(source), "-o", str(draft), "--time-limit", "5"])
    assert result.exit_code in (0, 1, 2, 4), result.output
    if result.exit_code != 0:
        assert sorted(p.name for p in tmp_path.iterdir()) == ["fuzzed.yaml"]
        return
    for fmt in FORMATS.values():
        target = tmp_path / f"annex{fmt.suffixes[0]}"
        before = sorted(p.name for p in tmp_path.iterdir())
        exported = CliRunner().invoke(main, ["export", str(draft), "-o", str(target)])
        assert exported.exit_code in (0, 1), exported.output
        after = sorted(p.name for p in tmp_path.iterdir())
        assert set(after) - set(before) <= {target.name}


def test_the_bundled_instances_still_load():
    for path in sorted(INSTANCES.glob("*.yaml")):
        assert run("check", str(path)).exit_code in (0, 1 if "scenarios" in path.name else 0), path


def test_an_unquoted_comma_in_a_flow_mapping_is_a_syntax_slip_at_its_line(tmp_path):
    path = tmp_path / "comma.yaml"
    path.write_text(
        "session: {body: X}\ncalendar: {dates: [2030-03-04], meetings_granted: 2}\n"
        "items:\n  - {id: 1, title: Review, of progress, estimate: 1h}\n",
        encoding="utf-8",
    )
    refused(run("check", str(path)), "line 4", "'of progress'", "quotes")


def test_meetings_granted_in_the_calendar_of_a_several_bodies_file_names_the_right_place(tmp_path):
    data = yaml.safe_load((INSTANCES / "ctoc-working-groups-2017.yaml").read_text(encoding="utf-8"))
    data["calendar"]["meetings_granted"] = 10
    refused(run("check", write(tmp_path, data)), "calendar.meetings_granted", "under each of bodies")
