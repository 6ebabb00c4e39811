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

from eccar_plan.plugins._discovery import (
    BLOCK_PLUGINS,
    BUILTIN_PLUGINS,
    DISABLE_AUTOLOAD,
    ENTRY_POINT_GROUP,
    STRICT_PLUGINS,
    EccarPluginWarning,
    PluginManager,
    PluginSource,
    SkippedPlugin,
    get_plugin_manager,
    installed_entry_points,
)
from eccar_plan.plugins._gathering import (
    CONTRIBUTIONS,
    Contribution,
    Plugins,
    get_plugins,
    use_plugins,
)
from eccar_plan.plugins._presentation import enable_tracing, plugins_report

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
