"""The staff catalogue: every question, flag and language as a table, for review before
deploying.

Conditions are written out in words a clinician can read
(`multiple_sclerosis is "yes"`), from the same data the engine interprets. The
column names and the words of conditions come from the rule file (`[staff]`),
so a translated rule set gives the tables in its language; ids, option values
and the seed articles' quotes stay as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from osteoscreen.crossref import all_leaves
from osteoscreen.languages import Language
from osteoscreen.model import (
    All,
    AnyOf,
    Condition,
    FlagLeaf,
    GuidelineRef,
    Leaf,
    Not,
    Question,
    Rules,
    SeedQuote,
    StaffTexts,
    Wording,
    word,
)

# The English words, for a condition written out without a rule set (basis.py).
_OPS = {
    "eq": "is",
    "ne": "is not",
    "other_than": "is not (or is skipped)",
    "in": "is one of",
    "includes": "includes",
    "gte": "≥",
    "gt": ">",
    "lte": "≤",
    "lt": "<",
}
_WORDS = {"factor": "factor", "applies": "applies", "answered": "is answered"}
_WORDS |= {"and": "and", "or": "or", "not": "not"}


def _w(text: Wording) -> str:
    return word(text, "self")


def _words(staff: StaffTexts | None) -> tuple[dict[str, str], dict[str, str]]:
    """The operators' words and the joining words, in the rule set's language."""
    if staff is None:
        return _OPS, _WORDS
    ops = {
        **_OPS,
        "eq": _w(staff.op_is),
        "ne": _w(staff.op_is_not),
        "other_than": _w(staff.op_other_than),
        "in": _w(staff.op_one_of),
        "includes": _w(staff.op_includes),
    }
    joins = {
        "factor": _w(staff.factor),
        "applies": _w(staff.factor_applies),
        "answered": _w(staff.op_answered),
        "and": _w(staff.op_and),
        "or": _w(staff.op_or),
        "not": _w(staff.op_not),
    }
    return ops, joins


def describe(condition: Condition, staff: StaffTexts | None = None) -> str:
    """A condition in plain notation, e.g. `age ≥ 50` or `(a is "x" or b is "y")`, in
    the words of `staff` (a rule set's `[staff]` texts; English without)."""
    ops, joins = _words(staff)

    def say(c: Condition) -> str:
        if isinstance(c, FlagLeaf):
            return f"{joins['factor']} {c.flag} {joins['applies']}"
        if isinstance(c, Leaf):
            if c.op == "answered":
                return f"{c.question} {joins['answered']}"
            value = c.value
            shown = (
                ", ".join(f'"{v}"' for v in value)
                if isinstance(value, list)
                else (f'"{value}"' if isinstance(value, str) else str(value))
            )
            return f"{c.question} {ops[c.op]} {shown}"
        if isinstance(c, All):
            return "(" + f" {joins['and']} ".join(say(x) for x in c.all) + ")"
        if isinstance(c, AnyOf):
            return "(" + f" {joins['or']} ".join(say(x) for x in c.any) + ")"
        if isinstance(c, Not):
            return f"{joins['not']} {say(c.not_)}"
        raise TypeError(f"not a condition: {c!r}")

    return say(condition)


def _top(text: str) -> str:
    return text[1:-1] if text.startswith("(") and text.endswith(")") else text


def questions_table(rules: Rules) -> pd.DataFrame:
    """One row per question, in asking order."""
    staff = rules.staff
    sections = {s.id: _w(s.title) for s in rules.sections}
    rows = [
        {
            _w(staff.id): q.id,
            _w(staff.step): sections.get(q.section, q.section),
            _w(staff.question): _w(q.text),
            _w(staff.answers): _answers(q, staff),
            _w(staff.asked_when): (
                _top(describe(q.asked_when, staff)) if q.asked_when else _w(staff.always)
            ),
            _w(staff.why): _w(q.why),
        }
        for q in rules.questions_in_order()
    ]
    return pd.DataFrame(rows)


def _answers(q: Question, staff: StaffTexts) -> str:
    options = "; ".join(f"{o.value} ({_w(o.label)})" for o in q.options)
    if q.kind != "integer":
        return options
    number = f"{_w(staff.whole_number)} {q.min}-{q.max}" + (f" {q.unit}" if q.unit else "")
    return f"{number}; {options}" if options else number


def raised_by(rules: Rules, flag_id: str) -> list[str]:
    """The doctor items a flag raises: its own list, and items whose condition names it."""
    flag = next(f for f in rules.flags if f.id == flag_id)
    found = list(flag.doctor_items)
    own = _w(rules.staff.own_condition)
    for d in rules.doctor_items:
        if d.when is not None and d.id not in found:
            named = [x for x, _ in all_leaves(d.when, "") if isinstance(x, FlagLeaf)]
            if any(x.flag == flag_id for x in named):
                found.append(f"{d.id} ({own})")
    return found


def flags_table(rules: Rules) -> pd.DataFrame:
    """One row per flag, with its condition, doctor items and sources."""
    staff = rules.staff
    groups = {g.id: _w(g.title) for g in rules.groups}
    documents = {d.id: d.title for d in rules.documents}
    guidelines = {g.id: g.title for g in rules.guidelines}

    def source(s: SeedQuote | GuidelineRef) -> str:
        if isinstance(s, SeedQuote):
            return f'{documents.get(s.document, s.document)}: "{s.quote}"'
        return f"{guidelines.get(s.guideline, s.guideline)}: {s.point}"

    rows = [
        {
            _w(staff.id): f.id,
            _w(staff.factor): _w(f.title),
            _w(staff.group): groups.get(f.group, f.group),
            _w(staff.applies_when): _top(describe(f.when, staff)),
            _w(staff.evidence): f"{f.evidence}: {f.evidence_reason}",
            _w(staff.doctor_items): ", ".join(raised_by(rules, f.id)),
            _w(staff.sources): " | ".join(source(s) for s in f.sources),
        }
        for f in rules.flags
    ]
    return pd.DataFrame(rows)


def languages_table(rules: Rules, languages: Sequence[Language]) -> pd.DataFrame:
    """One row per language: how many of its texts are translated, to review (the
    English changed since) and missing, and who reviewed it when."""
    staff = rules.staff
    rows = []
    for lang in languages:
        status = lang.status
        rows.append(
            {
                _w(staff.language): f"{lang.name} ({lang.code})",
                _w(staff.translated): (
                    _w(staff.source_language) if status is None else str(status.translated)
                ),
                _w(staff.stale): "" if status is None else str(len(status.stale)),
                _w(staff.missing): "" if status is None else str(len(status.missing)),
                _w(staff.reviewed_by): (
                    "" if status is None else (lang.reviewed_by or _w(staff.not_reviewed))
                ),
                _w(staff.reviewed_on): "" if status is None else lang.reviewed_on,
                _w(staff.refused): ", ".join(lang.refused),
            }
        )
    return pd.DataFrame(rows)
