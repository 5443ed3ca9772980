"""The waiting-room tablet: touch targets, Start over, and the idle reset."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from osteoscreen.loader import bundled_rules
from osteoscreen.model import word
from osteoscreen.ui import idle

from browser import (
    KEEP_SOCKETS,
    TABLET,
    answer,
    axe_violations,
    chosen,
    cut_connection,
    expand_sources,
    small_targets,
    start_server,
    to_summary,
    visible_text,
    walk,
)

pytestmark = pytest.mark.browser
RULES = bundled_rules()
# Answers that raise many factors: a 72-year-old woman with a broken wrist, on steroids.
EVERYTHING_SHOWN = {
    "age": 72,
    "sex": "female",
    "fracture_after_minor_fall": "yes",
    "steroids": "yes_now",
    "smoking": "current",
    "falls_past_year": "two_or_more",
    "family_history": "yes",
}
UI = RULES.ui
# Counts the runs the page sees start (the script-state attribute turning "running").
RUN_COUNTER = """
() => {
  if (window.scriptRuns === undefined) {
    window.scriptRuns = 0;
    const app = document.querySelector('[data-testid="stApp"]');
    new MutationObserver(() => {
      if (app.getAttribute('data-test-script-state') === 'running') { window.scriptRuns += 1; }
    }).observe(app, { attributes: true, attributeFilter: ['data-test-script-state'] });
  }
  return window.scriptRuns;
}
"""


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


# ------------------------------------------------------- the wipe needs no server

ANSWERED = ["Female", "71"]  # what the person picked, as the screen shows it


def answers_visible(app) -> list[str]:
    text = visible_text(app)
    return [a for a in ANSWERED if a in text]


def start_answering(app) -> None:
    app.click(word(UI.who_self, "self"))
    answer(app, "age", 71)
    answer(app, "sex", "female")
    assert answers_visible(app) == ANSWERED


def test_a_stopped_server_covers_the_answers_then_wipes_and_starts_afresh(chromium, new_app):
    server = start_server(kiosk="1", idle_seconds="8", idle_warning_seconds="3")
    try:
        app = new_app(server, TABLET)
        start_answering(app)
        touched = time.monotonic()
        server.stop()
        wait = app.page.get_by_text(idle.WAIT_TITLE)
        expect(wait).to_be_visible(timeout=10_000)  # calm, and nothing of the person's shows
        assert answers_visible(app) == []
        app.shot("server-stopped")
        reset = app.page.get_by_text(idle.RESET_TITLE)
        expect(reset).to_be_visible(timeout=15_000)
        assert time.monotonic() - touched < 8 + 4
        assert answers_visible(app) == []
        # The server comes back: the tablet loads a new, empty session on its own.
        server = start_server(port=int(server.url.rsplit(":", 1)[1]), kiosk="1", idle_seconds="8")
        expect(app.page.get_by_text("Who is this for?")).to_be_visible(timeout=20_000)
        app.settle()
        app.click(word(UI.who_self, "self"))
        assert chosen(app) == 0
    finally:
        server.stop()


PAGE_TEXT = "() => document.documentElement.textContent"


def test_a_lost_connection_empties_the_page_of_the_results_not_only_covers_them(
    idle_server, new_app
):
    """Issue 20: the previous person's flag titles must leave the page's DOM at once."""
    app = new_app(idle_server, TABLET, before=KEEP_SOCKETS)
    walk(app, EVERYTHING_SHOWN)
    titles = [word(f.title, "self") for f in RULES.flags]
    shown = [t for t in titles if t in app.page.evaluate(PAGE_TEXT)]
    assert len(shown) >= 5, shown
    cut_connection(app)
    expect(app.page.get_by_text(idle.WAIT_TITLE)).to_be_visible(timeout=10_000)
    deadline = time.monotonic() + 6
    while time.monotonic() < deadline:  # for the whole outage, up to the idle reset
        text = app.page.evaluate(PAGE_TEXT)
        assert [t for t in titles if t in text] == []
        assert app.page.evaluate("() => document.querySelectorAll('input').length") == 0
        app.page.wait_for_timeout(500)
    app.page.context.set_offline(False)
    expect(app.page.get_by_text("Who is this for?")).to_be_visible(timeout=20_000)


def test_a_cut_connection_covers_the_answers_and_the_wipe_still_happens(idle_server, new_app):
    app = new_app(idle_server, TABLET, before=KEEP_SOCKETS)
    start_answering(app)
    touched = time.monotonic()
    cut_connection(app)
    expect(app.page.get_by_text(idle.WAIT_TITLE)).to_be_visible(timeout=10_000)
    assert answers_visible(app) == []
    app.shot("offline")
    assert axe_violations(app) == []
    expect(app.page.get_by_text(idle.RESET_TITLE)).to_be_visible(timeout=15_000)
    assert time.monotonic() - touched < 8 + 4
    assert answers_visible(app) == []
    app.page.context.set_offline(False)
    expect(app.page.get_by_text("Who is this for?")).to_be_visible(timeout=20_000)
    app.settle()
    app.click(word(UI.who_self, "self"))
    assert chosen(app) == 0


def test_a_reconnect_does_not_set_the_idle_clock_back(idle_server, new_app):
    app = new_app(idle_server, TABLET, before=KEEP_SOCKETS)
    start_answering(app)
    touched = time.monotonic()
    cut_connection(app)
    expect(app.page.get_by_text(idle.WAIT_TITLE)).to_be_visible(timeout=10_000)
    app.page.context.set_offline(False)  # back within a few seconds: Streamlit reconnects
    expect(app.page.get_by_text(idle.WAIT_TITLE)).to_be_hidden(timeout=15_000)
    expect(app.page.get_by_text("Who is this for?")).to_be_visible(timeout=15_000)
    assert time.monotonic() - touched < 8 + 4  # the reset came on time, not 8 s after the reconnect


def test_the_idle_timer_costs_the_server_no_script_runs(idle_server, new_app):
    """Waiting on the kiosk runs nothing on the server: the countdown lives in the browser."""
    app = new_app(idle_server, TABLET)
    app.click(word(UI.who_self, "self"))
    runs = app.page.evaluate(RUN_COUNTER)
    app.page.wait_for_timeout(3_000)  # idle, before the warning
    assert app.page.evaluate("() => window.scriptRuns") == runs
