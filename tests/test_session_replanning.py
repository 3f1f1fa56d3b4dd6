"""Several bodies re-planned against a published draft (or an edited annex, agreed rows kept) and
planned partially, body by body."""

from __future__ import annotations

import copy
import csv
import io
import json

import pytest
from click.testing import CliRunner

from cli import main
from reports.formats import FORMATS
from solver.plans.drafting import draft
from solver.errors import DoesNotFit
from solver.input.instance import Instance
from solver.schedule import Schedule
from solver.problem.session import interpret_session
from solver.check.validate_session import validate_session
from tests.conftest import INSTANCES

from tests.test_session import body, moved


# -- re-planning a session of several bodies ----------------------------------------------------------


@pytest.fixture(scope="module")
def cosp():
    data = json.loads(json.dumps(yaml_of(INSTANCES / "cosp-plenary-cow-2025.yaml"), default=str))
    return data, draft(Instance.model_validate(data))


def yaml_of(path):
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_a_body_losing_a_meeting_moves_only_what_must_move_and_the_moves_are_listed_per_body(cosp):
    data, published = cosp
    revised = copy.deepcopy(data)
    body(revised, "COW")["meetings_granted"] -= 1
    instance = Instance.model_validate(revised)
    schedule = draft(instance, baseline=published)
    assert validate_session(interpret_session(instance), schedule).ok
    stages = {s.name: s.value for s in schedule.solver.stages}
    assert stages["moves"] == 1 and stages["bodies moved"] == 1  # the Committee's last item; the plenary keeps its week
    assert [(m.body, m.item) for m in schedule.moves] == [("COW", "5")]
    text = FORMATS["table"].render(schedule)
    assert "- COW, item 5: Friday, 19 December, morning → " in text


def test_diff_of_several_bodies_names_the_body_and_a_change_of_room(cosp):
    _, published = cosp
    elsewhere = moved(published, "COW", room="Conference Room 2")
    from solver.check.diff import describe, diff

    lines = [describe(m) for m in diff(published, elsewhere)]
    assert lines and all(line.startswith("COW, item ") for line in lines)
    assert "in Conference Room 1 → " in lines[0] and lines[0].endswith("in Conference Room 2")


def test_rows_agreed_in_any_bodys_annex_stay_when_the_session_is_re_planned(tmp_path, cosp):
    data, published = cosp
    path = tmp_path / "annex.csv"
    rows = list(csv.reader(io.StringIO(FORMATS["csv"].render(published))))
    rows[0].append("Agreed")
    marked = [k for k, r in enumerate(rows) if r[0] == "COW" and r[2] == "3"]
    for k in marked:
        rows[k].append("x")  # the Committee's item on prevention stays where it is
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    revised = copy.deepcopy(data)
    body(revised, "COW")["meetings_granted"] -= 1
    body(revised, "COW")["items"][2]["estimate"] = "4h"  # prevention longer: something else must give
    target = tmp_path / "revised.yaml"
    import yaml

    target.write_text(yaml.safe_dump(revised), encoding="utf-8")
    result = CliRunner().invoke(main, ["solve", str(target), "--baseline", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    schedule = Schedule.model_validate(json.loads(result.stdout))
    before = {(m.date, m.sitting) for m in published.meetings if m.body == "COW" and any(p.item == "3" for p in m.pieces)}
    after = {(m.date, m.sitting) for m in schedule.meetings if m.body == "COW" and any(p.item == "3" for p in m.pieces)}
    assert before <= after  # agreed rows kept: item 3 still in every meeting it had
    from reports.reading_session import read_session_schedule

    session = interpret_session(Instance.model_validate(revised), agreed=read_session_schedule(path, interpret_session(Instance.model_validate(revised))).agreed)
    assert len(session.body("COW").agreed) == len(marked) and not session.body("PLENARY").agreed


# -- partial plans of several bodies --------------------------------------------------------------------


def _working_groups(**changes) -> dict:
    data = yaml_of(INSTANCES / "ctoc-working-groups-2017.yaml")
    data = json.loads(json.dumps(data, default=str))
    data.update(changes)
    return data


def test_an_over_subscribed_block_keeps_every_bodys_procedural_items_and_lists_the_rest_per_body():
    data = _working_groups(rules={"hold_meetings_granted": False})
    data["calendar"]["end"] = "2017-09-06"  # six sittings for work that needs seven meetings
    instance = Instance.model_validate(data)
    with pytest.raises(DoesNotFit):
        draft(instance)
    schedule = draft(instance, partial=True)
    assert [(o.body, o.id) for o in schedule.left_out] == [("WG-TIP", "3")]
    broken_rules = [(v.rule, v.body, v.items) for v in validate_session(interpret_session(instance), schedule).violations]
    assert broken_rules == [("every-item", "WG-TIP", ("3",))]  # only what was left out, if time permits
    taken = {(m.body, p.item) for m in schedule.meetings for p in m.pieces}
    for entry in data["bodies"]:
        assert {(entry["id"], i) for i in ("1 (a)", "1 (b)", "4", "5")} <= taken  # procedural items and report always kept
    assert "- WG-TIP, item 3: Preparation of the questionnaire" in FORMATS["table"].render(schedule)


def test_a_body_that_cannot_meet_at_all_is_named_not_dropped():
    data = _working_groups(blocks=[], rules={"hold_meetings_granted": False})
    data["calendar"]["closed"] = [{"date": "2017-09-06", "reason": "Public holiday"}]
    som = body(data, "WG-SOM")
    som["earliest"] = som["latest"] = "2017-09-06"  # its only day is a holiday
    instance = Instance.model_validate(data)
    with pytest.raises(DoesNotFit, match="Working Group on the Smuggling of Migrants cannot meet even with only its procedural items"):
        draft(instance, partial=True)
