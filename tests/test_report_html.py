"""The ``html`` and ``html-single`` reports: the plan as a website a city publishes.

Checked here without a browser (``tests/test_browser.py`` adds what needs one): every chapter,
objective and action is on the site; plan texts are escaped everywhere; nothing is loaded from
elsewhere; labels follow the plan's language and texts in another language carry their own
``lang``; charts and tables have accessible names; headings are in order; the palette has the
contrast WCAG 2.1 AA asks; the same plan gives the same bytes; every link lands somewhere.
"""

from __future__ import annotations

import ast
import datetime
import itertools
import json
import re
import tempfile
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, given, settings

from check_messages import check_templates
from eccar_plan import (
    EccarPlanError,
    PlanDocument,
    Plugins,
    get_plugin_manager,
    load_plan_document,
    run_checks,
    write_report,
)
from eccar_plan._checking import UNUSED_SILENCE_TITLE
from eccar_plan._exchange.readable import LABELS as COLUMN_LABELS
from eccar_plan._reports import html as html_report
from eccar_plan._reports.html import render_single, render_site, script
from eccar_plan._reports.html.search import fold
from eccar_plan._reports.html.theme import (
    GRAPHIC_PAIRS,
    PALETTE,
    TEXT_PAIRS,
    contrast,
    css_variables,
)
from eccar_plan._reports.readable import LABELS
from eccar_plan._reports.xlsx_report import SHEET_LABELS
from eccar_plan.checks import eccar_checks
from eccar_plan.formats import FORMATS
from eccar_plan.model import text_in
from strategies import plan_data

