"""Framework texts in the plan's language, with their source.

The framework data says truthfully which languages its texts are in; a city plugin's wording of
the framework reaches only the plans that require the plugin and is shown as the city's, with the
coalition's original beside it; anything else stays in the coalition's language, marked with it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from docx import Document as read_docx
from hypothesis import given, settings
from hypothesis import strategies as st

from eccar_plan import (
    PlanDocument,
    PluginError,
    Plugins,
    get_plugin_manager,
    hookimpl,
    load_plan_document,
)
from eccar_plan._reports.docx_report import build_docx
from eccar_plan._reports.framework_texts import FrameworkTexts
from eccar_plan._reports.html import render_site
from eccar_plan._reports.markdown_report import render_markdown
from eccar_plan.model import CommitmentWording, FrameworkWording, text_in
from eccar_plan.plugins import EccarPluginWarning, PluginSource
from eccar_plan.testing import PlanDirFactory, make_plugins
from test_report_html import Page, pages

ROOT = Path(__file__).resolve().parent.parent
ROESELARE = ROOT / "examples" / "roeselare"
FACTS = ROOT.parent / "shared" / "design" / "eccar-framework-facts.md"
"""The facts collected about the frameworks, with their sources (beside the repository)."""
MARK = "(vertaling: stad Roeselare; origineel: Fair Access to Housing)"

KORTRIJK = FrameworkWording(
    id="kortrijk-eccar-2004-nl",
    framework="eccar-2004",
    language="nl",
    by="stad Kortrijk",
    commitments=[
        CommitmentWording(
            number=1,
            title="Meer waakzaamheid tegen racisme",
            example_actions={"consultation": "Een overlegmechanisme met maatschappelijke actoren"},
        ),
        CommitmentWording(number=7, title="Eerlijke toegang tot huisvesting"),
    ],
)


class _Kortrijk:
    """Another city's plugin, with its own Dutch wording of two commitments."""

    def __init__(self, wording: FrameworkWording = KORTRIJK) -> None:
        self.wording = wording

    @hookimpl
    def eccar_framework_wordings(self) -> Iterator[FrameworkWording]:
        yield self.wording


@pytest.fixture(scope="module")
def two_cities() -> Plugins:
    """The built-in plugins, Roeselare's (from ``eccar-plan-roeselare``) and Kortrijk's (from
    ``eccar-plan-kortrijk``), both with a Dutch wording of the ECCAR framework."""
    roeselare = pytest.importorskip("eccar_roeselare.plugin", reason="the Roeselare plugin")
    manager = get_plugin_manager(autoload=False)
    for name, plugin, distribution in (
        ("roeselare", roeselare, "eccar-plan-roeselare"),
        ("kortrijk", _Kortrijk(), "eccar-plan-kortrijk"),
    ):
        manager.sources[name] = PluginSource(name, distribution, "0.1.0", entry_point=name)
        manager.register(plugin, name=name)
    return Plugins(manager)


@pytest.fixture(scope="module")
def roeselare_doc(two_cities: Plugins) -> PlanDocument:
    return load_plan_document(ROESELARE, plugins=two_cities)


@pytest.fixture(scope="module")
def roeselare_site(roeselare_doc: PlanDocument) -> dict[str, Page]:
    return pages(render_site(roeselare_doc))


def _text(page: Page) -> str:
    """The page's text, without the space the parser puts before a closing bracket."""
    return page.text().replace(" )", ")")


def _plan(language: str, requires: list[str]) -> dict[str, Any]:
    return {
        "city": {"name": "Kortrijk", "country": "BE"},
        "title": "Actieplan",
        "language": language,
        "framework": "eccar-2004",
        "requires": [{"plugin": plugin} for plugin in requires],
        "chapters": [
            {
                "commitment": number,
                "title": f"Hoofdstuk {number}",
                "objectives": [
                    {
                        "id": f"{number}.1",
                        "title": "Doel",
                        "implements": ["eccar-2004:1/consultation", "eccar-2004:1/monitoring"]
                        if number == 1
                        else [],
                    }
                ],
            }
            for number in (1, 7)
        ],
    }


# -- the framework data -------------------------------------------------------------------------


