"""Drive the real app with Streamlit's AppTest, by the widgets' stable keys."""

from __future__ import annotations

import functools
import re
from typing import Any

from streamlit.testing.v1 import AppTest

from osteoscreen.engine import visible_questions
from osteoscreen.languages import bundled, sources
from osteoscreen.loader import bundled_rules, default_rules_path
from osteoscreen.ui.questions import age_ranges

from conftest import ROOT

RULES = bundled_rules()
# The questionnaire page that app.py serves (app.py itself is the server).
PAGE = ROOT / "page.py"


def start(who: str = "self") -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=30).run()
    assert not at.exception
    at.button(key="who_caregiver" if who == "caregiver" else "who_self").click().run()
    return at


def gen(at: AppTest) -> int:
    return int(at.session_state["gen"])


def answer(at: AppTest, qid: str, value: Any) -> None:
    """Give one answer through its widget, the way a person would."""
    g = gen(at)
    q = RULES.question(qid)
    if q.measure is not None:
        if value in q.unknown_values:
            at.checkbox(key=f"q_{qid}_{g}_unknown").check().run()
        else:
            unit = "kg" if q.measure == "weight" else "cm"
            at.number_input(key=f"q_{qid}_{g}_{unit}").set_value(value).run()
    elif q.kind == "integer":
        assert q.min is not None
        assert q.max is not None
        low, high = next(r for r in age_ranges(q.min, q.max) if r[0] <= value <= r[1])
        label = str(low) if low == high else f"{low}–{high}"
        at.button_group(key=f"q_{qid}_{g}_range").set_value(label).run()
        at.button_group(key=f"q_{qid}_{g}_{low}").set_value(value).run()
    elif q.kind == "choice":
        at.radio(key=f"q_{qid}_{g}").set_value(value).run()
    else:
        for option in value:
            at.checkbox(key=f"q_{qid}_{g}_{option}").check().run()
    assert not at.exception, at.exception


def step_to(at: AppTest, section: str) -> None:
    """Press Next until the step that holds this section."""
    target = [s.id for s in RULES.sections].index(section)
    while int(at.session_state["step"]) < target:
        at.button(key="nav_next").click().run()


def fill(at: AppTest, answers: dict[str, Any]) -> None:
    """Answer every step in order, then press "See the results"."""
    given: dict[str, Any] = {"respondent": answers.get("respondent", "self")}
    for section in RULES.sections:
        for qid in [q.id for q in RULES.questions_in_order() if q.section == section.id]:
            shown = [q.id for q in visible_questions(RULES, given)]
            if qid in answers and qid in shown:
                answer(at, qid, answers[qid])
                given[qid] = answers[qid]
        at.button(key="nav_next").click().run()
    assert at.session_state["screen"] == "results"


def texts(at: AppTest) -> list[str]:
    """Every piece of text on the screen, in order."""
    found: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "success",
        "error",
    ):
        found += [str(e.value) for e in at.get(kind)]
    return found


@functools.cache
def _kept(code: str) -> dict[str, str]:
    return bundled(RULES, default_rules_path())[code].table


def english_left(code: str, screen: list[str]) -> list[str]:
    """The English rule texts (longer than three characters) on a translated screen,
    except those the translation keeps as they are (names: "Anemia", "FRAX", "kg")."""
    kept = _kept(code)
    page = "\n".join(screen)
    left = []
    for place, english in sources(RULES).items():
        if len(english.strip()) <= 3 or kept.get(place) == english:
            continue
        parts = re.split(r"\{\w+\}", english)  # "Step {step} of {steps}": any number
        pattern = r"\S+".join(re.escape(p) for p in parts)
        if re.search(rf"(?<!\w){pattern}(?!\w)", page):
            left.append(f"{place}: {english[:60]}")
    return left
