"""Installed plugins in isolation: broken ones skipped (or refused when strict), clashes, the block
list, a plan's ``requires``, the plugins report, tracing, and the fixtures for plugin authors.

Plugins are "installed" the way pip installs them: a ``*.dist-info`` directory with
``entry_points.txt`` beside the plugin's module, in a directory put on ``sys.path``.
"""

from __future__ import annotations

import importlib
import importlib.resources
import io
import itertools
import json
import os
import re
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs
import pytest

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
    hookimpl,
    load_actor_directory,
    load_plan_document,
    load_taxonomy,
)
from eccar_plan.model import ActorDirectory, Taxonomy, Term
from eccar_plan.plugins import (
    BLOCK_PLUGINS,
    DISABLE_AUTOLOAD,
    EccarPluginWarning,
    enable_tracing,
    get_plugin_manager,
    plugins_report,
)
from eccar_plan.testing import CliRunner, PlanDirFactory, PluginsFactory

_numbers = itertools.count(1)


@attrs.define
class Site:
    """A directory on ``sys.path`` that distributions are installed in."""

    root: Path
    prefix: str
    """Start of the module names of this test's plugins, so that no two tests share a module."""

    def install(
        self,
        distribution: str,
        version: str = "0.1.0",
        *,
        module: str | None = None,
        source: str | None = None,
        entry_point: str | None = None,
    ) -> str:
        """Install *distribution*: a plugin module *source* under the entry point *entry_point*
        (default: the distribution's name), or no module and no entry point when *source* is
        ``None``. Returns the module's name."""
        module = f"{self.prefix}{module or distribution.replace('-', '_')}"
        info = self.root / f"{distribution.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {distribution}\nVersion: {version}\n", encoding="utf-8"
        )
        if source is not None:
            (self.root / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
            (info / "entry_points.txt").write_text(
                f"[eccar_plan]\n{entry_point or distribution} = {module}\n", encoding="utf-8"
            )
        importlib.invalidate_caches()
        return module


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    root = tmp_path / "site-packages"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.delenv(DISABLE_AUTOLOAD, raising=False)
    monkeypatch.delenv(BLOCK_PLUGINS, raising=False)
    prefix = f"isolation{next(_numbers)}_"
    yield Site(root, prefix)
    for name in [m for m in sys.modules if m.startswith(prefix)]:
        del sys.modules[name]
    importlib.invalidate_caches()


BROKEN = """
    raise ImportError("cannot import name 'gone' from 'somewhere'")
"""
RAISES = """
    from eccar_plan import hookimpl

    @hookimpl
    def eccar_checks():
        raise ValueError("bad rule data")
"""
WRONG_TYPE = """
    from eccar_plan import hookimpl

    @hookimpl
    def eccar_frameworks():
        return [{"id": "a-dict-not-a-framework"}]
"""
PRINCIPLES = """
    from eccar_plan import hookimpl
    from eccar_plan.model import Taxonomy, Term

    @hookimpl
    def eccar_taxonomies():
        yield Taxonomy(id="principles", title="P", terms=[Term(id="participation", title="P")])
"""
PARTNERS = """
    from eccar_plan import hookimpl
    from eccar_plan.model import Actor, ActorDirectory

    @hookimpl
    def eccar_actor_directories():
        yield ActorDirectory(
            id="partners",
            title="Partners",
            actors=[Actor(id="red-cross", name="Red Cross", kind="ngo")],
        )
"""


def _names(plugins: Plugins) -> list[str]:
    return [source.name for source in plugins.active()]


# -- a plugin that fails to import ---------------------------------------------------------------


def test_a_plugin_that_fails_to_import_is_skipped_with_a_warning(site: Site) -> None:
    site.install("eccar-broken", "0.3.1", source=BROKEN, entry_point="broken")
    site.install("eccar-principles", source=PRINCIPLES, entry_point="principles")
    expected = (
        "plugin broken (eccar-broken 0.3.1) was skipped: it failed to load: ImportError: "
        "cannot import name 'gone' from 'somewhere'"
    )
    with pytest.warns(EccarPluginWarning, match=re.escape(expected)):
        manager = get_plugin_manager(strict=False)
    plugins = Plugins(manager)
    assert "principles" in plugins.taxonomies  # the other plugin works
    assert "broken" not in _names(plugins)
    [skipped] = plugins.skipped
    assert (skipped.source.name, skipped.source.distribution) == ("broken", "eccar-broken")
    assert skipped.hook is None
    assert isinstance(skipped.error, ImportError)
    assert plugins.warnings == [expected]


def test_a_plugin_that_fails_to_import_is_an_error_when_strict(site: Site) -> None:
    site.install("eccar-broken", "0.3.1", source=BROKEN, entry_point="broken")
    with pytest.raises(PluginError) as raised:
        get_plugin_manager(strict=True)
    assert str(raised.value) == (
        "plugin broken (eccar-broken 0.3.1): it failed to load: ImportError: "
        "cannot import name 'gone' from 'somewhere'"
    )
    assert isinstance(raised.value.__cause__, ImportError)


def test_strict_mode_comes_from_the_environment(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.install("eccar-broken", source=BROKEN, entry_point="broken")
    monkeypatch.setenv("ECCAR_PLAN_STRICT_PLUGINS", "1")
    with pytest.raises(PluginError, match="broken"):
        get_plugin_manager()
    monkeypatch.setenv("ECCAR_PLAN_STRICT_PLUGINS", "0")
    with pytest.warns(EccarPluginWarning, match="broken"):
        get_plugin_manager()


def test_the_warning_is_one_line_on_stderr(site: Site) -> None:
    site.install("eccar-broken", "0.3.1", source=BROKEN, entry_point="broken")
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site.root), *sys.path]),
        "ECCAR_PLAN_STRICT_PLUGINS": "0",
    }
    environment.pop("PYTHONWARNINGS", None)
    script = "import eccar_plan; print(sorted(eccar_plan.get_plugins().frameworks))"
    done = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True
    )
    assert "eccar-2004" in done.stdout
    [line] = done.stderr.splitlines()
    assert line.endswith(
        "EccarPluginWarning: plugin broken (eccar-broken 0.3.1) was skipped: it failed to load: "
        "ImportError: cannot import name 'gone' from 'somewhere'"
    )


