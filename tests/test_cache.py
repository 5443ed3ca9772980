"""The per-run caches: the chart spec per factors and wording, the result per answers."""

from __future__ import annotations

import json

from osteoscreen.answers import parse_answers
from osteoscreen.chart import factors_chart
from osteoscreen.engine import evaluate
from osteoscreen.ui import cache

from contract import PERSONAS
from driver import RULES, fill, start

WORDS = {"changeable": "Can change", "fixed": "Can't change", "description": "d"}


def result_of(persona: str):
    return evaluate(RULES, parse_answers(RULES, PERSONAS[persona]))


def test_the_chart_spec_is_the_charts_own_built_once_and_handed_out_as_a_fresh_copy():
    result = result_of("ms_on_steroids")
    first = cache.chart_spec(result, **WORDS)
    assert first["layer"]  # the tiles and their names
    built = factors_chart(result, **WORDS).to_dict()
    assert json.dumps(first["datasets"], sort_keys=True) == json.dumps(
        built["datasets"], sort_keys=True
    )
    first.pop("datasets")  # Streamlit moves the data out of the spec it is given
    again = cache.chart_spec(result, **WORDS)
    assert "datasets" in again
    key = cache.chart_key(result, **WORDS)
    assert key in cache._specs


def test_the_chart_key_holds_no_answer_only_factor_titles_and_wording():
    result = result_of("caregiver_anemia")
    key = cache.chart_key(result, **WORDS)
    text = repr(key)
    for qid, value in PERSONAS["caregiver_anemia"].items():
        if qid != "respondent" and isinstance(value, str):
            assert f"'{value}'" not in text


def test_the_result_memo_lives_in_the_session_and_every_start_over_forgets_it():
    answers = PERSONAS["ms_on_steroids"]
    at = start(answers.get("respondent", "self"))
    fill(at, answers)
    memo = at.session_state[cache.RESULT_KEY]
    assert memo[2] == evaluate(RULES, parse_answers(RULES, answers))
    at.button(key="start_over").click().run()
    assert cache.RESULT_KEY not in at.session_state
