"""The plan's graph written out: GraphML, GEXF, Graphviz DOT, Mermaid and node-link JSON.

Every format is deterministic: the same plan gives byte-identical output, whatever order the
graph was built in. Nodes are written kind by kind (in :class:`~eccar_plan.graph.NodeKind`
order), objects of the plan in plan order, the others (framework, SDG targets, terms) by id with
numbers compared by value; edges by their source, then their target, then their kind.
"""

from __future__ import annotations

import json
import re
import textwrap
import unicodedata
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from eccar_plan._errors import UsageError
from eccar_plan._formats import ReportContext, Writer
from eccar_plan._graph.build import EdgeKind, plan_graph
from eccar_plan._graph.focus import focus
from eccar_plan._ids import NodeKind
from eccar_plan._load.read import format_path
from eccar_plan._suggest import did_you_mean
from eccar_plan.model import Timing

__all__ = [
    "GRAPH_FORMATS",
    "KIND_RANK",
    "MERMAID_MAX_EDGES",
    "MERMAID_MAX_TEXT_SIZE",
    "export_graph",
    "graph_writer",
    "node_order",
    "plain_graph",
]

GRAPH_FORMATS: tuple[str, ...] = ("graphml", "gexf", "dot", "mermaid", "json")
"""The formats :func:`export_graph` writes."""

KIND_RANK = {kind.value: rank for rank, kind in enumerate(NodeKind)}
"""The rank of each node kind in the order of export."""
_EDGE_RANK = {kind.value: rank for rank, kind in enumerate(EdgeKind)}


# -- export ------------------------------------------------------------------------------------


def export_graph(graph: nx.MultiDiGraph, fmt: str) -> str:
    """The plan's *graph* (or a :func:`focus` of it) as text in the format *fmt*.

    *fmt* is one of :data:`GRAPH_FORMATS`:

    - ``graphml`` and ``gexf``: for graph tools (Gephi, yEd, Cytoscape, networkx), written by
      networkx with every attribute converted as in :func:`plain_graph`; each edge has a unique
      id ``"SOURCE KIND TARGET"``;
    - ``dot``: Graphviz, one shape and colour per node kind and one style per edge kind; labels
      show the node id and its text, shortened to a few lines (the full text is then the
      tooltip);
    - ``mermaid``: a ``flowchart LR`` for Markdown pages; nodes are ``n1``, ``n2`` … in export
      order, labelled with the node id and its shortened text;
    - ``json``: networkx node-link data (``nodes`` and ``edges``), attributes as in
      :func:`plain_graph`, keys sorted.

    Raises :class:`~eccar_plan.UsageError` for an unknown format.
    """
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise UsageError(
            f"unknown graph format {fmt!r}{did_you_mean(fmt, GRAPH_FORMATS)}: "
            f"choose one of {', '.join(GRAPH_FORMATS)}"
        )
    return writer(graph)


