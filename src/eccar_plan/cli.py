"""The ``eccar-plan`` command.

Exit status: 0 success, 1 invalid input or findings at the ``--fail-on`` level, 2 wrong usage
(an unknown command, format or option, a bad option value), 3 an internal error (a bug: please
report it with the output of ``--debug``). Heavy libraries are imported inside the commands
that need them, to keep start-up fast. ``graph`` and ``analyse`` write report formats of the
same names (``graph-dot``, ``coverage-text`` …), to standard output unless ``--output`` is given.

One module on purpose: the argument parser and the small function behind each subcommand are
read together, and importing it must stay cheap (see ``tests/test_architecture.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._document import PlanDocument

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    from ._version import __version__

    parser = argparse.ArgumentParser(
        prog="eccar-plan",
        description="A city's anti-racism action plan as data: validate, check, export, report.",
        epilog="PLAN is a plan file, or a directory holding plan.yaml.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    parser.add_argument(
        "--strict-plugins",
        action="store_true",
        help="a broken plugin is an error, not a warning (also: ECCAR_PLAN_STRICT_PLUGINS=1)",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks of errors"
    )
    common.add_argument(
        "--strict-plugins",
        action="store_true",
        default=argparse.SUPPRESS,
        help="a broken plugin is an error, not a warning",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", parents=[common], help="check that plans are valid")
    validate.add_argument("plans", nargs="+", metavar="PLAN", type=Path)
    validate.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="json: each plan's problems with their machine paths, on standard output",
    )

    schema = commands.add_parser(
        "schema", parents=[common], help="print the JSON Schema of a file type"
    )
    schema.add_argument(
        "name",
        nargs="?",
        default="plan",
        help="plan (default), plan-fragment, framework, actor-directory or taxonomy",
    )

    frameworks = commands.add_parser(
        "frameworks", parents=[common], help="list the installed frameworks"
    )
    frameworks.add_argument("--json", action="store_true", help="print JSON")

    export = commands.add_parser(
        "export", parents=[common], help="write the resolved plan as canonical JSON"
    )
    export.add_argument("plan", metavar="PLAN", type=Path)
    export.add_argument("--format", choices=["json"], default="json")
    export.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    export.add_argument("--force", action="store_true", help="replace an existing output")

    check = commands.add_parser(
        "check", parents=[common], help="run the checks on a plan and list the findings"
    )
    check.add_argument("plan", metavar="PLAN", type=Path)
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument(
        "--fail-on",
        choices=["error", "warning", "never"],
        default="error",
        help="exit 1 when a finding of this severity or worse is found (default: error)",
    )

    graph = commands.add_parser(
        "graph", parents=[common], help="export the plan as a graph (GraphML, GEXF, DOT …)"
    )
    graph.add_argument("plan", metavar="PLAN", type=Path)
    graph.add_argument(
        "--format",
        dest="graph_format",
        default="json",
        choices=["graphml", "gexf", "dot", "mermaid", "json"],
        help="graph format (default: json, networkx node-link): the report format graph-FORMAT",
    )
    graph.add_argument(
        "--focus",
        metavar="NODE",
        help="keep only what concerns one node: chapter:N, actor:ID, action:ID or objective:ID",
    )
    graph.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    graph.add_argument("--force", action="store_true", help="replace an existing output")

    analyse = commands.add_parser(
        "analyse", parents=[common], help="coverage, actor workload, order of work, slip impact"
    )
    analyse.add_argument("plan", metavar="PLAN", type=Path)
    syntax = argparse.ArgumentParser(add_help=False, parents=[common])
    syntax.add_argument("--format", choices=["text", "json"], default="text")
    syntax.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    syntax.add_argument("--force", action="store_true", help="replace an existing output")
    analyses = analyse.add_subparsers(dest="analysis", required=True, metavar="ANALYSIS")
    analyses.add_parser("coverage", parents=[syntax], help="how the plan covers its framework")
    analyses.add_parser("workload", parents=[syntax], help="what each actor carries")
    analyses.add_parser("order", parents=[syntax], help="the steps of work, earliest years")
    analyses.add_parser("progress", parents=[syntax], help="progress rolled up, what is late")
    impact = analyses.add_parser("impact", parents=[syntax], help="what slips with one item")
    impact.add_argument(
        "--item", metavar="ID", required=True, help="the action or objective that slips"
    )

    new_city = commands.add_parser(
        "new-city", parents=[common], help="start a plugin and a plan for a new city"
    )
    new_city.add_argument("name", metavar="NAME", help='the city\'s name, e.g. "Saint-Étienne"')
    new_city.add_argument("directory", metavar="DIR", type=Path, help="a new or empty directory")
    new_city.add_argument("--framework", default="eccar-2004", help="framework id (see frameworks)")
    new_city.add_argument("--language", default="en", help="language of the plan, e.g. nl")
    new_city.add_argument("--country", default="XX", help="ISO 3166-1 alpha-2 code, e.g. BE")

    importer = commands.add_parser(
        "import", parents=[common], help="make a plan directory from a CSV or XLSX export"
    )
    importer.add_argument("spreadsheet", metavar="SPREADSHEET", type=Path, help=".csv or .xlsx")
    target = importer.add_mutually_exclusive_group(required=True)
    target.add_argument("--output", "-o", type=Path, help="the plan directory to make")
    target.add_argument(
        "--into", metavar="PLAN", type=Path, help="an existing plan to update in its own files"
    )
    importer.add_argument(
        "--plan-info",
        metavar="PLAN",
        type=Path,
        help="a plan whose city, title, actors … to use (required for CSV)",
    )
    importer.add_argument("--force", action="store_true", help="replace an existing output")
    importer.add_argument(
        "--dry-run", action="store_true", help="with --into: print the diff, write nothing"
    )

    plugins = commands.add_parser(
        "plugins", parents=[common], help="list the plugins, what they contribute, what failed"
    )
    plugins.add_argument("--json", action="store_true", help="print JSON")
    plugins.add_argument("--trace", action="store_true", help="show every hook call on stderr")

    report = commands.add_parser("report", parents=[common], help="write a report of a plan")
    report.add_argument("plan", metavar="PLAN", type=Path, nargs="?")
    report.add_argument("--format", "-f", dest="report_format", metavar="NAME")
    report.add_argument("--output", "-o", type=Path)
    report.add_argument("--force", action="store_true", help="replace an existing output")
    report.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        type=_option,
        help="a setting of the format, e.g. findings=no for html (repeatable)",
    )
    report.add_argument("--list", action="store_true", help="list the report formats")

    diff = commands.add_parser(
        "diff",
        parents=[common],
        help="list what changed between two versions of a plan",
        description="Compare two plans (OLD NEW), or one plan in two git revisions "
        "(PLAN --from REV [--to REV]; without --to, the work tree).",
    )
    diff.add_argument("old", metavar="OLD", type=Path)
    diff.add_argument("new", metavar="NEW", type=Path, nargs="?")
    diff.add_argument("--from", dest="revision_from", metavar="REV", help="the old git revision")
    diff.add_argument("--to", dest="revision_to", metavar="REV", help="the new git revision")
    diff.add_argument("--format", "-f", choices=["text", "json", "html"], default="text")
    diff.add_argument("--output", "-o", type=Path, help="a file to write (default: stdout)")
    diff.add_argument("--force", action="store_true", help="replace an existing output")

    serve = commands.add_parser(
        "serve",
        parents=[common],
        help="preview the plan's site on 127.0.0.1, rebuilt on every saved change",
    )
    serve.add_argument("plan", metavar="PLAN", type=Path)
    serve.add_argument(
        "--port", type=_port, default=8000, help="the port (default: 8000; 0: any free port)"
    )
    return parser


def _option(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not KEY=VALUE")
    return key.strip(), value.strip()


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number from 0 to 65535")
    return int(text)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    from ._errors import EccarPlanError, PlanError, UsageError

    try:
        status: int = _run(args, parser)
        return status
    except UsageError as error:
        if args.debug:
            raise
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except PlanError as error:
        if args.debug:
            raise
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except EccarPlanError as error:
        if args.debug:
            raise
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: one line, and the traceback with --debug
        if args.debug:
            raise
        print(
            f"internal error: {type(error).__name__}: {error} "
            "(run with --debug for the traceback, and please report it)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Run the command with the plugins of this process; print skipped plugins as warnings."""
    if args.command == "schema":  # needs no plugin
        return COMMANDS[args.command](args, parser)
    import warnings

    from .plugins import EccarPluginWarning, enable_tracing, get_plugins, use_plugins

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("ignore", EccarPluginWarning)  # printed below, one line each
        warnings.simplefilter("always", DeprecationWarning)  # a user's plugin or option
        try:
            plugins = get_plugins(strict=True if args.strict_plugins else None)
            if getattr(args, "trace", False):
                enable_tracing(plugins, sys.stderr)
            for line in plugins.warnings:
                print(f"warning: {line}", file=sys.stderr)
            with use_plugins(plugins):
                return COMMANDS[args.command](args, parser)
        finally:
            for seen in dict.fromkeys(str(w.message) for w in caught):
                print(f"warning: {seen}", file=sys.stderr)


