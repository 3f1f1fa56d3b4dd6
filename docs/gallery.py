"""Regenerate the screenshot gallery of the reports, docs/gallery/*.png.

    .venv/bin/python docs/gallery.py            # needs Chromium (apt-get install chromium) and the
                                                # test extras (pip install -e '.[test]': Playwright, Pillow)

Solves the bundled sessions and photographs what a planner opens: the HTML report of the
reference session, of two working groups meeting back to back, of a plenary with a Committee of
the Whole, and the comparison of the reference session's scenarios; the web page of `orgwork
serve` with item 4 of the reference session dragged to Thursday afternoon; and, when LibreOffice
and poppler are installed, the reference session's Word annex as printed. `docs/gallery.py
web-page` takes that one picture only. Each picture is the top of
the page at 1100 pixels wide (at most 1600 high), in a palette of 256 colours, so that the gallery stays small.
Not a test: the pictures change with fonts and browsers; the reports themselves are deterministic.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reports.comparison import render_html as render_comparison  # noqa: E402
from reports.formats import FORMATS  # noqa: E402
from solver.input.loading import load_instance  # noqa: E402
from solver.plans.compare import compare  # noqa: E402
from solver.plans.drafting import draft  # noqa: E402
from solver.plans.scenarios import load_scenarios  # noqa: E402

INSTANCES = ROOT / "instances"
GALLERY = ROOT / "docs" / "gallery"
WIDTH, HEIGHT = 1100, 1600
COLOURS = 256
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]

REPORTS = {
    "reference-report": "ctoc-wg-tip-2017.yaml",
    "two-bodies-report": "ctoc-working-groups-2017.yaml",
    "plenary-committee-report": "cosp-plenary-cow-2025.yaml",
}
SCENARIOS = ("comparison", "ctoc-wg-tip-2017-scenarios.yaml")


def small_png(png: bytes, path: Path) -> None:
    """Save a screenshot in a palette of COLOURS colours (a third of the size, same look; the
    octree keeps a colour few pixels have, such as a legend's swatch, which median cut merges)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.quantize(COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(path, optimize=True)


def pages() -> dict[str, str]:
    """Each picture's HTML page, by the picture's name."""
    out = {name: FORMATS["html"].render(draft(load_instance(INSTANCES / file))) for name, file in REPORTS.items()}
    base, variants = load_scenarios(INSTANCES / SCENARIOS[1])
    out[SCENARIOS[0]] = render_comparison(compare(base, variants))
    return out


def photograph(html: dict[str, str], folder: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("Chromium is not installed (apt-get install chromium); no picture was taken")
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        for name, content in html.items():
            page_file = folder / f"{name}.html"
            page_file.write_text(content, encoding="utf-8")
            tab = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            tab.goto(page_file.as_uri())
            height = min(HEIGHT, tab.evaluate("document.documentElement.scrollHeight"))
            target = GALLERY / f"{name}.png"
            small_png(tab.screenshot(clip={"x": 0, "y": 0, "width": WIDTH, "height": height}), target)
            written.append(target)
            tab.close()
        browser.close()
    return written


def word_annex(folder: Path) -> list[Path]:
    """The reference session's Word annex as LibreOffice prints it, or nothing without LibreOffice."""
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        print("LibreOffice or pdftoppm is missing: the Word annex was not photographed", file=sys.stderr)
        return []
    source = folder / "annex.docx"
    source.write_bytes(FORMATS["docx"].render(draft(load_instance(INSTANCES / REPORTS["reference-report"]))))
    env = {**os.environ, "HOME": str(folder)}
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180, env=env)
    subprocess.run(["pdftoppm", "-r", "80", "-f", "1", "-l", "1", "-png", "-singlefile", str(folder / "annex.pdf"), str(folder / "annex")], check=True)
    target = GALLERY / "reference-word-annex.png"
    small_png((folder / "annex.png").read_bytes(), target)
    return [target]


def web_page(folder: Path) -> list[Path]:
    """`orgwork serve` on a copy of the reference session: item 4 dragged to Thursday afternoon,
    the rule it breaks said beside it."""
    import threading

    from playwright.sync_api import sync_playwright

    from web.app import create_app, make_server

    served = folder / "served"
    served.mkdir()
    shutil.copy(INSTANCES / REPORTS["reference-report"], served)
    server = make_server(create_app(served), 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("Chromium is not installed (apt-get install chromium); no picture was taken")
    target = GALLERY / "web-page.png"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
            tab = browser.new_page(viewport={"width": 1300, "height": 1250})
            tab.goto(f"http://127.0.0.1:{server.server_port}/")
            tab.click(f'tr[data-file="{REPORTS["reference-report"]}"] button')
            tab.wait_for_selector(".holds")
            row = tab.locator('tr.item-row[data-task="4"]').bounding_box()
            into = tab.locator('tbody.meeting[data-date="2017-09-07"][data-sitting="afternoon"] tr.item-row').last.bounding_box()
            tab.mouse.move(row["x"] + 30, row["y"] + row["height"] / 2)
            tab.mouse.down()
            tab.mouse.move(row["x"] + 30, row["y"], steps=3)
            tab.mouse.move(into["x"] + 30, into["y"] + into["height"] * 0.8, steps=12)
            tab.mouse.up()
            tab.wait_for_selector("tr.note")
            small_png(tab.screenshot(), target)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return [target]


def main(names: list[str]) -> None:
    GALLERY.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if names == ["web-page"]:
            written = web_page(folder)
        else:
            written = photograph(pages(), folder) + web_page(folder) + word_annex(folder)
    total = sum(path.stat().st_size for path in written)
    for path in written:
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")
    print(f"{len(written)} pictures, {total // 1024} KB in all")


if __name__ == "__main__":
    main(sys.argv[1:])
