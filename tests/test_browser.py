"""End to end: the HTML report opened in headless Chromium (Debian's, installed by .ci/run).

The rendered text of the annex table must be the annex, and the timeline must be drawn: its
screenshot is not blank. Without Chromium the test is skipped, unless ORGWORK_REQUIRE_BROWSER=1
(as in CI), where a missing browser is a failure.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess

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
def browser():
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None, "ORGWORK_REQUIRE_BROWSER=1 but no chromium on PATH"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def opened(browser, html: str, folder, name: str = "report.html", width: int = 1100):
    """A tab showing `html`, loaded from a file (as a planner opens it)."""
    path = folder / name
    path.write_text(html, encoding="utf-8")
    tab = browser.new_page(viewport={"width": width, "height": 1500})
    tab.goto(path.as_uri())
    return tab


@pytest.fixture(scope="module")
def page(browser, tmp_path_factory):
    from solver.input.loading import load_instance
    from solver.problem.problem import interpret
    from tests.conftest import REFERENCE, solve_valid

    schedule = solve_valid(interpret(load_instance(REFERENCE)))
    tab = opened(browser, FORMATS["html"].render(schedule), tmp_path_factory.mktemp("html"))
    yield tab, schedule
    tab.close()


@pytest.fixture(scope="module")
def bodies():
    from solver.input.loading import load_instance
    from solver.problem.session import interpret_session
    from solver.solving.session import solve_session
    from tests.conftest import INSTANCES

    return solve_session(interpret_session(load_instance(INSTANCES / "cosp-plenary-cow-2025.yaml")))


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def page_texts(pdf: bytes, folder) -> list[str]:
    """Each printed page's text, in layout (pdftotext), or a skip where poppler is missing."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; the printed pages were not read")
    path = folder / "printed.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[: pages(pdf)]


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


# -- printing --------------------------------------------------------------------------------------


def test_the_reference_report_prints_on_one_a4_page(page):
    tab, _ = page
    assert pages(tab.pdf(prefer_css_page_size=True)) == 1, "no row of the annex or the conventions alone on a second page"


def test_several_bodies_print_a_page_each_at_most_and_no_page_opens_inside_a_meeting(browser, bodies, tmp_path):
    tab = opened(browser, FORMATS["html"].render(bodies), tmp_path)
    pdf = tab.pdf(prefer_css_page_size=True)
    assert pages(pdf) == 4, "the grid, then each body's figures, timeline and annex on a page"
    for text in page_texts(pdf, tmp_path)[1:]:
        lines = [line for line in text.splitlines() if line.strip()]
        if not any(line.lstrip().startswith("Date and time") for line in lines):
            continue
        header = next(n for n, line in enumerate(lines) if line.lstrip().startswith("Date and time"))
        indent = len(lines[header]) - len(lines[header].lstrip())
        first = lines[header + 1]
        assert len(first) - len(first.lstrip()) <= indent, f"a page opens with a day or a sitting, not {first.strip()!r}"


def test_a_year_of_many_bodies_prints_on_a_page_or_so_each(browser, tmp_path):
    from benchmarks.generate import many_bodies
    from solver.input.instance import Instance
    from solver.problem.session import interpret_session
    from solver.solving.session import solve_session

    schedule = solve_session(interpret_session(Instance.model_validate(many_bodies(12, 26, 3, seed=1))))
    html = FORMATS["html"].render(schedule)
    assert len(html) < 200_000, "each body's timeline over its own days, not the half year"
    printed = pages(opened(browser, html, tmp_path).pdf(prefer_css_page_size=True))
    # (each body's timeline over the half year printed 60 pages and more)
    assert printed <= 1.5 * len(schedule.bodies) + 3, f"{printed} pages for {len(schedule.bodies)} bodies and their grid"


# -- what the eye sees -----------------------------------------------------------------------------


def boxes(tab, selector: str) -> list[dict]:
    return tab.eval_on_selector_all(selector, "els => els.map(e => { const r = e.getBoundingClientRect(); "
                                    "return {x: r.x, y: r.y, right: r.right, bottom: r.bottom, height: r.height, text: e.textContent}; })")


def inside(inner: dict, outer: dict, slack: float = 1.5) -> bool:
    return (inner["x"] >= outer["x"] - slack and inner["right"] <= outer["right"] + slack
            and inner["y"] >= outer["y"] - slack and inner["bottom"] <= outer["bottom"] + slack)


