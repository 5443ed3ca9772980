"""The project's principles, checked on a loaded rule set before anyone sees it.

- No flag on empty answers: a flag needs an answer (for either respondent).
- No flag from "I don't know": an option marked `unknown` gives a follow-up,
  never a flag, so no flag condition may hold because of one.
- The kiosk's QR code always fits: the longest summary answers can give (every
  doctor item and every follow-up, less the pairs that exclude each other) must
  still fit in the QR code's short form.
- Every "asked when" can be exported as FHIR `enableWhen`.

Each problem names its place in the rule file. Run these only on rules that
passed the cross-reference pass (every name resolves).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from osteoscreen.engine import evaluate, holds
from osteoscreen.fhir import enable_when
from osteoscreen.model import All, AnyOf, Condition, Leaf, Not, Rules, word
from osteoscreen.problem import Problem
from osteoscreen.qr import qr_problems
from osteoscreen.result import Result, SummaryItem

EMPTY_ANSWERS: tuple[dict[str, Any], ...] = ({}, {"respondent": "caregiver"})


def check(rules: Rules) -> list[Problem]:
    return [*_empty(rules), *_unknown(rules), *_qr(rules), *_fhir(rules)]


def _empty(rules: Rules) -> Iterator[Problem]:
    raised: dict[str, None] = {}
    for answers in EMPTY_ANSWERS:
        raised.update(dict.fromkeys(f.id for f in evaluate(rules, answers).flags))
    for fid in raised:
        yield Problem(
            f"flags[{fid}].when",
            "holds when nothing is answered; a flag must never be raised without an answer",
        )


def _polar_leaves(
    condition: Condition, place: str, positive: bool
) -> Iterator[tuple[Leaf, str, bool]]:
    """Every leaf with its place and whether it counts for (True) or, under an odd
    number of `not`s, against (False) the condition."""
    todo: list[tuple[Condition, str, bool]] = [(condition, place, positive)]
    while todo:
        node, at, sign = todo.pop(0)
        if isinstance(node, Leaf):
            yield node, at, sign
        elif isinstance(node, All):
            todo += [(c, f"{at}.all[{i}]", sign) for i, c in enumerate(node.all)]
        elif isinstance(node, AnyOf):
            todo += [(c, f"{at}.any[{i}]", sign) for i, c in enumerate(node.any)]
        elif isinstance(node, Not):
            todo.append((node.not_, f"{at}.not", not sign))


def _unknown(rules: Rules) -> Iterator[Problem]:
    for f in rules.flags:
        for leaf, at, positive in _polar_leaves(f.when, f"flags[{f.id}].when", True):
            if not rules.has_question(leaf.question):
                continue  # a derived value (e.g. BMI): it has no 'unknown' option
            q = rules.question(leaf.question)
            if holds(leaf, {}) == positive:
                # A leaf under `not` (an exclusion, "unless an eating disorder") that a
                # skipped answer supports just as much: the unknown answer adds nothing,
                # and a flag that holds on skipped answers alone is caught above.
                continue
            for value in sorted(q.unknown_values):
                answer: Any = [value] if q.kind == "multi_choice" else value
                if holds(leaf, {q.id: answer}) == positive:
                    yield Problem(
                        at,
                        f"holds for the 'I don't know' answer '{value}' to '{q.id}'; "
                        "an unknown answer gives a follow-up, never a flag",
                    )
                    break


def needs(condition: Condition) -> set[str]:
    """Questions that must have a known answer for the condition to hold: every leaf
    on them holds only for an answer, and (by the principle above) never for an
    unknown one."""
    if isinstance(condition, Leaf):
        return {condition.question}
    if isinstance(condition, All):
        return set().union(*(needs(c) for c in condition.all))
    if isinstance(condition, AnyOf):
        return set.intersection(*(needs(c) for c in condition.any))
    return set()


MAX_SEARCH = 18  # doctor items; above this, count every item and follow-up at once


def worst_case(rules: Rules, who: Any) -> Result:
    """A result with the longest summary any answers can give: every doctor item and
    every follow-up, except that a follow-up on a question (an unknown answer) never
    comes with a doctor item that only flags needing that question's answer raise."""
    short_item = {d.id: len(word(d.short, who).encode()) for d in rules.doctor_items}
    follow = [q for q in rules.questions_in_order() if q.follow_up is not None and q.unknown_values]
    label = word(rules.report.qr_find_out_label, who)
    short_follow = {q.id: len(f"{label}: {q.label}".encode()) for q in follow}
    needed: dict[str, list[set[str]]] = {d.id: [] for d in rules.doctor_items}
    for f in rules.flags:
        for item in f.doctor_items:
            needed.setdefault(item, []).append(needs(f.when))
    ids = [d.id for d in rules.doctor_items]
    # excludes[q]: the doctor items (a bit mask) that never come with q's follow-up
    excludes = {
        q.id: sum(
            1 << i for i, d in enumerate(ids) if needed[d] and all(q.id in n for n in needed[d])
        )
        for q in follow
    }
    best: tuple[int, list[str], list[str]] = (-1, ids, [q.id for q in follow])
    search = len(ids) <= MAX_SEARCH
    for mask in range(1 << len(ids)) if search else [(1 << len(ids)) - 1]:
        chosen = [d for i, d in enumerate(ids) if mask >> i & 1]
        allowed = [q.id for q in follow if not search or not excludes[q.id] & mask]
        size = sum(short_item[d] for d in chosen) + sum(short_follow[q] for q in allowed)
        size += sum(len(f"{n}. ") for n in range(1, len(chosen) + len(allowed) + 1))
        if size > best[0]:
            best = (size, chosen, allowed)
    _, chosen, allowed = best
    items = [
        SummaryItem(
            id=d.id,
            kind="priority" if d.priority else "ask",
            text=d.worded(who, range(len(d.parts))),  # every part: the longest text
            reasons=[],
        )
        for d in rules.doctor_items
        if d.id in chosen
    ]
    items += [
        SummaryItem(
            id=f"find_out_{q.id}", kind="find_out", text=word(q.follow_up, who), reasons=[q.label]
        )
        for q in follow
        if q.id in allowed and q.follow_up is not None
    ]
    # start from a real result, so that every field the summary may need is there
    # Start from a real result, so that every field the summary may need is there.
    template = evaluate(rules, {"respondent": who})
    update: dict[str, Any] = {"summary": items, "follow_ups": [], "unanswered": []}
    if "incomplete" in Result.model_fields:  # questions with no "find out" item count as skipped
        missing = getattr(template, "incomplete", [])
        answered = {  # questions every flag behind a chosen item needs answered
            q for d in chosen if needed[d] for q in set.intersection(*needed[d])
        }
        update["incomplete"] = [
            m for m in missing if m.question not in allowed and m.question not in answered
        ]
    return template.model_copy(update=update)


def _qr(rules: Rules) -> Iterator[Problem]:
    """Whatever the answers, the QR summary fits with every doctor item (its last form
    names what fits and counts the rest): see `qr.qr_problems`."""
    yield from qr_problems(rules)


def _fhir(rules: Rules) -> Iterator[Problem]:
    for q in rules.questions:
        if q.asked_when is not None:
            try:
                enable_when(q.asked_when)
            except ValueError as error:
                yield Problem(f"questions[{q.id}].asked_when", str(error))
