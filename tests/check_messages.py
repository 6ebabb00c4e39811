"""The templates of the built-in checks' messages and advice, read from the code.

The message templates are the literals given to ``make_finding`` (its third argument) and to
``Phrase`` (its first); the advice those of ``advice=`` and of assignments to ``advice``. The
catalog tests use them to find every message the catalogs must translate.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import eccar_plan

PACKAGE = Path(eccar_plan.__file__).parent
MODULES = [*sorted((PACKAGE / "_rules").glob("*.py")), PACKAGE / "_checking.py"]
"""The modules that make the built-in findings."""


def _literals(node: ast.AST) -> Iterator[str]:
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            yield child.value


def _templates(tree: ast.AST) -> Iterator[tuple[str, str]]:
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
        targets = node.targets if isinstance(node, ast.Assign) else []
        if any(isinstance(t, ast.Name) and t.id == "advice" for t in targets):
            assert isinstance(node, ast.Assign)
            yield from (("advice", t) for t in _literals(node.value))


def check_templates(kind: str | None = None) -> set[str]:
    """Every template of the built-in findings (*kind*: only ``message`` or ``advice`` ones)."""
    found: set[str] = {"and"}  # the word that joins a list of values
    for module in MODULES:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        found.update(t for k, t in _templates(tree) if kind in (None, k))
    return found if kind is None else found - {"and"}
