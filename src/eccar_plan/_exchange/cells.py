"""Spreadsheet cells that stay text: formulas neutralised, and characters files cannot hold.

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or a
carriage return) as a formula — even in a CSV file, and even after leading spaces. A plan text
such as ``=HYPERLINK("http://x")`` must never become one. Following the OWASP recommendation on
CSV injection, :func:`neutralise` puts an apostrophe before such a cell; :func:`restore` removes
exactly that apostrophe again, so the round trip export → import is lossless.

So that the escaping can be undone exactly, a text that starts with apostrophes followed by
something formula-like gets one apostrophe more (``'=1`` is written ``''=1``). Any other text
starting with an apostrophe (``'t Hof``) is written as it is.
"""

from __future__ import annotations

import re

__all__ = [
    "PREFIX",
    "FormulaCellError",
    "formula_like",
    "needs_prefix",
    "neutralise",
    "restore",
    "xml_safe",
]

PREFIX = "'"
"""What :func:`neutralise` puts before a cell that would start a formula."""

_FORMULA_STARTS = ("=", "+", "-", "@")
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class FormulaCellError(ValueError):
    """A cell read from a spreadsheet starts like a formula and is not neutralised."""


def formula_like(value: str) -> bool:
    """Whether a spreadsheet could take *value* for a formula.

    That is: its first character after leading white space is ``=``, ``+``, ``-`` or ``@``, or
    its leading white space holds a tab or a carriage return.

    >>> [formula_like(v) for v in ("=1", "  +1", "\\t", "-", "a=1", "'=1")]
    [True, True, True, True, False, False]
    """
    stripped = value.lstrip()
    lead = value[: len(value) - len(stripped)]
    return (stripped[:1] in _FORMULA_STARTS and stripped != "") or "\t" in lead or "\r" in lead


def needs_prefix(value: str) -> bool:
    """Whether :func:`neutralise` prefixes *value*: formula-like after its leading apostrophes."""
    return formula_like(value.lstrip(PREFIX))


def neutralise(value: str) -> str:
    """*value* as a cell no spreadsheet runs as a formula (``=1+1`` → ``'=1+1``).

    >>> neutralise('=HYPERLINK("http://x")')
    '\\'=HYPERLINK("http://x")'
    >>> neutralise("'t Hof")
    "'t Hof"
    """
    return PREFIX + value if needs_prefix(value) else value


def restore(cell: str) -> str:
    """The text of a *cell* written by :func:`neutralise` (the exact inverse).

    Raises ``FormulaCellError`` (a :class:`ValueError`) for a cell that starts like a formula
    without the prefix: it is not clear whether it is meant as text, and it is dangerous to pass
    on.
    """
    if cell.startswith(PREFIX) and needs_prefix(cell[1:]):
        return cell[1:]
    if formula_like(cell):
        raise FormulaCellError(
            "starts like a spreadsheet formula (=, +, -, @, tab); "
            f"to keep it as text, write {PREFIX} before it"
        )
    return cell


def xml_safe(value: str) -> str:
    """*value* without the control characters XML (so XLSX and DOCX) cannot hold.

    Each is replaced by U+FFFD (�). Tabs and line breaks are kept.
    """
    return _NOT_IN_XML.sub("\ufffd", value)
