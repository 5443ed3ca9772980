"""FHIR R4B: the Questionnaire, the response Bundle, and reading responses back."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from osteoscreen.answers import parse_answers
from osteoscreen.engine import evaluate
from osteoscreen.fhir import (
    FLAG_SYSTEM,
    answers_from_fhir,
    enable_when,
    questionnaire,
    questionnaire_response,
    response_bundle,
)
from osteoscreen.loader import bundled_rules
from osteoscreen.model import Leaf, Not
from osteoscreen.problem import AnswersError
from personas import ALL

from conftest import osteoscreen as cli

WHEN = datetime(2026, 11, 21, 10, 30, tzinfo=UTC)


def items(resource):
    for item in resource.get("item", []):
        yield item
        yield from items(item)


def test_the_questionnaire_validates_and_has_every_question(rules):
    data = questionnaire(rules)
    Questionnaire.model_validate(data)
    questions = {i["linkId"]: i for i in items(data) if i.get("type") != "group"}
    assert set(questions) == {q.id for q in rules.questions} | {"respondent"}
    sex = questions["sex"]
    assert [
        (o["valueCoding"]["code"], o["valueCoding"]["display"]) for o in sex["answerOption"]
    ] == [("female", "Female"), ("male", "Male"), ("prefer_not_to_say", "Prefer not to say")]
    assert questions["anemia_type"]["repeats"] is True
    assert questions["age"]["type"] == "integer"


def test_asked_when_becomes_enable_when(rules):
    questions = {i["linkId"]: i for i in items(questionnaire(rules))}
    menopause = questions["menopause"]
    assert menopause["enableWhen"] == [
        {
            "question": "sex",
            "operator": "=",
            "answerCoding": {"system": "urn:osteoscreen:option:sex", "code": "female"},
        }
    ]
    duration = questions["steroid_duration"]
    assert [w["answerCoding"]["code"] for w in duration["enableWhen"]] == ["yes_now", "yes_past"]
    assert duration["enableBehavior"] == "any"
    assert "enableWhen" not in questions["age"]


def test_a_condition_fhir_cannot_express_is_refused():
    with pytest.raises(ValueError, match="cannot express"):
        enable_when(Not.model_validate({"not": {"question": "sex", "op": "eq", "value": "male"}}))
    assert enable_when(Leaf(question="age", op="gte", value=50))[0][0]["operator"] == ">="


@pytest.mark.parametrize("persona", list(ALL))
def test_the_response_bundle_validates_and_names_every_applying_flag(rules, persona):
    bundle = response_bundle(rules, ALL[persona], authored=WHEN)
    Bundle.model_validate(bundle)
    response, *observations = [e["resource"] for e in bundle["entry"]]
    QuestionnaireResponse.model_validate(response)
    for observation in observations:
        Observation.model_validate(observation)
        assert observation["derivedFrom"] == [{"reference": bundle["entry"][0]["fullUrl"]}]
    expected = evaluate(rules, parse_answers(rules, ALL[persona]))
    flags = [o for o in observations if o["code"]["coding"][0]["system"] == FLAG_SYSTEM]
    assert [o["code"]["coding"][0]["code"] for o in flags] == [f.id for f in expected.flags]
    for observation, flag in zip(flags, expected.flags, strict=True):
        assert observation["note"][1]["text"].endswith(flag.evidence_text)


def test_weight_height_and_bmi_go_to_the_clinic_as_loinc_observations(rules):
    answers = {"weight": 50, "height": 165}
    bundle = response_bundle(rules, answers, authored=WHEN)
    Bundle.model_validate(bundle)
    measures = {
        o["code"]["coding"][0]["code"]: o["valueQuantity"]
        for o in (e["resource"] for e in bundle["entry"][1:])
        if o["code"]["coding"][0]["system"] == "http://loinc.org"
    }
    assert measures == {
        "29463-7": {"value": 50, "unit": "kg", "system": "http://unitsofmeasure.org", "code": "kg"},
        "8302-2": {"value": 165, "unit": "cm", "system": "http://unitsofmeasure.org", "code": "cm"},
        "39156-5": {
            "value": 18.4,
            "unit": "kg/m2",
            "system": "http://unitsofmeasure.org",
            "code": "kg/m2",
        },
    }
    for o in bundle["entry"][1:]:
        Observation.model_validate(o["resource"])


def test_an_unknown_number_travels_as_data_absent_and_comes_back(rules):
    answers = {"weight": "unknown", "height": 170}
    response = questionnaire_response(rules, answers, authored=WHEN)
    weight = next(i for g in response["item"][1:] for i in g["item"] if i["linkId"] == "weight")
    assert "answer" not in weight
    assert weight["extension"][0]["valueCode"] == "asked-unknown"
    assert answers_from_fhir(rules, response) == {**answers, "respondent": "self"}


def test_a_condition_fhir_cannot_say_is_refused(rules):
    with pytest.raises(ValueError, match="other_than"):
        enable_when(Leaf(question="sex", op="ne", value="male"))
    entries, _ = enable_when(Leaf(question="multiple_sclerosis", op="other_than", value="yes"))
    assert entries[0]["operator"] == "!="


@pytest.mark.parametrize("persona", list(ALL))
def test_answers_round_trip_through_a_questionnaire_response(rules, persona):
    answers = parse_answers(rules, ALL[persona])
    back = parse_answers(
        rules, answers_from_fhir(rules, response_bundle(rules, answers, authored=WHEN))
    )
    assert evaluate(rules, back) == evaluate(rules, answers)


def test_answers_to_questions_not_asked_are_left_out_of_the_response(rules):
    response = questionnaire_response(rules, {"sex": "male", "menopause": "no"}, authored=WHEN)
    assert "menopause" not in {i["linkId"] for i in items(response)}


HEAD = {
    "resourceType": "QuestionnaireResponse",
    "questionnaire": f"urn:osteoscreen:questionnaire|{bundled_rules().meta.version}",
    "status": "completed",
}
SEX = "urn:osteoscreen:option:sex"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"resourceType": "Patient"}, "resourceType: 'Patient' is not a QuestionnaireResponse"),
        (
            {"resourceType": "Bundle", "type": "collection", "entry": []},
            "Bundle: holds 0 QuestionnaireResponses, not 1",
        ),
        (
            {**HEAD, "item": [{"linkId": "age", "answer": [{"valueInteger": "old"}]}]},
            "age: answer[0].valueInteger: ",
        ),
        (
            {
                **HEAD,
                "item": [
                    {
                        "linkId": "sex",
                        "answer": [
                            {"valueCoding": {"system": SEX, "code": "female"}},
                            {"valueCoding": {"system": SEX, "code": "male"}},
                        ],
                    }
                ],
            },
            "sex: takes one answer, not 2",
        ),
        (
            {**HEAD, "item": [{"linkId": "sex", "answer": [{"valueBoolean": True}]}]},
            "sex: answer[0]: answer type not supported",
        ),
    ],
    ids=["patient", "empty-bundle", "bad-integer", "two-answers", "boolean"],
)
def test_invalid_fhir_input_gets_a_clear_message(rules, data, message):
    with pytest.raises(AnswersError) as error:
        answers_from_fhir(rules, data)
    assert error.value.problems[0].render().startswith(message)


def test_the_fhir_commands_and_evaluate_accept_each_other():
    done = cli("fhir", "questionnaire")
    assert done.returncode == 0
    Questionnaire.model_validate(json.loads(done.stdout))
    bundle = cli("fhir", "response", "-", stdin=json.dumps(ALL["ms_on_steroids"]))
    assert bundle.returncode == 0, bundle.stderr
    Bundle.model_validate(json.loads(bundle.stdout))
    plain = json.loads(cli("evaluate", "-", stdin=json.dumps(ALL["ms_on_steroids"])).stdout)
    via_fhir = json.loads(cli("evaluate", "-", stdin=bundle.stdout).stdout)
    assert via_fhir == plain
    response = json.loads(bundle.stdout)["entry"][0]["resource"]
    assert json.loads(cli("evaluate", "-", stdin=json.dumps(response)).stdout) == plain


def test_unknown_link_ids_in_fhir_input_are_named():
    data = {**HEAD, "item": [{"linkId": "shoe_size", "answer": [{"valueInteger": 9}]}]}
    done = cli("evaluate", "-", stdin=json.dumps(data))
    assert done.returncode == 2
    assert done.stderr.strip() == "<stdin>: shoe_size: no such question"
    assert done.stdout == ""
