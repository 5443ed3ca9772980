"""The staff catalogue: every question and flag, conditions in readable words."""

from __future__ import annotations

from osteoscreen.catalog import describe, flags_table, questions_table


def test_conditions_read_as_plain_notation(rules):
    flag = {f.id: f for f in rules.flags}
    assert describe(flag["older_age"].when) == "age ≥ 50"
    assert describe(flag["low_vitamin_d"].when) == (
        '(vitamin_d_test is "low" or (time_outdoors is "less_than_10_min" and '
        'vitamin_d_supplement is "no"))'
    )
    assert describe(flag["falls"].when) == 'falls_past_year is one of "once", "two_or_more"'


def test_the_questions_table_has_every_question_in_asking_order(rules):
    table = questions_table(rules)
    assert list(table["id"]) == [q.id for q in rules.questions_in_order()]
    menopause = table.set_index("id").loc["menopause"]
    assert menopause["asked when"] == 'sex is "female"'
    assert table.set_index("id").loc["age", "answers"] == "whole number 18-120 years"
    weight = table.set_index("id").loc["weight", "answers"]
    assert weight == "whole number 25-300 kg; unknown (I don't know)"
    mobility = table.set_index("id").loc["mobility", "asked when"]
    assert mobility == 'multiple_sclerosis is not (or is skipped) "yes"'


def test_the_flags_table_has_every_flag_with_its_sources(rules):
    table = flags_table(rules).set_index("id")
    assert list(table.index) == [f.id for f in rules.flags]
    assert "Anemia and osteoporosis" in table.loc["iron_deficiency", "sources"]
    assert table.loc["steroid_use", "doctor items"] == "medicine_review (with its own condition)"
    assert table.loc["prior_fracture", "doctor items"] == ("bone_density (with its own condition)")
    assert table.loc["anemia", "evidence"].startswith("emerging: ")
