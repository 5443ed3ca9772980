"""What the browser really shows: plain language and no diagnostic phrases, on every screen."""

from __future__ import annotations

import pytest

from browser import PHONE, expand_sources, to_summary, walk
from contract import PERSONAS
from wording import MAX_GRADE, MIN_WORDS, forbidden_in, grade, words

pytestmark = pytest.mark.browser

# Every paragraph and list item the person can see, outside quoted sources.
PROSE = """
() => Array.from(document.querySelectorAll(
  '[data-testid="stMain"] p, [data-testid="stMain"] li'
)).filter((e) => e.offsetParent !== null && !e.closest('blockquote') && !e.querySelector('p, li'))
  .map((e) => e.innerText.trim())
"""


def prose(app) -> list[str]:
    return [t for t in app.page.evaluate(PROSE) if t]


@pytest.mark.parametrize("who", ["self", "caregiver"])
def test_every_screen_reads_at_grade_8_and_never_sounds_like_a_diagnosis(self_server, new_app, who):
    app = new_app(self_server, PHONE)
    seen: dict[str, list[str]] = {}
    original_shot = app.shot

    def shot(name: str) -> None:  # read each screen as the walk reaches it
        seen[name] = prose(app)
        original_shot(name)

    app.shot = shot  # type: ignore[method-assign]
    answers = PERSONAS["caregiver_anemia" if who == "caregiver" else "ms_on_steroids"]
    walk(app, {k: v for k, v in answers.items() if k != "respondent"}, who=who)
    to_summary(app, who)

    texts = [(screen, t) for screen, block in seen.items() for t in block]
    assert len([t for _, t in texts if words(t) >= MIN_WORDS]) >= 20
    hard = [
        (s, round(grade(t), 1), t)
        for s, t in texts
        if words(t) >= MIN_WORDS and grade(t) > MAX_GRADE
    ]
    assert hard == []
    assert [(s, t) for s, t in texts if forbidden_in(t)] == []


def test_no_screen_text_sounds_like_a_diagnosis_even_with_sources_open(self_server, new_app):
    app = new_app(self_server, PHONE)
    walk(app, {k: v for k, v in PERSONAS["ms_on_steroids"].items() if k != "respondent"})
    expand_sources(app)
    assert forbidden_in(app.text()) == []
    to_summary(app)
    assert forbidden_in(app.text()) == []
