"""``eccar_plan.scaffold.new_city``: a city's plugin package and plan skeleton.

The generated plugin is imported from the generated ``src/`` and registered on a plugin manager
that loads no installed plugin, so these tests do not depend on what is installed.
"""

from __future__ import annotations

import ast
import datetime
import importlib
import importlib.resources
import os
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from eccar_plan import (
    EccarPlanError,
    PlanDocument,
    Plugins,
    get_plugin_manager,
    hookimpl,
    load_plan_document,
    run_checks,
    write_report,
)
from eccar_plan._scaffold import city_slug, new_city
from eccar_plan.model import Commitment, Framework, text_in
from eccar_plan.testing import make_plugins

START, END = 2025, 2029
LANGUAGES = ["en", "nl", "de", "fr"]

Register = Callable[[Path], tuple[ModuleType, Plugins]]


@pytest.fixture(scope="module")
def framework() -> Framework:
    return Plugins(get_plugin_manager(autoload=False)).frameworks["eccar-2004"]


def _forget(package: str) -> None:
    for name in [m for m in sys.modules if m == package or m.startswith(f"{package}.")]:
        del sys.modules[name]


@pytest.fixture
def register(monkeypatch: pytest.MonkeyPatch) -> Iterator[Register]:
    """Import a generated plugin from its ``src/`` and register it on its own plugin manager."""
    imported: list[str] = []

    def register(directory: Path) -> tuple[ModuleType, Plugins]:
        (package,) = [p.name for p in (directory / "src").iterdir()]
        _forget(package)
        monkeypatch.syspath_prepend(str(directory / "src"))
        module = importlib.import_module(f"{package}.plugin")
        imported.append(package)
        return module, make_plugins(module, distribution=module.DISTRIBUTION, strict=False)

    yield register
    for package in imported:
        _forget(package)


def generate(name: str, directory: Path, framework: Framework, language: str = "en") -> list[Path]:
    return new_city(
        name, directory, framework=framework, language=language, start_year=START, end_year=END
    )


def load(directory: Path, register: Register) -> tuple[ModuleType, Plugins, PlanDocument]:
    module, plugins = register(directory)
    return module, plugins, load_plan_document(directory / "plan", plugins=plugins)


def expected_title(commitment: Commitment, language: str) -> str:
    title = commitment.title
    assert isinstance(title, dict)
    return title.get(language) or title["en"]


# -- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ghent", "ghent"),
        ("Saint-Étienne", "saint-etienne"),
        ("Den Haag", "den-haag"),
        ("'s-Hertogenbosch", "s-hertogenbosch"),
        ("Kraków", "krakow"),
        ("Łódź", "lodz"),
        ("Gießen", "giessen"),
        ("København", "kobenhavn"),
        ('Quote "City": the Town', "quote-city-the-town"),
    ],
)
def test_the_slug_is_lowercase_ascii_kebab_case(name: str, slug: str) -> None:
    assert city_slug(name) == slug


@pytest.mark.parametrize(
    "name", ["", "   ", "!!!", "東京", "Αθήνα", "a\nb", "a\tb", "a\x00b", "a\u2028b"]
)
def test_a_name_without_a_usable_slug_is_refused(
    name: str, tmp_path: Path, framework: Framework
) -> None:
    with pytest.raises(EccarPlanError) as error:
        generate(name, tmp_path / "city", framework)
    assert "\n" not in str(error.value)
    assert not (tmp_path / "city").exists()


@pytest.mark.parametrize(
    ("keywords", "message"),
    [
        ({"language": "English"}, "not a language code"),
        ({"country": "be"}, "not a country code"),
        ({"start_year": 2030, "end_year": 2025}, "period"),
    ],
)
def test_unusable_arguments_are_refused(
    keywords: dict[str, object], message: str, tmp_path: Path, framework: Framework
) -> None:
    arguments: dict[str, object] = {"language": "en", **keywords}
    with pytest.raises(EccarPlanError, match=message):
        new_city("Ghent", tmp_path / "city", framework=framework, **arguments)  # type: ignore[arg-type]
    assert not (tmp_path / "city").exists()


