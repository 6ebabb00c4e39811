"""A picture-sized part of the plan's graph: one chapter, everything around one object, or the
dependency chain of one objective or action."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import networkx as nx

from eccar_plan._errors import UsageError
from eccar_plan._ids import NodeKind

from .build import EdgeKind, dependency_graph

__all__ = ["focus"]

_KINDS = {kind.value for kind in NodeKind}
_WORK = (NodeKind.OBJECTIVE.value, NodeKind.ACTION.value)


def focus(graph: nx.MultiDiGraph, spec: str) -> nx.MultiDiGraph:
    """The part of the plan's *graph* around the node *spec*, for a readable picture.

    *spec* is a node id; what is kept depends on its kind:

    - ``chapter:N``: the chapter, its objectives and their actions, and every node these link
      to: the commitment, example actions, actors, instruments, SDG targets, terms, and the
      objectives and actions they depend on or are the same as (those nodes only, not their
      chapters). Nothing else of the plan.
    - ``objective:ID`` or ``action:ID``: its whole dependency chain — everything it depends on,
      transitively through ``depends_on`` (an objective depended on brings its actions and what
      they depend on), and everything that depends on it, transitively (an action is done
      before its objective, so what depends on that objective depends on it too) — and, as
      context, the objective and chapter of each of these. No actors, instruments or other
      links.
    - ``actor:ID``, and any other kind (``instrument:``, ``sdg:``, ``term:``, ``commitment:``,
      ``example-action:``): the node, every node that names it (chapters whose working group
      it is in, actions it is involved in, instruments it owns, members of a body, teams of an
      organisation …), the bodies it is a member of and the organisation it is part of, and
      the objective and chapter of each action or objective kept.

    The result holds the kept nodes and every edge between them, with their attributes, in the
    order of *graph*; its graph attribute ``focus`` is *spec* (the DOT export shows it in the
    title). Raises :class:`~eccar_plan.UsageError` when *spec* is not a node.
    """
    if spec not in graph:
        raise UsageError(_unknown_focus(graph, spec))
    kind = graph.nodes[spec].get("kind")
    if kind == NodeKind.CHAPTER:
        keep = _chapter_focus(graph, spec)
    elif kind in _WORK:
        keep = _chain_focus(graph, spec)
    else:
        keep = _named_focus(graph, spec)
    focused = nx.MultiDiGraph(**{**graph.graph, "focus": spec})
    focused.add_nodes_from((node, data) for node, data in graph.nodes(data=True) if node in keep)
    focused.add_edges_from(
        (source, target, key, data)
        for source, target, key, data in graph.edges(keys=True, data=True)
        if source in keep and target in keep
    )
    return focused


def _children(graph: nx.MultiDiGraph, node: str) -> list[str]:
    return [
        source
        for source, _, key in graph.in_edges(node, keys=True)
        if key == EdgeKind.PART_OF and graph.nodes[source].get("kind") in _WORK
    ]


def _context(graph: nx.MultiDiGraph, nodes: Iterable[str]) -> set[str]:
    """The objective and chapter of each objective or action in *nodes*."""
    found: set[str] = set()
    todo = [n for n in nodes if graph.nodes[n].get("kind") in _WORK]
    while todo:
        node = todo.pop()
        for _, parent, key in graph.out_edges(node, keys=True):
            if key == EdgeKind.PART_OF and parent not in found:
                found.add(parent)
                if graph.nodes[parent].get("kind") in _WORK:
                    todo.append(parent)
    return found


def _chapter_focus(graph: nx.MultiDiGraph, chapter: str) -> set[str]:
    objectives = _children(graph, chapter)
    core = {chapter, *objectives, *(a for o in objectives for a in _children(graph, o))}
    return core | {target for node in core for _, target in graph.out_edges(node)}


def _chain_focus(graph: nx.MultiDiGraph, item: str) -> set[str]:
    work = dependency_graph(graph)
    chain: set[str] = {item} | nx.ancestors(work, item) | nx.descendants(work, item)
    return chain | _context(graph, chain)


def _named_focus(graph: nx.MultiDiGraph, node: str) -> set[str]:
    naming = {source for source, _ in graph.in_edges(node)}
    around = {
        target
        for _, target, key in graph.out_edges(node, keys=True)
        if key in (EdgeKind.MEMBER_OF, EdgeKind.PART_OF)
    }
    return {node} | naming | around | _context(graph, naming)


def _unknown_focus(graph: nx.MultiDiGraph, spec: str) -> str:
    prefix, _, key = spec.partition(":")
    if prefix in _KINDS:  # a known kind: the closest id of that kind
        candidates = {
            n.partition(":")[2]: n for n, d in graph.nodes(data=True) if d.get("kind") == prefix
        }
    else:  # no kind: the closest id of any kind ("unia" → "actor:unia")
        key = spec
        candidates = {}
        for node in sorted(graph, key=_by_kind):
            candidates.setdefault(node.partition(":")[2], node)
    close = difflib.get_close_matches(key, list(candidates), n=1, cutoff=0.6)
    starting = sorted(c for c in candidates if key and c.startswith(key))
    if close:
        hint = f" (did you mean {candidates[close[0]]!r}?)"
    elif starting:
        shown = ", ".join(repr(candidates[c]) for c in starting[:5])
        hint = f" (did you mean {'one of ' if len(starting) > 1 else ''}{shown}?)"
    else:
        hint = ""
    return (
        f"cannot focus on {spec!r}: no such node in the plan's graph{hint}; a focus is a node id"
        " such as 'chapter:2', 'objective:2.3', 'action:2.3.a' or 'actor:ID'"
    )


def _by_kind(node: str) -> tuple[int, str]:
    kinds = list(NodeKind)
    prefix = node.partition(":")[0]
    return (next((i for i, k in enumerate(kinds) if k.value == prefix), len(kinds)), node)
