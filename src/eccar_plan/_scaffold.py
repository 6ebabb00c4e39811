"""``eccar-plan new-city``: a city's plugin package and plan skeleton, generated from templates.

:func:`new_city` writes, into a new (or empty) directory, an installable plugin distribution
(``pyproject.toml``, ``src/eccar_<module>/`` with the hooks, the partners and ``py.typed``,
``tests/``) and a plan skeleton in ``plan/`` with one chapter file per commitment of a framework.

The templates are plain text files in :mod:`eccar_plan`'s package data
(``scaffold_templates/``), filled with :class:`string.Template`. Every value put into a file is
quoted for that file's language (YAML, TOML, Python, Markdown), so any city name gives valid
files. The output depends only on the arguments: the same call writes the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime
import importlib.resources
import re
import string
import textwrap
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import yaml

from ._errors import EccarPlanError
from ._version import __version__
from .model import Commitment, Framework, Text
from .model._base import COUNTRY_PATTERN, LANGUAGE_PATTERN

__all__ = ["MAX_SLUG_LENGTH", "PLACEHOLDER_COUNTRY", "city_slug", "new_city", "render_city"]

PLACEHOLDER_COUNTRY = "XX"
"""The country code written when none is given: valid, and marked TODO in the plan."""
MAX_SLUG_LENGTH = 64
"""The longest slug accepted, so that ids built from it stay within the model's limits."""
FALLBACK_LANGUAGE = "en"

# Letters that Unicode decomposition does not reduce to ASCII.
_EXAMPLE_CHECK_WORDS = {
    "nl": (
        "geen enkele actie van doelstelling {id} noemt een trekker",
        "Noem de partner die een van de acties van de doelstelling trekt.",
    ),
    "fr": (
        "aucune action de l\u2019objectif {id} ne nomme de pilote",
        "Nommez le partenaire qui pilote l\u2019une des actions de l\u2019objectif.",
    ),
    "de": (
        "keine Maßnahme von Ziel {id} nennt eine Federführung",
        "Nennen Sie den Partner, der bei einer der Maßnahmen des Ziels federführend ist.",
    ),
}
"""The example check's message and advice in the languages eccar-plan ships (besides English),
for the plugin's catalog; other languages get an empty catalog to translate."""

_TRANSLITERATION = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "\u0131": "i",  # dotless i
        "ŀ": "l",
        "Ŀ": "L",
    }
)


def city_slug(name: str) -> str:
    """The lowercase ASCII kebab-case slug of a city's *name*; empty when nothing is left.

    >>> city_slug("Saint-Étienne")
    'saint-etienne'
    >>> city_slug("Den Haag")
    'den-haag'
    >>> city_slug("'s-Hertogenbosch")
    's-hertogenbosch'
    """
    decomposed = unicodedata.normalize("NFKD", name.translate(_TRANSLITERATION))
    ascii_only = "".join(c for c in decomposed if c.isascii())
    return re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")


def new_city(
    name: str,
    directory: Path,
    *,
    framework: Framework,
    language: str,
    country: str = PLACEHOLDER_COUNTRY,
    start_year: int | None = None,
    end_year: int | None = None,
) -> list[Path]:
    """Write a plugin package and a plan skeleton for the city *name* into *directory*.

    *directory* must not exist or must be empty; nothing is ever overwritten. The plan implements
    *framework* in *language*: one chapter file per commitment, titled in *language* (else in
    English, else in any language, marked ``TODO: translate``), with the commitment's example
    actions offered as objectives. The period runs from *start_year* (default: this year) to
    *end_year* (default: four years later); *country* defaults to the placeholder ``XX``.

    Returns the files written, sorted. Raises :class:`~eccar_plan.EccarPlanError` when an
    argument is unusable or *directory* is not empty.
    """
    files = render_city(
        name,
        framework=framework,
        language=language,
        country=country,
        start_year=start_year,
        end_year=end_year,
    )
    _check_target(directory)
    return _write_all(directory, files)


