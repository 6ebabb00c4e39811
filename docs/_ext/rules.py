"""A small local Sphinx extension: the reference of the checks, generated from the code.

The directive ``eccar-rules`` renders every check that the built-in plugins contribute
(``Plugins(get_plugin_manager(autoload=False)).checks``): a table of all rules (id, severity,
summary), then one section per rule with its severity, its summary, the function that implements
it, the templates of its messages and of its advice (read from the function's source by
``finding_templates``) and that function's docstring, which says what the rule finds and why it
matters. Each section can be linked to as ``rule-<id>`` (``{ref}`rule-dependency-cycle```).

The docstrings are read in a small markup that reads the same in reStructuredText and Markdown:
paragraphs, lists of ``- `` items, ````literal````, ``*emphasis*`` and ``**strong**``. The
nodes are built here rather than parsed, so the directive works in both MyST and rST pages.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from collections.abc import Iterable
from typing import Any

from docutils import nodes
from finding_templates import finding_templates
from sphinx.util.docutils import SphinxDirective

from eccar_plan import Check

__all__ = ["render_rules", "rule_target", "setup"]

_INLINE = re.compile(r"(``.+?``|\*\*[^*]+?\*\*|\*[^*\s][^*]*?\*)")


def rule_target(rule: str) -> str:
    """The id of a rule's section, for links: ``rule-dependency-cycle``."""
    return f"rule-{rule}"


def render_rules(checks: Iterable[Check]) -> list[nodes.Node]:
    """The reference of *checks*: a summary table and one section per check, sorted by id."""
    ordered = sorted(checks, key=lambda check: check.id)
    return [_table(ordered), *(_section(check) for check in ordered)]


def _table(checks: list[Check]) -> nodes.table:
    table = nodes.table(classes=["eccar-rules"])
    group = nodes.tgroup(cols=3)
    table += group
    for width in (30, 10, 60):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row([nodes.Text("rule"), nodes.Text("severity"), nodes.Text("checks that …")])
    group += head
    body = nodes.tbody()
    for check in checks:
        link = nodes.reference("", "", internal=True, refid=rule_target(check.id))
        link += nodes.literal(text=check.id)
        body += _row([link, nodes.Text(str(check.severity)), *_inline(check.summary)])
    group += body
    return table


def _row(cells: list[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        paragraph = nodes.paragraph()
        paragraph += cell
        entry += paragraph
        row += entry
    return row


def _section(check: Check) -> nodes.section:
    section = nodes.section(ids=[rule_target(check.id)], names=[rule_target(check.id)])
    title = nodes.title()
    title += nodes.literal(text=check.id)
    section += title
    facts = nodes.field_list()
    function = check.function
    where = f"{function.__module__}.{getattr(function, '__qualname__', repr(function))}"
    templates = _templates(function)
    for name, value in (
        ("Severity", [nodes.Text(str(check.severity))]),
        ("Checks that", _inline(check.summary)),
        ("Function", [nodes.literal(text=where)]),
        ("Says", _listed(templates["message"])),
        ("Advises", _listed(templates["advice"])),
    ):
        if not value:
            continue
        field = nodes.field()
        field += nodes.field_name(text=name)
        body = nodes.field_body()
        paragraph = nodes.paragraph()
        paragraph.extend(value)
        body += paragraph
        field += body
        facts += field
    section += facts
    section.extend(_blocks(inspect.getdoc(function) or ""))
    return section


def _templates(function: Any) -> dict[str, list[str]]:
    """The message and advice templates written in *function*'s own source (its findings'
    outer templates: phrases made by helpers are not listed)."""
    found: dict[str, list[str]] = {"message": [], "advice": []}
    try:
        source = textwrap.dedent(inspect.getsource(function))
    except (OSError, TypeError):  # no source to read: nothing to list
        return found
    for kind, template in finding_templates(ast.parse(source)):
        if template not in found[kind]:
            found[kind].append(template)
    return found


def _listed(templates: list[str]) -> list[nodes.Node]:
    """*templates* as literals, one after the other."""
    parts: list[nodes.Node] = []
    for index, template in enumerate(templates):
        if index:
            parts.append(nodes.Text(" · "))
        parts.append(nodes.literal(text=template))
    return parts


def _blocks(text: str) -> list[nodes.Node]:
    """Paragraphs and ``- `` lists of *text*, as nodes."""
    out: list[nodes.Node] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.splitlines()
        if not lines:
            continue
        if lines[0].startswith("- "):
            items: list[list[str]] = []
            for line in lines:
                if line.startswith("- "):
                    items.append([line[2:]])
                elif items:
                    items[-1].append(line.strip())
            bullets = nodes.bullet_list(bullet="-")
            for item in items:
                entry = nodes.list_item()
                paragraph = nodes.paragraph()
                paragraph.extend(_inline(" ".join(item)))
                entry += paragraph
                bullets += entry
            out.append(bullets)
        else:
            paragraph = nodes.paragraph()
            paragraph.extend(_inline(" ".join(line.strip() for line in lines)))
            out.append(paragraph)
    return out


def _inline(text: str) -> list[nodes.Node]:
    parts: list[nodes.Node] = []
    for piece in _INLINE.split(text):
        if not piece:
            continue
        if piece.startswith("``") and piece.endswith("``") and len(piece) > 4:
            parts.append(nodes.literal(text=piece[2:-2]))
        elif piece.startswith("**") and piece.endswith("**") and len(piece) > 4:
            parts.append(nodes.strong(text=piece[2:-2]))
        elif piece.startswith("*") and piece.endswith("*") and len(piece) > 2:
            parts.append(nodes.emphasis(text=piece[1:-1]))
        else:
            parts.append(nodes.Text(piece))
    return parts


class RulesDirective(SphinxDirective):
    """``eccar-rules``: the reference of the built-in checks."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from eccar_plan.plugins import Plugins, get_plugin_manager

        checks = Plugins(get_plugin_manager(autoload=False)).checks
        rendered = render_rules(checks.values())
        for node in rendered:
            if isinstance(node, nodes.section):
                self.state.document.note_explicit_target(node, node)
        return rendered


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("eccar-rules", RulesDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