HTML, HTML_SINGLE = (f for f in FORMATS if f.name in ("html", "html-single"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PACKAGE = ROOT / "src" / "eccar_plan" / "_reports" / "html"
LOCALE = ROOT / "src" / "eccar_plan" / "locale"

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(2)>'
EVIL = f"{SCRIPT} {ATTRIBUTE}"
DASH = "\u2013"  # between the years of a range


# -- reading the pages ------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@attrs.define
class Element:
    tag: str
    attrs: dict[str, str | None]
    lang: str
    """The language in effect: the nearest ``lang`` attribute."""
    ancestors: tuple[str, ...]


class Page(HTMLParser):
    """A page read with :mod:`html.parser`: its elements, texts (with their language),
    inline scripts and headings."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.texts: list[tuple[str, str, tuple[str, ...]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._stack: list[tuple[str, str]] = []
        self.feed(text)
        self.close()

    @property
    def lang(self) -> str:
        return self._stack[-1][1] if self._stack else ""

    def _element(self, tag: str, attributes: list[tuple[str, str | None]]) -> Element:
        found = dict(attributes)
        lang = found.get("lang") or self.lang
        element = Element(tag, found, lang, tuple(t for t, _ in self._stack))
        self.elements.append(element)
        return element

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        element = self._element(tag, attributes)
        if tag not in VOID:
            self._stack.append((tag, element.lang))

    def handle_startendtag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        self._element(tag, attributes)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                return

    def handle_data(self, data: str) -> None:
        inside = self._stack[-1][0] if self._stack else ""
        if inside == "script":
            self.scripts.append(data)
        elif inside == "style":
            self.styles.append(data)
        elif data.strip():
            self.texts.append((data, self.lang, tuple(t for t, _ in self._stack)))

    # -- queries

    def text(self) -> str:
        """All visible text, whitespace folded."""
        return " ".join(" ".join(t for t, _, _ in self.texts).split())

    def find(self, tag: str | None = None, **wanted: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if (tag is None or e.tag == tag)
            and all(e.attrs.get(k.replace("_", "-")) == v for k, v in wanted.items())
        ]

    def ids(self) -> set[str]:
        return {e.attrs["id"] or "" for e in self.elements if "id" in e.attrs}

    def langs_of(self, needle: str) -> set[str]:
        """The languages of the texts that contain *needle*."""
        return {lang for text, lang, _ in self.texts if needle in text}

    def headings(self) -> list[int]:
        return [int(e.tag[1]) for e in self.elements if re.fullmatch(r"h[1-6]", e.tag)]


def pages(files: Mapping[str, str]) -> dict[str, Page]:
    return {name: Page(text) for name, text in files.items() if name.endswith(".html")}


def flat(text: str) -> str:
    return " ".join(text.split())


# -- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plugins() -> Plugins:
    return Plugins(get_plugin_manager(autoload=False))


@pytest.fixture(scope="module")
def roeselare(roeselare_plugins: Plugins) -> PlanDocument:
    return load_plan_document(EXAMPLES / "roeselare", plugins=roeselare_plugins)


@pytest.fixture(scope="module")
def small(plugins: Plugins) -> PlanDocument:
    return load_plan_document(EXAMPLES / "small-city", plugins=plugins)


@pytest.fixture(scope="module")
def roeselare_site(roeselare: PlanDocument, roeselare_plugins: Plugins) -> dict[str, str]:
    return render_site(roeselare, findings=run_checks(roeselare, roeselare_plugins.checks.values()))


@pytest.fixture(scope="module")
def roeselare_pages(roeselare_site: dict[str, str]) -> dict[str, Page]:
    return pages(roeselare_site)


@pytest.fixture(scope="module")
def small_site(small: PlanDocument, plugins: Plugins) -> dict[str, str]:
    return render_site(small, findings=run_checks(small, plugins.checks.values()))


@pytest.fixture(scope="module")
def small_pages(small_site: dict[str, str]) -> dict[str, Page]:
    return pages(small_site)


@pytest.fixture(scope="module")
def roeselare_single(roeselare: PlanDocument, roeselare_plugins: Plugins) -> Page:
    return Page(
        render_single(roeselare, findings=run_checks(roeselare, roeselare_plugins.checks.values()))
    )


def _evil_plan(directory: Path) -> Path:
    """A valid plan whose every text tries to break out of its place in the page."""
    plan = {
        "city": {"name": f"Evil{SCRIPT}", "country": "BE"},
        "title": f"Plan {EVIL}",
        "language": "en",
        "framework": "eccar-2004",
        "period": {"start": 2024, "end": 2026},
        "introduction": f"Intro {EVIL}\n\nSecond {EVIL}",
        "notes": [{"id": "n1", "text": f"Note {EVIL}"}],
        "actors": [
            {
                "id": "office",
                "name": f"Office {EVIL}",
                "aliases": [f"Alias {EVIL}"],
                "kind": "city_department",
                "url": "https://example.org/office",
            },
            {
                "id": "club",
                "name": {"fr": f"Club {EVIL}"},
                "kind": "ngo",
                "url": "javascript:alert(3)",
            },
        ],
        "instruments": [
            {
                "id": "fund",
                "name": f"Fund {EVIL}",
                "kind": "fund",
                "url": "https://example.org/fund?a=1&b=2",
            }
        ],
        "taxonomies": [
            {
                "id": "groups",
                "title": f"Groups {EVIL}",
                "terms": [{"id": "youth", "title": f"Youth {EVIL}"}],
            }
        ],
        "chapters": [
            {
                "commitment": 1,
                "title": f"Chapter {EVIL}",
                "description": f"Description {EVIL}",
                "working_group": {
                    "members": [
                        {"actor": "office", "role": "organiser", "note": f"Member {EVIL}"},
                        {"actor": "club", "role": "uncertain", "label": f"Label {EVIL}"},
                    ],
                    "note": f"Group {EVIL}",
                },
                "objectives": [
                    {
                        "id": "1.1",
                        "title": f"Objective {EVIL}",
                        "timing": {"start": 2024, "end": 2026, "meaning": "ongoing"},
                        "tags": ["groups:youth"],
                        "note": f"Objective note {EVIL}",
                        "actions": [
                            {
                                "id": "1.1.a",
                                "text": f"Action {EVIL}",
                                "actors": ["office", "club"],
                                "lead": "office",
                                "instruments": ["fund"],
                                "note": f"Action note {EVIL}",
                            },
                            {
                                "id": "1.1.b",
                                "text": {"en": f"Second {EVIL}", "fr": "Deuxième"},
                                "timing": {"start": 2025, "meaning": "due"},
                                "depends_on": [{"needs": "1.1.a", "note": f"Because {EVIL}"}],
                                "same_as": "1.1.a",
                            },
                        ],
                    }
                ],
            }
        ],
    }
    path = directory / "plan.json"
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def evil(tmp_path_factory: pytest.TempPathFactory, plugins: Plugins) -> PlanDocument:
    return load_plan_document(_evil_plan(tmp_path_factory.mktemp("evil")), plugins=plugins)


# -- the formats ------------------------------------------------------------------------------


def test_both_formats_are_built_in(plugins: Plugins) -> None:
    formats = plugins.report_formats
    assert formats["html"] is HTML
    assert HTML.directory
    assert formats["html-single"] is HTML_SINGLE
    assert not HTML_SINGLE.directory
    assert HTML_SINGLE.suffix == ".html"


def test_the_site_is_written_as_a_directory(small: PlanDocument, tmp_path: Path) -> None:
    output = write_report(HTML, small, tmp_path / "site")
    written = sorted(str(p.relative_to(output)) for p in output.rglob("*") if p.is_file())
    assert written == [
        "actors.html",
        "assets/favicon.svg",
        "assets/site.css",
        "assets/site.js",
        "chapter-1.html",
        "chapter-4.html",
        "chapter-7.html",
        "coverage.html",
        "findings.html",
        "index.html",
        "search.html",
        "timeline.html",
    ]


def test_the_single_file_is_one_file(small: PlanDocument, tmp_path: Path) -> None:
    output = write_report(HTML_SINGLE, small, tmp_path / "plan.html")
    assert output.is_file()
    via_option = tmp_path / "option.html"
    with pytest.deprecated_call(match="the html option single-file is deprecated"):
        write_report(HTML, small, via_option, options={"single-file": "yes"})
    assert via_option.read_bytes() == output.read_bytes()


def test_the_findings_page_can_be_left_out(small: PlanDocument, tmp_path: Path) -> None:
    output = write_report(HTML, small, tmp_path / "site", options={"findings": "no"})
    assert not (output / "findings.html").exists()
    assert "findings.html" not in (output / "index.html").read_text(encoding="utf-8")
    with pytest.raises(EccarPlanError, match="findings must be yes or no"):
        write_report(HTML, small, tmp_path / "other", options={"findings": "maybe"})
    assert not (tmp_path / "other").exists()


# -- content ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["roeselare", "small"])
def test_every_chapter_objective_and_action_is_on_the_site(
    name: str, request: pytest.FixtureRequest
) -> None:
    document: PlanDocument = request.getfixturevalue(name)
    site: dict[str, Page] = request.getfixturevalue(f"{name}_pages")
    plan = document.plan
    assert {"index.html", "coverage.html", "timeline.html", "actors.html"} <= set(site)
    assert {"findings.html", "search.html"} <= set(site)
    for chapter in plan.chapters:
        page = site[f"chapter-{chapter.commitment}.html"]
        text = page.text()
        assert flat(text_in(chapter.title, plan.language)) in text
        for objective in chapter.objectives:
            assert f"objective-{objective.id}" in page.ids()
            assert flat(text_in(objective.title, plan.language)) in text
            for action in objective.actions:
                assert f"action-{action.id}" in page.ids()
                assert flat(text_in(action.text, plan.language)) in text
                assert flat(text_in(action.text, plan.language)) in site["search.html"].text()


def test_the_overview_shows_the_plan(small_pages: dict[str, Page], small: PlanDocument) -> None:
    index = small_pages["index.html"]
    text = index.text()
    plan = small.plan
    assert flat(text_in(plan.title, "en")) in text
    assert "Exampleton" in text
    assert f"2024{DASH}2027" in text
    assert "March 21, 2024" in text  # the adoption date, in the plan's language
    assert index.find("time", datetime="2024-03-21")
    assert flat(text_in(plan.introduction or "", "en")) in text
    assert flat(text_in(plan.notes[0].text, "en")) in text
    # the ten commitments, each with its chapter or a word that it has none
    assert len(index.find("li", **{"class": "commitment"})) == 3
    assert len(index.find("li", **{"class": "commitment commitment-missing"})) == 7
    assert "Greater Vigilance Against Racism" in text


def test_dates_follow_the_plan_language(small: PlanDocument, plugins: Plugins) -> None:
    dutch = attrs.evolve(
        small,
        plan=small.plan.model_copy(update={"language": "nl", "adopted": datetime.date(2020, 6, 2)}),
    )
    index = Page(render_site(dutch)["index.html"])
    assert "2 juni 2020" in index.text()
    assert index.find("html", lang="nl")


def test_roles_timings_and_links_are_in_words(small_pages: dict[str, Page]) -> None:
    page = small_pages["chapter-1.html"]
    text = page.text()
    assert "Exampleton Tenants' Union may join" in text  # the role in words
    assert "Equality Office organiser" in text
    assert "for housing questions" in text  # the member's note
    assert f"2024{DASH}2027, ongoing" in text
    assert "due in 2025" in text
    assert "Equality Office leads" in text
    # 1.1.b builds on 1.1.a: a link with the words of the plan, and the way back
    assert page.find("a", href="chapter-1.html#action-1.1.a")
    assert page.find("a", href="chapter-1.html#action-1.1.b")
    assert "The overview draws on what the steering group collects." in text
    untimed = small_pages["chapter-4.html"].text()
    assert "no timing given" in untimed


def test_same_as_links_both_ways(roeselare_pages: dict[str, Page]) -> None:
    five = roeselare_pages["chapter-5.html"]
    assert five.find("a", href="chapter-5.html#action-5.2.a")  # 5.4.a is the same as 5.2.a
    assert five.find("a", href="chapter-5.html#action-5.4.a")  # and 5.2.a is also listed there
    six = roeselare_pages["chapter-6.html"]
    assert six.find("a", href="chapter-3.html#action-3.4.a")


def test_the_timeline_draws_bars_and_markers(small_pages: dict[str, Page]) -> None:
    page = small_pages["timeline.html"]
    assert len(page.find("rect", **{"class": "bar-ongoing"})) == 2  # 1.1 and 4.1
    assert len(page.find("path", **{"class": "marker-due"})) == 2  # 1.1.b (2025) and 7.1 (2026)
    text = page.text()
    assert "Without a timing" in text
    assert "Tell newcomers where to report discrimination" in text  # 4.2 has no timing


def test_timeline_rows_are_labelled_linked_and_grouped_by_chapter(
    roeselare_site: dict[str, str], roeselare_pages: dict[str, Page]
) -> None:
    html = roeselare_site["timeline.html"]
    page = roeselare_pages["timeline.html"]
    chart = html[html.index("<svg") : html.index("</svg>")]
    # a row: a link to the item, its id and its short text ("…" where it is cut)
    rows = re.findall(
        r'<a href="([^"]+)" tabindex="-1"><text class="row-label"[^>]*>(.*?)</text>', chart
    )
    assert len(rows) >= 40
    assert (
        "chapter-1.html#objective-1.1",
        '<tspan class="row-id">1.1</tspan> Een consultatiemechanisme installeren…',
    ) in rows
    table = html[html.index("<table") : html.index("</table>")]
    groups = table.split("<tbody>")[1:]
    chapters = re.findall(r'<th scope="rowgroup">([^<]+)</th>', table)
    assert len(groups) == len(chapters) == 9  # one tbody per chapter with timings, each headed
    assert all(g.count('scope="rowgroup"') == 1 for g in groups)
    assert not page.find("th", colspan="4")  # a group's header is a cell of its own column


def test_filter_forms_have_a_submit_button_and_a_name_of_their_own(
    roeselare_single: Page, roeselare_pages: dict[str, Page]
) -> None:
    for page in [roeselare_single, *roeselare_pages.values()]:
        forms = page.find("form", role="search")
        names = [form.attrs.get("aria-label") for form in forms]
        assert len(set(names)) == len(names), names
        assert len(page.find("button", type="submit")) == len(forms)
    assert len(roeselare_single.find("form", role="search")) == 11  # ten chapters and the search
    assert roeselare_pages["chapter-7.html"].find("form", **{"aria-label": "Zoeken in hoofdstuk 7"})


def test_the_actor_network_and_table(small_pages: dict[str, Page], small: PlanDocument) -> None:
    page = small_pages["actors.html"]
    ids = page.ids()
    for actor in small.plan.actors:
        assert f"actor-{actor.id}" in ids
    assert "Office for Equality" in page.text()  # aliases
    assert page.find("path", **{"class": "edge-organiser"})
    assert page.find("path", **{"class": "edge-optional"})
    assert page.find("path", **{"class": "edge-action"})


def test_findings_are_grouped_with_file_and_line(roeselare_pages: dict[str, Page]) -> None:
    page = roeselare_pages["findings.html"]
    text = page.text()
    headings = [e.attrs["id"] for e in page.find("h2")]
    # grouped by chapter (those with findings), then what concerns no chapter
    assert headings == [f"findings-chapter-{n}" for n in range(1, 11)] + ["findings-other"]
    assert "hoofdstukken/07.yaml:21" in text  # objective 7.1 has no actions
    assert page.find("a", href="chapter-7.html#objective-7.1")
    for label in ("Fouten", "Waarschuwingen", "Suggesties"):
        assert label in text
    # the built-in checks and the plugin's speak the plan's language, from their catalogs
    assert page.langs_of("heeft geen organisator") == {"nl"}
    assert page.langs_of("is Vlaams Mensenrechteninstituut bevoegd") == {"nl"}
    # a message quoting an example action quotes the framework's Dutch, in Dutch
    assert page.langs_of("geen enkele doelstelling voert de voorbeeldactie") == {"nl"}
    assert not page.langs_of("no objective implements the example action")


def test_findings_paths_do_not_depend_on_where_the_plan_is_loaded_from(
    roeselare_plugins: Plugins, roeselare_site: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(EXAMPLES)
    document = load_plan_document("roeselare", plugins=roeselare_plugins)
    assert (
        render_site(document, findings=run_checks(document, roeselare_plugins.checks.values()))
        == roeselare_site
    )


# -- language ---------------------------------------------------------------------------------


def test_dutch_labels_for_roeselare(roeselare_pages: dict[str, Page]) -> None:
    for page in roeselare_pages.values():
        assert page.find("html", lang="nl")
    text = roeselare_pages["chapter-1.html"].text()
    for label in (
        "Overzicht",
        "Doelstellingen en acties",
        "Werkgroep",
        f"2020{DASH}2025, doorlopend",
    ):
        assert label in text
    assert "Naar de inhoud" in text
    assert "Objectives and actions" not in text


def test_english_labels_for_small_city(small_pages: dict[str, Page]) -> None:
    for page in small_pages.values():
        assert page.find("html", lang="en")
    text = small_pages["chapter-1.html"].text()
    for label in ("Overview", "Objectives and actions", "Working group", "Skip to content"):
        assert label in text


@pytest.mark.parametrize(("language", "label"), [("fr", "Aperçu"), ("de", "Übersicht")])
def test_french_and_german_labels(small: PlanDocument, language: str, label: str) -> None:
    document = attrs.evolve(small, plan=small.plan.model_copy(update={"language": language}))
    index = Page(render_site(document)["index.html"])
    assert index.find("html", lang=language)
    assert label in index.text()
    # plain texts are in the plan's language, which is the page's
    assert index.langs_of("Exampleton joins the European Coalition") == {language}


def test_texts_in_another_language_carry_their_lang(roeselare_pages: dict[str, Page]) -> None:
    chapter = roeselare_pages["chapter-1.html"]
    # the framework has no Dutch titles: the English one is marked
    assert chapter.langs_of("Greater Vigilance Against Racism") == {"en"}
    # the framework's Dutch example actions are the page's language
    assert chapter.langs_of("Een overlegmechanisme met maatschappelijke actoren") == {"nl"}
    assert not chapter.langs_of("A consultation mechanism with social actors")
    # chapter 7's notes are given in English only
    assert roeselare_pages["chapter-7.html"].langs_of("The Acties cell holds only") == {"en"}
    # Dutch texts carry no lang of their own
    assert chapter.langs_of("De stuurgroep en de kerngroep rond ECCAR") == {"nl"}


def test_a_plan_language_without_labels_gets_english_labels_and_marked_texts(
    small: PlanDocument,
) -> None:
    document = attrs.evolve(small, plan=small.plan.model_copy(update={"language": "es"}))
    index = Page(render_site(document)["index.html"])
    assert index.find("html", lang="en")
    assert "Overview" in index.text()
    assert index.langs_of("Exampleton joins the European Coalition") == {"es"}


def test_a_map_text_in_the_plan_language_is_chosen(small_pages: dict[str, Page]) -> None:
    text = small_pages["chapter-4.html"].text()
    assert "A public event on 21 March" in text
    assert "Un événement public le 21 mars" not in text


# -- safety -----------------------------------------------------------------------------------


def _own_scripts(page: Page, *, single: bool) -> None:
    scripts = page.find("script")
    if single:
        assert [s.attrs for s in scripts] == [{}]
        assert page.scripts == [script()]
    else:
        assert [s.attrs for s in scripts] == [{"src": "assets/site.js", "defer": None}]
        assert page.scripts == []


def test_plan_texts_are_escaped_in_every_page(evil: PlanDocument) -> None:
    site = pages(render_site(evil))
    single = Page(render_single(evil))
    for name, page in [*site.items(), ("single", single)]:
        _own_scripts(page, single=name == "single")
        assert not page.find("img"), name
        handlers = [
            (e.tag, a) for e in page.elements for a in e.attrs if a.lower().startswith("on")
        ]
        assert handlers == [], name
    chapter = site["chapter-1.html"].text()
    for label in ("Chapter", "Objective", "Action", "Member", "Group", "Because", "Youth"):
        assert f"{label} {EVIL}" in chapter
    assert f"Intro {EVIL}" in site["index.html"].text()
    assert f"Alias {EVIL}" in site["actors.html"].text()
    assert f"Office {EVIL}" in site["actors.html"].text()
    # SVG texts too: the actor names in the network
    network = site["actors.html"]
    assert any(SCRIPT in t and "text" in stack for t, _, stack in network.texts)
    assert f"Fund {EVIL}" in single.text()


def test_no_request_leaves_the_site(evil: PlanDocument, small_site: dict[str, str]) -> None:
    allowed = {"https://example.org/office", "https://example.org/fund?a=1&b=2"}
    for files in (render_site(evil), small_site):
        for name, page in pages(files).items():
            for element in page.elements:
                for attribute in ("src", "href", "action", "srcset", "poster", "data"):
                    value = element.attrs.get(attribute)
                    if value is None or attribute == "data":
                        continue
                    if re.match(r"^\s*([a-z][a-z0-9+.-]*:|//)", value, re.IGNORECASE):
                        assert (element.tag, attribute, value in allowed) == (
                            "a",
                            "href",
                            True,
                        ), name
                    if attribute == "src":
                        assert value == "assets/site.js", name
            csp = page.find("meta", http_equiv="Content-Security-Policy")
            assert csp
            assert (csp[0].attrs["content"] or "").startswith("default-src 'none'")
    evil_actors = pages(render_site(evil))["actors.html"]
    links = evil_actors.find("a", **{"class": "external"})
    assert [a.attrs["href"] for a in links] == ["https://example.org/office"]
    assert all(a.attrs["rel"] == "external noopener noreferrer" for a in links)
    css = html_report.stylesheet()
    assert "url(" not in css
    assert "@import" not in css
    js = script()
    for call in ("fetch(", "XMLHttpRequest", "import(", "WebSocket", "sendBeacon", "http"):
        assert call not in js


# -- accessibility ----------------------------------------------------------------------------


def _check_headings(name: str, levels: list[int]) -> None:
    assert levels.count(1) == 1, name
    assert levels[0] == 1, name
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, (name, levels)


def test_landmarks_headings_and_skip_link(
    roeselare_pages: dict[str, Page], small_pages: dict[str, Page]
) -> None:
    for name, page in [*roeselare_pages.items(), *small_pages.items()]:
        for landmark in ("header", "main", "footer"):
            assert len(page.find(landmark)) == 1, (name, landmark)
        labels = [
            n.attrs.get("aria-label") or n.attrs.get("aria-labelledby") for n in page.find("nav")
        ]
        assert all(labels), name  # each navigation is named
        assert len(set(labels)) == len(labels), name  # and named apart
        assert page.find("main", id="main")
        first_link = next(e for e in page.elements if e.tag == "a")
        assert first_link.attrs == {"class": "skip-link", "href": "#main"}, name
        _check_headings(name, page.headings())


def test_single_file_headings(roeselare_single: Page) -> None:
    _check_headings("single", roeselare_single.headings())


def test_charts_and_tables_have_names(
    roeselare_pages: dict[str, Page], small_pages: dict[str, Page], roeselare_single: Page
) -> None:
    every = [*roeselare_pages.items(), *small_pages.items(), ("single", roeselare_single)]
    charts = 0
    for name, page in every:
        ids = page.ids()
        for svg in page.find("svg"):
            if svg.attrs.get("role") in ("img", "group"):  # the timeline, with links: a group
                charts += 1
                named_by = (svg.attrs.get("aria-labelledby") or "").split()
                assert len(named_by) == 2, name
                assert set(named_by) <= ids, name
            else:
                assert svg.attrs.get("aria-hidden") == "true", name
        for title in page.find("title"):
            assert "svg" in title.ancestors or title.ancestors == ("html", "head")
        for image in page.find("img"):
            assert image.attrs.get("alt") is not None, name
        tables = page.find("table")
        captions = [e for e in page.find("caption") if "table" in e.ancestors]
        assert len(captions) == len(tables), name
        for cell in page.find("th"):
            assert cell.attrs.get("scope") in ("col", "row", "rowgroup", "colgroup"), name
        for region in page.find("div", role="region"):
            assert region.attrs.get("tabindex") == "0"
            assert (region.attrs.get("aria-labelledby") or "") in ids
        for field in page.find("input") + page.find("select"):
            assert page.find("label", **{"for": field.attrs["id"] or ""}), name
    assert charts == 3 * 3  # coverage, timeline, actors: two sites and the single file


def test_the_palette_has_enough_contrast() -> None:
    for foreground, background in TEXT_PAIRS:
        ratio = contrast(PALETTE[foreground], PALETTE[background])
        assert ratio >= 4.5, (foreground, background, round(ratio, 2))
    for foreground, background in GRAPHIC_PAIRS:
        ratio = contrast(PALETTE[foreground], PALETTE[background])
        assert ratio >= 3, (foreground, background, round(ratio, 2))
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_the_stylesheet_uses_only_the_palette() -> None:
    css = (PACKAGE / "static" / "site.css").read_text(encoding="utf-8")
    assert re.findall(r"#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(", css) == []
    used = set(re.findall(r"var\(--([a-z-]+)\)", css))
    assert used <= set(PALETTE)
    assert css_variables().count("--") == len(PALETTE)
    assert "@media print" in css
    assert ":focus-visible" in css


def test_the_print_stylesheet_hides_navigation() -> None:
    css = (PACKAGE / "static" / "site.css").read_text(encoding="utf-8")
    printed = css[css.index("@media print") :]
    for hidden in (".site-nav", ".skip-link", ".filter", ".pager"):
        assert hidden in printed
    assert 'content: " (" attr(href) ")"' in printed
    assert "break-before: page" in printed


# -- links ------------------------------------------------------------------------------------


def test_every_link_of_the_site_lands(
    roeselare_pages: dict[str, Page], small_pages: dict[str, Page]
) -> None:
    _links_land(roeselare_pages)
    _links_land(small_pages)


def test_the_single_file_links_only_inside_itself(roeselare_single: Page) -> None:
    ids = roeselare_single.ids()
    hrefs = [a.attrs.get("href") or "" for a in roeselare_single.find("a")]
    assert hrefs
    for href in hrefs:
        assert href.startswith("#"), href
        assert href[1:] in ids, href
    # nothing to load: the one link is the icon, inline
    [icon] = roeselare_single.find("link")
    assert icon.attrs["rel"] == "icon"
    assert (icon.attrs["href"] or "").startswith("data:image/svg+xml,")
    assert not [e for e in roeselare_single.elements if "src" in e.attrs]
    assert len(roeselare_single.styles) == 1
    assert len(ids) == len([e for e in roeselare_single.elements if "id" in e.attrs])  # unique


def _links_land(site: dict[str, Page]) -> None:
    ids = {name: page.ids() for name, page in site.items()}
    for name, page in site.items():
        for anchor in page.find("a"):
            href = anchor.attrs.get("href") or ""
            if href.startswith(("http://", "https://")):
                continue
            file, _, fragment = href.partition("#")
            target = file or name
            assert target in ids, (name, href)
            assert not fragment or fragment in ids[target], (name, href)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=plan_data())
def test_any_valid_plan_gives_a_sound_site(plugins: Plugins, data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "plan.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        document = load_plan_document(path, plugins=plugins)
    site = pages(render_site(document, findings=run_checks(document, plugins.checks.values())))
    single = Page(render_single(document))
    for page_name, page in [*site.items(), ("single", single)]:
        _check_headings(page_name, page.headings())
        found = [e.attrs["id"] for e in page.elements if "id" in e.attrs]
        assert len(found) == len(set(found)), page_name
    _links_land(site)
    assert all(
        (a.attrs.get("href") or "").startswith("#") for a in single.find("a") if a.attrs.get("href")
    )
    for chapter, objective in document.plan.objectives():
        assert f"objective-{objective.id}" in site[f"chapter-{chapter.commitment}.html"].ids()


def test_ids_are_unique_on_every_page(roeselare_pages: dict[str, Page]) -> None:
    for name, page in roeselare_pages.items():
        found = [e.attrs["id"] for e in page.elements if "id" in e.attrs]
        assert len(found) == len(set(found)), name


# -- search -----------------------------------------------------------------------------------


def test_search_text_is_folded_like_the_script() -> None:
    assert fold("Société  Générale\nÉTUDE") == "societe generale etude"
    assert 'normalize("NFD")' in script()
    assert "[\\u0300-\\u036f]" in script()


def test_objectives_and_actions_carry_what_the_filter_matches(
    roeselare_pages: dict[str, Page], roeselare: PlanDocument
) -> None:
    page = roeselare_pages["chapter-7.html"]
    actions = page.find(None, data_kind="action")
    assert actions
    fund = [a for a in actions if "fonds" in (a.attrs.get("data-search") or "")]
    assert [a.attrs["id"] for a in fund] == ["action-7.5.a"]
    form = page.find("form", data_filter="chapter-7-list")
    assert form
    assert "hidden" in form[0].attrs  # shown by the script only
    search = roeselare_pages["search.html"]
    with_unia = [
        e
        for e in search.find("li", data_kind="action")
        if "unia" in (e.attrs.get("data-actors") or "").split()
    ]
    in_unias_groups = [
        action.id
        for chapter in roeselare.plan.chapters
        if chapter.working_group and "unia" in [m.actor for m in chapter.working_group.members]
        for objective in chapter.objectives
        for action in objective.actions
    ]
    named = [a.id for _, _, a in roeselare.plan.actions() if "unia" in (*a.actors, a.lead)]
    assert len(named) == 9  # the actions that name Unia (analysis.workload)
    # an actor's actions: those that name it, and those of the chapters whose group it is in
    found = {(e.attrs.get("data-search") or "").split()[0] for e in with_unia}
    assert found == {fold(i) for i in named + in_unias_groups}
    # the actor filter offers every actor that takes part in a chapter, organisers too
    offered = {e.attrs["value"] for e in search.find("option")} & {
        a.id for a in roeselare.plan.actors
    }
    assert "dienst-samenleven" in offered  # organises chapters 1 and 3, named in no action
    assert len(offered) == 65  # of 71: six are named in no chapter (only in the directory)


# -- determinism ------------------------------------------------------------------------------


def test_the_same_plan_gives_the_same_bytes(
    roeselare: PlanDocument, roeselare_plugins: Plugins, roeselare_site: dict[str, str]
) -> None:
    checks = roeselare_plugins.checks.values()
    assert render_site(roeselare, findings=run_checks(roeselare, checks)) == roeselare_site
    assert render_single(roeselare, findings=run_checks(roeselare, checks)) == render_single(
        roeselare, findings=run_checks(roeselare, checks)
    )


def test_written_files_are_byte_identical(small: PlanDocument, tmp_path: Path) -> None:
    first = write_report(HTML, small, tmp_path / "one")
    second = write_report(HTML, small, tmp_path / "two")

    def tree(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    assert tree(first) == tree(second)


# -- the catalogs -----------------------------------------------------------------------------

_STRING = r'"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\''


def _messages() -> set[str]:
    """Every label of the templates and of the Python modules."""
    found: set[str] = set()
    call = re.compile(r"\b(_|ngettext)\(\s*(?:" + _STRING + r")(?:\s*,\s*(?:" + _STRING + "))?")
    for template in (PACKAGE / "templates").glob("*.j2"):
        for match in call.finditer(template.read_text(encoding="utf-8")):
            found.add(match.group(2) if match.group(2) is not None else match.group(3))
            if match.group(1) == "ngettext":
                found.add(match.group(4) if match.group(4) is not None else match.group(5))
    tables = {
        "_ACTOR_KINDS",
        "_LEVELS",
        "_INSTRUMENT_KINDS",
        "_SEVERITIES",
        "_SEVERITY_COUNTS",
    }
    for module in [*PACKAGE.glob("*.py"), PACKAGE.parents[1] / "wording.py"]:
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                count = {"gettext": 1, "ngettext": 2}.get(node.func.attr, 0)
                for argument in node.args[:count]:
                    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                        found.add(argument.value)
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id in tables
                and isinstance(node.value, ast.Dict)
            ):
                for value in node.value.values:
                    found.update(_constants(value))
    found |= check_templates()  # the check messages and advice, in the same catalogs
    found |= {check.title for check in eccar_checks() if check.title}  # the rules' headings
    found.add(UNUSED_SILENCE_TITLE)
    return found


def _constants(node: ast.AST) -> Iterator[str]:
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            yield child.value


def _catalog(language: str) -> dict[str, str]:
    with (LOCALE / language / "LC_MESSAGES" / "eccar_plan.po").open("rb") as stream:
        catalog = read_po(stream, locale=language)
    return {str(m.id): str(m.string) for m in catalog if m.id}


@pytest.mark.parametrize("language", ["en", "nl", "fr", "de"])
def test_each_catalog_translates_every_label(language: str) -> None:
    catalog = _catalog(language)
    messages = _messages()
    assert len(messages) > 150
    # one catalog for every readable output: the site's labels and the readable reports'
    workbook = set(COLUMN_LABELS.values()) | set(SHEET_LABELS.values())
    assert set(catalog) == messages | set(LABELS.values()) | workbook
    for message, translation in catalog.items():
        assert translation, message
        assert set(re.findall(r"\{\w+\}", translation)) == set(re.findall(r"\{\w+\}", message))
        if language == "en":
            assert translation == message


def test_translations_are_not_fuzzy_or_copied() -> None:
    dutch = _catalog("nl")
    same = [m for m, t in dutch.items() if m == t and len(m.split()) > 2]
    assert same == [], same  # every Dutch sentence is a translation


# -- helpers used above -----------------------------------------------------------------------


def test_the_writer_takes_its_options_as_strings(small: PlanDocument, tmp_path: Path) -> None:
    options: dict[str, Any] = {"findings": "NO", "single-file": "no"}
    output = write_report(HTML, small, tmp_path / "site", options=options)
    assert output.is_dir()
    assert not (output / "findings.html").exists()
