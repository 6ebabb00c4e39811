"""The plugin manager: finds plugins and gathers what they contribute.

Built-in features are plugins too (:data:`BUILTIN_PLUGINS`); others are found through the
``eccar_plan`` entry-point group. Set ``ECCAR_PLAN_DISABLE_PLUGIN_AUTOLOAD=1`` to load only the
built-in ones.
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import pluggy

from . import hookspecs
from .errors import PluginError
from .findings import Check
from .model import ActorDirectory, Framework, Taxonomy

if TYPE_CHECKING:
    from .reports import ReportFormat

__all__ = ["BUILTIN_PLUGINS", "ENTRY_POINT_GROUP", "Plugins", "get_plugin_manager", "get_plugins"]

ENTRY_POINT_GROUP = "eccar_plan"
BUILTIN_PLUGINS = (
    "eccar_plan.frameworks",
    "eccar_plan.checks",
    "eccar_plan.reports.json_report",
)
"""Modules registered as plugins before any installed one."""
DISABLE_AUTOLOAD = "ECCAR_PLAN_DISABLE_PLUGIN_AUTOLOAD"

R = TypeVar("R")


def get_plugin_manager(*, autoload: bool | None = None) -> pluggy.PluginManager:
    """A plugin manager with the built-in plugins and, unless disabled, the installed ones.

    *autoload* defaults to true unless the environment variable
    ``ECCAR_PLAN_DISABLE_PLUGIN_AUTOLOAD`` is set to a non-empty value.
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    for name in BUILTIN_PLUGINS:
        manager.register(importlib.import_module(name), name=name)
    if autoload is None:
        autoload = not os.environ.get(DISABLE_AUTOLOAD)
    if autoload:
        try:
            manager.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        except Exception as error:  # any error of a plugin's own code
            raise PluginError(
                f"a plugin failed to load: {type(error).__name__}: {error}"
            ) from error
    return manager


class Plugins:
    """What the plugins of a manager contribute, gathered once, checked and sorted by name."""

    def __init__(self, manager: pluggy.PluginManager) -> None:
        self.manager = manager

    @functools.cached_property
    def frameworks(self) -> dict[str, Framework]:
        """Frameworks by id."""
        return self._gather("eccar_frameworks", Framework, lambda f: f.id, "framework")

    @functools.cached_property
    def actor_directories(self) -> dict[str, ActorDirectory]:
        """Actor directories by id."""
        return self._gather(
            "eccar_actor_directories", ActorDirectory, lambda d: d.id, "actor directory"
        )

    @functools.cached_property
    def taxonomies(self) -> dict[str, Taxonomy]:
        """Taxonomies by id."""
        return self._gather("eccar_taxonomies", Taxonomy, lambda t: t.id, "taxonomy")

    @functools.cached_property
    def checks(self) -> dict[str, Check]:
        """Checks by id."""
        return self._gather("eccar_checks", Check, lambda c: c.id, "check")

    @functools.cached_property
    def report_formats(self) -> dict[str, ReportFormat]:
        """Report formats by name."""
        from .reports import ReportFormat

        return self._gather("eccar_report_formats", ReportFormat, lambda r: r.name, "report format")

    def plugin_label(self, plugin: object) -> str:
        """The plugin's name, with its distribution and version when it was installed."""
        name = self.manager.get_name(plugin) or repr(plugin)
        for registered, dist in self.manager.list_plugin_distinfo():
            if registered is plugin:
                return f"{name} ({dist.project_name} {dist.version})"
        return name

    def _gather(self, hook: str, kind: type[R], key: Callable[[R], str], what: str) -> dict[str, R]:
        found: dict[str, tuple[R, str]] = {}
        for impl in getattr(self.manager.hook, hook).get_hookimpls():
            label = self.plugin_label(impl.plugin)
            for record in _iterate(impl.function(), label, hook):
                if not isinstance(record, kind):
                    raise PluginError(
                        f"plugin {label}: {hook} gave a {type(record).__name__}, "
                        f"not a {kind.__name__}"
                    )
                name = key(record)
                if name in found:
                    raise PluginError(
                        f"{what} {name!r} is contributed by both {found[name][1]} and {label}"
                    )
                found[name] = (record, label)
        return {name: found[name][0] for name in sorted(found)}


def _iterate(answer: Any, label: str, hook: str) -> Iterable[Any]:
    if answer is None:
        return ()
    if not isinstance(answer, Iterable) or isinstance(answer, str | bytes):
        raise PluginError(f"plugin {label}: {hook} must return an iterable of records")
    return list(answer)


@functools.cache
def get_plugins() -> Plugins:
    """The plugins of this process (built once, with the environment's autoload setting)."""
    return Plugins(get_plugin_manager())
