"""The Mermaid export warns when it exceeds Mermaid's default ``maxEdges`` and ``maxTextSize``."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest

from eccar_plan._reports.graph_formats import (
    MERMAID_MAX_EDGES,
    MERMAID_MAX_TEXT_SIZE,
    _warn_above_mermaid_limits,
)
from eccar_plan.testing import CliRunner
from editing import edit

# the command prints the warning; pytest's "error" filter would make it an exception first
pytestmark = pytest.mark.filterwarnings("default::UserWarning")

_EDGE = re.compile(r"^  n\d+ (?:-->|==>|-\.->|-\.-)\|", re.MULTILINE)


def _large_plan(city: Path, actions: int, words: int) -> Path:
    """*city* with a chapter of *actions* actions of *words* words each, in an included file."""
    chapter = {
        "commitment": 9,
        "title": "A large chapter",
        "objectives": [
            {
                "id": "9.1",
                "title": "Many actions",
                "actions": [
                    {"id": f"9.1.x{n}", "text": " ".join(["word"] * words), "actors": ["police"]}
                    for n in range(actions)
                ],
            }
        ],
    }
    (city / "large.json").write_text(json.dumps({"chapters": [chapter]}), encoding="utf-8")
    edit(city / "plan.yaml", "  - actors.yaml\n", "  - actors.yaml\n  - large.json\n")
    return city


@pytest.mark.parametrize(
    ("actions", "words"),
    [(60, 2), (215, 1), (240, 1), (215, 40)],
    ids=["small", "just-below", "too-many-edges", "too-much-text"],
)
def test_the_warning_follows_the_documented_limits(
    run_cli: CliRunner, city: Path, tmp_path: Path, actions: int, words: int
) -> None:
    plan = _large_plan(city, actions, words)
    output = tmp_path / "plan.mmd"
    result = run_cli("graph", plan, "--format", "mermaid", "--output", output)
    assert result.status == 0, result.stderr
    text = output.read_text(encoding="utf-8")  # still written
    edges, size = len(_EDGE.findall(text)), len(text)
    warned = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    over = edges > MERMAID_MAX_EDGES or size > MERMAID_MAX_TEXT_SIZE
    assert len(warned) == int(over), result.stderr
    if over:
        (line,) = warned
        assert "--focus" in line
        assert (f"{edges:,} edges" in line) is (edges > MERMAID_MAX_EDGES)
        assert (f"{size:,} characters" in line) is (size > MERMAID_MAX_TEXT_SIZE)


def test_the_report_format_warns_too(run_cli: CliRunner, city: Path, tmp_path: Path) -> None:
    plan = _large_plan(city, 300, 1)
    output = tmp_path / "plan.mmd"
    result = run_cli("report", plan, "--format", "graph-mermaid", "--output", output)
    assert result.status == 0
    assert output.is_file()
    assert "--option focus=NODE" in result.stderr
    focused = run_cli("graph", plan, "--format", "mermaid", "--focus", "chapter:1")
    assert focused.status == 0
    assert "warning" not in focused.stderr  # the suggestion works


def test_roeselare_is_below_the_limits(run_cli: CliRunner) -> None:
    pytest.importorskip("eccar_roeselare.plugin", reason="the Roeselare plugin")
    from eccar_plan.plugins import get_plugins

    roeselare = Path(__file__).resolve().parents[1] / "examples" / "roeselare"
    result = run_cli("graph", roeselare, "--format", "mermaid", plugins=get_plugins())
    assert result.status == 0
    assert "warning" not in result.stderr
    assert len(_EDGE.findall(result.stdout)) <= MERMAID_MAX_EDGES


@pytest.mark.parametrize(
    ("edges", "text", "warns"),
    [
        (MERMAID_MAX_EDGES, "a" * MERMAID_MAX_TEXT_SIZE, False),
        (MERMAID_MAX_EDGES + 1, "", True),
        (0, "a" * (MERMAID_MAX_TEXT_SIZE + 1), True),
        # JavaScript counts a character outside the BMP as two
        (0, "\U0001f600" * (MERMAID_MAX_TEXT_SIZE // 2), False),
        (0, "\U0001f600" * (MERMAID_MAX_TEXT_SIZE // 2 + 1), True),
    ],
)
def test_the_limits_are_exclusive_and_counted_as_javascript_does(
    edges: int, text: str, warns: bool
) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _warn_above_mermaid_limits(edges, text)
    assert len(caught) == int(warns)
