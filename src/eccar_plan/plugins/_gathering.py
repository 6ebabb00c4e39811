"""What plugins contribute: the hooks called together, the records checked, bound and sorted,
and the plugins of this process.

One module on purpose: every contribution goes through the same call-isolate-check-bind steps,
and splitting them per hook would copy those steps.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import importlib
import importlib.metadata
import shlex
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Protocol, cast

import attrs
import pluggy
from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

from eccar_plan._document import Catalogue, Check, ScopeKind, canonical_name
from eccar_plan._errors import PluginError
from eccar_plan._formats import ReportFormat
from eccar_plan._suggest import did_you_mean
from eccar_plan.model import ActorDirectory, Framework, FrameworkWording, Taxonomy
from eccar_plan.plugins._discovery import (
    BLOCK_PLUGINS,
    BUILTIN_PLUGINS,
    DISABLE_AUTOLOAD,
    ENTRY_POINT_GROUP,
    STRICT_PLUGINS,
    PluginSource,
    SkippedPlugin,
    describe,
    flag,
    get_plugin_manager,
    warn,
)

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
            "eccar_framework_wordings": FrameworkWording,
            "eccar_checks": Check,
        }[self.hook]


CONTRIBUTIONS = (
    Contribution("eccar_frameworks", "framework", "frameworks", "id"),
    Contribution("eccar_actor_directories", "actor directory", "actor_directories", "id"),
    Contribution("eccar_taxonomies", "taxonomy", "taxonomies", "id"),
    Contribution("eccar_framework_wordings", "framework wording", "framework_wordings", "id"),
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
        self.strict: bool = flag(STRICT_PLUGINS) if strict is None else strict
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
    def framework_wordings(self) -> dict[str, FrameworkWording]:
        """Cities' wordings of frameworks' texts by id (those that match an installed
        framework; the others were left out with a warning)."""
        return self._gathered.records["framework_wordings"]

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
            framework_wordings=self.framework_wordings,
            wording_plugins={
                wording: distribution
                for name in self._gathered.contributed
                for wording in self.contributions_of(name)["framework_wordings"]
                if (distribution := self.source(name).distribution) is not None
            },
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
                warn(str(entry))
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
        frameworks = records["frameworks"]
        for name, wording in list(records["framework_wordings"].items()):
            problems = wording.problems_with(frameworks.get(wording.framework))
            if problems:
                owner = next(
                    p for p, c in contributed.items() if name in c.get("framework_wordings", [])
                )
                self._note(
                    self.source(owner),
                    f"gives the framework wording {name!r}, which is left out: "
                    + "; ".join(problems),
                    notes,
                )
                del records["framework_wordings"][name]
                contributed[owner]["framework_wordings"].remove(name)
        return _Gathered(records, contributed, hooks, skipped, notes)

    def _note(self, source: PluginSource, note: str, notes: list[str]) -> None:
        message = f"plugin {source} {note}"
        if self.strict:
            raise PluginError(message)
        notes.append(message)
        warn(message)

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
            raise _HookFailure(hook, f"its hook {hook} raised {describe(error)}", error) from error
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
    return _process_plugins(flag(STRICT_PLUGINS) if strict is None else strict)


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
