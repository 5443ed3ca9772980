"""Keyboard only: from welcome to summary with Tab, Space, Enter and arrow keys."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import TABLET, focused, tab_to

pytestmark = pytest.mark.browser


def press(app, key: str) -> None:
    app.page.keyboard.press(key)


def test_the_questionnaire_can_be_completed_by_keyboard_with_the_focus_always_visible(
    self_server, new_app
):
    app = new_app(self_server, TABLET)
    stops = []

    def go(role: str, name: str, *, partial: bool = False) -> None:
        stops.extend(tab_to(app, role, name, partial=partial))

    go("button", "Me")
    app.navigate(lambda: press(app, "Enter"))
    app.shot("step-1")

    # The age picker is two radio groups: one Tab stop each, arrows to move.
    age = app.page.locator(".st-key-box_age")
    go("radio", "18–19")
    for _ in range(5):  # 18-19, 20-29, ... 60-69: arrows move, Space picks
        press(app, "ArrowRight")
    press(app, "Space")
    expect(age.get_by_role("radio", name="60–69", exact=True)).to_be_checked()
    app.settle()
    go("radio", "60")
    for _ in range(7):
        press(app, "ArrowRight")
    press(app, "Space")
    expect(age.get_by_role("radio", name="67", exact=True)).to_be_checked()
    app.settle()
    go("radio", "Female")
    press(app, "Space")
    expect(app.page.get_by_role("radio", name="Female", exact=True)).to_be_checked()
    app.settle()
    go("radio", "Yes, before age 45")  # the follow-up question appeared
    press(app, "Space")
    app.settle()
    go("button", "Next")
    app.navigate(lambda: press(app, "Enter"))

    # A weight is typed: Tab to the box, type the number, Enter to commit it.
    go("input", "Weight")
    app.page.keyboard.type("70")
    press(app, "Enter")
    app.settle()
    weight = app.page.locator(".st-key-box_weight").get_by_role("spinbutton")
    expect(weight).to_have_value("70")
    go("button", "Next")
    app.navigate(lambda: press(app, "Enter"))

    # A radio group is one Tab stop; the arrow keys move the choice within it.
    go("radio", "Yes")
    press(app, "ArrowDown")
    app.settle()
    assert focused(app)["name"] == "No"
    expect(
        app.page.locator(".st-key-box_fracture_after_minor_fall").get_by_role(
            "radio", name="No", exact=True
        )
    ).to_be_checked()
    go("button", "Next")
    app.navigate(lambda: press(app, "Enter"))

    go("checkbox", "Rheumatoid arthritis")
    press(app, "Space")
    app.settle()
    go("button", "Next")
    app.navigate(lambda: press(app, "Enter"))
    go("button", "Next")
    app.navigate(lambda: press(app, "Enter"))
    go("button", "See the results")
    app.navigate(lambda: press(app, "Enter"))

    assert "Rheumatoid arthritis or chronic kidney disease" in app.text()
    go("summary", "Sources (3)", partial=True)
    press(app, "Enter")
    expect(app.page.locator("details[open]").first).to_be_visible()
    go("button", "Next: talk to your doctor")
    app.navigate(lambda: press(app, "Enter"))

    text = app.text()
    assert "See a doctor soon" not in text
    assert "Ask whether a bone density test is needed." in text
    hidden = [s for s in stops if not s["visible"]]
    assert hidden == [], f"focus not visible on: {hidden}"
    assert len(stops) > 20


def test_every_control_on_a_step_is_reachable_by_tab(self_server, new_app):
    app = new_app(self_server, TABLET)
    tab_to(app, "button", "Me")
    app.navigate(lambda: press(app, "Enter"))
    seen = set()
    for _ in range(60):
        press(app, "Tab")
        now = focused(app)
        if now:
            seen.add((now["role"], now["name"]))
    groups = app.page.locator('[role="radiogroup"]').count()
    radio_stops = {name for role, name in seen if role == "radio"}
    assert len(radio_stops) == groups  # each group (questions and age picker) is one stop
    assert ("button", "Next") in seen
    assert ("button", "Back") in seen
    assert ("button", "Start over") in seen
