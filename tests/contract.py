"""The public contract (../shared/brief/contract.md) as data, for the tests.

Each flag comes with a minimal answer set that raises it and a near miss that
does not. The rule file may add questions, options or flags; it may never
rename or drop these.
"""

from __future__ import annotations

from typing import Any

QUESTIONS: dict[str, tuple[str, set[str]]] = {
    "age": ("integer", set()),
    "sex": ("choice", {"female", "male", "prefer_not_to_say"}),
    "menopause": ("choice", {"yes_before_45", "yes_45_or_later", "no", "unknown"}),
    "family_history": ("choice", {"yes", "no", "unknown"}),
    "ancestry": (
        "choice",
        {"white", "asian", "black", "hispanic_or_latino", "other_or_mixed", "prefer_not_to_say"},
    ),
    "fracture_after_minor_fall": ("choice", {"yes", "no", "unknown"}),
    "falls_past_year": ("choice", {"none", "once", "two_or_more", "unknown"}),
    "multiple_sclerosis": ("choice", {"yes", "no", "unknown"}),
    "ms_mobility": (
        "choice",
        {"no_difficulty", "some_difficulty", "uses_walking_aid_or_wheelchair"},
    ),
    "ankylosing_spondylitis": ("choice", {"yes", "no", "unknown"}),
    "anemia": ("choice", {"yes", "no", "unknown"}),
    "anemia_type": (
        "multi_choice",
        {"iron_deficiency", "b12_or_folate", "chronic_disease", "other_or_unknown"},
    ),
    "inflammatory_conditions": (
        "multi_choice",
        {"rheumatoid_arthritis", "chronic_kidney_disease", "none", "unknown"},
    ),
    "malabsorption": ("choice", {"yes", "no", "unknown"}),
    "steroids": ("choice", {"yes_now", "yes_past", "no", "unknown"}),
    "steroid_duration": (
        "choice",
        {"3_months_or_more", "less_than_3_months", "repeated_courses", "unknown"},
    ),
    "anticonvulsants": ("choice", {"yes", "no", "unknown"}),
    "smoking": ("choice", {"current", "former", "never"}),
    "activity": ("choice", {"rarely", "some_days", "most_days"}),
    "time_outdoors": ("choice", {"less_than_10_min", "10_to_30_min", "more_than_30_min"}),
    "vitamin_d_supplement": ("choice", {"yes", "no", "unknown"}),
    "vitamin_d_test": ("choice", {"low", "normal", "never_tested", "unknown"}),
    "calcium_intake": ("choice", {"rarely", "some_days", "most_days"}),
    "alcohol": ("choice", {"none_or_occasional", "1_to_2_a_day", "3_or_more_a_day"}),
}

# Follow-up questions and the answer that makes them apply.
PARENTS: dict[str, dict[str, Any]] = {
    "menopause": {"sex": "female"},
    "ms_mobility": {"multiple_sclerosis": "yes"},
    "anemia_type": {"anemia": "yes"},
    "steroid_duration": {"steroids": "yes_now"},
}

GROUPS = {
    "cant_change": "can't change",
    "can_change": "can change",
    "health_condition": "health condition",
    "medicine": "medicine",
}

Answers = dict[str, Any]

