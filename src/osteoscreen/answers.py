"""Answers: checking an answers object against the rules, every problem at once.

An answers object maps question ids to values: an option value (choice), a
list of option values (multi-choice) or a whole number. The key `respondent`
(`self` or `caregiver`) selects the wording. A missing key means "not answered".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, cast

from osteoscreen.limits import place_of, printable
from osteoscreen.model import RESPONDENTS, Question, Respondent, Rules
from osteoscreen.problem import AnswersError, Problem

Value = str | int | list[str]
# A value worked out from answers (e.g. BMI) may be a decimal number.
Derived = float
Answers = Mapping[str, Any]

RESPONDENT_KEY = "respondent"
# Kinds of problem, for "and N more like this" when there are many.
WRONG_TYPE, NO_OPTION, OUT_OF_RANGE = "wrong type", "not an option", "out of range"


def validate_answers(rules: Rules, answers: object) -> list[Problem]:
    """Every problem in an answers object, each naming its question (empty when valid)."""
    if not isinstance(answers, Mapping):
        return [Problem("", "the answers must be a JSON object of {question id: answer}")]
    problems: list[Problem] = []
    for key, value in answers.items():
        if key == RESPONDENT_KEY:
            if value not in RESPONDENTS:
                problems.append(
                    Problem(key, f"must be 'self' or 'caregiver', not {printable(value)}")
                )
        elif not isinstance(key, str) or not rules.has_question(key):
            problems.append(Problem(place_of(key), "no such question"))
        else:
            problems.extend(_check_value(rules.question(key), value))
    return problems


def parse_answers(rules: Rules, answers: object) -> dict[str, Value]:
    """Valid answers in their canonical form (whole floats become ints), or AnswersError."""
    problems = validate_answers(rules, answers)
    if problems:
        raise AnswersError(problems)
    clean: dict[str, Value] = {}
    for key, value in cast(Mapping[str, Any], answers).items():
        if isinstance(value, float):
            value = int(value)
        elif isinstance(value, list):
            value = list(value)
        clean[key] = value
    return clean


def respondent_of(answers: Answers) -> Respondent:
    value = answers.get(RESPONDENT_KEY, "self")
    return "caregiver" if value == "caregiver" else "self"


def answered(answers: Answers, qid: str) -> bool:
    """Does the question have an answer? An empty multi-choice list counts as none."""
    value = answers.get(qid)
    return value is not None and value != []


def chosen(answers: Answers, qid: str) -> list[str]:
    """The option values picked for a question, as a list for either choice kind."""
    value = answers.get(qid)
    if isinstance(value, list):
        return [str(v) for v in value]
    return [value] if isinstance(value, str) else []


def _check_value(q: Question, value: object) -> Iterator[Problem]:
    if value is None:
        return
    if q.kind == "integer":
        whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
        if isinstance(value, str) and q.option(value) is not None:
            return  # "unknown": the number's "I don't know" answer
        if isinstance(value, bool) or not isinstance(value, int | float):
            also = f" or {_options(q)}" if q.options else ""
            yield Problem(q.id, f"must be a whole number{also}, not {_describe(value)}", WRONG_TYPE)
        elif not whole:
            yield Problem(q.id, f"must be a whole number, not {printable(value)}", WRONG_TYPE)
        elif q.min is not None and q.max is not None and not q.min <= value <= q.max:
            yield Problem(q.id, f"{value:g} is outside the range {q.min}-{q.max}", OUT_OF_RANGE)
        return
    if q.kind == "choice":
        if not isinstance(value, str):
            yield Problem(
                q.id, f"must be one option value (a string), not {_describe(value)}", WRONG_TYPE
            )
        elif q.option(value) is None:
            yield Problem(
                q.id, f"{printable(value)} is not an option; choose from {_options(q)}", NO_OPTION
            )
        return
    if not isinstance(value, list):
        yield Problem(q.id, f"must be a list of option values, not {_describe(value)}", WRONG_TYPE)
        return
    for item in value:
        if not isinstance(item, str) or q.option(item) is None:
            yield Problem(
                q.id, f"{printable(item)} is not an option; choose from {_options(q)}", NO_OPTION
            )
    picked = [v for v in value if isinstance(v, str)]
    if len(set(picked)) != len(picked):
        yield Problem(q.id, "the same option is listed twice")
    for option in q.options:
        if option.exclusive and option.value in picked and len(set(picked)) > 1:
            yield Problem(q.id, f"'{option.value}' cannot be combined with other options")


def _options(q: Question) -> str:
    return ", ".join(o.value for o in q.options)


def _describe(value: object) -> str:
    names = {bool: "true/false", str: "text", list: "a list", dict: "an object"}
    kind = names.get(type(value), type(value).__name__)
    return f"{kind} {printable(value)}" if not isinstance(value, list | dict) else kind
