"""Every command and option of ``eccar-plan`` is in the command-line reference (docs/cli.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from eccar_plan.cli import COMMANDS, _parser

CLI_DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def test_every_command_is_wired() -> None:
    assert set(_subparsers()) == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_and_option_is_documented(command: str) -> None:
    text = CLI_DOC.read_text(encoding="utf-8")
    assert f"## `{command}`" in text, f"docs/cli.md has no section for {command}"
    section = text.split(f"## `{command}`", 1)[1].split("\n## ", 1)[0]
    options = {
        option
        for action in _subparsers()[command]._actions
        for option in action.option_strings
        if option.startswith("--") and option not in ("--help", "--debug", "--strict-plugins")
    }
    missing = sorted(option for option in options if option not in section)
    assert missing == [], f"docs/cli.md's {command} section does not mention {missing}"
