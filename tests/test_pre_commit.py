"""The shipped pre-commit hooks, run by pre-commit itself in a city's plan repository.

pre-commit's ``python`` language pip-installs the hook repository, which needs the network. The
test runs the shipped manifest with only its ``language`` changed to ``unsupported`` (the command
taken from ``PATH``, here this virtualenv's ``eccar-plan``): entry, args, file types and
``pass_filenames`` are the shipped ones, and the repository is cloned and run by pre-commit as a
city's would be.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from editing import edit

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
HOOKS = ("eccar-plan-validate", "eccar-plan-check")

pytest.importorskip("pre_commit", reason="pre-commit (the test extra)")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def _new_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    _git(path, "init", "-q", "-b", "main")
    _git(path, "config", "user.name", "Test")
    _git(path, "config", "user.email", "test@example.org")
    _git(path, "config", "commit.gpgsign", "false")
    return path


def _commit_all(repo: Path, message: str) -> subprocess.CompletedProcess[str]:
    _git(repo, "add", "-A")
    return subprocess.run(
        ["git", "-C", str(repo), "commit", "-q", "-m", message], capture_output=True, text=True
    )


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pre-commit's cache in the test's directory; this virtualenv's commands first on PATH."""
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-cache"))
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def hook_repo(tmp_path: Path) -> Path:
    """A git repository holding the shipped manifest, its hooks taking ``eccar-plan`` from PATH."""
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    for hook in hooks:
        assert hook["language"] == "python"
        hook["language"] = "unsupported"
    repo = _new_repo(tmp_path / "hooks")
    (repo / ".pre-commit-hooks.yaml").write_text(yaml.safe_dump(hooks), encoding="utf-8")
    _commit_all(repo, "hooks").check_returncode()
    return repo


@pytest.fixture
def city_repo(tmp_path: Path, small_city: Path, hook_repo: Path, env: None) -> Path:
    """A city's plan repository (the small example at its root) with the hooks installed."""
    repo = _new_repo(tmp_path / "city")
    shutil.copytree(small_city, repo, dirs_exist_ok=True)
    config = {
        "repos": [
            {
                "repo": str(hook_repo),
                "rev": _git(hook_repo, "rev-parse", "HEAD"),
                "hooks": [{"id": hook} for hook in HOOKS],
            }
        ]
    }
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=repo, check=True, capture_output=True
    )
    return repo


def test_the_manifest_is_valid_for_pre_commit() -> None:
    from pre_commit.clientlib import load_manifest

    hooks = {hook["id"]: hook for hook in load_manifest(MANIFEST)}
    assert set(hooks) == set(HOOKS)
    for hook_id, hook in hooks.items():
        assert hook["entry"] == f"eccar-plan {hook_id.removeprefix('eccar-plan-')}"
        assert hook["pass_filenames"] is False  # the plan directory, never single files
        assert hook["args"] == ["."]
        assert set(hook["types_or"]) == {"yaml", "json"}


def test_a_valid_plan_is_committed(city_repo: Path) -> None:
    done = _commit_all(city_repo, "the plan")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "eccar-plan validate" in done.stdout + done.stderr
    assert "Passed" in done.stdout + done.stderr
    assert _git(city_repo, "log", "--format=%s") == "the plan"


def test_an_invalid_plan_is_not_committed(city_repo: Path) -> None:
    _commit_all(city_repo, "the plan").check_returncode()
    edit(
        city_repo / "plan.yaml",
        "title: Exampleton action plan against racism and discrimination",
        'title: ""',
    )
    done = _commit_all(city_repo, "an empty title")
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "eccar-plan validate" in output
    assert "Failed" in output
    assert "plan.yaml:8:1: title: " in output  # the located error
    assert _git(city_repo, "log", "--format=%s") == "the plan"


def test_a_plan_with_an_error_finding_is_not_committed(city_repo: Path) -> None:
    _commit_all(city_repo, "the plan").check_returncode()
    # valid, but action 1.1.b then builds on its own objective: a dependency cycle, an error
    edit(city_repo / "plan.yaml", "- needs: 1.1.a", '- needs: "1.1"')
    done = _commit_all(city_repo, "a cycle")
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "dependency cycle" in output
    assert output.count("Failed") == 1  # validate passed; check failed
    assert _git(city_repo, "log", "--format=%s") == "the plan"


def test_a_change_to_other_files_runs_no_hook(city_repo: Path) -> None:
    _commit_all(city_repo, "the plan").check_returncode()
    (city_repo / "NOTES.txt").write_text("minutes of the steering group\n", encoding="utf-8")
    done = _commit_all(city_repo, "notes")
    assert done.returncode == 0
    assert "(no files to check)Skipped" in done.stdout + done.stderr
