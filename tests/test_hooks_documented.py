"""The hook reference stays complete: every hook has a docstring with a working example, is named
in docs/plugins.md, is gathered by :class:`~eccar_plan.Plugins`, and is exercised here.

Adding a hook to ``hookspecs.py`` without its documentation, its example or its gathering makes
these tests fail.
"""

from __future__ import annotations

import importlib
import inspect
import itertools
import re
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from eccar_plan import hookspecs, load_plan_document, write_report
from eccar_plan.plugins import CONTRIBUTIONS, Plugins
from eccar_plan.testing import PlanDirFactory, PluginsFactory

ROOT = Path(__file__).resolve().parent.parent
PLUGINS_DOC = ROOT / "docs" / "plugins.md"

HOOKS = sorted(
    name
    for name, value in vars(hookspecs).items()
    if inspect.isfunction(value) and hasattr(value, hookspecs.hookspec.project_name + "_spec")
)
_packages = itertools.count(1)


def test_the_hooks_are_found() -> None:
    assert HOOKS == [
        "eccar_actor_directories",
        "eccar_checks",
        "eccar_framework_wordings",
        "eccar_frameworks",
        "eccar_report_formats",
        "eccar_taxonomies",
    ]


def _example(hook: str) -> str:
    """The code block of the hook's docstring (after ``::``)."""
    doc = inspect.getdoc(getattr(hookspecs, hook)) or ""
    match = re.search(r"::\n\n((?:    .*\n|\n)+)", doc + "\n")
    assert match, f"{hook}: the docstring has no example (a block after '::')"
    return textwrap.dedent(match.group(1))


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_docstring_with_an_example(hook: str) -> None:
    doc = inspect.getdoc(getattr(hookspecs, hook))
    assert doc, f"{hook} has no docstring"
    assert len(doc.splitlines()[0]) > 20, f"{hook}: say what it contributes on the first line"
    example = _example(hook)
    assert "@eccar_plan.hookimpl" in example
    assert f"def {hook}():" in example


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_named_in_the_plugin_docs(hook: str) -> None:
    assert f"`{hook}`" in PLUGINS_DOC.read_text(encoding="utf-8"), (
        f"docs/plugins.md does not name {hook}; add it to the table of hooks"
    )


def test_every_hook_is_gathered_by_plugins() -> None:
    assert sorted(c.hook for c in CONTRIBUTIONS) == HOOKS
    for contribution in CONTRIBUTIONS:
        assert hasattr(Plugins, contribution.key), contribution.key


# -- the examples run ----------------------------------------------------------------------------


@pytest.fixture
def example_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builtin_plugins: Plugins
) -> Iterator[tuple[Path, str]]:
    """An empty package on sys.path, with the data files the examples read."""
    name = f"hook_example_{next(_packages)}"
    package = tmp_path / name
    package.mkdir()
    framework = builtin_plugins.frameworks["eccar-2004"].model_dump(
        mode="json", by_alias=True, exclude_defaults=True
    )
    framework["id"] = "example-framework"
    (package / "framework.yaml").write_text(yaml.safe_dump(framework), encoding="utf-8")
    (package / "partners.yaml").write_text(
        "id: example-partners\ntitle: Partners\n"
        "actors: [{id: equality-body, name: Equality body, kind: public_agency}]\n",
        encoding="utf-8",
    )
    (package / "wording.yaml").write_text(
        "id: example-wording\nframework: eccar-2004\nlanguage: en\nby: Exampleton\n"
        "commitments: [{number: 1, title: Watching for racism}]\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    yield package, name
    sys.modules.pop(name, None)


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hooks_example_works(
    hook: str,
    example_package: tuple[Path, str],
    eccar_plugins: PluginsFactory,
    plan_dir: PlanDirFactory,
    tmp_path: Path,
) -> None:
    package, name = example_package
    (package / "__init__.py").write_text(_example(hook), encoding="utf-8")
    module = importlib.import_module(name)
    # strict: a broken example fails here
    plugins = eccar_plugins(example=module, distribution="eccar-plan-example")
    assert plugins.hooks_of("example") == [hook]
    [contribution] = [c for c in CONTRIBUTIONS if c.hook == hook]
    [record_name] = plugins.contributions_of("example")[contribution.key]
    record: Any = getattr(plugins, contribution.key)[record_name]
    assert isinstance(record, contribution.kind)
    # and the record does its job on a plan
    plan = plan_dir(
        {
            "city": {"name": "X", "country": "GB"},
            "title": "T",
            "language": "en",
            "framework": record_name if hook == "eccar_frameworks" else "eccar-2004",
            "requires": [{"plugin": "eccar-plan-example"}],
            "actor_directories": [record_name] if hook == "eccar_actor_directories" else [],
            "chapters": [
                {
                    "commitment": 1,
                    "title": "C",
                    "objectives": [
                        {
                            "id": "1.1",
                            "title": "O",
                            "tags": ["principles:participation"]
                            if hook == "eccar_taxonomies"
                            else [],
                            "actions": [{"id": "a", "text": "T", "actors": ["equality-body"]}]
                            if hook == "eccar_actor_directories"
                            else [],
                        }
                    ],
                }
            ],
        }
    )
    document = load_plan_document(plan, plugins=plugins)
    if hook == "eccar_checks":
        assert [f.rule for f in record.function(document)] == [record_name]
    if hook == "eccar_report_formats":
        output = write_report(record, document, tmp_path / "out.txt")
        assert output.read_text(encoding="utf-8") == "T"
    if hook == "eccar_frameworks":
        assert document.framework.id == record_name
    if hook == "eccar_taxonomies":
        assert [t.id for t in document.plan.taxonomies] == [record_name]
    if hook == "eccar_framework_wordings":
        # the framework gives an English title: the coalition's own text comes first
        assert document.wordings == (record,)
