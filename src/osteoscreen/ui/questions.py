"""The question steps: one section per step, with progress, Back and Next.

Which questions show, and what is wrong with an answer, come from the engine
and the answer checker; this module only draws them.
"""

from __future__ import annotations

import streamlit as st

from osteoscreen.answers import validate_answers
from osteoscreen.engine import visible_questions
from osteoscreen.markup import fill
from osteoscreen.model import Question, Rules
from osteoscreen.ui import measures, state
from osteoscreen.ui.text import html_word, word


def render_step(rules: Rules) -> None:
    who = state.respondent()
    ui = rules.ui
    index = min(state.step(), len(rules.sections) - 1)
    section = rules.sections[index]
    total = len(rules.sections)

    label = fill(word(ui.step_label, who), step=index + 1, steps=total)
    st.progress((index + 1) / total, text=label)
    st.header(word(section.title, who), anchor=False)
    if who == "caregiver":
        st.caption(word(ui.caregiver_tip, who))
    if section.intro:
        st.write(word(section.intro, who))

    answers = state.answers()
    problems = {p.place: p.message for p in validate_answers(rules, answers)}
    shown = [q for q in visible_questions(rules, answers) if q.section == section.id]
    for question in shown:
        with st.container(border=True, key=f"box_{question.id}"):
            _question(rules, question)
            if question.id in problems:
                st.error(problems[question.id])
            st.markdown(
                f"<p class='why'><b>{html_word(ui.why_label, who)}:</b> "
                f"{html_word(question.why, who)}</p>",
                unsafe_allow_html=True,
            )

    if any(q.id not in answers for q in shown):
        st.caption(word(ui.skipped_note, who))
    _navigation(rules, index, total)


def _question(rules: Rules, q: Question) -> None:
    who = state.respondent()
    text = word(q.text, who)
    if q.optional:
        text = f"{text} ({word(rules.ui.optional_label, who)})"

    if q.kind == "choice":
        _choice(q, text)
    elif q.kind == "multi_choice":
        _multi_choice(rules, q, text)
    elif q.measure is not None:
        measures.render(rules, q, text)
    else:
        _number(rules, q, text)
    if q.examples:  # names to match the box in the cupboard: a list, not prose
        st.caption(f"{word(rules.ui.examples_label, who)}: {word(q.examples, who)}")


def _choice(q: Question, text: str) -> None:
    who = state.respondent()
    labels = {o.value: word(o.label, who) for o in q.options}
    values = list(labels)
    current = state.answers().get(q.id)
    widget_key = state.key(q.id)
    st.radio(
        text,
        values,
        index=values.index(current) if current in values else None,
        format_func=labels.__getitem__,
        key=widget_key,
        on_change=_store_choice,
        args=(q.id, widget_key),
    )


@state.calm
def _store_choice(qid: str, widget_key: str) -> None:
    state.set_answer(qid, st.session_state.get(widget_key))


def _multi_choice(rules: Rules, q: Question, text: str) -> None:
    who = state.respondent()
    st.markdown(f"**{text}**")
    st.caption(word(rules.ui.choose_all_label, who))
    picked = state.answers().get(q.id, [])
    for option in q.options:
        st.checkbox(
            word(option.label, who),
            value=option.value in picked,
            key=state.key(q.id, option.value),
            on_change=_store_multi,
            args=(q, option.value),
        )


@state.calm
def _store_multi(q: Question, changed: str) -> None:
    """Store the ticked options. An option that stands alone ("None of these") and the
    others untick each other, as on a paper form: no answer that cannot be kept."""
    ss = st.session_state
    option = q.option(changed)
    if option is not None and ss.get(state.key(q.id, changed)):
        for other in q.options:
            if other.value != changed and (option.exclusive or other.exclusive):
                ss[state.key(q.id, other.value)] = False
    picked = [o.value for o in q.options if ss.get(state.key(q.id, o.value))]
    state.set_answer(q.id, picked)


def age_ranges(low: int, high: int) -> list[tuple[int, int]]:
    """Ranges of ten years covering low..high, e.g. 18-19, 20-29, ..., 120-120."""
    ranges: list[tuple[int, int]] = []
    start = low
    while start <= high:
        end = min(high, (start // 10) * 10 + 9)
        ranges.append((start, end))
        start = end + 1
    return ranges


def _range_label(bounds: tuple[int, int]) -> str:
    return str(bounds[0]) if bounds[0] == bounds[1] else f"{bounds[0]}–{bounds[1]}"


def _number(rules: Rules, q: Question, text: str) -> None:
    """A whole number picked by touch: first a range of ten, then the exact number."""
    who = state.respondent()
    assert q.min is not None
    assert q.max is not None
    ranges = {_range_label(r): r for r in age_ranges(q.min, q.max)}
    current = state.answers().get(q.id)
    chosen = next(
        (r for r in ranges.values() if isinstance(current, int) and r[0] <= current <= r[1]), None
    )
    st.markdown(f"**{text}**")
    range_key = state.key(q.id, "range")
    if range_key not in st.session_state and chosen is not None:
        st.session_state[range_key] = _range_label(chosen)
    picked = st.pills(
        word(rules.ui.age_range_label, who),
        list(ranges),
        key=range_key,
        on_change=_range_changed,
        args=(q.id, range_key, ranges),
    )
    if picked is None:
        return
    low, high = ranges[picked]
    exact_key = state.key(q.id, str(low))
    if exact_key not in st.session_state and isinstance(current, int) and low <= current <= high:
        st.session_state[exact_key] = current
    st.pills(
        word(rules.ui.age_exact_label, who),
        list(range(low, high + 1)),
        key=exact_key,
        on_change=_store_choice,
        args=(q.id, exact_key),
    )


@state.calm
def _range_changed(qid: str, range_key: str, ranges: dict[str, tuple[int, int]]) -> None:
    """A new range makes an exact number from another range no longer an answer."""
    current = state.answers().get(qid)
    picked = st.session_state.get(range_key)
    bounds = ranges.get(picked) if isinstance(picked, str) else None
    if bounds is None or not (isinstance(current, int) and bounds[0] <= current <= bounds[1]):
        state.set_answer(qid, None)


def _navigation(rules: Rules, index: int, total: int) -> None:
    who = state.respondent()
    ui = rules.ui
    with st.container(key="nav", horizontal=True):
        if index == 0:
            st.button(word(ui.back, who), key="nav_back", on_click=state.go, args=("welcome",))
        else:
            st.button(
                word(ui.back, who), key="nav_back", on_click=state.go, args=("questions", index - 1)
            )
        if index + 1 < total:
            st.button(
                word(ui.next, who),
                key="nav_next",
                type="primary",
                on_click=state.go,
                args=("questions", index + 1),
            )
        else:
            st.button(
                word(ui.see_results, who),
                key="nav_next",
                type="primary",
                on_click=state.go,
                args=("results",),
            )
