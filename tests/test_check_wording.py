"""Findings in the reader's language: the built-in checks' templates in every shipped language,
advice without YAML syntax, the website's findings in the plan's language (the command line
unchanged), plugins' own catalogs and what happens when one is broken."""

from __future__ import annotations

import datetime
import itertools
import re
import sys
import warnings
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
import yaml
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, given, settings

from check_messages import check_templates
from eccar_plan import (
    Check,
    Finding,
    PlanDocument,
    Plugins,
    Scope,
    Severity,
    load_plan_document,
    run_checks,
    write_report,
)
from eccar_plan._i18n import placeholders
from eccar_plan._reports.html import render_site
from eccar_plan.plugins import Plugins as PluginsType
from eccar_plan.wording import (
    Phrase,
    Translations,
    TranslationWarning,
    Value,
    Words,
    make_finding,
)
from strategies import plan_data

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "eccar_plan" / "locale"
LANGUAGES = ["nl", "fr", "de"]
YAML_SYNTAX = re.compile(r"[{}\[\]`]|\b\w+_\w+\b|\b[a-z_]+: |: *$")
"""What advice must not show: braces or brackets (once the placeholders are filled), code, a
snake_case key or a ``key: value``."""


# -- every built-in template in every language -------------------------------------------------


def _catalog(language: str) -> dict[str, str]:
    with (LOCALE / language / "LC_MESSAGES" / "eccar_plan.po").open("rb") as stream:
        return {str(m.id): str(m.string) for m in read_po(stream, locale=language) if m.id}


def test_the_templates_are_found_in_the_code() -> None:
    messages, advice = check_templates("message"), check_templates("advice")
    assert "chapter {number} has no organiser" in messages
    assert "objective {id}" in messages  # a phrase inside messages
    assert "Remove the repeated silence." in advice  # unused-silence, from _checking
    assert len(messages) >= 35
    assert len(advice) >= 18


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_template_is_translated_with_its_placeholders(language: str) -> None:
    catalog = _catalog(language)
    for template in check_templates():
        translation = catalog.get(template)
        assert translation, (language, template)
        assert translation != template or len(template.split()) <= 2, (language, template)
        assert placeholders(translation) == placeholders(template), (language, template)


def _sample(name: str) -> Value:
    if name == "title":  # a framework text, in every language
        return {"en": "T", "nl": "T", "fr": "T", "de": "T"}
    return "Stad" if name == "name" else "7"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_template_renders_with_every_placeholder_filled(language: str) -> None:
    words = Words(language)
    for template in sorted(check_templates() - {"and"}):
        values = {name: _sample(name) for name in placeholders(template)}
        finding = make_finding("x", Severity.INFO, template, "plan", values=values)
        worded = words.finding(finding)
        assert worded.message.language == language, template
        assert "{" not in worded.message.text
        assert "}" not in worded.message.text
        assert worded.message.text != finding.message or len(template.split()) <= 2, template


@pytest.mark.parametrize("language", ["en", *LANGUAGES])
def test_no_advice_shows_yaml_syntax(language: str) -> None:
    catalog = _catalog(language)
    for template in check_templates("advice"):
        filled = re.sub(r"\{\w+\}", "7", catalog[template])
        assert not YAML_SYNTAX.search(filled), (language, filled)


# -- the built-in checks on a plan with every gap ------------------------------------------------


