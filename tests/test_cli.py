"""The ``eccar-plan`` command: exit statuses, output formats and safe writing of files."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from eccar_plan import PlanError, Plugins, __version__, load_plan, plan_to_json
from eccar_plan.cli import main
from eccar_plan.plugins import DISABLE_AUTOLOAD, get_plugins, use_plugins
from eccar_plan.schema import schema_text

CHECK_FIELDS = {"rule", "severity", "message", "subject", "path", "file", "line", "column", "hint"}
MINIMAL = "city: {name: X, country: GB}\ntitle: T\nlanguage: en\nframework: eccar-2004\n"


@pytest.fixture(autouse=True)
def _builtin_plugins_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The command sees the built-in plugins only, whatever else is installed."""
    monkeypatch.setenv(DISABLE_AUTOLOAD, "1")
    get_plugins.cache_clear()
    yield
    get_plugins.cache_clear()


@pytest.fixture
def plan_dir(small_city: Path, tmp_path: Path) -> Path:
    """A copy of the small-city example: commands that write files never touch the original."""
    return Path(shutil.copytree(small_city, tmp_path / "small-city"))


@pytest.fixture
def bad_yaml(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(MINIMAL + "chapters: [1, 2\n", encoding="utf-8")
    return path


@pytest.fixture
def invalid_plan(tmp_path: Path) -> Path:
    """A plan that parses but has two problems: an unknown key and a dangling actor."""
    path = tmp_path / "invalid.yaml"
    path.write_text(
        MINIMAL + "colour: red\nchapters:\n  - commitment: 1\n    title: C\n"
        "    working_group: {members: [{actor: nobody}]}\n",
        encoding="utf-8",
    )
    return path


def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run *argv*, expecting argparse's exit status 2; return stderr."""
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: eccar-plan")
    return err


def _problem_lines(err: str, file: Path) -> list[str]:
    pattern = re.compile(rf"^{re.escape(str(file))}:\d+:\d+: \S")
    return [line for line in err.splitlines() if pattern.match(line)]


# -- validate ------------------------------------------------------------------------------------


def test_validate_valid_plan(small_city: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(small_city)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{small_city}: valid (3 chapters, 4 objectives, 4 actions, 5 actors)\n"
    assert err == ""


def test_validate_several_plans_one_bad(
    small_city: Path, invalid_plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["validate", str(small_city), str(invalid_plan), str(small_city / "plan.yaml")]
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert out.count(": valid (") == 2
    assert str(invalid_plan) not in out
    assert len(_problem_lines(err, invalid_plan)) == 2
    assert "unknown key 'colour'" in err
    assert "unknown actor 'nobody'" in err
    assert err.splitlines()[-1] == f"{invalid_plan}: invalid, 2 problems"


def test_validate_bad_yaml(bad_yaml: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(bad_yaml)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines[:-1] == _problem_lines(err, bad_yaml)
    assert len(lines[:-1]) == 1
    assert lines[0].startswith(f"{bad_yaml}:5:11: invalid YAML: the [ that opens here is not")
    assert lines[-1] == f"{bad_yaml}: invalid, 1 problem"
    assert "Traceback" not in err


def test_validate_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-such-plan"
    assert main(["validate", str(missing)]) == 1
    err = capsys.readouterr().err
    assert f"{missing}:1:1: no such file or directory" in err.splitlines()


def test_validate_directory_without_a_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path)]) == 1
    assert "no plan file here" in capsys.readouterr().err


def test_bad_input_gives_exit_1_and_no_traceback_in_a_real_process(
    bad_yaml: Path, invalid_plan: Path, tmp_path: Path
) -> None:
    environment = {**os.environ, DISABLE_AUTOLOAD: "1"}
    result = subprocess.run(
        [sys.executable, "-m", "eccar_plan", "validate", str(bad_yaml), str(invalid_plan)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    assert len(_problem_lines(result.stderr, bad_yaml)) == 1
    assert len(_problem_lines(result.stderr, invalid_plan)) == 2


# -- usage ---------------------------------------------------------------------------------------


def test_no_arguments_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert "COMMAND" in _usage_error([], capsys)


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert "invalid choice: 'frobnicate'" in _usage_error(["frobnicate"], capsys)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--version"])
    assert raised.value.code == 0
    assert capsys.readouterr().out == f"eccar-plan {__version__}\n"


@pytest.mark.parametrize("command", ["export", "check"])
def test_debug_re_raises(invalid_plan: Path, command: str) -> None:
    with pytest.raises(PlanError) as raised:
        main(["--debug", command, str(invalid_plan)])
    assert len(raised.value.problems) == 2


def test_debug_re_raises_bad_yaml(bad_yaml: Path) -> None:
    with pytest.raises(PlanError, match="invalid YAML"):
        main(["--debug", "export", str(bad_yaml)])


def test_debug_re_raises_from_validate(invalid_plan: Path) -> None:
    with pytest.raises(PlanError):
        main(["--debug", "validate", str(invalid_plan)])


# -- schema and frameworks -----------------------------------------------------------------------


def test_schema_prints_the_plan_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert out == schema_text("plan")


def test_schema_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "framework"]) == 0
    assert json.loads(capsys.readouterr().out)["$id"] == "framework.schema.json"


def test_unknown_schema_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    err = _usage_error(["schema", "nope"], capsys)
    assert "unknown schema 'nope'" in err
    assert "plan-fragment" in err


def test_frameworks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frameworks"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # each kind of text with the languages it is given in, and how completely: no Dutch title
    assert lines == [
        "eccar-2004  ECCAR 10-Point Plan of Action  (10 commitments)",
        "  titles: en 10/10, de 10/10, fr 1/10",
        "  objectives: nl 10/10, en 8/10, de 8/10, fr 8/10",
        "  example actions: en 25/25, de 25/25, nl 25/25, fr 25/25",
    ]


def test_frameworks_name_the_city_wordings(
    roeselare_plugins: Plugins, capsys: pytest.CaptureFixture[str]
) -> None:
    with use_plugins(roeselare_plugins):
        assert main(["frameworks"]) == 0
        assert main(["frameworks", "--json"]) == 0
    out = capsys.readouterr().out
    text, _, data = out.partition("[")
    assert (
        "  city wording roeselare-eccar-2004-nl (nl, by stad Roeselare; for plans that require "
        "eccar-plan-roeselare): titles 10/10, example actions 0/25"
    ) in text.splitlines()
    [row] = json.loads("[" + data)
    assert row["wordings"] == [
        {
            "id": "roeselare-eccar-2004-nl",
            "language": "nl",
            "by": "stad Roeselare",
            "plugin": "eccar-plan-roeselare",
            "titles": 10,
            "example_actions": 0,
        }
    ]


def test_frameworks_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frameworks", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in rows] == ["eccar-2004"]
    assert rows[0]["commitments"] == 10
    assert rows[0]["version"] == "2004"
    assert "en" in rows[0]["languages"]
    assert rows[0]["texts"]["titles"] == {"of": 10, "languages": {"en": 10, "de": 10, "fr": 1}}
    assert rows[0]["wordings"] == []


# -- export --------------------------------------------------------------------------------------


def test_export_to_stdout(
    small_city: Path, builtin_plugins: Plugins, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(small_city)]) == 0
    out, err = capsys.readouterr()
    assert out == plan_to_json(load_plan(small_city, plugins=builtin_plugins))
    assert err == ""


