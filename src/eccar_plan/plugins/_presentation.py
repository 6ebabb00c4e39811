"""The plugins shown to people and programs: ``eccar-plan plugins`` and ``--trace``."""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TextIO

import pluggy

from eccar_plan.plugins._discovery import BLOCK_PLUGINS, describe
from eccar_plan.plugins._gathering import CONTRIBUTIONS, Plugins

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
            write(f"{hook} raised {describe(outcome.exception)}")
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
