"""What rule texts may hold: plain text, the app's inline emphasis, and the
placeholders the code fills in; nothing that makes the page load or link elsewhere.

The app shows rule texts as Markdown, so an image, a link, a web address or
raw HTML in a text would make the page fetch from, or send the person to,
another host. Only `**bold**` and `*italic*` are allowed. Placeholders: the
step label is filled with `str.format` (`{step}`, `{steps}`), the PDF's page
label with `{page}` and `{pages}`; every other text is shown as it is, so a
`{...}` in it is a mistake.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from typing import Any

from osteoscreen.limits import printable
from osteoscreen.model import Rules
from osteoscreen.problem import Problem

# The texts the code fills in, and the placeholders each may use.
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "ui.step_label": ("step", "steps"),
    "report.page_label": ("page", "pages"),
    "report.clinic_copy_heading": ("language",),
    "report.qr_more": ("count",),
}
FORMATTED = {"ui.step_label"}  # filled with str.format: braces must pair up
_NOT_TEXT = {"when", "asked_when", "seeds", "public_ids", "file", "kind", "op"}
_PLACEHOLDER = re.compile(r"\{[^{}\s]*\}")
_PLAIN = "rule texts are plain text with at most **bold** and *italic*"
_MARKUP = (
    ("an image", re.compile(r"!\[[^\]]*\]\s*[\[(][^\])]*[\])]?")),
    ("raw HTML", re.compile(r"<[A-Za-z!/?][^<>]*>?")),
    ("a link", re.compile(r"\[[^\]]*\]\s*\([^)]*\)?|^\s*\[[^\]]+\]:\s*\S+", re.MULTILINE)),
    ("a web address", re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)[^\s)\]>\"']*", re.I)),
    # Streamlit's own Markdown: coloured text and badges (`:red[...]`, `:red-badge[...]`),
    # icons (`:material/home:`), LaTeX (`$x$`, `\\Huge`), and the block Markdown that
    # would change a screen's shape (a heading, a table).
    ("a Streamlit directive", re.compile(r":[A-Za-z]+(?:-[A-Za-z]+)*\[[^\]]*\]?|:material/\w*:?")),
    ("LaTeX", re.compile(r"\$[^$]*\$?|\\[A-Za-z]+")),
    (
        "a heading",
        re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t].*)?$|^.*\n[ \t]*(?:=+|-{2,})[ \t]*$", re.M),
    ),
    ("a table", re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M)),
    ("a doubled brace", re.compile(r"\{\{|\}\}")),
    (
        "a control character",
        re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"),
    ),
)


def check(rules: Rules) -> list[Problem]:
    """Every text with markup or a placeholder it may not use."""
    problems: list[Problem] = []
    for place, text in texts(rules.model_dump(by_alias=True)):
        problems += check_text(place, text)
    return problems


def check_text(place: str, text: str) -> list[Problem]:
    """One text's markup and placeholders (by its place: `ui.step_label` may use {step})."""
    return [*_markup(place, text), *_placeholders(place, text)]


def fill(text: str, **values: object) -> str:
    """A text with its `{name}` placeholders filled by name only: never a format spec,
    an index or an attribute (`{step:>999}`, `{step[0]}`, `{step.__class__}` stay as written)."""
    return re.sub(
        r"\{([A-Za-z_]\w*)\}",
        lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0),
        text,
    )


def texts(data: Any, place: str = "") -> Iterator[tuple[str, str]]:
    """Every text in the dumped rules with its place, e.g. `flags[falls].title.self`."""
    if isinstance(data, str):
        yield place, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in _NOT_TEXT:
                yield from texts(value, f"{place}.{key}" if place else key)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            ident = value.get("id", value.get("value")) if isinstance(value, dict) else None
            yield from texts(value, f"{place}[{ident if isinstance(ident, str) else i}]")


def _markup(place: str, text: str) -> Iterator[Problem]:
    rest = text
    for what, pattern in _MARKUP:
        found = pattern.search(rest)
        if found:
            shown = printable(found.group().strip(), 60)
            yield Problem(place, f"{what} is not allowed: {shown}; {_PLAIN}", kind=what)
            rest = pattern.sub(" ", rest)


def _placeholders(place: str, text: str) -> Iterator[Problem]:
    key = place.removesuffix(".self").removesuffix(".caregiver")
    allowed = PLACEHOLDERS.get(key, ())
    may = " and ".join("{" + a + "}" for a in allowed)
    hint = f"this text may use only {may}" if allowed else "this text may use none"
    if key in FORMATTED:
        try:
            fields = [
                (name, conv, spec)
                for _, name, spec, conv in string.Formatter().parse(text)
                if name is not None
            ]
        except ValueError as error:
            yield Problem(place, f"cannot be formatted ({error}); write placeholders as {may}")
            return
        for name, conv, spec in fields:
            if name not in allowed or conv or spec:
                shown = (
                    "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
                )
                yield Problem(place, f"unknown placeholder {printable(shown)[1:-1]}; {hint}")
        return
    for found in _PLACEHOLDER.finditer(text):
        if found.group()[1:-1] not in allowed:
            yield Problem(place, f"unknown placeholder {printable(found.group())[1:-1]}; {hint}")
