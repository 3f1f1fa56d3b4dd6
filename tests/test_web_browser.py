"""The web page in Debian's Chromium, driven by Playwright, as a planner uses it: open the
reference session, see its annex, drag item 4 to Thursday afternoon (a row, then a block of the
timeline) and see the rule it breaks beside it, re-plan and see the moves, change an estimate
in the form, compare the reference scenarios, export Word and read it back.

One server and one browser for the module; the steps run in order on one tab. A screenshot of
each step is written to tests/artefacts/web/ (not kept in the repository). Without Chromium the
module is skipped, unless ORGWORK_REQUIRE_BROWSER=1 (as in CI).
"""

from __future__ import annotations

import os
import shutil
import threading

import pytest

from tests.conftest import GOLDEN, INSTANCES, ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ARTEFACTS = ROOT / "tests" / "artefacts" / "web"
REFERENCE = "ctoc-wg-tip-2017.yaml"
SCENARIOS = "ctoc-wg-tip-2017-scenarios.yaml"
THURSDAY_AFTERNOON = 'tbody.meeting[data-date="2017-09-07"][data-sitting="afternoon"]'

if CHROMIUM is None and os.environ.get("ORGWORK_REQUIRE_BROWSER") != "1":
    pytest.skip("Chromium is not installed (apt-get install chromium); the web page's browser tests did not run", allow_module_level=True)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from web.app import create_app, make_server

    folder = tmp_path_factory.mktemp("served")
    for name in (REFERENCE, SCENARIOS):
        shutil.copy(INSTANCES / name, folder / name)
    server = make_server(create_app(folder), 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", folder
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def tab(served):
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None, "ORGWORK_REQUIRE_BROWSER=1 but no chromium on PATH"
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1400}, accept_downloads=True)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(served[0] + "/")
        yield page
        assert not errors, f"the page's script failed: {errors}"
        browser.close()


def shot(tab, name: str) -> None:
    tab.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)


def drag(tab, source, target, below: float = 0.8) -> None:
    """Press on `source`, move in small steps to `target` (at `below` of its height), release."""
    source.scroll_into_view_if_needed()
    start, end = source.bounding_box(), target.bounding_box()
    tab.mouse.move(start["x"] + 30, start["y"] + start["height"] / 2)
    tab.mouse.down()
    tab.mouse.move(start["x"] + 30, start["y"] + start["height"] / 2 - 8, steps=3)
    tab.mouse.move(end["x"] + 30, end["y"] + end["height"] * below, steps=12)
    tab.mouse.up()


def annex_rows(tab) -> list[tuple[str, ...]]:
    rows = tab.eval_on_selector_all("table.annex tr", "rows => rows.filter(r => r.offsetParent !== null).map(r => "
                                    "Array.from(r.cells).map(c => c.innerText.trim()))")
    return [tuple(cell for cell in row if cell) for row in rows[1:]]


def test_1_the_reference_session_opens_with_the_annex_as_the_seed_prints_it(tab):
    from reports.annex import annex_rows as printed_rows
    from reports.formats import FORMATS
    from solver.schedule import Schedule

    shot(tab, "1-files")
    tab.click(f'tr[data-file="{REFERENCE}"] button')
    tab.wait_for_selector(".holds")
    shot(tab, "2-draft")
    seed = Schedule.model_validate_json((GOLDEN / "ctoc-wg-tip-2017.json").read_text(encoding="utf-8"))
    printed = (GOLDEN / "ctoc-wg-tip-2017.txt").read_text(encoding="utf-8")
    assert FORMATS["table"].render(seed) == printed, "the golden annex is the seed's"
    expected = [tuple(cell for cell in row.cells() if cell) for row in printed_rows(seed)]
    assert annex_rows(tab) == expected
    flat = " ".join(printed.split())
    assert all(" ".join(row[-1].split()) in flat for row in annex_rows(tab))
    assert "Meetings used: 5 of 5 granted" in tab.inner_text("ul.figures")
    assert tab.locator("svg.timeline g.block[data-task]").count() == 8


