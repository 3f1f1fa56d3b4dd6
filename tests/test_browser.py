"""End to end: the HTML report opened in headless Chromium (Debian's, installed by .ci/run).

The rendered text of the annex table must be the annex, and the timeline must be drawn: its
screenshot is not blank. Without Chromium the test is skipped, unless ORGWORK_REQUIRE_BROWSER=1
(as in CI), where a missing browser is a failure.
"""

from __future__ import annotations

import io
import os
import shutil

import pytest
from PIL import Image

from reports.annex import COLUMNS, annex_rows
from reports.formats import FORMATS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

if CHROMIUM is None and os.environ.get("ORGWORK_REQUIRE_BROWSER") != "1":
    pytest.skip("Chromium is not installed (apt-get install chromium); the browser test did not run", allow_module_level=True)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    from solver.input.loading import load_instance
    from solver.problem.problem import interpret
    from tests.conftest import REFERENCE, solve_valid

    assert CHROMIUM is not None, "ORGWORK_REQUIRE_BROWSER=1 but no chromium on PATH"
    schedule = solve_valid(interpret(load_instance(REFERENCE)))
    report = tmp_path_factory.mktemp("html") / "report.html"
    report.write_text(FORMATS["html"].render(schedule), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page(viewport={"width": 1100, "height": 1500})
        tab.goto(report.as_uri())
        yield tab, schedule
        browser.close()


def test_rendered_annex_text_is_the_annex(page):
    tab, schedule = page
    rendered = [line.split("\t") for line in tab.inner_text("table.annex").splitlines()]
    rows = [tuple(cell.strip() for cell in line) for line in rendered]
    expected = [COLUMNS, *[row.cells() for row in annex_rows(schedule)]]
    assert [tuple(c for c in row if c) for row in rows] == [tuple(c for c in row if c) for row in expected]


def test_timeline_is_drawn(page):
    tab, _ = page
    box = tab.locator("svg.timeline").bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 100
    image = Image.open(io.BytesIO(tab.locator("svg.timeline").screenshot())).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    non_white = sum(count for count, colour in colours if colour != (255, 255, 255))
    assert len(colours) > 10, "the timeline screenshot is blank"
    assert non_white > 0.2 * image.width * image.height


def test_report_prints_to_a4_pdf(page):
    tab, _ = page
    pdf = tab.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
