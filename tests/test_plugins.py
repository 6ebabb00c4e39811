"""The plugin manager and what plugins contribute: gathered, checked, sorted, and resolved."""

from __future__ import annotations

import importlib.metadata
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import eccar_plan.plugins._discovery
from eccar_plan import (
    Check,
    Finding,
    PlanDocument,
    PlanError,
    PluginError,
    Plugins,
    ReportContext,
    ReportFormat,
    Severity,
    get_plugin_manager,
    get_plugins,
    hookimpl,
    load_plan,
    load_plan_document,
    plan_to_json,
)
from eccar_plan.model import Actor, ActorDirectory, ActorKind, Framework, Taxonomy, Term
from eccar_plan.plugins import (
    BUILTIN_PLUGINS,
    DISABLE_AUTOLOAD,
    ENTRY_POINT_GROUP,
    STRICT_PLUGINS,
    EccarPluginWarning,
    use_plugins,
)

PLAN_HEAD = "city: {name: X, country: GB}\ntitle: T\nlanguage: en\nframework: eccar-2004\n"


def _plugins(*extra: tuple[str, object]) -> Plugins:
    """The built-in plugins and *extra* (name, plugin) pairs, without autoloading."""
    manager = get_plugin_manager(autoload=False)
    for name, plugin in extra:
        manager.register(plugin, name=name)
    return Plugins(manager)


def _no_findings(document: PlanDocument) -> Iterator[Finding]:
    return iter(())


def _write_nothing(context: ReportContext, target: Path) -> None:
    target.write_text("", encoding="utf-8")


class Contributions:
    """A plugin contributing checks and report formats whose names sort around the built-ins."""

    @hookimpl
    def eccar_checks(self) -> Iterable[Check]:
        return [
            Check("zz-last", Severity.INFO, "Last.", _no_findings),
            Check("aa-first", Severity.ERROR, "First.", _no_findings),
        ]

    @hookimpl
    def eccar_report_formats(self) -> Iterable[ReportFormat]:
        yield ReportFormat("zz-text", "Text.", ".txt", _write_nothing)
        yield ReportFormat("aa-html", "HTML.", ".html", _write_nothing)


class Partners:
    """A city's local partners and vocabularies, as a plugin would contribute them."""

    @hookimpl
    def eccar_actor_directories(self) -> Iterable[ActorDirectory]:
        return [
            ActorDirectory(
                id="partners",
                title="Local partners",
                actors=[
                    Actor(id="red-cross", name="Red Cross", kind=ActorKind.NGO),
                    Actor(id="museum", name={"en": "Museum", "nl": "Museum"}, kind="city_agency"),
                ],
            )
        ]

    @hookimpl
    def eccar_taxonomies(self) -> Iterable[Taxonomy]:
        return [
            Taxonomy(
                id="principles",
                title="Principles",
                terms=[Term(id="participation", title="Participation")],
            ),
            Taxonomy(id="unused", title="Unused", terms=[Term(id="x", title="X")]),
        ]


# -- the manager ---------------------------------------------------------------------------------


def test_manager_has_the_builtin_plugins() -> None:
    manager = get_plugin_manager(autoload=False)
    for name in BUILTIN_PLUGINS:
        assert manager.get_plugin(name) is not None, name
    assert {name for name, _ in manager.list_name_plugin()} >= set(BUILTIN_PLUGINS)


def test_builtin_plugins_contribute_the_builtins(builtin_plugins: Plugins) -> None:
    assert list(builtin_plugins.frameworks) == ["eccar-2004"]
    assert isinstance(builtin_plugins.frameworks["eccar-2004"], Framework)
    assert list(builtin_plugins.checks) == [
        "actor-never-involved",
        "actor-overload",
        "actor-spelled-several-ways",
        "chapter-without-organiser",
        "chapter-without-timing",
        "commitment-without-action",
        "dependency-cycle",
        "example-action-not-covered",
        "item-late",
        "objective-without-actions",
        "objective-without-timing",
        "schedule-conflict",
        "sdg-suggestion",
        "timing-outside-period",
    ]
    assert list(builtin_plugins.report_formats) == [
        "coverage-json",
        "coverage-text",
        "csv",
        "datapackage",
        "docx",
        "graph-dot",
        "graph-gexf",
        "graph-graphml",
        "graph-json",
        "graph-mermaid",
        "html",
        "html-single",
        "impact-json",
        "impact-text",
        "json",
        "markdown",
        "order-json",
        "order-text",
        "pdf",
        "progress-json",
        "progress-text",
        "workload-json",
        "workload-text",
        "xlsx",
    ]
    assert builtin_plugins.actor_directories == {}
    assert builtin_plugins.taxonomies == {}


