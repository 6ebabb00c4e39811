"""The templates of the built-in checks' messages and advice, read from the code of the rules,
of ``_checking`` (unused-silence) and of ``wording`` (a timing's phrase) with the docs'
``finding_templates``."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path
from typing import Any

import eccar_plan

PACKAGE = Path(eccar_plan.__file__).parent
MODULES = [
    *sorted((PACKAGE / "_rules").glob("*.py")),
    PACKAGE / "_checking.py",
    PACKAGE / "wording.py",  # timing_phrase
]
"""The modules that make the built-in findings and their phrases."""
SCANNER = Path(__file__).resolve().parents[1] / "docs" / "_ext" / "finding_templates.py"


def _scanner() -> Any:
    spec = importlib.util.spec_from_file_location("eccar_docs_finding_templates", SCANNER)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_templates(kind: str | None = None) -> set[str]:
    """Every template of the built-in findings (*kind*: only the ``message`` or ``advice``
    ones); with no *kind*, also ``and``, the word that joins a list of values."""
    finding_templates = _scanner().finding_templates
    found: set[str] = set()
    for module in MODULES:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        found.update(t for k, t in finding_templates(tree) if kind in (None, k))
    return found if kind is not None else found | {"and"}
