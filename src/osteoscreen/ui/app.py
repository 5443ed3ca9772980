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

from osteoscreen import languages
from osteoscreen.languages import Language, LanguageError, fixed_language, in_language
from osteoscreen.loader import default_rules_path, load_rules
from osteoscreen.model import Rules, word
from osteoscreen.problem import RulesError
from osteoscreen.settings import Settings, SettingsError, bundled_languages, load_settings
from osteoscreen.ui import cache, idle, language, pages, questions, results, state, style

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


@st.cache_resource(show_spinner=False, hash_funcs={Rules: id})
def _languages(path: str, rules: Rules) -> dict[str, Language] | list[str]:
    """The rule file's languages (English first), read once per process (or their problems)."""
    try:
        return languages.bundled(rules, Path(path))
    except LanguageError as error:
        return error.problems
    except Exception as error:  # as for the rule file: a broken file, calmly
        log.error("translation file error: %s", error.__class__.__name__)
        return [f"{path}: a translation beside it cannot be used ({error.__class__.__name__})"]


@st.cache_resource(show_spinner=False)
def _codes(path: str) -> list[str]:
    """The codes of the languages beside the rule file (from the file names only)."""
    return bundled_languages(Path(path))


def main() -> None:
    slot = st.empty()
    shown: list[Language] = []  # the page's language, once it is known
    try:
        with slot.container():
            _page(shown)
    except Exception as error:  # never show a traceback to a patient
        log.error("page error: %s", error.__class__.__name__)
        slot.empty()
        with slot.container():
            _calm_error(shown[-1] if shown else None)


def _page(shown: list[Language]) -> None:
    path = default_rules_path()
    codes = _codes(str(path))
    try:
        settings: Settings | list[str] = load_settings(bundled=codes)
    except SettingsError as error:
        settings = error.lines
    loaded: Rules | list[str] = _rules(str(path))
    bundled = _languages(str(path), loaded) if isinstance(loaded, Rules) else loaded
    if isinstance(loaded, Rules) and not isinstance(bundled, dict):
        loaded = bundled  # a broken translation stops the questionnaire like a broken rule file
    if not isinstance(settings, Settings) or not isinstance(loaded, Rules):
        _broken(path, codes, settings, loaded, shown)
        return
    assert isinstance(bundled, dict)
    offered = {c: bundled[c] for c in settings.offered(list(bundled))}
    state.init()
    chosen = language.current(offered, settings)
    shown.append(chosen)
    rules = in_language(loaded, chosen)
    parts = language.button_parts(offered, chosen) + _quote_parts(chosen)
    _head(rules.meta.title, chosen, parts + _notice_parts(bundled, chosen))
    style.apply(settings.kiosk, chosen.code)
    if settings.kiosk:
        idle.install(
            rules, settings, state.respondent(), dirty=state.has_anything(), language=chosen
        )
    if st.session_state.pop("page_error", False):
        pages.render_page_error(chosen)
        return
    _render(rules, settings, chosen, offered, bundled, loaded)


def _head(title: str, chosen: Language | None, parts: language.Parts | None = None) -> None:
    """The page's title, layout, and `<html lang>`/`dir`."""
    # The staff table needs the width; every patient screen reads better narrow.
    layout: Literal["wide", "centered"] = (
        "wide" if st.session_state.get("screen") == "about" else "centered"
    )
    st.set_page_config(page_title=title, page_icon=str(ICON), layout=layout)
    if chosen is None:
        language.mark(languages.SOURCE, "ltr", parts)
    else:
        language.mark(chosen.code, chosen.direction, parts)


def _quote_parts(chosen: Language) -> language.Parts:
    """The source quotes keep their English: say so to the browser (and screen readers)."""
    if chosen.code == languages.SOURCE:
        return []
    return [language.in_language('[class*="st-key-quote_"]', languages.SOURCE, "ltr")]


def _notice_parts(bundled: dict[str, Language], chosen: Language) -> language.Parts:
    """The kiosk's thanks after Finish are in the language of the person who finished."""
    code = st.session_state.get(state.NOTICE_LANGUAGE)
    if not isinstance(code, str) or code == chosen.code or code not in bundled:
        return []
    return [language.in_language(".st-key-notice", code, bundled[code].direction)]


def _broken(
    path: Path,
    codes: list[str],
    settings: Settings | list[str],
    loaded: Rules | list[str],
    shown: list[Language],
) -> None:
    """A calm page for staff: a setting, the rule file or a translation is broken. Its
    few texts come without the rule file, in the visit's language when they can."""
    known = settings if isinstance(settings, Settings) else None
    offered = known.offered(codes) if known is not None else codes
    code = language.code_of(offered, known)
    fixed = fixed_language(code, path)
    if fixed is not None:
        shown.append(fixed)
    title = languages.fixed_text("rules_broken_title", fixed)
    _head(title, fixed)
    style.apply(kiosk=known.kiosk if known is not None else False)
    if not isinstance(settings, Settings):
        pages.render_settings_broken(settings, fixed)
    elif not isinstance(loaded, Rules):
        pages.render_rules_broken(loaded, fixed)


def _calm_error(chosen: Language | None) -> None:
    """The calm error page, drawn even when the styles or the state are what failed."""
    try:
        language.mark(
            chosen.code if chosen else languages.SOURCE,
            chosen.direction if chosen else "ltr",
            key="page_lang_error",
        )
        style.apply(False)
    except Exception as error:
        log.error("style error: %s", error.__class__.__name__)
    pages.render_page_error(chosen)


def _render(
    rules: Rules,
    settings: Settings,
    chosen: Language,
    offered: dict[str, Language],
    bundled: dict[str, Language],
    source: Rules,
) -> None:
    """The screen the visit is on, from `rules` (in the visit's language; `source` is
    the rule file's own, for the doctor's copy in the clinic's language)."""
    if st.session_state.pop("scroll_top", False):
        style.scroll_to_top()
    screen = state.screen()
    if screen != "welcome" or (settings.kiosk and state.has_anything()):
        _top_bar(rules)
    if screen == "welcome":
        pages.render_welcome(rules, kiosk=settings.kiosk, offered=offered, chosen=chosen)
    elif screen == "about" and not settings.kiosk:
        pages.render_about(rules, list(bundled.values()))
    elif screen == "questions":
        questions.render_step(rules)
    elif screen in ("results", "summary"):
        result = cache.result(rules, state.answers(), chosen.code)
        if screen == "results":
            results.render_results(rules, result, chosen)
        else:
            clinic = in_language(source, bundled[settings.clinic_language])
            results.render_summary(
                rules,
                result,
                chosen,
                kiosk=settings.kiosk,
                clinic=(clinic, settings.clinic_language),
            )
    else:
        state.go("welcome")
        st.rerun()


def _top_bar(rules: Rules) -> None:
    with st.container(key="topbar", horizontal=True, horizontal_alignment="right"):
        st.button(
            word(rules.ui.start_over, state.respondent()), key="start_over", on_click=state.wipe
        )