def _every_gap() -> dict[str, Any]:
    """A plan on which every built-in rule (and unused-silence) finds something."""
    ongoing = {"start": 2019, "end": 2026, "meaning": "ongoing"}
    group = {"members": [{"actor": "city", "role": "organiser"}, {"actor": "ngo"}]}
    chapters: list[dict[str, Any]] = [
        {
            "commitment": number,
            "title": f"Chapter {number}",
            "working_group": group,
            "objectives": [
                {
                    "id": f"{number}.1",
                    "title": "Work",
                    "timing": {"start": 2021, "meaning": "due"},
                    "actions": [{"id": f"{number}.1.a", "text": "Do it"}],
                }
            ],
        }
        for number in (1, 2, 4, 5)
    ]
    chapters[1]["working_group"] = {
        "members": [{"actor": "city", "role": "organiser"}, {"actor": "ngo", "label": "The NGO"}]
    }
    chapters[1]["objectives"] += [
        {
            "id": "2.2",
            "title": "Cycle",
            "actions": [
                {"id": "2.2.a", "text": "A", "depends_on": [{"needs": "2.2.b"}]},
                {"id": "2.2.b", "text": "B", "depends_on": [{"needs": "2.2.a"}]},
            ],
        },
        {"id": "2.3", "title": "No actions", "timing": ongoing},
        {
            "id": "2.4",
            "title": "Early",
            "timing": {"start": 2020, "meaning": "due"},
            "actions": [
                {
                    "id": "2.4.a",
                    "text": "C",
                    "depends_on": [{"needs": "1.1"}],
                    "timing": {"start": 2020, "meaning": "due"},
                }
            ],
        },
    ]
    chapters[1]["objectives"][0]["timing"] = {"start": 2023, "end": 2025, "meaning": "due"}
    chapters[2]["objectives"] = [
        {"id": "4.1", "title": "Untimed", "actions": [{"id": "4.1.a", "text": "Do"}]}
    ]
    chapters[3].pop("working_group")
    chapters[3]["objectives"].append({"id": "5.2", "title": "Untimed too"})
    return {
        "city": {"name": "Testville", "country": "GB"},
        "title": "Test plan",
        "language": "en",
        "framework": "eccar-2004",
        "period": {"start": 2020, "end": 2025},
        "actors": [
            {"id": "city", "name": "City of Testville", "kind": "city_department"},
            {"id": "ngo", "name": "Testville NGO", "kind": "ngo"},
            {"id": "idle", "name": "Idle Office", "kind": "city_department"},
        ],
        "silence": [
            {"rule": "objective-without-actions", "subject": "objective:9.9", "reason": "Tested."}
        ],
        "chapters": chapters,
    }


@pytest.fixture(scope="module")
def gaps(tmp_path_factory: pytest.TempPathFactory, builtin_plugins: Plugins) -> list[Finding]:
    path = tmp_path_factory.mktemp("gaps") / "plan.yaml"
    path.write_text(yaml.safe_dump(_every_gap(), sort_keys=False), encoding="utf-8")
    (path.parent / "progress").mkdir()  # item-late: 2.4.a was due in 2020
    late = "period: 2024\nrecords:\n  - {item: 2.4.a, status: limited}\n"
    (path.parent / "progress" / "2024.yaml").write_text(late, encoding="utf-8")
    document = load_plan_document(path, plugins=builtin_plugins)
    return run_checks(document, builtin_plugins.checks.values())


def _all_in(value: Value, language: str) -> bool:
    """Whether every text of several languages inside *value* has one in *language*."""
    if isinstance(value, Phrase):
        return all(_all_in(v, language) for v in value.values.values())
    if isinstance(value, tuple):
        return all(_all_in(v, language) for v in value)
    if isinstance(value, Mapping):
        return any(code.split("-")[0] == language for code in value)
    return True


def test_the_plan_has_every_gap(gaps: list[Finding], builtin_plugins: Plugins) -> None:
    assert {f.rule for f in gaps} == {*builtin_plugins.checks, "unused-silence"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_builtin_finding_is_worded_in_the_language(
    gaps: list[Finding], language: str
) -> None:
    words = Words(language)
    for finding in gaps:
        assert finding.template is not None
        assert finding.advice is not None
        worded = words.finding(finding)
        expected = language if all(_all_in(v, language) for v in finding.values.values()) else "en"
        assert worded.message.language == expected, finding.message
        assert worded.advice is not None
        assert worded.advice.language == language
        for text in (worded.message.text, worded.advice.text):
            assert not re.search(r"\{\w*\}", text), text
        assert not YAML_SYNTAX.search(worded.advice.text)
        if expected == "en":  # a framework text only in English: the whole message stays English
            assert worded.message.text == finding.message


def test_a_dutch_message_reads_as_dutch(gaps: list[Finding]) -> None:
    words = Words("nl")
    texts = {f.rule: words.finding(f).message.text for f in gaps}
    assert texts["dependency-cycle"] == (
        "kringloop van afhankelijkheden tussen actie 2.2.a en actie 2.2.b: actie 2.2.a "
        "bouwt voort op actie 2.2.b; actie 2.2.b bouwt voort op actie 2.2.a"
    )
    assert texts["unused-silence"] == (
        "uitzondering 1 (objective-without-actions voor objective:9.9) past op geen enkele "
        "bevinding: de controle vond niets om uit te zonderen"
    )
    assert texts["actor-spelled-several-ways"].endswith(
        "\u2018Testville NGO\u2019 (hoofdstukken 1, 4) en \u2018The NGO\u2019 (hoofdstuk 2)"
    )


def test_english_words_are_the_command_line_s(gaps: list[Finding]) -> None:
    words = Words("en")
    for finding in gaps:
        worded = words.finding(finding)
        assert (worded.message.text, worded.message.language) == (finding.message, "en")
        assert worded.advice is not None
        assert worded.advice.language == "en"
    hints = {f.rule: f.hint for f in gaps}
    assert hints["objective-without-timing"] == (  # the developer's hint keeps the YAML
        "add a timing: {start: YEAR, end: YEAR, meaning: ongoing} or {start: YEAR, meaning: due}"
    )


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=plan_data())
def test_random_plans_word_every_finding(data: dict[str, Any]) -> None:
    from eccar_plan.plugins import get_plugin_manager

    plugins = PluginsType(get_plugin_manager(autoload=False))
    with _directory() as folder:
        path = folder / "plan.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        document = load_plan_document(path, plugins=plugins)
        findings = run_checks(document, plugins.checks.values())
    for finding, language in itertools.product(findings, ["en", *LANGUAGES]):
        worded = Words(language).finding(finding)
        assert worded.message.language in (language, "en")
        assert not re.search(r"\{\w*\}", worded.message.text)
        if language == "en":
            assert worded.message.text == finding.message


