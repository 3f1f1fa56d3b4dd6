"""Will it hold? The chance that a draft holds when items overrun, and where it breaks: each test
one point of the policy, on small sessions (two days, two meetings a day)."""

from __future__ import annotations

import json

import numpy as np
import yaml
import pytest
from click.testing import CliRunner

from cli import main
from solver.check.validate import validate
from solver.errors import InputError
from solver.input.instance import Instance
from solver.plans.drafting import draft
from solver.plans.reliability import reliable_draft
from solver.plans.risk import assess, plans
from solver.plans.risk.durations import DEFAULT_SPREADS, learned_spreads, spread_for
from solver.plans.risk.simulate import simulate
from solver.problem.problem import interpret
from tests.conftest import GOLDEN, INSTANCES, REFERENCE, base, item

SAMPLES = 2000
STILL = {key: 0.0 for key in DEFAULT_SPREADS}  # every item takes exactly its estimate


def tight() -> dict:
    """Four meetings and an agenda that fills them to the minute."""
    data = base()
    item(data, "2")["estimate"] = "315 min"
    item(data, "3")["estimate"] = "315 min"
    return data


def with_free_sittings() -> dict:
    """The same agenda over four days: eight meetings granted as a ceiling, four needed."""
    data = tight()
    data["calendar"] = {"dates": ["2030-03-04", "2030-03-05", "2030-03-06", "2030-03-07"], "meetings_granted": 8}
    data["rules"] = {"hold_meetings_granted": False}
    return data


def judged(data: dict, samples: int = SAMPLES, seed: int = 0):
    instance = Instance.model_validate(data)
    schedule = draft(instance)
    return instance, schedule, assess(instance, schedule, samples, seed).bodies[0]


def test_a_session_without_slack_is_unlikely_to_hold_and_the_simulation_names_where_it_breaks():
    _, _, risk = judged(tight())
    assert risk.fits < 0.4
    assert risk.overrun_p90 > 30
    by_number = {m.number: m for m in risk.meetings}
    assert risk.breaks and by_number[risk.breaks[0]].breaks_here == max(m.breaks_here for m in risk.meetings)
    assert by_number[risk.breaks[0]].late > 0.5
    assert by_number[1].late < 0.01  # the opening items barely move


def test_a_session_with_free_sittings_at_the_end_is_likely_to_fit_the_meetings_granted():
    _, schedule, risk = judged(with_free_sittings())
    assert len(schedule.meetings) == 4
    assert risk.fits > 0.95  # the body may hold the free sittings when the work runs over
    assert risk.holds < 0.4  # but the draft's own four meetings are as tight as before


def test_with_zero_spread_the_simulation_reproduces_the_draft_exactly():
    data = base(rules={"spreads": STILL})
    instance = Instance.model_validate(data)
    schedule = draft(instance)
    ((_, plan),) = plans(instance, schedule)
    run = simulate(plan, np.repeat(plan.estimates[:, None], 5, axis=1))
    assert (run.starts == plan.planned_start[:, None]).all() and (run.ends == plan.planned_end[:, None]).all()
    risk = assess(instance, schedule, 500).bodies[0]
    assert (risk.fits, risk.holds, risk.overrun_mean, risk.overrun_p90, risk.breaks) == (1.0, 1.0, 0.0, 0.0, [])
    assert all(m.late == 0 for m in risk.meetings) and all(i.on_planned_day == 1 for i in risk.items)


def test_the_same_seed_gives_the_same_figures_and_another_seed_others():
    instance, schedule, _ = judged(tight())
    first, again, other = (assess(instance, schedule, 3000, seed).to_json() for seed in (7, 7, 8))
    assert first == again
    assert first != other


def test_the_figures_are_the_same_bytes_in_one_process_or_in_several():
    instance, schedule, _ = judged(tight())
    alone = assess(instance, schedule, 20_000, 1, processes=1).to_json()
    assert assess(instance, schedule, 20_000, 1, processes=2).to_json() == alone


def test_a_pinned_item_holds_its_sitting_while_the_debate_before_it_runs_late():
    data = base()
    item(data, "2")["spread"] = 1.0  # a debate that may run very long
    item(data, "3")["pin"] = {"date": "2030-03-05", "sitting": "morning"}
    _, schedule, risk = judged(data)
    on_day = {i.id: i.on_planned_day for i in risk.items}
    assert on_day["3"] == 1.0
    assert risk.overrun_mean > 0


def test_the_report_stays_in_the_last_meeting_which_runs_over():
    _, _, risk = judged(tight())
    report = next(i for i in risk.items if i.id == "5")
    assert report.on_planned_day == 1.0
    assert risk.meetings[-1].late == pytest.approx(1 - risk.holds, abs=0.001)


def test_an_overrun_pushes_what_follows():
    data = tight()
    data["rules"] = {"spreads": {**STILL, "substantive": 0.5}}
    _, _, risk = judged(data, 3000)
    on_day = [i.on_planned_day for i in risk.items]
    assert on_day[0] == 1.0 and min(on_day) < 1.0


def test_spreads_come_from_the_item_then_its_role_then_its_kind():
    assert spread_for("none", True, 0.45, {"substantive": 0.2}) == 0.45
    assert spread_for("report", False, None, {"report": 0.35, "procedural": 0.05}) == 0.35
    assert spread_for("other-matters", False, None, {"procedural": 0.05}) == 0.05
    assert spread_for("report", False, None, {}) == DEFAULT_SPREADS["report"]
    assert spread_for("event", False, None, {"procedural": 0.3}) == 0.0  # fixed events hold


