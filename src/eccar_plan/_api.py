"""Loading plans with the plugins of this process, or with plugins of the caller's choosing.

The load pipeline itself takes a catalogue of what plugins offer; these functions hand it the
plugins' catalogue, by default that of :func:`~eccar_plan.get_plugins`.
"""

from __future__ import annotations

import os
from pathlib import Path

from ._document import PlanDocument
from ._load.pipeline import load_document
from .model import Plan
from .plugins import Plugins, get_plugins

__all__ = ["import_into", "import_plan", "load_plan", "load_plan_document"]


def load_plan(path: str | os.PathLike[str], *, plugins: Plugins | None = None) -> Plan:
    """Load, validate and resolve the plan at *path*: a plan file, or a directory with plan.yaml.

    Raises :class:`~eccar_plan.PlanError` carrying every problem found.
    """
    return load_plan_document(path, plugins=plugins).plan


def load_plan_document(
    path: str | os.PathLike[str], *, plugins: Plugins | None = None
) -> PlanDocument:
    """Like :func:`load_plan`, but also return the framework and the file positions.

    The plugins the plan ``requires`` are checked first: when one is missing or at the wrong
    version, that is the only problem reported, as the plan's references cannot be checked
    without it. The document keeps the catalogue of *plugins* (default: those of this process):
    the reports written of it show the findings of those plugins' checks.
    """
    return load_document(Path(path), (plugins or get_plugins()).catalogue)


def import_plan(
    source: Path,
    target_dir: Path,
    *,
    plan_info: Path | None = None,
    force: bool = False,
    plugins: Plugins | None = None,
) -> list[Path]:
    """Import the plan in the spreadsheet *source* (``.csv`` or ``.xlsx``) into *target_dir*.

    The plan's own data (city, title, language, framework, actors …) comes from *plan_info* — a
    plan file or directory, whose chapters are left out — or else from the workbook's ``plan``
    and ``actors`` sheets. The plan is checked as :func:`load_plan_document` checks plan files,
    against *plugins* (default: those of this process), before anything is written.
    *target_dir* is written atomically and replaced only when *force*. Returns the files
    written: ``plan.yaml``, then ``chapters/NN.yaml`` per chapter.

    Raises :class:`~eccar_plan.PlanError` with every problem located at its cell (or line of
    the plan file), :class:`~eccar_plan.OutputExistsError` when *target_dir* exists, and
    :class:`~eccar_plan.EccarPlanError` when *target_dir* holds *source*.
    """
    from ._importing.plan import import_plan as import_spreadsheet

    return import_spreadsheet(
        source,
        target_dir,
        plan_info=plan_info,
        force=force,
        catalogue=(plugins or get_plugins()).catalogue,
    )


def import_into(
    source: str | os.PathLike[str],
    plan: str | os.PathLike[str],
    *,
    dry_run: bool = False,
    plugins: Plugins | None = None,
) -> str:
    """Write the chapters of the spreadsheet *source* into the files of the plan at *plan*.

    Only what changed is written, into the files it stands in (the chapter's file through
    ``include``), keeping comments, key order and quoting elsewhere; the plan's own data and
    actors stay those of its files. The updated files are checked to load as the sheet's plan,
    against *plugins* (default: those of this process), and replaced all together or not at all.
    Returns the unified diff of the changes, ``""`` when there are none; *dry_run* writes nothing.

    Raises :class:`~eccar_plan.PlanError` with every problem of the sheet located at its cell,
    and :class:`~eccar_plan.EccarPlanError` when the plan is JSON, a plan file is a symbolic link
    or lies outside the plan's directory, or a file cannot be written.
    """
    from ._importing.into import import_into as write_back

    return write_back(
        Path(source), Path(plan), catalogue=(plugins or get_plugins()).catalogue, dry_run=dry_run
    )
