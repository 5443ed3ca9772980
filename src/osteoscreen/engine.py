"""The engine: which questions to ask, and which flags apply. Pure: no I/O, no UI.

Conditions are data (see :mod:`osteoscreen.model`); this module is their only
interpreter. An unanswered question makes every leaf on it false, so a flag is
never raised by a missing answer.

The engine decides in ids and answers only (`decide` gives a `Decision`); the
wording step (:mod:`osteoscreen.wording`) turns a decision into text for one
reader in one language. `evaluate` does both.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Literal

from osteoscreen.answers import Answers, Value, answered, chosen, respondent_of
from osteoscreen.crossref import flag_questions, item_questions
from osteoscreen.model import (
    All,
    AnyOf,
    Condition,
    FlagLeaf,
    Leaf,
    Not,
    Question,
    Respondent,
    Rules,
)
from osteoscreen.result import Result


def holds(condition: Condition, answers: Answers, flags: Collection[str] = frozenset()) -> bool:
    """Is the condition true for these answers (and, for a doctor item, these flags)?"""
    if isinstance(condition, Leaf):
        return _leaf(condition, answers)
    if isinstance(condition, FlagLeaf):
        return condition.flag in flags
    if isinstance(condition, All):
        return all(holds(c, answers, flags) for c in condition.all)
    if isinstance(condition, AnyOf):
        return any(holds(c, answers, flags) for c in condition.any)
    if isinstance(condition, Not):
        return not holds(condition.not_, answers, flags)
    raise TypeError(f"not a condition: {condition!r}")


Reason = tuple[Literal["question", "flag"], str]


def reasons(
    condition: Condition, answers: Answers, flags: Collection[str] = frozenset()
) -> list[Reason]:
    """The answers (and flags) that make a true condition true, in condition order."""
    if isinstance(condition, Leaf):
        # A leaf true on a skipped question (`other_than`) is no answer to show.
        given = answered(answers, condition.question)
        return [("question", condition.question)] if given and _leaf(condition, answers) else []
    if isinstance(condition, FlagLeaf):
        return [("flag", condition.flag)] if condition.flag in flags else []
    if isinstance(condition, All | AnyOf):
        children = condition.all if isinstance(condition, All) else condition.any
        found: list[Reason] = []
        for child in children:
            if holds(child, answers, flags):
                found += [r for r in reasons(child, answers, flags) if r not in found]
        return found
    return []


def _leaf(leaf: Leaf, answers: Answers) -> bool:
    if not answered(answers, leaf.question):
        return leaf.op == "other_than"
    value = answers[leaf.question]
    if leaf.op == "answered":
        return True
    if leaf.op == "eq":
        return bool(value == leaf.value)
    if leaf.op in ("ne", "other_than"):
        return bool(value != leaf.value)
    if leaf.op == "in":
        return isinstance(leaf.value, list) and value in leaf.value
    if leaf.op == "includes":
        return leaf.value in chosen(answers, leaf.question)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not isinstance(leaf.value, int):
            return False
        return {
            "gte": value >= leaf.value,
            "gt": value > leaf.value,
            "lte": value <= leaf.value,
            "lt": value < leaf.value,
        }[leaf.op]
    return False


def visible_questions(rules: Rules, answers: Answers) -> list[Question]:
    """The questions to ask now, in order. A question is asked when its condition
    holds on the answers to the questions asked before it."""
    return _walk(rules, answers)[0]


def effective_answers(rules: Rules, answers: Answers) -> dict[str, Value]:
    """Only the answers to questions that are asked (the rest are ignored), plus respondent."""
    return _walk(rules, answers)[1]


def _walk(rules: Rules, answers: Answers) -> tuple[list[Question], dict[str, Value]]:
    """One pass in asking order: the questions asked, and the answers that count
    (with the values derived from them, such as BMI)."""
    kept: dict[str, Value] = {}
    shown: list[Question] = []
    for q in rules.questions_in_order():
        if q.asked_when is None or holds(q.asked_when, kept):
            shown.append(q)
            if answered(answers, q.id):
                kept[q.id] = answers[q.id]
    kept.update(derived_values(rules, kept))
    kept["respondent"] = respondent_of(answers)
    return shown, kept


def derived_values(rules: Rules, kept: Answers) -> dict[str, Any]:
    """The derived values that the kept answers allow (a BMI needs a known weight and height)."""
    values: dict[str, Any] = {}
    for d in rules.derived:
        weight, height = kept.get(d.weight), kept.get(d.height)
        if isinstance(weight, int) and isinstance(height, int) and height > 0:
            # Unrounded: 48 kg at 159 cm is 18.99, under 19 (shown rounded, as 19).
            values[d.id] = weight / (height / 100) ** 2
    return values


def can_raise(rules: Rules) -> frozenset[str]:
    """The questions whose answers can raise a flag or a doctor item (through a follow-up
    or a derived value too): each needs a known answer before the all-clear can be given."""

    def make() -> frozenset[str]:
        found = flag_questions(rules) | item_questions(rules)
        for d in rules.derived:
            if d.id in found:
                found |= {d.weight, d.height}
        return frozenset(found)

    value: frozenset[str] = rules.memo("can_raise", make)
    return value


@dataclass(frozen=True)
class Decision:
    """What the answers decide, in ids: no text, no language, no reader."""

    respondent: Respondent
    answers: dict[str, Value]  # the answers that count, with derived values (BMI)
    asked: list[str]  # the questions asked, in order
    flags: dict[str, list[str]]  # flag id -> the questions whose answers raise it
    items: dict[str, list[Reason]]  # doctor item id -> why its own condition holds
    parts: dict[str, list[int]]  # raised doctor item id -> its parts (by position) that hold
    follow_ups: list[str]  # questions answered "I don't know" that have a follow-up
    missing: list[str]  # questions that can raise a flag, with no known answer
    all_clear: bool


def decide(rules: Rules, answers: Answers) -> Decision:
    """The flags that apply, the doctor items and follow-ups they raise, and what is missing.

    `answers` must already be valid (see :func:`osteoscreen.answers.parse_answers`).
    """
    asked, kept = _walk(rules, answers)
    flags = {f.id: _shown(f.when, f.show_answers, kept) for f in rules.flags if holds(f.when, kept)}
    items = {
        d.id: reasons(d.when, kept, flags)
        for d in rules.doctor_items
        if d.when is not None and holds(d.when, kept, flags)
    }
    raised = set(items) | {i for f in rules.flags if f.id in flags for i in f.doctor_items}
    parts = {
        d.id: [n for n, part in enumerate(d.parts) if holds(part.when, kept, flags)]
        for d in rules.doctor_items
        if d.id in raised and d.parts
    }
    follow_ups = [
        q.id
        for q in rules.questions_in_order()
        if q.id in kept
        and q.follow_up is not None
        and q.unknown_values.intersection(chosen(kept, q.id))
    ]
    raising = can_raise(rules)
    # Every asked question with an unknown or withheld answer, and every skipped one that
    # could raise a flag or a doctor item: each is named under "skipped or not known".
    missing = [
        q.id
        for q in asked
        if (q.unknown_values | q.withheld_values).intersection(chosen(kept, q.id))
        or (q.id in raising and not answered(kept, q.id))
    ]
    return Decision(
        respondent=respondent_of(answers),
        answers=kept,
        asked=[q.id for q in asked],
        flags=flags,
        items=items,
        parts=parts,
        follow_ups=follow_ups,
        missing=missing,
        # Never a false all-clear: no flag, no doctor item, no follow-up, and every
        # question that can raise a flag answered with a known answer.
        all_clear=not flags and not missing and not raised and not follow_ups,
    )


def _shown(condition: Condition, more: list[str], kept: Answers) -> list[str]:
    """The questions whose answers a flag shows in its "because" line."""
    shown = [qid for _, qid in reasons(condition, kept)]
    return shown + [q for q in more if answered(kept, q) and q not in shown]


def evaluate(rules: Rules, answers: Answers) -> Result:
    """Decide, then word the decision with these rules' texts (their language) for the
    respondent the answers name."""
    from osteoscreen.wording import worded  # the wording step builds on the engine

    return worded(rules, decide(rules, answers))
