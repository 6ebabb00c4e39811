"""Cross-references of a plan: unique ids, and every reference pointing at something that exists.

Runs on the plan's raw data, beside model validation, so that one run reports every problem: a
plan with a misspelt key *and* a dangling actor id gets both messages at once. It reads the data
tolerantly: whatever has the wrong shape is left to model validation to report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import attrs

from eccar_plan._document import Catalogue, DocPath
from eccar_plan._errors import Problem
from eccar_plan._suggest import did_you_mean
from eccar_plan.model import Framework, PluginRequirement

from .read import Document

__all__ = ["Known", "check_references", "check_requirements"]


@attrs.frozen
class Known:
    """What the plugins offer that a plan may refer to."""

    frameworks: dict[str, Framework]
    actor_directories: dict[str, frozenset[str]]
    taxonomies: dict[str, frozenset[str]]

    @classmethod
    def of(cls, catalogue: Catalogue) -> Known:
        """The ids a plan may refer to, of what *catalogue* offers."""
        return cls(
            frameworks=dict(catalogue.frameworks),
            actor_directories={
                name: frozenset(a.id for a in d.actors)
                for name, d in catalogue.actor_directories.items()
            },
            taxonomies={
                name: frozenset(t.id for t in taxonomy.terms)
                for name, taxonomy in catalogue.taxonomies.items()
            },
        )


def _entries(data: Any, *keys: str) -> Iterator[tuple[DocPath, dict[str, Any]]]:
    """The mappings in the list at ``data[keys[0]]``, then nested lists, with their paths."""

    def walk(node: Any, path: DocPath, rest: tuple[str, ...]) -> Iterator[tuple[DocPath, Any]]:
        if not rest:
            yield path, node
            return
        if isinstance(node, dict) and isinstance(node.get(rest[0]), list):
            for index, item in enumerate(node[rest[0]]):
                if isinstance(item, dict):
                    yield from walk(item, (*path, rest[0], index), rest[1:])

    yield from walk(data, (), keys)


def _strings(value: Any) -> Iterator[tuple[int | None, str]]:
    """The strings of *value*: itself (index ``None``) or the items of a list."""
    if isinstance(value, str):
        yield None, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield index, item


class _Checker:
    def __init__(self, document: Document, known: Known) -> None:
        self.document = document
        self.known = known
        self.problems: list[Problem] = []
        self.files = list(dict.fromkeys(p.file for p in document.positions.values()))
        self.files.append(document.file)

    def order(self, path: DocPath) -> tuple[int, int, int]:
        """Sort key of *path*: its file in reading order, then its line and column."""
        position = self.document.position(path)
        return (self.files.index(position.file), position.line, position.column)

    def report(self, path: DocPath, message: str) -> None:
        self.problems.append(self.document.problem(path, message))

    def ids(self, entries: list[tuple[DocPath, dict[str, Any]]], what: str) -> dict[str, DocPath]:
        """Collect the ``id`` of each entry, reporting duplicates."""
        seen: dict[str, DocPath] = {}
        for path, entry in sorted(entries, key=lambda e: self.order(e[0])):
            value = entry.get("id")
            if not isinstance(value, str):
                continue
            if value in seen:
                first = self.document.position(seen[value])
                self.report((*path, "id"), f"duplicate {what} id {value!r} (first at {first})")
            else:
                seen[value] = (*path, "id")
        return seen

    def refers(
        self, owner: DocPath, key: str, value: Any, targets: dict[str, Any], what: str
    ) -> None:
        """Report each string in *value* that is not a key of *targets*."""
        for index, target in _strings(value):
            if target not in targets:
                path = (*owner, key) if index is None else (*owner, key, index)
                self.report(path, f"unknown {what} {target!r}{did_you_mean(target, targets)}")


def check_requirements(
    document: Document, unmet: Callable[[str, str | None], str | None]
) -> list[Problem]:
    """A problem for each plugin in the plan's ``requires`` that is missing or at the wrong version.

    *unmet(distribution, specifier)* says why a requirement is not met, or ``None`` when it is
    (:meth:`eccar_plan.Plugins.requirement_problem`). Entries of the wrong shape are left to model
    validation.
    """
    data, check = document.data, _Checker(document, Known({}, {}, {}))
    if not isinstance(data, dict):
        return []
    for path, entry in _entries(data, "requires"):
        try:
            requirement = PluginRequirement.model_validate(entry)
        except ValueError:
            continue
        reason = unmet(requirement.plugin, requirement.version)
        if reason is not None:
            wanted = f"{requirement.plugin} {requirement.version or ''}".strip()
            check.report(path, f"needs the plugin {wanted}, {reason}")
    return check.problems


def check_references(document: Document, known: Known) -> list[Problem]:
    """Every broken or duplicate reference in the plan *document*."""
    data, check = document.data, _Checker(document, known)
    if not isinstance(data, dict):
        return []
    framework = _check_framework(check, data)

    directory_actors: dict[str, DocPath] = {}
    for index, name in _strings(data.get("actor_directories")):
        if name not in known.actor_directories:
            choices = known.actor_directories
            check.report(
                ("actor_directories", index or 0),
                f"unknown actor directory {name!r}{did_you_mean(name, choices)}"
                f" (installed: {', '.join(sorted(choices)) or 'none'})",
            )
            continue
        for actor_id in known.actor_directories[name]:
            directory_actors.setdefault(actor_id, ("actor_directories", index or 0))
    actors = check.ids(list(_entries(data, "actors")), "actor")
    for actor_id, path in actors.items():
        if actor_id in directory_actors:
            check.report(path, f"actor id {actor_id!r} is also in a plan's actor directory")
    actors = {**directory_actors, **actors}

    parents: dict[str, tuple[str, DocPath]] = {}
    for path, actor in _entries(data, "actors"):
        check.refers(path, "part_of", actor.get("part_of"), actors, "actor")
        check.refers(path, "members", actor.get("members"), actors, "actor")
        if isinstance(actor.get("id"), str) and isinstance(actor.get("part_of"), str):
            parents.setdefault(actor["id"], (actor["part_of"], (*path, "part_of")))
    _check_part_of_loops(check, parents)

    instruments = check.ids(list(_entries(data, "instruments")), "instrument")
    for path, instrument in _entries(data, "instruments"):
        check.refers(path, "owner", instrument.get("owner"), actors, "actor")
    check.ids(list(_entries(data, "notes")), "note")

    terms = _check_taxonomies(check, data)
    objectives = list(_entries(data, "chapters", "objectives"))
    actions = list(_entries(data, "chapters", "objectives", "actions"))
    work_items = check.ids(objectives + actions, "objective or action")
    action_ids = {e["id"]: True for _, e in actions if isinstance(e.get("id"), str)}

    commitments: dict[int, DocPath] = {}
    for path, chapter in _entries(data, "chapters"):
        number = chapter.get("commitment")
        if isinstance(number, int) and not isinstance(number, bool):
            if number in commitments:
                first = document.position(commitments[number])
                check.report(
                    (*path, "commitment"), f"commitment {number} has a chapter already ({first})"
                )
            commitments.setdefault(number, (*path, "commitment"))
            if framework is not None and framework.commitment(number) is None:
                check.report(
                    (*path, "commitment"),
                    f"framework {framework.id!r} has no commitment {number}"
                    f" (it has 1 to {len(framework.commitments)})",
                )
        group = chapter.get("working_group")
        if isinstance(group, dict):
            check.refers((*path, "working_group"), "body", group.get("body"), actors, "actor")
            for member_path, member in _entries(group, "members"):
                full = (*path, "working_group", *member_path)
                check.refers(full, "actor", member.get("actor"), actors, "actor")

    example_actions = framework.example_action_ids() if framework else None
    for path, objective in objectives:
        if example_actions is not None:
            check.refers(
                path,
                "implements",
                objective.get("implements"),
                example_actions,
                "framework example action",
            )
        check.refers(path, "tags", objective.get("tags"), terms, "tag")
    for path, action in actions:
        check.refers(path, "actors", action.get("actors"), actors, "actor")
        check.refers(path, "lead", action.get("lead"), actors, "actor")
        check.refers(path, "instruments", action.get("instruments"), instruments, "instrument")
        check.refers(path, "tags", action.get("tags"), terms, "tag")
        own = action.get("id")
        same_as = action.get("same_as")
        check.refers(path, "same_as", same_as, action_ids, "action")
        if same_as is not None and same_as == own:
            check.report((*path, "same_as"), "an action cannot be the same as itself")
        for dep_path, dependency in _entries(action, "depends_on"):
            full = (*path, *dep_path)
            needs = dependency.get("needs")
            check.refers(full, "needs", needs, work_items, "objective or action")
            if needs is not None and needs == own:
                check.report((*full, "needs"), "an action cannot depend on itself")

    objective_ids = {e["id"]: True for _, e in objectives if isinstance(e.get("id"), str)}
    check.ids(list(_entries(data, "indicators")), "indicator")
    for path, indicator in _entries(data, "indicators"):
        check.refers(path, "objectives", indicator.get("objectives"), objective_ids, "objective")
    return check.problems


def _check_part_of_loops(check: _Checker, parents: dict[str, tuple[str, DocPath]]) -> None:
    """Report each loop of ``part_of`` (a team part of itself, or of its own part) once."""
    reported: set[str] = set()
    for start in sorted(parents):
        chain = [start]
        while chain[-1] in parents and parents[chain[-1]][0] not in chain:
            chain.append(parents[chain[-1]][0])
        if chain[-1] not in parents or reported & set(chain):
            continue
        loop = chain[chain.index(parents[chain[-1]][0]) :]
        first = min(loop)
        reported.update(loop)
        names = " → ".join([*loop[loop.index(first) :], *loop[: loop.index(first)], first])
        check.report(parents[first][1], f"part_of goes round in a loop: {names}")


def _check_framework(check: _Checker, data: dict[str, Any]) -> Framework | None:
    name = data.get("framework")
    if not isinstance(name, str):
        return None
    framework = check.known.frameworks.get(name)
    if framework is None:
        choices = check.known.frameworks
        check.report(
            ("framework",),
            f"unknown framework {name!r}{did_you_mean(name, choices)}"
            f" (installed: {', '.join(sorted(choices)) or 'none'})",
        )
    return framework


def _check_taxonomies(check: _Checker, data: dict[str, Any]) -> dict[str, bool]:
    """Every valid tag (``taxonomy:term``) of the plan's and the plugins' taxonomies."""
    local = list(_entries(data, "taxonomies"))
    check.ids(local, "taxonomy")
    terms = {f"{t}:{term}": True for t, ts in check.known.taxonomies.items() for term in ts}
    for path, taxonomy in local:
        taxonomy_id = taxonomy.get("id")
        plugin_terms = check.known.taxonomies.get(str(taxonomy_id))
        own_terms = {
            t["id"] for _, t in _entries(taxonomy, "terms") if isinstance(t.get("id"), str)
        }
        if plugin_terms is not None and own_terms != plugin_terms:
            check.report(
                (*path, "id"),
                f"taxonomy {taxonomy_id!r} differs from the one a plugin contributes; "
                "rename it, or drop it to use the plugin's",
            )
        for _, term in _entries(taxonomy, "terms"):
            if isinstance(term.get("id"), str):
                terms[f"{taxonomy.get('id')}:{term['id']}"] = True
        check.ids([((*path, *p), t) for p, t in _entries(taxonomy, "terms")], "term")
    return terms
