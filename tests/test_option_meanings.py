"""Strict types in the rule file, and the options' meanings kept with the public ids
(issue 20, item 7): a saved answer means what it meant, or the version says it changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from osteoscreen.cli import main
from osteoscreen.loader import load_rules
from osteoscreen.problem import RulesError
from osteoscreen.publicids import meanings, read

from conftest import ROOT

BUNDLED = ROOT / "rules" / "osteoporosis.toml"
ANEMIA = """options = [
  { value = "yes", label = "Yes" },
  { value = "no", label = "No" },
  { value = "unknown", label = "I don't know", unknown = true },
]
follow_up = "Ask whether a blood test for anemia"""


@pytest.fixture
def rules_copy(tmp_path) -> Path:
    """The bundled rule file and its public-ids list, in a folder of their own."""
    text = BUNDLED.read_text(encoding="utf-8").replace(
        'seeds = "../seeds"', f'seeds = "{ROOT / "seeds"}"'
    )
    path = tmp_path / "osteoporosis.toml"
    path.write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "rules" / "public-ids.toml", tmp_path / "public-ids.toml")
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(path: Path) -> list[str]:
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    return caught.value.lines


def test_the_bundled_list_records_every_options_meaning_at_this_version():
    rules = load_rules(BUNDLED)
    recorded = read(ROOT / "rules" / "public-ids.toml").meanings
    assert recorded is not None
    assert recorded.version == rules.meta.version
    assert recorded.options == meanings(rules)
    assert recorded.options["anemia.yes"].label == "Yes"
    assert "anemia" in recorded.options["anemia.yes"].raises


def test_swapping_two_option_values_without_a_version_bump_fails_check(rules_copy):
    edit(
        rules_copy,
        ANEMIA,
        ANEMIA.replace('"yes", label = "Yes"', '"no", label = "Yes"', 1).replace(
            '"no", label = "No"', '"yes", label = "No"', 1
        ),
    )
    found = problems(rules_copy)
    assert any(
        "questions[anemia].options[yes]: option 'anemia.yes' now reads 'No' (was 'Yes'), but"
        " meta.version is still 3.0.0" in line
        for line in found
    ), found


def test_a_condition_that_now_names_another_option_fails_check(rules_copy):
    old = 'when = { question = "anemia", op = "eq", value = "yes" }'
    edit(rules_copy, "\n" + old, '\nwhen = { question = "anemia", op = "eq", value = "no" }')
    found = problems(rules_copy)
    assert any("option 'anemia.yes' now raises no flag (was anemia" in line for line in found)


def test_after_a_version_bump_the_meanings_are_recorded_again_and_check_passes(rules_copy, capsys):
    edit(rules_copy, ANEMIA, ANEMIA.replace('label = "Yes"', 'label = "Yes, a doctor told me"'))
    assert any("now reads 'Yes, a doctor told me'" in line for line in problems(rules_copy))
    edit(rules_copy, 'version = "3.0.0"', 'version = "3.0.1"')
    assert any("records what the options meant at version 3.0.0" in x for x in problems(rules_copy))
    assert main(["ids", "--record", "--rules", str(rules_copy)]) == 0
    assert load_rules(rules_copy).meta.version == "3.0.1"
    recorded = read(rules_copy.parent / "public-ids.toml")
    assert recorded.meanings is not None
    assert recorded.meanings.version == "3.0.1"
    assert recorded.questions  # the ids above the meanings are kept


def test_priority_written_as_1_is_not_taken_for_true(rules_copy):
    edit(rules_copy, "priority = true", "priority = 1")
    found = problems(rules_copy)
    assert any("priority: Input should be a valid boolean" in line for line in found), found


@pytest.mark.parametrize("version", ["3.0|evil", "3 0", "", "3.0/../x"])
def test_a_version_that_would_break_the_fhir_canonical_is_refused(rules_copy, version):
    edit(rules_copy, 'version = "3.0.0"', f'version = "{version}"')
    found = problems(rules_copy)
    assert any(
        line.endswith(
            f"meta.version: '{version}' is not a valid version: use letters, digits, dots,"
            " hyphens and plus signs (as in 3.0.1), at most 40"
        )
        for line in found
    ), found