def _directory() -> Any:
    import tempfile

    return _TempDir(tempfile.TemporaryDirectory())


@attrs.define
class _TempDir:
    inner: Any

    def __enter__(self) -> Path:
        return Path(self.inner.__enter__())

    def __exit__(self, *args: object) -> None:
        self.inner.__exit__(*args)


# -- the website and the command line --------------------------------------------------------------


class _Texts(HTMLParser):
    """The text of a page, each piece with the language it is in (its nearest ``lang``)."""

    VOID: ClassVar[set[str]] = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
    }

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str | None] = []
        self.pieces: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(dict(attrs).get("lang"))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if data.strip():
            lang = next((code for code in reversed(self.stack) if code), None)
            self.pieces.append((" ".join(data.split()), lang))


def _pieces(page: str) -> list[tuple[str, str | None]]:
    parser = _Texts()
    parser.feed(page)
    return parser.pieces


@pytest.fixture(scope="module")
def roeselare_site(
    roeselare: PlanDocument, roeselare_plugins: Plugins
) -> tuple[list[Finding], list[tuple[str, str | None]]]:
    findings = run_checks(roeselare, roeselare_plugins.checks.values())
    return findings, _pieces(render_site(roeselare, findings=findings)["findings.html"])


def test_the_roeselare_findings_page_is_dutch(
    roeselare_site: tuple[list[Finding], list[tuple[str, str | None]]],
) -> None:
    findings, pieces = roeselare_site
    assert len(findings) > 20
    in_dutch = {text for text, lang in pieces if lang == "nl"}
    english = [(text, lang) for text, lang in pieces if lang == "en"]
    for finding in findings:
        worded = Words("nl").finding(finding)
        if worded.message.language == "nl":
            assert worded.message.text in in_dutch, worded.message.text
            assert finding.message not in in_dutch
        else:  # a fallback is marked as English
            assert (finding.message, "en") in english
        assert worded.advice is not None
        assert worded.advice.language == "nl"
        assert worded.advice.text in in_dutch
    assert (
        "Unia staat in de werkgroep van hoofdstuk 7, maar is sinds 15 maart 2023 niet meer "
        "bevoegd voor onderwijs en huisvesting (het plan loopt tot 2025)" in in_dutch
    )
    assert "hoofdstuk 8 heeft geen organisator" in in_dutch
    hints = {f.hint for f in findings if f.hint}
    assert not hints & {text for text, _ in pieces}  # the command line's hints are not shown


def test_the_roeselare_page_has_no_english_fallback(
    roeselare_site: tuple[list[Finding], list[tuple[str, str | None]]],
) -> None:
    findings, pieces = roeselare_site
    # the framework gives its example actions in Dutch: their findings are Dutch too
    uncovered = [f for f in findings if f.rule == "example-action-not-covered"]
    assert uncovered
    assert all(Words("nl").finding(f).message.language == "nl" for f in findings)
    english = {text for text, lang in pieces if lang == "en"}
    assert english == {"ECCAR 10-Point Plan of Action"}  # the framework's name, marked


