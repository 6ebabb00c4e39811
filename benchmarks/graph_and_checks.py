"""How eccar-plan scales: synthetic plans of 1,000 to 100,000 actions, timed phase by phase.

Run from the repository's root::

    .venv/bin/python benchmarks/graph_and_checks.py                 # 1,000, 10,000 and 100,000
    .venv/bin/python benchmarks/graph_and_checks.py --sizes 1000,10000 --json

Each plan is generated as the plain data of a plan file (what a city would write in YAML): ten
chapters, objectives of about five actions, a pool of actors that grows with the plan, about one
action in ten depending on an earlier action, and timings on most objectives and some actions.
The phases are timed separately, each on the result of the one before:

``validate``
    ``Plan.model_validate`` of the data (pydantic).
``load``
    The reference check the loader runs on the raw data (unique ids, every reference resolves)
    and the :class:`~eccar_plan.PlanDocument` built from the validated plan.
``graph``
    :func:`eccar_plan.graph.build_graph`.
``checks``
    Every check registered with the built-in plugins (whatever is registered when it runs).
``coverage``, ``workload``, ``order``, ``impact``
    The four analyses of :mod:`eccar_plan.analysis`; impact of the first action of the plan,
    the one with the most work downstream.

Memory is the process's peak resident set size so far (``ru_maxrss``: it only grows, so run the
sizes in increasing order, as the default does); ``--tracemalloc`` reports instead the peak of
Python allocations traced per size, at the cost of slower phases. Each check is also timed on its
own. This file is not a test: pytest never collects it (it is outside ``tests/``).
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import math
import os
import platform
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import eccar_plan
from eccar_plan import Finding, PlanDocument, Plugins, get_plugin_manager, run_checks
from eccar_plan._load.read import Document
from eccar_plan._load.references import Known, check_references
from eccar_plan.analysis import coverage, impact, order, workload
from eccar_plan.graph import build_graph, plan_graph
from eccar_plan.model import Framework, Plan

T = TypeVar("T")

DEFAULT_SIZES = (1_000, 10_000, 100_000)
PHASES = ("validate", "load", "graph", "checks", "coverage", "workload", "order", "impact")
CHAPTERS = 10
ACTIONS_PER_OBJECTIVE = 5
DEPENDENCY_SHARE = 0.1
YEARS = (2024, 2030)
ACTOR_KINDS = ("city_department", "city_agency", "public_agency", "ngo", "school", "company")


def synthetic_plan(actions: int, framework: Framework, *, seed: int = 0) -> dict[str, Any]:
    """A valid plan of *actions* actions for *framework*, as the plain data of a plan file.

    Deterministic for a given *seed*. Every dependency points at an earlier action, so the
    dependency view is acyclic and every analysis runs.
    """
    rng = random.Random(seed)
    actor_ids = [f"actor-{i}" for i in range(max(20, actions // 100))]
    objectives = math.ceil(actions / ACTIONS_PER_OBJECTIVE)
    chapters: list[dict[str, Any]] = []
    for number in range(1, CHAPTERS + 1):
        commitment = framework.commitment(number)
        examples = [
            f"{framework.id}:{number}/{e.id}"
            for e in (commitment.example_actions if commitment else [])
        ]
        members = rng.sample(actor_ids, 4)
        chapters.append(
            {
                "commitment": number,
                "title": f"Chapter {number}",
                "working_group": {
                    "members": [
                        {"actor": members[0], "role": "organiser"},
                        *({"actor": member} for member in members[1:]),
                    ]
                },
                "objectives": [],
                "_examples": examples,
            }
        )
    earlier: list[str] = []
    made = 0
    for o in range(objectives):
        chapter = chapters[o * CHAPTERS // objectives]
        number = chapter["commitment"]
        objective_id = f"{number}.{len(chapter['objectives']) + 1}"
        objective: dict[str, Any] = {"id": objective_id, "title": f"Objective {objective_id}"}
        if rng.random() < 0.9:
            objective["timing"] = _timing(rng)
        if chapter["_examples"] and rng.random() < 0.5:
            objective["implements"] = [rng.choice(chapter["_examples"])]
        if rng.random() < 0.3:
            objective["sdg_targets"] = [f"{rng.randint(1, 17)}.{rng.randint(1, 9)}"]
        size = min(ACTIONS_PER_OBJECTIVE, actions - made)
        objective_actions = []
        for a in range(size):
            action_id = f"{objective_id}.{a + 1}"
            involved = rng.sample(actor_ids, rng.randint(1, 3))
            action: dict[str, Any] = {
                "id": action_id,
                "text": f"Action {action_id}",
                "actors": involved,
                "lead": involved[0],
            }
            if rng.random() < 0.2:
                action["timing"] = _timing(rng)
            if earlier and rng.random() < DEPENDENCY_SHARE:
                action["depends_on"] = [{"needs": rng.choice(earlier)}]
            objective_actions.append(action)
            earlier.append(action_id)
        made += size
        if objective_actions:
            objective["actions"] = objective_actions
        chapter["objectives"].append(objective)
    for chapter in chapters:
        del chapter["_examples"]
    return {
        "city": {"name": "Benchmarkton", "country": "BE"},
        "title": f"Synthetic plan of {actions} actions",
        "language": "en",
        "framework": framework.id,
        "period": {"start": YEARS[0], "end": YEARS[1]},
        "actors": [
            {"id": actor, "name": f"Actor {i}", "kind": ACTOR_KINDS[i % len(ACTOR_KINDS)]}
            for i, actor in enumerate(actor_ids)
        ],
        "chapters": chapters,
    }


def _timing(rng: random.Random) -> dict[str, Any]:
    start = rng.randint(*YEARS)
    if rng.random() < 0.5:
        return {"start": start, "end": YEARS[1], "meaning": "ongoing"}
    return {"start": start, "meaning": "due"}


def _timed(function: Callable[[], T], repeat: int = 1) -> tuple[T, float]:
    """The result of *function* and its best time over *repeat* runs.

    Before each run, what exists so far is collected and frozen (:func:`gc.freeze`): the
    garbage collector then only scans what the phase itself allocates, so a full collection
    triggered by a phase does not charge it for every object of the earlier phases.
    """
    best = math.inf
    for _ in range(repeat):
        gc.collect()
        gc.freeze()
        begin = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - begin)
    return result, best


def _peak_rss_mb() -> float:
    """The process's peak resident memory so far, in MiB (ru_maxrss is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def measure(
    actions: int, plugins: Plugins, *, repeat: int = 1, trace: bool = False
) -> dict[str, Any]:
    """Generate a plan of *actions* actions and time every phase on it (best of *repeat*).

    With *trace*, Python allocations are traced (:mod:`tracemalloc`) for their peak, which
    slows every phase down.
    """
    framework = plugins.frameworks["eccar-2004"]
    data = synthetic_plan(actions, framework)
    known = Known(
        frameworks=plugins.frameworks,
        actor_directories={
            name: frozenset(a.id for a in d.actors) for name, d in plugins.actor_directories.items()
        },
        taxonomies={
            name: frozenset(t.id for t in t.terms) for name, t in plugins.taxonomies.items()
        },
    )
    checks = list(plugins.checks.values())
    seconds: dict[str, float] = {}
    if trace:
        tracemalloc.start()

    plan, seconds["validate"] = _timed(lambda: Plan.model_validate(data), repeat)

    def load() -> PlanDocument:
        problems = check_references(Document(file="<bench>", data=data, positions={}), known)
        if problems:
            raise SystemExit(f"the synthetic plan is invalid: {problems[:3]}")
        return PlanDocument(plan=plan, framework=framework, source="<bench>", positions={})

    document, seconds["load"] = _timed(load, repeat)
    _, seconds["graph"] = _timed(lambda: build_graph(document), repeat)
    graph = plan_graph(document)  # built once more and cached, for the checks and analyses
    check_seconds: dict[str, float] = {}
    findings: list[Finding] = []
    for check in checks:
        found, check_seconds[check.id] = _timed(
            functools.partial(run_checks, document, [check]), repeat
        )
        findings += found
    seconds["checks"] = sum(check_seconds.values())
    _, seconds["coverage"] = _timed(lambda: coverage(document), repeat)
    load_result, seconds["workload"] = _timed(lambda: workload(document), repeat)
    _, seconds["order"] = _timed(lambda: order(document), repeat)
    first = document.plan.chapters[0].objectives[0].actions[0].id
    downstream, seconds["impact"] = _timed(lambda: impact(document, first), repeat)

    traced = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
    if trace:
        tracemalloc.stop()
    gc.unfreeze()
    return {
        "actions": actions,
        "objectives": sum(len(c.objectives) for c in document.plan.chapters),
        "actors": len(document.plan.actors),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "findings": len(findings),
        "betweenness_samples": load_result.samples,
        "impact_items": len(downstream.items),
        "repeat": repeat,
        "seconds": seconds,
        "check_seconds": check_seconds,
        "total_seconds": sum(seconds.values()),
        "peak_rss_mb": _peak_rss_mb(),
        "traced_peak_mb": traced,
    }


