"""Bad input gets one clear line naming the file, the field and the fix; durations parse as written."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
import yaml

from solver.input.durations import format_minutes, parse_duration
from solver.errors import InputError
from solver.input.loading import load_instance
from tests.conftest import base, item


@pytest.mark.parametrize(
    "text, minutes",
    [
        (90, 90),
        ("45 min", 45),
        ("45min", 45),
        ("2h30", 150),
        ("2 h 30", 150),
        ("2:30", 150),
        ("1.5 h", 90),
        ("1,5 hours", 90),
        ("1.5 meetings", 270),
        ("1 meeting", 180),
        ("3h", 180),
    ],
)
def test_durations_as_planners_write_them(text, minutes):
    assert parse_duration(text).minutes(meeting_minutes=180) == minutes


@pytest.mark.parametrize("text", ["-15 min", "0", "two hours", "2h75", "", True, None, [1]])
def test_bad_durations_are_refused_with_a_hint(text):
    with pytest.raises(ValueError, match="duration|negative"):
        parse_duration(text)


def test_minutes_are_written_for_planners():
    assert [format_minutes(m) for m in (15, 60, 330)] == ["15 min", "1 h", "5 h 30 min"]
    assert parse_duration("1.5 meetings").amount == Fraction(3, 2)


def write(tmp_path, data, name="session.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True) if name.endswith(".yaml") else json.dumps(data), encoding="utf-8")
    return path


def message_for(tmp_path, data, name="session.yaml") -> str:
    path = write(tmp_path, data, name)
    with pytest.raises(InputError) as caught:
        load_instance(path)
    text = str(caught.value)
    assert "\n" not in text and text.startswith(str(path))
    return text


def test_unknown_key_is_named_with_its_path(tmp_path):
    data = base()
    item(data, "2")["estimat"] = "2h"
    text = message_for(tmp_path, data)
    assert "items['2'].estimat: unknown key" in text


def test_bad_estimate_names_the_item_and_the_way_to_write_it(tmp_path):
    data = base()
    item(data, "3")["estimate"] = "three hours"
    assert "items['3'].estimate: 'three hours' is not a duration; write minutes (90)" in message_for(tmp_path, data)


def test_a_bare_number_below_ten_is_refused_as_no_planner_means_minutes(tmp_path):
    data = base()
    item(data, "3")["estimate"] = 2
    text = message_for(tmp_path, data)
    assert "items['3'].estimate: '2' without a unit would be 2 minutes; write '2 min' if that is meant, or '2 h'" in text
    item(data, "3")["estimate"] = 20  # twenty minutes is a plausible estimate: taken as minutes
    loaded = load_instance(write(tmp_path, data))
    assert next(i for i in loaded.items if i.id == "3").estimate.amount == 20


def test_negative_estimate_is_refused(tmp_path):
    data = base()
    item(data, "3")["estimate"] = "-2h"
    assert "negative" in message_for(tmp_path, data)


def test_impossible_date_is_named(tmp_path):
    data = base()
    data["calendar"]["dates"] = ["2030-02-30"]
    assert "calendar.dates[0]" in message_for(tmp_path, data)


def test_unknown_item_in_an_order_rule_is_named(tmp_path):
    data = base()
    item(data, "2")["order"] = {"after": "9"}
    assert "items['2'].order.after: no item '9' in the agenda" in message_for(tmp_path, data)


def test_pin_outside_the_session_is_named(tmp_path):
    data = base()
    item(data, "2")["pin"] = {"date": "2030-04-01"}
    assert "items['2'].pin.date: 2030-04-01 is not a day of the session" in message_for(tmp_path, data)


def test_pin_to_an_unknown_sitting_lists_the_real_ones(tmp_path):
    data = base()
    item(data, "2")["pin"] = {"date": "2030-03-04", "sitting": "evening"}
    assert "use one of morning, afternoon" in message_for(tmp_path, data)


def test_duplicate_ids_are_refused(tmp_path):
    data = base()
    item(data, "3")["id"] = "2"
    assert "id '2' is used twice" in message_for(tmp_path, data)


def test_missing_field_says_to_add_it(tmp_path):
    data = base()
    del data["calendar"]["meetings_granted"]
    assert "calendar.meetings_granted: is required for a single body; add it" in message_for(tmp_path, data)


def test_sitting_ending_before_it_starts(tmp_path):
    data = base()
    data["calendar"]["sittings"] = [{"name": "morning", "start": "13:00", "end": "10:00"}]
    assert "ends at 10:00, not after its start 13:00" in message_for(tmp_path, data)


def test_unknown_time_zone(tmp_path):
    data = base()
    data["session"]["timezone"] = "Europe/Atlantis"
    assert "session.timezone: unknown time zone" in message_for(tmp_path, data)


def test_yaml_syntax_error_gives_line_and_column(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("session:\n  body: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken.yaml: line \d+, column \d+: invalid YAML"):
        load_instance(path)


def test_json_instance_with_the_same_schema(tmp_path):
    assert load_instance(write(tmp_path, base(), "session.json")).items[1].id == "2"


def test_json_syntax_error(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{\"session\": ", encoding="utf-8")
    with pytest.raises(InputError, match="invalid JSON"):
        load_instance(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_instance(tmp_path / "nope.yaml")


def test_a_list_at_the_top_is_not_an_instance(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(InputError, match="expected a mapping"):
        load_instance(path)


def test_numeric_ids_are_read_as_text(tmp_path):
    data = base()
    item(data, "2")["id"] = 2
    assert load_instance(write(tmp_path, data)).items[1].id == "2"
