"""Report formats: the record a plugin contributes, the options it declares, and the context its
writer is given. Plain records; :func:`eccar_plan.write_report` does the writing."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._deprecation import warn_deprecated
from ._errors import UsageError
from ._suggest import did_you_mean

if TYPE_CHECKING:
    from ._document import PlanDocument
    from ._findings import Finding

__all__ = [
    "INTERNAL_NOTES",
    "Option",
    "OptionValue",
    "ReportContext",
    "ReportFormat",
    "Writer",
    "lazy_writer",
    "parse_options",
]

OptionValue = str | bool
"""The value of an option once parsed: text, or yes/no as a truth value."""
OptionKind = Literal["text", "yes-no", "choice"]
_NAME = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_YES = ("yes", "true", "1", "on")
_NO = ("no", "false", "0", "off")


@attrs.frozen
class Option:
    """A setting a report format declares, given as ``report --option NAME=VALUE``.

    ``kind`` is ``text`` (any text), ``yes-no`` (``yes``/``no``, also ``true``/``false``,
    ``1``/``0``, ``on``/``off``; a truth value once parsed) or ``choice`` (one of ``choices``).
    An option without a ``default`` is absent from the parsed options unless given, or an error
    when ``required``.
    """

    name: str = attrs.field(validator=attrs.validators.matches_re(_NAME))
    help: str = ""
    kind: OptionKind = "text"
    default: OptionValue | None = None
    choices: tuple[str, ...] = ()
    required: bool = False

    def parse(self, value: str, report: str) -> OptionValue:
        """*value* as this option's type; a :class:`~eccar_plan.UsageError` when it is not one."""
        text = value.strip()
        if self.kind == "yes-no":
            if text.lower() in _YES:
                return True
            if text.lower() in _NO:
                return False
            raise UsageError(
                f"the {report} report's option {self.name} must be yes or no, not {text!r}"
            )
        if self.kind == "choice" and text not in self.choices:
            raise UsageError(
                f"the {report} report's option {self.name} must be one of "
                f"{', '.join(self.choices)}, not {text!r}{did_you_mean(text, self.choices)}"
            )
        if self.required and not text:
            raise UsageError(f"the {report} report's option {self.name} needs a value")
        return text


INTERNAL_NOTES = Option(
    "internal-notes",
    "whether the report shows the plan's internal notes too (yes or no)",
    kind="yes-no",
    default=False,
)
"""The option of a format that publishes a plan: ``internal-notes=yes`` shows the internal
notes (editorial or transcription remarks) too. Without it, or when the format does not declare
it, the writer is given the plan without them."""


def _options(value: Iterable[Option | str]) -> tuple[Option, ...]:
    """Options as declared; a bare name is a text option (the form of eccar-plan 0.1)."""
    return tuple(Option(item) if isinstance(item, str) else item for item in value)


class ReportContext:
    """What a report format's writer is given: the plan, the findings of the checks that apply
    to it, and the format's options, parsed.

    ``findings`` are found the first time a writer asks for them (a format that shows none pays
    nothing), in :func:`eccar_plan.run_checks`'s order. ``options`` holds every declared option
    that was given or has a default; ``given`` the options as they were given, as text.
    """

    __slots__ = ("_find", "_findings", "document", "given", "options")

    def __init__(
        self,
        document: PlanDocument,
        options: Mapping[str, OptionValue] | None = None,
        *,
        findings: Callable[[], Sequence[Finding]] | Sequence[Finding] = (),
        given: Mapping[str, str] | None = None,
    ) -> None:
        self.document = document
        self.options: Mapping[str, OptionValue] = dict(options or {})
        self.given: Mapping[str, str] = dict(given or {})
        self._find = findings if callable(findings) else None
        self._findings: list[Finding] | None = None if callable(findings) else list(findings)

    @property
    def findings(self) -> list[Finding]:
        """The findings of the checks that apply to the plan, silences applied."""
        if self._findings is None:
            assert self._find is not None
            self._findings = list(self._find())
        return self._findings


Writer = Callable[[ReportContext, Path], None]
"""A format's writer: ``write(context, target)`` writes the report to the path *target*."""
LegacyWriter = Callable[["PlanDocument", Path, Mapping[str, str]], None]


