"""FHIR R4B for clinics: the questionnaire, the answers, and the flags that apply.

- `questionnaire(rules, translations)`: a `Questionnaire`, in English
  (`language` "en"), carrying every translation with FHIR's standard
  `translation` extension (`lang`, `content`) on each item's `text`, each
  answer option's display, and the title and description. Each section is a
  `group` item; each question an item whose `linkId` is the question id, with
  `answerOption` codings (code = option value, display = label), `repeats`
  for multi-choice, min/max extensions for numbers, and `enableWhen` +
  `enableBehavior` from "asked when". A first item, `respondent`, records who
  answered (self or caregiver).
- `response_bundle(rules, answers, language=...)`: a `Bundle` (type
  `collection`) holding the `QuestionnaireResponse` and one `Observation` per
  applying flag (code = flag id, valueBoolean true, `derivedFrom` the
  response), each resource's `language` the one the person chose and its
  texts and answer displays in it (pass the rules in that language).
- `answers_from_fhir(rules, data)`: the answers in a `QuestionnaireResponse`
  (or a Bundle holding one), so another system's export can be evaluated.
  Codes decide, never displays, so a response in any language reads back.

What `enableWhen` cannot say: a `not`, or `all` and `any` nested inside each
other. `questionnaire` raises `ValueError` for such a condition rather than
export a question that would show at the wrong time (the bundled rules use
none).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pydantic import ValidationError

from osteoscreen.answers import RESPONDENT_KEY, Value, answered, respondent_of
from osteoscreen.engine import effective_answers, evaluate
from osteoscreen.limits import one_line, place_of, printable
from osteoscreen.model import All, AnyOf, Condition, Leaf, Question, Rules, Section, word
from osteoscreen.problem import AnswersError, Problem

URL = "urn:osteoscreen:questionnaire"
FLAG_SYSTEM = "urn:osteoscreen:flag"
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
SOURCE_LANGUAGE = "en"  # the rule file's own language
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
DATA_ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
# Body measures sent as vital-sign Observations: LOINC code, display, UCUM unit.
MEASURES = {
    "weight": ("29463-7", "Body weight", "kg"),
    "height": ("8302-2", "Body height", "cm"),
    "bmi": ("39156-5", "Body mass index (BMI) [Ratio]", "kg/m2"),
}
JSON = dict[str, Any]


def option_system(qid: str) -> str:
    return f"urn:osteoscreen:option:{qid}"


def _coding(qid: str, value: str, display: str | None = None) -> JSON:
    coding: JSON = {"system": option_system(qid), "code": value}
    if display:
        coding["display"] = display
    return coding


def _answer(leaf: Leaf, value: str | int) -> JSON:
    if isinstance(value, int):
        return {"answerInteger": value}
    return {"answerCoding": _coding(leaf.question, value)}


# FHIR's "!=" also holds when the question has no answer: that is `other_than`.
# `ne` (false on a skipped question) has no FHIR form, so it is refused below.
_OPERATOR = {
    "eq": "=",
    "other_than": "!=",
    "includes": "=",
    "gte": ">=",
    "gt": ">",
    "lte": "<=",
    "lt": "<",
}


def _leaf(leaf: Leaf) -> tuple[list[JSON], str]:
    if leaf.op not in _OPERATOR and leaf.op not in ("answered", "in"):
        raise ValueError(
            f"FHIR enableWhen cannot express operator '{leaf.op}'"
            " (its '!=' is also true when a question is skipped: use 'other_than')"
        )
    if leaf.op == "answered":
        return [{"question": leaf.question, "operator": "exists", "answerBoolean": True}], "all"
    if leaf.op == "in" and isinstance(leaf.value, list):
        return [
            {"question": leaf.question, "operator": "=", **_answer(leaf, v)} for v in leaf.value
        ], "any"
    assert isinstance(leaf.value, str | int)
    return [
        {
            "question": leaf.question,
            "operator": _OPERATOR[leaf.op],
            **_answer(leaf, leaf.value),
        }
    ], "all"


def enable_when(condition: Condition) -> tuple[list[JSON], str]:
    """A condition as FHIR `enableWhen` entries and an `enableBehavior` (all / any)."""
    if isinstance(condition, Leaf):
        return _leaf(condition)
    if isinstance(condition, All | AnyOf):
        behaviour = "all" if isinstance(condition, All) else "any"
        children = condition.all if isinstance(condition, All) else condition.any
        entries: list[JSON] = []
        for child in children:
            if not isinstance(child, Leaf):
                break
            part, inner = _leaf(child)
            if len(part) > 1 and inner != behaviour:
                break
            entries += part
        else:
            return entries, behaviour
    raise ValueError("FHIR enableWhen cannot express this condition (a 'not', or nested all/any)")


Translations = Mapping[str, Rules]  # language code -> the rules in that language


def _translated(others: dict[str, str]) -> JSON:
    """The `_text` (or `_display`, ...) element holding a text's translations."""
    return {
        "extension": [
            {
                "url": TRANSLATION,
                "extension": [
                    {"url": "lang", "valueCode": code},
                    {"url": "content", "valueString": text},
                ],
            }
            for code, text in others.items()
            if text
        ]
    }


