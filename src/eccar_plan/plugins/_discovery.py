"""Where plugins come from: the built-in ones, the entry points of installed distributions, the
block list, and the plugin manager that loads them one at a time (skipping broken ones)."""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import time
import types
import warnings
from collections.abc import Iterable

import attrs
import pluggy

from eccar_plan import hookspecs
from eccar_plan._document import canonical_name
from eccar_plan._errors import PluginError

ENTRY_POINT_GROUP = "eccar_plan"
"""The entry-point group installed plugins declare themselves in."""
BUILTIN_PLUGINS = (
    "eccar_plan.frameworks",
    "eccar_plan.checks",
    "eccar_plan.formats",
)
"""Modules registered as plugins before any installed one. They cannot be blocked or skipped."""
DISABLE_AUTOLOAD = "ECCAR_PLAN_DISABLE_PLUGIN_AUTOLOAD"
"""Environment variable: when on, only the built-in plugins are loaded."""
STRICT_PLUGINS = "ECCAR_PLAN_STRICT_PLUGINS"
"""Environment variable: when on, a broken plugin is a :class:`~eccar_plan.PluginError`."""
BLOCK_PLUGINS = "ECCAR_PLAN_BLOCK_PLUGINS"
"""Environment variable: plugins not to load, comma-separated entry-point or distribution names."""

_WARNING_LOCATION = "eccar-plan"


class EccarPluginWarning(UserWarning):
    """A plugin was skipped (it failed to load, raised in a hook, returned the wrong type) or
    implements something eccar-plan does not know. Strict mode raises
    :class:`~eccar_plan.PluginError` instead."""


def flag(name: str) -> bool:
    """Whether the environment variable *name* is on: set, and neither empty nor ``0``."""
    return os.environ.get(name, "").strip() not in ("", "0")


def _one_line(text: str) -> str:
    return "; ".join(line.strip() for line in text.splitlines() if line.strip())


def describe(error: BaseException) -> str:
    """``ImportError: no module named x``, on one line."""
    message = _one_line(str(error))
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


# -- where plugins come from ---------------------------------------------------------------------


@attrs.frozen
class PluginSource:
    """Where a plugin comes from: its name and, when it was installed, its distribution."""

    name: str
    """The plugin's name: its entry point's name, or the module name of a built-in plugin."""
    distribution: str | None = None
    """The name of the distribution (the package ``pip`` installs) that declares it."""
    version: str | None = None
    """The distribution's version."""
    entry_point: str | None = None
    """What the entry point names, e.g. ``eccar_roeselare.plugin``."""
    builtin: bool = False
    """Whether it is one of :data:`BUILTIN_PLUGINS`."""

    def __str__(self) -> str:
        if self.distribution is None:
            return self.name
        return f"{self.name} ({self.distribution} {self.version or '(no version)'})"


@attrs.frozen
class SkippedPlugin:
    """A plugin that was left out, and why (``str()`` of it is one line)."""

    source: PluginSource
    reason: str
    """Why, e.g. ``it failed to load: ImportError: …`` or ``its hook eccar_checks raised …``."""
    hook: str | None = None
    """The hook that failed; ``None`` when the plugin failed to load."""
    error: BaseException | None = attrs.field(default=None, eq=False, repr=False)
    """The exception, if there was one."""

    def __str__(self) -> str:
        return f"plugin {self.source} was skipped: {self.reason}"


def _builtin_source(name: str) -> PluginSource:
    try:
        version: str | None = importlib.metadata.version("eccar-plan")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree
        from eccar_plan._version import __version__

        version = __version__
    return PluginSource(name, "eccar-plan", version, name, builtin=True)


def _entry_point_source(point: importlib.metadata.EntryPoint) -> PluginSource:
    dist = getattr(point, "dist", None)
    if dist is None:
        return PluginSource(point.name, entry_point=point.value)
    return PluginSource(point.name, dist.name, dist.version, point.value)


def installed_entry_points() -> list[importlib.metadata.EntryPoint]:
    """The entry points of the ``eccar_plan`` group, sorted by name, then by distribution."""
    points = importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
    return sorted(points, key=lambda p: (p.name, _entry_point_source(p).distribution or ""))


def _infer_source(plugin: object, name: str) -> PluginSource:
    """The source of a plugin registered by hand: an installed plugin's module keeps its
    distribution, so a plan's ``requires`` is met in tests that register the module directly."""
    if isinstance(plugin, types.ModuleType):
        for point in installed_entry_points():
            if point.value == plugin.__name__:
                found = _entry_point_source(point)
                return attrs.evolve(found, name=name)
    return PluginSource(name)


