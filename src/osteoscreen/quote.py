"""Finding a quoted sentence in a seed article, the way a careful reader would.

Web articles use typographic quote marks and odd white space. A quote in the
rule file counts as found when it matches the article after both are folded
the same way: Unicode compatibility forms, curly quotes made straight, and
every run of white space made one space.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold quote marks, compatibility characters and white space."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE.sub(" ", folded).strip()


def contains(document: str, quote: str) -> bool:
    """Is the quote in the document, after folding both?"""
    needle = normalise(quote)
    return bool(needle) and needle in normalise(document)


def shorten(text: str, width: int = 60) -> str:
    """A one-line preview of a long quote for an error message."""
    flat = normalise(text)
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"