def _table(rows: list[dict[str, Any]]) -> Iterator[str]:
    memory = "traced MB" if rows[0]["traced_peak_mb"] is not None else "peak RSS MB"
    headers = ["actions", "nodes", *PHASES, "total", memory]
    body = [
        [
            f"{row['actions']:,}",
            f"{row['nodes']:,}",
            *(f"{row['seconds'][phase]:.3f}" for phase in PHASES),
            f"{row['total_seconds']:.2f}",
            f"{_memory(row):.0f}",
        ]
        for row in rows
    ]
    yield from _aligned(headers, body)
    yield ""
    yield "checks, seconds each:"
    names = list(rows[0]["check_seconds"])
    yield from _aligned(
        ["check", *(f"{row['actions']:,}" for row in rows)],
        [[name, *(f"{row['check_seconds'][name]:.3f}" for row in rows)] for name in names],
    )


def _memory(row: dict[str, Any]) -> float:
    traced: float | None = row["traced_peak_mb"]
    return traced if traced is not None else float(row["peak_rss_mb"])


def _aligned(headers: list[str], body: list[list[str]]) -> Iterator[str]:
    widths = [max(len(h), *(len(r[i]) for r in body)) for i, h in enumerate(headers)]
    yield "  ".join(
        h.ljust(w) if i == 0 and not h[0].isdigit() and h != "actions" else h.rjust(w)
        for i, (h, w) in enumerate(zip(headers, widths, strict=True))
    )
    for r in body:
        yield "  ".join(
            cell.ljust(w) if i == 0 and not cell[0].isdigit() else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(r, widths, strict=True))
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--sizes",
        default=",".join(str(s) for s in DEFAULT_SIZES),
        help="comma-separated numbers of actions (default: %(default)s)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run each phase this many times and report the best (default: %(default)s)",
    )
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="report the peak of traced Python allocations per size (slows every phase down)",
    )
    args = parser.parse_args(argv)
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes must be numbers separated by commas, not {args.sizes!r}")
    if not sizes or min(sizes) < 1:
        parser.error("--sizes needs at least one positive number")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    plugins = Plugins(get_plugin_manager(autoload=False))
    rows = []
    for size in sizes:
        rows.append(measure(size, plugins, repeat=args.repeat, trace=args.tracemalloc))
        print(f"measured {size:,} actions", file=sys.stderr, flush=True)
    if args.json:
        environment = {
            "eccar_plan": eccar_plan.__version__,
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "checks": [check.id for check in plugins.checks.values()],
        }
        print(json.dumps({"environment": environment, "results": rows}, indent=2))
    else:
        print("\n".join(_table(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
