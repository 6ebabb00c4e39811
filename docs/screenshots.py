"""The screenshots of the Roeselare site in ``docs/_static/``: four pages on a laptop and a phone.

Run from the repository (``.venv/bin/python docs/screenshots.py``) with Debian's ``chromium``
and Playwright's Python package; not part of the test run. It writes the site of
``examples/roeselare`` into a temporary directory and takes the top of the overview, chapter 7,
the findings and the timeline at 1366 and 390 CSS px wide, as ``screenshot-<page>-<width>.png``.
Only the first screen of each page is taken, to keep the pictures small.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from eccar_plan import Plugins, get_plugin_manager, load_plan_document, write_report

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "docs" / "_static"
PAGES = {
    "overview": "index.html",
    "chapter": "chapter-7.html",
    "findings": "findings.html",
    "timeline": "timeline.html",
}
SCREENS = {1366: 900, 390: 844}
"""Width and height of each screen, in CSS px: a laptop and a phone."""
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main() -> None:
    plugins = Plugins(get_plugin_manager())
    document = load_plan_document(ROOT / "examples" / "roeselare", plugins=plugins)
    with tempfile.TemporaryDirectory() as temporary, sync_playwright() as playwright:
        site = write_report(plugins.report_formats["html"], document, Path(temporary) / "site")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for width, height in SCREENS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, file in PAGES.items():
                page.goto((site / file).as_uri())
                target = STATIC / f"screenshot-{name}-{width}.png"
                page.screenshot(path=str(target))
                print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KiB")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
