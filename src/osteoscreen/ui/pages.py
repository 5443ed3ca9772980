"""The welcome screen, the staff page, and the calm error pages."""

from __future__ import annotations

import streamlit as st

from osteoscreen.catalog import flags_table, questions_table
from osteoscreen.model import Respondent, Rules
from osteoscreen.ui import state
from osteoscreen.ui.text import md_text, word

# The two error pages cannot take their words from the rule file (it may be
# the thing that is broken), so these few staff-facing texts live here.
RULES_BROKEN_TITLE = "The questionnaire cannot start"
RULES_BROKEN_BODY = (
    "This message is for clinic staff. The rule file has problems, so the questionnaire "
    "is switched off until they are fixed. Run `osteoscreen check` to see the same list."
)
SETTINGS_BROKEN_BODY = (
    "This message is for clinic staff. A setting of this installation is wrong, so the "
    'questionnaire is switched off until it is fixed (see the README, "The app and its '
    'three settings").'
)
PAGE_ERROR_TITLE = "Sorry, something went wrong on this page"
PAGE_ERROR_BODY = "Please press the button below to start again, or ask a member of staff for help."
PAGE_ERROR_BUTTON = "Start again"


def render_welcome(rules: Rules, *, kiosk: bool) -> None:
    ui = rules.ui
    who: Respondent = "self"
    notice = st.session_state.get("notice")
    if notice:
        st.success(notice)
    st.title(md_text(rules.meta.title), anchor=False)
    st.write(word(ui.welcome_intro, who))
    st.info(word(ui.welcome_not, who))
    st.write(word(ui.welcome_time, who))
    st.write(word(ui.privacy, who))
    st.header(word(ui.who_question, who), anchor=False)
    with st.container(key="who", horizontal=True):
        st.button(
            word(ui.who_self, who), key="who_self", type="primary", on_click=_start, args=("self",)
        )
        st.button(
            word(ui.who_caregiver, who),
            key="who_caregiver",
            type="primary",
            on_click=_start,
            args=("caregiver",),
        )
    if not kiosk:
        st.button(
            word(ui.staff_link, who),
            key="about",
            type="tertiary",
            on_click=state.go,
            args=("about",),
        )


@state.calm
def _start(respondent: Respondent) -> None:
    st.session_state["notice"] = None
    state.answers()["respondent"] = respondent
    state.go("questions", 0)


def render_about(rules: Rules) -> None:
    ui = rules.ui
    st.title(word(ui.about_title, "self"), anchor=False)
    st.write(word(ui.about_intro, "self"))
    st.header(word(ui.about_questions, "self"), anchor=False)
    st.dataframe(questions_table(rules), hide_index=True, width="stretch", key="table_questions")
    st.header(word(ui.about_flags, "self"), anchor=False)
    st.dataframe(flags_table(rules), hide_index=True, width="stretch", key="table_flags")
    with st.container(key="nav", horizontal=True):
        st.button(
            word(ui.back_to_start, "self"), key="nav_back", on_click=state.go, args=("welcome",)
        )


def render_rules_broken(lines: list[str]) -> None:
    st.title(RULES_BROKEN_TITLE, anchor=False)
    st.write(RULES_BROKEN_BODY)
    st.code("\n".join(lines), language=None, wrap_lines=True)


def render_settings_broken(lines: list[str]) -> None:
    st.title(RULES_BROKEN_TITLE, anchor=False)
    st.write(SETTINGS_BROKEN_BODY)
    st.code("\n".join(lines), language=None, wrap_lines=True)


def render_page_error() -> None:
    st.title(PAGE_ERROR_TITLE, anchor=False)
    st.write(PAGE_ERROR_BODY)
    st.button(PAGE_ERROR_BUTTON, key="error_restart", type="primary", on_click=state.wipe)