# -- the plan skeleton -------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_plan_has_one_chapter_per_commitment_with_its_example_actions(
    language: str, tmp_path: Path, framework: Framework, register: Register
) -> None:
    directory = tmp_path / "testville"
    generate("Testville", directory, framework, language)
    _, _, document = load(directory, register)
    plan = document.plan
    assert (plan.language, plan.framework) == (language, "eccar-2004")
    assert plan.period is not None
    assert (plan.period.start, plan.period.end) == (START, END)
    assert [c.commitment for c in plan.chapters] == list(range(1, 11))
    assert len(list((directory / "plan" / "chapters").glob("*.yaml"))) == 10
    for chapter, commitment in zip(plan.chapters, framework.commitments, strict=True):
        assert chapter.title == expected_title(commitment, language)
        objective = commitment.objective
        if isinstance(objective, dict) and language in objective:
            assert chapter.description == objective[language]
        else:
            assert chapter.description is None
        assert chapter.working_group is None
        assert [o.implements for o in chapter.objectives] == [
            [f"eccar-2004:{commitment.number}/{a.id}"] for a in commitment.example_actions
        ]
        assert [o.title for o in chapter.objectives] == [
            text_in(a.text, language, "en") for a in commitment.example_actions
        ]
        for objective_ in chapter.objectives:  # nothing is invented
            assert (objective_.timing, objective_.actions, objective_.tags) == (None, [], [])


@pytest.mark.parametrize("language", LANGUAGES)
def test_texts_not_in_the_language_are_marked_todo_translate(
    language: str, tmp_path: Path, framework: Framework
) -> None:
    directory = tmp_path / "testville"
    generate("Testville", directory, framework, language)
    for commitment in framework.commitments:
        path = directory / "plan" / "chapters" / f"{commitment.number:02d}.yaml"
        text = path.read_text(encoding="utf-8")
        assert isinstance(commitment.title, dict)
        untranslated = [language not in commitment.title] + [
            isinstance(a.text, dict) and language not in a.text for a in commitment.example_actions
        ]
        assert text.count("# TODO: translate") == sum(untranslated)


def test_a_language_the_framework_lacks_falls_back_to_english(
    tmp_path: Path, framework: Framework, register: Register
) -> None:
    directory = tmp_path / "testville"
    generate("Testville", directory, framework, "it")
    _, _, document = load(directory, register)
    chapter = document.plan.chapters[0]
    assert isinstance(framework.commitments[0].title, dict)
    assert chapter.title == framework.commitments[0].title["en"]
    first = (directory / "plan" / "chapters" / "01.yaml").read_text(encoding="utf-8")
    assert "# TODO: translate (the framework gives no 'it' title; this is 'en')" in first


class _GermanFramework:
    """A plugin with a framework whose texts are German only, one of them a plain string."""

    framework = Framework.model_validate(
        {
            "id": "stadt-2030",
            "version": "1",
            "title": {"de": "Zehn Punkte"},
            "coalition": {"de": "Eine Koalition"},
            "languages": ["de"],
            "sources": [{"id": "s", "title": "Quelle"}],
            "commitments": [
                {
                    "number": 1,
                    "title": {"de": "Wachsamkeit"},
                    "objective": "Ein Netzwerk aufbauen.",
                    "example_actions": [{"id": "forum", "text": "Ein Forum", "sources": ["s"]}],
                },
                {"number": 12, "title": {"de": "Bildung"}},
            ],
        }
    )

    @hookimpl
    def eccar_frameworks(self) -> Iterator[Framework]:
        yield self.framework


def test_a_framework_without_english_falls_back_to_any_language(
    tmp_path: Path, register: Register
) -> None:
    plugin = _GermanFramework()
    directory = tmp_path / "city"
    new_city("Ghent", directory, framework=plugin.framework, language="fr", start_year=START)
    module, _ = register(directory)
    plugins = make_plugins(module, plugin, distribution=module.DISTRIBUTION)
    document = load_plan_document(directory / "plan", plugins=plugins)
    assert [c.commitment for c in document.plan.chapters] == [1, 12]
    assert [c.title for c in document.plan.chapters] == ["Wachsamkeit", "Bildung"]
    assert document.plan.chapters[0].objectives[0].implements == ["stadt-2030:1/forum"]
    assert document.plan.chapters[0].description is None
    first = (directory / "plan" / "chapters" / "01.yaml").read_text(encoding="utf-8")
    assert first.count("# TODO: translate (the framework gives no 'fr' title; this is 'de')") == 2
    assert "#   Ein Netzwerk aufbauen." in first
    assert (directory / "plan" / "chapters" / "12.yaml").is_file()

    german = tmp_path / "german"
    new_city("Ghent", german, framework=plugin.framework, language="de", start_year=START)
    chapter = yaml.safe_load((german / "plan" / "chapters" / "01.yaml").read_text(encoding="utf-8"))
    assert chapter["chapters"][0]["description"] == "Ein Netzwerk aufbauen."
    assert "TODO: translate" not in (german / "plan" / "chapters" / "01.yaml").read_text("utf-8")


