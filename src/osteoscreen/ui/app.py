"""The app: wires the screens together. Run with `streamlit run app.py`."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

import streamlit as st

from osteoscreen.loader import default_rules_path, load_rules
from osteoscreen.model import Rules, word
from osteoscreen.problem import RulesError
from osteoscreen.settings import Settings, load_settings
from osteoscreen.ui import cache, pages, questions, results, state, style

ICON = Path(__file__).with_name("icon.png")
log = logging.getLogger("osteoscreen")


@st.cache_resource(show_spinner=False)
def _rules(path: str) -> Rules | list[str]:
    """A rule file, loaded and checked once per process (or its problems)."""
    try:
        return load_rules(Path(path))
    except RulesError as error:
        return error.lines


def main() -> None:
    settings = load_settings()
    loaded = _rules(str(default_rules_path()))
    title = loaded.meta.title if isinstance(loaded, Rules) else pages.RULES_BROKEN_TITLE
    # The staff table needs the width; every patient screen reads better narrow.
    layout: Literal["wide", "centered"] = (
        "wide" if st.session_state.get("screen") == "about" else "centered"
    )
    st.set_page_config(page_title=title, page_icon=str(ICON), layout=layout)
    style.apply(settings.kiosk)
    if not isinstance(loaded, Rules):
        pages.render_rules_broken(loaded)
        return
    state.init()
    state.touch()  # a full run only happens after the person did something
    try:
        _render(loaded, settings)
    except Exception as error:  # never show a traceback to a patient
        log.error("page error: %s", error.__class__.__name__)
        pages.render_page_error()


def _render(rules: Rules, settings: Settings) -> None:
    if settings.kiosk:
        _idle_watch(rules, settings)
    if st.session_state.pop("scroll_top", False):
        style.scroll_to_top()
    screen = state.screen()
    if screen != "welcome" or (settings.kiosk and state.has_anything()):
        _top_bar(rules)
    if screen == "welcome":
        pages.render_welcome(rules, kiosk=settings.kiosk)
    elif screen == "about" and not settings.kiosk:
        pages.render_about(rules)
    elif screen == "questions":
        questions.render_step(rules)
    elif screen in ("results", "summary"):
        result = cache.result(rules, state.answers())
        if screen == "results":
            results.render_results(rules, result)
        else:
            results.render_summary(rules, result, kiosk=settings.kiosk)
    else:
        state.go("welcome")
        st.rerun()


def _top_bar(rules: Rules) -> None:
    with st.container(key="topbar", horizontal=True, horizontal_alignment="right"):
        st.button(
            word(rules.ui.start_over, state.respondent()), key="start_over", on_click=state.wipe
        )


def _idle_watch(rules: Rules, settings: Settings) -> None:
    """On the kiosk, warn and then wipe when nobody has touched the screen for a while."""

    @st.fragment(run_every=settings.check_every)
    def watch() -> None:
        if not state.has_anything():
            return
        phase = settings.idle_phase(state.idle_for())
        if phase == "reset":
            state.wipe()
            st.rerun(scope="app")
        elif phase == "warn":
            with st.container(key="idle"):
                st.warning(word(rules.ui.idle_warning, state.respondent()))
                st.button(
                    word(rules.ui.still_here, state.respondent()),
                    key="still_here",
                    type="primary",
                    on_click=state.touch,
                )

    watch()
