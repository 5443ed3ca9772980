"""The app in every bundled language, through AppTest: choosing one, keeping it, the
kiosk going back to the clinic's, the staff page's status, and walkthroughs in
Spanish and Chinese with no English left on screen but the source quotes."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from osteoscreen.engine import visible_questions
from osteoscreen.languages import FIXED, bundled, in_language
from osteoscreen.loader import default_rules_path
from osteoscreen.model import word
from osteoscreen.settings import ENV

from driver import PAGE, RULES, answer, english_left, gen, texts
from wording import forbidden_in

LANGUAGES = bundled(RULES, default_rules_path())
NAMES = {"en": "English", "es": "Español", "zh-Hans": "中文"}
SETTINGS = ("OSTEOSCREEN_RULES", *ENV.values())  # every setting the app reads
# Answers that open every follow-up question and raise many factors and "find out"
# items, so that a walkthrough shows as many texts as it can.
EVERYTHING = {
    "age": 64,
    "sex": "female",
    "menopause": "yes_before_45",
    "fracture_after_minor_fall": "yes",
    "family_history": "unknown",
    "multiple_sclerosis": "yes",
    "ms_mobility": "some_difficulty",
    "anemia": "yes",
    "anemia_type": ["iron_deficiency"],
    "inflammatory_conditions": ["rheumatoid_arthritis"],
    "steroids": "yes_now",
    "steroid_duration": "unknown",
    "smoking": "current",
    "activity": "rarely",
    "vitamin_d_test": "unknown",
    "weight": "unknown",
}


@pytest.fixture(autouse=True)
def _settings(monkeypatch):
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)


def opened(lang: str | None = None, locale: str | None = None) -> AppTest:
    """The welcome screen, reached by `?lang=` and/or a browser's language."""
    at = AppTest.from_file(str(PAGE), default_timeout=30)
    if lang is not None:
        at.query_params["lang"] = lang
    if locale is not None:
        at.context["locale"] = locale
    at.run()
    assert not at.exception, at.exception
    return at


def page_language(at: AppTest) -> tuple[str, str]:
    """What the page tells the browser its `<html lang>` and `dir` are."""
    (marker,) = [h.proto.body for h in at.get("html") if 'id="osteo-lang"' in h.proto.body]
    lang = re.search(r'data-lang="([^"]*)"', marker)
    direction = re.search(r'data-dir="([^"]*)"', marker)
    assert lang
    assert direction
    return lang.group(1), direction.group(1)


def chosen(at: AppTest) -> str:
    return str(at.session_state["lang"])


# ---------------------------------------------------------------- choosing


def test_the_welcome_screen_offers_each_language_named_in_itself():
    at = opened()
    buttons = {b.key: b.label for b in at.button if b.key.startswith("lang_")}
    assert buttons == {f"lang_{code}": name for code, name in NAMES.items()}
    assert chosen(at) == "en"
    assert page_language(at) == ("en", "ltr")
    label = word(RULES.ui.language_label, "self")
    (row,) = [h.proto.body for h in at.get("html") if 'class="language-label"' in h.proto.body]
    assert f"<strong>{label}</strong>" in row


def test_a_language_button_changes_every_text_and_the_page_language():
    at = opened()
    at.button(key="lang_es").click().run()
    spanish = in_language(RULES, LANGUAGES["es"])
    assert chosen(at) == "es"
    assert at.title[0].value == spanish.meta.title
    assert at.button(key="who_self").label == word(spanish.ui.who_self, "self")
    assert page_language(at) == ("es", "ltr")
    assert at.query_params["lang"] == "es"  # a reload keeps it


def test_lang_in_the_address_selects_spanish():
    at = opened(lang="es")
    assert chosen(at) == "es"
    assert at.title[0].value == in_language(RULES, LANGUAGES["es"]).meta.title
    assert page_language(at) == ("es", "ltr")


@pytest.mark.parametrize(("asked", "found"), [("es-MX", "es"), ("zh-CN", "zh-Hans"), ("fr", "en")])
def test_lang_in_the_address_finds_the_nearest_offered_language(asked, found):
    assert chosen(opened(lang=asked)) == found


