"""Work a rerun need not repeat: the results chart per set of factors, and the
engine's result per set of answers.

The chart depends only on which factors matched (their titles and groups) and
on the wording (the respondent and the language), never on the person:
its Vega-Lite spec is built and validated once per such key and kept in a small
process-wide cache. The result depends on the person's answers, so it is kept
in that person's own session only, under a `q_` key, which every wipe (Start
over, Finish, the idle reset) deletes with the widget keys.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

import altair as alt
import streamlit as st

from osteoscreen.chart import factors_chart
from osteoscreen.engine import evaluate
from osteoscreen.model import Rules
from osteoscreen.result import Result

SPECS_KEPT = 256  # chart specs kept (a few kB each); the least recently used go first
RESULT_KEY = "q__result"  # session key of the memo (the `q_` prefix: wiped with the answers)

ChartKey = tuple[object, ...]
_specs: OrderedDict[ChartKey, str] = OrderedDict()
_lock = threading.Lock()


def chart_key(
    result: Result, changeable: str, fixed: str, description: str, language: str = "en"
) -> ChartKey:
    """What the chart shows: the language, the wording and, per group, the titles of its
    matching factors."""
    groups = tuple(
        (g.title, g.changeable, tuple(f.title for f in result.flags_in(g.id)))
        for g in result.groups
    )
    return (language, changeable, fixed, description, groups)


def chart_spec(
    result: Result, *, changeable: str, fixed: str, description: str, language: str = "en"
) -> dict[str, Any]:
    """The factors chart as a Vega-Lite spec: built once per key, a fresh copy every call
    (Streamlit moves the data out of the spec it is given)."""
    key = chart_key(result, changeable, fixed, description, language)
    with _lock:
        text = _specs.get(key)
        if text is not None:
            _specs.move_to_end(key)
    if text is None:
        chart = factors_chart(result, changeable=changeable, fixed=fixed, description=description)
        with _lock:
            # As st.altair_chart does: no altair theme (its sizes do not suit Streamlit).
            with alt.theme.enable("none"):
                text = json.dumps(chart.to_dict())
            _specs[key] = text
            while len(_specs) > SPECS_KEPT:
                _specs.popitem(last=False)
    spec: dict[str, Any] = json.loads(text)
    return spec


def _snapshot(answers: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in answers.items()))


def result(rules: Rules, answers: Mapping[str, Any], language: str = "en") -> Result:
    """The engine's result for these answers in this language (`rules` are in it),
    computed once while the answers and the language stay the same."""
    snapshot = _snapshot(answers)
    memo = st.session_state.get(RESULT_KEY)
    if memo is not None and memo[0] is rules and memo[1] == snapshot and memo[3] == language:
        kept: Result = memo[2]
        return kept
    fresh = evaluate(rules, answers)
    st.session_state[RESULT_KEY] = (rules, snapshot, fresh, language)
    return fresh
