"""The text the site's filter matches on, folded the same way as ``site.js`` folds a query.

Every chapter (of the search page), objective and action carries its searchable text in a
``data-search`` attribute: the page itself is the index, so nothing is fetched and the filter
works on pages opened from disk. A chapter's text (title and description) counts as part of each
of its objectives, as an objective's counts as part of each of its actions. The
folding (decomposed, accents dropped, lower case) is the one ``site.js`` applies to what the
reader types, so ``Inburgering`` finds ``inburgering`` and ``societe`` finds ``société``.
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold"]


def fold(text: str) -> str:
    """*text* on one line, without accents (U+0300 to U+036F) and in lower case.

    >>> fold("Société  Générale\\nÉtude")
    'societe generale etude'
    """
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not "\u0300" <= c <= "\u036f")
    return " ".join(bare.lower().split())
