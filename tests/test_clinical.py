"""Clinical content, version 2: each error a clinician reviewer found, kept fixed.

Every test here failed on the rule file and engine before the version 2
content (issue 8); each names the behaviour a patient relies on.
"""

from __future__ import annotations

import re

import pytest

from osteoscreen.qr import qr_text
from osteoscreen.summary import as_text

from contract import PERSONAS


def _ids(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.id for f in result.flags]


def _summary(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.id for i in result.summary]


# A complete set of answers that raises nothing: the only case for an all-clear.
NOTHING_APPLIES = PERSONAS["all_clear"]


# ---------------------------------------------------------------- false reassurance


@pytest.mark.parametrize("answers", [{}, {"age": 45, "sex": "male"}])
def test_skipped_questions_never_give_the_all_clear(run, answers):
    result = run(answers)
    assert result.flags == []
    assert result.all_clear is False
    assert result.incomplete, "the skipped questions are listed"
    text = as_text(result)
    assert "None of the risk factors in this questionnaire matched" not in text
    assert result.texts.none_matched in text
    assert "skipped" in result.texts.none_matched or "answers given" in result.texts.none_matched


def test_the_skipped_questions_are_named_in_the_summary_text_and_qr(run, rules):
    result = run({"age": 45, "sex": "male"})
    text = as_text(result)
    qr = qr_text(rules, result)
    for qid in ("fracture_after_minor_fall", "steroids", "family_history"):
        assert qid in result.incomplete_ids
        label = rules.question(qid).label
        assert label in text, label
        assert label in qr, label


def test_an_unknown_answer_blocks_the_all_clear_and_is_listed(run):
    result = run({**NOTHING_APPLIES, "family_history": "unknown"})
    assert result.flags == []
    assert result.all_clear is False
    assert result.incomplete_ids == ["family_history"]


def test_prefer_not_to_say_blocks_the_all_clear(run):
    result = run({**NOTHING_APPLIES, "ancestry": "prefer_not_to_say"})
    assert result.all_clear is False
    assert "ancestry" in result.incomplete_ids


def test_the_all_clear_only_when_every_question_that_can_raise_a_flag_is_known(run):
    result = run(NOTHING_APPLIES)
    assert result.flags == [], _ids(result)
    assert result.incomplete_ids == []
    assert result.all_clear is True
    assert result.texts.all_clear in as_text(result)


def test_the_all_clear_text_says_50_or_older_a_fall_and_3_months_of_steroid_tablets(rules):
    for who in ("self", "caregiver"):
        text = getattr(rules.texts.all_clear, who)
        assert "50 or older" in text
        assert "over 50" not in text
        assert re.search(r"\bfall\b", text)
        assert "steroid tablets for 3 months or more" in text


# ------------------------------------------------------------------------ anemia tests


def test_anemia_tests_never_assume_anemia_that_was_not_reported(rules, run):
    result = run({"inflammatory_conditions": ["chronic_kidney_disease"], "anemia": "no"})
    item = next(i for i in result.summary if i.id == "anemia_tests")
    assert "the anemia" not in item.text
    assert "how the anemia is being treated" not in word_all(rules.doctor_items, "anemia_tests")


def word_all(items, item_id):  # type: ignore[no-untyped-def]
    item = next(d for d in items if d.id == item_id)
    text = item.text
    return text if isinstance(text, str) else text.self + " " + text.caregiver


# ----------------------------------------------------------------------------- alcohol


def test_the_alcohol_question_defines_a_drink(rules):
    q = rules.question("alcohol")
    text = q.text.self + " " + word_of(q.why)
    for part in (
        "small glass of wine (about 120 ml)",
        "250 to 285 ml",
        "(about 30 ml)",
        "large glass",
    ):
        assert part in text, part


def word_of(text):  # type: ignore[no-untyped-def]
    return text if isinstance(text, str) else text.self


# -------------------------------------------------------------------- faithful quotes