def test_block_labels_stay_inside_their_blocks_and_day_labels_beside_them(browser, bodies, tmp_path):
    tab = opened(browser, FORMATS["html"].render(bodies), tmp_path)
    blocks = tab.eval_on_selector_all("svg.timeline g.block", """gs => gs.filter(g => g.querySelector('text')).map(g => {
        const box = e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, right: r.right, bottom: r.bottom}; };
        return [box(g.querySelector('rect')), box(g.querySelector('text')), g.querySelector('text').textContent]; })""")
    assert len(blocks) > 20
    for rect, text, label in blocks:
        assert inside(text, rect), f"the label {label!r} runs out of its block"
    first_cell = min(b["x"] for b in boxes(tab, "svg.timeline rect.meeting"))
    assert max(b["right"] for b in boxes(tab, "svg.timeline text.day-label")) < first_cell, "day labels clear of the sittings"
    legend = boxes(tab, "ul.legend li")
    for a, b in zip(legend, legend[1:]):
        assert a["right"] <= b["x"] + 1 or a["bottom"] <= b["y"] + 1 or b["right"] <= a["x"] + 1, "legend entries do not overlap"


def test_comparison_sittings_on_one_line_and_small_timelines_legible(browser, tmp_path):
    from reports.comparison import render_html
    from tests.conftest import small_comparison

    tab = opened(browser, render_html(small_comparison()), tmp_path, width=1100)
    sittings = [b for b in boxes(tab, "div.panel td.when") if b["text"]]
    line = min(b["height"] for b in sittings)
    assert sittings and all(b["height"] <= line + 1 for b in sittings), "'10 a.m.–1 p.m.' never wraps"
    labels = boxes(tab, "div.panel svg.timeline text.day-label")
    assert labels and min(b["height"] for b in labels) >= 8, "the small timelines' type at least 8 pixels high"


# -- the report in Arabic, read from the right ------------------------------------------------------


@pytest.fixture(scope="module")
def arabic(browser, tmp_path_factory):
    from solver.input.loading import load_instance
    from solver.problem.problem import interpret
    from tests.conftest import INSTANCES, solve_valid

    schedule = solve_valid(interpret(load_instance(INSTANCES / "examples" / "six-languages.yaml")))
    folder = tmp_path_factory.mktemp("arabic")
    tab = opened(browser, FORMATS["html"].render(schedule, language="ar"), folder, "report.ar.html")
    yield tab, folder
    tab.close()


def test_the_arabic_report_runs_from_the_right_and_nothing_overlaps(arabic):
    tab, folder = arabic
    assert tab.evaluate("getComputedStyle(document.body).direction") == "rtl"
    rows = tab.eval_on_selector_all("table.annex tbody tr.item", """rows => rows.map(r => [...r.cells].map(c => {
        const b = c.getBoundingClientRect(); return {x: b.x, right: b.right, y: b.y, bottom: b.bottom, overflow: c.scrollWidth > c.clientWidth + 1}; }))""")
    assert len(rows) > 5
    for when, item, title in rows:
        assert when["x"] > item["x"] > title["x"], "date and time at the right, the title at the left"
        assert title["right"] <= item["x"] + 1 and item["right"] <= when["x"] + 1, "cells side by side, not over one another"
        assert not (when["overflow"] or item["overflow"] or title["overflow"]), "every cell holds its text"
    heads = boxes(tab, "table.annex th")
    assert heads[0]["x"] > heads[-1]["x"], "the first column's head at the right"
    image = Image.open(io.BytesIO(tab.screenshot(full_page=True))).convert("RGB")
    image.save(folder / "report.ar.png")  # kept beside the page, for a look
    assert len(image.getcolors(maxcolors=1 << 20) or []) > 10, "the report is drawn"


def test_the_arabic_text_is_shaped_in_a_font_that_has_its_letters(arabic):
    tab, _ = arabic
    # joined letters are drawn in their connected forms: the word is narrower than its letters
    # drawn apart (a zero-width non-joiner between them), and neither is a row of empty boxes
    widths = tab.evaluate("""() => {
        const measure = text => { const s = document.createElement('span'); s.textContent = text; s.style.fontSize = '40px';
            document.body.appendChild(s); const w = s.getBoundingClientRect().width; s.remove(); return w; };
        const word = 'الاجتماع';
        return [measure(word), measure([...word].join('\\u200c')), measure('\\u0627'), measure('\\u0644')]; }""")
    joined, apart, alef, lam = widths
    assert joined < 0.95 * apart, "Arabic letters joined: the text is shaped"
    assert alef != lam, "the letters have glyphs of their own (not the same empty box): install fonts-noto-core"
