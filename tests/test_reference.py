"""The reference session (CTOC Working Group on Trafficking in Persons, Vienna, 2017) comes out as
the published annex, for the file's estimates and for any estimate a planner might have written.

`golden/reference-annex-seed.txt` is the annex as extracted from the published document; that
extraction lost the en dash of "10 a.m.–1 p.m.", so time cells are compared without punctuation.
Set ORGWORK_UPDATE_GOLDEN=1 to rewrite the other golden files after an intended change.
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reports.annex import annex_rows
from reports.formats import FORMATS as RENDERERS
from solver.input.instance import Instance
from solver.problem.problem import interpret
from tests.conftest import GOLDEN, INSTANCES, REFERENCE, solve_valid

FORMATS = {"table": "txt", "markdown": "md", "csv": "csv", "json": "json"}


def _squash(cell: str) -> str:
    return re.sub(r"[\s.\-\u2013]", "", cell)


def seed_rows() -> list[tuple[str, str, str]]:
    lines = (GOLDEN / "reference-annex-seed.txt").read_text(encoding="utf-8").splitlines()[1:]
    return [tuple(line.split("\t")) for line in lines]  # type: ignore[misc]


def comparable(rows) -> list[tuple[str, str, str]]:
    return [(_squash(a), b, c) for a, b, c in rows]


def our_rows(schedule) -> list[tuple[str, str, str]]:
    return [row.cells() for row in annex_rows(schedule)]


def test_reference_annex_is_the_published_annex(reference_problem):
    schedule = solve_valid(reference_problem)
    assert comparable(our_rows(schedule)) == comparable(seed_rows())


def test_reference_annex_writes_days_and_sittings_as_the_house_does(reference_problem):
    rows = our_rows(solve_valid(reference_problem))
    assert rows[0] == ("Wednesday, 6 September", "", "")
    assert rows[1][:2] == ("10 a.m.\u20131 p.m.", "1 (a)")
    assert rows[4][0] == "3\u20136 p.m." and rows[4][2].endswith(" (continued)")
    assert [r[0] for r in rows if r[1] == ""] == ["Wednesday, 6 September", "Thursday, 7 September", "Friday, 8 September"]


def test_reference_leaves_friday_afternoon_free(reference_problem):
    schedule = solve_valid(reference_problem)
    assert [(str(m.date), m.sitting) for m in schedule.meetings][-1] == ("2017-09-08", "morning")
    assert len(schedule.meetings) == 5


def test_reference_records_estimates_and_time_allotted(reference_problem):
    records = {r.id: r for r in solve_valid(reference_problem).items}
    assert (records["2"].estimate_minutes, records["2"].allotted_minutes) == (270, 330)
    assert (records["3"].estimate_minutes, records["3"].allotted_minutes) == (270, 360)
    assert (records["5"].estimate_minutes, records["5"].allotted_minutes) == (60, 60)


@settings(max_examples=25, deadline=None)
@given(item_2=st.integers(240, 330), item_3=st.integers(240, 360))
@example(item_2=240, item_3=240)
@example(item_2=330, item_3=360)
def test_reference_annex_holds_for_any_plausible_estimate(reference_problem, item_2, item_3):
    data = reference_problem.instance.model_dump(mode="json")
    for entry in data["items"]:
        if entry["id"] == "2":
            entry["estimate"] = item_2
        if entry["id"] == "3":
            entry["estimate"] = item_3
    schedule = solve_valid(interpret(Instance.model_validate(data)))
    assert comparable(our_rows(schedule)) == comparable(seed_rows())


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ORGWORK_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_reference_golden_outputs(reference_problem, fmt):
    _golden(f"ctoc-wg-tip-2017.{FORMATS[fmt]}", RENDERERS[fmt].render(solve_valid(reference_problem)))


@pytest.mark.parametrize("stem", ["geneva-three-sittings-2025", "vienna-irg-panel-2024"])
def test_example_sessions_golden_markdown(stem):
    from solver.input.loading import load_instance

    problem = interpret(load_instance(INSTANCES / f"{stem}.yaml"))
    _golden(f"{stem}.md", RENDERERS["markdown"].render(solve_valid(problem)))


def test_reference_file_is_the_bundled_instance():
    assert REFERENCE.exists()


def test_annex_as_a_dataframe_has_the_document_columns(reference_problem):
    from reports.annex import COLUMNS, annex_frame

    frame = annex_frame(solve_valid(reference_problem))
    assert list(frame.columns) == list(COLUMNS)
    assert comparable(tuple(row) for row in frame.values.tolist()) == comparable(seed_rows())
    assert frame.iloc[1].tolist() == ["10 a.m.\u20131 p.m.", "1 (a)", "Opening of the meeting"]
