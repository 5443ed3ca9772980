"""The clinical basis document: generated from the rule file, committed, never stale."""

from __future__ import annotations

from osteoscreen.basis import basis_markdown

from conftest import ROOT, osteoscreen

COMMITTED = ROOT / "docs" / "clinical-basis.md"


def test_the_committed_clinical_basis_is_the_one_the_rules_give(rules):
    assert COMMITTED.read_text(encoding="utf-8") == basis_markdown(rules), (
        "docs/clinical-basis.md is stale: run `osteoscreen basis > docs/clinical-basis.md`"
    )


def test_the_basis_command_prints_it():
    done = osteoscreen("basis")
    assert done.returncode == 0, done.stderr
    assert done.stdout == COMMITTED.read_text(encoding="utf-8")


def test_the_basis_names_every_flag_with_its_grade_and_every_doctor_item(rules):
    text = basis_markdown(rules)
    for flag in rules.flags:
        section = text.split(f"(`{flag.id}`)", 1)[1].split("####", 1)[0]
        assert "**Raised when:**" in section
        assert f"**Evidence:** {flag.evidence.capitalize()}." in section
        assert section.count("  - ") >= len(flag.sources)
    for item in rules.doctor_items:
        assert f"### `{item.id}`" in text
    bone = text.split("### `bone_density`", 1)[1].split("###", 1)[0]
    assert "its own condition:" in bone
    assert "USPSTF" in bone


def test_a_change_to_the_rules_changes_the_basis(rules):
    flag = rules.flags[0]
    changed = rules.model_copy(
        update={"flags": [flag.model_copy(update={"evidence": "emerging"}), *rules.flags[1:]]}
    )
    assert basis_markdown(changed) != basis_markdown(rules)


def test_every_test_the_safety_file_cites_exists():
    import re

    safety = (ROOT / "docs" / "clinical-safety.md").read_text(encoding="utf-8")
    cited = set(re.findall(r"\btest_\w+(?=`|,|\s|$)", safety)) - {
        n for n in re.findall(r"\btest_\w+\.py", safety)
    }
    cited = {c for c in cited if not c.endswith("_py")}
    defined = {
        m
        for path in (ROOT / "tests").glob("test_*.py")
        for m in re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M)
    }
    assert len(cited) >= 30
    assert sorted(cited - defined) == []
