"""How long whole ``eccar-plan`` processes take: start-up and the commands people run most.

Each command is run as a new process, one after the other, ``--runs`` times (9 by default), and
the median wall-clock time is reported, with ``python -c pass`` measured in the same run as the
floor every process pays. The processes run the ``eccar-plan`` script of the Python that runs
this file, with the plugins installed there.

    .venv/bin/python benchmarks/startup.py              # the table
    .venv/bin/python benchmarks/startup.py --json       # the same as JSON
    .venv/bin/python benchmarks/startup.py --runs 21    # more runs per command

Not a test: pytest never collects it (it lives outside ``tests/``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).with_name("eccar-plan")

COMMANDS: tuple[tuple[str, list[str]], ...] = (
    ("python -c pass", [sys.executable, "-c", "pass"]),
    ("eccar-plan --help", [str(SCRIPT), "--help"]),
    ("eccar-plan --version", [str(SCRIPT), "--version"]),
    ("eccar-plan validate examples/roeselare", [str(SCRIPT), "validate", "examples/roeselare"]),
    (
        "eccar-plan check examples/roeselare",
        [str(SCRIPT), "check", "examples/roeselare", "--fail-on", "never"],
    ),
)
"""What is timed: a label and the command line, run in the repository's root."""


def median_seconds(command: list[str], runs: int) -> float:
    """The median wall-clock time of *runs* runs of *command* (output discarded)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            command,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""},
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per command (default: 9)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    if not SCRIPT.exists():
        sys.exit(f"no eccar-plan script beside {sys.executable}: install the project first")
    for _, command in COMMANDS:  # once each, so that byte-code caches are warm
        subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    results = {label: median_seconds(command, args.runs) for label, command in COMMANDS}
    if args.json:
        print(json.dumps({"runs": args.runs, "median_seconds": results}, indent=2))
        return
    width = max(map(len, results))
    print(f"{'command':<{width}}  median of {args.runs}")
    for label, seconds in results.items():
        print(f"{label:<{width}}  {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