# -- a plugin whose hook fails -------------------------------------------------------------------


def test_a_plugin_whose_hook_raises_is_skipped(site: Site) -> None:
    site.install("eccar-raises", "2.0", source=RAISES, entry_point="raises")
    plugins = Plugins(get_plugin_manager(strict=False))
    expected = (
        "plugin raises (eccar-raises 2.0) was skipped: its hook eccar_checks raised "
        "ValueError: bad rule data"
    )
    with pytest.warns(EccarPluginWarning, match=re.escape(expected)):
        checks = plugins.checks
    assert "objective-without-actions" in checks
    assert [s.hook for s in plugins.skipped] == ["eccar_checks"]
    assert "raises" not in _names(plugins)
    with pytest.raises(PluginError, match=r"plugin raises \(eccar-raises 2.0\): its hook"):
        _ = Plugins(get_plugin_manager(strict=True)).checks


def test_a_plugin_returning_the_wrong_type_is_skipped(site: Site) -> None:
    site.install("eccar-wrong", source=WRONG_TYPE, entry_point="wrong")
    plugins = Plugins(get_plugin_manager(strict=False))
    with pytest.warns(EccarPluginWarning, match="gave a dict, not a Framework"):
        assert "eccar-2004" in plugins.frameworks
    assert [s.source.name for s in plugins.skipped] == ["wrong"]
    with pytest.raises(PluginError, match=r"wrong \(eccar-wrong 0.1.0\): .* gave a dict"):
        _ = Plugins(get_plugin_manager(strict=True)).frameworks


