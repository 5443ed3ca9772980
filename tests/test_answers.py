"""Answer validation: every problem at once, each naming its question."""

from __future__ import annotations

import pytest

from osteoscreen.answers import parse_answers, validate_answers
from osteoscreen.problem import AnswersError


def messages(rules, answers):
    return [p.render() for p in validate_answers(rules, answers)]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"agee": 50}, "agee: no such question"),
        (
            {"sex": "femail"},
            "sex: 'femail' is not an option; choose from female, male, prefer_not_to_say",
        ),
        ({"age": 150}, "age: 150 is outside the range 18-120"),
        ({"age": 17}, "age: 17 is outside the range 18-120"),
        ({"age": "67"}, "age: must be a whole number, not text '67'"),
        ({"age": 67.5}, "age: must be a whole number, not 67.5"),
        ({"age": True}, "age: must be a whole number, not true/false True"),
        ({"sex": ["female"]}, "sex: must be one option value (a string), not a list"),
        (
            {"anemia_type": "iron_deficiency"},
            "anemia_type: must be a list of option values, not text 'iron_deficiency'",
        ),
        (
            {"anemia_type": ["iron"]},
            "anemia_type: 'iron' is not an option; choose from iron_deficiency, b12_or_folate, chronic_disease, other_or_unknown",
        ),
        (
            {"inflammatory_conditions": ["none", "rheumatoid_arthritis"]},
            "inflammatory_conditions: 'none' cannot be combined with other options",
        ),
        (
            {"anemia_type": ["iron_deficiency", "iron_deficiency"]},
            "anemia_type: the same option is listed twice",
        ),
        ({"respondent": "me"}, "respondent: must be 'self' or 'caregiver', not 'me'"),
    ],
)
def test_each_kind_of_bad_answer_gets_a_message_naming_the_question(rules, answers, expected):
    assert messages(rules, answers) == [expected]


def test_all_problems_are_reported_at_once(rules):
    found = messages(rules, {"agee": 1, "sex": "x", "age": 500})
    assert [m.split(":")[0] for m in found] == ["agee", "sex", "age"]


def test_answers_must_be_an_object(rules):
    assert messages(rules, ["age", 50]) == [
        "the answers must be a JSON object of {question id: answer}"
    ]


def test_valid_answers_have_no_problems(rules):
    answers = {"respondent": "caregiver", "age": 80, "sex": "female", "anemia_type": []}
    assert validate_answers(rules, answers) == []


def test_a_whole_float_becomes_an_int(rules):
    assert parse_answers(rules, {"age": 67.0}) == {"age": 67}


def test_an_answer_to_a_hidden_question_is_still_checked_for_type(rules):
    # It is ignored by the engine, but a wrong value is still a broken file.
    assert messages(rules, {"sex": "male", "menopause": "sometimes"})[0].startswith("menopause:")


def test_parse_answers_raises_with_every_problem(rules):
    with pytest.raises(AnswersError) as error:
        parse_answers(rules, {"age": 5, "smoking": "yes"})
    assert [p.place for p in error.value.problems] == ["age", "smoking"]