def test_a_self_check_follows_the_browsers_language_and_the_address_wins():
    at = opened(locale="zh-CN")
    assert chosen(at) == "zh-Hans"
    assert at.button(key="who_self").label == word(
        in_language(RULES, LANGUAGES["zh-Hans"]).ui.who_self, "self"
    )
    assert page_language(at) == ("zh-Hans", "ltr")
    assert chosen(opened(lang="es", locale="zh-CN")) == "es"


def test_a_kiosk_ignores_the_browsers_language_and_the_address(monkeypatch):
    monkeypatch.setenv("OSTEOSCREEN_KIOSK", "1")
    assert chosen(opened(locale="zh-CN")) == "en"
    assert chosen(opened(lang="es")) == "en"
    monkeypatch.setenv("OSTEOSCREEN_CLINIC_LANGUAGE", "es")
    assert chosen(opened(locale="zh-CN")) == "es"


def test_a_clinic_offers_only_its_languages_in_its_order(monkeypatch):
    monkeypatch.setenv("OSTEOSCREEN_LANGUAGES", "es,zh-Hans")
    at = opened(locale="en-US")
    assert [b.key for b in at.button if b.key.startswith("lang_")] == ["lang_es", "lang_zh-Hans"]
    assert chosen(at) == "es"  # English is not offered: the first offered is the clinic's
    assert chosen(opened(lang="en")) == "es"


def test_one_offered_language_shows_no_language_buttons(monkeypatch):
    monkeypatch.setenv("OSTEOSCREEN_LANGUAGES", "zh-Hans")
    at = opened()
    assert not [b for b in at.button if b.key.startswith("lang_")]
    assert chosen(at) == "zh-Hans"


def test_changing_the_language_keeps_the_answers():
    at = opened()
    at.button(key="who_caregiver").click().run()
    answer(at, "age", 72)
    answer(at, "sex", "female")
    at.button(key="nav_back").click().run()  # back to the welcome screen
    at.button(key="lang_zh-Hans").click().run()
    assert at.session_state["answers"] == {"respondent": "caregiver", "age": 72, "sex": "female"}
    at.button(key="who_caregiver").click().run()
    g = gen(at)
    assert at.radio(key=f"q_sex_{g}").value == "female"
    chinese = in_language(RULES, LANGUAGES["zh-Hans"])
    assert at.radio(key=f"q_sex_{g}").label == word(chinese.question("sex").text, "caregiver")


def test_start_over_on_a_self_check_keeps_the_persons_language():
    at = opened(lang="es")
    at.button(key="who_self").click().run()
    answer(at, "age", 60)
    at.button(key="start_over").click().run()
    assert at.session_state["answers"] == {}
    assert chosen(at) == "es"


# ---------------------------------------------------------------- kiosk


def kiosk_in(monkeypatch, code: str) -> AppTest:
    monkeypatch.setenv("OSTEOSCREEN_KIOSK", "1")
    at = opened()
    at.button(key=f"lang_{code}").click().run()
    at.button(key="who_self").click().run()
    answer(at, "age", 70)
    assert chosen(at) == code
    return at


def test_kiosk_start_over_goes_back_to_the_clinics_language(monkeypatch):
    at = kiosk_in(monkeypatch, "zh-Hans")
    at.button(key="start_over").click().run()
    assert at.session_state["answers"] == {}
    assert chosen(at) == "en"
    assert at.title[0].value == RULES.meta.title
    assert page_language(at) == ("en", "ltr")


def test_kiosk_start_over_goes_back_to_a_clinic_language_other_than_english(monkeypatch):
    monkeypatch.setenv("OSTEOSCREEN_CLINIC_LANGUAGE", "es")
    at = kiosk_in(monkeypatch, "zh-Hans")
    at.button(key="start_over").click().run()
    assert chosen(at) == "es"


def test_kiosk_finish_goes_back_to_the_clinics_language_and_thanks_in_the_persons(monkeypatch):
    at = kiosk_in(monkeypatch, "es")
    for _ in RULES.sections:
        at.button(key="nav_next").click().run()
    at.button(key="nav_next").click().run()  # to the summary
    at.button(key="finish").click().run()
    assert chosen(at) == "en"
    spanish = in_language(RULES, LANGUAGES["es"])
    assert [s.value for s in at.success] == [word(spanish.ui.finished, "self")]
    assert at.button(key="who_self").label == word(RULES.ui.who_self, "self")
    (marker,) = [h.proto.body for h in at.get("html") if 'id="osteo-lang"' in h.proto.body]
    assert "st-key-notice" in html.unescape(marker)  # the thanks are marked as Spanish