# -- clashes -------------------------------------------------------------------------------------


def test_the_same_name_from_two_distributions_is_an_error_naming_both(site: Site) -> None:
    site.install("eccar-city-a", "1.0", module="a", source=PRINCIPLES, entry_point="city-a")
    site.install("eccar-city-b", "2.5", module="b", source=PRINCIPLES, entry_point="city-b")
    for strict in (True, False):
        plugins = Plugins(get_plugin_manager(strict=strict))
        with pytest.raises(PluginError) as raised:
            _ = plugins.taxonomies
        assert str(raised.value) == (
            "taxonomy 'principles' is contributed by both city-a (eccar-city-a 1.0) "
            "and city-b (eccar-city-b 2.5)"
        )


def test_two_plugins_of_the_same_name_is_an_error_naming_both(site: Site) -> None:
    site.install("eccar-one", module="one", source=PARTNERS, entry_point="city")
    site.install("eccar-two", module="two", source=PRINCIPLES, entry_point="city")
    with pytest.raises(PluginError, match=r"two plugins are named 'city': .*eccar-one.*eccar-two"):
        get_plugin_manager()


# -- blocking and disabling ----------------------------------------------------------------------


@pytest.mark.parametrize("blocked", ["broken", "eccar-broken", "Eccar_Broken", " other , broken "])
def test_a_blocked_plugin_is_not_even_imported(
    site: Site, monkeypatch: pytest.MonkeyPatch, blocked: str
) -> None:
    module = site.install("eccar-broken", source=BROKEN, entry_point="broken")
    site.install("eccar-principles", source=PRINCIPLES, entry_point="principles")
    monkeypatch.setenv(BLOCK_PLUGINS, blocked)
    plugins = Plugins(get_plugin_manager())  # strict, and no error: it is not loaded
    assert module not in sys.modules
    assert [b.name for b in plugins.blocked] == ["broken"]
    assert "principles" in plugins.taxonomies
    assert "blocked: broken (eccar-broken 0.1.0)" in plugins_report(plugins)


