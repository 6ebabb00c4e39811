"""What the plugin's hooks contribute, on a manager it is registered on explicitly."""

from __future__ import annotations

import importlib.resources

import pytest
from eccar_plan import Check, Plugins, ReportFormat, load_plan_document

import eccar_roeselare.plugin
from roeselare_plans import ROESELARE_EXAMPLE, require_data_files


def test_the_report_formats(roeselare_plugins: Plugins) -> None:
    formats = roeselare_plugins.report_formats
    assert {"roeselare-html", "roeselare-docx", "roeselare-pdf"} <= set(formats)
    assert isinstance(formats["roeselare-html"], ReportFormat)
    assert formats["roeselare-html"].suffix == ".html"
    assert formats["roeselare-docx"].suffix == ".docx"
    assert not formats["roeselare-docx"].directory


def test_the_hooks_and_formats_are_the_plugins_only_public_names() -> None:
    assert sorted(eccar_roeselare.plugin.__all__) == [
        "DOCX",
        "HTML",
        "PDF",
        "eccar_actor_directories",
        "eccar_checks",
        "eccar_framework_wordings",
        "eccar_report_formats",
        "eccar_taxonomies",
    ]


def test_the_templates_ship_in_the_package() -> None:
    templates = importlib.resources.files("eccar_roeselare").joinpath("templates")
    assert templates.joinpath("plan.html.j2").is_file()
    assert importlib.resources.files("eccar_roeselare").joinpath("py.typed").is_file()


def test_the_actor_directory(roeselare_plugins: Plugins) -> None:
    require_data_files("partners.yaml")
    directory = roeselare_plugins.actor_directories["roeselare"]
    ids = {actor.id for actor in directory.actors}
    assert {"unia", "vmri"} <= ids


def test_the_taxonomies(roeselare_plugins: Plugins) -> None:
    require_data_files("principes.yaml", "doelgroepen.yaml")
    taxonomies = roeselare_plugins.taxonomies
    assert {"samenlevingsplan-principes", "samenlevingsplan-doelgroepen"} <= set(taxonomies)
    for taxonomy in taxonomies.values():
        assert taxonomy.terms


def test_the_check(roeselare_plugins: Plugins) -> None:
    require_data_files("partners.yaml", "competences.yaml")
    check = roeselare_plugins.checks["unia-competence"]
    assert isinstance(check, Check)
    assert check.severity == "warning"


def test_the_plugin_is_labelled_by_its_name(roeselare_plugins: Plugins) -> None:
    label = roeselare_plugins.plugin_label(eccar_roeselare.plugin)
    assert label.startswith("roeselare")


def test_the_wording_of_the_commitments_is_the_citys(roeselare_plugins: Plugins) -> None:
    require_data_files("eccar-2004-nl.yaml")
    wording = roeselare_plugins.framework_wordings["roeselare-eccar-2004-nl"]
    assert (wording.framework, wording.language, wording.by) == (
        "eccar-2004",
        "nl",
        "stad Roeselare",
    )
    framework = roeselare_plugins.frameworks["eccar-2004"]
    assert [c.number for c in wording.commitments] == [c.number for c in framework.commitments]
    assert wording.problems_with(framework) == []
    # the coalition has no Dutch title to stand beside: the wording fills that gap only
    assert not any(isinstance(c.title, dict) and "nl" in c.title for c in framework.commitments)


def test_the_wording_uses_the_plans_own_chapter_titles(roeselare_plugins: Plugins) -> None:
    require_data_files("eccar-2004-nl.yaml")
    if not (ROESELARE_EXAMPLE / "plan.yaml").is_file():
        pytest.skip(f"{ROESELARE_EXAMPLE} is not written yet")
    plan = load_plan_document(ROESELARE_EXAMPLE, plugins=roeselare_plugins).plan
    chapters = {c.commitment: c.title for c in plan.chapters}
    wording = roeselare_plugins.framework_wordings["roeselare-eccar-2004-nl"]
    unchanged = [c for c in wording.commitments if c.note == "The plan's chapter title, unchanged."]
    assert len(unchanged) == 8
    for commitment in unchanged:
        assert commitment.title == chapters[commitment.number]
    # the others say how they depart from the chapter title, quoting it
    for commitment in wording.commitments:
        if commitment not in unchanged:
            assert commitment.note is not None
            assert f'"{chapters[commitment.number]}"' in commitment.note
