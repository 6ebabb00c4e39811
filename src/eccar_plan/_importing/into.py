"""Write-back: the chapters of a spreadsheet written into an existing plan's own files.

``eccar-plan import SHEET --into PLAN_DIR`` reads the sheet with the importer, and compares it
with what the same importer reads from the plan as it is now (exported in the sheet's format and
imported again, so that what the format cannot hold cancels out). Only the difference is applied
to the plan's files, parsed with ruamel.yaml's round-trip mode, so comments, key order and
quoting stay where the data did not change, and keys the exchange table does not carry are kept.
The plan's own data and actors stay those of the plan's files: only the chapters are written.

Before any file is replaced, the updated files are loaded as a plan, which must give the
sheet's exchange table again. Every changed file is written beside itself first and then moved
into place; a failure puts back the files already replaced.
"""

from __future__ import annotations

import difflib
import io
import os
import tempfile
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from eccar_plan._document import Catalogue, PlanDocument
from eccar_plan._errors import EccarPlanError, PlanError
from eccar_plan._exchange.table import exchange_table
from eccar_plan._importing.plan import import_plan
from eccar_plan._importing.sheets import ACTORS, PLAN, _read_xlsx, _Sheet
from eccar_plan._load.files import find_plan_file, read_plan_files
from eccar_plan._load.pipeline import build_document
from eccar_plan._load.read import read_document
from eccar_plan._reports.csv_report import render_csv
from eccar_plan._reports.xlsx_report import render_xlsx

__all__ = ["import_into"]

_KEYS = ("commitment", "id", "actor", "needs", "on")
"""The keys that name an item of a list: lists are matched item by item on them."""


def import_into(
    source: Path,
    plan: Path,
    *,
    catalogue: Catalogue,
    dry_run: bool = False,
    replace: Callable[[str, str], None] = os.replace,
) -> str:
    """Write the chapters of the spreadsheet *source* into the files of the plan at *plan*.

    Returns the unified diff of what changed (paths relative to the plan's directory), empty
    when nothing did; with *dry_run* nothing is written. *replace* moves a file into place.
    """
    main = find_plan_file(plan)
    root = main.parent
    current = build_document(read_plan_files(main), catalogue)  # a valid plan, safely read
    names = _plan_files(main)
    with tempfile.TemporaryDirectory(prefix="eccar-plan-into.") as scratch:
        work = Path(scratch)
        new = _imported(source, work / "new", main, catalogue)
        exported = work / f"plan{source.suffix.lower()}"  # what the plan is now, in the same
        exported.write_bytes(_render(current, exported))  # format: its losses cancel out
        base = _imported(exported, work / "base", main, catalogue)
        _warn_of_unwritten_sheets(source, exported)
        texts = {name: (root / name).read_text(encoding="utf-8") for name in names}
        changed = _apply(texts, names, base, new)
        if not changed:
            return ""
        _verify({**texts, **changed}, names, work / "check", work / "new", catalogue)
    diff = "".join(
        "".join(
            difflib.unified_diff(
                texts[name].splitlines(keepends=True),
                text.splitlines(keepends=True),
                name,
                name,
            )
        )
        for name, text in changed.items()
    )
    if not dry_run:
        _replace_all(root, changed, replace)
    return diff


# -- reading -------------------------------------------------------------------------------------


def _plan_files(main: Path) -> list[str]:
    """The plan's files, main file first, relative to its directory: each a YAML file in the
    directory, reached through no symbolic link."""
    if main.suffix == ".json":
        raise EccarPlanError(
            f"{main}: --into writes YAML plan files, and this plan is JSON; "
            "import into a new directory with --output instead"
        )
    data = read_document(main).data
    includes = data.get("include", []) if isinstance(data, Mapping) else []
    names = [main.name, *(str(name) for name in includes)]
    root = main.parent
    for name in names:
        path = root / name
        if Path(name).suffix.lower() == ".json":
            raise EccarPlanError(f"{path}: --into writes YAML plan files only, not JSON")
        if Path(name).is_absolute() or not path.resolve().is_relative_to(root.resolve()):
            raise EccarPlanError(f"{path}: outside the plan's directory; --into writes only in it")
        part = root
        for piece in Path(name).parts:
            part = part / piece
            if part.is_symlink():
                raise EccarPlanError(
                    f"{part} is a symbolic link; --into writes only the plan's own files"
                )
    return names


def _imported(source: Path, target: Path, main: Path, catalogue: Catalogue) -> list[Any]:
    """The chapters the importer reads from *source*, the plan's own data taken from *main*."""
    import_plan(source, target, plan_info=main, catalogue=catalogue)
    chapters: list[Any] = read_plan_files(target).data.get("chapters", [])
    return chapters


