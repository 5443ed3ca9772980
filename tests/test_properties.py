"""Property tests over every valid answer set the real rule file allows."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osteoscreen.answers import validate_answers
from osteoscreen.engine import effective_answers, evaluate
from osteoscreen.loader import bundled_rules
from osteoscreen.model import Question

from wording import forbidden_in

RULES = bundled_rules()
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def answer_for(q: Question) -> st.SearchStrategy[Any]:
    if q.kind == "integer":
        assert q.min is not None
        assert q.max is not None
        numbers = st.integers(q.min, q.max)
        return (
            st.one_of(numbers, st.sampled_from(sorted(q.unknown_values))) if q.options else numbers
        )
    values = [o.value for o in q.options]
    if q.kind == "choice":
        return st.sampled_from(values)
    exclusive = [o.value for o in q.options if o.exclusive]
    plain = [v for v in values if v not in exclusive]
    return st.one_of(
        st.lists(st.sampled_from(plain), unique=True, max_size=len(plain)),
        st.sampled_from(exclusive).map(lambda v: [v]) if exclusive else st.nothing(),
    )


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for q in RULES.questions:
        if draw(st.booleans()) or draw(st.booleans()):  # most questions answered
            answers[q.id] = draw(answer_for(q))
    if draw(st.booleans()):
        answers["respondent"] = draw(st.sampled_from(["self", "caregiver"]))
    return answers


def flag_ids(answers: dict[str, Any]) -> set[str]:
    return {f.id for f in evaluate(RULES, answers).flags}


@SETTINGS
@given(answer_sets())
def test_generated_answers_are_valid_and_evaluate_never_raises(answers):
    assert validate_answers(RULES, answers) == []
    result = evaluate(RULES, answers)
    # The all-clear needs no flag and a known answer to every question that can raise one.
    assert result.all_clear == (not result.flags and not result.incomplete and not result.summary)
    assert {f.id for f in result.flags} <= {f.id for f in RULES.flags}


@SETTINGS
@given(answer_sets(), st.data())
def test_changing_an_answer_to_unknown_never_adds_a_flag(answers, data):
    # Only the answers that count: an answer to a question not asked (mobility,
    # when MS was "yes") is not one the person gave on this path.
    answers = effective_answers(RULES, answers)
    with_unknown = [q for q in RULES.questions if q.unknown_values]
    q = data.draw(st.sampled_from(with_unknown))
    unknown = data.draw(st.sampled_from(sorted(q.unknown_values)))
    changed = {**answers, q.id: [unknown] if q.kind == "multi_choice" else unknown}
    assert flag_ids(changed) <= flag_ids(answers)


@SETTINGS
@given(answer_sets())
def test_skipping_or_not_knowing_any_question_never_gives_the_all_clear(answers):
    result = evaluate(RULES, answers)
    if result.all_clear:
        assert result.incomplete == []
        assert result.flags == []


@SETTINGS
@given(answer_sets(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_keys(answers, random):
    items = list(answers.items())
    random.shuffle(items)
    assert evaluate(RULES, dict(items)) == evaluate(RULES, answers)


@SETTINGS
@given(answer_sets())
def test_no_result_text_uses_diagnostic_language_and_the_priority_item_leads(answers):
    result = evaluate(RULES, answers)
    data = result.model_dump()
    for flag in data["flags"]:
        flag.pop("sources")
    texts: list[str] = []

    def collect(node: Any) -> None:
        if isinstance(node, str):
            texts.append(node)
        elif isinstance(node, dict):
            for v in node.values():
                collect(v)
        elif isinstance(node, list):
            for v in node:
                collect(v)

    collect(data)
    assert [t for t in texts if forbidden_in(t)] == []
    kinds = [i.kind for i in result.summary]
    if "priority" in kinds:
        assert kinds[0] == "priority"