# flag id -> (group, [answer sets that raise it], [near misses that do not])
FLAGS: dict[str, tuple[str, list[Answers], list[Answers]]] = {
    "older_age": ("cant_change", [{"age": 50}, {"age": 120}], [{"age": 49}, {"age": 18}]),
    "female_sex": (
        "cant_change",
        [{"sex": "female"}],
        [{"sex": "male"}, {"sex": "prefer_not_to_say"}],
    ),
    "early_menopause": (
        "cant_change",
        [{"sex": "female", "menopause": "yes_before_45"}],
        [
            {"sex": "female", "menopause": "yes_45_or_later"},
            {"sex": "female", "menopause": "unknown"},
            {"sex": "male", "menopause": "yes_before_45"},  # hidden question: ignored
            {"menopause": "yes_before_45"},  # sex not answered: hidden
        ],
    ),
    "family_history": ("cant_change", [{"family_history": "yes"}], [{"family_history": "unknown"}]),
    "ancestry": ("cant_change", [{"ancestry": "white"}], [{"ancestry": "other_or_mixed"}]),
    "prior_fracture": (
        "cant_change",
        [{"fracture_after_minor_fall": "yes"}],
        [{"fracture_after_minor_fall": "no"}, {"fracture_after_minor_fall": "unknown"}],
    ),
    "falls": (
        "can_change",
        [{"falls_past_year": "once"}, {"falls_past_year": "two_or_more"}],
        [{"falls_past_year": "none"}, {"falls_past_year": "unknown"}],
    ),
    "multiple_sclerosis": (
        "health_condition",
        [{"multiple_sclerosis": "yes"}],
        [{"multiple_sclerosis": "unknown"}],
    ),
    "reduced_mobility": (
        "health_condition",
        [
            {"multiple_sclerosis": "yes", "ms_mobility": "some_difficulty"},
            {"multiple_sclerosis": "yes", "ms_mobility": "uses_walking_aid_or_wheelchair"},
        ],
        [
            {"multiple_sclerosis": "yes", "ms_mobility": "no_difficulty"},
            {"multiple_sclerosis": "no", "ms_mobility": "some_difficulty"},
        ],
    ),
    "ankylosing_spondylitis": (
        "health_condition",
        [{"ankylosing_spondylitis": "yes"}],
        [{"ankylosing_spondylitis": "no"}],
    ),
    "anemia": ("health_condition", [{"anemia": "yes"}], [{"anemia": "no"}]),
    "iron_deficiency": (
        "health_condition",
        [
            {"anemia": "yes", "anemia_type": ["iron_deficiency"]},
            {"anemia": "yes", "anemia_type": ["b12_or_folate", "iron_deficiency"]},
        ],
        [
            {"anemia": "yes", "anemia_type": ["b12_or_folate"]},
            {"anemia": "unknown", "anemia_type": ["iron_deficiency"]},
        ],
    ),
    "chronic_inflammatory_condition": (
        "health_condition",
        [
            {"inflammatory_conditions": ["rheumatoid_arthritis"]},
            {"inflammatory_conditions": ["chronic_kidney_disease"]},
        ],
        [{"inflammatory_conditions": ["none"]}, {"inflammatory_conditions": ["unknown"]}],
    ),
    "malabsorption_or_poor_diet": (
        "health_condition",
        [{"malabsorption": "yes"}],
        [{"malabsorption": "unknown"}],
    ),
    "steroid_use": (
        "medicine",
        [{"steroids": "yes_now"}, {"steroids": "yes_past"}],
        [{"steroids": "no"}, {"steroids": "unknown"}],
    ),
    "anticonvulsants": ("medicine", [{"anticonvulsants": "yes"}], [{"anticonvulsants": "no"}]),
    "smoking": ("can_change", [{"smoking": "current"}], [{"smoking": "former"}]),
    "inactivity": ("can_change", [{"activity": "rarely"}], [{"activity": "some_days"}]),
    "low_vitamin_d": (
        "can_change",
        [
            {"vitamin_d_test": "low"},
            {"time_outdoors": "less_than_10_min", "vitamin_d_supplement": "no"},
        ],
        [
            {"vitamin_d_test": "normal"},
            {"time_outdoors": "less_than_10_min", "vitamin_d_supplement": "yes"},
            {"time_outdoors": "10_to_30_min", "vitamin_d_supplement": "no"},
            {"time_outdoors": "less_than_10_min", "vitamin_d_supplement": "unknown"},
        ],
    ),
    "low_calcium": (
        "can_change",
        [{"calcium_intake": "rarely"}],
        [{"calcium_intake": "some_days"}],
    ),
    "alcohol": (
        "can_change",
        [{"alcohol": "3_or_more_a_day"}],
        [{"alcohol": "1_to_2_a_day"}],
    ),
}

# Personas used across the engine, app, export and browser tests.
PERSONAS: dict[str, Answers] = {
    "ms_on_steroids": {
        "age": 58,
        "sex": "female",
        "menopause": "yes_before_45",
        "family_history": "unknown",
        "fracture_after_minor_fall": "yes",
        "falls_past_year": "two_or_more",
        "multiple_sclerosis": "yes",
        "ms_mobility": "uses_walking_aid_or_wheelchair",
        "ankylosing_spondylitis": "no",
        "anemia": "no",
        "inflammatory_conditions": ["none"],
        "malabsorption": "no",
        "steroids": "yes_past",
        "steroid_duration": "repeated_courses",
        "anticonvulsants": "yes",
        "smoking": "never",
        "activity": "rarely",
        "time_outdoors": "less_than_10_min",
        "vitamin_d_supplement": "no",
        "vitamin_d_test": "unknown",
        "calcium_intake": "some_days",
        "alcohol": "none_or_occasional",
    },
    "all_clear": {
        "age": 35,
        "sex": "male",
        "family_history": "no",
        "ancestry": "prefer_not_to_say",
        "fracture_after_minor_fall": "no",
        "falls_past_year": "none",
        "multiple_sclerosis": "no",
        "ankylosing_spondylitis": "no",
        "anemia": "no",
        "inflammatory_conditions": ["none"],
        "malabsorption": "no",
        "steroids": "no",
        "anticonvulsants": "no",
        "smoking": "never",
        "activity": "most_days",
        "time_outdoors": "more_than_30_min",
        "vitamin_d_supplement": "yes",
        "vitamin_d_test": "normal",
        "calcium_intake": "most_days",
        "alcohol": "none_or_occasional",
    },
    "caregiver_anemia": {
        "respondent": "caregiver",
        "age": 81,
        "sex": "male",
        "family_history": "no",
        "fracture_after_minor_fall": "unknown",
        "falls_past_year": "once",
        "multiple_sclerosis": "no",
        "ankylosing_spondylitis": "unknown",
        "anemia": "yes",
        "anemia_type": ["iron_deficiency", "other_or_unknown"],
        "inflammatory_conditions": ["chronic_kidney_disease"],
        "malabsorption": "yes",
        "steroids": "unknown",
        "anticonvulsants": "no",
        "smoking": "current",
        "activity": "some_days",
        "time_outdoors": "10_to_30_min",
        "vitamin_d_supplement": "unknown",
        "vitamin_d_test": "never_tested",
        "calcium_intake": "rarely",
        "alcohol": "3_or_more_a_day",
    },
}