def _warn_of_unwritten_sheets(source: Path, exported: Path) -> None:
    """Warn when the workbook's plan or actors sheet was changed: those are not written back."""
    if source.suffix.lower() != ".xlsx":
        return
    given, now = _read_xlsx(source), _read_xlsx(exported)
    for name in (PLAN, ACTORS):
        if name in given and name in now and _values(given[name]) != _values(now[name]):
            warnings.warn(
                f"{given[name].file}: changed, but --into writes back the chapters only; "
                "change the plan's own data and its actors in the plan's files",
                stacklevel=3,
            )


def _values(sheet: _Sheet) -> list[tuple[Any, ...]]:
    """The sheet's rows without empty cells at their ends, and without empty rows."""
    rows = []
    for row in sheet.rows:
        cells = list(row)
        while cells and cells[-1] in (None, ""):
            cells.pop()
        if cells:
            rows.append(tuple(cells))
    return rows


def _render(document: PlanDocument, path: Path) -> bytes:
    return render_xlsx(document) if path.suffix == ".xlsx" else render_csv(document)


def _yaml(text: str) -> Any:
    """A round-trip YAML reader and writer, indenting as *text* does."""
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold a long text
    _, guessed, dash = load_yaml_guess_indent(text)  # None where the text does not show it
    sequence: int = guessed or 4
    offset: int = dash if dash is not None else (0 if guessed else 2)
    yaml.indent(mapping=sequence - offset if offset else sequence, sequence=sequence, offset=offset)
    return yaml


# -- applying the difference ---------------------------------------------------------------------


def _apply(
    texts: Mapping[str, str], names: Sequence[str], base: list[Any], new: list[Any]
) -> dict[str, str]:
    """The files whose text changes when the difference from *base* to *new* is applied."""
    from ruamel.yaml.error import YAMLError

    yamls = {name: _yaml(texts[name]) for name in names}
    trees = {}
    for name in names:
        try:
            trees[name] = yamls[name].load(texts[name])
        except YAMLError as error:
            problem = str(error).splitlines()[0]
            raise EccarPlanError(f"{name}: cannot be read for writing back: {problem}") from None
    places = [
        (name, tree["chapters"])
        for name, tree in trees.items()
        if isinstance(tree, Mapping) and isinstance(tree.get("chapters"), list)
    ]
    raw = [chapter for _, chapters in places for chapter in chapters]
    owner = {id(chapter): chapters for _, chapters in places for chapter in chapters}
    by_key = {_key(chapter): chapter for chapter in raw}
    previous: Any = None
    old = {_key(chapter): chapter for chapter in base}
    for chapter in new:
        key = _key(chapter)
        if key in old and key in by_key:
            _merge_into_parent(owner[id(by_key[key])], by_key[key], old[key], chapter)
            previous = by_key[key]
        else:
            chapters = owner[id(previous)] if previous is not None else _chapters_of(trees, names)
            at = _index(chapters, previous) + 1 if previous is not None else len(chapters)
            chapters.insert(at, _styled(chapter, _example(chapters)))
            previous = chapters[at]
            owner[id(previous)] = chapters
    kept = {_key(chapter) for chapter in new}
    for key, chapter in by_key.items():
        if key in old and key not in kept:
            del owner[id(chapter)][_index(owner[id(chapter)], chapter)]
    changed = {}
    for name in names:
        if trees[name] != yamls[name].load(texts[name]):  # a file the change does not touch
            buffer = io.StringIO()  # is not written again in another style
            yamls[name].dump(trees[name], buffer)
            changed[name] = buffer.getvalue()
    return changed


def _chapters_of(trees: dict[str, Any], names: Sequence[str]) -> Any:
    """The main file's chapter list, made when it has none."""
    from ruamel.yaml.comments import CommentedSeq

    tree = trees[names[0]]
    if "chapters" not in tree:
        tree["chapters"] = CommentedSeq()
    return tree["chapters"]


def _merge_into_parent(parent: Any, raw: Any, base: Any, new: Any) -> None:
    merged = _merge(raw, base, new)
    if merged is not raw:
        parent[_index(parent, raw)] = merged


def _index(items: Sequence[Any], item: Any) -> int:
    """Where *item* itself (not an equal one) stands in *items*."""
    return next(index for index, each in enumerate(items) if each is item)


def _key(item: Any) -> Any:
    if isinstance(item, Mapping):
        for name in _KEYS:
            if name in item:
                return (name, str(item[name]))
    return None


def _keyed(*lists: Sequence[Any]) -> bool:
    """Whether every item of *lists* is named by a key, uniquely within its list."""
    for items in lists:
        keys = [_key(item) for item in items]
        if None in keys or len(set(keys)) != len(keys):
            return False
    return True


def _is_mapping(value: Any) -> bool:
    return isinstance(value, Mapping)


