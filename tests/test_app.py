"""The Streamlit app through AppTest: walkthroughs, follow-ups, Back, Start over, kiosk."""

from __future__ import annotations

import re

import pytest

from osteoscreen.answers import parse_answers
from osteoscreen.engine import evaluate, visible_questions
from osteoscreen.settings import ENV

from contract import PERSONAS
from driver import RULES, answer, fill, gen, start, step_to, texts
from wording import forbidden_in


@pytest.fixture(autouse=True)
def _settings(monkeypatch):
    """Every app test starts from the default settings and the bundled rules."""
    for name in ("OSTEOSCREEN_RULES", *ENV.values()):
        monkeypatch.delenv(name, raising=False)


def engine_result(answers):
    return evaluate(RULES, parse_answers(RULES, answers))


@pytest.mark.parametrize("persona", ["ms_on_steroids", "caregiver_anemia", "all_clear"])
def test_a_walkthrough_shows_exactly_the_engines_results_and_summary(persona):
    answers = PERSONAS[persona]
    expected = engine_result(answers)
    at = start(answers.get("respondent", "self"))
    fill(at, answers)

    assert at.session_state["answers"] == {
        "respondent": expected.respondent,
        **{k: v for k, v in answers.items() if k != "respondent"},
    }
    shown_flags = [s.value for s in at.subheader if s.value in {f.title for f in expected.flags}]
    assert shown_flags == [f.title for g in expected.groups for f in expected.flags_in(g.id)]
    if expected.all_clear:
        assert [s.value for s in at.success] == [expected.texts.all_clear]
    for follow_up in expected.follow_ups:
        assert any(follow_up.text in t for t in texts(at))
    assert expected.texts.notice in [i.value for i in at.info]

    at.button(key="nav_next").click().run()
    assert at.session_state["screen"] == "summary"
    page = "\n".join(texts(at))
    positions = [page.index(f"{n}. {item.text}") for n, item in enumerate(expected.summary, 1)]
    assert positions == sorted(positions)
    assert [h.value for h in at.header][: len(expected.summary) and 1] == (
        [
            (expected.summary[0].kind == "priority" and expected.texts.priority_heading)
            or (expected.summary[0].kind == "ask" and expected.texts.ask_heading)
            or expected.texts.find_out_heading
        ]
        if expected.summary
        else []
    )
    assert not [t for t in texts(at) if forbidden_in(t)]


def test_the_priority_item_leads_the_summary_screen():
    at = start()
    fill(at, {"age": 70, "smoking": "current", "fracture_after_minor_fall": "yes"})
    at.button(key="nav_next").click().run()
    assert at.header[0].value == "See a doctor soon"
    assert (
        "1. See a doctor soon"
        in at.markdown[
            [m.value for m in at.markdown].index(
                next(m.value for m in at.markdown if "1. See a doctor soon" in m.value)
            )
        ].value
    )


def test_caregiver_wording_on_every_question_and_result():
    at = start("caregiver")
    for _ in RULES.sections:
        for radio in at.radio:
            assert not re.search(r"\b(you|your)\b", radio.label.replace("you care for", "")), (
                radio.label
            )
        at.button(key="nav_next").click().run()
    assert at.title[0].value == "Results for the person you care for"
    at.button(key="nav_next").click().run()
    assert at.title[0].value == "Talk to their doctor"


def test_a_follow_up_question_appears_and_disappears_with_its_condition():
    at = start()
    g = gen(at)
    assert f"q_menopause_{g}" not in [r.key for r in at.radio]
    answer(at, "sex", "female")
    assert f"q_menopause_{g}" in [r.key for r in at.radio]
    answer(at, "menopause", "yes_before_45")
    answer(at, "sex", "male")
    assert f"q_menopause_{g}" not in [r.key for r in at.radio]
    for _ in RULES.sections:
        at.button(key="nav_next").click().run()
    assert "Menopause before age 45" not in [s.value for s in at.subheader]


