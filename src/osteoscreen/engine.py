"""The engine: which questions to ask, and which flags apply. Pure: no I/O, no UI.

Conditions are data (see :mod:`osteoscreen.model`); this module is their only
interpreter. An unanswered question makes every leaf on it false, so a flag is
never raised by a missing answer.
"""

from __future__ import annotations

from collections.abc import Mapping

from osteoscreen.answers import Answers, Value, answered, chosen, respondent_of
from osteoscreen.model import (
    All,
    AnyOf,
    Condition,
    Flag,
    Leaf,
    Not,
    Question,
    Respondent,
    Rules,
    SeedQuote,
    Source,
    word,
)
from osteoscreen.result import Because, FlagResult, FollowUp, Result, SourceOut
from osteoscreen.summary import build_summary, group_outs, summary_texts


def holds(condition: Condition, answers: Answers) -> bool:
    """Is the condition true for these answers?"""
    if isinstance(condition, Leaf):
        return _leaf(condition, answers)
    if isinstance(condition, All):
        return all(holds(c, answers) for c in condition.all)
    if isinstance(condition, AnyOf):
        return any(holds(c, answers) for c in condition.any)
    if isinstance(condition, Not):
        return not holds(condition.not_, answers)
    raise TypeError(f"not a condition: {condition!r}")


def reasons(condition: Condition, answers: Answers) -> list[str]:
    """The questions whose answers make a true condition true, in condition order."""
    if isinstance(condition, Leaf):
        return [condition.question] if _leaf(condition, answers) else []
    if isinstance(condition, All | AnyOf):
        children = condition.all if isinstance(condition, All) else condition.any
        found: list[str] = []
        for child in children:
            if holds(child, answers):
                found += [q for q in reasons(child, answers) if q not in found]
        return found
    return []


def _leaf(leaf: Leaf, answers: Answers) -> bool:
    if not answered(answers, leaf.question):
        return False
    value = answers[leaf.question]
    if leaf.op == "answered":
        return True
    if leaf.op == "eq":
        return bool(value == leaf.value)
    if leaf.op == "ne":
        return bool(value != leaf.value)
    if leaf.op == "in":
        return isinstance(leaf.value, list) and value in leaf.value
    if leaf.op == "includes":
        return leaf.value in chosen(answers, leaf.question)
    if isinstance(value, int) and isinstance(leaf.value, int):
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
    """One pass in asking order: the questions asked, and the answers that count."""
    kept: dict[str, Value] = {}
    shown: list[Question] = []
    for q in rules.questions_in_order():
        if q.asked_when is None or holds(q.asked_when, kept):
            shown.append(q)
            if answered(answers, q.id):
                kept[q.id] = answers[q.id]
    kept["respondent"] = respondent_of(answers)
    return shown, kept


def evaluate(rules: Rules, answers: Answers) -> Result:
    """The flags that apply, the follow-ups, and the ordered doctor summary.

    `answers` must already be valid (see :func:`osteoscreen.answers.parse_answers`).
    """
    who = respondent_of(answers)
    asked, kept = _walk(rules, answers)
    flags = [_flag_result(rules, f, kept, who) for f in rules.flags if holds(f.when, kept)]
    follow_ups = _follow_ups(rules, kept, who)
    return Result(
        respondent=who,
        flags=flags,
        follow_ups=follow_ups,
        summary=build_summary(rules, flags, follow_ups, who),
        all_clear=not flags,
        unanswered=[q.id for q in asked if not answered(kept, q.id)],
        groups=group_outs(rules, who),
        texts=summary_texts(rules, who),
    )


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
    because = [
        Because(
            question=qid,
            label=rules.question(qid).label,
            answer=answer_label(rules.question(qid), kept[qid], who),
        )
        for qid in reasons(flag.when, kept)
    ]
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
    )


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