def test_contributions_are_gathered_and_sorted_by_name() -> None:
    plugins = _plugins(("contributions", Contributions()))
    checks = list(plugins.checks)
    assert checks == sorted(checks)
    assert checks[0] == "aa-first"
    assert checks[-1] == "zz-last"
    assert "objective-without-actions" in checks
    formats = list(plugins.report_formats)
    assert formats == sorted(formats)
    assert (formats[0], formats[-1]) == ("aa-html", "zz-text")
    assert "json" in formats
    assert plugins.checks["aa-first"].severity is Severity.ERROR
    assert list(plugins.frameworks) == ["eccar-2004"]


def test_registration_order_does_not_change_the_result() -> None:
    one = _plugins(("contributions", Contributions()), ("partners", Partners()))
    other = _plugins(("partners", Partners()), ("contributions", Contributions()))
    assert list(one.checks) == list(other.checks)
    assert list(one.report_formats) == list(other.report_formats)
    assert list(one.taxonomies) == list(other.taxonomies) == ["principles", "unused"]


class SecondEccar:
    @hookimpl
    def eccar_frameworks(self) -> Iterable[Framework]:
        builtin = get_plugin_manager(autoload=False)
        return list(Plugins(builtin).frameworks.values())


def test_same_framework_id_from_two_plugins_is_an_error() -> None:
    plugins = _plugins(("second-eccar", SecondEccar()))
    with pytest.raises(PluginError) as raised:
        _ = plugins.frameworks
    message = str(raised.value)
    assert "'eccar-2004'" in message
    assert "eccar_plan.frameworks" in message
    assert "second-eccar" in message


class TwoSameTaxonomies:
    @hookimpl
    def eccar_taxonomies(self) -> Iterable[Taxonomy]:
        term = Term(id="a", title="A")
        return [
            Taxonomy(id="t", title="T", terms=[term]),
            Taxonomy(id="t", title="U", terms=[term]),
        ]


def test_same_id_twice_from_one_plugin_is_an_error() -> None:
    with pytest.raises(PluginError, match="taxonomy 't' is contributed by both"):
        _ = _plugins(("twice", TwoSameTaxonomies())).taxonomies


class WrongType:
    @hookimpl
    def eccar_frameworks(self) -> Iterable[object]:
        return [{"id": "a-dict-not-a-framework"}]


class NotIterable:
    @hookimpl
    def eccar_checks(self) -> object:
        return 42


class JustAString:
    @hookimpl
    def eccar_report_formats(self) -> object:
        return "json"


class ReturnsNone:
    @hookimpl
    def eccar_frameworks(self) -> None:
        return None

    @hookimpl
    def eccar_checks(self) -> None:
        return None


def test_plugin_returning_the_wrong_type_is_an_error() -> None:
    with pytest.raises(PluginError, match=r"wrong-type.*gave a dict, not a Framework"):
        _ = _plugins(("wrong-type", WrongType())).frameworks


@pytest.mark.parametrize(
    ("plugin", "attribute"),
    [(NotIterable(), "checks"), (JustAString(), "report_formats")],
)
def test_plugin_returning_a_non_iterable_is_an_error(plugin: object, attribute: str) -> None:
    plugins = _plugins(("odd", plugin))
    with pytest.raises(PluginError, match="must return an iterable"):
        getattr(plugins, attribute)