def test_a_misspelt_role_in_the_spreads_is_refused():
    with pytest.raises(ValueError, match="spreads"):
        Instance.model_validate(base(rules={"spreads": {"debates": 0.3}}))


def test_spreads_can_be_learned_from_past_items_estimates_and_times():
    learned = learned_spreads({"substantive": [(180, 180), (180, 240), (120, 100)], "report": [(60, 60)]})
    assert set(learned) == {"substantive"} and 0.1 < learned["substantive"] < 0.3


def test_a_schedule_that_breaks_the_rules_is_refused():
    instance = Instance.model_validate(base())
    schedule = draft(instance)
    broken = schedule.model_copy(update={"meetings": schedule.meetings[1:]})
    with pytest.raises(InputError, match="orgwork check"):
        assess(instance, broken)


def test_a_reliable_draft_reaches_its_target_on_fresh_samples_and_meets_every_rule():
    instance = Instance.model_validate(with_free_sittings())
    schedule = reliable_draft(instance, 0.9)
    record = schedule.reliability
    assert record.reached and record.probability >= 0.9
    assert record.plain_probability < 0.9 and record.buffer > 0
    assert record.meetings_used > record.plain_meetings_used  # what it cost
    assert validate(interpret(instance), schedule).ok
    fresh = assess(instance, schedule, 10_000, seed=20_261_202).bodies[0]
    assert fresh.holds >= 0.88
    estimates = {i.id: i.estimate_minutes for i in schedule.items}
    assert estimates["2"] == 315  # the file's estimates, not the buffered ones


def test_a_target_out_of_reach_gives_the_most_reliable_draft_found_marked_so():
    instance = Instance.model_validate(tight())
    record = reliable_draft(instance, 0.99).reliability
    assert not record.reached and record.tried[-1].probability is None
    assert record.probability == max(t.probability for t in record.tried if t.probability is not None)


def test_risk_on_the_command_line_as_text_json_and_the_html_report(tmp_path):
    runner = CliRunner()
    draft_file = str(GOLDEN / "ctoc-wg-tip-2017.json")
    text = runner.invoke(main, ["risk", str(REFERENCE), draft_file, "--samples", "2000"])
    assert text.exit_code == 0, text.output
    assert "Every item taken up within the 5 meetings granted" in text.output and "Most likely to break" in text.output
    shown = runner.invoke(main, ["risk", str(REFERENCE), draft_file, "--samples", "2000", "--format", "json"])
    figures = json.loads(shown.output)
    assert figures["format"] == "orgwork-risk/1" and figures["samples"] == 2000
    assert [m["number"] for m in figures["bodies"][0]["meetings"]] == [1, 2, 3, 4, 5]
    page = tmp_path / "risk.html"
    written = runner.invoke(main, ["risk", str(REFERENCE), draft_file, "--samples", "2000", "-o", str(page)])
    assert written.exit_code == 0, written.output
    html = page.read_text(encoding="utf-8")
    assert "Will it hold?" in html and html.count('class="late"') == 5


def test_solve_with_reliability_prints_its_probability_and_cost(tmp_path):
    result = CliRunner().invoke(main, ["solve", str(INSTANCES / "examples" / "sittings-to-spare.yaml"), "--reliability", "0.9",
                                       "-o", str(tmp_path / "d.json")])
    assert result.exit_code == 0, result.output
    assert "Reliability: holds with probability" in result.stderr and "reached" in result.stderr
    assert json.loads((tmp_path / "d.json").read_text())["reliability"]["reached"] is True


def test_orgwork_learn_learns_spreads_from_past_sessions_and_import_puts_them_in_the_rules(tmp_path):
    past = json.loads((GOLDEN / "ctoc-wg-tip-2017.json").read_text(encoding="utf-8"))
    files = []
    for n, factor in enumerate((1.0, 1.25, 0.8)):
        session = json.loads(json.dumps(past))
        for record in session["items"]:
            record["allotted_minutes"] = round(record["allotted_minutes"] * (factor if record["kind"] == "substantive" else 1))
        files.append(tmp_path / f"session-{n}.json")
        files[-1].write_text(json.dumps(session), encoding="utf-8")
    runner = CliRunner()
    learned = runner.invoke(main, ["learn", *map(str, files), "-o", str(tmp_path / "estimates.yaml")])
    assert learned.exit_code == 0, learned.output
    estimates = (tmp_path / "estimates.yaml").read_text(encoding="utf-8")
    spreads = yaml.safe_load(estimates)["spreads"]
    assert 0.1 < spreads["substantive"] < 0.3 and spreads["report"] == 0  # reports kept their hour
    imported = runner.invoke(main, ["import", str(INSTANCES / "examples" / "agenda-ctoc-wg-tip-2017.txt"), "--estimates",
                                    str(tmp_path / "estimates.yaml"), "-o", str(tmp_path / "instance.yaml")])
    assert imported.exit_code == 0, imported.output
    instance = Instance.model_validate(yaml.safe_load((tmp_path / "instance.yaml").read_text(encoding="utf-8")))
    assert instance.rules.spreads["substantive"] == spreads["substantive"]


def test_the_ray_engine_is_refused_with_the_reason_and_the_engine_chosen():
    result = CliRunner().invoke(main, ["risk", str(REFERENCE), str(GOLDEN / "ctoc-wg-tip-2017.json"), "--engine", "ray"])
    assert result.exit_code == 1 and "--engine dask" in result.output and "Traceback" not in result.output
