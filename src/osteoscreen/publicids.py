"""The public ids: question ids, option values, flag ids and summary item ids that
clinic systems and saved answers depend on. They may be added, never renamed or
removed.

A rule file names its list in `meta.public_ids` (the bundled rules use
`rules/public-ids.toml`), one id per line:

    questions = ["age", ...]
    options = ["sex.female", ...]     # question id, a dot, the option value
    flags = ["older_age", ...]
    summary = ["see_doctor_soon", ...] # doctor item ids
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

from pydantic import Field, ValidationError

from osteoscreen.limits import MAX_RULES_BYTES, LimitError, read_bytes, utf8
from osteoscreen.model import Rules, Strict
from osteoscreen.problem import Problem

FILE_NAME = "public-ids.toml"
_RULE = "add ids, never rename or remove them"


class PublicIds(Strict):
    questions: list[str] = Field(default_factory=list)
    options: list[str] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)
    summary: list[str] = Field(default_factory=list)


def read(path: Path) -> PublicIds:
    """The list at `path`; LimitError with one line when it cannot be used."""
    try:
        return PublicIds.model_validate(tomllib.loads(utf8(read_bytes(path, MAX_RULES_BYTES))))
    except tomllib.TOMLDecodeError as error:
        raise LimitError(f"TOML syntax error: {error}") from None
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise LimitError(f"{where}: {first['msg']}") from None


def check(rules: Rules, rule_file: Path) -> list[Problem]:
    """A problem for every public id the rules no longer have (none when no list)."""
    name = rules.meta.public_ids
    if name is None:
        return []
    try:
        ids = read(rule_file.parent / name)
    except LimitError as error:
        return [Problem("meta.public_ids", f"{name}: {error.message}")]
    return list(_gone(rules, ids, name))


def _gone(rules: Rules, ids: PublicIds, name: str) -> Iterator[Problem]:
    def gone(place: str, what: str) -> Problem:
        return Problem(place, f"{what} is gone; {name} lists it as public ({_RULE})")

    for qid in ids.questions:
        if not rules.has_question(qid):
            yield gone(f"questions[{qid}]", f"question '{qid}'")
    for entry in ids.options:
        qid, _, value = entry.partition(".")
        if rules.has_question(qid) and rules.question(qid).option(value) is None:
            yield gone(f"questions[{qid}].options[{value}]", f"option '{entry}'")
        elif not rules.has_question(qid) and qid not in ids.questions:
            yield gone(f"questions[{qid}]", f"question '{qid}' (of option '{entry}')")
    flags = {f.id for f in rules.flags}
    for fid in ids.flags:
        if fid not in flags:
            yield gone(f"flags[{fid}]", f"flag '{fid}'")
    items = {d.id for d in rules.doctor_items}
    for did in ids.summary:
        if did not in items:
            yield gone(f"doctor_items[{did}]", f"summary item '{did}'")
