"""Writing reports: atomic, never replacing without being asked, and leaving nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from eccar_plan import (
    EccarPlanError,
    OutputExistsError,
    PlanDocument,
    Plugins,
    ReportContext,
    ReportFormat,
    load_plan_document,
    plan_to_json,
    write_report,
)


class Boom(Exception):
    """What the failing writers raise."""


def _write_title(context: ReportContext, target: Path) -> None:
    suffix = context.options.get("suffix", "")
    target.write_text(f"{context.document.plan.title}{suffix}\n", encoding="utf-8")


def _write_half_then_fail(context: ReportContext, target: Path) -> None:
    target.write_text("half a rep", encoding="utf-8")
    raise Boom("the writer broke")


def _write_site(context: ReportContext, target: Path) -> None:
    target.mkdir()
    title = context.document.plan.title
    (target / "index.html").write_text(f"<h1>{title}</h1>\n", encoding="utf-8")
    (target / "assets").mkdir()
    (target / "assets" / "style.css").write_text("body {}\n", encoding="utf-8")


def _write_half_site_then_fail(context: ReportContext, target: Path) -> None:
    target.mkdir()
    (target / "index.html").write_text("<h1>", encoding="utf-8")
    raise Boom("the site writer broke")


TITLE = ReportFormat("title", "The title.", ".txt", _write_title, options=("suffix",))
BROKEN = ReportFormat("broken", "Fails half-way.", ".txt", _write_half_then_fail)
SITE = ReportFormat("site", "A directory.", "", _write_site, directory=True)
BROKEN_SITE = ReportFormat("broken-site", "Fails.", "", _write_half_site_then_fail, directory=True)


@pytest.fixture
def document(small_city: Path, builtin_plugins: Plugins) -> PlanDocument:
    return load_plan_document(small_city, plugins=builtin_plugins)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty directory for outputs, so that leftovers can be seen."""
    directory = tmp_path / "out"
    directory.mkdir()
    return directory


def _tree(directory: Path) -> dict[str, bytes | None]:
    """Every path under *directory* with its content (None for directories)."""
    return {
        str(path.relative_to(directory)): None if path.is_dir() else path.read_bytes()
        for path in sorted(directory.rglob("*"))
    }


def test_writes_a_file_report(document: PlanDocument, out: Path) -> None:
    output = out / "title.txt"
    assert write_report(TITLE, document, output, options={"suffix": "!"}) == output
    assert output.read_text(encoding="utf-8") == f"{document.plan.title}!\n"
    assert _tree(out) == {"title.txt": output.read_bytes()}


def test_json_report_is_the_export(
    document: PlanDocument, out: Path, builtin_plugins: Plugins
) -> None:
    output = out / "plan.json"
    write_report(builtin_plugins.report_formats["json"], document, output)
    assert output.read_text(encoding="utf-8") == plan_to_json(document.plan)
    assert _tree(out) == {"plan.json": output.read_bytes()}


def test_creates_missing_parent_directories(document: PlanDocument, out: Path) -> None:
    output = out / "a" / "b" / "title.txt"
    write_report(TITLE, document, output)
    assert output.is_file()
    assert _tree(out) == {"a": None, "a/b": None, "a/b/title.txt": output.read_bytes()}


def test_existing_output_is_not_replaced_without_force(document: PlanDocument, out: Path) -> None:
    output = out / "title.txt"
    output.write_text("precious\n", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="--force") as raised:
        write_report(TITLE, document, output)
    assert isinstance(raised.value, FileExistsError)
    assert isinstance(raised.value, EccarPlanError)
    assert output.read_text(encoding="utf-8") == "precious\n"
    assert _tree(out) == {"title.txt": b"precious\n"}


def test_existing_output_is_replaced_with_force(document: PlanDocument, out: Path) -> None:
    output = out / "title.txt"
    output.write_text("old\n", encoding="utf-8")
    write_report(TITLE, document, output, force=True)
    assert output.read_text(encoding="utf-8") == f"{document.plan.title}\n"
    assert _tree(out) == {"title.txt": output.read_bytes()}


def test_existing_output_is_kept_when_the_writer_fails(document: PlanDocument, out: Path) -> None:
    output = out / "title.txt"
    output.write_text("precious\n", encoding="utf-8")
    with pytest.raises(Boom):
        write_report(BROKEN, document, output, force=True)
    assert _tree(out) == {"title.txt": b"precious\n"}


def test_nothing_is_left_when_the_writer_fails(document: PlanDocument, out: Path) -> None:
    with pytest.raises(Boom):
        write_report(BROKEN, document, out / "title.txt")
    assert _tree(out) == {}


def test_writes_a_directory_report(document: PlanDocument, out: Path) -> None:
    output = out / "site"
    write_report(SITE, document, output)
    assert _tree(out) == {
        "site": None,
        "site/assets": None,
        "site/assets/style.css": b"body {}\n",
        "site/index.html": f"<h1>{document.plan.title}</h1>\n".encode(),
    }


def test_directory_report_is_not_replaced_without_force(document: PlanDocument, out: Path) -> None:
    output = out / "site"
    output.mkdir()
    (output / "old.html").write_text("old", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        write_report(SITE, document, output)
    assert _tree(out) == {"site": None, "site/old.html": b"old"}


def test_directory_report_replaces_a_directory_with_force(
    document: PlanDocument, out: Path
) -> None:
    output = out / "site"
    output.mkdir()
    (output / "old.html").write_text("old", encoding="utf-8")
    (output / "assets").mkdir()
    (output / "assets" / "old.css").write_text("old", encoding="utf-8")
    write_report(SITE, document, output, force=True)
    assert _tree(out) == {
        "site": None,
        "site/assets": None,
        "site/assets/style.css": b"body {}\n",
        "site/index.html": f"<h1>{document.plan.title}</h1>\n".encode(),
    }


def test_existing_directory_is_kept_when_the_directory_writer_fails(
    document: PlanDocument, out: Path
) -> None:
    output = out / "site"
    output.mkdir()
    (output / "old.html").write_text("old", encoding="utf-8")
    with pytest.raises(Boom):
        write_report(BROKEN_SITE, document, output, force=True)
    assert _tree(out) == {"site": None, "site/old.html": b"old"}


def test_nothing_is_left_when_the_directory_writer_fails(document: PlanDocument, out: Path) -> None:
    with pytest.raises(Boom):
        write_report(BROKEN_SITE, document, out / "site")
    assert _tree(out) == {}


def test_directory_report_does_not_replace_a_file(document: PlanDocument, out: Path) -> None:
    output = out / "site"
    output.write_text("a file", encoding="utf-8")
    with pytest.raises(EccarPlanError, match="cannot be replaced: the output is a directory"):
        write_report(SITE, document, output, force=True)
    assert _tree(out) == {"site": b"a file"}


def test_file_report_does_not_replace_a_directory(document: PlanDocument, out: Path) -> None:
    output = out / "title.txt"
    output.mkdir()
    (output / "keep").write_text("keep", encoding="utf-8")
    with pytest.raises(EccarPlanError):
        write_report(TITLE, document, output, force=True)
    assert _tree(out) == {"title.txt": None, "title.txt/keep": b"keep"}
