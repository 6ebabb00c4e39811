"""The plugin manager: finds plugins, isolates broken ones, and gathers what they contribute.

Built-in features are plugins too (:data:`BUILTIN_PLUGINS`); others are found through the
``eccar_plan`` entry-point group, loaded one at a time in the order of their names. A plugin that
fails to import, raises in a hook or returns the wrong type is skipped with an
:class:`~eccar_plan.plugins.EccarPluginWarning` that names it, its distribution and the error; in
strict mode it is a :class:`~eccar_plan.PluginError` instead.

The environment variables (each "on" when set to anything but an empty value or ``0``):

- ``ECCAR_PLAN_DISABLE_PLUGIN_AUTOLOAD``: load only the built-in plugins;
- ``ECCAR_PLAN_STRICT_PLUGINS``: strict mode, a broken plugin is an error;
- ``ECCAR_PLAN_BLOCK_PLUGINS``: a comma-separated list of plugins not to load, by entry-point name
  or distribution name (built-in plugins cannot be blocked).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import importlib
import importlib.metadata
import json
import os
import shlex
import sys
import textwrap
import time
import types
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol, TextIO, cast

import attrs
import pluggy
from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

from . import hookspecs
from ._document import Catalogue, Check, ScopeKind, canonical_name
from ._errors import PluginError
from ._formats import ReportFormat
from ._suggest import did_you_mean
from .model import ActorDirectory, Framework, Taxonomy

__all__ = [
    "BLOCK_PLUGINS",
    "BUILTIN_PLUGINS",
    "CONTRIBUTIONS",
    "DISABLE_AUTOLOAD",
    "ENTRY_POINT_GROUP",
    "STRICT_PLUGINS",
    "Contribution",
    "EccarPluginWarning",
    "PluginManager",
    "PluginSource",
    "Plugins",
    "SkippedPlugin",
    "enable_tracing",
    "get_plugin_manager",
    "get_plugins",
    "installed_entry_points",
    "plugins_report",
    "use_plugins",
]

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


def _flag(name: str) -> bool:
    """Whether the environment variable *name* is on: set, and neither empty nor ``0``."""
    return os.environ.get(name, "").strip() not in ("", "0")


def _one_line(text: str) -> str:
    return "; ".join(line.strip() for line in text.splitlines() if line.strip())


def _describe(error: BaseException) -> str:
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
        from ._version import __version__

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


def _warn(message: str) -> None:
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
    manager = PluginManager(strict=_flag(STRICT_PLUGINS) if strict is None else strict)
    for name in BUILTIN_PLUGINS:
        manager.sources[name] = _builtin_source(name)
        manager.register(importlib.import_module(name), name=name)
    manager.autoload = not _flag(DISABLE_AUTOLOAD) if autoload is None else autoload
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
                SkippedPlugin(source, f"it failed to load: {_describe(error)}", None, error),
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
    _warn(str(skipped))


# -- what plugins contribute ---------------------------------------------------------------------


@attrs.frozen
class Contribution:
    """One contribution hook: what its records are, and how they are named."""

    hook: str
    """The hook's name, e.g. ``eccar_frameworks``."""
    what: str
    """A record in words, e.g. ``actor directory``."""
    key: str
    """The :class:`Plugins` attribute (and the key in :func:`plugins_report`), e.g.
    ``actor_directories``."""
    name_attribute: str
    """The attribute of a record that names it: ``id`` or ``name``."""

    @property
    def kind(self) -> type[Any]:
        """The class of the records."""
        return {
            "eccar_report_formats": ReportFormat,
            "eccar_frameworks": Framework,
            "eccar_actor_directories": ActorDirectory,
            "eccar_taxonomies": Taxonomy,
            "eccar_checks": Check,
        }[self.hook]