def test_plugin_returning_none_is_fine() -> None:
    plugins = _plugins(("quiet", ReturnsNone()))
    assert list(plugins.frameworks) == ["eccar-2004"]
    assert list(plugins.checks) == list(_plugins().checks)


# -- actor directories and taxonomies from a plugin ----------------------------------------------


@pytest.fixture
def partners() -> Plugins:
    return _plugins(("partners", Partners()))


@pytest.fixture
def partner_plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(
        PLAN_HEAD + "actor_directories: [partners]\n"
        "actors: [{id: own-office, name: Office, kind: city_department}]\n"
        "chapters:\n"
        "  - commitment: 1\n"
        "    title: C\n"
        "    working_group: {members: [{actor: red-cross, role: organiser}]}\n"
        "    objectives:\n"
        "      - id: '1.1'\n"
        "        title: O\n"
        "        tags: ['principles:participation']\n"
        "        actions: [{id: a, text: T, actors: [red-cross, own-office], lead: museum}]\n",
        encoding="utf-8",
    )
    return path


def test_plugin_actors_and_used_taxonomy_end_up_in_the_plan(
    partners: Plugins, partner_plan: Path
) -> None:
    plan = load_plan(partner_plan, plugins=partners)
    assert [actor.id for actor in plan.actors] == ["own-office", "red-cross", "museum"]
    assert plan.actor_directories == []
    assert [taxonomy.id for taxonomy in plan.taxonomies] == ["principles"]
    exported = json.loads(plan_to_json(plan))
    assert "actor_directories" not in exported
    assert {a["id"] for a in exported["actors"]} == {"own-office", "red-cross", "museum"}
    assert [t["id"] for t in exported["taxonomies"]] == ["principles"]


def test_plugin_taxonomy_used_by_an_action_is_resolved(partners: Plugins, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        PLAN_HEAD + "chapters:\n  - commitment: 2\n    title: C\n"
        "    objectives: [{id: o, title: O, actions: [{id: a, text: T, tags: ['unused:x']}]}]\n",
        encoding="utf-8",
    )
    plan = load_plan(path, plugins=partners)
    assert [taxonomy.id for taxonomy in plan.taxonomies] == ["unused"]
    assert plan.actors == []


def test_the_export_of_a_plugin_plan_loads_without_the_plugin(
    partners: Plugins, partner_plan: Path, builtin_plugins: Plugins, tmp_path: Path
) -> None:
    plan = load_plan(partner_plan, plugins=partners)
    exported = tmp_path / "export.json"
    exported.write_text(plan_to_json(plan), encoding="utf-8")
    assert load_plan(exported, plugins=builtin_plugins) == plan


def test_the_export_of_a_plugin_plan_loads_with_the_plugin(
    partners: Plugins, partner_plan: Path, tmp_path: Path
) -> None:
    plan = load_plan(partner_plan, plugins=partners)
    exported = tmp_path / "export.json"
    exported.write_text(plan_to_json(plan), encoding="utf-8")
    assert load_plan(exported, plugins=partners) == plan


def test_plugin_actors_are_unknown_without_the_directory(
    partners: Plugins, partner_plan: Path
) -> None:
    text = partner_plan.read_text(encoding="utf-8").replace("actor_directories: [partners]\n", "")
    partner_plan.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError, match="unknown actor 'red-cross'"):
        load_plan(partner_plan, plugins=partners)


def test_unknown_actor_directory_names_the_installed_ones(
    partners: Plugins, partner_plan: Path, builtin_plugins: Plugins
) -> None:
    text = partner_plan.read_text(encoding="utf-8").replace("[partners]", "[partner]")
    partner_plan.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as raised:
        load_plan(partner_plan, plugins=partners)
    assert "unknown actor directory 'partner' (did you mean 'partners'?)" in str(raised.value)
    assert "(installed: partners)" in str(raised.value)
    with pytest.raises(PlanError, match=r"installed: none"):
        load_plan(partner_plan, plugins=builtin_plugins)


