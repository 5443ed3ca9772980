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
    # Additions, version 2
    "height_loss": ("choice", {"yes", "no", "unknown"}),
    "weight": ("integer", {"unknown"}),
    "height": ("integer", {"unknown"}),
    "weight_loss": ("choice", {"yes", "no", "unknown"}),
    "periods_stopped": ("choice", {"yes", "no", "unknown"}),
    "low_testosterone": ("choice", {"yes", "no", "unknown"}),
    "mobility": (
        "choice",
        {
            "no_difficulty",
            "some_difficulty",
            "uses_walking_aid_or_wheelchair",
            "mostly_in_bed_or_chair",
        },
    ),
    "other_conditions": (
        "multi_choice",
        {
            "overactive_thyroid",
            "overactive_parathyroid",
            "type_1_diabetes",
            "type_2_diabetes",
            "chronic_liver_disease",
            "eating_disorder",
            "none",
            "unknown",
        },
    ),
    "hormone_blocking_treatment": ("choice", {"yes_now", "yes_past", "no", "unknown"}),
    "other_medicines": (
        "multi_choice",
        {
            "acid_reflux_ppi",
            "heparin",
            "contraceptive_injection",
            "thyroid_hormone",
            "none",
            "unknown",
        },
    ),
    "bone_diagnosis": ("choice", {"osteoporosis", "osteopenia", "no", "unknown"}),
    "bone_medicine": ("choice", {"yes_now", "yes_past", "no", "unknown"}),
}

# Number ranges (min, max) of the contract's number questions.
RANGES = {"age": (18, 120), "weight": (25, 300), "height": (100, 230)}

# Summary item ids of the contract.
SUMMARY_IDS = {
    "see_doctor_soon",
    "bone_density",
    "vitamin_d_test",
    "medicine_review",
    "anemia_tests",
    "fall_prevention",
    "bone_care_plan",
    "bone_medicine_plan",
}

# Follow-up questions and the answer that makes them apply.
PARENTS: dict[str, dict[str, Any]] = {
    "menopause": {"sex": "female"},
    "ms_mobility": {"multiple_sclerosis": "yes"},
    "anemia_type": {"anemia": "yes"},
    "steroid_duration": {"steroids": "yes_now"},
    "periods_stopped": {"sex": "female"},
    "low_testosterone": {"sex": "male"},
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
    "ancestry": (
        "cant_change",
        [{"ancestry": "white"}, {"ancestry": "asian"}],
        [{"ancestry": "other_or_mixed"}, {"ancestry": "hispanic_or_latino"}],
    ),
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
            {"mobility": "some_difficulty"},
            {"multiple_sclerosis": "no", "mobility": "uses_walking_aid_or_wheelchair"},
            {"multiple_sclerosis": "unknown", "mobility": "mostly_in_bed_or_chair"},
        ],
        [
            {"multiple_sclerosis": "yes", "ms_mobility": "no_difficulty"},
            {"multiple_sclerosis": "no", "ms_mobility": "some_difficulty"},
            {"mobility": "no_difficulty"},
            {"multiple_sclerosis": "yes", "mobility": "some_difficulty"},  # asked ms_mobility
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
        [{"malabsorption": "yes"}, {"other_conditions": ["eating_disorder"]}],
        [{"malabsorption": "unknown"}, {"other_conditions": ["none"]}],
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
    # Additions, version 2
    "height_loss": ("health_condition", [{"height_loss": "yes"}], [{"height_loss": "unknown"}]),
    "low_body_weight": (
        "can_change",
        [
            {"weight": 50, "height": 165},  # BMI 18.4
            {"weight_loss": "yes"},
            {"weight": 25, "height": 230},
        ],
        [
            {"weight": 52, "height": 165},  # BMI 19.1
            {"weight": 50},  # no height: no BMI
            {"weight": "unknown", "height": 165},
            {"weight_loss": "unknown"},
        ],
    ),
    "low_sex_hormones": (
        "health_condition",
        [
            {"sex": "female", "periods_stopped": "yes"},
            {"sex": "male", "low_testosterone": "yes"},
        ],
        [
            {"sex": "male", "periods_stopped": "yes"},  # not asked
            {"sex": "female", "low_testosterone": "yes"},  # not asked
            {"sex": "female", "periods_stopped": "unknown"},
        ],
    ),
    "thyroid_or_parathyroid": (
        "health_condition",
        [
            {"other_conditions": ["overactive_thyroid"]},
            {"other_conditions": ["overactive_parathyroid"]},
        ],
        [{"other_conditions": ["type_2_diabetes"]}, {"other_conditions": ["unknown"]}],
    ),
    "diabetes": (
        "health_condition",
        [{"other_conditions": ["type_1_diabetes"]}, {"other_conditions": ["type_2_diabetes"]}],
        [{"other_conditions": ["overactive_thyroid"]}],
    ),
    "chronic_liver_disease": (
        "health_condition",
        [{"other_conditions": ["chronic_liver_disease", "type_2_diabetes"]}],
        [{"other_conditions": ["none"]}],
    ),
    "hormone_blocking_treatment": (
        "medicine",
        [{"hormone_blocking_treatment": "yes_now"}, {"hormone_blocking_treatment": "yes_past"}],
        [{"hormone_blocking_treatment": "no"}, {"hormone_blocking_treatment": "unknown"}],
    ),
    "other_bone_medicines": (
        "medicine",
        [
            {"other_medicines": ["acid_reflux_ppi"]},
            {"other_medicines": ["heparin"]},
            {"other_medicines": ["contraceptive_injection"]},
            {"other_medicines": ["thyroid_hormone"]},
        ],
        [{"other_medicines": ["none"]}, {"other_medicines": ["unknown"]}],
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
        "low_testosterone": "no",
        "low_testosterone_symptoms": "no",
        "family_history": "no",
        "ancestry": "black",
        "height_loss": "no",
        "weight": 80,
        "height": 178,
        "weight_loss": "no",
        "bone_diagnosis": "no",
        "mobility": "no_difficulty",
        "other_conditions": ["none"],
        "hormone_blocking_treatment": "no",
        "other_medicines": ["none"],
        "bone_medicine": "no",
        "fracture_after_minor_fall": "no",
        "spine_fracture": "no",
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