CONTRIBUTIONS = (
    Contribution("eccar_frameworks", "framework", "frameworks", "id"),
    Contribution("eccar_actor_directories", "actor directory", "actor_directories", "id"),
    Contribution("eccar_taxonomies", "taxonomy", "taxonomies", "id"),
    Contribution("eccar_checks", "check", "checks", "id"),
    Contribution("eccar_report_formats", "report format", "report_formats", "name"),
)
"""Every contribution hook, in the order :class:`Plugins` calls them."""


class _HookFailure(Exception):
    def __init__(self, hook: str, reason: str, error: BaseException | None = None) -> None:
        super().__init__(reason)
        self.hook, self.reason, self.error = hook, reason, error


@attrs.frozen
class _Gathered:
    records: dict[str, dict[str, Any]]
    contributed: dict[str, dict[str, list[str]]]
    """plugin name → contribution key → the names of its records."""
    hooks: dict[str, list[str]]
    """plugin name → the hooks it implements."""
    skipped: list[SkippedPlugin]
    notes: list[str]


class Plugins:
    """What the plugins of a manager contribute: gathered once, checked and sorted by name.

    All hooks are called together, on first use. A plugin whose hook raises or returns the wrong
    type is left out entirely (none of its records is used) with an
    :class:`~eccar_plan.plugins.EccarPluginWarning`, or, when *strict*, is a
    :class:`~eccar_plan.PluginError`. *strict* defaults to the manager's setting (see
    :func:`~eccar_plan.get_plugin_manager`). Two plugins contributing the same name is always an
    error naming both.
    """

    def __init__(self, manager: pluggy.PluginManager, *, strict: bool | None = None) -> None:
        self.manager = manager
        if strict is None:
            strict = getattr(manager, "strict", None)
        self.strict: bool = _flag(STRICT_PLUGINS) if strict is None else strict
        self._trace: Callable[[str], None] | None = None
        self._in_gather = False

    # -- the records ----------------------------------------------------------------------------

    @property
    def frameworks(self) -> dict[str, Framework]:
        """Frameworks by id."""
        return self._gathered.records["frameworks"]

    @property
    def actor_directories(self) -> dict[str, ActorDirectory]:
        """Actor directories by id."""
        return self._gathered.records["actor_directories"]

    @property
    def taxonomies(self) -> dict[str, Taxonomy]:
        """Taxonomies by id."""
        return self._gathered.records["taxonomies"]

    @property
    def checks(self) -> dict[str, Check]:
        """Checks by id."""
        return self._gathered.records["checks"]

    @property
    def report_formats(self) -> dict[str, ReportFormat]:
        """Report formats by name."""
        return self._gathered.records["report_formats"]

    @property
    def catalogue(self) -> Catalogue:
        """What these plugins offer plans, as the load pipeline takes it."""
        return Catalogue(
            frameworks=self.frameworks,
            actor_directories=self.actor_directories,
            taxonomies=self.taxonomies,
            checks=self.checks,
            requirement_problem=self.requirement_problem,
        )

    # -- the plugins ----------------------------------------------------------------------------

    @property
    def skipped(self) -> list[SkippedPlugin]:
        """The plugins left out: those that failed to load, then those whose hooks failed."""
        return [*getattr(self.manager, "skipped", ()), *self._gathered.skipped]

    @property
    def blocked(self) -> list[PluginSource]:
        """The installed plugins the block list left out."""
        return list(getattr(self.manager, "blocked", ()))

    @property
    def warnings(self) -> list[str]:
        """Every plugin warning, one line each: skipped plugins, unknown or unmarked hooks.

        For a command line to print on stderr; each was also issued as an
        :class:`~eccar_plan.plugins.EccarPluginWarning`.
        """
        return [*(str(s) for s in self.skipped), *self.notes]

    @property
    def notes(self) -> list[str]:
        """Warnings about plugins in use: unknown hooks, hook functions left unmarked."""
        return list(self._gathered.notes)

    def source(self, plugin: object) -> PluginSource:
        """Where the registered *plugin* (the object, or its name) comes from."""
        name = plugin if isinstance(plugin, str) else self.manager.get_name(plugin)
        if name is None:
            return PluginSource(repr(plugin))
        builtin = name in BUILTIN_PLUGINS
        sources: Mapping[str, PluginSource] = getattr(self.manager, "sources", {})
        if name in sources:
            return sources[name]
        registered = self.manager.get_plugin(name)
        for candidate, dist in self.manager.list_plugin_distinfo():
            if candidate is registered:
                return PluginSource(name, dist.project_name, dist.version, builtin=builtin)
        return PluginSource(name, builtin=builtin)

    def plugin_label(self, plugin: object) -> str:
        """The plugin's name, with its distribution and version when it was installed."""
        return str(self.source(plugin))

    def active(self) -> list[PluginSource]:
        """The plugins in use, built-in ones first, then the others by name (not skipped ones)."""
        skipped = {s.source.name for s in self._gathered.skipped}
        sources = [
            self.source(name)
            for name, plugin in self.manager.list_name_plugin()
            if plugin is not None and name not in skipped
        ]
        return sorted(sources, key=lambda s: (not s.builtin, "" if s.builtin else s.name))

    def hooks_of(self, name: str) -> list[str]:
        """The hooks the plugin *name* implements, sorted."""
        return list(self._gathered.hooks.get(name, []))

    def contributions_of(self, name: str) -> dict[str, list[str]]:
        """What the plugin *name* contributes: contribution key → record names, sorted."""
        found = self._gathered.contributed.get(name, {})
        return {c.key: sorted(found.get(c.key, [])) for c in CONTRIBUTIONS}

    def check_scopes_of(self, name: str) -> dict[str, str]:
        """The checks the plugin *name* contributes, each with the plans it applies to in words
        (``every plan``, ``plans that require eccar-plan-roeselare`` …)."""
        checks = self.checks
        return {check: str(checks[check].scope) for check in self.contributions_of(name)["checks"]}

    def requirement_problem(self, distribution: str, specifier: str | None = None) -> str | None:
        """``None`` when a plugin of *distribution* is in use at a version *specifier* allows;
        otherwise why not, as the end of a sentence ("which is not installed (pip install …)")."""
        wanted = canonical_name(distribution)
        spec = SpecifierSet(specifier or "")
        needed = f"{distribution}{specifier or ''}"
        install = f"pip install {shlex.quote(needed)}"

        def matches(source: PluginSource) -> bool:
            return source.distribution is not None and canonical_name(source.distribution) == wanted

        for source in self.active():
            if matches(source):
                if _version_allowed(source.version, spec):
                    return None
                return f"but version {source.version} is installed ({install})"
        for skipped in self.skipped:
            if matches(skipped.source):
                return f"which is installed but was skipped: {skipped.reason}"
        for blocked in self.blocked:
            if matches(blocked):
                return f"which is installed but blocked by {BLOCK_PLUGINS}"
        try:
            installed = importlib.metadata.distribution(distribution)
        except importlib.metadata.PackageNotFoundError:
            return f"which is not installed ({install})"
        version = installed.version
        if not any(point.group == ENTRY_POINT_GROUP for point in installed.entry_points):
            return (
                f"but {installed.name} {version} is not an eccar-plan plugin "
                f"(it declares no entry point in the group {ENTRY_POINT_GROUP})"
            )
        if not _version_allowed(version, spec):
            return f"but version {version} is installed ({install})"
        if not getattr(self.manager, "autoload", True):
            return (
                f"which is installed but not loaded: plugin autoloading is off ({DISABLE_AUTOLOAD})"
            )
        return "which is installed but not loaded"

    # -- gathering ------------------------------------------------------------------------------

    @functools.cached_property
    def _gathered(self) -> _Gathered:
        self._in_gather = True
        try:
            return self._gather()
        finally:
            self._in_gather = False

    def _gather(self) -> _Gathered:
        skipped: list[SkippedPlugin] = []
        notes: list[str] = []
        hooks: dict[str, list[str]] = {}
        accepted: list[tuple[PluginSource, dict[str, list[Any]]]] = []
        for name, plugin in self.manager.list_name_plugin():
            if plugin is None:  # blocked in pluggy
                continue
            source = self.source(name)
            callers = self.manager.get_hookcallers(plugin) or []
            hooks[name] = sorted(caller.name for caller in callers)
            for note in _hook_notes(plugin, callers):
                self._note(source, note, notes)
            answers: dict[str, list[Any]] = {}
            try:
                for contribution in CONTRIBUTIONS:
                    if contribution.hook in hooks[name]:
                        answers[contribution.key] = self._call(plugin, source, contribution)
            except _HookFailure as failure:
                if source.builtin:
                    raise PluginError(
                        f"built-in plugin {source}: {failure.reason}"
                    ) from failure.error
                entry = SkippedPlugin(source, failure.reason, failure.hook, failure.error)
                if self._trace is not None:
                    self._trace(f"{failure.hook} of {source} failed: {failure.reason}")
                if self.strict:
                    raise PluginError(f"plugin {source}: {failure.reason}") from failure.error
                skipped.append(entry)
                _warn(str(entry))
                continue
            accepted.append((source, answers))
        records: dict[str, dict[str, Any]] = {}
        contributed: dict[str, dict[str, list[str]]] = {}
        for contribution in CONTRIBUTIONS:
            found: dict[str, tuple[Any, PluginSource]] = {}
            for source, answers in accepted:
                for record in (_bound(r, source) for r in answers.get(contribution.key, [])):
                    record_name = getattr(record, contribution.name_attribute)
                    if record_name in found:
                        raise PluginError(
                            f"{contribution.what} {record_name!r} is contributed by both "
                            f"{found[record_name][1]} and {source}"
                        )
                    found[record_name] = (record, source)
                    names = contributed.setdefault(source.name, {})
                    names.setdefault(contribution.key, []).append(record_name)
            records[contribution.key] = {n: found[n][0] for n in sorted(found)}
        return _Gathered(records, contributed, hooks, skipped, notes)

    def _note(self, source: PluginSource, note: str, notes: list[str]) -> None:
        message = f"plugin {source} {note}"
        if self.strict:
            raise PluginError(message)
        notes.append(message)
        _warn(message)

    def _call(self, plugin: object, source: PluginSource, contribution: Contribution) -> list[Any]:
        """Call one plugin's hook through pluggy, and check what it gives."""
        hook, kind = contribution.hook, contribution.kind
        others = [
            p for _, p in self.manager.list_name_plugin() if p is not None and p is not plugin
        ]
        started = time.perf_counter()
        try:
            try:
                caller = self.manager.subset_hook_caller(hook, others)
            except TypeError:  # a plugin object that cannot be hashed: call it directly
                impls = getattr(self.manager.hook, hook).get_hookimpls()
                answers = [i.function() for i in impls if i.plugin is plugin]
            else:
                answers = caller()
            answer = answers[0] if answers else None
            if answer is None:
                records: list[Any] = []
            elif isinstance(answer, kind):
                raise _HookFailure(
                    hook,
                    f"its hook {hook} returned one {kind.__name__}, not an iterable of them "
                    "(yield it, or return a list)",
                )
            elif not isinstance(answer, Iterable) or isinstance(answer, str | bytes):
                raise _HookFailure(
                    hook,
                    f"its hook {hook} must return an iterable of {kind.__name__} records, "
                    f"not a {type(answer).__name__}",
                )
            else:
                records = list(answer)
        except _HookFailure:
            raise
        except Exception as error:  # any error of the plugin's own code
            raise _HookFailure(hook, f"its hook {hook} raised {_describe(error)}", error) from error
        for record in records:
            if not isinstance(record, kind):
                raise _HookFailure(
                    hook, f"its hook {hook} gave a {type(record).__name__}, not a {kind.__name__}"
                )
        if self._trace is not None:
            names = ", ".join(str(getattr(r, contribution.name_attribute)) for r in records)
            count = f"{len(records)} {contribution.what if len(records) == 1 else contribution.key}"
            elapsed = (time.perf_counter() - started) * 1000
            self._trace(
                f"{hook} of {source} gave {count.replace('_', ' ')}"
                f"{': ' + names if names else ''} ({elapsed:.1f} ms)"
            )
        return records


