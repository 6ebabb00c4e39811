"""The plan as a graph: one node per object, typed edges between them (networkx).

The graph is for analysis, never storage: :func:`plan_graph` builds it from a loaded plan on
first use. Node ids are stable strings — ``chapter:2``, ``objective:2.3``, ``action:2.3.a``,
``actor:unia``, ``commitment:eccar-2004:2``, ``example-action:eccar-2004:2/data-collection``,
``instrument:…``, ``sdg:10.3``, ``term:principles:participation`` — so exports are diffable.

Edges point from the object that states the relation to the one it names: an action
``depends_on`` the action it needs, an objective ``implements`` an example action, an action
``involves`` an actor. :func:`export_graph` writes the graph (or a :func:`focus` of it) as
GraphML, GEXF, DOT, Mermaid or node-link JSON; these are report formats too (``graph-dot`` …).
"""

from __future__ import annotations

from ._graph.build import (
    EdgeKind,
    build_graph,
    dependency_graph,
    edges_of_kind,
    nodes_of_kind,
    plan_graph,
    timing_of,
)
from ._graph.focus import focus
from ._ids import NodeKind, node_id
from ._reports.graph_formats import GRAPH_FORMATS, export_graph, plain_graph

__all__ = [
    "GRAPH_FORMATS",
    "EdgeKind",
    "NodeKind",
    "build_graph",
    "dependency_graph",
    "edges_of_kind",
    "export_graph",
    "focus",
    "node_id",
    "nodes_of_kind",
    "plain_graph",
    "plan_graph",
    "timing_of",
]
