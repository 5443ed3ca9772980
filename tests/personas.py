"""Extra answer sets for the export tests, built from the contract personas."""

from __future__ import annotations

from contract import PERSONAS

# Every contract flag at once, answered by a carer: the longest summary there is.
EVERYTHING = {
    **PERSONAS["ms_on_steroids"],
    "respondent": "caregiver",
    "ancestry": "white",
    "family_history": "yes",
    "ankylosing_spondylitis": "yes",
    "anemia": "yes",
    "anemia_type": ["iron_deficiency", "other_or_unknown"],
    "inflammatory_conditions": ["rheumatoid_arthritis"],
    "malabsorption": "yes",
    "smoking": "current",
    "calcium_intake": "rarely",
    "alcohol": "3_or_more_a_day",
    "vitamin_d_test": "low",
}

# Every flag of version 2 at once, and both plans: the longest summary there is now.
EVERYTHING_V2 = {
    **EVERYTHING,
    "ancestry": "asian",
    "periods_stopped": "yes",
    "height_loss": "yes",
    "weight": 45,
    "height": 170,
    "weight_loss": "yes",
    "bone_diagnosis": "osteopenia",
    "other_conditions": ["overactive_thyroid", "type_1_diabetes", "chronic_liver_disease"],
    "hormone_blocking_treatment": "yes_now",
    "other_medicines": ["acid_reflux_ppi", "thyroid_hormone"],
    "bone_medicine": "yes_past",
}

# Version 3 at once: a stopped denosumab, sudden back pain with height loss, a known spine
# fracture, two falls with a blackout, ovaries removed, long-term steroids now, and the
# new conditions: every priority item and every part of the text that a sentence adds.
EVERYTHING_V3 = {
    **EVERYTHING_V2,
    "ovaries_removed": "yes",
    "back_pain": "sudden_or_new",
    "spine_fracture": "yes",
    "fall_details": ["injured", "blacked_out"],
    "other_conditions": ["overactive_thyroid", "copd", "hiv", "bariatric_surgery"],
    "steroids": "yes_now",
    "steroid_duration": "3_months_or_more",
    "bone_medicine_kind": "denosumab",
}

ALL = {
    **PERSONAS,
    "everything": EVERYTHING,
    "everything_v2": EVERYTHING_V2,
    "everything_v3": EVERYTHING_V3,
}
