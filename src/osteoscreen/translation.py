"""Every text of a rule set by its place, and a rule set with those texts translated.

A *place* names one text the way a translator and `check` see it:
`ui.start`, `questions[age].text.caregiver`, `questions[sex].options[female].label`,
`flags[smoking].sources[1].point`. Lists of things with an id are indexed by the
id (options by their value), lists without one (sources) by position.

What is translated: every wording (a text, or its `self` and `caregiver`
forms), and the plain texts a person or a clinician reads (question labels and
units, guideline titles and points, the reason behind an evidence grade). What
is not: ids, conditions, file names, and the seed articles' quotes and titles,
which stay the articles' own English words.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from osteoscreen.model import (
    Derived,
    Flag,
    GuidelineRef,
    Meta,
    Question,
    Rules,
    SeedQuote,
    Worded,
)
from osteoscreen.model import Guideline as GuidelineEntry

# Plain-text fields (not wordings) that a person or a clinician reads.
PLAIN_TEXTS: frozenset[tuple[type[BaseModel], str]] = frozenset(
    {
        (Meta, "title"),
        (Question, "label"),
        (Question, "unit"),
        (Derived, "label"),
        (GuidelineEntry, "title"),
        (GuidelineEntry, "where"),
        (GuidelineRef, "point"),
        (Flag, "evidence_reason"),
    }
)
# Models with no text to translate: conditions, and the articles' own words.
_SKIPPED = {"when", "asked_when", "documents"}
_KEYS = ("id", "value")  # how an item of a list is named in its place


def _is_wording(annotation: Any) -> bool:
    """Is a field typed as a wording (a text, or a `self`/`caregiver` table)?"""
    if annotation is Worded:
        return True
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return any(_is_wording(a) for a in typing.get_args(annotation))
    return False


Visit = Callable[[str, str], str]


def _rebuild(obj: BaseModel, place: str, visit: Visit) -> dict[str, Any]:
    """The model as a dict, with each of its texts replaced by `visit(place, text)`."""
    data: dict[str, Any] = {}
    for name, info in type(obj).model_fields.items():
        value = getattr(obj, name)
        here = f"{place}.{name}" if place else name
        if value is None or name in _SKIPPED or isinstance(obj, SeedQuote):
            data[name] = value
        elif _is_wording(info.annotation):
            if isinstance(value, Worded):
                data[name] = {
                    "self": visit(f"{here}.self", value.self),
                    "caregiver": visit(f"{here}.caregiver", value.caregiver),
                }
            else:
                data[name] = visit(here, value)
        elif (type(obj), name) in PLAIN_TEXTS and isinstance(value, str):
            data[name] = visit(here, value)
        elif isinstance(value, BaseModel):
            data[name] = _rebuild(value, here, visit)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            data[name] = [_rebuild(v, f"{here}[{_key(v, i)}]", visit) for i, v in enumerate(value)]
        else:
            data[name] = value
    return data


def _key(item: BaseModel, index: int) -> str:
    for name in _KEYS:
        key = getattr(item, name, None)
        if isinstance(key, str):
            return key
    return str(index)


def texts(rules: Rules) -> Iterator[tuple[str, str]]:
    """Every translatable text of a rule set, as (place, English), in file order."""
    found: list[tuple[str, str]] = []

    def keep(place: str, text: str) -> str:
        found.append((place, text))
        return text

    _rebuild(rules, "", keep)
    yield from found


def translated(rules: Rules, table: Mapping[str, str]) -> Rules:
    """The same rules with each text found in `table` (place -> text) replaced.

    Ids, conditions and quotes are untouched, so a translated rule set makes
    exactly the same decisions as the English one.
    """
    data = _rebuild(rules, "", lambda place, text: table.get(place) or text)
    return Rules.model_validate(data)