def test_every_text_of_the_framework_names_its_source(builtin_plugins: Plugins) -> None:
    framework = builtin_plugins.frameworks["eccar-2004"]
    used: set[str] = set(framework.title) | set(framework.coalition)
    for commitment in framework.commitments:
        for field in ("title", "objective"):
            text = getattr(commitment, field)
            for language in [] if text is None else text:
                used.add(language)
                assert commitment.sources.get(f"{field}.{language}"), (commitment.number, field)
        for action in commitment.example_actions:
            used |= set(action.text)
    # the languages the data lists are exactly those its texts are given in
    assert set(framework.languages) == used


def test_the_framework_reports_the_languages_of_its_texts(builtin_plugins: Plugins) -> None:
    counts = builtin_plugins.frameworks["eccar-2004"].text_languages()
    # no Dutch title: ECCAR gives none; one French one (point 10)
    assert counts["titles"] == (10, {"en": 10, "de": 10, "fr": 1})
    # the Dutch objectives are quoted from Roeselare's plan (point 1's is the project's); points 3
    # and 7 have no English one, so no French or German one either
    assert counts["objectives"] == (10, {"nl": 10, "en": 8, "de": 8, "fr": 8})
    # the project's own summaries, in every language it ships
    assert counts["example_actions"] == (25, {"en": 25, "de": 25, "nl": 25, "fr": 25})


SUMMARY = "eccar-plan-summary"


def test_the_projects_translations_render_its_own_summaries_only(
    builtin_plugins: Plugins,
) -> None:
    framework = builtin_plugins.frameworks["eccar-2004"]
    for commitment in framework.commitments:
        sources = commitment.sources
        objective = commitment.objective or {}
        assert isinstance(objective, dict)
        for language in set(objective) - {"en"}:
            if sources[f"objective.{language}"] == [SUMMARY]:  # a translation of the summary
                assert sources["objective.en"] == [SUMMARY], commitment.number
        if "en" in objective:
            assert set(objective) == {"en", "nl", "fr", "de"}, commitment.number
        for action in commitment.example_actions:
            assert SUMMARY in action.sources, action.id
            assert isinstance(action.text, dict)
            assert set(action.text) == {"en", "nl", "fr", "de"}, action.id
            assert len(set(action.text.values())) == 4, action.id  # each language its own words
    # the Dutch objectives quoted from Roeselare's plan stay quoted, and cited to it
    quoted = [
        c.number
        for c in framework.commitments
        if c.sources.get("objective.nl") == ["roeselare-2020"]
    ]
    assert quoted == list(range(2, 11))
    first, nine = framework.commitment(1), framework.commitment(9)
    assert first is not None
    assert nine is not None
    assert nine.objective is not None
    assert first.sources["objective.nl"] == [SUMMARY]
    verbatim = text_in(nine.objective, "nl")  # with the plan's typo
    assert "het collectief geheugen ende publieke ruimte" in verbatim
    # a text no source gives stays missing in every language
    for number in (3, 7):
        missing = framework.commitment(number)
        assert missing is not None
        assert set(missing.objective or {}) == {"nl"}
        assert missing.example_actions == []


def test_titles_keep_the_capitals_of_their_source(builtin_plugins: Plugins) -> None:
    framework = builtin_plugins.frameworks["eccar-2004"]
    titles = {c.number: c.title for c in framework.commitments}
    # as ECCAR writes them (point 6 capitalises "As An"), not normalised
    assert text_in(titles[6], "en") == (
        "The City As An Equal Opportunities Employer and Service Provider"
    )
    assert text_in(titles[5], "en") == (
        "The City as an Active Supporter of Equal Opportunity Practices"
    )
    assert text_in(titles[10], "fr").startswith("Prévention contre les actes de racisme")


@pytest.mark.skipif(not FACTS.is_file(), reason=f"the framework facts are not at {FACTS}")
def test_the_titles_are_those_of_the_collected_facts(builtin_plugins: Plugins) -> None:
    rows = re.findall(r"^\| (\d+) \| ([^|]+) \| ([^|]+) \|", FACTS.read_text("utf-8"), re.M)
    assert len(rows) == 10
    framework = builtin_plugins.frameworks["eccar-2004"]
    for number, english, german in rows:
        commitment = framework.commitment(int(number))
        assert commitment is not None
        assert isinstance(commitment.title, dict)
        assert (commitment.title["en"], commitment.title["de"]) == (english.strip(), german.strip())