def _bound(record: Any, source: PluginSource) -> Any:
    """A check whose scope is its own plugin's plans, bound to the plugin's distribution."""
    if (
        isinstance(record, Check)
        and record.scope.kind is ScopeKind.PLUGIN
        and record.scope.value is None
        and source.distribution is not None
    ):
        return attrs.evolve(record, scope=attrs.evolve(record.scope, value=source.distribution))
    return record


def _hook_notes(plugin: object, callers: Iterable[pluggy.HookCaller]) -> Iterator[str]:
    """Hooks a plugin implements that eccar-plan does not know, and hook functions it forgot to
    mark with ``@eccar_plan.hookimpl`` (pluggy ignores those silently)."""
    known = {c.hook for c in CONTRIBUTIONS}
    implemented = set()
    for caller in callers:
        implemented.add(caller.name)
        if not caller.has_spec():
            hint = did_you_mean(caller.name, sorted(known)) or " (one of a newer eccar-plan?)"
            yield f"implements {caller.name}, which is not an eccar-plan hook{hint}; it is ignored"
    for hook in sorted(known - implemented):
        if callable(getattr(plugin, hook, None)) and not isinstance(plugin, type):
            yield (
                f"defines {hook} without @eccar_plan.hookimpl; it is ignored "
                "(mark it with the decorator)"
            )


