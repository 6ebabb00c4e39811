"""pytest fixtures for the tests of plugins (and of eccar-plan itself).

Load them in the ``conftest.py`` at the top of a plugin's tests::

    pytest_plugins = ["eccar_plan.testing"]

- :func:`eccar_plugins`: ``eccar_plugins(my_plugin)`` gives a :class:`~eccar_plan.Plugins` with
  the built-in plugins and *my_plugin* only, whatever else is installed, in strict mode;
- :func:`plan_dir`: ``plan_dir({...})`` writes a plan directory from a dict or YAML text;
- :func:`run_cli`: ``run_cli("check", path, plugins=plugins)`` runs the command line in the test's
  process and returns its exit status, standard output and standard error.

This module imports pytest: import it only from tests.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import os
import textwrap
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

import attrs
import pytest
import yaml

from .plugins import Plugins, PluginSource, get_plugin_manager, installed_entry_points, use_plugins

__all__ = [
    "CliResult",
    "CliRunner",
    "PlanDirFactory",
    "PluginsFactory",
    "eccar_plugins",
    "make_plugins",
    "plan_dir",
    "run_cli",
    "write_plan_dir",
]


# -- plugins -------------------------------------------------------------------------------------


def _plugin_name(plugin: object) -> str:
    """An installed plugin's entry-point name; else the module's name or the object's class name."""
    if isinstance(plugin, types.ModuleType):
        for point in installed_entry_points():
            if point.value == plugin.__name__:
                return point.name
        return plugin.__name__
    return type(plugin).__name__


def make_plugins(
    *plugins: object, strict: bool = True, distribution: str | None = None, **named: object
) -> Plugins:
    """:class:`~eccar_plan.Plugins` with the built-in plugins and *plugins* only (no autoload).

    Each of *plugins* is a module or an object with hook functions; it is named after its
    installed entry point, its module or its class. *named* plugins get the keyword's name.
    With *distribution*, every plugin given counts as installed from that distribution, so a
    plan that ``requires`` it loads (and checks scoped to it run) without installing it. In
    *strict* mode (the default) a broken plugin raises :class:`~eccar_plan.PluginError`. The
    hooks are called at once, so a broken plugin fails here, not in the middle of a test.
    """
    manager = get_plugin_manager(autoload=False, strict=strict)
    given = [(_plugin_name(plugin), plugin) for plugin in plugins] + list(named.items())
    for name, plugin in given:
        if distribution is not None:
            manager.sources[name] = PluginSource(name, distribution, entry_point=name)
        manager.register(plugin, name=name)
    result = Plugins(manager, strict=strict)
    _ = result.skipped  # gather every contribution now
    return result


class PluginsFactory(Protocol):
    """The type of the :func:`eccar_plugins` fixture."""

    def __call__(
        self,
        *plugins: object,
        strict: bool = True,
        distribution: str | None = None,
        **named: object,
    ) -> Plugins: ...


@pytest.fixture
def eccar_plugins() -> PluginsFactory:
    """A factory of plugin sets: ``eccar_plugins(plugin, ...)`` → the built-in plugins and those.

    See :func:`make_plugins`. Tests using it do not depend on what else is installed.
    """
    return make_plugins


# -- plan directories ----------------------------------------------------------------------------

Content = Mapping[str, Any] | list[Any] | str
"""A file's content: data (written as YAML, or as JSON for a ``.json`` file) or text."""


def _write(path: Path, content: Content) -> None:
    if isinstance(content, str):
        text = textwrap.dedent(content).lstrip("\n")
    elif path.suffix == ".json":
        text = json.dumps(content, ensure_ascii=False, indent=2) + "\n"
    else:
        text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")


def write_plan_dir(
    directory: Path, plan: Content, files: Mapping[str, Content] | None = None
) -> Path:
    """Write *plan* as ``directory/plan.yaml`` and each of *files* (relative path → content) in
    *directory*; return *directory*. Text is dedented, so an indented triple-quoted string will do.
    """
    directory.mkdir(parents=True, exist_ok=True)
    _write(directory / "plan.yaml", plan)
    root = directory.resolve()
    for name, content in (files or {}).items():
        target = directory / name
        if Path(name).is_absolute() or not target.resolve().is_relative_to(root):
            raise ValueError(f"{name!r} is outside the plan directory")
        target.parent.mkdir(parents=True, exist_ok=True)
        _write(target, content)
    return directory


class PlanDirFactory(Protocol):
    """The type of the :func:`plan_dir` fixture."""

    def __call__(
        self, plan: Content, files: Mapping[str, Content] | None = None, *, name: str | None = None
    ) -> Path: ...


@pytest.fixture
def plan_dir(tmp_path: Path) -> PlanDirFactory:
    """A factory of plan directories in the test's temporary directory.

    ``plan_dir(plan, files=None, *, name=None)`` writes *plan* (a dict, or YAML text) as
    ``plan.yaml`` in a new directory (``plan-1``, ``plan-2`` … or *name*), with *files* beside it
    (``{"chapters/01.yaml": {...}}``), and returns the directory. See :func:`write_plan_dir`.
    """
    numbers = itertools.count(1)

    def make(
        plan: Content, files: Mapping[str, Content] | None = None, *, name: str | None = None
    ) -> Path:
        directory = tmp_path / (name or f"plan-{next(numbers)}")
        if directory.exists():
            raise FileExistsError(f"{directory} exists already")
        return write_plan_dir(directory, plan, files)

    return make


# -- the command line ----------------------------------------------------------------------------


@attrs.frozen
class CliResult:
    """What a run of the command line gave."""

    status: int
    """The exit status: 0 success, 1 invalid input or findings, 2 wrong usage, 3 a bug."""
    stdout: str
    stderr: str


class CliRunner(Protocol):
    """The type of the :func:`run_cli` fixture."""

    def __call__(
        self, *args: str | os.PathLike[str], plugins: Plugins | None = None
    ) -> CliResult: ...


def _run(*args: str | os.PathLike[str], plugins: Plugins | None = None) -> CliResult:
    from .cli import main

    stdout, stderr = io.StringIO(), io.StringIO()
    chosen = plugins if plugins is not None else make_plugins()
    with (
        use_plugins(chosen),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        try:
            status = main([os.fspath(arg) for arg in args])
        except SystemExit as exit_:  # --help, --version, usage errors
            code = exit_.code
            status = code if isinstance(code, int) else (0 if code is None else 1)
    return CliResult(status, stdout.getvalue(), stderr.getvalue())


@pytest.fixture
def run_cli() -> CliRunner:
    """Run ``eccar-plan`` in the test's process: ``run_cli("validate", path, plugins=plugins)``.

    Returns a :class:`CliResult`. The command sees only *plugins* (default: the built-in
    plugins), whatever is installed.
    """
    return _run
