"""The wording step: a decision (ids and answers) turned into text for one reader.

The rules passed in carry the language (see `osteoscreen.languages.in_language`:
a translated rule set has the same ids and conditions, only other words), and
the decision carries the respondent, so this is the one place where language
and respondent meet the engine's ids. The screen, the command line, the PDF,
the QR code and FHIR all read the `Result` made here.
"""

from __future__ import annotations

import math

from osteoscreen.answers import Value
from osteoscreen.engine import Decision
from osteoscreen.model import Flag, Question, Respondent, Rules, SeedQuote, Source, word
from osteoscreen.result import Because, FlagResult, FollowUp, Missing, Result, SourceOut
from osteoscreen.summary import build_summary, group_outs, summary_texts


def worded(rules: Rules, decision: Decision) -> Result:
    """The result of a decision, in the rules' language, for the decision's respondent."""
    who = decision.respondent
    kept = decision.answers
    by_id = {f.id: f for f in rules.flags}
    flags = [
        _flag_result(rules, by_id[fid], shown, kept, who) for fid, shown in decision.flags.items()
    ]
    follow_ups = [_follow_up(rules.question(qid), kept, who) for qid in decision.follow_ups]
    missing = [_missing(rules.question(qid), kept, who) for qid in decision.missing]
    titles = {f.id: f.title for f in flags}
    own = {
        item: [titles[ident] if kind == "flag" else label(rules, ident) for kind, ident in why]
        for item, why in decision.items.items()
    }
    return Result(
        respondent=who,
        flags=flags,
        follow_ups=follow_ups,
        summary=build_summary(rules, flags, follow_ups, who, own, decision.parts),
        all_clear=decision.all_clear,
        incomplete=missing,
        unanswered=[q for q in decision.asked if q not in kept],
        groups=group_outs(rules, who),
        texts=summary_texts(rules, who),
    )


def label(rules: Rules, qid: str) -> str:
    """A question's (or a derived value's) short name."""
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


def _flag_result(
    rules: Rules, flag: Flag, shown: list[str], kept: dict[str, Value], who: Respondent
) -> FlagResult:
    group = next(g for g in rules.groups if g.id == flag.group)
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
        because=[_because(rules, qid, kept, who) for qid in shown],
        sources=[_source(rules, s) for s in flag.sources],
        doctor_items=list(flag.doctor_items),
        evidence=flag.evidence,
        evidence_text=word(evidence, who),
    )


def _because(rules: Rules, qid: str, kept: dict[str, Value], who: Respondent) -> Because:
    derived = rules.derived_value(qid)
    if derived is not None:
        # Cut, not rounded, to one decimal: a BMI of 18.99 (under 19) never reads "19".
        value = kept[qid]
        shown = math.floor(value * 10) / 10 if isinstance(value, int | float) else value
        return Because(question=qid, label=derived.label, answer=f"{shown:g}")
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


def _follow_up(q: Question, kept: dict[str, Value], who: Respondent) -> FollowUp:
    assert q.follow_up is not None
    return FollowUp(
        question=q.id,
        label=q.label,
        answer=answer_label(q, kept[q.id], who),
        text=word(q.follow_up, who),
    )


def _missing(q: Question, kept: dict[str, Value], who: Respondent) -> Missing:
    if q.id not in kept:
        return Missing(question=q.id, label=q.label)
    return Missing(question=q.id, label=q.label, answer=answer_label(q, kept[q.id], who))