def test_plan_actor_clashing_with_a_directory_actor_is_an_error(
    partners: Plugins, partner_plan: Path
) -> None:
    text = partner_plan.read_text(encoding="utf-8").replace("id: own-office", "id: museum")
    partner_plan.write_text(text.replace("own-office]", "museum]"), encoding="utf-8")
    with pytest.raises(PlanError, match="actor id 'museum' is also in a plan's actor directory"):
        load_plan(partner_plan, plugins=partners)


def test_plan_taxonomy_clashing_with_a_plugin_taxonomy_is_an_error(
    partners: Plugins, tmp_path: Path
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        PLAN_HEAD + "taxonomies: [{id: unused, title: Mine, terms: [{id: y, title: Y}]}]\n"
        "chapters: []\n",
        encoding="utf-8",
    )
    with pytest.raises(
        PlanError, match="taxonomy 'unused' differs from the one a plugin contributes"
    ):
        load_plan(path, plugins=partners)


def test_document_framework_comes_from_the_plugins(partners: Plugins, partner_plan: Path) -> None:
    document = load_plan_document(partner_plan, plugins=partners)
    assert document.framework is partners.frameworks["eccar-2004"]
    assert document.paths == (partner_plan.resolve(),)


# -- autoloading ---------------------------------------------------------------------------------


