"""``eccar-plan report --option KEY=VALUE``: settings reach the format, and typos are caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from eccar_plan.cli import main


def test_an_option_reaches_the_format(
    capsys: pytest.CaptureFixture[str], small_city: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    args = ["report", str(small_city), "--format", "html", "--output", str(site)]
    assert main([*args, "--option", "findings=no"]) == 0
    assert (site / "index.html").is_file()
    assert not (site / "findings.html").exists()
    assert main([*args, "--force"]) == 0
    assert (site / "findings.html").is_file()
    capsys.readouterr()


def test_an_unknown_option_is_an_error_with_a_suggestion(
    capsys: pytest.CaptureFixture[str], small_city: Path, tmp_path: Path
) -> None:
    output = tmp_path / "site"
    args = ["report", str(small_city), "--format", "html", "--output", str(output)]
    assert main([*args, "--option", "findngs=no"]) == 2  # a usage error, as an unknown format
    err = capsys.readouterr().err
    assert "the html report has no option 'findngs' (did you mean 'findings'?)" in err
    assert not output.exists()


def test_an_option_must_be_key_equals_value(
    capsys: pytest.CaptureFixture[str], small_city: Path, tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(
            [
                "report",
                str(small_city),
                "--format",
                "json",
                "--output",
                str(tmp_path / "p.json"),
                "--option",
                "findings",
            ]
        )
    assert exit_.value.code == 2
    assert "is not KEY=VALUE" in capsys.readouterr().err