def render_city(
    name: str,
    *,
    framework: Framework,
    language: str,
    country: str = PLACEHOLDER_COUNTRY,
    start_year: int | None = None,
    end_year: int | None = None,
) -> dict[str, str]:
    """The files :func:`new_city` writes, by relative path, without touching the disk."""
    if any(unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") for c in name):
        raise EccarPlanError("the city's name contains line breaks or control characters")
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    if not name:
        raise EccarPlanError("the city's name is empty")
    slug = city_slug(name)
    if not slug:
        raise EccarPlanError(
            f"the city's name {name!r} gives no ASCII letters or digits for the plugin's name; "
            "write it in Latin letters"
        )
    if len(slug) > MAX_SLUG_LENGTH:
        raise EccarPlanError(
            f"the city's name {name!r} is too long for a plugin name "
            f"(at most {MAX_SLUG_LENGTH} letters and digits)"
        )
    if not re.fullmatch(LANGUAGE_PATTERN, language):
        raise EccarPlanError(f"{language!r} is not a language code such as 'en', 'nl' or 'fr-BE'")
    if not re.fullmatch(COUNTRY_PATTERN, country):
        raise EccarPlanError(f"{country!r} is not a country code in capitals such as 'BE'")
    start = datetime.date.today().year if start_year is None else start_year
    end = start + 4 if end_year is None else end_year
    if not 1900 <= start <= end <= 2200:
        raise EccarPlanError(
            f"the period {start}-{end} is not a range of years between 1900 and 2200"
        )

    package = "eccar_" + slug.replace("-", "_")
    width = len(str(max(c.number for c in framework.commitments)))
    chapter_files = {c.number: f"chapters/{c.number:0{width}d}.yaml" for c in framework.commitments}
    values = {
        "slug": slug,
        "package": package,
        "distribution": f"eccar-plan-{slug}",
        "version": __version__,
        "framework_id": framework.id,
        "language": language,
        "name_comment": name,
        "name_yaml": _yaml(name),
        "name_python": _quoted(name)[1:-1],  # the template has the quotes
        "name_md": _markdown(name),
        "description_toml": _quoted(
            f"The eccar-plan plugin of {name}: its partners, a check and a report."
        ),
        "directory_title_yaml": _yaml(f"Services and partners of {name}"),
        "title_yaml": _yaml(f"{name}: ECCAR action plan {start}-{end}"),
        "language_yaml": _yaml(language),
        "framework_yaml": _yaml(framework.id),
        "country_yaml": _yaml(country),
        "country_todo": (
            '  # TODO: the city\'s ISO 3166-1 alpha-2 country code, e.g. "BE"'
            if country == PLACEHOLDER_COUNTRY
            else ""
        ),
        "start": str(start),
        "end": str(end),
        "includes": "\n".join(f"  - {_yaml(path)}" for path in chapter_files.values()),
    }
    files = {
        "pyproject.toml": _fill("pyproject.toml.tmpl", values),
        "README.md": _fill("README.md.tmpl", values),
        f"src/{package}/__init__.py": _fill("__init__.py.tmpl", values),
        f"src/{package}/plugin.py": _fill("plugin.py.tmpl", values),
        f"src/{package}/partners.yaml": _fill("partners.yaml.tmpl", values),
        f"src/{package}/py.typed": "",
        "tests/conftest.py": _fill("conftest.py.tmpl", values),
        "tests/test_plugin.py": _fill("test_plugin.py.tmpl", values),
        "plan/plan.yaml": _fill("plan.yaml.tmpl", values),
    }
    base = language.partition("-")[0].lower()
    if base != FALLBACK_LANGUAGE:
        message, advice = _EXAMPLE_CHECK_WORDS.get(base, ("", ""))
        todo = "" if message else "\n# TODO: translate the two messages below into this language."
        words = {**values, "language": base, "message": message, "advice": advice, "todo": todo}
        files[f"src/{package}/locale/{base}/LC_MESSAGES/{package}.po"] = _fill(
            "messages.po.tmpl", words
        )
    for commitment in framework.commitments:
        body = _chapter_body(commitment, framework, language)
        chapter_values = {**values, "number": str(commitment.number), "body": body}
        files[f"plan/{chapter_files[commitment.number]}"] = _fill(
            "chapter.yaml.tmpl", chapter_values
        )
    return files


# -- chapters ----------------------------------------------------------------------------------


def _chapter_body(commitment: Commitment, framework: Framework, language: str) -> str:
    """The keys of one chapter after ``commitment:``, indented for the chapter file."""
    lines: list[str] = []
    title, title_language = _pick(commitment.title, language, framework)
    lines += _todo_translate("title", language, title_language)
    lines.append(f"title: {_yaml(title)}")
    objective = commitment.objective
    if objective is not None and _has(objective, language, framework):
        lines.append(f"description: {_yaml(_pick(objective, language, framework)[0])}")
    elif objective is not None:
        text, text_language = _pick(objective, language, framework)
        lines.append(
            f"# TODO: a description in {language!r}; the framework's objective in "
            f"{text_language!r} reads:"
        )
        lines += _comment_block(text)
    elif "objective" in commitment.missing:
        lines.append("# The framework gives no objective for this commitment:")
        lines += _comment_block(commitment.missing["objective"])
    lines += [
        "# working_group:",
        "#   members:",
        "#     - {actor: equality-office, role: organiser}",
    ]
    if not commitment.example_actions:
        lines.append("# The framework gives no example actions for this commitment.")
        if "example_actions" in commitment.missing:
            lines += _comment_block(commitment.missing["example_actions"])
        lines.append("objectives: []")
    else:
        lines.append("objectives:")
        for index, action in enumerate(commitment.example_actions, start=1):
            text, text_language = _pick(action.text, language, framework)
            lines.append(f"  - id: {_yaml(f'{commitment.number}.{index}')}")
            lines += [f"    {line}" for line in _todo_translate("title", language, text_language)]
            lines.append(f"    title: {_yaml(text)}")
            reference = f"{framework.id}:{commitment.number}/{action.id}"
            lines.append(f"    implements: [{_yaml(reference)}]")
    return "\n".join(f"    {line}" for line in lines)


def _own_language(text: Text, language: str, framework: Framework) -> str | None:
    """The key under which *text* is given in *language* (or its base language, for ``fr-BE``)."""
    base = language.partition("-")[0]
    if isinstance(text, str):  # a plain string is in the framework's first language
        return framework.languages[0] if framework.languages[0] in (language, base) else None
    return next((key for key in (language, base) if key in text), None)


def _has(text: Text, language: str, framework: Framework) -> bool:
    """Whether *text* is given in *language*."""
    return _own_language(text, language, framework) is not None


def _pick(text: Text, language: str, framework: Framework) -> tuple[str, str | None]:
    """*text* in *language*, else in English, else in any language; and the fallback used.

    The fallback language is ``None`` when the text is given in *language*.
    """
    if isinstance(text, str):
        own = _own_language(text, language, framework)
        return text, (None if own else framework.languages[0])
    own = _own_language(text, language, framework)
    if own is not None:
        return text[own], None
    fallback = FALLBACK_LANGUAGE if FALLBACK_LANGUAGE in text else next(iter(text))
    return text[fallback], fallback


def _todo_translate(what: str, language: str, given: str | None) -> list[str]:
    if given is None:
        return []
    return [f"# TODO: translate (the framework gives no {language!r} {what}; this is {given!r})"]


def _comment_block(text: str) -> list[str]:
    return [f"#   {line}" for line in textwrap.wrap(" ".join(text.split()), width=88)]


# -- quoting -----------------------------------------------------------------------------------


def _yaml(value: str) -> str:
    """*value* as a YAML double-quoted scalar on one line."""
    dumped = yaml.dump(
        value, Dumper=yaml.SafeDumper, default_style='"', allow_unicode=True, width=1 << 30
    ).rstrip("\n")
    if "\n" in dumped or yaml.safe_load(dumped) != value:  # pragma: no cover - a PyYAML change
        raise EccarPlanError(f"cannot write {value!r} as YAML")
    return dumped


def _quoted(value: str) -> str:
    """*value* as a double-quoted string literal that is both valid Python and valid TOML.

    Printable characters are kept; ``"`` and ``\\`` are escaped, anything else is written as a
    ``\\uXXXX`` or ``\\UXXXXXXXX`` escape, which both languages read the same way.
    """
    escaped = []
    for char in value:
        if char in '"\\':
            escaped.append("\\" + char)
        elif char.isprintable():
            escaped.append(char)
        elif ord(char) <= 0xFFFF:
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(f"\\U{ord(char):08x}")
    return '"' + "".join(escaped) + '"'


def _markdown(value: str) -> str:
    """*value* with the ASCII punctuation that Markdown could read as markup escaped."""
    return re.sub(r"([\\`*_{}\[\]<>()#+!|~])", r"\\\1", value)


# -- templates and files -----------------------------------------------------------------------


def _fill(template: str, values: Mapping[str, str]) -> str:
    resource = importlib.resources.files("eccar_plan").joinpath("scaffold_templates", template)
    return string.Template(resource.read_text(encoding="utf-8")).substitute(values)


def _check_target(directory: Path) -> None:
    if directory.is_dir():
        if any(directory.iterdir()):
            raise EccarPlanError(f"{directory} is not empty; choose a new or empty directory")
    elif directory.exists() or directory.is_symlink():
        raise EccarPlanError(f"{directory} exists and is not a directory")


def _write_all(directory: Path, files: Mapping[str, str]) -> list[Path]:
    """Write *files* under *directory*, never replacing a file; undo everything on failure."""
    folders = sorted({directory / relative for relative in map(_parent, files)})
    created: list[Path] = []
    try:
        for folder in folders:
            for missing in [f for f in reversed([folder, *folder.parents]) if not f.exists()]:
                missing.mkdir()
                created.append(missing)
        for relative in sorted(files):
            path = directory / relative
            with path.open("x", encoding="utf-8", newline="\n") as stream:
                created.append(path)
                stream.write(files[relative])
    except OSError as error:
        for path in reversed(created):
            with contextlib.suppress(OSError):
                if path.is_dir():
                    path.rmdir()
                else:
                    path.unlink()
        raise EccarPlanError(
            f"cannot write {error.filename or directory}: {error.strerror or error}"
        ) from None
    return [directory / relative for relative in sorted(files)]


def _parent(relative: str) -> str:
    return relative.rpartition("/")[0] or "."