def test_roeselares_wording_is_the_citys_and_words_every_title(two_cities: Plugins) -> None:
    wording = two_cities.framework_wordings["roeselare-eccar-2004-nl"]
    assert (wording.framework, wording.language, wording.by) == (
        "eccar-2004",
        "nl",
        "stad Roeselare",
    )
    assert [c.number for c in wording.commitments] == list(range(1, 11))
    assert all(c.note for c in wording.commitments)  # each says where its words come from
    assert wording.problems_with(two_cities.frameworks["eccar-2004"]) == []
    assert two_cities.catalogue.wording_plugins["roeselare-eccar-2004-nl"] == "eccar-plan-roeselare"


# -- which plans get a wording -------------------------------------------------------------------


def test_only_the_required_plugins_wording_reaches_a_plan(roeselare_doc: PlanDocument) -> None:
    assert [w.id for w in roeselare_doc.wordings] == ["roeselare-eccar-2004-nl"]


def test_a_plan_that_requires_no_plugin_gets_no_wording(
    two_cities: Plugins, plan_dir: PlanDirFactory
) -> None:
    document = load_plan_document(plan_dir(_plan("nl", [])), plugins=two_cities)
    assert document.wordings == ()
    chapter = pages(render_site(document))["chapter-7.html"]
    assert chapter.langs_of("Fair Access to Housing") == {"en"}
    assert "vertaling" not in _text(chapter)
    assert "Rechtvaardige toegang" not in _text(chapter)


def test_a_wording_in_another_language_does_not_apply(
    two_cities: Plugins, plan_dir: PlanDirFactory
) -> None:
    plan = plan_dir(_plan("fr", ["eccar-plan-kortrijk"]))
    assert load_plan_document(plan, plugins=two_cities).wordings == ()


def test_kortrijks_plan_gets_kortrijks_wording_only(
    two_cities: Plugins, plan_dir: PlanDirFactory
) -> None:
    document = load_plan_document(
        plan_dir(_plan("nl", ["eccar-plan-kortrijk"])), plugins=two_cities
    )
    assert [w.id for w in document.wordings] == ["kortrijk-eccar-2004-nl"]
    site = pages(render_site(document))
    seven = _text(site["chapter-7.html"])
    assert (
        "Engagement 7: Eerlijke toegang tot huisvesting (vertaling: stad Kortrijk; origineel: "
        "Fair Access to Housing)"
    ) in seven
    assert "Roeselare" not in seven
    # a commitment Kortrijk does not word stays the coalition's English, marked
    coverage = site["coverage.html"]
    assert coverage.langs_of("Promoting Cultural Diversity") == {"en"}
    # the framework's own Dutch example actions come before a city's wording of them
    one = site["chapter-1.html"]
    assert "Een overlegmechanisme met maatschappelijke actoren (vertaling" not in _text(one)
    assert one.langs_of("Een overlegmechanisme met maatschappelijke actoren (jongeren") == {"nl"}
    assert one.langs_of("Monitoring en snelle reactie samen met het middenveld") == {"nl"}
    assert not one.langs_of("A consultation mechanism with social actors")


def test_a_citys_wording_stands_in_for_an_example_action_the_framework_lacks_in_its_language(
    plan_dir: PlanDirFactory,
) -> None:
    wording = FrameworkWording(
        id="kortrijk-eccar-2004-es",
        framework="eccar-2004",
        language="es",
        by="ciudad de Kortrijk",
        commitments=[
            CommitmentWording(
                number=1,
                title="Mayor vigilancia contra el racismo",
                example_actions={"consultation": "Un mecanismo de consulta con actores sociales"},
            )
        ],
    )
    manager = get_plugin_manager(autoload=False)
    manager.sources["kortrijk"] = PluginSource(
        "kortrijk", "eccar-plan-kortrijk", "0.1.0", entry_point="kortrijk"
    )
    manager.register(_Kortrijk(wording), name="kortrijk")
    plugins = Plugins(manager)
    document = load_plan_document(plan_dir(_plan("es", ["eccar-plan-kortrijk"])), plugins=plugins)
    one = pages(render_site(document))["chapter-1.html"]
    # the worded example action is the city's, with the original; the others stay English
    assert "Un mecanismo de consulta con actores sociales (" in _text(one)
    assert "ciudad de Kortrijk" in _text(one)
    assert one.langs_of("A consultation mechanism with social actors") == {"en"}
    assert one.langs_of("Monitoring and rapid response with civil society") == {"en"}


