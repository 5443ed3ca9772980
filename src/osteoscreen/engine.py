"""The engine: which questions to ask, and which flags apply. Pure: no I/O, no UI.

Conditions are data (see :mod:`osteoscreen.model`); this module is their only
interpreter. An unanswered question makes every leaf on it false, so a flag is
never raised by a missing answer.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, Literal

from osteoscreen.answers import Answers, Value, answered, chosen, respondent_of
from osteoscreen.crossref import flag_questions
from osteoscreen.model import (
    All,
    AnyOf,
    Condition,
    DoctorItem,
    Flag,
    FlagLeaf,
    Leaf,
    Not,
    Question,
    Respondent,
    Rules,
    SeedQuote,
    Source,
    word,
)
from osteoscreen.result import Because, FlagResult, FollowUp, Missing, Result, SourceOut
from osteoscreen.summary import build_summary, group_outs, summary_texts


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
            values[d.id] = round(weight / (height / 100) ** 2, 1)
    return values


def can_raise(rules: Rules) -> frozenset[str]:
    """The questions whose answers can raise a flag (through a follow-up or a derived value
    too): each needs a known answer before the all-clear can be given."""

    def make() -> frozenset[str]:
        found = flag_questions(rules)
        for d in rules.derived:
            if d.id in found:
                found |= {d.weight, d.height}
        return frozenset(found)

    value: frozenset[str] = rules.memo("can_raise", make)
    return value


def _missing(rules: Rules, asked: list[Question], kept: Answers, who: Respondent) -> list[Missing]:
    raising = can_raise(rules)
    missing: list[Missing] = []
    for q in asked:
        if q.id not in raising:
            continue
        if not answered(kept, q.id):
            missing.append(Missing(question=q.id, label=q.label))
        elif (q.unknown_values | q.withheld_values).intersection(chosen(kept, q.id)):
            missing.append(
                Missing(question=q.id, label=q.label, answer=answer_label(q, kept[q.id], who))
            )
    return missing


def evaluate(rules: Rules, answers: Answers) -> Result:
    """The flags that apply, the follow-ups, and the ordered doctor summary.

    `answers` must already be valid (see :func:`osteoscreen.answers.parse_answers`).
    """
    who = respondent_of(answers)
    asked, kept = _walk(rules, answers)
    flags = [_flag_result(rules, f, kept, who) for f in rules.flags if holds(f.when, kept)]
    follow_ups = _follow_ups(rules, kept, who)
    missing = _missing(rules, asked, kept, who)
    raised = {f.id: f.title for f in flags}
    items = {d.id: _item_reasons(rules, d, kept, raised) for d in rules.doctor_items if d.when}
    summary = build_summary(rules, flags, follow_ups, who, items)
    return Result(
        respondent=who,
        flags=flags,
        follow_ups=follow_ups,
        summary=summary,
        # Never a false all-clear: no flag, no doctor item, and every question that
        # can raise a flag answered with a known answer.
        all_clear=not flags and not missing and not summary,
        incomplete=missing,
        unanswered=[q.id for q in asked if not answered(kept, q.id)],
        groups=group_outs(rules, who),
        texts=summary_texts(rules, who),
    )


def _item_reasons(
    rules: Rules, item: DoctorItem, kept: Answers, raised: dict[str, str]
) -> list[str] | None:
    """Why a doctor item's own condition holds (flag titles and question labels), or None."""
    if item.when is None or not holds(item.when, kept, raised):
        return None
    return [
        raised[ident] if kind == "flag" else _label(rules, ident)
        for kind, ident in reasons(item.when, kept, raised)
    ]


def _label(rules: Rules, qid: str) -> str:
    derived = rules.derived_value(qid)
    return derived.label if derived else rules.question(qid).label


def answer_label(question: Question, value: Value, who: Respondent) -> str:
    """An answer as a person reads it: option labels, or the number with its unit."""
    if isinstance(value, int):
        return f"{value} {question.unit}" if question.unit else str(value)
    values = value if isinstance(value, list) else [value]
    labels = []
    for v in values:
        option = question.option(v)
        labels.append(word(option.label, who) if option else v)
    return ", ".join(labels)


def _flag_result(rules: Rules, flag: Flag, kept: Answers, who: Respondent) -> FlagResult:
    group = next(g for g in rules.groups if g.id == flag.group)
    shown = [qid for _, qid in reasons(flag.when, kept)]
    shown += [q for q in flag.show_answers if answered(kept, q) and q not in shown]
    because = [_because(rules, qid, kept, who) for qid in shown]
    evidence = rules.texts.evidence_established
    if flag.evidence == "emerging":
        evidence = rules.texts.evidence_emerging
    return FlagResult(
        id=flag.id,
        title=word(flag.title, who),
        group=group.id,
        group_title=word(group.title, who),
        changeable=group.changeable,
        explanation=word(flag.explanation, who),
        action=word(flag.action, who),
        note=word(group.note, who) if group.note else None,
        because=because,
        sources=[_source(rules, s) for s in flag.sources],
        doctor_items=list(flag.doctor_items),
        evidence=flag.evidence,
        evidence_text=word(evidence, who),
    )


def _because(rules: Rules, qid: str, kept: Answers, who: Respondent) -> Because:
    derived = rules.derived_value(qid)
    if derived is not None:
        return Because(question=qid, label=derived.label, answer=f"{kept[qid]:g}")
    q = rules.question(qid)
    return Because(question=qid, label=q.label, answer=answer_label(q, kept[qid], who))


def _source(rules: Rules, source: Source) -> SourceOut:
    if isinstance(source, SeedQuote):
        doc = next(d for d in rules.documents if d.id == source.document)
        return SourceOut(
            kind="seed", title=doc.title, quote=source.quote, document=doc.id, file=doc.file
        )
    guide = next(g for g in rules.guidelines if g.id == source.guideline)
    return SourceOut(kind="guideline", title=guide.title, where=guide.where, point=source.point)


def _follow_ups(rules: Rules, kept: Mapping[str, Value], who: Respondent) -> list[FollowUp]:
    items: list[FollowUp] = []
    for q in rules.questions_in_order():
        if q.id not in kept or q.follow_up is None:
            continue
        if q.unknown_values.intersection(chosen(kept, q.id)):
            items.append(
                FollowUp(
                    question=q.id,
                    label=q.label,
                    answer=answer_label(q, kept[q.id], who),
                    text=word(q.follow_up, who),
                )
            )
    return items