def test_a_framework_text_only_in_english_keeps_the_whole_message_english() -> None:
    template = (
        'no objective implements the example action "{text}" of commitment {number} ({reference})'
    )
    values: dict[str, Value] = {"text": {"en": "A forum"}, "number": "1", "reference": "f:1/forum"}
    finding = make_finding(
        "example-action-not-covered", Severity.INFO, template, "plan", values=values
    )
    for language in LANGUAGES:
        worded = Words(language).finding(finding)
        assert (worded.message.text, worded.message.language) == (finding.message, "en")
    # given in the language, the text is quoted in the language's message
    values["text"] = {"en": "A forum", "nl": "Een forum"}
    finding = make_finding(
        "example-action-not-covered", Severity.INFO, template, "plan", values=values
    )
    worded = Words("nl").finding(finding)
    assert worded.message.language == "nl"
    assert "\u2018Een forum\u2019" in worded.message.text


def test_the_command_line_keeps_english_and_its_hints(
    run_cli: Any, roeselare_plugins: Plugins
) -> None:
    result = run_cli("check", ROOT / "examples" / "roeselare", plugins=roeselare_plugins)
    lines = result.stdout.splitlines()
    assert any(
        line.endswith(
            "warning: chapter 8 has no organiser [chapter-without-organiser] (hint: name the "
            "organiser in working_group.members with role: organiser)"
        )
        for line in lines
    )
    assert "organisator" not in result.stdout
    assert not re.search(r"hoofdstuk \d", result.stdout)  # the files are in hoofdstukken/


# -- plugins' catalogs -------------------------------------------------------------------------


def _plugin_package(root: Path, name: str, po: str | bytes) -> Translations:
    """A package *name* under *root* with the Dutch catalog *po*; on ``sys.path``."""
    directory = root / name / "locale" / "nl" / "LC_MESSAGES"
    directory.mkdir(parents=True)
    (root / name / "__init__.py").write_text("", encoding="utf-8")
    content = po.encode("utf-8") if isinstance(po, str) else po
    (directory / f"{name}.po").write_bytes(content)
    return Translations(name)


@pytest.fixture
def on_path(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in [m for m in sys.modules if m.startswith("wording_test_")]:
        del sys.modules[name]


def _stale(document: PlanDocument) -> Iterator[Finding]:
    yield make_finding(
        "wording-test-stale",
        Severity.WARNING,
        "chapter {number} is stale",
        "chapter:1",
        ("chapters", 0),
        values={"number": 1},
        advice="Look at chapter {number} again.",
    )


GOOD = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    'msgid "chapter {number} is stale"\nmsgstr "hoofdstuk {number} is verouderd"\n\n'
    'msgid "Look at chapter {number} again."\nmsgstr "Bekijk hoofdstuk {number} opnieuw."\n'
)


def test_a_plugin_catalog_words_its_check(on_path: Path) -> None:
    translations = _plugin_package(on_path, "wording_test_good", GOOD)
    finding = attrs.evolve(next(_stale(None)), translations=translations)  # type: ignore[arg-type]
    worded = Words("nl-BE").finding(finding)
    assert (worded.message.text, worded.message.language) == ("hoofdstuk 1 is verouderd", "nl-BE")
    assert worded.advice is not None
    assert worded.advice.text == "Bekijk hoofdstuk 1 opnieuw."
    assert Words("fr").finding(finding).message.language == "en"  # no French catalog