def _positional_parameters(function: Callable[..., Any]) -> int | None:
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return None
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return sum(1 for p in parameters if p.kind in kinds)


def _adapt(function: Callable[..., None], name: str) -> Writer:
    """*function* as a writer: one of ``(context, target)``, or of eccar-plan 0.1's
    ``(document, target, options)`` (deprecated), called with the document and the given
    options."""
    if isinstance(function, _LazyWriter) or _positional_parameters(function) != 3:
        return function
    warn_deprecated(
        f"the report writer {name}(document, target, options)",
        "a writer of (context, target), which gets document, findings and options in context",
        stacklevel=5,
    )

    def write(context: ReportContext, target: Path) -> None:
        function(context.document, target, context.given)

    write.__qualname__ = write.__name__ = getattr(function, "__name__", "write")
    return write


def _converted_writer(function: Callable[..., None]) -> Writer:
    return _adapt(function, getattr(function, "__qualname__", repr(function)))


@attrs.frozen
class ReportFormat:
    """A way to publish a plan, contributed through the ``eccar_report_formats`` hook.

    ``write(context, target)`` writes the report of ``context.document`` to *target*: a file, or
    a directory it creates when ``directory`` is true. eccar-plan gives it a temporary path
    beside the output and moves the result into place, so a failed report never leaves half a
    file behind. ``options`` declares the settings the format understands
    (``report --option NAME=VALUE``); any other is an error rather than silently ignored.

    A format publishes the plan unless ``exchange`` is true: its writer is given the plan
    without internal notes, unless it declares :data:`INTERNAL_NOTES` and is asked for them.
    An exchange format (for editing and reading back, as ``json``, ``csv`` and ``xlsx``) is given
    every note with its audience.
    """

    name: str = attrs.field(validator=attrs.validators.matches_re(_NAME))
    description: str
    suffix: str
    write: Writer = attrs.field(repr=False, converter=_converted_writer)
    directory: bool = False
    options: tuple[Option, ...] = attrs.field(default=(), converter=_options)
    exchange: bool = False

    def option(self, name: str) -> Option | None:
        """The declared option *name*, or ``None``."""
        return next((option for option in self.options if option.name == name), None)

    def shows_internal_notes(self, options: Mapping[str, OptionValue]) -> bool:
        """Whether the writer is given the internal notes, with the parsed *options*."""
        return self.exchange or options.get(INTERNAL_NOTES.name) is True


def parse_options(report: ReportFormat, given: Mapping[str, str]) -> dict[str, OptionValue]:
    """The options of *report*: each given one parsed, the others at their defaults.

    Raises :class:`~eccar_plan.UsageError` for an option the format does not declare, a value
    of the wrong kind or a required option left out.
    """
    names = [option.name for option in report.options]
    for key in given:
        if report.option(key) is None:
            known = ", ".join(names) or "none"
            raise UsageError(
                f"the {report.name} report has no option {key!r}{did_you_mean(key, names)} "
                f"(its options: {known})"
            )
    parsed: dict[str, OptionValue] = {}
    for option in report.options:
        if option.name in given:
            parsed[option.name] = option.parse(given[option.name], report.name)
        elif option.required:
            raise UsageError(
                f"the {report.name} report needs the option {option.name} "
                f"(--option {option.name}=VALUE): {option.help}".rstrip(": ")
            )
        elif option.default is not None:
            parsed[option.name] = option.default
    return parsed


class _LazyWriter:
    """A writer that imports its module only when a report is written."""

    def __init__(self, module: str, function: str) -> None:
        self.module, self.function = module, function
        self.__name__ = self.__qualname__ = function

    def __call__(self, context: ReportContext, target: Path) -> None:
        found = getattr(importlib.import_module(self.module), self.function)
        _adapt(found, f"{self.module}.{self.function}")(context, target)

    def __repr__(self) -> str:
        return f"lazy_writer({self.module!r}, {self.function!r})"


def lazy_writer(module: str, function: str) -> Writer:
    """A writer that imports *module* and calls its *function* only when a report is written.

    Register report formats with it, so that the libraries a format needs (python-docx,
    openpyxl, Jinja2 …) are not imported by every command that loads the plugins::

        ReportFormat("council-brief", "…", ".md", lazy_writer("my_city.brief", "write_brief"))
    """
    return _LazyWriter(module, function)