def _merge(raw: Any, base: Any, new: Any) -> Any:
    """*raw* (from the plan's file) with the change from *base* to *new* applied to it."""
    if base == new:
        return raw
    if _is_mapping(raw) and isinstance(base, Mapping) and isinstance(new, Mapping):
        for key in base:
            if key not in new and key in raw:
                del raw[key]
        for position, (key, value) in enumerate(new.items()):
            if key in raw and key in base:
                raw[key] = _merge(raw[key], base[key], value)
            elif key in raw:
                raw[key] = _styled(value, raw[key])
            elif key not in base or base[key] != value:  # else a default the file leaves out
                before = [k for k in list(new)[:position] if k in raw]
                at = list(raw).index(before[-1]) + 1 if before else 0
                raw.insert(at, key, _styled(value, None))
        return raw
    if isinstance(raw, list) and isinstance(base, list) and isinstance(new, list):
        if _keyed(raw, base, new):
            return _merge_keyed(raw, base, new)
        if len(raw) == len(base) == len(new):
            for index, value in enumerate(new):
                raw[index] = _merge(raw[index], base[index], value)
            return raw
        like = _example(raw)
        raw[:] = [_styled(value, like) for value in new]
        return raw
    return _styled(new, raw)


def _merge_keyed(raw: Any, base: list[Any], new: list[Any]) -> Any:
    old = {_key(item): item for item in base}
    kept = {_key(item) for item in new}
    for item in [item for item in raw if _key(item) in old and _key(item) not in kept]:
        del raw[_index(raw, item)]
    present = {_key(item): item for item in raw}
    previous: Any = None
    for item in new:
        key = _key(item)
        if key in present and key in old:
            _merge_into_parent(raw, present[key], old[key], item)
            previous = raw[[_key(i) for i in raw].index(key)]
        else:
            at = _index(raw, previous) + 1 if previous is not None else 0
            raw.insert(at, _styled(item, _example(raw)))
            previous = raw[at]
    return raw


def _example(siblings: Sequence[Any]) -> Any:
    """What a new item among *siblings* is styled by: the first sibling, with the value of each
    key taken from the first sibling that has it."""
    from ruamel.yaml.comments import CommentedMap

    first = siblings[0] if siblings else None
    if not isinstance(first, CommentedMap):
        return first
    example = CommentedMap()
    if first.fa.flow_style():
        example.fa.set_flow_style()
    for sibling in siblings:
        for key, value in sibling.items() if isinstance(sibling, Mapping) else ():
            example.setdefault(key, value)
    return example


def _styled(value: Any, like: Any) -> Any:
    """*value* for the file, written in the style of *like* (a value it replaces, or a
    sibling): flow or block lists and mappings, double-quoted texts."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, Mapping):
        styled = CommentedMap()
        for key, item in value.items():
            styled[key] = _styled(item, like.get(key) if isinstance(like, Mapping) else None)
        if isinstance(like, CommentedMap) and like.fa.flow_style():
            styled.fa.set_flow_style()
        return styled
    if isinstance(value, list):
        first = _example(like) if isinstance(like, list) else None
        seq = CommentedSeq(_styled(item, first) for item in value)
        if isinstance(like, CommentedSeq) and like.fa.flow_style():
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and isinstance(like, DoubleQuotedScalarString) and "\n" not in value:
        return DoubleQuotedScalarString(value)
    return value


# -- checking and replacing ----------------------------------------------------------------------


def _verify(
    texts: Mapping[str, str],
    names: Sequence[str],
    target: Path,
    imported: Path,
    catalogue: Catalogue,
) -> None:
    """Check that the updated files load as a plan with the sheet's exchange table (a text
    ``{en: …}`` in the plan's only language, kept as it was, is the plain text of the sheet)."""
    for name, text in texts.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    try:
        written = build_document(read_plan_files(target / names[0]), catalogue).plan
    except PlanError as error:
        raise EccarPlanError(
            f"the updated files would not load ({error.problems[0]}); nothing was written"
        ) from None
    expected = build_document(read_plan_files(imported), catalogue).plan
    if exchange_table(written) != exchange_table(expected):  # the plan as the sheet says it
        raise EccarPlanError(
            "the updated files would not hold the spreadsheet's plan; nothing was written"
        )


def _replace_all(
    root: Path, changed: Mapping[str, str], replace: Callable[[str, str], None]
) -> None:
    """Replace every changed file, or none: each is written beside itself first, and a failure
    puts back the files already replaced."""
    staged: dict[Path, Path] = {}
    saved: dict[Path, Path] = {}
    done: list[Path] = []
    try:
        for name, text in changed.items():
            path = root / name
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
            staged[path] = Path(temporary)
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
                file.write(text)
                file.flush()
                os.fsync(file.fileno())
            os.chmod(temporary, path.stat().st_mode & 0o7777)
            handle, backup = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.old.")
            saved[path] = Path(backup)
            with os.fdopen(handle, "wb") as file:
                file.write(path.read_bytes())
        for path, ready in staged.items():
            replace(str(ready), str(path))
            done.append(path)
    except OSError as error:
        for path in done:
            os.replace(saved.pop(path), path)
        raise EccarPlanError(
            f"cannot write {root}: {error.strerror or error}; nothing was changed"
        ) from None
    finally:
        for leftover in [*staged.values(), *saved.values()]:
            leftover.unlink(missing_ok=True)