def test_no_quote_drops_the_articles_hedge_on_ms_and_secondary_osteoporosis(rules):
    flag = next(f for f in rules.flags if f.id == "reduced_mobility")
    quotes = [getattr(s, "quote", "") or "" for s in flag.sources]
    assert not any(q.startswith("multiple sclerosis is a cause of secondary") for q in quotes)
    joined = " ".join(quotes)
    if "secondary osteoporosis" in joined:
        assert "argued" in joined
        assert "not been proven" in joined


# ---------------------------------------------------------------------------- steroids


def test_steroid_duration_is_shown_in_the_because_line(run):
    result = run({"steroids": "yes_past", "steroid_duration": "3_months_or_more"})
    flag = next(f for f in result.flags if f.id == "steroid_use")
    assert [b.question for b in flag.because] == ["steroids", "steroid_duration"]
    assert "3 months or more" in flag.because[1].answer


def test_the_steroid_explanation_and_frax_point_name_current_use_and_3_months(rules):
    flag = next(f for f in rules.flags if f.id == "steroid_use")
    explanation = word_of(flag.explanation)
    for part in ("now", "3 months or more", "courses"):
        assert part in explanation, part
    frax = [s.point for s in flag.sources if getattr(s, "guideline", None) == "frax"]
    assert frax
    assert "current" in frax[0].lower()
    assert "3 months" in frax[0]


# -------------------------------------------------------------------------------- iron


def test_iron_is_hedged_and_never_self_treated(rules):
    flag = next(f for f in rules.flags if f.id == "iron_deficiency")
    explanation = word_of(flag.explanation)
    action = flag.action.self + " " + flag.action.caregiver
    assert "on its own" not in explanation
    assert flag.evidence == "emerging"
    assert "supplement" not in action or "without" in action
    assert "cause" in action
    assert "iron tablets" in action
    assert "without" in action


# ------------------------------------------------------------------------ bone density


def test_bone_density_follows_the_screening_guidelines(run):
    young = run(
        {
            "age": 40,
            "sex": "female",
            "menopause": "no",
            "anemia": "yes",
            "anemia_type": ["iron_deficiency"],
        }
    )
    assert "bone_density" not in _summary(young)
    assert "bone_density" in _summary(run({"age": 66, "sex": "female"}))
    assert "bone_density" in _summary(run({"age": 71, "sex": "male"}))
    assert "bone_density" not in _summary(run({"age": 60, "sex": "male"}))
    assert "bone_density" in _summary(run({"age": 30, "fracture_after_minor_fall": "yes"}))
    assert "bone_density" in _summary(run({"age": 30, "steroids": "yes_now"}))
    long_past = {"age": 30, "steroids": "yes_past", "steroid_duration": "3_months_or_more"}
    assert "bone_density" in _summary(run(long_past))
    short_past = {"age": 30, "steroids": "yes_past", "steroid_duration": "less_than_3_months"}
    assert "bone_density" not in _summary(run(short_past))


def test_bone_density_cites_the_screening_guidelines(rules):
    item = next(d for d in rules.doctor_items if d.id == "bone_density")
    assert item.when is not None
    cited = {s.guideline for s in item.sources}
    assert {"uspstf", "bhof"} <= cited


# ---------------------------------------------------------------------------- ancestry


def test_ancestry_is_correct_and_applies_to_asian_ancestry(rules, run):
    assert "ancestry" in _ids(run({"ancestry": "asian"}))
    assert "ancestry" in _ids(run({"ancestry": "white"}))
    assert "ancestry" not in _ids(run({"ancestry": "hispanic_or_latino"}))
    flag = next(f for f in rules.flags if f.id == "ancestry")
    explanation = word_of(flag.explanation)
    assert "more often in white people" not in explanation
    why = word_of(rules.question("ancestry").why)
    assert "more often in white people" not in why
    cited = {getattr(s, "guideline", None) for s in flag.sources}
    assert {"bhof", "nchs_2021"} <= cited


# ---------------------------------------------------------------------- kidney disease


