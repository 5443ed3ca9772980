"""Weight and height: taken in kg or pounds, cm or feet and inches; stored in kg and cm.

The conversion is arithmetic, not content: the units' names come from the rule
file. An "I don't know" box stores the question's unknown option instead.

Widget keys (`<k>` is `q_<question>_<generation>`): `<k>_unit` (the unit
radio), `<k>_kg`, `<k>_lb`, `<k>_cm` (number boxes), `<k>_ft` and `<k>_in`
(feet and inches pills), `<k>_unknown` (the "I don't know" box).
"""

from __future__ import annotations

import streamlit as st

from osteoscreen.model import Question, Rules
from osteoscreen.ui import state
from osteoscreen.ui.text import word

KG_PER_LB = 0.45359237
CM_PER_IN = 2.54
FEET = [4, 5, 6, 7]
INCHES = list(range(12))


def kg_from_lb(pounds: float) -> int:
    return round(pounds * KG_PER_LB)


def lb_from_kg(kg: float) -> int:
    return round(kg / KG_PER_LB)


def cm_from_ft_in(feet: int, inches: int) -> int:
    return round((feet * 12 + inches) * CM_PER_IN)


def ft_in_from_cm(cm: float) -> tuple[int, int]:
    total = round(cm / CM_PER_IN)
    return total // 12, total % 12


def render(rules: Rules, q: Question, text: str) -> None:
    who = state.respondent()
    ui = rules.ui
    assert q.min is not None
    assert q.max is not None
    st.markdown(f"**{text}**")
    current = state.answers().get(q.id)
    unknown = next(iter(sorted(q.unknown_values)), None)
    units = (
        {"kg": word(ui.unit_kg, who), "lb": word(ui.unit_lb, who)}
        if q.measure == "weight"
        else {"cm": word(ui.unit_cm, who), "ft_in": word(ui.unit_ft_in, who)}
    )
    unit = st.radio(
        word(ui.unit_label, who),
        list(units),
        format_func=units.__getitem__,
        horizontal=True,
        key=state.key(q.id, "unit"),
    )
    known = current if isinstance(current, int) else None
    off = current == unknown and unknown is not None
    if unit == "kg":
        _box(q, "kg", word(ui.weight_label, who), q.min, q.max, known, off)
    elif unit == "lb":
        low, high = lb_from_kg(q.min) + 1, lb_from_kg(q.max) - 1
        shown = lb_from_kg(known) if known is not None else None
        _box(q, "lb", word(ui.weight_label, who), low, high, shown, off)
    elif unit == "cm":
        _box(q, "cm", word(ui.height_cm_label, who), q.min, q.max, known, off)
    else:
        _feet_inches(rules, q, known, off)
    if unknown is not None:
        st.checkbox(
            word(ui.unknown_number, who),
            value=off,
            key=state.key(q.id, "unknown"),
            on_change=_store_unknown,
            args=(q.id, unknown),
        )


def _box(
    q: Question, unit: str, label: str, low: int, high: int, value: int | None, off: bool
) -> None:
    key = state.key(q.id, unit)
    if key not in st.session_state and value is not None:
        st.session_state[key] = value
    st.number_input(
        label,
        min_value=low,
        max_value=high,
        step=1,
        value=None,
        key=key,
        disabled=off,
        on_change=_store_number,
        args=(q.id, key, unit),
    )


@state.calm
def _store_number(qid: str, key: str, unit: str) -> None:
    value = st.session_state.get(key)
    if value is None:
        state.set_answer(qid, None)
        return
    state.set_answer(qid, kg_from_lb(value) if unit == "lb" else round(value))


def _feet_inches(rules: Rules, q: Question, known: int | None, off: bool) -> None:
    who = state.respondent()
    feet_key, inch_key = state.key(q.id, "ft"), state.key(q.id, "in")
    if known is not None and feet_key not in st.session_state:
        feet, inches = ft_in_from_cm(known)
        if feet in FEET:
            st.session_state[feet_key] = feet
            st.session_state[inch_key] = inches
    for key, label, options in (
        (feet_key, word(rules.ui.feet_label, who), FEET),
        (inch_key, word(rules.ui.inches_label, who), INCHES),
    ):
        st.pills(
            label,
            options,
            key=key,
            disabled=off,
            on_change=_store_feet_inches,
            args=(q.id, feet_key, inch_key),
        )


@state.calm
def _store_feet_inches(qid: str, feet_key: str, inch_key: str) -> None:
    feet, inches = st.session_state.get(feet_key), st.session_state.get(inch_key)
    if isinstance(feet, int) and isinstance(inches, int):
        state.set_answer(qid, cm_from_ft_in(feet, inches))
    else:
        state.set_answer(qid, None)


@state.calm
def _store_unknown(qid: str, unknown: str) -> None:
    box = st.session_state.get(state.key(qid, "unknown"))
    state.set_answer(qid, unknown if box else None)