def _version_allowed(version: str | None, spec: SpecifierSet) -> bool:
    if not str(spec):
        return True
    if version is None:
        return False
    try:
        return spec.contains(Version(version), prereleases=True)
    except InvalidVersion:
        return False


# -- the plugins of this process -----------------------------------------------------------------

_CURRENT: contextvars.ContextVar[Plugins | None] = contextvars.ContextVar(
    "eccar_plan_plugins", default=None
)


@functools.cache
def _process_plugins(strict: bool) -> Plugins:
    return Plugins(get_plugin_manager(strict=strict))


class _PluginsGetter(Protocol):
    def __call__(self, *, strict: bool | None = None) -> Plugins: ...

    def cache_clear(self) -> None: ...


def _get_plugins(*, strict: bool | None = None) -> Plugins:
    """The plugins of this process: built once, with the environment's settings.

    *strict* defaults to whether ``ECCAR_PLAN_STRICT_PLUGINS`` is on. Inside
    :func:`~eccar_plan.plugins.use_plugins`, the plugins given to it instead.
    ``get_plugins.cache_clear()`` forgets the plugins built.
    """
    current = _CURRENT.get()
    if current is not None:
        return current
    return _process_plugins(_flag(STRICT_PLUGINS) if strict is None else strict)


_get_plugins.__name__ = _get_plugins.__qualname__ = "get_plugins"
_get_plugins.cache_clear = _process_plugins.cache_clear  # type: ignore[attr-defined]
get_plugins = cast(_PluginsGetter, _get_plugins)


