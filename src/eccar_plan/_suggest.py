""" "Did you mean …?": the closest of the choices to a word someone mistyped."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["did_you_mean"]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix for *word*, or ``""`` when nothing is close.

    When no choice is spelled close to *word*, the choices that begin with it count
    (``polizei`` for ``polizei-roeselare``); two or more of them are all named.
    """
    listed = list(choices)
    close = difflib.get_close_matches(word, listed, n=1, cutoff=0.6)
    if close:
        return f" (did you mean {close[0]!r}?)"
    starting = sorted(c for c in listed if word and c.startswith(word))
    if len(starting) == 1:
        return f" (did you mean {starting[0]!r}?)"
    if starting:
        more = ", …" if len(starting) > 5 else ""
        return f" (did you mean one of {', '.join(map(repr, starting[:5]))}{more}?)"
    return ""
