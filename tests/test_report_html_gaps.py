"""The gaps where the officer reads, and the reader's details of the ``html`` site.

The overview's cards count each chapter's findings by severity; each chapter page lists exactly
the findings about it; the findings page starts with a table per chapter and groups its cards by
chapter and rule; a missing organiser or timing looks like a warning; the search matches chapter
titles and descriptions; the overview says what its count of partners counts; coverage says why
a commitment has no example actions; every page has a description, an icon and a footer with
the day of publication and the plan's data version.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from eccar_plan import Finding, PlanDocument, Plugins, UsageError, load_plan_document, run_checks
from eccar_plan._export import plan_to_json
from eccar_plan._reports.html import render_single, render_site
from eccar_plan._reports.html.gaps import Gaps
from eccar_plan._reports.html.search import fold
from eccar_plan._reports.html.site import Site
from eccar_plan._reports.html.views import Txt
from eccar_plan._resolved import resolve
from eccar_plan.cli import main
from eccar_plan.reports import publication_date
from eccar_plan.wording import Words
from strategies import plan_data

ROOT = Path(__file__).resolve().parent.parent
ROESELARE = ROOT / "examples" / "roeselare"
SEVERITIES = ("error", "warning", "info")
DUTCH = {"error": ("fout", "fouten"), "warning": ("waarschuwing", "waarschuwingen")}
DUTCH["info"] = ("suggestie", "suggesties")


@pytest.fixture(scope="module")
def roeselare(roeselare_plugins: Plugins) -> PlanDocument:
    return load_plan_document(ROESELARE, plugins=roeselare_plugins)


@pytest.fixture(scope="module")
def findings(roeselare: PlanDocument, roeselare_plugins: Plugins) -> list[Finding]:
    return run_checks(roeselare, roeselare_plugins.checks.values())


@pytest.fixture(scope="module")
def site(roeselare: PlanDocument, findings: list[Finding]) -> dict[str, str]:
    return render_site(roeselare, findings=findings)


def _commitment(document: PlanDocument, finding: Finding) -> int | None:
    """The commitment of the chapter a finding is about, worked out here from its subject."""
    kind, _, key = finding.subject.partition(":")
    if kind in ("objective", "action"):
        item = resolve(document).item(key)
        return None if item is None else item.chapter.commitment
    if kind == "chapter":
        return int(key)
    if kind == "example-action":  # eccar-2004:6/impact-checks
        return int(key.split(":")[1].split("/")[0])
    return None


def _expected(document: PlanDocument, findings: list[Finding]) -> dict[int | None, list[Finding]]:
    by_chapter: dict[int | None, list[Finding]] = {}
    for finding in findings:
        by_chapter.setdefault(_commitment(document, finding), []).append(finding)
    return by_chapter


def _match(pattern: str, text: str) -> re.Match[str]:
    found = re.search(pattern, text)
    assert found, pattern
    return found


def _segments(text: str, start: str) -> Iterator[str]:
    """The pieces of *text* that begin with *start*, each up to the next one."""
    yield from text.split(start)[1:]


def _cards(text: str) -> list[tuple[str, str, str]]:
    """The finding cards of a page: severity, rule and the link of what it is about."""
    found = []
    for card in _segments(text, '<li class="finding finding-'):
        severity = card.split('"', 1)[0]
        rule = re.search(r"<dd><code>([a-z0-9-]+)</code></dd>", card)
        about = re.search(r'<dd><a href="([^"]+)">', card)
        assert rule, card[:300]
        assert about, card[:300]
        found.append((severity, rule.group(1), html.unescape(about.group(1))))
    return found


def _about(document: PlanDocument, finding: Finding) -> str:
    kind, _, key = finding.subject.partition(":")
    number = _commitment(document, finding)
    if kind in ("objective", "action"):
        return f"chapter-{number}.html#{kind}-{key}"
    if kind == "chapter":
        return f"chapter-{key}.html"
    if kind == "example-action":
        return "coverage.html"
    if kind == "actor":
        return f"actors.html#actor-{key}"
    return "index.html"


def _dutch_count(severity: str, count: int) -> str:
    one, many = DUTCH[severity]
    return f"{count} {one if count == 1 else many}"


# -- the overview -----------------------------------------------------------------------------


def test_the_overview_counts_each_chapters_findings(
    roeselare: PlanDocument, findings: list[Finding], site: dict[str, str]
) -> None:
    expected = _expected(roeselare, findings)
    cards = {}
    for card in _segments(site["index.html"], '<li class="commitment'):
        number = int(_match(r'class="commitment-number" aria-hidden="true">(\d+)<', card)[1])
        chips = re.findall(r'class="gap-chip gap-chip-(\w+)">([^<]+)<', card)
        cards[number] = chips
        link = re.search(r'<p class="commitment-gaps"><a href="([^"]+)"', card)
        if chips:
            assert link
            assert link[1] == f"chapter-{number}.html#chapter-{number}-findings"
    assert set(cards) == set(range(1, 11))
    for number, chips in cards.items():
        counts = Counter(f.severity.value for f in expected.get(number, []))
        wanted = [(s, _dutch_count(s, counts[s])) for s in SEVERITIES if counts[s]]
        assert chips == wanted, number
    assert cards[7] == [("warning", "9 waarschuwingen"), ("info", "1 suggestie")]


def test_the_overview_explains_its_count_of_partners(
    roeselare: PlanDocument, site: dict[str, str]
) -> None:
    mentions = [m for m in resolve(roeselare).mentions if m.chapter is not None]
    named = {m.actor for m in mentions}
    organisers = {m.actor for m in mentions if m.organiser}
    total = len(roeselare.plan.actors)
    assert (len(named), total) == (65, 71)  # what the overview and `validate` count
    note = html.unescape(_match(r'<p class="figures-note">([^<]+)</p>', site["index.html"])[1])
    assert f"{len(organisers)} van hen organiseren een hoofdstuk" in note
    assert f"telt er {total}" in note
    assert f"ook de {total - len(named)} die in geen enkel hoofdstuk voorkomen" in note
    assert "actorenbestand van de stad" in note  # Roeselare's actors come from a directory
    # the actors page lists every one of them
    assert site["actors.html"].count('<tr id="actor-') == total


# -- the chapter pages ------------------------------------------------------------------------


def test_each_chapter_page_shows_exactly_its_findings(
    roeselare: PlanDocument, findings: list[Finding], site: dict[str, str]
) -> None:
    expected = _expected(roeselare, findings)
    for chapter in roeselare.plan.chapters:
        number = chapter.commitment
        page = site[f"chapter-{number}.html"]
        own = expected.get(number, [])
        shown = Counter(_cards(page))
        wanted = Counter((f.severity.value, f.rule, _about(roeselare, f)) for f in own)
        assert shown == wanted, number
        heading = re.search(
            rf'id="chapter-{number}-findings">[^<]*<span class="count">\((\d+)\)', page
        )
        assert heading
        assert int(heading[1]) == len(own)
        if own:  # collapsed, with the counts on the summary
            assert "<details>\n<summary>" in page


def test_a_missing_organiser_or_timing_is_a_warning(site: dict[str, str]) -> None:
    chapter_8 = site["chapter-8.html"]
    assert '<li class="gap">Geen organisator genoemd</li>' in chapter_8
    assert "Organisator:" in site["chapter-7.html"]
    assert '<li class="gap">Geen organisator genoemd</li>' not in site["chapter-7.html"]
    # objective 7.1 has no timing: its chip is a gap, a timed objective's is not
    objective = site["chapter-7.html"].split('id="objective-7.1"', 1)[1].split("</h", 2)[1]
    assert 'class="timing timing-none gap"' in objective
    assert 'class="timing timing-ongoing"' in site["chapter-1.html"]
    # chapter 5 gives no timing at all
    assert '<li class="gap">Geen timing opgegeven</li>' in site["chapter-5.html"]


def test_without_the_findings_page_no_page_shows_findings(roeselare: PlanDocument) -> None:
    files = render_site(roeselare, findings=None)
    assert "findings.html" not in files
    for name, text in files.items():
        if not name.endswith(".html"):
            continue
        assert "gap-chip" not in text, name
        assert "-findings" not in text, name
        assert "finding-" not in text, name


# -- the findings page ------------------------------------------------------------------------


def test_the_findings_page_groups_by_chapter_then_rule(
    roeselare: PlanDocument, findings: list[Finding], site: dict[str, str]
) -> None:
    page = site["findings.html"]
    expected = _expected(roeselare, findings)
    table, groups = page.split('<section class="finding-group"', 1)
    # the table: one row per chapter (and one for what concerns no chapter), a column per
    # severity, and a link to each group that has findings
    rows = list(_segments(table.split("<tbody>")[1].split("</tbody>")[0], "<tr>"))
    assert len(rows) == len(roeselare.plan.chapters) + 1
    for chapter, row in zip([*roeselare.plan.chapters, None], rows, strict=True):
        number = None if chapter is None else chapter.commitment
        counts = Counter(f.severity.value for f in expected.get(number, []))
        cells = re.findall(r'<td class="num">(?:<span[^>]*>)?(\d+)<', row)
        assert [int(c) for c in cells] == [counts[s] for s in SEVERITIES], number
        key = "other" if number is None else f"chapter-{number}"
        assert f'href="findings.html#findings-{key}"' in row
    # the groups: by chapter in the plan's order, then by rule, each rule collapsible
    sections = list(_segments('<section class="finding-group"' + groups, "<section "))
    keys = [_match(r'aria-labelledby="([^"]+)"', s)[1] for s in sections]
    assert keys == [f"findings-chapter-{n}" for n in range(1, 11)] + ["findings-other"]
    seen = []
    for key, section in zip(keys, sections, strict=True):
        number = None if key == "findings-other" else int(key.rsplit("-", 1)[1])
        rules = list(_segments(section, '<details class="finding-rule'))
        names = []
        for rule in rules:
            cards = _cards(rule)
            assert len({r for _, r, _ in cards}) == 1  # one rule per group
            names.append(cards[0][1])
            seen += [(number, *card) for card in cards]
        assert len(names) == len(set(names))  # each rule once in a chapter
    wanted = [
        (number, f.severity.value, f.rule, _about(roeselare, f))
        for number, own in expected.items()
        for f in own
    ]
    assert Counter(seen) == Counter(wanted)
    assert len(seen) == len(findings) == 32
    # closed unless they hold errors; the intro speaks of accepting, not of a "silence list"
    assert '<details class="finding-rule finding-rule-warning">' in page
    assert "silence" not in page


def test_the_findings_page_heads_rules_in_words(site: dict[str, str]) -> None:
    summaries = re.findall(r"<summary>(.*?)</summary>", site["findings.html"])
    texts = [" ".join(re.sub(r"<[^>]+>", "", s).split()) for s in summaries]
    assert "waarschuwing Doelstellingen zonder acties (5)" in texts
    assert "suggestie Hoofdstukken zonder SDG-subdoelen (1)" in texts
    # a plugin's rule is headed by its check's title, from the plugin's own catalog
    assert "waarschuwing Actoren genoemd voor een bevoegdheid die ze niet meer hebben (1)" in texts
    assert not any("unia-competence" in text for text in texts)


def test_the_single_file_links_gaps_inside_itself(
    roeselare: PlanDocument, findings: list[Finding]
) -> None:
    single = render_single(roeselare, findings=findings)
    assert 'href="#chapter-7-findings"' in single
    assert 'id="chapter-7-findings"' in single
    assert 'href="#findings-chapter-7"' in single
    assert 'id="findings-chapter-7"' in single


# -- search, coverage -------------------------------------------------------------------------


def test_the_search_index_holds_each_chapters_text(
    roeselare: PlanDocument, site: dict[str, str]
) -> None:
    page = site["search.html"]
    groups = re.findall(
        r'<section class="search-chapter" data-filter-group data-search="([^"]*)"', page
    )
    assert len(groups) == len(roeselare.plan.chapters)
    for chapter, text in zip(roeselare.plan.chapters, groups, strict=True):
        text = html.unescape(text)
        assert fold(str(chapter.title)) in text
        if chapter.description:
            assert fold(str(chapter.description)) in text
    assert sum(bool(c.description) for c in roeselare.plan.chapters) >= 5
    assert "huisvesting" in html.unescape(groups[6])


def test_coverage_says_why_a_commitment_has_no_example_actions(site: dict[str, str]) -> None:
    rows = site["coverage.html"].split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    none = [i + 1 for i, row in enumerate(rows) if "geen in het kader" in row]
    assert none == [3, 7]
    assert "0 / 0" not in re.sub(r"<[^>]+>", "", site["coverage.html"]).replace("\xa0", " ")
    overview = site["index.html"]
    assert overview.count("het kader geeft geen voorbeeldacties") == 2


# -- head and footer --------------------------------------------------------------------------


def test_every_page_has_a_description_and_an_icon(
    roeselare: PlanDocument, site: dict[str, str]
) -> None:
    descriptions = {}
    for name, text in site.items():
        if not name.endswith(".html"):
            continue
        found = re.findall(r'<meta name="description" content="([^"]*)">', text)
        assert len(found) == 1, name
        descriptions[name] = html.unescape(found[0])
        assert 20 < len(descriptions[name]) <= 200, name
        assert '<link rel="icon" href="assets/favicon.svg" type="image/svg+xml">' in text
    assert len(set(descriptions.values())) == len(descriptions)  # each page its own
    assert descriptions["index.html"].endswith("met 52 doelstellingen en 68 acties.")
    assert descriptions["chapter-7.html"].startswith(
        "Hoofdstuk 7: Rechtvaardige toegang tot huisvesting."
    )
    assert site["assets/favicon.svg"].startswith("<svg")


def test_the_footer_names_the_day_and_the_data_version(
    roeselare: PlanDocument, findings: list[Finding], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733356800")  # 5 December 2024, 00:00 UTC
    first = render_site(roeselare, findings=findings)
    fingerprint = hashlib.sha256(plan_to_json(roeselare.plan).encode()).hexdigest()[:12]
    for name, text in first.items():
        if name.endswith(".html"):
            assert "Publicatiedatum: 5 december 2024." in text, name
            assert f"Versie van de plangegevens: {fingerprint}." in text, name
    assert render_site(roeselare, findings=findings) == first  # reproducible
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert "Publicatiedatum: 1 januari 1970." in render_site(roeselare)["index.html"]


@pytest.mark.parametrize("value", ["yesterday", "-5", "1e9", "99999999999999999999"])
def test_a_bad_source_date_epoch_is_one_clear_error(
    value: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH must be a whole number"):
        publication_date()
    output = tmp_path / "site"
    status = main(["report", str(ROESELARE), "--format", "html", "--output", str(output)])
    assert status == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "SOURCE_DATE_EPOCH" in err[0]
    assert repr(value) in err[0]
    assert not output.exists()


def test_the_groups_hold_every_finding_once(
    roeselare: PlanDocument, findings: list[Finding]
) -> None:
    gaps = Site(roeselare, findings).gaps
    assert gaps is not None
    groups = gaps.groups()
    assert sum(g.total for g in groups) == len(findings)
    assert [g.number for g in groups] == [*range(1, 11), None]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=plan_data())
def test_any_plans_findings_are_each_in_one_group_of_their_chapter(
    builtin_plugins: Plugins, data: dict[str, Any]
) -> None:
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "plan.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        document = load_plan_document(path, plugins=builtin_plugins)
    findings = run_checks(document, builtin_plugins.checks.values())
    gaps = Site(document, findings).gaps
    assert gaps is not None
    placed = []
    for group in gaps.groups():
        assert group.total == sum(len(rule.findings) for rule in group.rules)
        for rule in group.rules:
            for view in rule.findings:
                assert (view.chapter, view.rule) == (group.chapter, rule.rule)
                placed.append(view)
    assert len(placed) == len(findings)
    for found, view in zip(findings, gaps.findings, strict=True):
        number = _commitment(document, found)
        assert view.chapter == (None if number is None else f"chapter-{number}")


def test_a_plan_without_findings_says_so(roeselare: PlanDocument) -> None:
    files = render_site(roeselare, findings=[])
    assert "De controles vonden niets om na te kijken." in files["findings.html"]
    assert "gap-chip" not in files["index.html"]
    assert "De controles vonden in dit hoofdstuk niets om na te kijken." in files["chapter-7.html"]


def test_a_rule_without_a_title_is_headed_by_its_id() -> None:
    gaps = Gaps([], [], Words("nl"), {"chapter-without-timing": Txt("Hoofdstukken zonder timing")})
    assert gaps.rule_title("smallville-lead") == Txt("smallville-lead")
    assert gaps.rule_title("chapter-without-timing").text == "Hoofdstukken zonder timing"