def test_2_dragging_item_4_to_thursday_afternoon_reports_the_rule_beside_it(tab):
    drag(tab, tab.locator('tr.item-row[data-task="4"]'), tab.locator(f"{THURSDAY_AFTERNOON} tr.item-row").last)
    note = tab.locator(f"{THURSDAY_AFTERNOON} tr.note").first
    note.wait_for()
    shot(tab, "3-item-4-moved")
    assert "Other matters just before the report" in note.inner_text()
    assert "Other matters just before the report" in tab.inner_text("ul.violations")
    assert tab.locator(f"{THURSDAY_AFTERNOON} tr.item-row.moved").get_attribute("data-task") == "4"
    assert tab.locator('svg.timeline g.block.broken[data-task="4"]').count() == 1


def test_3_a_block_of_the_timeline_moves_the_same_way(tab):
    tab.click("button[data-action=undo]")
    # the page before the undo also shows '.holds' elsewhere: wait until the undone draft is drawn
    # (no row marked moved, no broken block), or the drag below starts on a page being replaced
    tab.wait_for_function("() => !document.querySelector('tr.item-row.moved') && !document.querySelector('svg.timeline g.block.broken')")
    tab.wait_for_selector(".holds")
    block = tab.locator('svg.timeline g.block[data-task="4"]')
    cell = tab.locator('svg.timeline rect[data-date="2017-09-07"][data-sitting="afternoon"]')
    block.scroll_into_view_if_needed()
    start, end = block.bounding_box(), cell.bounding_box()
    tab.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    tab.mouse.down()
    tab.mouse.move(end["x"] + end["width"] - 5, end["y"] + end["height"] / 2, steps=10)
    tab.mouse.up()
    tab.locator(f"{THURSDAY_AFTERNOON} tr.note").first.wait_for()
    shot(tab, "4-block-moved")
    assert [r[-1] for r in annex_rows(tab) if r[0] == "4"][:1] == ["Other matters moved by you"]
    assert "Other matters just before the report" in tab.inner_text("ul.violations")


def test_4_replanning_lists_the_moves(tab):
    tab.click("button[data-action=replan]")
    tab.wait_for_selector("section.replanned")
    shot(tab, "5-replanned")
    said = tab.inner_text("section.replanned")
    assert "item 4: Thursday, 7 September, afternoon → Friday, 8 September, morning" in said
    assert "was not kept" in said and "Other matters just before the report" in said
    assert tab.locator(".holds").is_visible()


def test_5_an_estimate_changed_in_the_form_is_checked_at_once(tab):
    form = tab.locator('form[data-api="/api/edit"]:has(input[name="kind"][value="estimate"])')
    form.locator('select[name="item"]').select_option("3")
    form.locator('input[name="estimate"]').fill("7h")
    form.locator("button").click()
    tab.wait_for_selector("ul.violations")
    shot(tab, "6-estimate-changed")
    assert "Time for each item" in tab.inner_text("ul.violations")
    assert "estimate of item 3: 7h" in tab.inner_text("section.changes")
    tab.click("button[data-action=reset]")
    tab.wait_for_selector(".holds")


def test_6_export_word_and_read_it_back(tab, tmp_path):
    import docx

    with tab.expect_download() as download:
        tab.click('a.export[href$="format=docx"]')
    path = tmp_path / "annex.docx"
    download.value.save_as(path)
    rows = [[cell.text for cell in row.cells] for table in docx.Document(str(path)).tables for row in table.rows]
    assert rows[0][:3] == ["Date and time", "Agenda item", "Title or description"]
    assert ["10 a.m.–1 p.m.", "4", "Other matters"] in [row[:3] for row in rows]


def test_7_the_reference_scenarios_compared(tab, served):
    tab.goto(served[0] + "/")
    tab.click(f'tr[data-file="{SCENARIOS}"] button')
    tab.wait_for_selector("table.figures")
    shot(tab, "7-scenarios")
    header = tab.inner_text("table.figures thead")
    assert "Four meetings instead of five" in header and "Three meetings only" in header
    assert tab.locator("div.panel").count() == 8
