"""Deprecated: graph export and focus are in :mod:`eccar_plan.graph` (this module goes in 0.3)."""

from eccar_plan._deprecation import moved_names

__getattr__ = moved_names(
    __name__, "eccar_plan.graph", ["GRAPH_FORMATS", "export_graph", "focus", "plain_graph"]
)
