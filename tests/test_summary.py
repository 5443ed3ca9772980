"""The "talk to your doctor" summary: order, priority, medicine safety, text form."""

from __future__ import annotations

from osteoscreen.summary import as_text

from contract import PERSONAS

MEDICINE_SAFETY = "Do not stop or change any medicine without talking to your doctor."


def test_a_fracture_after_a_minor_fall_comes_first_and_says_see_a_doctor_soon(run):
    result = run({"age": 70, "smoking": "current", "fracture_after_minor_fall": "yes"})
    first = result.summary[0]
    assert first.kind == "priority"
    assert "see a doctor soon" in first.text.lower()
    assert [i.kind for i in result.summary].count("priority") == 1


def test_no_priority_item_without_a_fracture(run):
    result = run(PERSONAS["caregiver_anemia"])
    assert "priority" not in [i.kind for i in result.summary]


def test_summary_order_is_priority_then_questions_then_find_out(run):
    result = run(PERSONAS["ms_on_steroids"])
    kinds = [i.kind for i in result.summary]
    assert kinds == sorted(kinds, key=["priority", "ask", "find_out"].index)
    assert kinds[0] == "priority"
    assert kinds[-1] == "find_out"


def test_questions_to_ask_follow_the_rule_file_order_once_each(rules, run):
    result = run(PERSONAS["ms_on_steroids"])
    order = [d.id for d in rules.doctor_items]
    asked = [i.id for i in result.items("ask")]
    assert asked == sorted(asked, key=order.index)
    assert len(asked) == len(set(asked))


def test_a_doctor_item_lists_every_flag_that_raised_it(run):
    result = run({"age": 60, "sex": "female", "smoking": "current", "family_history": "yes"})
    bone = next(i for i in result.summary if i.id == "bone_density")
    assert bone.reasons == [
        "Sex at birth",
        "Age",
        "Family history of osteoporosis or a broken hip",
        "Smoking",
    ]
    stop = next(i for i in result.summary if i.id == "stop_smoking")
    assert stop.reasons == ["Smoking"]
    assert "DEXA scan: a quick, painless X-ray" in bone.text


def test_every_flagged_medicine_carries_the_safety_note(run):
    for answers in ({"steroids": "yes_now"}, {"anticonvulsants": "yes"}):
        result = run(answers)
        medicine = [f for f in result.flags if f.group == "medicine"]
        assert medicine
        assert all(f.note == MEDICINE_SAFETY for f in medicine)
        review = next(i for i in result.summary if i.id == "medicine_review")
        assert review.note == MEDICINE_SAFETY


def test_text_summary_numbers_items_under_headings_and_ends_with_the_notice(run):
    result = run(PERSONAS["ms_on_steroids"])
    text = as_text(result)
    assert text.startswith("Talk to your doctor\n")
    assert "See a doctor soon\n1. See a doctor soon" in text
    assert text.index("Questions to ask the doctor") < text.index("Things to find out")
    assert text.rstrip().endswith(result.texts.notice)
    assert f"{len(result.summary)}. " in text


def test_all_clear_text_says_osteoporosis_can_still_happen(run):
    result = run(PERSONAS["all_clear"])
    assert result.all_clear
    text = as_text(result)
    assert "can still happen" in text
    assert "None of the risk factors" in text


def test_caregiver_summary_is_addressed_to_the_carer(run):
    result = run(PERSONAS["caregiver_anemia"])
    text = as_text(result)
    assert text.startswith("Talk to their doctor")
    assert "the person you care for" in text
