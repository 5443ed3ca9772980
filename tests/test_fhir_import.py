"""FHIR import trusts nothing: the questionnaire and its version, each question once,
this questionnaire's coding systems, the Bundle's type; problems named by question."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from osteoscreen.fhir import URL, answers_from_fhir, response_bundle
from osteoscreen.loader import bundled_rules
from osteoscreen.problem import AnswersError

from conftest import in_process as run

RULES = bundled_rules()
VERSION = RULES.meta.version
HEAD = {
    "resourceType": "QuestionnaireResponse",
    "questionnaire": f"{URL}|{VERSION}",
    "status": "completed",
}


def coding(qid: str, code: str, system: str | None = None) -> dict[str, Any]:
    return {"valueCoding": {"system": system or f"urn:osteoscreen:option:{qid}", "code": code}}


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(AnswersError) as error:
        answers_from_fhir(RULES, data)
    return [p.render() for p in error.value.problems]


def test_a_well_formed_response_is_read():
    data = {**HEAD, "item": [{"linkId": "sex", "answer": [coding("sex", "female")]}]}
    assert answers_from_fhir(RULES, data) == {"sex": "female"}


def test_a_response_to_another_questionnaire_is_refused():
    assert problems({**HEAD, "questionnaire": "http://example.org/Questionnaire/phq9"}) == [
        "questionnaire: 'http://example.org/Questionnaire/phq9' is another questionnaire;"
        f" expected '{URL}|{VERSION}'"
    ]


def test_a_response_to_another_version_is_refused():
    assert problems({**HEAD, "questionnaire": f"{URL}|0.1"}) == [
        f"questionnaire: answers version '0.1' of the questionnaire; these rules are version '{VERSION}'"
    ]


def test_a_response_that_names_no_questionnaire_is_refused():
    data = {k: v for k, v in HEAD.items() if k != "questionnaire"}
    assert problems(data) == [f"questionnaire: missing; expected '{URL}|{VERSION}'"]


def test_an_unfinished_response_is_refused():
    assert problems({**HEAD, "status": "in-progress"}) == [
        "status: 'in-progress': only a completed response can be evaluated"
    ]


def test_a_question_answered_twice_is_refused_by_name():
    data = {
        **HEAD,
        "item": [
            {"linkId": "sex", "answer": [coding("sex", "female")]},
            {"linkId": "sex", "answer": [coding("sex", "male")]},
        ],
    }
    assert problems(data) == ["sex: answered in 2 items; one item per question"]


def test_a_duplicate_json_key_is_refused():
    text = (
        '{"resourceType": "QuestionnaireResponse", "status": "completed", '
        f'"questionnaire": "{URL}|{VERSION}", "item": ['
        '{"linkId": "sex", "linkId": "age", "answer": [{"valueInteger": 60}]}]}'
    )
    code, _, err = run(text)
    assert code == 2
    assert err.splitlines() == ["<stdin>: the same key appears twice in one object: 'linkId'"]


def test_a_foreign_coding_system_is_refused():
    data = {
        **HEAD,
        "item": [{"linkId": "sex", "answer": [coding("sex", "female", "http://loinc.org")]}],
    }
    assert problems(data) == [
        "sex: answer[0]: coding system 'http://loinc.org' is not 'urn:osteoscreen:option:sex'"
    ]


def test_a_coding_without_system_is_refused():
    data = {**HEAD, "item": [{"linkId": "sex", "answer": [{"valueCoding": {"code": "female"}}]}]}
    assert problems(data) == [
        "sex: answer[0]: coding system None is not 'urn:osteoscreen:option:sex'"
    ]


@pytest.mark.parametrize("kind", ["transaction", None, 7])
def test_a_bundle_of_another_type_is_refused(kind):
    bundle = response_bundle(RULES, {"age": 60}, authored=datetime(2026, 1, 1, tzinfo=UTC))
    bundle["type"] = kind
    assert problems(bundle) == [f"Bundle.type: {kind!r} is not 'collection'"]


def test_every_problem_is_listed_by_question_not_by_fhir_path():
    data = {
        **HEAD,
        "item": [
            {
                "linkId": "about_you",
                "item": [
                    {"linkId": "age", "answer": [{"valueInteger": "old"}]},
                    {"linkId": "sex", "answer": [{"valueInteger": "x"}]},
                ],
            }
        ],
    }
    lines = problems(data)
    assert [line.split(":")[0] for line in lines] == ["age", "sex"]
    assert not any("QuestionnaireResponse.item" in line for line in lines)


def test_many_problems_are_capped_saying_how_many_more():
    data = {
        **HEAD,
        "item": [{"linkId": f"q{i}", "answer": [{"valueInteger": "x"}]} for i in range(50)],
    }
    code, _, err = run(json.dumps(data))
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("<stdin>: q0: answer[0].valueInteger: ")
    assert lines[-1].startswith("<stdin>: and 47 more like this: ")