def plain_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of *graph* in export order, with attributes that every graph format can hold.

    ``path`` becomes the data path as users read it (``chapters[1].objectives[2]``), ``timing``
    a text such as ``"2020-2025 ongoing"`` or ``"2025 due"``, other values stay strings,
    integers and booleans (anything else becomes its text), and ``None`` values are dropped.
    """
    order = node_order(graph)
    position = {node: index for index, node in enumerate(order)}
    plain = nx.MultiDiGraph(**_plain_attributes(graph.graph))
    for node in order:
        plain.add_node(node, **_plain_attributes(graph.nodes[node]))
    edges = sorted(
        graph.edges(keys=True, data=True),
        key=lambda e: (position[e[0]], position[e[1]], _EDGE_RANK.get(e[3]["kind"], 99), str(e[2])),
    )
    for source, target, key, data in edges:
        plain.add_edge(source, target, key=key, **_plain_attributes(data))
    return plain


def node_order(graph: nx.MultiDiGraph) -> list[str]:
    """The nodes of *graph* in export order: kind by kind, plan objects in plan order."""

    def order(item: tuple[str, Mapping[str, Any]]) -> tuple[Any, ...]:
        node, data = item
        rank = KIND_RANK.get(data.get("kind", ""), len(KIND_RANK))
        path = data.get("path")
        if path is not None:  # an object of the plan: plan order
            return (rank, 0, tuple(_natural(part) for part in path), node)
        return (rank, 1, _natural(node), node)  # by id, numbers by value: 10.2 before 10.10

    return [node for node, _ in sorted(graph.nodes(data=True), key=order)]


def _natural(part: str | int) -> tuple[tuple[int, int | str], ...]:
    """A sort key that orders the numbers inside *part* by value."""
    if isinstance(part, int):
        return ((0, part),)
    return tuple((0, int(t)) if t.isdigit() else (1, t) for t in re.split(r"(\d+)", part) if t)


def _plain_attributes(data: Mapping[str, Any]) -> dict[str, Any]:
    return {key: _plain(key, value) for key, value in data.items() if value is not None}


def _plain(key: str, value: Any) -> str | int | float | bool:
    if key == "path" and isinstance(value, tuple):
        return format_path(value)
    if isinstance(value, Timing):
        return f"{value} {value.meaning.value}"
    if isinstance(value, bool | int | float) and not isinstance(value, str):
        return value
    return str(value)  # also the value of a StrEnum


def _edge_id(source: str, target: str, key: str) -> str:
    return f"{source} {key} {target}"  # ids contain no space: unique, as keys are per pair


# Characters XML 1.0 cannot hold, not even as character references.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(value: Any) -> Any:
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def _xml_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """:func:`plain_graph`, with edge ids and U+FFFD for characters XML cannot hold."""
    plain = plain_graph(graph)
    for data in (plain.graph, *(d for _, d in plain.nodes(data=True))):
        data.update({key: _xml_text(value) for key, value in data.items()})
    for source, target, key, data in plain.edges(keys=True, data=True):
        data.update({k: _xml_text(value) for k, value in data.items()})
        data["id"] = _edge_id(source, target, key)
    return plain


_XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'
_CHARACTER_REFERENCE = re.compile(r"&#(\d+);")


def _utf8(xml: str) -> str:
    """*xml* with its non-ASCII character references (networkx writes ``&#233;``) as text.

    References below 128 (``&#10;``, a line break in an attribute) must stay.
    """
    return _CHARACTER_REFERENCE.sub(lambda m: chr(int(m[1])) if int(m[1]) >= 128 else m[0], xml)


def _graphml(graph: nx.MultiDiGraph) -> str:
    lines = nx.generate_graphml(_xml_graph(graph), edge_id_from_attribute="id")
    return _utf8("\n".join([_XML_DECLARATION, *lines])) + "\n"


def _gexf(graph: nx.MultiDiGraph) -> str:
    plain = _xml_graph(graph)
    name = " ".join(str(plain.graph[k]) for k in ("city", "framework") if k in plain.graph)
    plain.graph["name"] = name
    text = "\n".join(nx.generate_gexf(plain, encoding="utf-8", prettyprint=True))
    # networkx stamps today's date and its own version: neither belongs in a diffable export.
    text = re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)
    text = re.sub(r"<creator>[^<]*</creator>", "<creator>eccar-plan</creator>", text, count=1)
    return f"{_XML_DECLARATION}\n{_utf8(text)}\n"


def _json(graph: nx.MultiDiGraph) -> str:
    plain = plain_graph(graph)
    try:
        data = nx.node_link_data(plain, edges="edges")
    except TypeError:  # networkx < 3.4 names the argument "link"
        data = nx.node_link_data(plain, link="edges")
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# -- labels for pictures -----------------------------------------------------------------------

_LABEL_WIDTH = 32
_LABEL_LINES = 4


def _printable(text: str) -> str:
    """*text* with line breaks as ``\\n`` and other control characters as U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        "\ufffd" if c not in "\n\t" and unicodedata.category(c) in ("Cc", "Cs") else c for c in text
    )


def _display_lines(text: str) -> list[str]:
    """*text* wrapped into a few short lines; shortened with " …" when it is longer."""
    lines: list[str] = []
    for paragraph in _printable(text).split("\n"):
        lines.extend(
            textwrap.wrap(paragraph, _LABEL_WIDTH, break_on_hyphens=False, expand_tabs=False)
        )
    if len(lines) > _LABEL_LINES:
        last = lines[_LABEL_LINES - 1][: _LABEL_WIDTH - 2].rstrip()
        lines = [*lines[: _LABEL_LINES - 1], f"{last} …"]
    return lines


def _shortened(text: str, lines: list[str]) -> bool:
    return "\n".join(lines) != _printable(text)


# -- Graphviz DOT ------------------------------------------------------------------------------

_DOT_NODE_STYLES: dict[str, dict[str, str]] = {
    NodeKind.COMMITMENT: {"shape": "box3d", "fillcolor": "#e0e0e0"},
    NodeKind.EXAMPLE_ACTION: {"shape": "note", "fillcolor": "#f5f5f5"},
    NodeKind.CHAPTER: {"shape": "folder", "fillcolor": "#9ecae1"},
    NodeKind.OBJECTIVE: {"shape": "box", "style": "rounded,filled", "fillcolor": "#c6dbef"},
    NodeKind.ACTION: {"shape": "box", "fillcolor": "#eff3ff"},
    NodeKind.ACTOR: {"shape": "ellipse", "fillcolor": "#c7e9c0"},
    NodeKind.INSTRUMENT: {"shape": "component", "fillcolor": "#fdd0a2"},
    NodeKind.SDG_TARGET: {"shape": "hexagon", "fillcolor": "#fcbba1"},
    NodeKind.TERM: {"shape": "cds", "fillcolor": "#dadaeb"},
}
"""One shape and fill colour per node kind."""

_DOT_EDGE_STYLES: dict[str, dict[str, str]] = {
    EdgeKind.PART_OF: {"color": "#404040", "arrowhead": "empty"},
    EdgeKind.IMPLEMENTS: {"color": "#808080", "style": "dashed", "arrowhead": "onormal"},
    EdgeKind.DEPENDS_ON: {"color": "#cb181d", "penwidth": "2"},
    EdgeKind.SAME_AS: {"color": "#cb181d", "style": "dotted", "arrowhead": "none"},
    EdgeKind.ORGANISED_BY: {"color": "#238b45", "penwidth": "2"},
    EdgeKind.INVOLVES: {"color": "#41ab5d"},
    EdgeKind.MEMBER_OF: {"color": "#41ab5d", "style": "dashed"},
    EdgeKind.USES: {"color": "#d94801"},
    EdgeKind.CONTRIBUTES_TO: {"color": "#ef3b2c", "style": "dashed"},
    EdgeKind.TAGGED: {"color": "#6a51a3", "style": "dotted"},
}
"""One colour and line style per edge kind."""


def _dot_string(text: str) -> str:
    """*text* as a quoted Graphviz string: escaped so that it reads back as *text*.

    ``\\`` and ``"`` are escaped, line breaks become ``\\n`` and ``&`` becomes ``&amp;``
    (Graphviz reads HTML entities in labels); other control characters become U+FFFD.
    """
    escaped = (
        _printable(text)
        .replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("&", "&amp;")
    )
    return f'"{escaped}"'


def _dot_attributes(attributes: Mapping[str, str]) -> str:
    return ", ".join(f"{key}={_dot_string(value)}" for key, value in attributes.items())


def _dot(graph: nx.MultiDiGraph) -> str:
    plain = plain_graph(graph)
    title = " — ".join(str(plain.graph[k]) for k in ("city", "framework") if k in plain.graph)
    if "focus" in plain.graph:
        title += f" — focus: {plain.graph['focus']}"
    lines = [
        "// The graph of an eccar-plan plan. Render it with: dot -Tsvg -o plan.svg plan.dot",
        'digraph "eccar-plan" {',
        f"  graph [{_dot_attributes({'label': title, 'labelloc': 't', 'rankdir': 'LR'})},"
        ' fontname="Helvetica", fontsize="12"];',
        '  node [fontname="Helvetica", fontsize="9", style="filled", margin="0.08,0.04"];',
        '  edge [fontname="Helvetica", fontsize="7"];',
    ]
    for node, data in plain.nodes(data=True):
        text = str(data.get("label", ""))
        shown = _display_lines(text)
        attributes = {"label": "\n".join([node, *shown])}
        attributes.update(_DOT_NODE_STYLES.get(data.get("kind", ""), {}))
        if _shortened(text, shown):
            attributes["tooltip"] = text
        lines.append(f"  {_dot_string(node)} [{_dot_attributes(attributes)}];")
    for source, target, data in plain.edges(data=True):
        attributes = {"label": _edge_label(data["kind"], data)}
        attributes.update(_DOT_EDGE_STYLES.get(data["kind"], {}))
        if "note" in data:
            attributes["tooltip"] = str(data["note"])
        lines.append(
            f"  {_dot_string(source)} -> {_dot_string(target)} [{_dot_attributes(attributes)}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _edge_label(kind: str, data: Mapping[str, Any]) -> str:
    """The kind, with the lead or a working-group role other than a plain member."""
    if data.get("lead") is True:
        return f"{kind} (lead)"
    role = data.get("role")
    if role is not None and role not in ("member", "organiser"):
        return f"{kind} ({role})"
    return str(kind)


# -- Mermaid -----------------------------------------------------------------------------------

_MERMAID_SHAPES: dict[str, tuple[str, str]] = {
    NodeKind.COMMITMENT: ("{{", "}}"),
    NodeKind.EXAMPLE_ACTION: ("[/", "/]"),
    NodeKind.CHAPTER: ("[[", "]]"),
    NodeKind.OBJECTIVE: ("(", ")"),
    NodeKind.ACTION: ("[", "]"),
    NodeKind.ACTOR: ("([", "])"),
    NodeKind.INSTRUMENT: ("[(", ")]"),
    NodeKind.SDG_TARGET: ("((", "))"),
    NodeKind.TERM: (">", "]"),
}
"""One node shape per kind."""

_MERMAID_ARROWS: dict[str, str] = {
    EdgeKind.DEPENDS_ON: "==>",
    EdgeKind.IMPLEMENTS: "-.->",
    EdgeKind.SAME_AS: "-.-",
    EdgeKind.CONTRIBUTES_TO: "-.->",
    EdgeKind.TAGGED: "-.->",
}
"""Arrows other than ``-->``: thick for dependencies, dotted for references to other texts."""

# Mermaid entity codes (#NN;) for what would end or change a quoted label.
_MERMAID_ESCAPES = {c: f"#{ord(c)};" for c in '"#&<>`'}


def _mermaid_text(text: str) -> str:
    """*text* for a quoted Mermaid label: ``" # & < > ` `` as entity codes (``#34;``)."""
    return "".join(_MERMAID_ESCAPES.get(c, c) for c in _printable(text)).replace("\t", " ")


def _mermaid(graph: nx.MultiDiGraph) -> str:
    plain = plain_graph(graph)
    names = {node: f"n{index}" for index, node in enumerate(plain, start=1)}
    lines = ["flowchart LR"]
    classes: dict[str, list[str]] = {}
    for node, data in plain.nodes(data=True):
        kind = str(data.get("kind", ""))
        shown = [node, *_display_lines(str(data.get("label", "")))]
        opening, closing = _MERMAID_SHAPES.get(kind, ("[", "]"))
        label = "<br/>".join(_mermaid_text(line) for line in shown)
        lines.append(f'  {names[node]}{opening}"{label}"{closing}')
        classes.setdefault(kind, []).append(names[node])
    for source, target, data in plain.edges(data=True):
        arrow = _MERMAID_ARROWS.get(data["kind"], "-->")
        label = _mermaid_text(_edge_label(data["kind"], data))
        lines.append(f'  {names[source]} {arrow}|"{label}"| {names[target]}')
    for kind, members in classes.items():
        style = _DOT_NODE_STYLES.get(kind, {})
        name = _mermaid_class(kind)
        lines.append(f"  classDef {name} fill:{style.get('fillcolor', '#ffffff')},stroke:#404040")
        lines.append(f"  class {','.join(members)} {name}")
    text = "\n".join(lines) + "\n"
    _warn_above_mermaid_limits(plain.number_of_edges(), text)
    return text


MERMAID_MAX_EDGES = 500
"""Mermaid's default ``maxEdges``: a flowchart with more edges is refused ("Too many edges").

Mermaid's configuration schema (https://mermaid.js.org/config/schema-docs/config.html,
``maxEdges``, default 500); mermaid-cli and the Markdown renderers that embed Mermaid use it.
"""
MERMAID_MAX_TEXT_SIZE = 50_000
"""Mermaid's default ``maxTextSize``, in characters (JavaScript's, UTF-16 code units): a longer
diagram text is drawn as the error "Maximum text size in diagram exceeded", and mermaid-cli
still exits with 0. Mermaid's configuration schema (``maxTextSize``, default 50000)."""


def _warn_above_mermaid_limits(edges: int, text: str) -> None:
    """Warn, once, when a Mermaid *text* of *edges* edges exceeds Mermaid's default limits."""
    size = len(text.encode("utf-16-le")) // 2  # JavaScript's String.length
    over = []
    if edges > MERMAID_MAX_EDGES:
        over.append(f"{edges:,} edges (maxEdges {MERMAID_MAX_EDGES:,})")
    if size > MERMAID_MAX_TEXT_SIZE:
        over.append(f"{size:,} characters (maxTextSize {MERMAID_MAX_TEXT_SIZE:,})")
    if over:
        warnings.warn(
            f"the Mermaid graph has {' and '.join(over)}, more than Mermaid draws by default: "
            "draw a part of the plan with --focus NODE (in a report: --option focus=NODE), "
            "e.g. chapter:1",
            UserWarning,
            stacklevel=2,
        )


def _mermaid_class(kind: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "_", kind) or "other"


_WRITERS: dict[str, Callable[[nx.MultiDiGraph], str]] = {
    "graphml": _graphml,
    "gexf": _gexf,
    "dot": _dot,
    "mermaid": _mermaid,
    "json": _json,
}


# -- the graph formats as report formats -------------------------------------------------------


def graph_writer(fmt: str) -> Writer:
    """The writer of the report format ``graph-<fmt>``: the plan's graph, or the part its
    option ``focus`` names (:func:`~eccar_plan.graph.focus`), in the graph format *fmt*."""

    def write(context: ReportContext, target: Path) -> None:
        graph = plan_graph(context.document)
        spec = context.options.get("focus")
        if isinstance(spec, str) and spec:
            graph = focus(graph, spec)
        target.write_text(export_graph(graph, fmt), encoding="utf-8")

    write.__qualname__ = write.__name__ = f"write_graph_{fmt}"
    return write


write_graph_graphml = graph_writer("graphml")
write_graph_gexf = graph_writer("gexf")
write_graph_dot = graph_writer("dot")
write_graph_mermaid = graph_writer("mermaid")
write_graph_json = graph_writer("json")