def _with(element: JSON, key: str, english: str, others: dict[str, str]) -> JSON:
    """`element` with `key` set to the English and `_key` to its translations."""
    element[key] = english
    if others:
        element[f"_{key}"] = _translated(others)
    return element


def _coding_in(
    rules: Rules, translations: Translations, qid: str, value: str, label: Callable[[Rules], str]
) -> JSON:
    coding = _coding(qid, value)
    return _with(coding, "display", label(rules), {c: label(r) for c, r in translations.items()})


def _item(rules: Rules, q: Question, translations: Translations) -> JSON:
    item: JSON = {"linkId": q.id}
    _with(
        item,
        "text",
        word(q.text, "self"),
        {c: word(r.question(q.id).text, "self") for c, r in translations.items()},
    )
    item["required"] = False
    if q.kind == "integer":
        item["type"] = "integer"
        item["extension"] = [
            {"url": MIN_VALUE, "valueInteger": q.min},
            {"url": MAX_VALUE, "valueInteger": q.max},
        ]
    else:
        item["type"] = "choice"
        item["repeats"] = q.kind == "multi_choice"
        item["answerOption"] = [
            {
                "valueCoding": _coding_in(
                    rules, translations, q.id, o.value, _option_label(q.id, o.value)
                )
            }
            for o in q.options
        ]
    if q.asked_when is not None:
        item["enableWhen"], behaviour = enable_when(q.asked_when)
        if len(item["enableWhen"]) > 1:
            item["enableBehavior"] = behaviour
    return item


def _option_label(qid: str, value: str) -> Callable[[Rules], str]:
    def label(rules: Rules) -> str:
        option = rules.question(qid).option(value)
        assert option is not None
        return word(option.label, "self")

    return label


def _respondent_item(rules: Rules, translations: Translations) -> JSON:
    item: JSON = {"linkId": RESPONDENT_KEY}
    _with(
        item,
        "text",
        word(rules.ui.who_question, "self"),
        {c: word(r.ui.who_question, "self") for c, r in translations.items()},
    )
    options = (
        ("self", lambda r: word(r.ui.who_self, "self")),
        ("caregiver", lambda r: word(r.ui.who_caregiver, "self")),
    )
    item.update(
        {
            "type": "choice",
            "required": False,
            "answerOption": [
                {"valueCoding": _coding_in(rules, translations, RESPONDENT_KEY, value, label)}
                for value, label in options
            ],
        }
    )
    return item


def _section(rules: Rules, sid: str) -> Section:
    return next(s for s in rules.sections if s.id == sid)


