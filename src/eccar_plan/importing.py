"""Deprecated: :func:`eccar_plan.import_plan` imports spreadsheets (this module goes in 0.3)."""

from eccar_plan._deprecation import moved_names

__getattr__ = moved_names(__name__, "eccar_plan", ["import_plan"])
