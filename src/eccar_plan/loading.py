"""Deprecated: the limits are in :mod:`eccar_plan.limits` (this module goes in 0.3)."""

from eccar_plan._deprecation import moved_names

__getattr__ = moved_names(
    __name__, "eccar_plan.limits", ["MAX_DEPTH", "MAX_FILE_BYTES", "MAX_NODES"]
)
