"""A plan as it was in a git revision, read with ``git archive`` into a directory of its own.

The work tree and the index are never touched, and nothing is fetched.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from eccar_plan._errors import UsageError

__all__ = ["plan_at_revision"]


def _git(where: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(where), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed: a revision cannot be read") from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise UsageError(f"{where}: git {args[0]}: {message[-1] if message else 'failed'}")
    return done.stdout


def plan_at_revision(plan: Path, revision: str, into: Path) -> Path:
    """Write *plan*'s directory as it was in *revision* under *into*; return the plan's path there.

    *plan* is a plan directory or its main file inside a git work tree.
    """
    directory = plan if plan.is_dir() else plan.parent
    if revision.startswith("-"):
        raise UsageError(f"{revision!r} is not a git revision")
    top = Path(_git(directory, "rev-parse", "--show-toplevel").decode().strip())
    prefix = directory.resolve().relative_to(top.resolve()).as_posix()
    try:
        _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except UsageError:
        raise UsageError(f"{top}: {revision!r} is not a revision of this git repository") from None
    archive = _git(top, "archive", "--format=tar", revision, "--", prefix)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    copy = into / prefix
    if not copy.exists():
        raise UsageError(f"{plan}: not in revision {revision}")
    return copy if plan.is_dir() else copy / plan.name