@contextlib.contextmanager
def use_plugins(plugins: Plugins) -> Iterator[Plugins]:
    """Make :func:`~eccar_plan.get_plugins` (and the command line) use *plugins* in the block.

    For tests and for programs that run commands with plugins of their own choosing.
    """
    token = _CURRENT.set(plugins)
    try:
        yield plugins
    finally:
        _CURRENT.reset(token)


# -- reporting and tracing -----------------------------------------------------------------------


def plugins_report(plugins: Plugins, *, as_json: bool = False) -> str:
    """Every plugin in use, with its distribution, hooks and contributions; then the skipped
    and blocked ones. Text for people, or JSON (*as_json*) for programs; ends with a newline.

    In strict mode a broken plugin raises :class:`~eccar_plan.PluginError` instead.
    """
    active = plugins.active()
    rows = [
        {
            "name": source.name,
            "distribution": source.distribution,
            "version": source.version,
            "entry_point": source.entry_point,
            "builtin": source.builtin,
            "hooks": plugins.hooks_of(source.name),
            "contributes": plugins.contributions_of(source.name),
            "check_scopes": plugins.check_scopes_of(source.name),
        }
        for source in active
    ]
    skipped = [
        {
            "name": s.source.name,
            "distribution": s.source.distribution,
            "version": s.source.version,
            "hook": s.hook,
            "error": s.reason,
        }
        for s in plugins.skipped
    ]
    blocked = [
        {"name": b.name, "distribution": b.distribution, "version": b.version}
        for b in plugins.blocked
    ]
    if as_json:
        data = {"plugins": rows, "skipped": skipped, "blocked": blocked, "notes": plugins.notes}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    lines: list[str] = []
    for source in active:
        origin = f"{source.distribution} {source.version}" if source.distribution else "registered"
        lines.append(f"{source.name}  ({'built in, ' if source.builtin else ''}{origin})")
        lines.append(_wrapped("hooks", plugins.hooks_of(source.name)))
        contributes = plugins.contributions_of(source.name)
        scopes = plugins.check_scopes_of(source.name)
        for contribution in CONTRIBUTIONS:
            names = contributes[contribution.key]
            if contribution.key == "checks":  # a check for some plans only says which
                names = [n if scopes[n] == "every plan" else f"{n} ({scopes[n]})" for n in names]
            if names:
                lines.append(_wrapped(contribution.key.replace("_", " "), names))
    for entry in plugins.skipped:
        lines.append(f"skipped: {entry.source}: {entry.reason}")
    for source in plugins.blocked:
        lines.append(f"blocked: {source} ({BLOCK_PLUGINS})")
    return "\n".join(lines) + "\n"