def test_food_advice_meets_kidney_disease_with_ask_first(run):
    result = run(
        {"inflammatory_conditions": ["chronic_kidney_disease"], "calcium_intake": "rarely"}
    )
    calcium = next(f for f in result.flags if f.id == "low_calcium")
    assert "kidney" in calcium.action
    assert "dietitian" in calcium.action
    kidney = next(f for f in result.flags if f.id == "chronic_inflammatory_condition")
    for part in ("calcium", "phosphate", "vitamin D"):
        assert part in kidney.explanation, part


def test_inflammation_is_never_called_swelling(rules):
    from wording import all_text

    found = [p for p, t, _ in all_text(rules) if re.search(r"\bswelling\b", t, re.I)]
    assert found == []


# --------------------------------------------------------------- medicines and plans


def test_bone_medicine_plan_says_never_stop_and_names_denosumab(run):
    result = run({"bone_medicine": "yes_now"})
    item = next(i for i in result.summary if i.id == "bone_medicine_plan")
    assert "Never stop a bone medicine without a plan" in item.text
    assert "denosumab" in item.text
    assert item.note == "Do not stop or change any medicine without talking to your doctor."
    assert result.all_clear is False


def test_a_bone_diagnosis_raises_the_care_plan(run):
    result = run({"bone_diagnosis": "osteopenia"})
    assert "bone_diagnosis" in _ids(result)
    assert "bone_care_plan" in _summary(result)


def test_medicine_questions_give_generic_and_brand_names(rules):
    for qid, names in {
        "bone_medicine": ("alendronate (Fosamax)", "denosumab (Prolia)", "romosozumab (Evenity)"),
        "hormone_blocking_treatment": ("anastrozole (Arimidex)", "leuprolide (Lupron"),
        "steroids": ("prednisone",),
    }.items():
        examples = word_of(rules.question(qid).examples)
        for name in names:
            assert name in examples, (qid, name)
    labels = " ".join(word_of(o.label) for o in rules.question("other_medicines").options)
    for name in ("omeprazole (Prilosec", "Depo-Provera", "levothyroxine (Synthroid"):
        assert name in labels


def test_food_and_supplement_advice_always_carries_the_kidney_caveat(rules):
    for flag in rules.flags:
        for text in (flag.action.self, flag.action.caregiver):  # type: ignore[union-attr]
            if "Add foods" in text or "supplement" in text:
                assert "kidney" in text, flag.id


# ---------------------------------------------------------------------- evidence


def test_every_emerging_factor_says_so_in_its_own_explanation(rules):
    emerging = [f for f in rules.flags if f.evidence == "emerging"]
    assert {f.id for f in emerging} == {"anemia", "iron_deficiency"}
    for flag in emerging:
        assert "not yet proven" in word_of(flag.explanation), flag.id


def test_evidence_is_shown_in_plain_words_with_every_factor(run, rules):
    result = run({"anemia": "yes", "smoking": "current"})
    texts = {f.id: f.evidence_text for f in result.flags}
    assert texts["anemia"] == "Some studies suggest this; it is not yet proven."
    assert texts["smoking"] == "Doctors widely agree."


def test_every_doctor_item_with_its_own_condition_cites_guidelines(rules):
    for item in rules.doctor_items:
        if item.when is not None:
            assert item.sources, item.id


# ------------------------------------------------------------------------------ QR


def test_the_longest_possible_summary_still_fits_the_qr_code(rules):
    from personas import EVERYTHING_V2

    unknown: dict[str, object] = {"respondent": "caregiver", "sex": "female", "anemia": "yes"}
    unknown["steroids"] = "yes_now"
    for q in rules.questions:
        if q.unknown_values and q.id not in unknown:
            value = sorted(q.unknown_values)[0]
            unknown[q.id] = [value] if q.kind == "multi_choice" else value
    for answers in (unknown, EVERYTHING_V2, {}):
        from osteoscreen.answers import parse_answers
        from osteoscreen.engine import evaluate

        result = evaluate(rules, parse_answers(rules, answers))
        text = qr_text(rules, result)
        for item in result.summary:
            if item.kind == "find_out":
                assert item.reasons[0] in text
        for m in result.incomplete:
            assert m.label in text