# -- the Roeselare site ---------------------------------------------------------------------------


def test_roeselares_chapter_shows_the_citys_wording_marked(
    roeselare_site: dict[str, Page],
) -> None:
    chapter = roeselare_site["chapter-7.html"]
    [eyebrow] = [e for e in chapter.find("p") if e.attrs.get("class") == "eyebrow"]
    assert f"Engagement 7: Rechtvaardige toegang tot huisvesting {MARK}" in _text(chapter)
    assert chapter.find("span", **{"class": "wording-mark"})
    # the city's Dutch is the page's language; the coalition's original is marked English
    assert chapter.langs_of("Rechtvaardige toegang tot huisvesting") == {"nl"}
    assert chapter.langs_of("Fair Access to Housing") == {"en"}
    assert eyebrow.lang == "nl"


def test_roeselares_overview_cards_show_the_citys_wording(
    roeselare_site: dict[str, Page],
) -> None:
    index = roeselare_site["index.html"]
    text = _text(index)
    assert "Haatmisdrijven en conflictbeheer (vertaling: stad Roeselare)" in text
    assert text.count("(vertaling: stad Roeselare)") == 10
    assert "Greater Vigilance Against Racism" not in text


def test_roeselares_coverage_page_shows_the_wording_and_the_originals(
    roeselare_site: dict[str, Page],
) -> None:
    coverage = roeselare_site["coverage.html"]
    text = _text(coverage)
    assert f"7 Rechtvaardige toegang tot huisvesting {MARK}" in text
    assert coverage.langs_of("Hate Crimes and Conflicts Management") == {"en"}
    # the chart's labels carry no mark: its caption says whose the titles are
    labels = [t for t, _, inside in coverage.texts if "svg" in inside]
    assert any("Haatmisdrijven en conflictbeheer" in label for label in labels)
    assert "De titels van de engagementen zijn een vertaling van stad Roeselare" in text
    # the framework's Dutch example actions are in the page's language, unmarked
    assert coverage.langs_of("Een antidiscriminatietoets voor nieuwe initiatieven van de stad") == {
        "nl"
    }
    assert "Anti-discrimination impact checks" not in text


def test_no_framework_text_of_the_roeselare_site_is_unmarked_english(
    roeselare_site: dict[str, Page], roeselare_doc: PlanDocument
) -> None:
    framework = roeselare_doc.framework
    english = [text_in(c.title, "en") for c in framework.commitments]
    examples = [text_in(a.text, "en") for a in framework.example_action_ids().values()]
    for name, page in roeselare_site.items():
        for text in english:
            assert page.langs_of(text) <= {"en"}, (name, text)
        # the example actions are given in Dutch: none is shown in English, not even marked
        for text in examples:
            assert text[:40] not in _text(page), (name, text)


# -- the readable reports ------------------------------------------------------------------------


def test_markdown_gives_each_chapter_its_commitment_marked(roeselare_doc: PlanDocument) -> None:
    markdown = render_markdown(roeselare_doc)
    assert (
        "- **Engagement:** 7. Rechtvaardige toegang tot huisvesting \\(vertaling: stad "
        "Roeselare; origineel: Fair Access to Housing\\)"
    ) in markdown
    # the example actions are the framework's Dutch, unmarked
    assert "Een overlegmechanisme met maatschappelijke actoren \\(jongeren" in markdown
    assert "A consultation mechanism" not in markdown
    assert "(in het Engels)" not in markdown.replace("\\", "")


def test_markdown_marks_an_english_title_in_dutch(
    two_cities: Plugins, plan_dir: PlanDirFactory
) -> None:
    # a Dutch plan with no city wording: the framework has no Dutch title
    markdown = render_markdown(load_plan_document(plan_dir(_plan("nl", [])), plugins=two_cities))
    assert re.search(r"7\. Fair Access to Housing \\\(in het Engels\\\)", markdown)


