"""The staff catalogue: every question and flag as a table, for review before deploying.

Conditions are written out in words a clinician can read
(`multiple_sclerosis is "yes"`), from the same data the engine interprets.
"""

from __future__ import annotations

import pandas as pd

from osteoscreen.model import (
    All,
    AnyOf,
    Condition,
    GuidelineRef,
    Leaf,
    Not,
    Rules,
    SeedQuote,
    word,
)

_OPS = {
    "eq": "is",
    "ne": "is not",
    "in": "is one of",
    "includes": "includes",
    "gte": "≥",
    "gt": ">",
    "lte": "≤",
    "lt": "<",
}


def describe(condition: Condition) -> str:
    """A condition in plain notation, e.g. `age ≥ 50` or `(a is "x" or b is "y")`."""
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
            "answers": "; ".join(f"{o.value} ({word(o.label, 'self')})" for o in q.options)
            or f"whole number {q.min}-{q.max}",
            "asked when": _top(describe(q.asked_when)) if q.asked_when else "always",
            "why we ask": word(q.why, "self"),
        }
        for q in rules.questions_in_order()
    ]
    return pd.DataFrame(rows)


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
            "doctor items": ", ".join(f.doctor_items),
            "sources": " | ".join(source(s) for s in f.sources),
        }
        for f in rules.flags
    ]
    return pd.DataFrame(rows)