def _wrapped(label: str, names: list[str]) -> str:
    text = f"{label}: {', '.join(names) or '-'}"
    return textwrap.fill(
        text, width=100, initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False
    )


def enable_tracing(plugins: Plugins, stream: TextIO | None = None) -> Callable[[], None]:
    """Write each hook call and a summary of its result to *stream* (default: standard error).

    Uses pluggy's hook-call monitoring, so every call through the plugin manager is seen; writes
    first how long each installed plugin took to load. Returns a function that stops tracing.
    """

    def write(line: str) -> None:
        (stream or sys.stderr).write(f"trace: {line}\n")

    manager = plugins.manager
    for name, seconds in getattr(manager, "load_times", {}).items():
        write(f"loaded {plugins.source(name)} in {seconds * 1000:.1f} ms")

    def before(hook: str, impls: Sequence[pluggy.HookImpl], kwargs: Mapping[str, Any]) -> None:
        arguments = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
        called = ", ".join(str(plugins.source(impl.plugin)) for impl in impls) or "no plugin"
        write(f"{hook}({arguments}) called on {called}")

    def after(
        outcome: pluggy.Result[Any],
        hook: str,
        impls: Sequence[pluggy.HookImpl],
        kwargs: Mapping[str, Any],
    ) -> None:
        if plugins._in_gather:  # the gathering writes what the records are, or what failed
            return
        if outcome.exception is not None:
            write(f"{hook} raised {_describe(outcome.exception)}")
        else:
            result = outcome.get_result()
            count = len(result) if isinstance(result, list) else 1
            write(f"{hook} returned {count} answer{'s' * (count != 1)}")

    undo = manager.add_hookcall_monitoring(before, after)
    plugins._trace = write

    def stop() -> None:
        undo()
        plugins._trace = None

    return stop
