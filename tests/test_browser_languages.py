"""Spanish and Chinese in the real browser, on a phone and on the kiosk: `<html lang>` on
every screen, zero axe violations, no English rule text left on screen."""

from __future__ import annotations

from typing import Any

import pytest

from osteoscreen.languages import bundled, in_language
from osteoscreen.loader import default_rules_path
from osteoscreen.model import word

from browser import (
    PHONE,
    TABLET,
    App,
    axe_violations,
    expand_sources,
    to_summary,
    visible_text,
    walk,
)
from driver import RULES, english_left

pytestmark = pytest.mark.browser

LANGUAGES = bundled(RULES, default_rules_path())
# Answers that open the follow-ups, raise factors from every group and leave a
# "find out" item, typed and tapped as a person would.
ANSWERS: dict[str, Any] = {
    "age": 68,
    "sex": "female",
    "menopause": "yes_before_45",
    "fracture_after_minor_fall": "yes",
    "multiple_sclerosis": "yes",
    "ms_mobility": "some_difficulty",
    "steroids": "yes_now",
    "steroid_duration": "unknown",
    "weight": ("lb", 110),
    "smoking": "current",
}


def download(app: App, label: str) -> bytes:
    with app.page.expect_download() as info:
        app.page.get_by_role("button", name=label, exact=True).click()
    return info.value.path().read_bytes()


def html_lang(app: App) -> tuple[str, str]:
    found = app.page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]")
    return found[0], found[1]


# What a person reads: the page's text without the icons' names (an icon is drawn
# from a font by its name, "language", and is hidden from screen readers).
READ = """
() => {
  const page = document.body.cloneNode(true);
  page.querySelectorAll('[data-testid="stIconMaterial"]').forEach((e) => e.remove());
  document.body.append(page);
  page.style.position = 'absolute';
  const text = page.innerText;
  page.remove();
  return text;
}
"""


def read(app: App) -> str:
    return str(app.page.evaluate(READ))


def walk_in(app: App, code: str, who: str = "self") -> dict[str, Any]:
    """The whole questionnaire in one language: on every screen, what `<html lang>`,
    axe and the English check say. Returns what was wrong, by screen."""
    rules = in_language(RULES, LANGUAGES[code])
    wrong: dict[str, Any] = {}

    def check(screen: str) -> None:
        found: dict[str, Any] = {}
        if html_lang(app) != (code, LANGUAGES[code].direction):
            found["lang"] = html_lang(app)
        english = english_left(code, [read(app)])
        if english:
            found["english"] = english
        if "Press Enter" in visible_text(app):  # Streamlit's own hint under a number box
            found["streamlit"] = "Press Enter"
        violations = axe_violations(app)
        if violations:
            found["axe"] = violations
        if found:
            wrong[screen] = found

    walk(app, ANSWERS, who=who, rules=rules, each=check)
    expand_sources(app)
    quotes = app.page.locator('[class*="st-key-quote_"]')
    assert quotes.count() > 0
    assert set(quotes.evaluate_all("els => els.map((e) => e.lang)")) == {"en"}
    assert word(rules.ui.quote_in_english, who) in visible_text(app)  # type: ignore[arg-type]
    violations = axe_violations(app)
    if violations:
        wrong["results, sources open"] = violations
    to_summary(app, who, rules)
    check("summary")
    return wrong


def test_spanish_on_a_phone_by_the_address(self_server, new_app):
    app = new_app(self_server, PHONE, path="?lang=es")
    buttons = app.page.locator(".st-key-language_buttons button")
    assert buttons.evaluate_all("bs => bs.map((b) => [b.innerText, b.lang])") == [
        ["English", "en"],
        ["Español", "es"],
        ["中文", "zh-Hans"],
    ]
    assert app.page.locator(".st-key-lang_es button").get_attribute("aria-pressed") == "true"
    assert walk_in(app, "es") == {}
    # The downloads are in Spanish too; the PDF then has the clinic's English copy.
    import io
    import json

    from pypdf import PdfReader

    spanish = in_language(RULES, LANGUAGES["es"])
    pdf = PdfReader(io.BytesIO(download(app, word(spanish.ui.download_pdf, "self"))))
    assert pdf.trailer["/Root"]["/Lang"] == "es"
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert text.startswith(word(spanish.texts.summary_title, "self"))
    assert word(RULES.texts.summary_title, "self") in text  # the doctor's copy
    bundle = json.loads(download(app, word(spanish.ui.download_fhir, "self")))
    languages = {e["resource"].get("language") for e in bundle["entry"]}
    assert "es" in languages


def test_chinese_on_a_phone_by_the_browsers_language_for_a_carer(self_server, new_app):
    app = new_app(self_server, PHONE, locale="zh-CN")
    assert walk_in(app, "zh-Hans", "caregiver") == {}


@pytest.mark.parametrize("code", ["es", "zh-Hans"])
def test_the_kiosk_in_a_language_and_back_to_the_clinics_after_finish(kiosk_server, new_app, code):
    app = new_app(kiosk_server, TABLET, locale="zh-CN")
    assert html_lang(app) == ("en", "ltr")  # a kiosk speaks the clinic's language first
    app.click(LANGUAGES[code].name)
    assert walk_in(app, code) == {}
    rules = in_language(RULES, LANGUAGES[code])
    app.click(word(rules.ui.finish, "self"))
    assert html_lang(app) == ("en", "ltr")
    assert app.page.locator(".st-key-notice").get_attribute("lang") == code
    assert word(RULES.ui.who_self, "self") in visible_text(app)
    assert axe_violations(app) == []


def test_the_idle_reset_warns_in_the_visits_language_and_goes_back_to_the_clinics(
    idle_server, new_app
):
    from playwright.sync_api import expect

    from browser import answer

    chinese = in_language(RULES, LANGUAGES["zh-Hans"])
    app = new_app(idle_server, TABLET)
    app.click(LANGUAGES["zh-Hans"].name)
    app.click(word(chinese.ui.who_self, "self"))
    answer(app, "sex", "female", rules=chinese)
    warning = app.page.get_by_text(word(chinese.ui.idle_warning, "self"))
    expect(warning).to_be_visible(timeout=15_000)
    assert html_lang(app) == ("zh-Hans", "ltr")
    welcome = app.page.get_by_text(word(RULES.ui.who_question, "self"))
    expect(welcome).to_be_visible(timeout=15_000)  # wiped, and in the clinic's language
    app.settle()
    assert html_lang(app) == ("en", "ltr")