def test_the_kiosk_idle_cover_speaks_the_visits_language(monkeypatch):
    at = kiosk_in(monkeypatch, "zh-Hans")
    (data,) = [h.proto.body for h in at.get("html") if 'id="osteo-idle"' in h.proto.body]
    table = LANGUAGES["zh-Hans"].table
    for name in ("wait_title", "wait_text", "reset_title", "reset_text"):
        assert html.escape(table[f"fixed.{name}"], quote=True) in data
        assert html.escape(FIXED[name], quote=True) not in data


# ---------------------------------------------------------------- calm pages


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("OSTEOSCREEN_LANGUAGES", "en,fr", "en, es, zh-Hans"),
        ("OSTEOSCREEN_LANGUAGES", "", "en, es, zh-Hans"),
        ("OSTEOSCREEN_CLINIC_LANGUAGE", "klingon", "en, es, zh-Hans"),
    ],
)
def test_a_bad_language_setting_shows_the_calm_staff_page_naming_it(
    monkeypatch, name, value, allowed
):
    monkeypatch.setenv(name, value)
    at = opened()
    assert at.title[0].value == FIXED["rules_broken_title"]
    assert name in at.code[0].value
    assert allowed in at.code[0].value
    assert not at.button
    assert not [m for m in at.markdown if "http" in m.value]


def test_the_calm_staff_page_speaks_the_browsers_language(monkeypatch):
    monkeypatch.setenv("OSTEOSCREEN_LANGUAGES", "fr")
    at = opened(locale="es-ES")
    table = LANGUAGES["es"].table
    assert at.title[0].value == table["fixed.rules_broken_title"]
    assert page_language(at) == ("es", "ltr")


def test_the_calm_error_page_speaks_the_visits_language(monkeypatch):
    import osteoscreen.ui.questions as questions

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(questions, "render_step", broken)
    at = opened(lang="zh-Hans")
    at.button(key="who_self").click().run()
    assert not at.exception
    table = LANGUAGES["zh-Hans"].table
    assert at.title[0].value == table["fixed.page_error_title"]
    assert at.button(key="error_restart").label == table["fixed.page_error_button"]
    assert page_language(at) == ("zh-Hans", "ltr")


# ---------------------------------------------------------------- staff page


def test_the_staff_page_shows_each_languages_status_in_the_chosen_languages_words():
    at = opened(lang="es")
    at.button(key="about").click().run()
    spanish = in_language(RULES, LANGUAGES["es"])
    staff = spanish.staff
    questions, _, languages = at.dataframe
    table = languages.value
    columns = [word(w, "self") for w in (staff.language, staff.translated, staff.stale)]
    columns += [word(w, "self") for w in (staff.missing, staff.reviewed_by, staff.reviewed_on)]
    columns += [word(staff.refused, "self")]
    assert list(table.columns) == columns
    rows = table.set_index(columns[0])
    assert list(rows.index) == ["English (en)", "Español (es)", "中文 (zh-Hans)"]
    assert rows.loc["English (en)", columns[1]] == word(staff.source_language, "self")
    for code in ("es", "zh-Hans"):
        lang = LANGUAGES[code]
        assert lang.status is not None
        row = rows.loc[f"{lang.name} ({code})"]
        assert row[columns[1]] == str(lang.status.translated)
        assert row[columns[2]] == str(len(lang.status.stale))
        assert row[columns[3]] == str(len(lang.status.missing))
        assert row[columns[4]] == (lang.reviewed_by or word(staff.not_reviewed, "self"))
        assert row[columns[5]] == lang.reviewed_on
        assert row[columns[6]] == ", ".join(lang.refused)
    questions = questions.value
    assert word(staff.asked_when, "self") in questions.columns
    assert f'sex {word(staff.op_is, "self")} "female"' in list(
        questions[word(staff.asked_when, "self")]
    )


# ---------------------------------------------------------------- no English left


