"""A translation file read as strictly as the rule file: the bytes, the syntax, the header.

Babel reads PO files leniently: it drops the last character of an unterminated
string, lets the second of two entries with the same context win, keeps
unknown escapes, drops header fields it does not know (`X-Language-Name`,
`X-Reviewed-By`, `X-Reviewed-On`) and will read a named pipe for ever. So a
file is first read here, and Babel only parses what passed:

- a regular file (no device, pipe or folder, also behind a link), at most
  `MAX_FILE_BYTES`, opened without blocking;
- named for a language Babel knows, and not the rule file's own English;
- in UTF-8, or in a declared charset that exists;
- gettext syntax line by line: every string closed, only gettext's escapes,
  each context once, and a `Plural-Forms` header that parses.

Each problem is one located line (`es.po:12: ...`), and the first one stops the
reading: a file that is not well formed is refused, never repaired.
"""

from __future__ import annotations

import codecs
import gettext
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError

from osteoscreen.limits import printable

MAX_FILE_BYTES = 2_000_000
SOURCE = "en"
_ESCAPES = set('\\"ntrabfv')
_KEYWORD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d{1,2}\])?)\s+(.*)$")
_CHARSET = re.compile(rb"charset\s*=\s*([^\s\\\"]+)", re.I)


class PoError(ValueError):
    """A translation file that cannot be read: one located line."""


@dataclass(frozen=True)
class PoFile:
    """A PO file that passed the strict reading: its text and its header fields."""

    text: str
    charset: str
    headers: dict[str, str]  # every header field, unknown ones too


def read(path: Path, name: str) -> PoFile:
    """The file's text and header, or PoError naming `name` (how the file is shown).
    A `.po` file is named for its language; the template (`.pot`) is not."""
    if path.suffix == ".po":
        _known_language(path.stem, name)
    raw = _bytes(path, name)
    charset = _charset(raw, name)
    try:
        text = raw.decode(charset)
    except UnicodeDecodeError as e:
        what = "UTF-8" if codecs.lookup(charset).name == "utf-8" else charset
        raise PoError(f"{name}: not {what} text (byte {e.start})") from None
    headers = _syntax(text, name)
    _plural_forms(headers, name)
    return PoFile(text=text, charset=charset, headers=headers)


def _known_language(code: str, name: str) -> None:
    if code.lower() == SOURCE:
        raise PoError(
            f"{name}: {SOURCE!r} is the rule file's own language; change the English in the"
            " rule file, not in a translation"
        )
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise PoError(
            f"{name}: {printable(code, 40)} is not a known language code"
            " (name the file after one, such as es.po or zh-Hans.po)"
        ) from None


def _bytes(path: Path, name: str) -> bytes:
    """At most MAX_FILE_BYTES of a regular file, never blocking on a pipe or a device."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise PoError(f"{name}: not a regular file")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as e:
        raise PoError(f"{name}: cannot be read ({e.strerror})") from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the check above
            raise PoError(f"{name}: not a regular file")
        raw = f.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise PoError(f"{name}: larger than {MAX_FILE_BYTES:,} bytes")
    return raw


def _charset(raw: bytes, name: str) -> str:
    found = _CHARSET.search(raw[:4000])
    charset = found.group(1).decode("ascii", "replace") if found else "utf-8"
    if charset.upper() == "CHARSET":  # the template's placeholder: gettext reads it as ASCII
        charset = "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        raise PoError(
            f"{name}: declares charset {printable(charset, 40)}, which does not exist;"
            " write charset=UTF-8"
        ) from None
    return charset


def _syntax(text: str, name: str) -> dict[str, str]:
    """Check gettext's syntax line by line; the header's fields."""
    contexts: dict[str, int] = {}
    header: list[str] | None = None
    entry: dict[str, list[str]] = {}
    last = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            header = _header_of(entry, header)
            entry, last = {}, ""
            continue
        if stripped.startswith("#"):
            if entry and not stripped.startswith("#~"):
                header = _header_of(entry, header)
                entry, last = {}, ""
            continue
        found = _KEYWORD.match(stripped)
        if found:
            keyword, rest = found.groups()
            if keyword in entry or (keyword == "msgctxt" and entry):
                header = _header_of(entry, header)
                entry = {}
            last = keyword
            entry[last] = [_string(rest, name, number)]
            if keyword == "msgctxt":
                context = entry[last][0]
                if context in contexts:
                    raise PoError(
                        f"{name}:{number}: msgctxt {printable(context, 60)} appears twice"
                        f" (first on line {contexts[context]}); keep one translation"
                    )
                contexts[context] = number
        elif stripped.startswith('"') and last:
            entry[last].append(_string(stripped, name, number))
        else:
            raise PoError(f"{name}:{number}: not gettext PO syntax: {printable(stripped, 40)}")
    header = _header_of(entry, header)
    return _fields(header or [])


def _header_of(entry: dict[str, list[str]], header: list[str] | None) -> list[str] | None:
    """The header's lines: the msgstr of the first entry, when its msgid is empty."""
    if header is not None or not entry:
        return header
    if "msgctxt" not in entry and "".join(entry.get("msgid", ["x"])) == "":
        return "".join(entry.get("msgstr", [])).split("\n")
    return []


def _string(rest: str, name: str, number: int) -> str:
    """One quoted string of a line, unescaped; every escape must be gettext's own."""
    if not rest.startswith('"'):
        raise PoError(f"{name}:{number}: a quoted string is expected here")
    out: list[str] = []
    i = 1
    while i < len(rest):
        ch = rest[i]
        if ch == "\\":
            if i + 1 >= len(rest):
                break
            nxt = rest[i + 1]
            if nxt not in _ESCAPES:
                raise PoError(
                    f"{name}:{number}: unknown escape {printable(chr(92) + nxt)};"
                    ' gettext knows \\n, \\t, \\" and \\\\'
                )
            out.append(ch + nxt)
            i += 2
            continue
        if ch == '"':
            if rest[i + 1 :].strip():
                raise PoError(f"{name}:{number}: text after the closing quote")
            return _unescape("".join(out))
        out.append(ch)
        i += 1
    raise PoError(f'{name}:{number}: unterminated string (a closing " is missing)')


_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _unescape(body: str) -> str:
    return re.sub(r"\\(.)", lambda m: _UNESCAPE.get(m.group(1), m.group(1)), body)


def _fields(lines: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in lines:
        key, sep, value = line.partition(":")
        if sep and key.strip():
            fields.setdefault(key.strip(), value.strip())
    return fields


def _plural_forms(headers: dict[str, str], name: str) -> None:
    value = next((v for k, v in headers.items() if k.lower() == "plural-forms"), None)
    if value is None:
        return
    found = re.fullmatch(r"\s*nplurals\s*=\s*(\d{1,2})\s*;\s*plural\s*=\s*(.+?)\s*;?\s*", value)
    problem = "" if found else "it must read nplurals=N; plural=EXPRESSION;"
    if found:
        try:
            gettext.c2py(found.group(2))
        except (ValueError, RecursionError) as error:
            problem = f"its plural expression does not parse ({error})"
    if problem:
        raise PoError(
            f"{name}: the Plural-Forms header {printable(value, 60)} is not valid: {problem}"
        )
