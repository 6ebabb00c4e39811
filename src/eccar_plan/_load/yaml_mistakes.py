"""The common mistakes in hand-written YAML, explained in plain words with what to write instead.

The YAML parser says what it could not read (``mapping values are not allowed in this
context``); a person wants to know what they did: a text with ``": "`` in it that needs quotes, a
tab, a line indented wrongly, a quote never closed. :func:`explain` recognises those from the
parser's error and the text, and says where and how to fix them; anything else keeps the
parser's own words.
"""

from __future__ import annotations

import re

import yaml

__all__ = ["explain"]

_KEY = re.compile(r"^(?P<key>\s*(?:-\s+)*[\w$.-]+):\s")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks
_TAB = re.compile(r"\btab\b")
_INDENTATION_PROBLEMS = (
    "did not find expected key",
    "did not find expected '-'",
    "expected <block end>",
)


def explain(text: str, error: yaml.MarkedYAMLError) -> tuple[int, int, str] | None:
    """Where the mistake behind *error* in *text* is (1-based line and column) and what to do
    about it, or ``None`` when it is none of the common ones."""
    problem = error.problem or ""
    mark, context = error.problem_mark, error.context_mark
    if mark is None:
        return None
    lines = _LINE_BREAK.split(text)
    row = min(mark.line, len(lines) - 1)
    line = lines[row]
    at = line[mark.column : mark.column + 1]
    if _TAB.search(problem) or at == "\t":
        column = line.index("\t") if "\t" in line else mark.column
        return (
            row + 1,
            column + 1,
            "a tab: YAML indents with spaces only; replace the tab by spaces",
        )
    if at in ("@", "`") and "cannot start any token" in problem:
        return row + 1, mark.column + 1, f"a text cannot begin with {at}: put it in quotes"
    if "quoted scalar" in (error.context or "") and context is not None:
        return _quote(lines, context.line, context.column, problem)
    if "flow" in (error.context or "") and "expected ','" in problem and context is not None:
        return _unclosed(lines, context.line, context.column)
    if "mapping values are not allowed" in problem:
        return _colon(lines, row, mark.column)
    if any(words in problem for words in _INDENTATION_PROBLEMS):
        return _misplaced(lines, row, mark.column, context)
    return None


def _quote(lines: list[str], row: int, column: int, problem: str) -> tuple[int, int, str] | None:
    quote = lines[row][column : column + 1] if row < len(lines) else '"'
    if "unknown escape" in problem:
        return (
            row + 1,
            column + 1,
            "in double quotes a backslash starts an escape such as \\n: write \\\\ for a "
            "backslash, or put the text in single quotes",
        )
    if "end of stream" in problem or "document" in problem:
        inside = '\\"' if quote == '"' else "''"
        return (
            row + 1,
            column + 1,
            f"the quote {quote} that opens this text is never closed: end the text with {quote} "
            f"(a {quote} inside it is written {inside})",
        )
    return None


def _unclosed(lines: list[str], row: int, column: int) -> tuple[int, int, str] | None:
    """A ``{`` or ``[`` whose entries the parser could not read to its end."""
    opening = lines[row][column : column + 1] if row < len(lines) else ""
    closing = {"{": "}", "[": "]"}.get(opening)
    if closing is None:
        return None
    return (
        row + 1,
        column + 1,
        f"the {opening} that opens here is not closed where expected: end it with {closing}, "
        "separate its entries with ', ', and put a text with ',' or ':' in it in quotes",
    )


def _colon(lines: list[str], row: int, column: int) -> tuple[int, int, str]:
    """``mapping values are not allowed``: a text with ``": "`` in it, or a line indented
    deeper than the line above, which already holds a value."""
    line = lines[row]
    key = _KEY.match(line)
    if key is not None and key.end() <= column:
        value = line[key.end() :].strip()
        value = value.split(" #", 1)[0].rstrip()
        return (
            row + 1,
            key.end() + 1,
            f'a text with ": " in it must be in quotes: write {key["key"].strip()}: '
            f"{_quoted(value)}",
        )
    start = _indent(line)
    above = _content_above(lines, row)
    if above is not None and start > _indent(lines[above]):
        return (
            row + 1,
            start + 1,
            f"this line is indented deeper (column {start + 1}) than line {above + 1} above "
            f"(column {_indent(lines[above]) + 1}), which already has a value: start the keys of "
            "one mapping in the same column",
        )
    return (
        row + 1,
        start + 1,
        'a ": " in a text, or a key where none can be: put the text in quotes, or check the '
        "indentation of this line",
    )


def _misplaced(
    lines: list[str], row: int, column: int, context: yaml.Mark | None
) -> tuple[int, int, str]:
    """A line that starts in a column where the parser expected none, or a key after a
    closing quote."""
    line = lines[row]
    start = _indent(line)
    before = line[:column].rstrip()
    if column > start and before[-1:] in ("'", '"'):
        key = _KEY.match(line)
        if key is not None:
            value = line[key.end() :].strip()
            return (
                row + 1,
                key.end() + 1,
                "the text goes on after its closing quote: put the whole text in quotes, "
                f"e.g. {key['key'].strip()}: {_quoted(value)}",
            )
        return row + 1, column + 1, "the text goes on after its closing quote"
    if context is not None and context.column == start and context.line < row:
        opening = lines[context.line][context.column : context.column + 1]
        if opening == "-":
            return (
                row + 1,
                start + 1,
                f"this line starts in the column of the '-' of the list on line "
                f"{context.line + 1}, but is no item of it: write '- ' before it to make it an "
                "item, or indent it under the item's keys",
            )
    columns = [str(c + 1) for c in sorted({_indent(lines[r]) for r in _content_rows(lines, row)})]
    shown = " and ".join([", ".join(columns[:-1]), columns[-1]] if len(columns) > 1 else columns)
    return (
        row + 1,
        start + 1,
        f"wrong indentation: this line starts in column {start + 1}, the lines above it in "
        f"column{'s' * (len(columns) > 1)} {shown or '1'}: start the keys of one mapping, and "
        "the '-' of one list, in the same column",
    )


def _quoted(value: str) -> str:
    """*value* in the quotes that need no escapes in it."""
    if '"' not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content_rows(lines: list[str], row: int) -> list[int]:
    """The rows before *row* that hold more than a comment."""
    return [r for r in range(min(row, len(lines))) if lines[r].strip()[:1] not in ("", "#")]


def _content_above(lines: list[str], row: int) -> int | None:
    rows = _content_rows(lines, row)
    return rows[-1] if rows else None
