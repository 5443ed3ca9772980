"""Full walkthroughs in the real browser, in all three settings, checked against the CLI."""

from __future__ import annotations

import json

import pytest

from browser import PHONE, TABLET, to_summary, walk
from conftest import osteoscreen
from contract import PERSONAS

pytestmark = pytest.mark.browser


def cli_evaluate(answers: dict) -> dict:
    done = osteoscreen("evaluate", "-", stdin=json.dumps(answers))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def check_results_and_summary(app, answers: dict, who: str) -> None:
    expected = cli_evaluate({**answers, "respondent": who})
    page = app.text()
    for flag in expected["flags"]:
        assert flag["title"] in page
    shown = [h.inner_text() for h in app.page.locator('[data-testid="stVerticalBlock"] h3').all()]
    titles = {f["title"] for f in expected["flags"]}
    assert [t for t in shown if t in titles] == [f["title"] for f in expected["flags"]]
    to_summary(app, who)
    summary = " ".join(app.text().split())
    positions = [summary.index(" ".join(i["text"].split())) for i in expected["summary"]]
    assert positions == sorted(positions)
    numbers = app.page.locator('[data-testid="stMain"] ol').evaluate_all(
        "lists => lists.map((l) => [l.start || 1, l.children.length])"
    )
    counted = [start + i for start, n in numbers for i in range(n)]
    assert counted == list(range(1, len(expected["summary"]) + 1))
    assert " ".join(expected["texts"]["notice"].split()) in summary


def test_self_check_on_a_phone(self_server, new_app):
    app = new_app(self_server, PHONE)
    answers = {k: v for k, v in PERSONAS["ms_on_steroids"].items() if k != "respondent"}
    walk(app, answers)
    check_results_and_summary(app, answers, "self")


def test_caregiver_on_a_tablet(self_server, new_app):
    app = new_app(self_server, TABLET)
    answers = {k: v for k, v in PERSONAS["caregiver_anemia"].items() if k != "respondent"}
    walk(app, answers, who="caregiver")
    assert "Results for the person you care for" in app.text()
    check_results_and_summary(app, answers, "caregiver")
    assert "Talk to their doctor" in app.text()


def test_kiosk_on_a_tablet(kiosk_server, new_app):
    app = new_app(kiosk_server, TABLET)
    answers = {k: v for k, v in PERSONAS["all_clear"].items() if k != "respondent"}
    walk(app, answers)
    check_results_and_summary(app, answers, "self")
    assert app.page.locator("img.qr").is_visible()


def test_a_bmi_entered_in_pounds_and_feet_and_inches(self_server, new_app):
    """110 lb and 5 ft 6 in are 50 kg and 168 cm: a BMI of 17.7, under 19."""
    app = new_app(self_server, PHONE)
    given = {"age": 70, "sex": "female", "menopause": "yes_45_or_later"}
    walk(app, {**given, "weight": ("lb", 110), "height": ("ft_in", (5, 6))})
    page = " ".join(app.text().split())
    assert "Weight: 50 kg; Height: 168 cm" in page
    assert "Body mass index (BMI): 17.7" in page
    check_results_and_summary(app, {**given, "weight": 50, "height": 168}, "self")
