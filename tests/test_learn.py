"""`orgwork learn`: estimates from past schedules (orgwork JSON, published annexes as CSV, Excel
or Word, timed as check times them), per role and kind and per title, which `orgwork import
--estimates` then uses."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from cli import main
from solver.input.agenda_import import import_agenda
from solver.input.agenda_import.estimates import load_estimates
from tests.conftest import GOLDEN, ROOT

EXAMPLES = ROOT / "instances" / "examples"
AGENDA = EXAMPLES / "agenda-ctoc-wg-tip-2017.txt"
DRAFT = GOLDEN / "ctoc-wg-tip-2017.json"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def learned(tmp_path, *sources) -> dict:
    output = tmp_path / "estimates.yaml"
    result = run("learn", *map(str, sources), "-o", str(output))
    assert result.exit_code == 0, result.output
    return yaml.safe_load(output.read_text(encoding="utf-8"))


def test_a_json_schedule_gives_the_time_each_item_was_allotted(tmp_path):
    estimates = learned(tmp_path, DRAFT)
    assert estimates["roles"] == {
        "opening": {"estimate": "15 min", "items": 2, "sessions": 1},
        "other-matters": {"estimate": "15 min", "items": 1, "sessions": 1},
        "report": {"estimate": "1 h", "items": 1, "sessions": 1},
        "substantive": {"estimate": "5 h 45 min", "items": 2, "sessions": 1},  # 5 h 30 min and 6 h
    }
    assert {t["title"]: t["estimate"] for t in estimates["titles"]}["Preparation of the questionnaire to review the implementation of the Trafficking in Persons Protocol"] == "6 h"


def test_an_annex_without_times_shares_each_meeting_among_its_items_as_check_does(tmp_path):
    estimates = learned(tmp_path, EXAMPLES / "edited-annex.csv")  # item 4 moved to Thursday afternoon, beside item 3
    titles = {t["title"]: t["estimate"] for t in estimates["titles"]}
    assert titles["Other matters"] == "15 min" and titles["Adoption of the report"] == "1 h"
    assert titles["Preparation of the questionnaire to review the implementation of the Trafficking in Persons Protocol"] == "5 h 45 min"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".docx"])
def test_published_annexes_in_every_format_give_what_the_json_gives(tmp_path, suffix):
    annex = tmp_path / f"annex{suffix}"
    assert run("export", str(DRAFT), "-o", str(annex)).exit_code == 0
    assert learned(tmp_path, annex)["roles"] == learned(tmp_path, DRAFT)["roles"]


def test_several_sessions_count_items_and_sessions(tmp_path):
    estimates = learned(tmp_path, DRAFT, EXAMPLES / "edited-annex.csv")
    assert estimates["roles"]["opening"] == {"estimate": "15 min", "items": 4, "sessions": 2}
    assert all(t["sessions"] == 2 for t in estimates["titles"])


def test_import_uses_the_estimates_learned(tmp_path):
    learned(tmp_path, DRAFT, EXAMPLES / "edited-annex.csv")
    imported = import_agenda(AGENDA, tmp_path / "estimates.yaml")
    lines = imported.text.splitlines()
    assert "    estimate: 5 h 50 min  # from past sessions: this title, median of 2 items in 2 sessions" in lines  # 6 h and 5 h 45 min
    assert "from past sessions" in imported.summary[-3]
    unseen = tmp_path / "unseen.txt"
    unseen.write_text(AGENDA.read_text(encoding="utf-8").replace("Preparation of the questionnaire", "Review of the questionnaire"), encoding="utf-8")
    assert "    estimate: 5 h 40 min  # from past sessions: a substantive item, median of 4 items in 2 sessions" in import_agenda(unseen, tmp_path / "estimates.yaml").text.splitlines()
    assert load_estimates(tmp_path / "estimates.yaml").roles["report"].sessions == 2


def test_a_broken_annex_or_estimates_file_is_one_line_and_nothing_is_written(tmp_path):
    annex = tmp_path / "annex.csv"
    annex.write_text("Day,Item,Title\n", encoding="utf-8")
    result = run("learn", str(annex), "-o", str(tmp_path / "estimates.yaml"))
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1 and "expected the annex header" in result.stderr
    assert not (tmp_path / "estimates.yaml").exists()
    bad = tmp_path / "bad.yaml"
    bad.write_text("roles: {opening: {estimate: soon, items: 1, sessions: 1}}\n", encoding="utf-8")
    result = run("import", str(AGENDA), "--estimates", str(bad), "-o", str(tmp_path / "instance.yaml"))
    assert result.exit_code == 1 and "bad.yaml" in result.stderr and not (tmp_path / "instance.yaml").exists()
    result = run("learn", str(DRAFT), "-o", str(DRAFT))
    assert result.exit_code == 1 and "is the input file" in result.stderr
