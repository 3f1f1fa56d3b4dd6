"""The five real programmes of work in instances/cases/: each drafted by orgwork from what its
document states and a planner's estimates, and compared with what the real planners published.

The figures are a record, not a target: each case asserts the match measured when it was
written (item -> set of meetings, meeting -> set of items, over the visible part), so that a
change of convention that makes a case worse fails here and says where. A change that makes one
better should raise its floor. `pytest -s tests/test_cases.py` prints one line per case; the
differences and a planner's judgement of them are in instances/cases/README.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from solver.input.loading import load_instance
from solver.plans.drafting import draft
from solver.solving.solve import SolveSettings
from tests.cases import CASES, REAL, compare, load_real

SETTINGS = SolveSettings(time_limit=20)


@dataclass(frozen=True)
class Case:
    name: str
    items_exact: int  # items whose set of meetings is exactly the real one, as measured
    items: int
    meetings_exact: int  # meetings whose set of items is exactly the real one, as measured
    meetings: int
    undated: tuple[tuple[int, dt.date], ...] = ()  # rows whose date line is cut off: (index, day)


CASES_MEASURED = [
    Case("cpd-56-2023-partial", items_exact=5, items=5, meetings_exact=3, meetings=3),
    Case("wg-rtd-15-2014-partial", items_exact=6, items=6, meetings_exact=4, meetings=4),
    # the row just before "Monday, 5 September" is the Friday afternoon before it
    Case("ahc-cybercrime-3-2022-partial", items_exact=3, items=3, meetings_exact=5, meetings=5, undated=((0, dt.date(2022, 9, 2)),)),
    Case("unwomen-eb-2015-frs", items_exact=3, items=5, meetings_exact=5, meetings=7),
]

def measure(case: Case):
    schedule = draft(load_instance(CASES / f"{case.name}.yaml"), SETTINGS)
    match = compare(schedule, load_real(case.name, dict(case.undated)))
    print(f"\n{match.summary()}")
    for difference in match.differences:
        print(f"    {difference}")
    return match


def check(case: Case) -> None:
    match = measure(case)
    assert (match.items, match.meetings) == (case.items, case.meetings), "the visible part compared has changed"
    assert match.closed_days_kept, "a day the real annex prints without meetings has meetings in the draft"
    assert match.items_exact >= case.items_exact, f"fewer items in exactly their real meetings: {match.summary()}"
    assert match.meetings_exact >= case.meetings_exact, f"fewer meetings with exactly their real items: {match.summary()}"


@pytest.mark.parametrize("case", CASES_MEASURED, ids=lambda case: case.name)
def test_the_draft_matches_the_real_annex_at_least_as_well_as_recorded(case: Case):
    check(case)


def test_ecosoc_segments_are_held_on_the_days_the_council_fixed():
    """Compared by day: each segment of the draft is held on exactly the days the document gives it."""
    import json

    schedule = draft(load_instance(CASES / "ecosoc-2008-working-arrangements.yaml"), SETTINGS)
    titles = {record.id: record.title for record in schedule.items}
    drafted: dict[str, set[dt.date]] = {}
    for meeting in schedule.meetings:
        for piece in meeting.pieces:
            drafted.setdefault(titles[piece.item], set()).add(meeting.date)
    real = json.loads((REAL / "ecosoc-2008-working-arrangements.json").read_text(encoding="utf-8"))
    matched = 0
    for row in real["annex"]:
        first, last = (dt.date.fromisoformat(d) for d in row["date_range"])
        days = {first + dt.timedelta(days=n) for n in range((last - first).days + 1)}
        days = {d for d in days if d.weekday() < 5 and d != dt.date(2008, 7, 4)}
        matched += drafted.get(row["segment"]) == days
    print(f"\necosoc-2008-working-arrangements: segments {matched}/{len(real['annex'])} on exactly their days")
    assert matched == len(real["annex"]) == 7


def test_every_case_has_its_real_annex_and_its_instance():
    names = {path.stem for path in REAL.glob("*.json")}
    written = {path.stem for path in CASES.glob("*.yaml")}
    assert names == written == {case.name for case in CASES_MEASURED} | {"ecosoc-2008-working-arrangements"}


def test_the_real_annexes_are_read_with_their_own_conventions():
    """A heading printed '(cont'd)' above its sub-item is not an item of the row; a sub-item
    continued under its own number is; a row whose date is cut off is read only when dated."""
    rtd = load_real("wg-rtd-15-2014-partial")
    assert rtd.meetings[dt.date(2014, 5, 13), "10h00–13h00"] == {"4(c)(ii)"}
    cpd = load_real("cpd-56-2023-partial")
    assert cpd.meetings[dt.date(2023, 4, 10), "3 – 4.30 p.m."] == {"3(a)", "3(b)"}
    assert cpd.meetings[dt.date(2023, 4, 10), "10 – 11 a.m."] == set()
    ahc = load_real("ahc-cybercrime-3-2022-partial")
    assert len(ahc.meetings) == 4 and ahc.closed_days == {dt.date(2022, 9, 5)}
    dated = load_real("ahc-cybercrime-3-2022-partial", {0: dt.date(2022, 9, 2)})
    assert dated.meetings[dt.date(2022, 9, 2), "3–6 p.m."] == {"6"}
    with pytest.raises(ValueError, match="segments"):
        load_real("ecosoc-2008-working-arrangements")
