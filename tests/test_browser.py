"""The HTML report of the Roeselare example in a real browser: headless Chromium.

Checks what only a browser can: the pages load with no console error and no network request,
the keyboard reaches the content, and the axe-core accessibility engine finds no serious or
critical violation. Screenshots of the overview and of a chapter page are kept in
``build/test-artefacts/``.

Needs Debian's ``chromium`` and ``node_modules/axe-core`` (``npm ci``); ``.ci/run`` installs both.
Elsewhere the test is skipped, unless ``ECCAR_PLAN_REQUIRE_BROWSER_TEST`` is set (as in CI).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eccar_plan import PlanDocument, Plugins, write_report

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTEFACTS = ROOT / "build" / "test-artefacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return "Debian's chromium is not installed (apt-get install chromium)"
    if not AXE.is_file():
        return "axe-core is not installed (npm ci)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    reason = _missing()
    if reason is not None:
        if os.environ.get("ECCAR_PLAN_REQUIRE_BROWSER_TEST"):
            pytest.fail(f"the browser test must run here, but {reason}")
        pytest.skip(reason)
    plugins: Plugins = request.getfixturevalue("roeselare_plugins")
    document: PlanDocument = request.getfixturevalue("roeselare")
    output = tmp_path_factory.mktemp("site") / "roeselare"
    write_report(plugins.report_formats["html"], document, output)
    return output


@pytest.fixture(scope="module")
def browser(site: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def open_page(browser: Any, url: str) -> tuple[Any, list[str], list[str]]:
    """A page at *url*, with the console errors and the non-file requests it makes."""
    # bypass_csp: the pages forbid inline scripts; the test injects axe-core into them
    page = browser.new_page(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file:") else None)
    page.goto(url)
    page.wait_for_load_state("load")
    return page, errors, requests


def pages(site: Path) -> list[Path]:
    return sorted(site.glob("*.html"))


def test_every_page_loads_without_errors_or_network(browser: Any, site: Path) -> None:
    assert len(pages(site)) >= 12  # overview, ten chapters, coverage, timeline, actors, findings
    for path in pages(site):
        page, errors, requests = open_page(browser, path.as_uri())
        page.close()
        assert (path.name, errors, requests) == (path.name, [], [])


def test_the_keyboard_reaches_the_content(browser: Any, site: Path) -> None:
    page, _, _ = open_page(browser, (site / "index.html").as_uri())
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")
    target = page.evaluate("document.activeElement.closest('main') !== null || location.hash")
    page.close()
    assert first  # the first Tab lands on something with a name: the skip link
    assert target


def test_the_filter_works_with_the_keyboard(browser: Any, site: Path) -> None:
    page, errors, _ = open_page(browser, (site / "chapter-7.html").as_uri())
    search = page.locator("input[type=search]").first
    if search.count() == 0:
        page.close()
        pytest.fail("the chapter page has no search field")
    search.focus()
    page.keyboard.type("Fonds")
    page.wait_for_timeout(300)
    visible = page.evaluate(
        "[...document.querySelectorAll('[data-search]')]"
        ".filter(e => e.offsetParent !== null).length"
    )
    page.close()
    assert errors == []
    assert visible >= 1


@pytest.mark.parametrize(
    "name",
    [
        "index.html",
        "chapter-1.html",
        "coverage.html",
        "timeline.html",
        "actors.html",
        "findings.html",
    ],
)
def test_axe_finds_no_serious_violation(browser: Any, site: Path, name: str) -> None:
    page, _, _ = open_page(browser, (site / name).as_uri())
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    if name in ("index.html", "chapter-1.html"):
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / f"roeselare-{name}.png"), full_page=False)
    page.close()
    serious = [
        (v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


# -- site (issue 10): the chapter's text in the search, the findings collapsed and printed ----


def _shown(page: Any, selector: str) -> int:
    return int(
        page.evaluate(
            f"[...document.querySelectorAll({selector!r})].filter(e => e.checkVisibility()).length"
        )
    )


def test_the_search_matches_a_chapters_title_and_description(browser: Any, site: Path) -> None:
    # "huisvesting" is in the title of chapter 7 and in only one objective's own text
    page, errors, _ = open_page(browser, (site / "search.html").as_uri() + "?q=huisvesting")
    chapters = page.evaluate(
        "[...document.querySelectorAll('[data-filter-group]')].filter(g => !g.hidden)"
        ".map(g => g.querySelector('.item-id').textContent)"
    )
    objectives = _shown(page, "#search-list [data-kind=objective]")
    page.close()
    assert errors == []
    assert chapters == ["7"]
    assert objectives == 6  # every objective of chapter 7


def test_the_findings_are_collapsed_on_screen_and_all_printed(browser: Any, site: Path) -> None:
    page, errors, _ = open_page(browser, (site / "findings.html").as_uri())
    page.set_viewport_size({"width": 390, "height": 844})
    total = page.locator(".finding").count()
    on_screen = _shown(page, ".finding")
    height = page.evaluate("document.documentElement.scrollHeight")
    page.emulate_media(media="print")
    printed = _shown(page, ".finding")
    page.close()
    assert errors == []
    assert (total, on_screen, printed) == (32, 0, 32)
    assert height < 6000  # the 32 cards used to make a 14,600 px page on a phone
