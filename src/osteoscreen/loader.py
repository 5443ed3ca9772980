"""Reading rule files: TOML, then the models, then the cross-reference pass.

`load_rules` returns a checked :class:`Rules` or raises :class:`RulesError`
holding one line per problem, each starting with the file's name.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from osteoscreen import crossref, markup, principles, publicids
from osteoscreen.limits import (
    MAX_RULE_DEPTH,
    MAX_RULES_BYTES,
    LimitError,
    capped,
    one_line,
    printable,
    read_bytes,
    utf8,
)
from osteoscreen.model import Rules
from osteoscreen.problem import Problem, RulesError, display_name

RULES_FILE = "osteoporosis.toml"
_ID_RULE = "use lower-case letters, digits and underscores (ids start with a letter)"
SCHEMA_FILE = "osteoscreen.schema.json"


def bundled_rules_dir() -> Path:
    """The `rules/` folder shipped with the package, from a wheel or from a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent.parent / "rules"):
        if (candidate / RULES_FILE).is_file():
            return candidate
    raise RulesError([f"{here}: the bundled rules folder is missing from this installation"])


def default_rules_path() -> Path:
    """The rule file the app and the command line use unless told otherwise."""
    configured = os.environ.get("OSTEOSCREEN_RULES")
    return Path(configured) if configured else bundled_rules_dir() / RULES_FILE


def rule_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the `*.toml` files they hold, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.glob("*.toml")) if p.name != publicids.FILE_NAME)
        else:
            found.append(path)
    return found


def load_rules(path: Path | None = None, *, meanings: bool = True) -> Rules:
    """Read, validate and cross-check one rule file (`meanings=False`: without comparing
    the options' meanings with those its public-ids list records, to record them anew)."""
    path = default_rules_path() if path is None else path
    name = display_name(path)
    try:
        raw = utf8(read_bytes(path, MAX_RULES_BYTES))  # a byte-order mark is dropped
    except LimitError as error:
        raise RulesError([f"{name}: {error.message}"]) from None
    try:
        data = tomllib.loads(raw)
    except (tomllib.TOMLDecodeError, ValueError) as error:  # ValueError: a 5000-digit number
        raise RulesError([f"{name}: TOML syntax error: {one_line(str(error))}"]) from None
    except RecursionError:
        raise RulesError([f"{name}: nested more than {MAX_RULE_DEPTH} levels deep"]) from None
    deep = too_deep(data)
    if deep is not None:
        raise RulesError([f"{name}: {deep}: nested more than {MAX_RULE_DEPTH} levels deep"])
    try:
        rules = Rules.model_validate(data, strict=True)  # `priority = 1` is not true
    except ValidationError as error:
        raise RulesError(capped(_validation_problems(error, data), name)) from None
    seeds = (path.parent / rules.meta.seeds).resolve()
    problems = crossref.check(rules, seeds) + markup.check(rules)
    if not problems:  # the principles need every name to resolve
        problems += principles.check(rules)
    problems += publicids.check(rules, path, meanings=meanings)
    if problems:
        raise RulesError(capped(problems, name))
    return rules


def too_deep(data: Any) -> str | None:
    """The place (e.g. `flags[falls].when`) under which the data nests more than
    MAX_RULE_DEPTH levels, without recursion; None when it does not."""
    todo: list[tuple[Any, int, list[str]]] = [(data, 0, [])]
    while todo:
        node, level, parts = todo.pop()
        if level > MAX_RULE_DEPTH:
            return "".join(parts[:3]).lstrip(".") or "the file"
        if isinstance(node, dict):
            todo += [(v, level + 1, [*parts, f".{k}"][:3]) for k, v in node.items()]
        elif isinstance(node, list):
            for i, v in enumerate(node):
                ident = _ident(v)
                todo.append((v, level + 1, [*parts, f"[{ident if ident else i}]"][:3]))
    return None


@cache
def bundled_rules() -> Rules:
    """The default rule set, loaded and checked once per process."""
    return load_rules(default_rules_path())


def _validation_problems(error: ValidationError, data: Any) -> list[Problem]:
    """Pydantic's errors, with list positions replaced by ids and union tags dropped."""
    problems: dict[str, Problem] = {}
    for detail in error.errors(include_url=False):
        place = _place(detail["loc"], data, missing=detail["type"] == "missing")
        message = detail["msg"].removeprefix("Value error, ")
        if detail["type"] == "missing":
            message = "missing (this field is required)"
        elif detail["type"] == "extra_forbidden":
            message = "unknown key (not part of the rule-file format)"
        elif detail["type"] == "string_pattern_mismatch" and place == "meta.version":
            message = (
                f"{printable(detail['input'])} is not a valid version: use letters, digits,"
                " dots, hyphens and plus signs (as in 3.0.1), at most 40"
            )
        elif detail["type"] == "string_pattern_mismatch":
            message = f"{printable(detail['input'])} is not a valid id: {_ID_RULE}"
        problems.setdefault(place, Problem(place, message))
    return list(problems.values())


def _place(loc: Sequence[int | str], data: Any, *, missing: bool) -> str:
    """Render a pydantic location against the raw data, e.g. `flags[falls].when.all[0]`."""
    parts: list[str] = []
    node = data
    for i, key in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
            ident = _ident(node)
            parts.append(f"[{ident}]" if isinstance(ident, str) else f"[{key}]")
        elif isinstance(node, dict) and key in node:
            node = node[key]
            parts.append(f".{key}")
        elif last and missing:
            parts.append(f".{key}")
        # anything else is a union tag that pydantic adds to the location: skip it
    return "".join(parts).lstrip(".")


def _ident(node: Any) -> str | None:
    """The id a list item is known by: its `id`, or an option's `value`."""
    if isinstance(node, dict):
        for key in ("id", "value"):
            if isinstance(node.get(key), str):
                return str(node[key])
    return None