def test_going_back_keeps_the_answers():
    at = start()
    answer(at, "age", 72)
    answer(at, "sex", "female")
    step_to(at, "bones_and_falls")
    answer(at, "fracture_after_minor_fall", "no")
    at.button(key="nav_back").click().run()
    at.button(key="nav_back").click().run()
    g = gen(at)
    assert at.radio(key=f"q_sex_{g}").value == "female"
    assert at.button_group(key=f"q_age_{g}_range").value == "70–79"
    assert at.button_group(key=f"q_age_{g}_70").value == 72
    step_to(at, "bones_and_falls")
    assert at.radio(key=f"q_fracture_after_minor_fall_{g}").value == "no"


def test_none_of_these_and_the_other_options_untick_each_other():
    """As on a paper form: no answer that cannot be kept, so no error to read."""
    at = start()
    step_to(at, "health")
    g = gen(at)
    answer(at, "inflammatory_conditions", ["none", "rheumatoid_arthritis"])
    assert at.session_state["answers"]["inflammatory_conditions"] == ["rheumatoid_arthritis"]
    assert at.checkbox(key=f"q_inflammatory_conditions_{g}_none").value is False
    answer(at, "inflammatory_conditions", ["none"])
    assert at.session_state["answers"]["inflammatory_conditions"] == ["none"]
    assert at.checkbox(key=f"q_inflammatory_conditions_{g}_rheumatoid_arthritis").value is False
    assert not at.error


def test_start_over_leaves_no_answer_behind():
    at = start("caregiver")
    answer(at, "age", 80)
    answer(at, "sex", "female")
    step_to(at, "bones_and_falls")
    answer(at, "fracture_after_minor_fall", "yes")
    at.button(key="start_over").click().run()
    assert at.session_state["answers"] == {}
    assert at.session_state["screen"] == "welcome"
    at.button(key="who_self").click().run()
    g = gen(at)
    assert at.radio(key=f"q_sex_{g}").value is None
    assert at.button_group(key=f"q_age_{g}_range").value is None
    assert all(r.value is None for r in at.radio)
    for old in ("q_sex_0", "q_age_0_range", "q_age_0_80", "q_fracture_after_minor_fall_0"):
        assert old not in at.session_state


def test_nothing_is_preselected():
    at = start()
    for _ in RULES.sections:
        # A unit (kg or pounds) is not an answer: it starts on the first unit.
        assert all(r.value is None for r in at.radio if not r.key.endswith("_unit"))
        assert all(c.value is False for c in at.checkbox)
        assert all(b.value is None for b in at.button_group)
        at.button(key="nav_next").click().run()


def test_every_question_has_a_why_we_ask_note():
    at = start()
    for section in RULES.sections:
        notes = [m.value for m in at.markdown if "Why we ask:" in m.value]
        shown = [q for q in visible_questions(RULES, {}) if q.section == section.id]
        assert len(notes) == len(shown)
        at.button(key="nav_next").click().run()


def test_the_staff_page_lists_every_question_and_flag():
    at = start()
    at.button(key="start_over").click().run()
    at.button(key="about").click().run()
    questions, flags, _ = at.dataframe
    assert list(questions.value["id"]) == [q.id for q in RULES.questions_in_order()]
    assert list(flags.value["id"]) == [f.id for f in RULES.flags]
    assert "age ≥ 50" in list(flags.value["applies when"])


def test_kiosk_finish_wipes_everything_and_thanks(monkeypatch):
    monkeypatch.setenv("OSTEOSCREEN_KIOSK", "1")
    at = start()
    fill(at, {"age": 66, "sex": "female", "smoking": "current"})
    at.button(key="nav_next").click().run()
    assert "start_over" in [b.key for b in at.button]
    at.button(key="finish").click().run()
    assert at.session_state["answers"] == {}
    assert at.session_state["screen"] == "welcome"
    assert [s.value for s in at.success] == [RULES.ui.finished]
    assert "about" not in [b.key for b in at.button]  # no staff page to wander into


