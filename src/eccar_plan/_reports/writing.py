"""Writing outputs safely: into a temporary path beside the output, then moved into place."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from eccar_plan._errors import EccarPlanError, OutputExistsError

__all__ = ["write_atomically", "write_text"]


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