def shown(at: AppTest) -> list[str]:
    """Every text a person can see or hear on this screen, except the source quotes
    (the articles' own English words, with their titles)."""
    found = [t for t in texts(at) if not t.startswith("> ")]
    found += [b.label for b in at.button] + [d.proto.label for d in at.get("download_button")]
    for radio in at.radio:
        found += [radio.label, *radio.options]
    found += [c.label for c in at.checkbox] + [n.label for n in at.number_input]
    for group in at.button_group:
        found += [group.proto.label, *(o.content for o in group.proto.options)]
    found += [e.proto.label for e in at.expander]
    found += [p.proto.text for p in at.get("progress")]
    for element in at.get("html"):  # the QR code's text, the kiosk's idle texts
        found += [
            html.unescape(v)
            for v in re.findall(r'(?:alt|data-[\w-]+)="([^"]*)"', element.proto.body)
        ]
    return found


def walk_and_read(at: AppTest, answers: dict[str, Any]) -> dict[str, list[str]]:
    """Every screen's texts, from the welcome screen to the summary."""
    screens = {"welcome": shown(at)}
    who = "caregiver" if answers.get("respondent") == "caregiver" else "self"
    at.button(key=f"who_{who}").click().run()
    given: dict[str, Any] = {"respondent": who}
    for i, section in enumerate(RULES.sections):
        for q in [q for q in RULES.questions_in_order() if q.section == section.id]:
            if q.id in answers and q.id in [v.id for v in visible_questions(RULES, given)]:
                answer(at, q.id, answers[q.id])
                given[q.id] = answers[q.id]
        screens[f"step {i + 1}"] = shown(at)
        at.button(key="nav_next").click().run()
    assert at.session_state["screen"] == "results"
    screens["results"] = shown(at)
    at.button(key="nav_next").click().run()
    screens["summary"] = shown(at)
    assert page_language(at)[0] == chosen(at)
    return screens


@pytest.mark.parametrize("code", ["es", "zh-Hans"])
@pytest.mark.parametrize("who", ["self", "caregiver"])
def test_a_walkthrough_in_a_language_leaves_no_english_and_no_forbidden_phrase(code, who):
    at = opened(lang=code)
    screens = walk_and_read(at, {**EVERYTHING, "respondent": who})
    english = {name: english_left(code, texts) for name, texts in screens.items()}
    assert {name: left for name, left in english.items() if left} == {}
    forbidden = {
        name: [t for t in texts if forbidden_in(t, code)] for name, texts in screens.items()
    }
    assert {name: found for name, found in forbidden.items() if found} == {}
    # The source quotes stay English, and say so.
    note = word(in_language(RULES, LANGUAGES[code]).ui.quote_in_english, who)  # type: ignore[arg-type]
    assert note in screens["results"]


def test_a_kiosk_walkthrough_in_chinese_leaves_no_english(monkeypatch):
    monkeypatch.setenv("OSTEOSCREEN_KIOSK", "1")
    at = opened()
    at.button(key="lang_zh-Hans").click().run()
    screens = walk_and_read(at, EVERYTHING)
    english = {name: english_left("zh-Hans", texts) for name, texts in screens.items()}
    assert {name: left for name, left in english.items() if left} == {}
    qr_label = word(in_language(RULES, LANGUAGES["zh-Hans"]).ui.qr_label, "self")
    assert qr_label in screens["summary"]  # the QR code's text alternative


def test_the_english_screens_say_nothing_about_quotes_and_the_check_finds_english():
    at = opened()
    screens = walk_and_read(at, EVERYTHING)
    assert word(RULES.ui.quote_in_english, "self") not in screens["results"]
    # The check itself: on the English screens it finds the English rule texts.
    found = english_left("es", screens["step 1"])
    assert any(f.startswith("ui.step_label") for f in found)  # "Step 1 of 6"
    assert any(f.startswith("questions[age].text") for f in found)
    assert any(
        f.startswith("flags[smoking].title") for f in english_left("zh-Hans", screens["results"])
    )


def test_a_summary_too_long_for_a_qr_code_still_shows_without_it(monkeypatch):
    import osteoscreen.ui.results as results

    def too_long(*args, **kwargs):
        raise ValueError("the summary does not fit a QR code even in its shortest form")

    monkeypatch.setattr(results, "qr_text", too_long)
    at = kiosk_in(monkeypatch, "es")
    for _ in RULES.sections:
        at.button(key="nav_next").click().run()
    at.button(key="nav_next").click().run()
    spanish = in_language(RULES, LANGUAGES["es"])
    assert at.title[0].value == word(spanish.texts.summary_title, "self")
    assert not [h for h in at.get("html") if 'class="qr"' in h.proto.body]
    assert at.button(key="finish")