def test_export_to_a_file(
    plan_dir: Path, tmp_path: Path, builtin_plugins: Plugins, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out" / "plan.json"
    assert main(["export", str(plan_dir), "--output", str(output)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert str(output) in err
    assert output.read_text(encoding="utf-8") == plan_to_json(
        load_plan(plan_dir, plugins=builtin_plugins)
    )


def test_export_does_not_replace_an_existing_output_without_force(
    plan_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "plan.json"
    output.write_text("keep me\n", encoding="utf-8")
    assert main(["export", str(plan_dir), "-o", str(output)]) == 1
    assert "--force" in capsys.readouterr().err
    assert output.read_text(encoding="utf-8") == "keep me\n"
    assert main(["export", str(plan_dir), "-o", str(output), "--force"]) == 0
    assert json.loads(output.read_text(encoding="utf-8"))["city"]["name"] == "Exampleton"


@pytest.mark.parametrize("own_file", ["plan.yaml", "actors.yaml", "."])
def test_export_never_overwrites_the_plans_own_files(
    plan_dir: Path, own_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p.name: p.read_bytes() for p in plan_dir.iterdir()}
    output = plan_dir / own_file
    assert main(["export", str(plan_dir), "--output", str(output), "--force"]) == 1
    assert "would overwrite the plan's own file" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in plan_dir.iterdir()} == before


def test_export_over_a_directory_is_a_clean_error(
    plan_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "a-directory"
    output.mkdir()
    status = main(["export", str(plan_dir), "--output", str(output), "--force"])
    err = capsys.readouterr().err
    assert "internal error" not in err
    assert status == 1


def test_export_below_a_file_is_a_clean_error(
    plan_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    status = main(["export", str(plan_dir), "--output", str(blocker / "plan.json")])
    err = capsys.readouterr().err
    assert "internal error" not in err
    assert status == 1


# -- check ---------------------------------------------------------------------------------------


SMALL_CITY_FINDINGS = [
    ("warning", "chapter-without-organiser"),
    # commitments 2, 3, 5, 6, 8, 9 and 10 have no chapter, 7 has no action
    *[("warning", "commitment-without-action")] * 8,
    ("warning", "objective-without-actions"),
    ("warning", "objective-without-timing"),
    *[("info", "example-action-not-covered")] * 4,
    *[("info", "sdg-suggestion")] * 2,
]
"""The (severity, rule) of each finding on the small-city example, in the order printed."""


def test_check_text(small_city: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(small_city)]) == 0
    lines = capsys.readouterr().out.splitlines()
    plan_file = small_city / "plan.yaml"
    finding = re.compile(
        r"^(.+?):(\d+):(\d+): (error|warning|info): .+ \[([a-z0-9-]+)\]( \(hint: .+\))?$"
    )
    matches = [finding.match(line) for line in lines[:-1]]
    assert all(matches), lines
    assert [(m.group(4), m.group(5)) for m in matches if m] == SMALL_CITY_FINDINGS
    assert lines[0] == (
        f"{plan_file}:84:5: warning: chapter 7 has no organiser [chapter-without-organiser]"
        " (hint: name the organiser in working_group.members with role: organiser)"
    )
    assert (
        f"{plan_file}:87:9: warning: objective 7.1 has no actions [objective-without-actions]"
        " (hint: add the actions that will reach it, or say why there are none)"
    ) in lines
    assert (
        f"{plan_file}:33:1: warning: commitment 2 (Assessing Racism and Discrimination and "
        "Monitoring Municipal Policies) has no chapter [commitment-without-action]"
        " (hint: add a chapter with commitment: 2 and at least one action)"
    ) in lines
    assert lines[-1] == f"{small_city}: 0 errors, 11 warnings, 6 infos"


def test_check_json(small_city: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(small_city), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [set(row) for row in rows] == [CHECK_FIELDS] * len(SMALL_CITY_FINDINGS)
    assert [(row["severity"], row["rule"]) for row in rows] == SMALL_CITY_FINDINGS
    first = rows[0]
    assert first["rule"] == "chapter-without-organiser"
    assert first["severity"] == "warning"
    assert first["message"] == "chapter 7 has no organiser"
    assert first["subject"] == "chapter:7"
    assert first["path"] == "chapters[2]"
    assert first["file"] == str(small_city / "plan.yaml")
    assert first["line"] == 84
    assert first["hint"].startswith("name the organiser")
    subjects = [row["subject"] for row in rows if row["rule"] == "commitment-without-action"]
    assert subjects == [f"commitment:eccar-2004:{n}" for n in (2, 3, 5, 6, 7, 8, 9, 10)]
    assert [row["subject"] for row in rows if row["rule"] == "objective-without-actions"] == [
        "objective:7.1"
    ]


@pytest.mark.parametrize(
    ("fail_on", "status"), [("warning", 1), ("error", 0), ("never", 0), (None, 0)]
)
def test_check_fail_on(
    small_city: Path, fail_on: str | None, status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["check", str(small_city)] + (["--fail-on", fail_on] if fail_on else [])
    assert main(argv) == status
    assert "11 warnings" in capsys.readouterr().out


def _complete_plan(path: Path) -> None:
    """A plan with nothing to find: every commitment has an organised chapter whose objective is
    timed, names an SDG target, implements every example action and has an action."""
    framework = get_plugins().frameworks["eccar-2004"]
    chapters = [
        {
            "commitment": c.number,
            "title": f"C{c.number}",
            "working_group": {"members": [{"actor": f"a{c.number}", "role": "organiser"}]},
            "objectives": [
                {
                    "id": f"{c.number}.1",
                    "title": "O",
                    "implements": [f"eccar-2004:{c.number}/{e.id}" for e in c.example_actions],
                    "timing": {"start": 2024, "meaning": "due"},
                    "sdg_targets": c.sdg_targets[:1],
                    "actions": [{"id": f"{c.number}.1.a", "text": "X"}],
                }
            ],
        }
        for c in framework.commitments
    ]
    actors = [
        {"id": f"a{c.number}", "name": f"A{c.number}", "kind": "ngo"} for c in framework.commitments
    ]
    path.write_text(
        MINIMAL + f"actors: {json.dumps(actors)}\nchapters: {json.dumps(chapters)}\n",
        encoding="utf-8",
    )


def test_check_fail_on_warning_passes_a_plan_without_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.yaml"
    _complete_plan(path)
    assert main(["check", str(path), "--fail-on", "warning"]) == 0
    assert capsys.readouterr().out == f"{path}: 0 errors, 0 warnings, 0 infos\n"


def test_check_invalid_value_for_fail_on(
    small_city: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _usage_error(["check", str(small_city), "--fail-on", "info"], capsys)


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_check_is_deterministic(
    small_city: Path, output_format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = []
    for _ in range(2):
        main(["check", str(small_city), "--format", output_format])
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert outputs[0]


def test_check_invalid_plan(invalid_plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(invalid_plan), "--fail-on", "never"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert len(_problem_lines(err, invalid_plan)) == 2


# -- report --------------------------------------------------------------------------------------


def test_report_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    names = [line.split()[0] for line in lines]
    assert names == sorted(names)
    assert {"json", "html", "markdown", "csv", "xlsx", "docx"} <= set(names)
    assert "canonical JSON" in lines[names.index("json")]


def test_report_without_format_is_a_usage_error(
    small_city: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _usage_error(["report", str(small_city), "--output", str(tmp_path / "x")], capsys)
    assert "--format" in err
    assert not (tmp_path / "x").exists()


def test_report_unknown_format_suggests_the_closest(
    small_city: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["report", str(small_city), "--format", "jsn", "--output", str(tmp_path / "x")]
    err = _usage_error(argv, capsys)
    assert "unknown report format 'jsn' (did you mean 'json'?)" in err
    assert not (tmp_path / "x").exists()


def test_report_json_writes_the_export(
    plan_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "report.json"
    assert main(["report", str(plan_dir), "--format", "json", "--output", str(output)]) == 0
    assert main(["export", str(plan_dir)]) == 0
    assert output.read_text(encoding="utf-8") == capsys.readouterr().out
    assert main(["report", str(plan_dir), "-f", "json", "-o", str(output)]) == 1
    assert main(["report", str(plan_dir), "-f", "json", "-o", str(output), "--force"]) == 0


def test_report_refuses_the_plans_own_file(
    plan_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = plan_dir / "plan.yaml"
    before = own.read_bytes()
    argv = ["report", str(plan_dir), "-f", "json", "-o", str(own), "--force"]
    assert main(argv) == 1
    assert "would overwrite" in capsys.readouterr().err
    assert own.read_bytes() == before
