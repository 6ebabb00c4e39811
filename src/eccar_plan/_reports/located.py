"""Findings with the file, line and column of what they are about: the one serialiser of
located findings, for the command line (text and JSON), the workbook and the website."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

import attrs

from eccar_plan._document import PlanDocument
from eccar_plan._errors import Position
from eccar_plan._findings import Finding
from eccar_plan._load.read import format_path

__all__ = ["LocatedFinding", "locate_findings"]


@attrs.frozen
class LocatedFinding:
    """A finding and where it stands: its file (as the plan names it, and relative to the plan's
    own directory), line and column."""

    finding: Finding
    position: Position
    relative_file: str
    """The file relative to the plan's directory (``hoofdstukken/07.yaml``); the file's name
    when it is outside it (a plugin's actor directory)."""

    @property
    def location(self) -> str:
        """``hoofdstukken/07.yaml:21:9``: the relative file, line and column."""
        return f"{self.relative_file}:{self.position.line}:{self.position.column}"

    def text(self) -> str:
        """One line, as ``eccar-plan check`` prints it: position, severity, message, rule, hint."""
        finding = self.finding
        hint = f" (hint: {finding.hint})" if finding.hint else ""
        return f"{self.position}: {finding.severity}: {finding.message} [{finding.rule}]{hint}"

    def to_json(self) -> dict[str, Any]:
        """The JSON object of ``eccar-plan check --format json``."""
        finding = self.finding
        return {
            "rule": finding.rule,
            "severity": str(finding.severity),
            "message": finding.message,
            "subject": finding.subject,
            "path": format_path(finding.path),
            "file": self.position.file,
            "line": self.position.line,
            "column": self.position.column,
            "hint": finding.hint,
        }


def locate_findings(document: PlanDocument, findings: Iterable[Finding]) -> list[LocatedFinding]:
    """*findings* with the position of each in the plan's files, in their order."""
    base = str(PurePosixPath(document.source.replace("\\", "/")).parent)
    located = []
    for finding in findings:
        position = document.position(finding.path)
        located.append(LocatedFinding(finding, position, _relative(position.file, base)))
    return located


def _relative(file: str, base: str) -> str:
    """*file* relative to the plan's directory *base* (its name when it is elsewhere)."""
    path = PurePosixPath(file.replace("\\", "/"))
    try:
        return str(path.relative_to(base)) if base not in ("", ".") else str(path)
    except ValueError:
        return PureWindowsPath(file).name if "\\" in file else path.name