def test_a_given_country_replaces_the_placeholder(tmp_path: Path, framework: Framework) -> None:
    new_city("Ghent", tmp_path / "city", framework=framework, language="nl", country="BE")
    text = (tmp_path / "city" / "plan" / "plan.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["city"] == {"name": "Ghent", "country": "BE"}
    assert "country code" not in text


def test_the_default_period_starts_this_year(tmp_path: Path, framework: Framework) -> None:
    before = datetime.date.today().year
    new_city("Testville", tmp_path / "city", framework=framework, language="en")
    after = datetime.date.today().year
    data = yaml.safe_load((tmp_path / "city" / "plan" / "plan.yaml").read_text(encoding="utf-8"))
    assert data["period"]["start"] in (before, after)
    assert data["period"]["end"] == data["period"]["start"] + 4


# -- the plugin --------------------------------------------------------------------------------


def test_the_plugin_registers_and_its_partners_resolve(
    tmp_path: Path, framework: Framework, register: Register
) -> None:
    directory = tmp_path / "testville"
    generate("Testville", directory, framework)
    module, plugins, document = load(directory, register)
    assert module.NAME == "testville"
    assert module.CITY == "Testville"
    assert "testville" in plugins.actor_directories
    assert document.plan.actor("equality-office") is not None


def test_the_example_check_runs_with_the_others(
    tmp_path: Path, framework: Framework, register: Register
) -> None:
    directory = tmp_path / "testville"
    generate("Testville", directory, framework)
    _, plugins, document = load(directory, register)
    findings = run_checks(document, plugins.checks.values())
    rules = {finding.rule for finding in findings}
    assert {"testville-objective-has-lead", "objective-without-actions"} <= rules
    ours = [f for f in findings if f.rule == "testville-objective-has-lead"]
    assert len(ours) == sum(1 for _ in document.plan.objectives())
    assert document.position(ours[0].path).file.endswith("01.yaml")

    # an action with a lead from the partners silences the finding for its objective
    chapter_file = directory / "plan" / "chapters" / "01.yaml"
    data = yaml.safe_load(chapter_file.read_text(encoding="utf-8"))
    data["chapters"][0]["objectives"][0]["actions"] = [
        {"id": "1.1.a", "text": "A yearly forum", "lead": "equality-office"}
    ]
    chapter_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    document = load_plan_document(directory / "plan", plugins=plugins)
    subjects = {
        f.subject
        for f in run_checks(document, plugins.checks.values())
        if f.rule == "testville-objective-has-lead"
    }
    assert "objective:1.1" not in subjects
    assert "objective:1.2" in subjects


def test_the_example_report_format_writes_a_summary(
    tmp_path: Path, framework: Framework, register: Register
) -> None:
    directory = tmp_path / "testville"
    generate("Testville", directory, framework, "de")
    _, plugins, document = load(directory, register)
    report = plugins.report_formats["testville-summary"]
    output = write_report(report, document, tmp_path / "summary.txt")
    text = output.read_text(encoding="utf-8")
    assert text.startswith("Testville: ECCAR action plan 2025-2029\nTestville (XX)\n2025-2029\n")
    assert "1. Verstärkte Wachsamkeit gegenüber Rassismus" in text
    assert "  10.3  " in text


def test_the_generated_tests_pass(tmp_path: Path, framework: Framework) -> None:
    directory = tmp_path / "testville"
    generate("Testville", directory, framework, "nl")
    environment = {
        **os.environ,
        "PYTHONPATH": str(directory / "src"),
        "ECCAR_PLAN_DISABLE_PLUGIN_AUTOLOAD": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=directory,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 passed" in result.stdout


# -- the package -------------------------------------------------------------------------------


def test_the_files_written_are_returned_sorted(tmp_path: Path, framework: Framework) -> None:
    directory = tmp_path / "ghent"
    written = generate("Ghent", directory, framework)
    on_disk = sorted(p for p in directory.rglob("*") if p.is_file())
    assert written == on_disk
    relative = {p.relative_to(directory).as_posix() for p in written}
    assert {
        "pyproject.toml",
        "README.md",
        "src/eccar_ghent/__init__.py",
        "src/eccar_ghent/plugin.py",
        "src/eccar_ghent/partners.yaml",
        "src/eccar_ghent/py.typed",
        "tests/conftest.py",
        "tests/test_plugin.py",
        "plan/plan.yaml",
        "plan/chapters/01.yaml",
        "plan/chapters/10.yaml",
    } <= relative
    assert len(relative) == 9 + 10


def test_the_pyproject_declares_the_distribution_and_entry_point(
    tmp_path: Path, framework: Framework
) -> None:
    directory = tmp_path / "city"
    generate("Saint-Étienne", directory, framework)
    pyproject = tomllib.loads((directory / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    assert project["name"] == "eccar-plan-saint-etienne"
    assert project["requires-python"] == ">=3.11"
    assert project["dependencies"] == ["eccar-plan"]
    assert project["entry-points"]["eccar_plan"] == {"saint-etienne": "eccar_saint_etienne.plugin"}
    assert pyproject["build-system"]["build-backend"] == "hatchling.build"
    assert pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == [
        "src/eccar_saint_etienne"
    ]
    assert pyproject["tool"]["pytest"]["ini_options"]["pythonpath"] == ["src"]


def test_the_templates_are_package_data() -> None:
    templates = importlib.resources.files("eccar_plan").joinpath("scaffold_templates")
    names = {entry.name for entry in templates.iterdir()}
    assert {"plugin.py.tmpl", "plan.yaml.tmpl", "chapter.yaml.tmpl", "pyproject.toml.tmpl"} <= names
    # docs/howto-plugin.md shows the hooks with literalinclude's :pyobject:, which parses the file
    ast.parse(templates.joinpath("plugin.py.tmpl").read_text(encoding="utf-8"))


ODD_NAMES = [
    'Quote "City"',
    "Colon: Town",
    "O'Brien's Town",
    "Saint-Étienne",
    "Den Haag",
    "Back\\slash # hash & {braces} [x]",
    "München \u2013 Süd",
    "Yes",
    "null",
    "1000",
    "Emoji 🏙 City",
    "$HOME ${user}",
]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_names_give_valid_files_and_identifiers(
    name: str, tmp_path: Path, framework: Framework, register: Register
) -> None:
    directory = tmp_path / "city"
    written = generate(name, directory, framework)
    for path in written:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".yaml":
            assert isinstance(yaml.safe_load(text), dict), path
        elif path.suffix == ".py":
            ast.parse(text, filename=str(path))
        elif path.suffix == ".toml":
            tomllib.loads(text)
    (package,) = [p.name for p in (directory / "src").iterdir()]
    assert package.isidentifier()
    assert package == "eccar_" + city_slug(name).replace("-", "_")
    module, _, document = load(directory, register)
    assert name == module.CITY
    assert document.plan.city.name == name
    partners = yaml.safe_load(
        (directory / "src" / package / "partners.yaml").read_text(encoding="utf-8")
    )
    assert partners["id"] == city_slug(name)
    assert partners["title"] == f"Services and partners of {name}"
    pyproject = tomllib.loads((directory / "pyproject.toml").read_text(encoding="utf-8"))
    assert name in pyproject["project"]["description"]


def test_a_decomposed_name_gives_the_same_files(tmp_path: Path, framework: Framework) -> None:
    composed = generate("Saint-Étienne", tmp_path / "a", framework)
    decomposed = generate("Saint-E\u0301tienne", tmp_path / "b", framework)
    assert [p.read_bytes() for p in composed] == [p.read_bytes() for p in decomposed]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_output_is_deterministic(language: str, tmp_path: Path, framework: Framework) -> None:
    first = generate("Den Haag", tmp_path / "a", framework, language)
    second = generate("Den Haag", tmp_path / "b", framework, language)
    assert [p.relative_to(tmp_path / "a") for p in first] == [
        p.relative_to(tmp_path / "b") for p in second
    ]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


# -- the target directory ----------------------------------------------------------------------


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("existing", ["notes.txt", "pyproject.toml", "plan/plan.yaml"])
def test_a_directory_that_is_not_empty_is_refused_and_left_untouched(
    existing: str, tmp_path: Path, framework: Framework
) -> None:
    directory = tmp_path / "city"
    (directory / existing).parent.mkdir(parents=True)
    (directory / existing).write_text("the city's own file\n", encoding="utf-8")
    before = _snapshot(directory)
    folders = sorted(p for p in directory.rglob("*") if p.is_dir())
    with pytest.raises(EccarPlanError, match="not empty") as error:
        generate("Ghent", directory, framework)
    assert "\n" not in str(error.value)
    assert _snapshot(directory) == before
    assert sorted(p for p in directory.rglob("*") if p.is_dir()) == folders


def test_a_file_in_the_way_is_refused(tmp_path: Path, framework: Framework) -> None:
    target = tmp_path / "city"
    target.write_text("a file\n", encoding="utf-8")
    with pytest.raises(EccarPlanError, match="not a directory"):
        generate("Ghent", target, framework)
    assert target.read_text(encoding="utf-8") == "a file\n"


def test_an_empty_directory_is_used(tmp_path: Path, framework: Framework) -> None:
    directory = tmp_path / "city"
    directory.mkdir()
    written = generate("Ghent", directory, framework)
    assert directory / "plan" / "plan.yaml" in written


def test_missing_parent_directories_are_created(tmp_path: Path, framework: Framework) -> None:
    directory = tmp_path / "cities" / "be" / "ghent"
    generate("Ghent", directory, framework)
    assert (directory / "pyproject.toml").is_file()