def test_kiosk_shows_start_over_on_every_screen(monkeypatch):
    monkeypatch.setenv("OSTEOSCREEN_KIOSK", "1")
    at = start()
    for _ in range(len(RULES.sections) + 1):
        assert "start_over" in [b.key for b in at.button]
        at.button(key="nav_next").click().run()
    assert "finish" in [b.key for b in at.button]


def test_self_check_has_no_finish_button_but_a_print_tip():
    at = start()
    fill(at, {"age": 55})
    at.button(key="nav_next").click().run()
    assert "finish" not in [b.key for b in at.button]
    assert RULES.ui.print_tip in [c.value for c in at.caption]


def test_a_broken_rule_file_shows_a_calm_page_for_staff(monkeypatch):
    from streamlit.testing.v1 import AppTest

    from conftest import ROOT
    from driver import PAGE

    monkeypatch.setenv("OSTEOSCREEN_RULES", str(ROOT / "tests/rules/broken/unknown_question.toml"))
    at = AppTest.from_file(str(PAGE), default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "The questionnaire cannot start"
    assert "no question 'steriods'" in at.code[0].value
    assert not at.button


def test_an_unexpected_error_shows_a_calm_page_not_a_traceback(monkeypatch):
    import osteoscreen.ui.results as results

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(results, "render_results", broken)
    at = start()
    fill(at, {"age": 60})
    assert not at.exception
    assert at.title[0].value == "Sorry, something went wrong on this page"
    at.button(key="error_restart").click().run()
    assert at.session_state["answers"] == {}


def test_self_check_summary_offers_the_pdf_and_the_fhir_file():
    at = start()
    fill(at, {"age": 60, "sex": "female"})
    at.button(key="nav_next").click().run()
    downloads = {d.key: d.proto for d in at.get("download_button")}
    assert downloads["download_pdf"].label == RULES.ui.download_pdf
    assert downloads["download_fhir"].label == RULES.ui.download_fhir
    # Made only when pressed (the browser suite downloads and reads both files).
    assert downloads["download_pdf"].deferred_file_id or downloads["download_pdf"].url
    assert not [h for h in at.get("html") if 'class="qr"' in h.proto.body]


def test_kiosk_summary_shows_a_qr_code_and_offers_no_download(monkeypatch):
    monkeypatch.setenv("OSTEOSCREEN_KIOSK", "1")
    at = start()
    fill(at, {"age": 60, "sex": "female"})
    at.button(key="nav_next").click().run()
    assert not at.get("download_button")
    (qr,) = [h.proto.body for h in at.get("html") if 'class="qr"' in h.proto.body]
    assert f'alt="{RULES.ui.qr_label}"' in qr


def test_weight_in_pounds_and_height_in_feet_and_inches_are_stored_in_kg_and_cm():
    at = start()
    step_to(at, "body")
    g = gen(at)
    at.radio(key=f"q_weight_{g}_unit").set_value("lb").run()
    at.number_input(key=f"q_weight_{g}_lb").set_value(110).run()
    at.radio(key=f"q_height_{g}_unit").set_value("ft_in").run()
    at.button_group(key=f"q_height_{g}_ft").set_value(5).run()
    at.button_group(key=f"q_height_{g}_in").set_value(6).run()
    assert not at.exception
    assert at.session_state["answers"]["weight"] == 50  # 110 lb
    assert at.session_state["answers"]["height"] == 168  # 5 ft 6 in
    for _ in range(len(RULES.sections) - 1):
        at.button(key="nav_next").click().run()
    assert "Low body weight or weight loss" in [s.value for s in at.subheader]


def test_i_dont_know_a_weight_gives_a_find_out_item_and_no_all_clear():
    at = start()
    fill(at, {**PERSONAS["all_clear"], "weight": "unknown"})
    assert at.session_state["answers"]["weight"] == "unknown"
    shown = texts(at)
    assert RULES.texts.all_clear not in shown
    assert any("weighed and measured" in t for t in shown)


def test_skipped_questions_are_listed_and_the_all_clear_is_not_shown():
    at = start()
    fill(at, {"age": 45, "sex": "male"})
    shown = texts(at)
    assert RULES.texts.all_clear not in shown
    assert RULES.texts.none_matched.self in shown
    assert any(RULES.question("fracture_after_minor_fall").label in t for t in shown)


# ---------------------------------------------------------------- every failure is calm


def calm(at) -> bool:
    """The page is one of the calm pages: no Streamlit error box, no outside link."""
    return not at.exception and not [m for m in at.markdown if "http" in m.value]


def fresh(**env):
    from streamlit.testing.v1 import AppTest

    from driver import PAGE

    return AppTest.from_file(str(PAGE), default_timeout=30)


@pytest.mark.parametrize(
    ("value", "allowed"),
    [
        ("abc", "from 5 to 3600"),
        ("nan", "from 5 to 3600"),
        ("inf", "from 5 to 3600"),
        ("-30", "from 5 to 3600"),
    ],
)
def test_a_bad_idle_setting_shows_the_calm_staff_page_naming_it(monkeypatch, value, allowed):
    monkeypatch.setenv("OSTEOSCREEN_KIOSK", "1")
    monkeypatch.setenv("OSTEOSCREEN_IDLE_SECONDS", value)
    at = fresh().run()
    assert calm(at)
    assert at.title[0].value == "The questionnaire cannot start"
    assert "OSTEOSCREEN_IDLE_SECONDS" in at.code[0].value
    assert allowed in at.code[0].value
    assert not at.button  # nothing to start: a kiosk never runs with the wipe off


def test_a_malformed_settings_file_shows_the_calm_staff_page(monkeypatch, tmp_path):
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "osteoscreen.toml").write_text("kiosk = tru\n")
    monkeypatch.chdir(tmp_path)
    at = fresh().run()
    assert calm(at)
    assert at.title[0].value == "The questionnaire cannot start"
    assert "osteoscreen.toml" in at.code[0].value


