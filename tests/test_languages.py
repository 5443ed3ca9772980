"""Languages: texts by place, translated rule sets that decide the same, and `--lang`."""

from __future__ import annotations

import io
import json

import pytest

from osteoscreen.cli import main
from osteoscreen.engine import decide, evaluate
from osteoscreen.languages import accepted, bundled, describe, in_language, negotiate, sources
from osteoscreen.loader import default_rules_path, load_rules
from osteoscreen.translation import texts, translated
from personas import ALL as PERSONAS

RULES = load_rules(default_rules_path())
LANGUAGES = bundled(RULES, default_rules_path())


def test_every_text_has_one_place_and_the_places_are_stable():
    places = [p for p, _ in texts(RULES)]
    assert len(places) == len(set(places))
    assert "questions[age].text.caregiver" in places
    assert "questions[sex].options[female].label" in places
    assert "flags[smoking].sources[1].point" in places or any(
        p.startswith("flags[smoking].sources[") for p in places
    )


def test_seed_quotes_and_ids_are_not_texts_to_translate():
    english = set(sources(RULES).values())
    quotes = {s.quote for f in RULES.flags for s in f.sources if s.kind == "seed"}
    assert not quotes & english
    assert not [p for p in sources(RULES) if p.endswith(("].id", ".when", ".quote"))]


def test_an_empty_translation_changes_nothing():
    assert translated(RULES, {}).model_dump() == RULES.model_dump()


@pytest.mark.parametrize("code", ["es", "zh-Hans"])
@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_a_translated_rule_set_decides_exactly_as_the_english(code, persona):
    there = in_language(RULES, LANGUAGES[code])
    assert decide(there, PERSONAS[persona]) == decide(RULES, PERSONAS[persona])


@pytest.mark.parametrize("code", ["es", "zh-Hans"])
def test_every_text_of_a_result_comes_in_the_language(code):
    there = in_language(RULES, LANGUAGES[code])
    result = evaluate(there, PERSONAS["everything_v2"])
    english = evaluate(RULES, PERSONAS["everything_v2"])
    assert [f.id for f in result.flags] == [f.id for f in english.flags]
    for mine, theirs in zip(result.flags, english.flags, strict=True):
        assert mine.explanation != theirs.explanation  # a title may be the same word: Anemia
    assert result.texts.notice == LANGUAGES[code].table["texts.notice"]


def test_languages_are_named_in_themselves_with_their_direction():
    assert [(c, lang.name, lang.direction) for c, lang in LANGUAGES.items()] == [
        ("en", "English", "ltr"),
        ("es", "Español", "ltr"),
        ("zh-Hans", "中文", "ltr"),
    ]
    assert describe("ar") == ("العربية", "rtl")  # a translator adding Arabic needs no code


@pytest.mark.parametrize(
    ("wanted", "found"),
    [
        (["zh-CN"], "zh-Hans"),
        (["zh"], "zh-Hans"),
        (["zh-TW"], None),  # Traditional Chinese is not Simplified
        (["es-MX"], "es"),
        (["fr", "es-US"], "es"),
        (["en-GB"], "en"),
        (["not a code!"], None),
    ],
)
def test_a_wanted_language_finds_the_offered_one(wanted, found):
    assert negotiate(["en", "es", "zh-Hans"], wanted) == found


def test_the_browser_header_is_read_best_first():
    assert accepted("fr-CH, fr;q=0.9, es;q=0.95, *;q=0.5, de;q=0") == ["fr-CH", "es", "fr"]


def run(argv, stdin=""):
    import sys

    out = io.StringIO()
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(argv, out=out)
    finally:
        sys.stdin = old
    return code, out.getvalue()


def test_evaluate_in_spanish_keeps_the_ids_and_words_the_texts(capsys):
    answers = json.dumps(PERSONAS["everything_v2"])
    code, out = run(["evaluate", "-", "--lang", "es"], answers)
    assert code == 0
    spanish = json.loads(out)
    _, out = run(["evaluate", "-"], answers)
    english = json.loads(out)
    assert [f["id"] for f in spanish["flags"]] == [f["id"] for f in english["flags"]]
    assert [i["id"] for i in spanish["summary"]] == [i["id"] for i in english["summary"]]
    assert spanish["texts"]["notice"] == LANGUAGES["es"].table["texts.notice"]


def test_an_unknown_language_exits_2_naming_the_choices(capsys):
    code, _ = run(["evaluate", "-", "--lang", "fr"], "{}")
    assert code == 2
    assert capsys.readouterr().err == "--lang: 'fr' is not one of the languages: en, es, zh-Hans\n"


def test_the_text_summary_comes_in_chinese():
    code, out = run(
        ["evaluate", "-", "--lang", "zh-Hans", "--format", "text"],
        json.dumps(PERSONAS["everything_v2"]),
    )
    assert code == 0
    who = PERSONAS["everything_v2"]["respondent"]
    assert LANGUAGES["zh-Hans"].table[f"texts.summary_title.{who}"] in out
