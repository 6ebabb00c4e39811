"""The templates of the findings a piece of code makes, read from its source (no Sphinx needed).

A message template is a literal given to ``make_finding`` (its third argument) or to ``Phrase``
(its first); an advice template one given as ``advice=`` or a literal assigned to ``advice``.
The rules reference (``rules.py``) lists each rule's; the catalog tests
(``tests/check_messages.py``) use them to find every message the catalogs must translate.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

__all__ = ["finding_templates"]


def _literals(node: ast.AST) -> Iterator[str]:
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            yield child.value


def finding_templates(tree: ast.AST) -> Iterator[tuple[str, str]]:
    """``("message", template)`` and ``("advice", template)`` for every template in *tree*, in
    the order of the source."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name == "Phrase" and node.args:
                yield from (("message", t) for t in _literals(node.args[0]))
            if name == "make_finding":
                if len(node.args) > 2:
                    yield from (("message", t) for t in _literals(node.args[2]))
                for keyword in node.keywords:
                    if keyword.arg == "advice":
                        yield from (("advice", t) for t in _literals(keyword.value))
        if (
            isinstance(node, ast.Assign)
            and any(
                isinstance(target, ast.Name) and target.id == "advice" for target in node.targets
            )
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            yield "advice", node.value.value