def questionnaire(rules: Rules, translations: Translations | None = None) -> JSON:
    """The rule file as a validated FHIR R4B Questionnaire (JSON), in English, with
    each text's translations (`translations`: language code -> the rules in that
    language, see `languages.in_language`; English itself is left out)."""
    others = {c: r for c, r in (translations or {}).items() if c != SOURCE_LANGUAGE}
    groups = []
    for s in rules.sections:
        group: JSON = {"linkId": s.id, "type": "group"}
        _with(
            group,
            "text",
            word(s.title, "self"),
            {c: word(_section(r, s.id).title, "self") for c, r in others.items()},
        )
        group["item"] = [
            _item(rules, q, others) for q in rules.questions_in_order() if q.section == s.id
        ]
        groups.append(group)
    resource: JSON = {
        "resourceType": "Questionnaire",
        "id": "osteoscreen",
        "language": SOURCE_LANGUAGE,
        "url": URL,
        "version": rules.meta.version,
        "name": "Osteoscreen",
    }
    _with(resource, "title", rules.meta.title, {c: r.meta.title for c, r in others.items()})
    resource.update({"status": "active", "subjectType": ["Patient"]})
    _with(
        resource,
        "description",
        word(rules.texts.notice, "self"),
        {c: word(r.texts.notice, "self") for c, r in others.items()},
    )
    resource["item"] = [_respondent_item(rules, others), *groups]
    return _valid(Questionnaire, resource)


def _answers_of(rules: Rules, q: Question, value: Value) -> list[JSON]:
    if q.kind == "integer" and not isinstance(value, int):
        return []  # "I don't know" to a number: the item says why it has no answer
    if isinstance(value, int):
        return [{"valueInteger": value}]
    values = value if isinstance(value, list) else [value]
    labels = {o.value: word(o.label, "self") for o in q.options}
    return [{"valueCoding": _coding(q.id, v, labels.get(v))} for v in values]


def _response_item(rules: Rules, q: Question, value: Value) -> JSON:
    item: JSON = {"linkId": q.id, "text": word(q.text, "self")}
    answers = _answers_of(rules, q, value)
    if answers:
        item["answer"] = answers
    else:
        item["extension"] = [{"url": DATA_ABSENT, "valueCode": "asked-unknown"}]
    return item


def questionnaire_response(
    rules: Rules,
    answers: Mapping[str, Any],
    *,
    authored: datetime,
    language: str = SOURCE_LANGUAGE,
) -> JSON:
    """The answers that count (questions not asked are left out) as a QuestionnaireResponse,
    its texts and displays in `language` (pass the rules in that language)."""
    kept = effective_answers(rules, answers)
    who = respondent_of(answers)
    items: list[JSON] = [
        {"linkId": RESPONDENT_KEY, "answer": [{"valueCoding": _coding(RESPONDENT_KEY, who)}]}
    ]
    for s in rules.sections:
        inner = [
            _response_item(rules, q, kept[q.id])
            for q in rules.questions_in_order()
            if q.section == s.id and answered(kept, q.id)
        ]
        if inner:
            items.append({"linkId": s.id, "item": inner})
    resource: JSON = {
        "resourceType": "QuestionnaireResponse",
        "language": language,
        "questionnaire": f"{URL}|{rules.meta.version}",
        "status": "completed",
        "authored": authored.isoformat(),
        "item": items,
    }
    return _valid(QuestionnaireResponse, resource)