class PluginManager(pluggy.PluginManager):
    """eccar-plan's pluggy plugin manager: it also remembers where each plugin comes from and
    which plugins were skipped or blocked while loading. Made by
    :func:`~eccar_plan.get_plugin_manager`."""

    def __init__(self, *, strict: bool = False) -> None:
        super().__init__(hookspecs.PROJECT)
        self.add_hookspecs(hookspecs)
        self.strict = strict
        """Whether a broken plugin is an error rather than skipped with a warning."""
        self.autoload = False
        """Whether the installed plugins were loaded."""
        self.sources: dict[str, PluginSource] = {}
        """Where each registered plugin comes from, by plugin name."""
        self.skipped: list[SkippedPlugin] = []
        """The installed plugins that failed to load."""
        self.blocked: list[PluginSource] = []
        """The installed plugins left out by the block list."""
        self.load_times: dict[str, float] = {}
        """Seconds each installed plugin took to import, by plugin name."""

    def register(self, plugin: object, name: str | None = None) -> str | None:
        """Register *plugin* (as pluggy does) and record where it comes from."""
        registered = super().register(plugin, name)
        if registered is not None and registered not in self.sources:
            self.sources[registered] = _infer_source(plugin, registered)
        return registered


def _block_list(block: Iterable[str] | None) -> frozenset[str]:
    if block is None:
        block = os.environ.get(BLOCK_PLUGINS, "").split(",")
    names = frozenset(name.strip() for name in block if name.strip())
    for name in sorted(names):
        if name in BUILTIN_PLUGINS or canonical_name(name) == "eccar-plan":
            raise PluginError(
                f"the built-in plugin {name} cannot be blocked; remove it from {BLOCK_PLUGINS}"
            )
    return names


def _is_blocked(source: PluginSource, block: frozenset[str]) -> bool:
    if source.name in block:
        return True
    dist = canonical_name(source.distribution) if source.distribution else None
    return dist is not None and dist in {canonical_name(name) for name in block}


def warn(message: str) -> None:
    # an explicit, source-less location: the warning shows as one line, not pointing into eccar-plan
    warnings.warn_explicit(message, EccarPluginWarning, _WARNING_LOCATION, 0, module=__name__)


def get_plugin_manager(
    *,
    autoload: bool | None = None,
    strict: bool | None = None,
    block: Iterable[str] | None = None,
) -> PluginManager:
    """A plugin manager with the built-in plugins and, unless disabled, the installed ones.

    *autoload* defaults to true unless ``ECCAR_PLAN_DISABLE_PLUGIN_AUTOLOAD`` is on. *strict*
    defaults to whether ``ECCAR_PLAN_STRICT_PLUGINS`` is on: a plugin that fails to load is then a
    :class:`~eccar_plan.PluginError`; otherwise it is skipped with an
    :class:`~eccar_plan.plugins.EccarPluginWarning` and listed in
    :attr:`~eccar_plan.plugins.PluginManager.skipped`. *block* names plugins not to load, by
    entry-point or distribution name (default: ``ECCAR_PLAN_BLOCK_PLUGINS``).
    """
    manager = PluginManager(strict=flag(STRICT_PLUGINS) if strict is None else strict)
    for name in BUILTIN_PLUGINS:
        manager.sources[name] = _builtin_source(name)
        manager.register(importlib.import_module(name), name=name)
    manager.autoload = not flag(DISABLE_AUTOLOAD) if autoload is None else autoload
    if manager.autoload:
        _load_entry_points(manager, _block_list(block))
    return manager


def _load_entry_points(manager: PluginManager, block: frozenset[str]) -> None:
    """Load the installed plugins one at a time, skipping (or, strict, refusing) broken ones."""
    for point in installed_entry_points():
        source = _entry_point_source(point)
        if _is_blocked(source, block):
            manager.blocked.append(source)
            continue
        if point.name in manager.sources:
            raise PluginError(
                f"two plugins are named {point.name!r}: {manager.sources[point.name]} and "
                f"{source}; uninstall one, or block one by its distribution name with "
                f"{BLOCK_PLUGINS}"
            )
        started = time.perf_counter()
        try:
            plugin = point.load()
        except Exception as error:  # any error of the plugin's own code
            _skip(
                manager,
                SkippedPlugin(source, f"it failed to load: {describe(error)}", None, error),
            )
            continue
        manager.load_times[point.name] = time.perf_counter() - started
        other = manager.get_name(plugin)
        if other is not None:
            reason = f"it is the same object as the plugin {manager.sources.get(other, other)}"
            _skip(manager, SkippedPlugin(source, reason))
            continue
        manager.sources[point.name] = source
        try:
            manager.register(plugin, name=point.name)
        except pluggy.PluginValidationError as error:
            del manager.sources[point.name]
            reason = f"its hooks do not fit eccar-plan's: {_one_line(str(error))}"
            _skip(manager, SkippedPlugin(source, reason, None, error))


def _skip(manager: PluginManager, skipped: SkippedPlugin) -> None:
    if manager.strict:
        raise PluginError(f"plugin {skipped.source}: {skipped.reason}") from skipped.error
    manager.skipped.append(skipped)
    warn(str(skipped))