def _write_dutch_site(
    on_path: Path, translations: Translations, builtin_plugins: Plugins
) -> tuple[Path, list[warnings.WarningMessage]]:
    check = Check(
        "wording-test-stale",
        Severity.WARNING,
        "Chapters are not stale.",
        _stale,
        scope=Scope.every_plan(),
        translations=translations,
    )
    plan = ROOT / "examples" / "roeselare"
    document = load_plan_document(plan, plugins=_with_roeselare(builtin_plugins))
    report = builtin_plugins.report_formats["html"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        output = write_report(report, document, on_path / "site", checks=[check])
    return output, [w for w in caught if issubclass(w.category, TranslationWarning)]


def _with_roeselare(builtin_plugins: Plugins) -> Plugins:
    from eccar_plan.plugins import get_plugin_manager

    plugin = pytest.importorskip("eccar_roeselare.plugin", reason="the Roeselare plugin")
    manager = get_plugin_manager(autoload=False)
    manager.register(plugin, name="roeselare")
    return PluginsType(manager)


def test_a_malformed_plugin_catalog_is_one_warning_and_english(
    on_path: Path, builtin_plugins: Plugins
) -> None:
    broken = 'msgid "chapter {number} is stale"\nmsgstr "hoofdstuk {number} is\n'
    translations = _plugin_package(on_path, "wording_test_broken", broken)
    output, caught = _write_dutch_site(on_path, translations, builtin_plugins)
    assert len(caught) == 1
    message = str(caught[0].message)
    assert message.startswith("plugin wording_test_broken: ")
    assert "wording_test_broken.po" in message
    assert "malformed catalog" in message
    assert "\n" not in message
    page = (output / "findings.html").read_text(encoding="utf-8")
    assert '<span lang="en">chapter 1 is stale</span>' in page  # the report is still written


def test_an_unknown_placeholder_is_one_warning_and_english(
    on_path: Path, builtin_plugins: Plugins
) -> None:
    wrong = GOOD.replace('msgstr "hoofdstuk {number} is verouderd"', 'msgstr "hoofdstuk {nummer}"')
    translations = _plugin_package(on_path, "wording_test_placeholder", wrong)
    output, caught = _write_dutch_site(on_path, translations, builtin_plugins)
    assert len(caught) == 1
    message = str(caught[0].message)
    assert message.startswith("plugin wording_test_placeholder: ")
    assert "wording_test_placeholder.po" in message
    assert "{nummer}" in message
    page = (output / "findings.html").read_text(encoding="utf-8")
    assert '<span lang="en">chapter 1 is stale</span>' in page
    assert "Bekijk hoofdstuk 1 opnieuw." in page  # the rest of the catalog is used


def test_a_template_without_its_value_is_a_warning_and_the_message(
    recwarn: pytest.WarningsRecorder,
) -> None:
    finding = Finding(
        "wording-test-bare",
        Severity.INFO,
        "the English message",
        "plan",
        template="chapter {number} is stale",
    )
    worded = Words("nl").finding(finding)
    assert (worded.message.text, worded.message.language) == ("the English message", "en")
    [warning] = [w for w in recwarn if issubclass(w.category, TranslationWarning)]
    assert "wording-test-bare" in str(warning.message)


def test_a_finding_without_a_template_is_shown_as_it_is() -> None:
    finding = Finding("old-style", Severity.INFO, "geen sjabloon", "plan", hint="doe iets")
    worded = Words("nl").finding(finding, "nl")
    assert (worded.message.text, worded.message.language) == ("geen sjabloon", "nl")
    assert worded.advice is not None
    assert (worded.advice.text, worded.advice.language) == ("doe iets", "nl")


def test_old_style_findings_still_work() -> None:
    finding = Finding("x", Severity.INFO, "m", "plan", ("chapters", 0), "h")
    assert (finding.template, dict(finding.values), finding.advice) == (None, {}, None)
    assert finding.translations is None


def test_dates_and_lists_are_worded_in_the_language() -> None:
    finding = make_finding(
        "x",
        Severity.INFO,
        "objective {id}",
        "plan",
        values={"id": (datetime.date(2023, 3, 15), "b")},
    )
    assert finding.message == "objective March 15, 2023 and b"
    assert Words("nl").finding(finding).message.text == "doelstelling 15 maart 2023 en b"
    assert Words("de").finding(finding).message.text == "Ziel 15. März 2023 und b"


# -- the scaffold gives a new city the pattern ---------------------------------------------------


@pytest.mark.parametrize(("language", "catalog"), [("nl-BE", "nl"), ("es", "es"), ("en", None)])
def test_a_new_city_gets_a_catalog_in_its_language(language: str, catalog: str | None) -> None:
    from eccar_plan._scaffold import render_city
    from eccar_plan.plugins import get_plugin_manager

    framework = PluginsType(get_plugin_manager(autoload=False)).frameworks["eccar-2004"]
    files = render_city("Gent", framework=framework, language=language, country="BE")
    found = [path for path in files if path.endswith(".po")]
    if catalog is None:
        assert found == []
        return
    assert found == [f"src/eccar_gent/locale/{catalog}/LC_MESSAGES/eccar_gent.po"]
    entries = {
        str(m.id): str(m.string)
        for m in read_po(iter(files[found[0]].encode("utf-8").splitlines(keepends=True)))
        if m.id
    }
    assert set(entries) == {
        "no action of objective {id} names a lead",
        "Name the partner that leads one of the objective's actions.",
    }
    if catalog == "nl":
        assert entries["no action of objective {id} names a lead"] == (
            "geen enkele actie van doelstelling {id} noemt een trekker"
        )
    else:
        assert set(entries.values()) == {""}  # to translate
