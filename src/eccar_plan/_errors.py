"""The errors eccar-plan raises, and the located problems they carry."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "EccarPlanError",
    "OutputExistsError",
    "PlanError",
    "PluginError",
    "Position",
    "Problem",
    "UsageError",
]


@attrs.frozen(order=True)
class Position:
    """A place in a file: 1-based line and column."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@attrs.frozen(order=True)
class Problem:
    """One thing wrong with an input, located in its file.

    ``path`` is the location inside the document for programs, counted from zero, e.g.
    ``chapters[2].objectives[1].title``; ``place`` is the same location for people, in the
    plan's own numbering, e.g. ``objective 3.2, title`` (empty when the problem has no path, or
    only a machine path is known). Printed, a problem reads ``file:line:column: place: message``,
    with ``path`` when there is no ``place``.
    """

    position: Position
    path: str
    message: str
    place: str = ""

    def __str__(self) -> str:
        shown = self.place or self.path
        where = f"{shown}: " if shown else ""
        return f"{self.position}: {where}{self.message}"

    def to_json(self) -> dict[str, str | int]:
        """The JSON object of ``eccar-plan validate --format json``."""
        return {
            "file": self.position.file,
            "line": self.position.line,
            "column": self.position.column,
            "path": self.path,
            "place": self.place,
            "message": self.message,
        }


class EccarPlanError(Exception):
    """Base class of every error eccar-plan raises on purpose.

    The command line prints these as one line each and exits with status 1, without a traceback.
    """


class PlanError(EccarPlanError, ValueError):
    """A plan (or a framework, directory … file) could not be read or is not valid.

    Carries every problem found, in file and line order, in :attr:`problems`.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(set(problems)))
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid plan")


class PluginError(EccarPlanError):
    """A plugin is missing, broken, or contributes something that clashes with another plugin."""


class OutputExistsError(EccarPlanError, FileExistsError):
    """A report's output path exists and replacing it was not asked for."""


class UsageError(EccarPlanError):
    """A command or function was called wrongly: an unknown report format or option, a bad
    option value. The command line exits with status 2 for it, as for any usage error."""
