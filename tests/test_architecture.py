"""The shape of the package: no import cycle, a thin lazy API, plugins on the public API only.

The layers themselves are import-linter contracts in ``pyproject.toml`` (``lint-imports``, run
by ``make test``); these tests add what a layers contract cannot say.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import grimp
import networkx as nx
import pytest

import eccar_plan

ROOT = Path(__file__).resolve().parents[1]
ALLOWED = {("eccar_plan._document", "eccar_plan.graph")}
"""Imports allowed to go upwards: the deprecated ``PlanDocument.graph`` (goes in 0.3)."""


def _imports() -> nx.DiGraph:
    graph = grimp.build_graph("eccar_plan", include_external_packages=False, cache_dir=None)
    imports = nx.DiGraph()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if (module, imported) not in ALLOWED:
                imports.add_edge(module, imported)
    return imports


def test_no_import_cycle_even_under_type_checking() -> None:
    cycles = list(nx.simple_cycles(_imports()))
    assert cycles == []


def test_no_module_imports_the_package_root() -> None:
    # the root imports everything (lazily, and under TYPE_CHECKING): importing it would be a cycle
    importers = sorted(_imports().predecessors("eccar_plan"))
    assert importers == []


def _fresh_modules(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_hookimpl_imports_nothing_but_pluggy() -> None:
    loaded = _fresh_modules("from eccar_plan import hookimpl")
    ours = {m for m in loaded if m.startswith("eccar_plan")}
    assert ours == {"eccar_plan", "eccar_plan._version", "eccar_plan.hookspecs"}
    heavy = {"pydantic", "yaml", "attrs", "networkx", "jinja2", "babel", "openpyxl", "docx"}
    assert heavy.isdisjoint(loaded)
    assert "pluggy" in loaded


def test_the_command_line_starts_without_the_library() -> None:
    loaded = _fresh_modules("import eccar_plan.cli")
    assert {"pydantic", "yaml", "networkx", "pluggy"}.isdisjoint(loaded)


def test_validating_loads_no_report_library() -> None:
    loaded = _fresh_modules(
        "from eccar_plan.cli import main\n"
        f"main(['validate', {str(ROOT / 'examples' / 'small-city')!r}])"
    )
    assert {"networkx", "jinja2", "babel", "openpyxl", "docx", "weasyprint"}.isdisjoint(loaded)
    assert "ruamel.yaml" not in loaded  # import --into only (issue 11)


def test_every_public_name_of_the_package_resolves() -> None:
    for name in eccar_plan.__all__:
        assert getattr(eccar_plan, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = eccar_plan.nothing


_PRIVATE = re.compile(r"\beccar_plan(?:\.\w+)*\._\w+")


def _plugin_sources() -> list[Path]:
    files = [*ROOT.glob("plugins/*/src/**/*.py"), *ROOT.glob("plugins/*/tests/*.py")]
    return [*files, *ROOT.glob("src/eccar_plan/scaffold_templates/*.tmpl")]


@pytest.mark.parametrize("path", _plugin_sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_plugins_import_no_private_module(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        names = [
            node.module if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in (node.names if isinstance(node, ast.Import) else [node.names[0]])
        ]
        text = "\n".join(name or "" for name in names)
    assert _PRIVATE.findall(text) == []
