"""Session state: the answers, the current screen, and wiping them.

The answers dict is the single store of what the person said. Widgets read
their starting value from it and write back through callbacks, so an answer
survives a widget being off screen (Streamlit drops widget state that is not
rendered). Every widget key carries a generation number: "Start over" bumps
it, so no widget can hand an old value back to the next person.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, Literal, ParamSpec

import streamlit as st

from osteoscreen.answers import RESPONDENT_KEY, Value
from osteoscreen.model import Respondent
from osteoscreen.ui import downloads

Screen = Literal["welcome", "questions", "results", "summary", "about"]
LANGUAGE = "lang"  # the chosen language's code (see osteoscreen.ui.language)
# The language every wipe goes back to (the clinic's, on a kiosk); None keeps the person's.
WIPE_LANGUAGE = "wipe_lang"
NOTICE_LANGUAGE = "notice_lang"  # the language the welcome screen's notice is in
P = ParamSpec("P")
log = logging.getLogger("osteoscreen")


def calm(callback: Callable[P, None]) -> Callable[P, None]:
    """A widget callback that never shows Streamlit's error box.

    Callbacks run before the page does, outside its guard: an error here is
    logged by its class name and the page then shows its calm error screen.
    """

    @functools.wraps(callback)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            callback(*args, **kwargs)
        except Exception as error:
            log.error("callback error: %s", error.__class__.__name__)
            st.session_state["page_error"] = True

    return guarded


def init() -> None:
    """Set the defaults once per session."""
    ss = st.session_state
    ss.setdefault("gen", 0)
    ss.setdefault("answers", {})
    ss.setdefault("screen", "welcome")
    ss.setdefault("step", 0)
    ss.setdefault("notice", None)


def answers() -> dict[str, Any]:
    value: dict[str, Any] = st.session_state["answers"]
    return value


def respondent() -> Respondent:
    return "caregiver" if answers().get(RESPONDENT_KEY) == "caregiver" else "self"


def set_answer(qid: str, value: Value | None) -> None:
    """Store an answer; None or an empty list means "not answered"."""
    if value is None or value == []:
        answers().pop(qid, None)
    else:
        answers()[qid] = value


def key(qid: str, *parts: str) -> str:
    """The widget key for a question: `q_<id>_<generation>[_<part>...]`."""
    return "_".join(["q", qid, str(st.session_state["gen"]), *parts])


def screen() -> Screen:
    value: Screen = st.session_state["screen"]
    return value


@calm
def go(to: Screen, step: int | None = None) -> None:
    st.session_state["screen"] = to
    if step is not None:
        st.session_state["step"] = step
    st.session_state["scroll_top"] = True


def step() -> int:
    value: int = st.session_state["step"]
    return value


def has_anything() -> bool:
    """Is there anything of a person's on screen that an idle reset should clear?"""
    return bool(answers()) or screen() != "welcome"


@calm
def wipe(notice: str | None = None) -> None:
    """Forget every answer and every file made from them; start again at the welcome screen
    (on a kiosk, in the clinic's language; the notice stays in the language it is in)."""
    ss = st.session_state
    for name in [k for k in ss if isinstance(k, str) and k.startswith("q_")]:
        del ss[name]
    ss["gen"] = int(ss.get("gen", 0)) + 1
    ss["answers"] = {}
    ss["screen"] = "welcome"
    ss["step"] = 0
    ss["notice"] = notice
    ss[NOTICE_LANGUAGE] = ss.get(LANGUAGE)
    back_to = ss.get(WIPE_LANGUAGE)
    if back_to:
        ss[LANGUAGE] = back_to
    ss["scroll_top"] = True
    ss.pop("page_error", None)
    downloads.forget()