def response_bundle(
    rules: Rules,
    answers: Mapping[str, Any],
    *,
    authored: datetime,
    language: str = SOURCE_LANGUAGE,
) -> JSON:
    """The QuestionnaireResponse and one Observation per applying flag, as a Bundle,
    in `language` (pass the rules in that language): the flags' titles, groups and
    explanations in it; codes, and the code systems' own displays, as they are."""
    response_url = f"urn:uuid:{uuid.uuid4()}"
    result = evaluate(rules, answers)
    response = questionnaire_response(rules, answers, authored=authored, language=language)
    entries: list[JSON] = [{"fullUrl": response_url, "resource": response}]
    for flag in result.flags:
        observation: JSON = {
            "resourceType": "Observation",
            "language": language,
            "status": "final",
            "category": [{"coding": [{"system": CATEGORY, "code": "survey", "display": "Survey"}]}],
            "code": {
                "coding": [{"system": FLAG_SYSTEM, "code": flag.id, "display": flag.title}],
                "text": flag.title,
            },
            "effectiveDateTime": authored.isoformat(),
            "valueBoolean": True,
            "derivedFrom": [{"reference": response_url}],
            "note": [
                {"text": f"{flag.group_title}. {flag.explanation}"},
                {"text": f"{word(rules.ui.evidence_label, 'self')} {flag.evidence_text}"},
                # A medicine's safety note: never stopped or changed without the doctor.
                *([{"text": flag.note}] if flag.note else []),
            ],
        }
        entries.append({"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": observation})
    kept = effective_answers(rules, answers)
    for name, (code, display, unit) in MEASURES.items():
        value = kept.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            measure: JSON = {
                "resourceType": "Observation",
                "language": language,
                "status": "final",
                "category": [
                    {
                        "coding": [
                            {"system": CATEGORY, "code": "vital-signs", "display": "Vital Signs"}
                        ]
                    }
                ],
                "code": {"coding": [{"system": LOINC, "code": code, "display": display}]},
                "effectiveDateTime": authored.isoformat(),
                "valueQuantity": {
                    "value": round(value, 1) if isinstance(value, float) else value,
                    "unit": unit,
                    "system": UCUM,
                    "code": unit,
                },
                "derivedFrom": [{"reference": response_url}],
                "note": [{"text": word(rules.report.self_reported, "self")}],
            }
            entries.append({"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": measure})
    bundle: JSON = {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": authored.isoformat(),
        "entry": entries,
    }
    return _valid(Bundle, bundle)


def _valid(model: type[Any], resource: JSON) -> JSON:
    """Validate with fhir.resources and return the resource as plain JSON."""
    parsed = model.model_validate(resource)
    dumped: JSON = parsed.model_dump(mode="json", exclude_none=True)
    return dumped


def is_fhir(data: object) -> bool:
    return isinstance(data, dict) and "resourceType" in data


# ------------------------------------------------------------------- import

MAX_ITEM_DEPTH = 10
BUNDLE_TYPES = ("collection",)
STATUSES = ("completed", "amended")


def answers_from_fhir(rules: Rules, data: Mapping[str, Any]) -> dict[str, Any]:
    """The answers held in a QuestionnaireResponse, or in the one a Bundle holds.

    Nothing is trusted: the response must answer this questionnaire at this
    version, each question once, with this questionnaire's coding systems.
    Raises AnswersError listing every problem by question (its linkId).
    """
    resource: Any = data
    if data.get("resourceType") == "Bundle":
        problems: list[Problem] = []
        if data.get("type") not in BUNDLE_TYPES:
            problems.append(
                Problem("Bundle.type", f"{printable(data.get('type'))} is not 'collection'")
            )
        entries = data.get("entry")
        found = [
            e.get("resource")
            for e in (entries if isinstance(entries, list) else [])
            if isinstance(e, dict)
            and isinstance(e.get("resource"), dict)
            and e["resource"].get("resourceType") == "QuestionnaireResponse"
        ]
        if len(found) != 1:
            problems.append(Problem("Bundle", f"holds {len(found)} QuestionnaireResponses, not 1"))
        if problems:
            raise AnswersError(problems)
        resource = found[0]
    if resource.get("resourceType") != "QuestionnaireResponse":
        kind = printable(resource.get("resourceType"))
        raise AnswersError([Problem("resourceType", f"{kind} is not a QuestionnaireResponse")])
    problems = [*_header_problems(rules, resource), *_depth_problems(resource.get("item"))]
    if problems:
        raise AnswersError(problems)
    try:
        response = QuestionnaireResponse.model_validate(resource)
    except ValidationError as error:
        raise AnswersError(
            _invalid(resource, e["loc"], e["msg"]) for e in error.errors(include_url=False)
        ) from None
    answers: dict[str, Any] = {}
    seen: dict[str, int] = {}
    _collect(rules, response.item or [], answers, seen, problems)
    for link_id, count in seen.items():
        if count > 1:
            problems.append(
                Problem(place_of(link_id), f"answered in {count} items; one item per question")
            )
    if problems:
        raise AnswersError(problems)
    return answers


