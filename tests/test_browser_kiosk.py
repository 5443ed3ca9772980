"""The waiting-room tablet: touch targets, Start over, and the idle reset."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from osteoscreen.loader import bundled_rules
from osteoscreen.model import word

from browser import (
    TABLET,
    answer,
    axe_violations,
    chosen,
    expand_sources,
    small_targets,
    to_summary,
)

pytestmark = pytest.mark.browser
RULES = bundled_rules()
UI = RULES.ui


def test_every_touch_target_is_at_least_44_px_on_every_screen(kiosk_server, new_app):
    app = new_app(kiosk_server, TABLET)
    found = {"welcome": small_targets(app)}
    app.click(word(UI.who_self, "self"))
    answer(app, "sex", "female")
    answer(app, "age", 67)
    for i, _ in enumerate(RULES.sections):
        found[f"step {i + 1}"] = small_targets(app)
        last = i == len(RULES.sections) - 1
        app.click(word(UI.see_results if last else UI.next, "self"))
    expand_sources(app)
    found["results"] = small_targets(app)
    to_summary(app)
    found["summary"] = small_targets(app)
    assert {screen: small for screen, small in found.items() if small} == {}


def test_start_over_leaves_no_answer_visible_or_selected(kiosk_server, new_app):
    app = new_app(kiosk_server, TABLET)
    app.click(word(UI.who_caregiver, "self"))
    answer(app, "age", 83, "caregiver")
    answer(app, "sex", "female", "caregiver")
    answer(app, "menopause", "yes_before_45", "caregiver")
    assert chosen(app) == 4  # the age range, the age, sex and menopause
    app.click(word(UI.start_over, "caregiver"))
    assert "Who is this for?" in app.text()
    app.click(word(UI.who_self, "self"))
    assert chosen(app) == 0
    assert "the person you care for" not in app.text()
    assert not app.page.get_by_role("radio", name="Yes, before age 45").count()


def test_finish_clears_everything(kiosk_server, new_app):
    app = new_app(kiosk_server, TABLET)
    app.click(word(UI.who_self, "self"))
    answer(app, "sex", "male")
    for _ in range(2):  # past "Height and weight" to "Broken bones and falls"
        app.click(word(UI.next, "self"))
    answer(app, "fracture_after_minor_fall", "yes")
    for _ in range(3):
        app.click(word(UI.next, "self"))
    app.click(word(UI.see_results, "self"))
    to_summary(app)
    app.click(word(UI.finish, "self"))
    assert UI.finished in app.text()
    app.click(word(UI.who_self, "self"))
    assert chosen(app) == 0
    app.click(word(UI.next, "self"))
    assert chosen(app) == 0


def test_the_idle_reset_warns_first_then_wipes_the_answers(idle_server, new_app):
    app = new_app(idle_server, TABLET)
    app.click(word(UI.who_self, "self"))
    answer(app, "age", 71)
    answer(app, "sex", "female")
    warning = app.page.get_by_text(word(UI.idle_warning, "self"))
    expect(warning).to_be_visible(timeout=15_000)  # no touch for a while: the warning first
    assert chosen(app) == 3  # the answers are still there while it warns
    app.shot("idle-warning")
    assert axe_violations(app) == []
    expect(app.page.get_by_text("Who is this for?")).to_be_visible(timeout=15_000)
    app.settle()
    assert "Female" not in app.text()
    app.click(word(UI.who_self, "self"))
    assert chosen(app) == 0


def test_still_here_keeps_the_answers(idle_server, new_app):
    app = new_app(idle_server, TABLET)
    app.click(word(UI.who_self, "self"))
    answer(app, "sex", "male")
    still = app.page.get_by_role("button", name=word(UI.still_here, "self"))
    expect(still).to_be_visible(timeout=15_000)
    still.click()
    expect(still).to_be_hidden(timeout=10_000)
    app.settle()
    assert chosen(app) == 1
