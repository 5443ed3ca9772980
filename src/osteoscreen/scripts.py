"""Writing systems: the script a language is written in, and what follows from it
for the exports (how lines break, which punctuation joins two texts).

Babel (CLDR) names each language's script (ISO 15924: `Latn`, `Hans`, ...), so a
translator adding a language needs no code here unless the script is new.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from babel import Locale
from babel.core import get_global


def locale_of(code: str) -> Locale:
    return Locale.parse(code.replace("-", "_"))


def script_of(code: str) -> str:
    """The script a language is written in: from its code (`zh-Hans`), else CLDR's
    likely script for it (`es` -> `Latn`, `zh-CN` -> `Hans`)."""
    loc = locale_of(code)
    if loc.script:
        return str(loc.script)
    likely: dict[str, str] = dict(get_global("likely_subtags"))
    key = f"{loc.language}_{loc.territory}" if loc.territory else loc.language
    parts = (likely.get(key) or likely.get(loc.language) or "").split("_")
    return parts[1] if len(parts) > 2 else "Latn"


def language_name(code: str, in_code: str) -> str:
    """A language's name in another language: `zh-Hans` in English is "Chinese (Simplified)"."""
    name = locale_of(code).get_display_name(locale_of(in_code))
    return str(name or code)


def is_wide(text: str) -> bool:
    """Has the text characters of a script written without spaces between words?
    (Wide East Asian characters: Chinese, Japanese kana, full-width punctuation.)
    Such text breaks between any two characters."""
    return any(unicodedata.east_asian_width(c) in ("W", "F") for c in text)


@dataclass(frozen=True)
class Marks:
    """The punctuation an export puts between two texts of its own: "Find out: x"."""

    colon: str = ": "
    stop: str = ". "
    list: str = "; "


LATIN_MARKS = Marks()
WIDE_MARKS = Marks(colon="：", stop="。", list="；")  # full-width, no space after


def marks_for(text: str) -> Marks:
    """The marks that suit a text: full-width ones for wide (Chinese) text."""
    return WIDE_MARKS if is_wide(text) else LATIN_MARKS