def _header_problems(rules: Rules, resource: Mapping[str, Any]) -> list[Problem]:
    """The response must name this questionnaire and its version, and be complete."""
    expected = f"{URL}|{rules.meta.version}"
    canonical = resource.get("questionnaire")
    problems: list[Problem] = []
    if not isinstance(canonical, str):
        problems.append(Problem("questionnaire", f"missing; expected '{expected}'"))
    else:
        url, _, version = canonical.partition("|")
        if url != URL:
            problems.append(
                Problem(
                    "questionnaire",
                    f"{printable(canonical)} is another questionnaire; expected '{expected}'",
                )
            )
        elif version != rules.meta.version:
            problems.append(
                Problem(
                    "questionnaire",
                    f"answers version {printable(version)} of the questionnaire; "
                    f"these rules are version '{rules.meta.version}'",
                )
            )
    status = resource.get("status")
    if status not in STATUSES:
        problems.append(
            Problem("status", f"{printable(status)}: only a completed response can be evaluated")
        )
    return problems


def _depth_problems(items: Any) -> list[Problem]:
    """Items (and answers' items) nested more than MAX_ITEM_DEPTH deep, without recursion."""
    todo: list[tuple[Any, int]] = [(items, 1)]
    while todo:
        node, level = todo.pop()
        for item in node if isinstance(node, list) else []:
            if not isinstance(item, dict):
                continue
            if level > MAX_ITEM_DEPTH:
                where = place_of(item.get("linkId"))
                return [Problem(where, f"items nested more than {MAX_ITEM_DEPTH} deep")]
            todo.append((item.get("item"), level + 1))
            answers = item.get("answer")
            for ans in answers if isinstance(answers, list) else []:
                if isinstance(ans, dict):
                    todo.append((ans.get("item"), level + 1))
    return []


def _invalid(resource: Any, loc: tuple[int | str, ...], message: str) -> Problem:
    """A validation error placed at the question it is about: `age: answer[0].valueInteger`."""
    question = "QuestionnaireResponse"
    rest = ""
    node = resource
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
            rest += f".{place_of(part)}"
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            rest += f"[{part}]"
            if isinstance(node, dict) and "linkId" in node:
                question, rest = place_of(node["linkId"]), ""
        else:
            rest += f".{place_of(part)}"
    where = rest.lstrip(".")
    message = one_line(message)
    text = f"{where}: {message}" if where else message
    return Problem(question, text, kind=message)


def _collect(
    rules: Rules,
    items: list[Any],
    answers: dict[str, Any],
    seen: dict[str, int],
    problems: list[Problem],
) -> None:
    for item in items:
        link_id = str(item.linkId)
        question = place_of(link_id)
        values: list[Any] = []
        for j, ans in enumerate(item.answer or []):
            if ans.valueCoding is not None and ans.valueCoding.code is not None:
                system = ans.valueCoding.system
                if system != option_system(link_id):
                    problems.append(
                        Problem(
                            question,
                            f"answer[{j}]: coding system {printable(system)} is not "
                            f"'{option_system(link_id)}'",
                            kind="coding system",
                        )
                    )
                values.append(str(ans.valueCoding.code))
            elif ans.valueInteger is not None:
                values.append(int(ans.valueInteger))
            elif ans.valueString is not None:
                values.append(str(ans.valueString))
            else:
                problems.append(
                    Problem(question, f"answer[{j}]: answer type not supported", kind="answer type")
                )
            if ans.item:
                _collect(rules, ans.item, answers, seen, problems)
        if not values and rules.has_question(link_id):
            q = rules.question(link_id)
            absent = [e for e in item.extension or [] if e.url == DATA_ABSENT]
            if absent and q.kind == "integer" and q.unknown_values:
                values.append(sorted(q.unknown_values)[0])
        if values:
            seen[link_id] = seen.get(link_id, 0) + 1
            multi = rules.has_question(link_id) and rules.question(link_id).kind == "multi_choice"
            if not multi and len(values) > 1:
                problems.append(Problem(question, f"takes one answer, not {len(values)}"))
            answers[link_id] = values if multi else values[0]
        if item.item:
            _collect(rules, item.item, answers, seen, problems)
