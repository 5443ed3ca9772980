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

ALL = {**PERSONAS, "everything": EVERYTHING}
