"""The bundled translations read as plainly, and say as much about safety, as the English.

Plain language, measured per language:
- Spanish: every prose text of 20 words or more scores Fernández-Huerta 70 or
  higher ("fairly easy", the band that matches US grade 8), through textstat.
- Chinese has no standard readability formula in textstat, so two measurable
  proxies: sentences stay short (on average at most 20 Chinese characters, none
  over 40: Chinese plain-language guidance for patients asks for short
  sentences), and at least 98% of the characters are GB2312 level-1 characters
  (the 3,755 most common ones, which schoolchildren learn first; the rest here
  are medical names such as 髋 hip or 癫痫 epilepsy).
"""

from __future__ import annotations

import re
import statistics

import pytest
import textstat

from osteoscreen.languages import bundled, in_language, sources
from osteoscreen.loader import default_rules_path, load_rules

from wording import MIN_WORDS, all_text, prose

RULES = load_rules(default_rules_path())
LANGUAGES = bundled(RULES, default_rules_path())
SPANISH = in_language(RULES, LANGUAGES["es"])
CHINESE = in_language(RULES, LANGUAGES["zh-Hans"])
MIN_FERNANDEZ_HUERTA = 70.0
HAN = re.compile(r"[\u4e00-\u9fff]")


def fernandez_huerta(text: str) -> float:
    textstat.set_lang("es")
    try:
        return float(textstat.fernandez_huerta(text))
    finally:
        textstat.set_lang("en_US")


def common(character: str) -> bool:
    """Is this a GB2312 level-1 character (rows 16-55: bytes B0A1-D7F9)?"""
    try:
        encoded = character.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and 0xB0 <= encoded[0] <= 0xD7


def test_spanish_prose_reads_at_fernandez_huerta_70_or_higher():
    long = [(p, t) for p, t, _ in prose(SPANISH) if len(re.findall(r"\w+", t)) >= MIN_WORDS]
    assert len(long) > 100
    hard = [(p, round(fernandez_huerta(t), 1)) for p, t in long if fernandez_huerta(t) < 70]
    assert hard == []


def test_the_spanish_measure_can_fail():
    hard = (
        "La osteoporosis postmenopáusica constituye una enfermedad metabólica caracterizada"
        " por disminución cuantitativa de la masa ósea y deterioro microarquitectónico"
        " consecuente, predisponiendo a fracturas vertebrales."
    )
    assert fernandez_huerta(hard) < MIN_FERNANDEZ_HUERTA


def sentences(text: str) -> list[int]:
    return [n for n in (len(HAN.findall(s)) for s in re.split(r"[。！？；]", text)) if n]


def test_chinese_sentences_are_short():
    lengths = [n for _, t, _ in prose(CHINESE) for n in sentences(t)]
    assert len(lengths) > 300
    assert statistics.mean(lengths) <= 20
    assert max(lengths) <= 40


def test_chinese_uses_common_characters():
    characters = [c for _, t, _ in all_text(CHINESE) for c in HAN.findall(t)]
    assert sum(map(common, characters)) / len(characters) >= 0.98


def test_the_chinese_measures_can_fail():
    assert (
        max(
            sentences(
                "骨质疏松症是一种以骨量低下和骨组织微结构破坏为特征导致骨脆性增加易发生骨折的全身性代谢性骨病。"
            )
        )
        > 40
    )
    assert not common("髋")


@pytest.mark.parametrize("code", ["es", "zh-Hans"])
def test_the_medicine_safety_note_and_the_see_a_doctor_soon_item_are_translated(code):
    table = LANGUAGES[code].table
    medicine = next(g for g in RULES.groups if g.note is not None)
    soon = next(d for d in RULES.doctor_items if d.priority)
    for place in (
        f"groups[{medicine.id}].note.self",
        f"groups[{medicine.id}].note.caregiver",
        f"doctor_items[{soon.id}].text.self",
        f"doctor_items[{soon.id}].text.caregiver",
        "texts.priority_heading",
        "texts.notice",
    ):
        assert table.get(place), place
        assert table[place] != sources(RULES)[place], place
