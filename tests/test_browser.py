"""The HTML report of the Roeselare example in a real browser: headless Chromium.

Checks what only a browser can: the pages load with no console error and no network request,
the keyboard reaches the content and the filters work. Every page of the site and the single
file, at 320, 390 and 1366 CSS px, is audited once (:func:`audits`): the page never scrolls
sideways (WCAG 1.4.10), no chart text is drawn under 12 px, the axe-core engine and
HTML_CodeSniffer (the engine of pa11y, standard WCAG2AA) find nothing, and no text is in
another language than the page's without a ``lang`` saying so (:mod:`english`). Screenshots
of the overview and of a chapter page are kept in ``build/test-artefacts/``.

Needs Debian's ``chromium`` and ``node_modules`` (``npm ci``: axe-core, html_codesniffer);
``.ci/run`` installs both. Elsewhere the test is skipped, unless ``ECCAR_PLAN_REQUIRE_BROWSER_TEST``
is set (as in CI).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from eccar_plan import PlanDocument, Plugins, run_checks, write_report
from english import EnglishDetector, catalog_labels, english_texts

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
HTMLCS = ROOT / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
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
WIDTHS = (320, 390, 1366)
SINGLE = "single-file"
"""The name the single-file report goes by among the pages."""


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return "Debian's chromium is not installed (apt-get install chromium)"
    for engine in (AXE, HTMLCS):
        if not engine.is_file():
            return f"{engine.relative_to(ROOT)} is not installed (npm ci)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """The Roeselare site, and beside it (``roeselare.html``) the single file."""
    reason = _missing()
    if reason is not None:
        if os.environ.get("ECCAR_PLAN_REQUIRE_BROWSER_TEST"):
            pytest.fail(f"the browser test must run here, but {reason}")
        pytest.skip(reason)
    plugins: Plugins = request.getfixturevalue("roeselare_plugins")
    document: PlanDocument = request.getfixturevalue("roeselare")
    output = tmp_path_factory.mktemp("site")
    write_report(plugins.report_formats["html"], document, output / "roeselare")
    write_report(plugins.report_formats["html-single"], document, output / "roeselare.html")
    return output / "roeselare"


@pytest.fixture(scope="module")
def browser(site: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def open_page(browser: Any, url: str, width: int = 1280) -> tuple[Any, list[str], list[str]]:
    """A page at *url*, with the console errors and the non-file requests it makes."""
    # bypass_csp: the pages forbid inline scripts; the test injects the engines into them
    page = browser.new_page(viewport={"width": width, "height": 900}, bypass_csp=True)
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


def every_page(site: Path) -> dict[str, Path]:
    """Every page of the site by its file name, and the single file."""
    return {**{path.name: path for path in pages(site)}, SINGLE: site.with_suffix(".html")}


# -- what the browser shows, page by page ---------------------------------------------------------

_LAYOUT = """() => {
  const root = document.documentElement;
  const small = [];
  for (const text of document.querySelectorAll("svg text")) {
    if (text.getClientRects().length === 0) continue;  // not rendered: the chart gave way
    const m = text.getScreenCTM();
    const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.a, m.b);
    if (size < 12) small.push(text.textContent.trim().slice(0, 40) + " " + size.toFixed(1));
  }
  return {width: root.scrollWidth, viewport: root.clientWidth, small: small};
}"""

_TEXTS = """() => {
  const lang = (e) => (e.closest("[lang]") || document.documentElement).getAttribute("lang");
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (element.closest("script, style, noscript, code")) continue;
    const text = node.nodeValue.replace(/\\s+/g, " ").trim();
    if (text) found.push([text, lang(element), element.tagName.toLowerCase()]);
  }
  for (const element of document.body.querySelectorAll("[aria-label]")) {
    found.push([element.getAttribute("aria-label"), lang(element), "@aria-label"]);
  }
  return {lang: document.documentElement.lang, texts: found};
}"""

_HTMLCS_ERRORS = """() => new Promise(resolve => HTMLCS.process("WCAG2AA", document, () => resolve(
  HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR).map(m =>
    m.code.split(".").slice(-2).join(".") + " " + (m.element.outerHTML || "").slice(0, 90))
)))"""


@attrs.frozen
class Audit:
    """What one page showed at one width."""

    width: int
    viewport: int
    small_texts: list[str]
    axe: list[tuple[str, str, int, str]]
    htmlcs: list[str]
    lang: str
    texts: list[tuple[str, str, str]]
    """Each text shown: the text, the language it is marked with, and where (a tag)."""


@pytest.fixture(scope="module")
def audits(browser: Any, site: Path) -> dict[tuple[str, int], Audit]:
    """Every page at every width of :data:`WIDTHS`, audited in one browser page per width."""
    found: dict[tuple[str, int], Audit] = {}
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 800}, bypass_csp=True)
        for name, path in every_page(site).items():
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            layout = page.evaluate(_LAYOUT)
            texts = page.evaluate(_TEXTS)
            if width in (390, 1366) and name in ("index.html", "chapter-1.html"):
                ARTEFACTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(ARTEFACTS / f"roeselare-{width}-{name}.png"))
            page.add_script_tag(path=str(AXE))
            page.add_script_tag(path=str(HTMLCS))
            violations = page.evaluate("async () => (await axe.run(document)).violations")
            found[name, width] = Audit(
                width=layout["width"],
                viewport=layout["viewport"],
                small_texts=layout["small"],
                axe=[
                    (v["id"], v["impact"], len(v["nodes"]), " ".join(v["nodes"][0]["target"]))
                    for v in violations
                ],
                htmlcs=page.evaluate(_HTMLCS_ERRORS),
                lang=texts["lang"],
                texts=[tuple(t) for t in texts["texts"]],
            )
        page.close()
    return found


def _at(audits: dict[tuple[str, int], Audit], width: int) -> dict[str, Audit]:
    return {name: audit for (name, w), audit in audits.items() if w == width}


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(audits: dict[tuple[str, int], Audit], width: int) -> None:
    at = _at(audits, width)
    assert len(at) >= 13  # overview, ten chapters, coverage …, and the single file
    wide = {name: a.width for name, a in at.items() if a.width > a.viewport}
    assert wide == {}, f"wider than the {width} px screen"


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_text_is_at_least_12_px(audits: dict[tuple[str, int], Audit], width: int) -> None:
    small = {name: a.small_texts[:3] for name, a in _at(audits, width).items() if a.small_texts}
    assert small == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violation(audits: dict[tuple[str, int], Audit], width: int) -> None:
    violations = {name: a.axe for name, a in _at(audits, width).items() if a.axe}
    assert violations == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_html_codesniffer_finds_no_error(audits: dict[tuple[str, int], Audit], width: int) -> None:
    errors = {name: a.htmlcs for name, a in _at(audits, width).items() if a.htmlcs}
    assert errors == {}


@pytest.fixture(scope="module")
def english(roeselare: PlanDocument, roeselare_plugins: Plugins) -> EnglishDetector:
    """The English the library knows, for a Dutch page: labels, framework texts, checks."""
    checks = roeselare_plugins.checks
    messages: list[str] = []
    for finding in run_checks(roeselare, checks.values()):
        check = checks.get(finding.rule)
        if check is None or check.function.__module__.startswith("eccar_plan."):
            messages += [finding.message, *([finding.hint] if finding.hint else [])]
    framework = english_texts(roeselare.framework.model_dump(mode="json"))
    return EnglishDetector(catalog_labels("nl"), framework, messages)


def test_no_english_without_lang(
    audits: dict[tuple[str, int], Audit], english: EnglishDetector
) -> None:
    unmarked: dict[str, list[str]] = {}
    for name, audit in _at(audits, 1366).items():
        assert audit.lang == "nl", name
        for text, lang, where in audit.texts:
            why = english.why(text) if lang.split("-")[0] != "en" else None
            if why is not None:
                unmarked.setdefault(name, []).append(f"{where}: {text[:70]!r}: {why}")
    assert unmarked == {}


# -- the detector itself (no browser) -------------------------------------------------------------


def test_the_detector_finds_english_and_lets_dutch_and_names_pass() -> None:
    detector = EnglishDetector(
        ["Chapter {number}", "{n} objectives", "Findings", "Skip to content"],
        ["Greater Vigilance Against Racism"],
        ["chapter 8 has no organiser"],
    )
    english = [
        "Chapter 7",
        "12 objectives",
        "Findings",
        "Skip to content",
        "Greater Vigilance Against…",
        "Engagement 1: Greater Vigilance Against Racism",
        "chapter 8 has no organiser",
        'The Acties cell holds only "-": no action is given.',
    ]
    dutch = [
        "Hoofdstuk 7",
        "12 doelstellingen",
        "Bevindingen over de findings van het plan",  # one English word in a Dutch sentence
        "Hate crime en conflict management",  # a name in the plan
        "Dienst Samenleven",
        "Unia staat in de werkgroep van hoofdstuk 7, maar is niet meer bevoegd.",
        "Racism",  # one word of a framework title
    ]
    assert [t for t in english if detector.why(t) is None] == []
    assert {t: detector.why(t) for t in dutch if detector.why(t)} == {}


def test_the_catalog_labels_are_those_dutch_changes() -> None:
    labels = catalog_labels("nl")
    assert "Skip to content" in labels
    assert "{n} objectives" in labels  # the plural form too
    assert "SDG" not in labels  # the same in Dutch


# -- using the site -------------------------------------------------------------------------------


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


_VISIBLE = (
    "[...document.querySelectorAll('[data-kind=objective]')].filter(e => e.offsetParent !== null)"
)


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
    page.keyboard.press("Enter")  # the submit button's work: the page stays, filtered
    url, after = page.url, page.evaluate(_VISIBLE + ".length")
    page.close()
    assert errors == []
    assert visible >= 1
    assert url == (site / "chapter-7.html").as_uri()
    assert after == 1  # 7.5, whose action 7.5.a names the fund


def test_the_actor_filter_finds_an_organisers_work(browser: Any, site: Path) -> None:
    page, errors, _ = open_page(browser, (site / "search.html").as_uri())
    page.select_option("#search-actor", "dienst-samenleven")
    page.click("form[data-filter] button[type=submit]")
    shown = page.evaluate(_VISIBLE + ".map(e => e.getAttribute('data-chapter'))")
    status = page.text_content("[data-filter-status]")
    page.close()
    assert errors == []
    assert {"1", "3"} <= set(shown)  # the chapters Dienst Samenleven organises
    assert str(len(shown)) in (status or "")


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
