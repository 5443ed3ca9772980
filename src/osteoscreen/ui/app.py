"""The app's entry point (a first page; the full questionnaire comes with the app issue)."""

from __future__ import annotations

import streamlit as st

from osteoscreen.loader import bundled_rules
from osteoscreen.model import word


def main() -> None:
    rules = bundled_rules()
    st.set_page_config(page_title=rules.meta.title)
    st.title(rules.meta.title)
    st.write(word(rules.texts.notice, "self"))
    for question in rules.questions_in_order():
        st.write(f"- {word(question.text, 'self')}")
