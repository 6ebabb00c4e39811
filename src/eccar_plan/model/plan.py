"""Deprecated: the models are in :mod:`eccar_plan.model` (this module goes in 0.3)."""

from eccar_plan._deprecation import moved_names

__getattr__ = moved_names(__name__, "eccar_plan.model", ["PluginRequirement"])
