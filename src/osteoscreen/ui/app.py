"""The page: wires the screens together. Served by `app.py` (see `page.py`).

Every part of a page run (settings, rules, page config, styles, screens and
the widgets' callbacks) runs under one guard: whatever goes wrong, the person
sees a calm page, never Streamlit's error box.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

import streamlit as st

from osteoscreen.loader import default_rules_path, load_rules
from osteoscreen.model import Rules, word
from osteoscreen.problem import RulesError
from osteoscreen.settings import Settings, SettingsError, load_settings
from osteoscreen.ui import cache, idle, pages, questions, results, state, style

ICON = Path(__file__).with_name("icon.png")
log = logging.getLogger("osteoscreen")


@st.cache_resource(show_spinner=False)
def _rules(path: str) -> Rules | list[str]:
    """A rule file, loaded and checked once per process (or its problems)."""
    try:
        return load_rules(Path(path))
    except RulesError as error:
        return error.lines
    except Exception as error:  # a file the checks did not foresee is still a broken file
        log.error("rule file error: %s", error.__class__.__name__)
        return [f"{path}: the rule file cannot be used ({error.__class__.__name__})"]


def main() -> None:
    slot = st.empty()
    try:
        with slot.container():
            _page()
    except Exception as error:  # never show a traceback to a patient
        log.error("page error: %s", error.__class__.__name__)
        slot.empty()
        with slot.container():
            _calm_error()


def _page() -> None:
    try:
        settings: Settings | list[str] = load_settings()
    except SettingsError as error:
        settings = error.lines
    loaded = _rules(str(default_rules_path()))
    title = (
        loaded.meta.title
        if isinstance(loaded, Rules) and isinstance(settings, Settings)
        else pages.RULES_BROKEN_TITLE
    )
    # The staff table needs the width; every patient screen reads better narrow.
    layout: Literal["wide", "centered"] = (
        "wide" if st.session_state.get("screen") == "about" else "centered"
    )
    st.set_page_config(page_title=title, page_icon=str(ICON), layout=layout)
    if not isinstance(settings, Settings):
        style.apply(kiosk=False)
        pages.render_settings_broken(settings)
        return
    style.apply(settings.kiosk)
    if not isinstance(loaded, Rules):
        pages.render_rules_broken(loaded)
        return
    state.init()
    if settings.kiosk:
        idle.install(loaded, settings, state.respondent(), dirty=state.has_anything())
    if st.session_state.pop("page_error", False):
        pages.render_page_error()
        return
    _render(loaded, settings)


def _calm_error() -> None:
    """The calm error page, drawn even when the styles or the state are what failed."""
    try:
        style.apply(False)
    except Exception as error:
        log.error("style error: %s", error.__class__.__name__)
    pages.render_page_error()


def _render(rules: Rules, settings: Settings) -> None:
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
