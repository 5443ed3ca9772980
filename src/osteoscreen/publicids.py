"""The public ids: question ids, option values, flag ids and summary item ids that
clinic systems and saved answers depend on. They may be added, never renamed or
removed.

A rule file names its list in `meta.public_ids` (the bundled rules use
`rules/public-ids.toml`), one id per line:

    questions = ["age", ...]
    options = ["sex.female", ...]     # question id, a dot, the option value
    flags = ["older_age", ...]
    summary = ["see_doctor_soon", ...] # doctor item ids

It also records what each option *means* at one version of the rules: its
English label and the risk factors whose conditions name it. Swapping two
option values (the "Yes" of anemia saved as `no`) keeps every id but changes
what a saved answer means, so `check` fails when a meaning changes while
`meta.version` stays the same. After a deliberate change (and a version
bump), `osteoscreen ids --record` writes the meanings afresh.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

from pydantic import Field, ValidationError

from osteoscreen.crossref import leaves
from osteoscreen.limits import MAX_RULES_BYTES, LimitError, printable, read_bytes, utf8
from osteoscreen.model import Leaf, Rules, Strict, word
from osteoscreen.problem import Problem

FILE_NAME = "public-ids.toml"
_RULE = "add ids, never rename or remove them"


class Meaning(Strict):
    """What one option means: its English label and the flags that name it."""

    label: str
    raises: list[str] = Field(default_factory=list)


class Meanings(Strict):
    version: str
    options: dict[str, Meaning] = Field(default_factory=dict)


class PublicIds(Strict):
    questions: list[str] = Field(default_factory=list)
    options: list[str] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)
    summary: list[str] = Field(default_factory=list)
    meanings: Meanings | None = None


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


def check(rules: Rules, rule_file: Path, *, meanings: bool = True) -> list[Problem]:
    """A problem for every public id the rules no longer have (none when no list)."""
    name = rules.meta.public_ids
    if name is None:
        return []
    try:
        ids = read(rule_file.parent / name)
    except LimitError as error:
        return [Problem("meta.public_ids", f"{name}: {error.message}")]
    changed = list(_changed(rules, ids, name)) if meanings else []
    return list(_gone(rules, ids, name)) + changed


def meanings(rules: Rules) -> dict[str, Meaning]:
    """Every option's meaning now, by `question.value`."""
    raised: dict[str, set[str]] = {}
    for flag in rules.flags:
        for leaf, _ in leaves(flag.when, "when"):
            for value in _selected(rules, leaf):
                raised.setdefault(f"{leaf.question}.{value}", set()).add(flag.id)
    found: dict[str, Meaning] = {}
    for question in rules.questions_in_order():
        for option in question.options:
            key = f"{question.id}.{option.value}"
            found[key] = Meaning(
                label=word(option.label, "self"), raises=sorted(raised.get(key, ()))
            )
    return found


def _selected(rules: Rules, leaf: Leaf) -> list[str]:
    """The option values a leaf picks out (`eq`, `in`, `includes`; `ne` all the others)."""
    if not rules.has_question(leaf.question):
        return []
    values = [o.value for o in rules.question(leaf.question).options]
    if leaf.op in {"eq", "includes"}:
        return [v for v in values if v == leaf.value]
    if leaf.op == "in" and isinstance(leaf.value, list):
        return [v for v in values if v in leaf.value]
    if leaf.op in {"ne", "other_than"}:
        return [v for v in values if v != leaf.value]
    return []


def record(rules: Rules, rule_file: Path) -> Path:
    """Write the rules' option meanings now into their public-ids list (after its ids)."""
    name = rules.meta.public_ids
    if name is None:
        raise LimitError("the rule file names no public-ids list (meta.public_ids)")
    path = rule_file.parent / name
    text = utf8(read_bytes(path, MAX_RULES_BYTES))
    head = text.split(MARKER, 1)[0].rstrip("\n") + "\n\n"
    lines = [MARKER, f'[meanings]\nversion = "{rules.meta.version}"\n', "[meanings.options]"]
    for key, meaning in meanings(rules).items():
        raises = ", ".join(f'"{f}"' for f in meaning.raises)
        label = meaning.label.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'"{key}" = {{ label = "{label}", raises = [{raises}] }}')
    path.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
    return path


MARKER = (
    "# ---- What each option means at one version: written by `osteoscreen ids --record`;"
    " do not edit by hand ----"
)


def _changed(rules: Rules, ids: PublicIds, name: str) -> Iterator[Problem]:
    recorded = ids.meanings
    if recorded is None:
        return
    now = meanings(rules)
    changed = [key for key, was in recorded.options.items() if key in now and now[key] != was]
    if recorded.version != rules.meta.version:
        if changed or set(now) - set(recorded.options):
            yield Problem(
                "meta.version",
                f"{name} records what the options meant at version {recorded.version};"
                " review the changes, then run `osteoscreen ids --record`",
            )
        return
    for key in changed:
        qid, _, value = key.partition(".")
        was, new = recorded.options[key], now[key]
        what = (
            f"reads {printable(new.label)} (was {printable(was.label)})"
            if new.label != was.label
            else f"raises {_names(new.raises)} (was {_names(was.raises)})"
        )
        yield Problem(
            f"questions[{qid}].options[{value}]",
            f"option '{key}' now {what}, but meta.version is still {rules.meta.version}:"
            " a saved answer would change its meaning; bump meta.version, then run"
            " `osteoscreen ids --record`",
        )


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


def _names(flags: list[str]) -> str:
    return ", ".join(flags) or "no flag"
