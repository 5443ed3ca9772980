"""axe-core on every screen, in every setting: zero violations."""

from __future__ import annotations

import pytest

from osteoscreen.loader import bundled_rules
from osteoscreen.model import word

from browser import PHONE, TABLET, App, answer, axe_violations, expand_sources, to_summary

pytestmark = pytest.mark.browser

RULES = bundled_rules()
# Answers that open every follow-up question, so each step is checked in full.
OPENS_FOLLOW_UPS = {
    "age": 64,
    "sex": "female",
    "menopause": "yes_before_45",
    "fracture_after_minor_fall": "yes",
    "multiple_sclerosis": "yes",
    "ms_mobility": "some_difficulty",
    "anemia": "yes",
    "anemia_type": ["iron_deficiency"],
    "inflammatory_conditions": ["rheumatoid_arthritis"],
    "steroids": "yes_now",
    "steroid_duration": "unknown",
    "smoking": "current",
    "activity": "rarely",
}


def check_every_screen(app: App, who: str) -> dict[str, list[str]]:
    """Walk from welcome to summary, running axe on each screen; returns what it found."""
    ui = RULES.ui
    found: dict[str, list[str]] = {"welcome": axe_violations(app)}
    app.click(word(ui.who_caregiver if who == "caregiver" else ui.who_self, "self"))
    for i, section in enumerate(RULES.sections):
        for q in [q for q in RULES.questions_in_order() if q.section == section.id]:
            if q.id in OPENS_FOLLOW_UPS:
                answer(app, q.id, OPENS_FOLLOW_UPS[q.id], who)
        found[f"step {i + 1}"] = axe_violations(app)
        last = i == len(RULES.sections) - 1
        app.click(word(ui.see_results if last else ui.next, who))  # type: ignore[arg-type]
    expand_sources(app)
    found["results, sources open"] = axe_violations(app)
    to_summary(app, who)
    found["summary"] = axe_violations(app)
    return {screen: v for screen, v in found.items() if v}


def test_self_check_screens_on_a_phone(self_server, new_app):
    assert check_every_screen(new_app(self_server, PHONE), "self") == {}


def test_caregiver_screens_on_a_tablet(self_server, new_app):
    assert check_every_screen(new_app(self_server, TABLET), "caregiver") == {}


def test_kiosk_screens_on_a_tablet(kiosk_server, new_app):
    app = new_app(kiosk_server, TABLET)
    found = check_every_screen(app, "self")
    app.click(word(RULES.ui.finish, "self"))
    found["finished"] = axe_violations(app)
    assert {k: v for k, v in found.items() if v} == {}


def test_the_staff_page(self_server, new_app):
    app = new_app(self_server, TABLET)
    app.click(word(RULES.ui.staff_link, "self"))
    assert axe_violations(app) == []


def test_the_broken_rules_page(broken_server, new_app):
    app = new_app(broken_server, TABLET)
    assert "The questionnaire cannot start" in app.text()
    assert axe_violations(app) == []


@pytest.mark.parametrize("value", ["abc", "nan"])
def test_a_bad_setting_gives_the_calm_staff_page_with_no_outside_link(chromium, new_app, value):
    from browser import start_server

    server = start_server(kiosk="1", idle_seconds=value)
    try:
        app = new_app(server, TABLET)
        # The list of problems is a code block, drawn by a part of the page loaded late.
        app.page.get_by_text("OSTEOSCREEN_IDLE_SECONDS").first.wait_for(timeout=20_000)
        assert "The questionnaire cannot start" in app.text()
        assert "OSTEOSCREEN_IDLE_SECONDS" in app.text()
        assert "from 5 to 3600" in app.text()
        assert app.page.locator('[data-testid="stException"]').count() == 0
        links = app.page.evaluate(
            "() => Array.from(document.querySelectorAll('a[href]')).map((a) => a.href)"
        )
        assert [u for u in links if not u.startswith(server.url)] == []
        assert axe_violations(app) == []
        assert "Traceback" not in server.output()
    finally:
        server.stop()