@pytest.fixture
def entry_point_loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each look-up of the installed entry points, and find none."""
    calls: list[str] = []

    def record() -> list[importlib.metadata.EntryPoint]:
        calls.append(ENTRY_POINT_GROUP)
        return []

    monkeypatch.setattr(eccar_plan.plugins._discovery, "installed_entry_points", record)
    return calls


def test_autoload_env_var_disables_entry_points(
    monkeypatch: pytest.MonkeyPatch, entry_point_loads: list[str]
) -> None:
    monkeypatch.setenv(DISABLE_AUTOLOAD, "1")
    manager = get_plugin_manager()
    assert entry_point_loads == []
    assert manager.get_plugin("eccar_plan.frameworks") is not None


def test_autoload_loads_entry_points_by_default(
    monkeypatch: pytest.MonkeyPatch, entry_point_loads: list[str]
) -> None:
    monkeypatch.delenv(DISABLE_AUTOLOAD, raising=False)
    get_plugin_manager()
    assert entry_point_loads == [ENTRY_POINT_GROUP]


@pytest.mark.parametrize("value", ["", "0", " 0 "])
def test_autoload_env_var_set_empty_or_0_does_not_disable(
    monkeypatch: pytest.MonkeyPatch, entry_point_loads: list[str], value: str
) -> None:
    monkeypatch.setenv(DISABLE_AUTOLOAD, value)
    get_plugin_manager()
    assert entry_point_loads == [ENTRY_POINT_GROUP]


def test_autoload_argument_overrides_the_env_var(
    monkeypatch: pytest.MonkeyPatch, entry_point_loads: list[str]
) -> None:
    monkeypatch.setenv(DISABLE_AUTOLOAD, "1")
    get_plugin_manager(autoload=True)
    monkeypatch.delenv(DISABLE_AUTOLOAD)
    get_plugin_manager(autoload=False)
    assert entry_point_loads == [ENTRY_POINT_GROUP]


# -- strict mode ---------------------------------------------------------------------------------


def test_the_tests_run_strict() -> None:
    assert os.environ.get(STRICT_PLUGINS) == "1"
    assert get_plugin_manager(autoload=False).strict
    assert Plugins(get_plugin_manager(autoload=False)).strict


@pytest.mark.parametrize(
    ("value", "strict"), [("1", True), ("yes", True), ("", False), ("0", False)]
)
def test_strict_env_var(monkeypatch: pytest.MonkeyPatch, value: str, strict: bool) -> None:
    monkeypatch.setenv(STRICT_PLUGINS, value)
    assert get_plugin_manager(autoload=False).strict is strict
    assert get_plugin_manager(autoload=False, strict=not strict).strict is not strict


def test_lenient_mode_skips_a_plugin_returning_the_wrong_type() -> None:
    manager = get_plugin_manager(autoload=False, strict=False)
    manager.register(WrongType(), name="wrong-type")
    manager.register(Partners(), name="partners")
    plugins = Plugins(manager)
    with pytest.warns(EccarPluginWarning, match=r"wrong-type was skipped: .*gave a dict"):
        assert list(plugins.frameworks) == ["eccar-2004"]
    assert list(plugins.actor_directories) == ["partners"]
    assert [s.source.name for s in plugins.skipped] == ["wrong-type"]
    assert plugins.skipped[0].hook == "eccar_frameworks"
    assert plugins.warnings == [str(plugins.skipped[0])]
    assert "wrong-type" not in [s.name for s in plugins.active()]


def test_a_plugin_failing_in_one_hook_is_left_out_entirely() -> None:
    class HalfBroken(Partners):
        @hookimpl
        def eccar_checks(self) -> Iterable[Check]:
            raise RuntimeError("no checks today")

    plugins = _plugins(("half", HalfBroken()))
    with pytest.raises(
        PluginError, match=r"plugin half: its hook eccar_checks raised RuntimeError"
    ):
        _ = plugins.actor_directories
    lenient = Plugins(plugins.manager, strict=False)
    with pytest.warns(EccarPluginWarning, match="no checks today"):
        assert lenient.actor_directories == {}
    assert lenient.taxonomies == {}


def test_a_plugin_returning_one_record_is_told_to_yield_it() -> None:
    class One:
        @hookimpl
        def eccar_frameworks(self) -> object:
            return _plugins().frameworks["eccar-2004"].model_copy(update={"id": "one"})

    with pytest.raises(PluginError, match=r"returned one Framework, not an iterable of them"):
        _ = _plugins(("one", One())).frameworks


def test_a_misspelt_or_unmarked_hook_is_reported() -> None:
    class Misspelt:
        @hookimpl
        def eccar_framework(self) -> Iterable[Framework]:
            return []

    class Unmarked:
        def eccar_checks(self) -> Iterable[Check]:
            return []

    with pytest.raises(PluginError, match=r"did you mean 'eccar_frameworks'"):
        _ = _plugins(("misspelt", Misspelt())).frameworks
    with pytest.raises(PluginError, match=r"defines eccar_checks without @eccar_plan.hookimpl"):
        _ = _plugins(("unmarked", Unmarked())).frameworks
    lenient = Plugins(_plugins(("misspelt", Misspelt())).manager, strict=False)
    with pytest.warns(EccarPluginWarning, match="which is not an eccar-plan hook"):
        assert list(lenient.frameworks) == ["eccar-2004"]
    assert lenient.skipped == []
    assert len(lenient.notes) == len(lenient.warnings) == 1


def test_a_broken_builtin_is_always_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import eccar_plan.checks

    def broken() -> Iterable[Check]:
        raise RuntimeError("a bug")

    manager = get_plugin_manager(autoload=False, strict=False)
    impl = next(
        i for i in manager.hook.eccar_checks.get_hookimpls() if i.plugin is eccar_plan.checks
    )
    monkeypatch.setattr(impl, "function", broken)
    with pytest.raises(PluginError, match=r"built-in plugin eccar_plan.checks \(eccar-plan "):
        _ = Plugins(manager).checks


def test_a_hand_registered_installed_plugin_keeps_its_distribution() -> None:
    roeselare = pytest.importorskip("eccar_roeselare.plugin")
    try:
        version = importlib.metadata.version("eccar-plan-roeselare")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("eccar-plan-roeselare is not installed")
    plugins = _plugins(("roeselare", roeselare))
    assert plugins.plugin_label(roeselare) == f"roeselare (eccar-plan-roeselare {version})"
    assert plugins.source("eccar_plan.checks").builtin


# -- the plugins of the process ------------------------------------------------------------------


def test_get_plugins_is_built_once_and_use_plugins_overrides_it(builtin_plugins: Plugins) -> None:
    assert get_plugins() is get_plugins()
    with use_plugins(builtin_plugins):
        assert get_plugins() is builtin_plugins
        assert get_plugins(strict=False) is builtin_plugins
    assert get_plugins() is not builtin_plugins