def test_docx_marks_the_language_of_the_original(roeselare_doc: PlanDocument) -> None:
    buffer = io.BytesIO()
    build_docx(roeselare_doc).save(buffer)
    doc = read_docx(io.BytesIO(buffer.getvalue()))
    [paragraph] = [p for p in doc.paragraphs if p.text.startswith("Engagement: 7. ")]
    assert paragraph.text == f"Engagement: 7. Rechtvaardige toegang tot huisvesting {MARK}"
    langs = {
        run.text: run._r.find(".//{*}lang").get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val"
        )
        for run in paragraph.runs
        if run._r.find(".//{*}lang") is not None
    }
    assert langs == {"Fair Access to Housing": "en"}


def test_an_english_plan_shows_the_coalitions_titles_unmarked(small: PlanDocument) -> None:
    markdown = render_markdown(small)
    assert "- **Commitment:** 7. Fair Access to Housing\n" in markdown
    assert "translation" not in markdown


@pytest.fixture(scope="module")
def small(builtin_plugins: Plugins) -> PlanDocument:
    return load_plan_document(ROOT / "examples" / "small-city", plugins=builtin_plugins)


# -- the coalition's own text comes first --------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    language=st.sampled_from(["nl", "nl-BE", "de", "en", "fr"]),
    worded=st.sets(st.integers(min_value=1, max_value=10), min_size=1),
)
def test_a_title_is_the_citys_only_where_the_coalition_gives_none(
    small: PlanDocument, language: str, worded: set[int]
) -> None:
    framework = small.framework
    wording = FrameworkWording(
        id="w",
        framework="eccar-2004",
        language=language,
        by="de stad",
        commitments=[CommitmentWording(number=n, title=f"titel {n}") for n in sorted(worded)],
    )
    plan = small.plan.model_copy(update={"language": language})
    texts = FrameworkTexts(attrs.evolve(small, plan=plan, wordings=(wording,)))
    for commitment in framework.commitments:
        title = texts.commitment_title(commitment.number)
        assert title is not None
        assert title.text
        assert isinstance(commitment.title, dict)
        own = language.split("-")[0] in commitment.title
        if commitment.number in worded and not own:
            assert (title.text, title.by) == (f"titel {commitment.number}", "de stad")
            assert title.original is not None
            assert title.original.language == "en"
        else:
            assert title.by is None
            assert title.text == commitment.title.get(
                language.split("-")[0], commitment.title["en"]
            )


# -- bad wordings --------------------------------------------------------------------------------


def test_a_wording_of_what_the_framework_lacks_is_left_out_with_a_warning() -> None:
    wrong = KORTRIJK.model_copy(
        update={
            "commitments": [
                CommitmentWording(number=11, title="Elf"),
                CommitmentWording(number=2, title="Twee", example_actions={"nope": "Niets"}),
            ]
        }
    )
    with pytest.warns(EccarPluginWarning) as caught:
        plugins = make_plugins(kortrijk=_Kortrijk(wrong), strict=False)
    assert plugins.framework_wordings == {}
    [message] = [str(w.message) for w in caught]
    assert message.startswith(
        "plugin kortrijk gives the framework wording 'kortrijk-eccar-2004-nl'"
    )
    assert "commitment 11 is not in eccar-2004" in message
    assert "commitment 2 of eccar-2004 has no example action 'nope'" in message
    with pytest.raises(PluginError, match="commitment 11 is not in eccar-2004"):
        make_plugins(kortrijk=_Kortrijk(wrong))


def test_a_wording_of_a_framework_not_installed_is_left_out() -> None:
    other = KORTRIJK.model_copy(update={"framework": "ccmard-2007"})
    with pytest.warns(EccarPluginWarning, match="'ccmard-2007', which is not installed"):
        plugins = make_plugins(kortrijk=_Kortrijk(other), strict=False)
    assert plugins.framework_wordings == {}


def test_a_malformed_wording_file_is_one_located_error(tmp_path: Path) -> None:
    from eccar_plan import PlanError, load_file

    path = tmp_path / "wording.yaml"
    path.write_text(
        "id: w\nframework: eccar-2004\nlanguage: nl\nby: stad X\n"
        "commitments: [{number: 1, title: Een}, {number: 1, title: Twee}]\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as error:
        load_file(FrameworkWording, path)
    [problem] = error.value.problems
    assert str(problem).startswith(f"{path}:")
    assert "commitment numbers are not unique" in str(problem)
