"""Bounds on every input: file sizes, JSON shape, echoed values and problem lists.

Whatever a file holds, reading it costs bounded time and memory, and what is
said about it is a bounded number of one-line, printable messages:

- `read_bytes` reads at most a limit (1 MB for answers and FHIR files, 2 MB
  for rule files) and says so in one line when a file is larger;
- `loads_json` refuses duplicate keys, numbers longer than 15 digits,
  `NaN`/`Infinity` and nesting deeper than 64 levels;
- `printable` cuts an echoed value short and escapes line breaks, control
  characters (ANSI escapes) and bidirectional overrides (U+202E);
- `capped` keeps at most a few lines per kind of problem, then "and N more".
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from osteoscreen.problem import Problem

MB = 1_000_000
MAX_ANSWERS_BYTES = 1 * MB
MAX_RULES_BYTES = 2 * MB
MAX_SEED_BYTES = 2 * MB
MAX_DEPTH = 64
MAX_RULE_DEPTH = 32
MAX_DIGITS = 15
PER_KIND = 3
MAX_LINES = 30
ECHO_WIDTH = 40


class LimitError(Exception):
    """An input broke a limit or could not be read; `message` is one line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def size_text(limit: int) -> str:
    return f"{limit // MB} MB" if limit % MB == 0 else f"{limit:,} bytes"


def read_bytes(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file; LimitError says why not."""
    if path.exists() and not path.is_file():  # a folder, a device or a pipe: never read it
        raise LimitError("cannot read the file (not a regular file)")
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise LimitError(f"cannot read the file ({error.__class__.__name__})") from None
    return within(data, limit)


def read_stream(stream: IO[Any], limit: int) -> bytes:
    """At most `limit` bytes of standard input (text or binary)."""
    source = getattr(stream, "buffer", stream)
    data = source.read(limit + 1)
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    return within(data, limit)


def read_confined(folder: Path, name: str, limit: int) -> str:
    """The UTF-8 text of a regular file named relative to `folder` and inside it
    (no absolute path, no `..`, no link out, no device); LimitError says why not."""
    inside = folder.resolve()
    path = (inside / name).resolve()
    if Path(name).is_absolute() or ".." in Path(name).parts or not path.is_relative_to(inside):
        raise LimitError(f"{printable(name)} is not a file inside the seeds folder")
    return utf8(read_bytes(path, limit))


def within(data: bytes, limit: int) -> bytes:
    if len(data) > limit:
        raise LimitError(f"larger than the {size_text(limit)} limit; is this the right file?")
    return data


def utf8(data: bytes) -> str:
    """The text of UTF-8 bytes, without a leading byte-order mark."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LimitError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at position {error.start:,})"
        ) from None


def loads_json(text: str) -> Any:
    """Parse JSON strictly: every problem is a LimitError with one line."""
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in items:
            if key in seen:
                duplicates.append(key)
            seen[key] = value
        return seen

    try:
        data = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_int=_int,
            parse_float=_float,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as error:
        raise LimitError(f"not valid JSON: {error}") from None
    except _NumberError as error:
        raise LimitError(f"not valid here: {error}") from None
    except RecursionError:
        raise LimitError(f"nested more than {MAX_DEPTH} levels deep") from None
    if duplicates:
        names = ", ".join(printable(k) for k in list(dict.fromkeys(duplicates))[:PER_KIND])
        more = len(set(duplicates)) - PER_KIND
        tail = f" and {more:,} more" if more > 0 else ""
        raise LimitError(f"the same key appears twice in one object: {names}{tail}")
    if depth(data) > MAX_DEPTH:
        raise LimitError(f"nested more than {MAX_DEPTH} levels deep")
    return data


class _NumberError(ValueError):
    pass


def _int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise _NumberError(f"a number with {digits:,} digits (at most {MAX_DIGITS})")
    return int(text)


def _float(text: str) -> float:
    if len(text) > 2 * MAX_DIGITS:
        raise _NumberError(f"a number written with {len(text):,} characters")
    value = float(text)
    if not math.isfinite(value) or abs(value) > 10.0**MAX_DIGITS:
        raise _NumberError(f"the number {printable(text)} is too large")
    return value


def _constant(text: str) -> float:
    raise _NumberError(f"{text} is not a number JSON allows")


def depth(data: Any) -> int:
    """How deeply lists and objects nest (0 for a plain value), without recursion."""
    deepest = 0
    todo: list[tuple[Any, int]] = [(data, 0)]
    while todo:
        node, level = todo.pop()
        if isinstance(node, dict):
            children: Iterable[Any] = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        level += 1
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            return level
        todo.extend((child, level) for child in children)
    return deepest


def printable(value: object, width: int = ECHO_WIDTH) -> str:
    """A value as it may be echoed: one short line, nothing that a terminal obeys.

    Strings are quoted; line breaks, control and format characters (ANSI
    escapes, U+202E and the other bidirectional controls) are written as
    escapes; anything longer than `width` is cut with an ellipsis.
    """
    if isinstance(value, str):
        text = "".join(_escape(ch) for ch in value[: width + 1])
        cut = len(value) > width or len(text) > width
        return "'" + (text[: width - 1] + "…" if cut else text) + "'"
    if isinstance(value, bool | int | float) or value is None:
        text = repr(value)
    elif isinstance(value, list):
        text = "a list"
    elif isinstance(value, dict):
        text = "an object"
    else:
        text = type(value).__name__
    return text if len(text) <= width else text[: width - 1] + "…"


def one_line(text: str, width: int = 160) -> str:
    """A message from elsewhere (e.g. a validator) made one short printable line."""
    flat = "".join(ch if ch == "'" or ch == "\\" else _escape(ch) for ch in text[: width + 1])
    return flat if len(flat) <= width else flat[: width - 1] + "…"


_PLAIN_ID = re.compile(r"[A-Za-z0-9_.-]{1,60}")


def place_of(key: object) -> str:
    """A key from an input file as the place of a problem: as it is when it looks
    like an id, else quoted and escaped like any echoed value."""
    if isinstance(key, str) and _PLAIN_ID.fullmatch(key):
        return key
    return printable(key)


def _escape(ch: str) -> str:
    if ch == "'":
        return "\\'"
    if ch == "\\":
        return "\\\\"
    if ch.isprintable() and unicodedata.category(ch) not in {"Cf", "Co", "Cs", "Zl", "Zp"}:
        return ch
    code = ord(ch)
    if code < 0x100:
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch, f"\\x{code:02x}")
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def capped(problems: Iterable[Problem], prefix: str = "") -> list[str]:
    """Rendered lines: at most PER_KIND per kind of problem and MAX_LINES in all,
    each cut followed by an "and N more" line."""
    kept: list[str] = []
    seen: Counter[str] = Counter()
    hidden: Counter[str] = Counter()
    total_hidden = 0
    for problem in problems:
        kind = problem.kind or problem.message
        seen[kind] += 1
        if seen[kind] > PER_KIND:
            hidden[kind] += 1
        elif len(kept) >= MAX_LINES:
            total_hidden += 1
        else:
            kept.append(problem.render(prefix))
    head = f"{prefix}: " if prefix else ""
    for i, (kind, count) in enumerate(hidden.items()):
        if i < PER_KIND:
            kept.append(f"{head}and {count:,} more like this: {kind}")
        else:
            total_hidden += count
    if total_hidden:
        kept.append(f"{head}and {total_hidden:,} more problems")
    return kept
