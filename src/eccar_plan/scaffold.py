"""Deprecated: :func:`eccar_plan.new_city` writes a new city's plugin (this module goes in 0.3)."""

from eccar_plan._deprecation import moved_names

__getattr__ = moved_names(__name__, "eccar_plan", ["new_city"])
