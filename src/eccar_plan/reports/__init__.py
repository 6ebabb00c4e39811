"""Report formats and the safe writing of their output."""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from eccar_plan.errors import EccarPlanError, OutputExistsError

if TYPE_CHECKING:
    from eccar_plan.document import PlanDocument

__all__ = [
    "ReportFormat",
    "Writer",
    "lazy_writer",
    "write_atomically",
    "write_report",
    "write_text",
]

Writer = Callable[["PlanDocument", Path, Mapping[str, str]], None]


@attrs.frozen
class ReportFormat:
    """A way to publish a plan, contributed through the ``eccar_report_formats`` hook.

    ``write(document, target, options)`` writes the report to *target*: a file, or a directory it
    creates when ``directory`` is true. eccar-plan gives it a temporary path beside the output and
    moves the result into place, so a failed report never leaves half a file behind. ``options``
    names the settings the format understands (``report --option KEY=VALUE``); any other is an
    error rather than silently ignored.
    """

    name: str = attrs.field(validator=attrs.validators.matches_re(r"^[a-z0-9]+(?:-[a-z0-9]+)*$"))
    description: str
    suffix: str
    write: Writer = attrs.field(repr=False)
    directory: bool = False
    options: tuple[str, ...] = ()


def lazy_writer(module: str, function: str) -> Writer:
    """A writer that imports *module* and calls its *function* only when a report is written.

    Register report formats with it, so that the libraries a format needs (python-docx,
    openpyxl, Jinja2 …) are not imported by every command that loads the plugins::

        ReportFormat("council-brief", "…", ".md", lazy_writer("my_city.brief", "write_brief"))
    """

    def write(document: PlanDocument, target: Path, options: Mapping[str, str]) -> None:
        writer: Writer = getattr(importlib.import_module(module), function)
        writer(document, target, options)

    write.__qualname__ = write.__name__ = function
    return write


def write_report(
    report: ReportFormat,
    document: PlanDocument,
    output: Path,
    *,
    force: bool = False,
    options: Mapping[str, str] | None = None,
) -> Path:
    """Write *document* as *report* to *output*, atomically; replace it only when *force*.

    Returns *output*. Raises :class:`~eccar_plan.errors.OutputExistsError` when *output* exists
    and *force* is false, and :class:`~eccar_plan.errors.EccarPlanError` for an option the format
    does not know.
    """
    for key in options or {}:
        if key not in report.options:
            from eccar_plan.validation import did_you_mean

            known = ", ".join(report.options) or "none"
            raise EccarPlanError(
                f"the {report.name} report has no option {key!r}"
                f"{did_you_mean(key, report.options)} (its options: {known})"
            )
    return write_atomically(
        output,
        lambda target: report.write(document, target, options or {}),
        directory=report.directory,
        force=force,
    )


def write_text(text: str, output: Path, *, force: bool = False) -> Path:
    """Write *text* to *output* as UTF-8, atomically; replace it only when *force*."""
    return write_atomically(output, lambda target: _write_utf8(target, text), force=force)


def _write_utf8(target: Path, text: str) -> None:
    target.write_text(text, encoding="utf-8")


def write_atomically(
    output: Path, produce: Callable[[Path], None], *, directory: bool = False, force: bool = False
) -> Path:
    """Have *produce* write a file (or a *directory*) at a temporary path, then move it to *output*.

    An existing *output* is replaced only when *force*, and only by the same kind (file or
    directory). A failure leaves *output* as it was and no temporary file behind.
    """
    if output.exists() and not force:
        raise OutputExistsError(f"{output} exists; use --force to replace it")
    if output.exists() and output.is_dir() != directory:
        kind = "a directory" if directory else "a file"
        raise EccarPlanError(f"{output} cannot be replaced: the output is {kind}")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise EccarPlanError(f"cannot write {output}: {error.strerror or error}") from None
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=f".{output.name}.") as scratch:
        target = Path(scratch) / output.name
        produce(target)
        if directory and output.exists():
            output.rename(Path(scratch) / "replaced")  # removed with the scratch directory
        os.replace(target, output)
    return output
