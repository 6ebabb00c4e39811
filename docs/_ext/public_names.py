"""Resolve the short names in docstrings of objects documented under another module.

The implementation lives in private modules, and the documentation describes each object under
its public name: ``eccar_plan.WorkItem`` is defined in ``eccar_plan._resolved``. A docstring
names other objects as its own module sees them: the docstring of ``WorkItem.kind`` writes
``NodeKind.OBJECTIVE``, a name of ``eccar_plan._resolved``. Sphinx looks such a name up in the
module the object is documented under (``eccar_plan``), where it does not exist.

This extension looks the name up as Python would, in the module that defines the documented
class, and sends the reference to the documented public name of the object it finds
(``eccar_plan.graph.NodeKind.OBJECTIVE``), through the ``__all__`` of the public modules.
References to the private paths themselves need nothing: autodoc records each object's defining
path as its canonical name. A name with no documented public name stays unresolved, and ``-n``
reports it.
"""

from __future__ import annotations

import importlib
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

__all__ = ["PUBLIC_MODULES", "public_names", "setup"]

PUBLIC_MODULES = (
    "eccar_plan",
    "eccar_plan.model",
    "eccar_plan.graph",
    "eccar_plan.analysis",
    "eccar_plan.reports",
    "eccar_plan.wording",
    "eccar_plan.limits",
    "eccar_plan.plugins",
    "eccar_plan.hookspecs",
    "eccar_plan.schema",
)
"""The modules whose ``__all__`` is public API, in the order their names are preferred."""

_exported: dict[int, tuple[Any, list[str]]] = {}
_MISSING = object()


def public_names(value: Any) -> list[str]:
    """The public names of *value* (``eccar_plan.graph.NodeKind`` …), preferred first."""
    if not _exported:
        for module_name in PUBLIC_MODULES:
            module = importlib.import_module(module_name)
            for name in getattr(module, "__all__", ()):
                exported = getattr(module, name)
                names = _exported.setdefault(id(exported), (exported, []))[1]
                names.append(f"{module_name}.{name}")
    return _exported.get(id(value), (None, []))[1]


def _lookup(parts: list[str]) -> Any:
    """The object at the dotted path *parts*, importing its module; ``_MISSING`` if none."""
    for split in range(len(parts), 0, -1):
        try:
            value: Any = importlib.import_module(".".join(parts[:split]))
        except Exception:  # not a module, or one that cannot be imported here
            continue
        for attribute in parts[split:]:
            value = getattr(value, attribute, _MISSING)
            if value is _MISSING:
                break
        return value
    return _MISSING


def _defining_module(node: pending_xref) -> str | None:
    """The module that defines the class whose documentation holds *node*, when it is not the
    module the class is documented under."""
    documented_in: str = node.get("py:module") or ""
    cls: str = node.get("py:class") or ""
    if not documented_in.startswith("eccar_plan") or not cls:
        return None
    defined = getattr(_lookup([*documented_in.split("."), *cls.split(".")]), "__module__", None)
    if not isinstance(defined, str) or defined == documented_in:
        return None
    return defined if defined.startswith("eccar_plan.") else None


def _resolve(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.reference | None:
    target: str = node.get("reftarget", "")
    module = _defining_module(node) if node.get("refdomain") == "py" else None
    if module is None or target.startswith("eccar_plan."):
        return None
    written = target.split(".")
    documented = env.get_domain("py").objects  # type: ignore[attr-defined]
    # the longest part of the name that is an object with a public name, then the rest of it
    for end in range(len(written), 0, -1):
        value = _lookup([*module.split("."), *written[:end]])
        if value is _MISSING:
            continue
        for public in public_names(value):
            candidate = ".".join([public, *written[end:]])
            if candidate in documented:
                return _reference(app, env, node, contnode, candidate)
    return None


def _reference(
    app: Sphinx,
    env: BuildEnvironment,
    node: pending_xref,
    contnode: nodes.TextElement,
    target: str,
) -> nodes.reference | None:
    """The reference *node* would make if it named *target*, a documented full name."""
    exact = node.deepcopy()
    if "refspecific" in exact:
        del exact["refspecific"]  # a full name: found whatever the type of its object
    found: nodes.reference | None = env.get_domain("py").resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], target, exact, contnode
    )
    return found


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("missing-reference", _resolve)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
