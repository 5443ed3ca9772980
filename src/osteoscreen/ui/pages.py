"""The welcome screen, the staff page, and the calm error pages."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from osteoscreen.catalog import flags_table, languages_table, questions_table
from osteoscreen.languages import FIXED, Language, fixed_text
from osteoscreen.model import Respondent, Rules
from osteoscreen.ui import language, state
from osteoscreen.ui.text import md_text, word

# The error pages cannot take their words from the rule file (it may be the
# thing that is broken): their texts are `languages.FIXED`, translated in the
# same translation files. The English, under its old names:
RULES_BROKEN_TITLE = FIXED["rules_broken_title"]
RULES_BROKEN_BODY = FIXED["rules_broken_body"]
SETTINGS_BROKEN_BODY = FIXED["settings_broken_body"]
PAGE_ERROR_TITLE = FIXED["page_error_title"]
PAGE_ERROR_BODY = FIXED["page_error_body"]
PAGE_ERROR_BUTTON = FIXED["page_error_button"]


def render_welcome(
    rules: Rules, *, kiosk: bool, offered: Mapping[str, Language], chosen: Language
) -> None:
    ui = rules.ui
    who: Respondent = "self"
    language.render_buttons(offered, chosen, word(ui.language_label, who), kiosk=kiosk)
    notice = st.session_state.get("notice")
    if notice:
        # After Finish on a kiosk, the thanks stay in the language of the person who
        # finished, while the screen is back in the clinic's (see app._notice_parts).
        with st.container(key="notice"):
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


def render_about(rules: Rules, bundled: list[Language]) -> None:
    ui = rules.ui
    st.title(word(ui.about_title, "self"), anchor=False)
    st.write(word(ui.about_intro, "self"))
    st.header(word(ui.about_questions, "self"), anchor=False)
    st.dataframe(questions_table(rules), hide_index=True, width="stretch", key="table_questions")
    st.header(word(ui.about_flags, "self"), anchor=False)
    st.dataframe(flags_table(rules), hide_index=True, width="stretch", key="table_flags")
    st.header(word(rules.staff.languages_heading, "self"), anchor=False)
    st.dataframe(
        languages_table(rules, bundled), hide_index=True, width="stretch", key="table_languages"
    )
    with st.container(key="nav", horizontal=True):
        st.button(
            word(ui.back_to_start, "self"), key="nav_back", on_click=state.go, args=("welcome",)
        )


def render_rules_broken(lines: list[str], lang: Language | None = None) -> None:
    st.title(md_text(fixed_text("rules_broken_title", lang)), anchor=False)
    st.write(md_text(fixed_text("rules_broken_body", lang)))
    st.code("\n".join(lines), language=None, wrap_lines=True)


def render_settings_broken(lines: list[str], lang: Language | None = None) -> None:
    st.title(md_text(fixed_text("rules_broken_title", lang)), anchor=False)
    st.write(md_text(fixed_text("settings_broken_body", lang)))
    st.code("\n".join(lines), language=None, wrap_lines=True)


def render_page_error(lang: Language | None = None) -> None:
    st.title(md_text(fixed_text("page_error_title", lang)), anchor=False)
    st.write(md_text(fixed_text("page_error_body", lang)))
    st.button(
        fixed_text("page_error_button", lang),
        key="error_restart",
        type="primary",
        on_click=state.wipe,
    )
