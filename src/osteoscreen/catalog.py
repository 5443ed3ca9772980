"""The staff catalogue: every question and flag as a table, for review before deploying.

Conditions are written out in words a clinician can read
(`multiple_sclerosis is "yes"`), from the same data the engine interprets.
"""

from __future__ import annotations

import pandas as pd

from osteoscreen.crossref import all_leaves
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
    word,
)

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


def describe(condition: Condition) -> str:
    """A condition in plain notation, e.g. `age ≥ 50` or `(a is "x" or b is "y")`."""
    if isinstance(condition, FlagLeaf):
        return f"factor {condition.flag} applies"
    if isinstance(condition, Leaf):
        if condition.op == "answered":
            return f"{condition.question} is answered"
        value = condition.value
        shown = (
            ", ".join(f'"{v}"' for v in value)
            if isinstance(value, list)
            else (f'"{value}"' if isinstance(value, str) else str(value))
        )
        return f"{condition.question} {_OPS[condition.op]} {shown}"
    if isinstance(condition, All):
        return "(" + " and ".join(describe(c) for c in condition.all) + ")"
    if isinstance(condition, AnyOf):
        return "(" + " or ".join(describe(c) for c in condition.any) + ")"
    if isinstance(condition, Not):
        return f"not {describe(condition.not_)}"
    raise TypeError(f"not a condition: {condition!r}")


def _top(text: str) -> str:
    return text[1:-1] if text.startswith("(") and text.endswith(")") else text


def questions_table(rules: Rules) -> pd.DataFrame:
    """One row per question, in asking order."""
    sections = {s.id: word(s.title, "self") for s in rules.sections}
    rows = [
        {
            "id": q.id,
            "step": sections.get(q.section, q.section),
            "question": word(q.text, "self"),
            "answers": _answers(q),
            "asked when": _top(describe(q.asked_when)) if q.asked_when else "always",
            "why we ask": word(q.why, "self"),
        }
        for q in rules.questions_in_order()
    ]
    return pd.DataFrame(rows)


def _answers(q: Question) -> str:
    options = "; ".join(f"{o.value} ({word(o.label, 'self')})" for o in q.options)
    if q.kind != "integer":
        return options
    number = f"whole number {q.min}-{q.max}" + (f" {q.unit}" if q.unit else "")
    return f"{number}; {options}" if options else number


def raised_by(rules: Rules, flag_id: str) -> list[str]:
    """The doctor items a flag raises: its own list, and items whose condition names it."""
    flag = next(f for f in rules.flags if f.id == flag_id)
    found = list(flag.doctor_items)
    for d in rules.doctor_items:
        if d.when is not None and d.id not in found:
            named = [x for x, _ in all_leaves(d.when, "") if isinstance(x, FlagLeaf)]
            if any(x.flag == flag_id for x in named):
                found.append(f"{d.id} (with its own condition)")
    return found


def flags_table(rules: Rules) -> pd.DataFrame:
    """One row per flag, with its condition, doctor items and sources."""
    groups = {g.id: word(g.title, "self") for g in rules.groups}
    documents = {d.id: d.title for d in rules.documents}
    guidelines = {g.id: g.title for g in rules.guidelines}

    def source(s: SeedQuote | GuidelineRef) -> str:
        if isinstance(s, SeedQuote):
            return f'{documents.get(s.document, s.document)}: "{s.quote}"'
        return f"{guidelines.get(s.guideline, s.guideline)}: {s.point}"

    rows = [
        {
            "id": f.id,
            "factor": word(f.title, "self"),
            "group": groups.get(f.group, f.group),
            "applies when": _top(describe(f.when)),
            "evidence": f"{f.evidence}: {f.evidence_reason}",
            "doctor items": ", ".join(raised_by(rules, f.id)),
            "sources": " | ".join(source(s) for s in f.sources),
        }
        for f in rules.flags
    ]
    return pd.DataFrame(rows)