def test_a_rule_file_nested_hundreds_deep_shows_the_calm_staff_page(monkeypatch, tmp_path):
    rules = tmp_path / "deep.toml"
    rules.write_text("x = " + "[" * 600 + "]" * 600 + "\n")
    monkeypatch.setenv("OSTEOSCREEN_RULES", str(rules))
    at = fresh().run()
    assert calm(at)
    assert at.title[0].value == "The questionnaire cannot start"


@pytest.mark.parametrize(
    "target",
    [
        "osteoscreen.ui.style.apply",
        "streamlit.set_page_config",
        "osteoscreen.ui.app.load_settings",
        "osteoscreen.ui.state.init",
    ],
)
def test_an_error_outside_the_questions_still_shows_the_calm_page(monkeypatch, target):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(target, broken)
    at = fresh().run()
    assert calm(at)
    assert at.title[0].value == "Sorry, something went wrong on this page"


def test_an_error_in_a_button_callback_shows_the_calm_page(monkeypatch):
    import osteoscreen.ui.state as state

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    at = fresh().run()
    monkeypatch.setattr(state, "go", broken)  # what the "Me" button's callback calls
    at.button(key="who_self").click().run()
    assert calm(at)
    assert at.title[0].value == "Sorry, something went wrong on this page"
    at.button(key="error_restart").click().run()
    assert at.session_state["screen"] == "welcome"
    assert at.button(key="who_self")


def test_the_kiosk_page_carries_the_browser_idle_timer_and_self_check_does_not(monkeypatch):
    at = start()
    assert not [h for h in at.get("html") if "osteo-idle" in h.proto.body]
    monkeypatch.setenv("OSTEOSCREEN_KIOSK", "1")
    monkeypatch.setenv("OSTEOSCREEN_IDLE_SECONDS", "90")
    monkeypatch.setenv("OSTEOSCREEN_IDLE_WARNING_SECONDS", "20")
    at = start()
    (data,) = [h.proto.body for h in at.get("html") if 'id="osteo-idle"' in h.proto.body]
    assert 'data-dirty="1"' in data  # a person's answers are on screen
    assert 'data-warn="70"' in data
    assert 'data-reset="90"' in data
    assert "last_active" not in at.session_state  # the server keeps no idle clock