def _plugins(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .plugins import get_plugins, plugins_report

    sys.stdout.write(plugins_report(get_plugins(), as_json=args.json))
    return EXIT_OK


def _load(path: Path) -> PlanDocument:
    from ._api import load_plan_document

    return load_plan_document(path)


def _validate(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ._errors import PlanError

    status = EXIT_OK
    results = []
    for path in args.plans:
        try:
            plan = _load(path).plan
        except PlanError as error:
            if args.debug:
                raise
            status = EXIT_INVALID
            problems = [problem.to_json() for problem in error.problems]
            results.append({"plan": str(path), "valid": False, "problems": problems})
            if args.format == "json":
                continue
            for problem in error.problems:
                print(problem, file=sys.stderr)
            count = len(error.problems)
            print(f"{path}: invalid, {count} problem{'s' * (count != 1)}", file=sys.stderr)
            continue
        results.append({"plan": str(path), "valid": True, "problems": []})
        if args.format == "json":
            continue
        counts = {
            "chapter": len(plan.chapters),
            "objective": sum(1 for _ in plan.objectives()),
            "action": sum(1 for _ in plan.actions()),
            "actor": len(plan.actors),
        }
        summary = ", ".join(f"{n} {word}{'s' * (n != 1)}" for word, n in counts.items())
        print(f"{path}: valid ({summary})")
    if args.format == "json":
        print(json.dumps(results, ensure_ascii=False, indent=2))
    return status


def _schema(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .schema import SCHEMAS, schema_text

    if args.name not in SCHEMAS:
        parser.error(f"unknown schema {args.name!r}; choose from {', '.join(SCHEMAS)}")
    sys.stdout.write(schema_text(args.name))
    return EXIT_OK


def _frameworks(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .model import text_in
    from .plugins import get_plugins

    plugins = get_plugins()
    frameworks, catalogue = plugins.frameworks, plugins.catalogue
    if args.json:
        rows = [
            {
                "id": f.id,
                "version": f.version,
                "title": f.title,
                "commitments": len(f.commitments),
                "languages": f.languages,
                "texts": {
                    kind: {"of": total, "languages": given}
                    for kind, (total, given) in f.text_languages().items()
                },
                "wordings": [
                    {
                        "id": w.id,
                        "language": w.language,
                        "by": w.by,
                        "plugin": catalogue.wording_plugins.get(w.id),
                        "titles": len(w.commitments),
                        "example_actions": sum(len(c.example_actions) for c in w.commitments),
                    }
                    for w in plugins.framework_wordings.values()
                    if w.framework == f.id
                ],
            }
            for f in frameworks.values()
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for framework in frameworks.values():
        title = text_in(framework.title, "en")
        print(f"{framework.id}  {title}  ({len(framework.commitments)} commitments)")
        for kind, (total, given) in framework.text_languages().items():
            counts = ", ".join(f"{language} {count}/{total}" for language, count in given.items())
            print(f"  {kind.replace('_', ' ')}: {counts or 'none'}")
        for wording in plugins.framework_wordings.values():
            if wording.framework == framework.id:
                examples = sum(len(c.example_actions) for c in wording.commitments)
                plugin = catalogue.wording_plugins.get(
                    wording.id, "a plugin without a distribution"
                )
                print(
                    f"  city wording {wording.id} ({wording.language}, by {wording.by}; for plans "
                    f"that require {plugin}): titles {len(wording.commitments)}/"
                    f"{len(framework.commitments)}, example actions {examples}/"
                    f"{len(framework.example_action_ids())}"
                )
    return EXIT_OK


def _export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    document = _load(args.plan)
    if args.output is None:
        from ._export import plan_to_json

        sys.stdout.write(plan_to_json(document.plan))
        return EXIT_OK
    return _write(document, "json", args.output, force=args.force)


def _check(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ._checking import run_checks
    from ._findings import Severity
    from ._reports.located import locate_findings

    document = _load(args.plan)
    catalogue = document.catalogue
    findings = run_checks(document, catalogue.checks.values() if catalogue else ())
    located = locate_findings(document, findings)
    if args.format == "json":
        print(json.dumps([f.to_json() for f in located], ensure_ascii=False, indent=2))
    else:
        for finding in located:
            print(finding.text())
        counts = {s: sum(f.severity is s for f in findings) for s in Severity}
        print(f"{args.plan}: " + ", ".join(f"{n} {s}{'s' * (n != 1)}" for s, n in counts.items()))
    if args.fail_on == "never":
        return EXIT_OK
    worst = Severity(args.fail_on).rank
    return EXIT_INVALID if any(f.severity.rank <= worst for f in findings) else EXIT_OK


def _graph(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    options = {"focus": args.focus} if args.focus else {}
    return _emit(args, f"graph-{args.graph_format}", options)


def _analyse(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    options = {"item": args.item} if args.analysis == "impact" else {}
    return _emit(args, f"{args.analysis}-{args.format}", options)


def _emit(args: argparse.Namespace, name: str, options: dict[str, str]) -> int:
    """Write the report format *name* of ``args.plan`` to ``args.output``, or to stdout."""
    document = _load(args.plan)
    if args.output is not None:
        return _write(document, name, args.output, force=args.force, options=options)
    import tempfile

    from .plugins import get_plugins
    from .reports import write_report

    report = get_plugins().report_formats[name]
    with tempfile.TemporaryDirectory(prefix="eccar-plan-") as scratch:
        target = Path(scratch) / f"output{report.suffix}"
        write_report(report, document, target, options=options)
        sys.stdout.write(target.read_text(encoding="utf-8"))
    return EXIT_OK


def _new_city(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ._scaffold import new_city
    from ._suggest import did_you_mean
    from .plugins import get_plugins

    frameworks = get_plugins().frameworks
    if args.framework not in frameworks:
        parser.error(
            f"unknown framework {args.framework!r}{did_you_mean(args.framework, frameworks)}; "
            f"installed: {', '.join(frameworks)}"
        )
    written = new_city(
        args.name,
        args.directory,
        framework=frameworks[args.framework],
        language=args.language,
        country=args.country,
    )
    print(f"wrote {len(written)} files in {args.directory}; next: see {args.directory}/README.md")
    return EXIT_OK


def _import(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ._api import import_plan

    if args.into is not None:
        return _import_into(args, parser)
    if args.dry_run:
        parser.error("--dry-run goes with --into")
    written = import_plan(args.spreadsheet, args.output, plan_info=args.plan_info, force=args.force)
    print(f"wrote {len(written)} files in {args.output}", file=sys.stderr)
    return EXIT_OK


def _import_into(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ._api import import_into

    for given, option in ((args.plan_info, "--plan-info"), (args.force, "--force")):
        if given:
            parser.error(f"{option} does not go with --into: the plan's own files are kept")
    diff = import_into(args.spreadsheet, args.into, dry_run=args.dry_run)
    if not diff:
        print(f"{args.into}: no changes", file=sys.stderr)
    elif args.dry_run:
        sys.stdout.write(diff)
    else:
        files = [line[4:] for line in diff.splitlines() if line.startswith("+++ ")]
        print(f"updated {args.into}: {', '.join(files)}", file=sys.stderr)
    return EXIT_OK


def _report(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .plugins import get_plugins

    formats = get_plugins().report_formats
    if args.list:
        width = max(map(len, formats), default=0)
        for name, report in formats.items():
            print(f"{name:<{width}}  {report.description}")
        return EXIT_OK
    if args.plan is None or args.report_format is None or args.output is None:
        parser.error("report needs PLAN, --format NAME and --output PATH (or --list)")
    if args.report_format not in formats:
        from ._suggest import did_you_mean

        parser.error(
            f"unknown report format {args.report_format!r}"
            f"{did_you_mean(args.report_format, formats)}; choose from "
            f"{', '.join(formats)}"
        )
    options = dict(args.option)
    return _write(
        _load(args.plan), args.report_format, args.output, force=args.force, options=options
    )


def _serve(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ._serve import Preview

    try:
        with Preview(args.plan, port=args.port) as preview:
            print(f"serving {args.plan} at {preview.url} (Ctrl-C stops)", flush=True)
            preview.watch()
    except KeyboardInterrupt:
        pass
    print("stopped", file=sys.stderr)
    return EXIT_OK


def _diff(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    import tempfile

    from ._load.revision import plan_at_revision
    from ._reports.versions import render_diff
    from ._reports.writing import write_text

    if args.revision_from is None and (args.new is None or args.revision_to is not None):
        parser.error("diff takes OLD NEW, or PLAN --from REV [--to REV]")
    if args.revision_from is not None and args.new is not None:
        parser.error("with --from, diff takes one PLAN")
    with tempfile.TemporaryDirectory(prefix="eccar-plan-diff-") as scratch:
        if args.revision_from is None:
            old, new = args.old, args.new
            labels = str(old), str(new)
        else:
            old = plan_at_revision(args.old, args.revision_from, Path(scratch, "old"))
            new = args.old
            if args.revision_to is not None:
                new = plan_at_revision(args.old, args.revision_to, Path(scratch, "new"))
            to = f"{args.revision_to}:{args.old}" if args.revision_to else f"{args.old} (work tree)"
            labels = f"{args.revision_from}:{args.old}", to
        documents = _load(old), _load(new)
        text = render_diff(*documents, *labels, output=args.format)
    if args.output is None:
        sys.stdout.write(text)
    else:
        from ._errors import EccarPlanError

        if any(args.output.resolve() == source for d in documents for source in d.paths):
            raise EccarPlanError(f"{args.output} would overwrite a plan's own file")
        write_text(text, args.output, force=args.force)
        print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _write(
    document: PlanDocument,
    name: str,
    output: Path,
    *,
    force: bool,
    options: dict[str, str] | None = None,
) -> int:
    from ._errors import EccarPlanError
    from .plugins import get_plugins
    from .reports import write_report

    target = output.resolve()
    for source in document.paths:
        if target == source or source.is_relative_to(target):
            raise EccarPlanError(f"{output} would overwrite the plan's own file {source.name}")
    report = get_plugins().report_formats[name]
    write_report(report, document, output, force=force, options=options)
    print(f"wrote {output}", file=sys.stderr)
    return EXIT_OK


COMMANDS = {
    "validate": _validate,
    "schema": _schema,
    "frameworks": _frameworks,
    "export": _export,
    "check": _check,
    "graph": _graph,
    "analyse": _analyse,
    "new-city": _new_city,
    "plugins": _plugins,
    "import": _import,
    "report": _report,
    "serve": _serve,
    "diff": _diff,
}
