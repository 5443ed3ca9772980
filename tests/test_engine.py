"""The engine against the real rule file: flags, near misses, follow-ups, hidden questions."""

from __future__ import annotations

import pytest

from osteoscreen.engine import effective_answers, evaluate, visible_questions

from contract import FLAGS, PARENTS, PERSONAS, QUESTIONS

RAISES = [(flag, answers) for flag, (_, raising, _) in FLAGS.items() for answers in raising]
MISSES = [(flag, answers) for flag, (_, _, misses) in FLAGS.items() for answers in misses]


@pytest.mark.parametrize(("flag", "answers"), RAISES)
def test_each_contract_flag_is_raised_by_its_minimal_answers(run, flag, answers):
    result = run(answers)
    assert flag in [f.id for f in result.flags]


@pytest.mark.parametrize(("flag", "answers"), MISSES)
def test_each_contract_flag_is_not_raised_by_its_near_miss(run, flag, answers):
    result = run(answers)
    assert flag not in [f.id for f in result.flags]


@pytest.mark.parametrize("flag", list(FLAGS))
def test_each_flag_is_in_its_contract_group(run, flag):
    group, raising, _ = FLAGS[flag]
    raised = next(f for f in run(raising[0]).flags if f.id == flag)
    assert raised.group == group


def test_no_answers_raise_no_flag_and_never_give_the_all_clear(run, rules):
    result = run({})
    assert result.flags == []
    assert not result.all_clear
    assert result.summary == []
    asked = [q.id for q in rules.questions if q.asked_when is None]
    assert "fracture_after_minor_fall" in result.incomplete_ids
    assert set(result.incomplete_ids) <= set(asked) | {"mobility"}


def test_a_flag_says_which_answers_raised_it(run):
    result = run({"time_outdoors": "less_than_10_min", "vitamin_d_supplement": "no", "age": 67})
    low_d = next(f for f in result.flags if f.id == "low_vitamin_d")
    assert [b.question for b in low_d.because] == ["time_outdoors", "vitamin_d_supplement"]
    assert [b.answer for b in low_d.because] == ["Less than 10 minutes", "No"]
    age = next(f for f in result.flags if f.id == "older_age")
    assert age.because[0].answer == "67 years"


def test_only_the_branch_that_held_is_given_as_the_reason(run):
    result = run({"vitamin_d_test": "low", "time_outdoors": "more_than_30_min"})
    low_d = next(f for f in result.flags if f.id == "low_vitamin_d")
    assert [b.question for b in low_d.because] == ["vitamin_d_test"]


@pytest.mark.parametrize(
    ("question", "parent"),
    [
        (q, PARENTS.get(q, {}))
        for q, (_, options) in QUESTIONS.items()
        if options & {"unknown", "other_or_unknown"}
    ],
)
def test_an_unknown_answer_gives_a_follow_up_naming_its_question(rules, run, question, parent):
    kind = QUESTIONS[question][0]
    unknown = next(o.value for o in rules.question(question).options if o.unknown)
    value = [unknown] if kind == "multi_choice" else unknown
    result = run({**parent, question: value})
    assert [f.question for f in result.follow_ups] == [question]
    assert result.follow_ups[0].text
    assert result.summary[-1].kind == "find_out"


def test_vitamin_d_test_unknown_asks_whether_the_level_should_be_checked(run):
    result = run({"vitamin_d_test": "unknown"})
    assert "vitamin D level should be checked" in result.follow_ups[0].text
    assert result.flags == []


def test_an_unknown_answer_never_raises_the_flag_it_stands_for(run):
    result = run({"steroids": "unknown", "anemia": "yes", "anemia_type": ["other_or_unknown"]})
    assert [f.id for f in result.flags] == ["anemia"]


@pytest.mark.parametrize(
    ("hidden", "answers"),
    [
        ("menopause", {"sex": "male", "menopause": "yes_before_45"}),
        ("ms_mobility", {"multiple_sclerosis": "no", "ms_mobility": "some_difficulty"}),
        ("anemia_type", {"anemia": "no", "anemia_type": ["iron_deficiency"]}),
        ("steroid_duration", {"steroids": "no", "steroid_duration": "unknown"}),
    ],
)
def test_answers_to_questions_not_asked_are_ignored(rules, run, hidden, answers):
    assert hidden not in [q.id for q in visible_questions(rules, answers)]
    assert hidden not in effective_answers(rules, answers)
    result = run(answers)
    assert hidden not in [f.question for f in result.follow_ups]
    assert all(hidden not in [b.question for b in f.because] for f in result.flags)


@pytest.mark.parametrize(("follow_up", "parent"), list(PARENTS.items()))
def test_follow_up_questions_appear_only_when_they_apply(rules, follow_up, parent):
    assert follow_up not in [q.id for q in visible_questions(rules, {})]
    shown = [q.id for q in visible_questions(rules, parent)]
    assert follow_up in shown
    (parent_id,) = parent
    assert shown.index(follow_up) > shown.index(parent_id)


def test_steroid_duration_is_asked_for_past_and_current_use(rules):
    for value in ("yes_now", "yes_past"):
        assert "steroid_duration" in [q.id for q in visible_questions(rules, {"steroids": value})]


def test_visible_questions_follow_the_section_order(rules):
    sections = [s.id for s in rules.sections]
    shown = visible_questions(rules, PERSONAS["ms_on_steroids"])
    ranks = [sections.index(q.section) for q in shown]
    assert ranks == sorted(ranks)
    assert shown[0].id == "age"


def test_unanswered_visible_questions_are_listed(run):
    result = run({"age": 60})
    assert "age" not in result.unanswered
    assert "sex" in result.unanswered
    assert "menopause" not in result.unanswered  # not asked until sex is female


def test_caregiver_answers_get_the_caregiver_wording(rules, run):
    answers = {"steroids": "yes_now", "smoking": "current"}
    self_result = run(answers)
    carer = run({**answers, "respondent": "caregiver"})
    assert carer.respondent == "caregiver"
    steroid = next(f for f in rules.flags if f.id == "steroid_use")
    carer_flag = next(f for f in carer.flags if f.id == "steroid_use")
    assert carer_flag.action == steroid.action.caregiver  # type: ignore[union-attr]
    assert carer_flag.action != next(f for f in self_result.flags if f.id == "steroid_use").action
    assert "their" in carer_flag.note
    assert carer.texts.title != self_result.texts.title


def test_evaluate_is_the_same_for_the_same_answers(rules, run):
    answers = PERSONAS["ms_on_steroids"]
    assert run(answers) == run(dict(answers))
    assert evaluate(rules, answers) == run(answers)
