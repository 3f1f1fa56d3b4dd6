"""A calendar of numbered meetings, for early drafts before conference services give dates: the
meetings are numbered (first meeting, second meeting …), and the annex prints their numbers."""

from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

from cli import main
from reports.formats import FORMATS
from solver.check.validate import validate
from solver.errors import DoesNotFit
from solver.input.instance import Instance
from solver.plans.drafting import draft
from solver.problem.problem import interpret
from tests.conftest import base


def numbered(count: int = 5) -> dict:
    data = base()
    data["calendar"] = {"numbered": count}
    return data


def test_numbered_meetings_print_their_numbers_and_no_dates():
    instance = Instance.model_validate(numbered())
    schedule = draft(instance)
    assert validate(interpret(instance), schedule).ok
    assert schedule.numbered and schedule.meetings_granted == 5  # the meetings granted are the meetings numbered
    text = FORMATS["markdown"].render(schedule)
    assert [line.split("|")[1].strip() for line in text.splitlines() if "meeting |" in line] == [
        "1st meeting", "2nd meeting", "3rd meeting", "4th meeting", "5th meeting",
    ]
    assert "January" not in text and "day" not in text.lower().replace("today", "")
    assert json.loads(schedule.to_json())["numbered"] is True


def test_a_dated_schedule_records_no_numbering():
    assert "numbered" not in json.loads(draft(Instance.model_validate(base())).to_json())


def test_numbered_meetings_too_few_for_the_agenda_are_explained_in_meetings():
    with pytest.raises(DoesNotFit, match="2 meetings give 6 hours"):
        draft(Instance.model_validate(numbered(2)))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["calendar"].update(dates=["2030-03-04"]), "numbered: meetings are numbered because the dates are not known yet; leave dates out"),
        (lambda d: d["items"][2].update(pin={"date": "2030-03-04"}), "items['3'].pin: names a date, and the calendar's meetings are numbered"),
        (lambda d: d["calendar"].update(numbered=0), "greater than or equal to 1"),
    ],
)
def test_a_numbered_calendar_names_no_date(change, message):
    data = numbered()
    change(data)
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(").replace(")", r"\)")):
        Instance.model_validate(data)


def test_numbered_meetings_have_no_calendar_to_export(tmp_path):
    path = tmp_path / "early.yaml"
    path.write_text(yaml.safe_dump(numbered()), encoding="utf-8")
    result = CliRunner().invoke(main, ["solve", str(path), "-o", str(tmp_path / "meetings.ics")])
    assert result.exit_code == 1 and "numbered, not dated; export iCalendar once the calendar has its dates" in result.output
    assert not (tmp_path / "meetings.ics").exists()


def test_the_grid_and_the_workbook_name_placeholder_days_as_days_not_dates():
    schedule = draft(Instance.model_validate(numbered()))
    grid = FORMATS["table"].render(schedule, "grid")
    assert "Day 1" in grid and "Day 3" in grid and "1800" not in grid and "January" not in grid
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(FORMATS["xlsx"].render(schedule)))
    assert [row[1] for row in book["Meetings"].iter_rows(min_row=2, values_only=True)][:3] == ["Day 1", "Day 1", "Day 2"]
