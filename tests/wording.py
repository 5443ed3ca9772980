"""Wording rules for patient-facing text, in one place for every test that reads text.

- No diagnostic language: no score, percentage, probability, risk level,
  "high/low risk", "not at risk", "you have osteoporosis", ... in any language
  (`FORBIDDEN`, by language code).
- Prose of 20 words or more reads at US grade 8 or lower (Flesch-Kincaid).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import textstat

from osteoscreen.model import Rules, Wording

MAX_GRADE = 8.0
MIN_WORDS = 20

# The forbidden phrases of every language, by language code: the one list the
# tests keep. Each pattern is case-insensitive. English is the rule file's own;
# Spanish and Chinese follow the translators' brief (its "FORBIDDEN" list).
FORBIDDEN: dict[str, dict[str, str]] = {
    "en": {
        "a score": r"\bscores?\b",
        "a percentage": r"\d\s*%|\bper ?cent(age)?\b",
        "a probability": r"\bprobabilit(y|ies)\b|\bchance of\b",
        "a risk level": r"\brisk (level|category|rating)\b",
        "high/low risk": r"\b(high|higher|low|lower|medium|moderate|elevated|increased)[- ]risk\b",
        "at risk": r"\b(are|is|be|am) (not )?at( \w+)? risk\b",
        "not at risk": r"\bnot at risk\b|\bno risk\b",
        "you have osteoporosis": r"\b(you|they|he|she) (have|has|had) osteoporosis\b",
        "you will get": r"\b(you|they) will (get|develop|break)\b",
        "diagnosed with osteoporosis": r"\bdiagnosed with osteoporosis\b",
        "healthy bones": r"\bhealthy bones\b",
        "no osteoporosis": r"\b(do|does)n[’']?t have osteoporosis\b|\bfree of osteoporosis\b",
    },
    "es": {
        "a score": r"\bpuntuaci[oó]n(es)?\b|\bpuntajes?\b",
        "a percentage": r"%|\bporcentajes?\b|\bpor ciento\b",
        # Spanish avoids these words entirely ("puede debilitar los huesos" instead).
        "a probability": r"\bprobabilidad(es)?\b|\bprobables?\b|\bposibilidad(es)?\b",
        "a risk level": r"\bniveles? de riesgo\b|\bcategor[ií]as? de riesgo\b",
        "high/low risk": (
            r"\briesgos? (m[aá]s )?(alto|bajo|elevado|moderado|mayor|menor)s?\b"
            r"|\b(alto|bajo|elevado|mayor|menor) riesgo\b"
        ),
        "at risk": r"\ben riesgo\b",
        "not at risk": r"\bsin riesgo\b",
        "you have osteoporosis": r"\btienen? osteoporosis\b",  # also "no tiene osteoporosis"
        "you will get": r"\bvan? a tener\b|\bdesarrollar[aá]n?\b|\bse romper[aá]n?\b",
        "diagnosed with osteoporosis": r"\bdiagnosticad[oa]s? con osteoporosis\b",
        "healthy bones": r"\bhuesos sanos\b",
    },
    "zh-Hans": {
        "a score": r"分数|评分|得分",
        "a percentage": r"%|％|百分比",
        "a probability": r"概率|几率|可能性",
        "a risk level": r"风险等级|风险水平",
        "high/low risk": r"高风险|低风险|风险高|风险低|风险较高|风险较低|风险增加",
        "you have osteoporosis": r"患有骨质疏松|得了骨质疏松",
        "no osteoporosis": r"没有骨质疏松",
        "healthy bones": r"骨骼健康的人|健康的骨骼",
        "you will get": r"(你|您|他|她|他/她|这个人|会)会骨折",
    },
}


def forbidden_in(text: str, lang: str = "en") -> list[str]:
    """The names of the forbidden phrases of a language (by code) found in a text."""
    patterns = FORBIDDEN[lang]
    return [name for name, pattern in patterns.items() if re.search(pattern, text, re.I)]


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9’']+", text))


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def too_hard(text: str) -> bool:
    """Is this prose (20 words or more) above grade 8?"""
    return words(text) >= MIN_WORDS and grade(text) > MAX_GRADE


Text = tuple[str, str, str]  # (place, text, reader: "both", "self" or "caregiver")


def _variants(place: str, text: Wording | None) -> Iterator[Text]:
    if text is None:
        return
    if isinstance(text, str):
        yield place, text, "both"
    else:
        yield place, text.self, "self"
        yield place, text.caregiver, "caregiver"


def prose(rules: Rules) -> Iterator[Text]:
    """Every patient-facing prose text in a rule set, with its place and reader.

    Titles, labels and option labels are left out: they are too short to score.
    """
    for name in type(rules.texts).model_fields:
        yield from _variants(f"texts.{name}", getattr(rules.texts, name))
    for name in type(rules.ui).model_fields:
        yield from _variants(f"ui.{name}", getattr(rules.ui, name))
    for s in rules.sections:
        yield from _variants(f"sections[{s.id}].intro", s.intro)
    for g in rules.groups:
        yield from _variants(f"groups[{g.id}].note", g.note)
    for d in rules.doctor_items:
        yield from _variants(f"doctor_items[{d.id}].text", d.text)
        yield from _variants(f"doctor_items[{d.id}].note", d.note)
    for q in rules.questions:
        yield from _variants(f"questions[{q.id}].text", q.text)
        yield from _variants(f"questions[{q.id}].why", q.why)
        yield from _variants(f"questions[{q.id}].follow_up", q.follow_up)
    for f in rules.flags:
        yield from _variants(f"flags[{f.id}].explanation", f.explanation)
        yield from _variants(f"flags[{f.id}].action", f.action)


def all_text(rules: Rules) -> Iterator[Text]:
    """Prose plus every title and label: everything the rule file has a person read."""
    yield from prose(rules)
    for s in rules.sections:
        yield from _variants(f"sections[{s.id}].title", s.title)
    for g in rules.groups:
        yield from _variants(f"groups[{g.id}].title", g.title)
    for q in rules.questions:
        yield f"questions[{q.id}].label", q.label, "both"
        yield from _variants(f"questions[{q.id}].examples", q.examples)
        for o in q.options:
            yield from _variants(f"questions[{q.id}].options[{o.value}]", o.label)
    for f in rules.flags:
        yield from _variants(f"flags[{f.id}].title", f.title)


def quotes(rules: Rules) -> Iterator[Text]:
    """The source quotes and guideline points shown beside each flag."""
    for f in rules.flags:
        for i, src in enumerate(f.sources):
            text = getattr(src, "quote", None) or getattr(src, "point", "")
            yield f"flags[{f.id}].sources[{i}]", text, "both"