def test_the_block_argument_overrides_the_environment(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.install("eccar-principles", source=PRINCIPLES, entry_point="principles")
    monkeypatch.setenv(BLOCK_PLUGINS, "principles")
    assert "principles" in Plugins(get_plugin_manager(block=[])).taxonomies
    assert "principles" not in Plugins(get_plugin_manager()).taxonomies


@pytest.mark.parametrize("name", ["eccar_plan.checks", "eccar-plan"])
def test_builtin_plugins_cannot_be_blocked(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv(BLOCK_PLUGINS, name)
    with pytest.raises(PluginError, match=f"the built-in plugin {name} cannot be blocked"):
        get_plugin_manager()


def test_disabling_autoload_loads_no_installed_plugin(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = site.install("eccar-broken", source=BROKEN, entry_point="broken")
    monkeypatch.setenv(DISABLE_AUTOLOAD, "1")
    plugins = Plugins(get_plugin_manager())
    assert module not in sys.modules
    assert plugins.skipped == []
    assert all(source.builtin for source in plugins.active())


# -- a plan's requires ---------------------------------------------------------------------------


def _plan(requires: str) -> str:
    return f"""\
        city: {{name: X, country: GB}}
        title: T
        language: en
        framework: eccar-2004
        actor_directories: [partners]
        requires:
          - {requires}
        chapters:
          - commitment: 1
            title: C
            working_group: {{members: [{{actor: red-cross, role: organiser}}]}}
            objectives:
              - id: "1.1"
                title: O
                actions: [{{id: a, text: T, actors: [red-cross], lead: red-cross}}]
        """


def _problems(path: Path, plugins: Plugins) -> list[str]:
    with pytest.raises(PlanError) as raised:
        load_plan_document(path, plugins=plugins)
    return [str(problem) for problem in raised.value.problems]


def test_a_missing_required_plugin_is_the_one_problem(
    plan_dir: PlanDirFactory, builtin_plugins: Plugins
) -> None:
    plan = plan_dir(_plan('{plugin: eccar-plan-nowhere, version: ">=0.1"}'))
    assert _problems(plan, builtin_plugins) == [
        f"{plan / 'plan.yaml'}:7:5: requires #1: needs the plugin eccar-plan-nowhere >=0.1, "
        "which is not installed (pip install 'eccar-plan-nowhere>=0.1')"
    ]  # and not the unknown directory nor the three unknown actors it would cause


def test_a_required_plugin_at_too_old_a_version(site: Site, plan_dir: PlanDirFactory) -> None:
    site.install("eccar-partners", "0.9", source=PARTNERS, entry_point="partners")
    plugins = Plugins(get_plugin_manager())
    plan = plan_dir(_plan('{plugin: eccar-partners, version: ">=1.0"}'))
    assert _problems(plan, plugins) == [
        f"{plan / 'plan.yaml'}:7:5: requires #1: needs the plugin eccar-partners >=1.0, "
        "but version 0.9 is installed (pip install 'eccar-partners>=1.0')"
    ]


@pytest.mark.parametrize("requirement", ["{plugin: eccar-partners}", "{plugin: Eccar_Partners}"])
def test_a_required_plugin_that_is_there(
    site: Site, plan_dir: PlanDirFactory, requirement: str
) -> None:
    site.install("eccar-partners", "1.2", source=PARTNERS, entry_point="partners")
    plugins = Plugins(get_plugin_manager())
    document = load_plan_document(plan_dir(_plan(requirement)), plugins=plugins)
    assert document.plan.requires == []  # met: the resolved plan stands on its own
    assert document.plan.actor("red-cross") is not None


def test_a_required_plugin_that_is_blocked_skipped_or_not_a_plugin(
    site: Site, plan_dir: PlanDirFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.install("eccar-partners", source=PARTNERS, entry_point="partners")
    site.install("eccar-broken", source=BROKEN, entry_point="broken")
    site.install("some-library", "3.0")
    monkeypatch.setenv(BLOCK_PLUGINS, "partners")
    with pytest.warns(EccarPluginWarning):
        plugins = Plugins(get_plugin_manager(strict=False))
    reasons = {
        "eccar-partners": "which is installed but blocked by ECCAR_PLAN_BLOCK_PLUGINS",
        "eccar-broken": "which is installed but was skipped: it failed to load: ImportError: ",
        "some-library": "but some-library 3.0 is not an eccar-plan plugin (it declares no entry "
        "point in the group eccar_plan)",
    }
    for distribution, reason in reasons.items():
        [problem] = _problems(plan_dir(_plan(f"{{plugin: {distribution}}}")), plugins)
        assert f"requires #1: needs the plugin {distribution}, {reason}" in problem


def test_an_invalid_requirement_is_a_validation_problem(
    plan_dir: PlanDirFactory, builtin_plugins: Plugins
) -> None:
    plan = plan_dir(_plan("{plugin: eccar-plan-nowhere, version: '0.1'}"))
    [problem] = [p for p in _problems(plan, builtin_plugins) if "requires" in p]
    assert "requires #1, version: '0.1' is not a version specifier" in problem
    assert "did you mean '>=0.1'?" in problem


# -- the report of the plugins -------------------------------------------------------------------


@pytest.fixture
def cities(eccar_plugins: PluginsFactory) -> Plugins:
    roeselare = pytest.importorskip("eccar_roeselare.plugin")
    maple_falls = pytest.importorskip("eccar_maple_falls.plugin")
    return eccar_plugins(roeselare, maple_falls)


def test_plugins_report_text(cities: Plugins) -> None:
    text = plugins_report(cities)
    assert text.splitlines()[0].startswith("eccar_plan.frameworks  (built in, eccar-plan ")
    assert re.search(r"^roeselare  \(eccar-plan-roeselare \S+\)$", text, re.MULTILINE)
    assert re.search(r"^maple-falls  \(eccar-plan-maple-falls \S+\)$", text, re.MULTILINE)
    roeselare = text[text.index("\nroeselare  ") :]
    assert (
        "  hooks: eccar_actor_directories, eccar_checks, eccar_framework_wordings, "
        "eccar_report_formats,\n    eccar_taxonomies\n"
    ) in roeselare
    assert "  actor directories: roeselare\n" in roeselare
    assert "  framework wordings: roeselare-eccar-2004-nl\n" in roeselare
    assert "  checks: unia-competence (plans that require eccar-plan-roeselare)\n" in roeselare
    assert "  report formats: roeselare-docx, roeselare-html, roeselare-pdf\n" in roeselare
    maple_falls = text[text.index("\nmaple-falls  ") : text.index("\nroeselare  ") + 1]
    assert "  frameworks: ccmard\n" in maple_falls
    assert "  report formats: council-brief\n" in maple_falls
    assert "skipped" not in text


def test_plugins_report_json(cities: Plugins) -> None:
    data = json.loads(plugins_report(cities, as_json=True))
    assert set(data) == {"plugins", "skipped", "blocked", "notes"}
    rows = {row["name"]: row for row in data["plugins"]}
    assert list(rows)[:3] == [
        "eccar_plan.frameworks",
        "eccar_plan.checks",
        "eccar_plan.formats",
    ]
    assert list(rows)[-2:] == ["maple-falls", "roeselare"]
    assert rows["eccar_plan.checks"]["builtin"] is True
    assert rows["roeselare"]["distribution"] == "eccar-plan-roeselare"
    assert rows["roeselare"]["entry_point"] == "eccar_roeselare.plugin"
    assert rows["roeselare"]["contributes"] == {
        "frameworks": [],
        "actor_directories": ["roeselare"],
        "taxonomies": ["samenlevingsplan-doelgroepen", "samenlevingsplan-principes"],
        "framework_wordings": ["roeselare-eccar-2004-nl"],
        "checks": ["unia-competence"],
        "report_formats": ["roeselare-docx", "roeselare-html", "roeselare-pdf"],
    }
    assert rows["maple-falls"]["hooks"] == [
        "eccar_actor_directories",
        "eccar_checks",
        "eccar_frameworks",
        "eccar_report_formats",
    ]
    assert rows["maple-falls"]["contributes"]["frameworks"] == ["ccmard"]
    assert rows["maple-falls"]["contributes"]["checks"] == ["ccmard-group-coverage"]
    assert data["skipped"] == data["blocked"] == data["notes"] == []


def test_plugins_report_lists_skipped_plugins(site: Site) -> None:
    site.install("eccar-broken", "0.3.1", source=BROKEN, entry_point="broken")
    site.install("eccar-raises", "2.0", source=RAISES, entry_point="raises")
    with pytest.warns(EccarPluginWarning, match="broken"):
        manager = get_plugin_manager(strict=False)
    plugins = Plugins(manager)
    with pytest.warns(EccarPluginWarning, match="raises"):
        text = plugins_report(plugins)
    assert "skipped: broken (eccar-broken 0.3.1): it failed to load: ImportError: " in text
    assert "skipped: raises (eccar-raises 2.0): its hook eccar_checks raised ValueError" in text
    skipped = json.loads(plugins_report(plugins, as_json=True))["skipped"]
    assert [(s["name"], s["distribution"], s["version"], s["hook"]) for s in skipped] == [
        ("broken", "eccar-broken", "0.3.1", None),
        ("raises", "eccar-raises", "2.0", "eccar_checks"),
    ]


def test_plugins_report_when_autoloaded(site: Site) -> None:
    pytest.importorskip("eccar_roeselare.plugin")
    site.install("eccar-principles", "4.0", source=PRINCIPLES, entry_point="principles")
    text = plugins_report(Plugins(get_plugin_manager()))
    assert "principles  (eccar-principles 4.0)\n  hooks: eccar_taxonomies\n" in text
    assert "\nroeselare  (eccar-plan-roeselare " in text


# -- tracing -------------------------------------------------------------------------------------


def test_tracing_writes_each_hook_call_and_what_it_gave() -> None:
    class Partners:
        @hookimpl
        def eccar_actor_directories(self) -> Iterable[ActorDirectory]:
            yield ActorDirectory(id="partners", title="P", actors=[])

    manager = get_plugin_manager(autoload=False)
    manager.register(Partners(), name="partners")
    plugins = Plugins(manager)
    stream = io.StringIO()
    stop = enable_tracing(plugins, stream)
    _ = plugins.actor_directories
    stop()
    manager.hook.eccar_checks()  # no longer traced
    lines = stream.getvalue().splitlines()
    assert "trace: eccar_actor_directories() called on partners" in lines
    assert any(
        re.fullmatch(
            r"trace: eccar_actor_directories of partners gave 1 actor directory: "
            r"partners \(\d+\.\d ms\)",
            line,
        )
        for line in lines
    )
    assert any(
        line.startswith("trace: eccar_frameworks of eccar_plan.frameworks (eccar-plan ")
        and "gave 1 framework: eccar-2004" in line
        for line in lines
    )
    assert not any("eccar_checks() called on partners" in line for line in lines)
    assert sum(line.startswith("trace: eccar_checks() called on ") for line in lines) == 1


def test_tracing_sees_calls_made_outside_the_gathering() -> None:
    manager = get_plugin_manager(autoload=False)
    plugins = Plugins(manager)
    stream = io.StringIO()
    stop = enable_tracing(plugins, stream)
    manager.hook.eccar_report_formats()
    stop()
    answers = len(manager.hook.eccar_report_formats.get_hookimpls())
    assert stream.getvalue().splitlines()[-1] == (
        f"trace: eccar_report_formats returned {answers} answer{'s' * (answers != 1)}"
    )


# -- data files inside a package -----------------------------------------------------------------


def test_loaders_read_package_files_even_from_a_zip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "plugin.zip"
    package = f"zipped{next(_numbers)}"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(f"{package}/__init__.py", "")
        zipped.writestr(
            f"{package}/partners.yaml",
            "id: zipped\ntitle: Z\nactors: [{id: a, name: A, kind: ngo}]\n",
        )
        zipped.writestr(f"{package}/bad.yaml", "id: t\ntitle: T\nterms: [{id: x}]\n")
    monkeypatch.syspath_prepend(str(archive))
    try:
        files = importlib.resources.files(package)
        assert not isinstance(files / "partners.yaml", os.PathLike)  # a zipfile.Path
        directory = load_actor_directory(files / "partners.yaml")
        assert [a.id for a in directory.actors] == ["a"]
        with pytest.raises(PlanError, match=r"bad.yaml:3:\d+: term x, title: "):
            load_taxonomy(files / "bad.yaml")
        with pytest.raises(PlanError, match=r"missing.yaml:1:1: no such file"):
            load_taxonomy(files / "missing.yaml")
    finally:
        sys.modules.pop(package, None)


def test_loaders_read_package_files_on_disk() -> None:
    framework_file = importlib.resources.files("eccar_plan.frameworks") / "eccar-2004.yaml"
    if not framework_file.is_file():
        pytest.skip("the built-in framework file has another name")
    from eccar_plan import load_framework

    assert load_framework(framework_file).id == "eccar-2004"


# -- the fixtures for plugin authors (shown in docs/plugins.md) ----------------------------------


class Smallville:
    """A small plugin: its partners, its principles, a check and a report format."""

    @hookimpl
    def eccar_actor_directories(self) -> Iterable[ActorDirectory]:
        yield ActorDirectory.model_validate(
            {
                "id": "smallville",
                "title": "Partners",
                "actors": [{"id": "unia", "name": "Unia", "kind": "public_agency"}],
            }
        )

    @hookimpl
    def eccar_taxonomies(self) -> Iterable[Taxonomy]:
        yield Taxonomy(id="principles", title="P", terms=[Term(id="participation", title="P")])

    @hookimpl
    def eccar_checks(self) -> Iterable[Check]:
        def no_lead(document: PlanDocument) -> Iterator[Finding]:
            for _, _, action in document.plan.actions():
                if action.lead is None:
                    yield Finding(
                        "smallville-lead", Severity.INFO, "no lead", f"action:{action.id}"
                    )

        yield Check("smallville-lead", Severity.INFO, "Every action names a lead.", no_lead)

    @hookimpl
    def eccar_report_formats(self) -> Iterable[ReportFormat]:
        def write(context: ReportContext, target: Path) -> None:
            target.write_text(str(context.document.plan.title), encoding="utf-8")

        yield ReportFormat("smallville-title", "The title.", ".txt", write)


def test_smallville(
    eccar_plugins: PluginsFactory, plan_dir: PlanDirFactory, run_cli: CliRunner, tmp_path: Path
) -> None:
    plugins = eccar_plugins(Smallville())
    plan = plan_dir(
        """
        city: {name: Smallville, country: BE}
        title: Smallville against racism
        language: en
        framework: eccar-2004
        actor_directories: [smallville]
        chapters:
          - commitment: 3
            title: Support for victims
            objectives:
              - id: "3.1"
                title: Refer victims to the equality body
                tags: ["principles:participation"]
                actions: [{id: 3.1.a, text: Train front-desk staff, actors: [unia]}]
        """
    )
    result = run_cli("check", plan, "--fail-on", "never", plugins=plugins)
    assert result.status == 0
    assert "action 3.1.a names no lead" not in result.stdout  # the check's message is "no lead"
    assert "no lead [smallville-lead]" in result.stdout
    output = tmp_path / "title.txt"
    result = run_cli("report", plan, "-f", "smallville-title", "-o", output, plugins=plugins)
    assert (result.status, result.stderr) == (0, f"wrote {output}\n")
    assert output.read_text(encoding="utf-8") == "Smallville against racism"


def test_run_cli_reports_usage_errors_and_defaults_to_the_builtins(run_cli: CliRunner) -> None:
    result = run_cli("report", "--list")
    assert result.status == 0
    assert "smallville-title" not in result.stdout
    assert run_cli("no-such-command").status == 2
    assert run_cli("--version").status == 0


def test_eccar_plugins_is_strict_and_checks_at_once(eccar_plugins: PluginsFactory) -> None:
    class Broken:
        @hookimpl
        def eccar_checks(self) -> Iterable[Check]:
            raise RuntimeError("oops")

    with pytest.raises(PluginError, match=r"plugin Broken: its hook eccar_checks raised"):
        eccar_plugins(Broken())
    with pytest.warns(EccarPluginWarning, match="oops"):
        lenient = eccar_plugins(broken=Broken(), strict=False)
    assert [s.source.name for s in lenient.skipped] == ["broken"]


def test_plan_dir_writes_data_text_and_more_files(plan_dir: PlanDirFactory) -> None:
    directory = plan_dir(
        {"title": "T", "include": ["chapters/01.yaml"]},
        {"chapters/01.yaml": {"chapters": []}, "extra.json": {"a": [1]}},
        name="mine",
    )
    assert directory.name == "mine"
    assert (directory / "plan.yaml").read_text(encoding="utf-8").startswith("title: T\n")
    assert (directory / "chapters" / "01.yaml").read_text(encoding="utf-8") == "chapters: []\n"
    assert json.loads((directory / "extra.json").read_text(encoding="utf-8")) == {"a": [1]}
    with pytest.raises(FileExistsError):
        plan_dir({}, name="mine")
    with pytest.raises(ValueError, match="outside the plan directory"):
        plan_dir({}, {"../escape.yaml": {}})
