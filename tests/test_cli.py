"""The command line end to end, through a real subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT
from conftest import osteoscreen as cli
from contract import PERSONAS


def test_check_of_the_bundled_rules_is_clean_in_one_line():
    done = cli("check")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1
    assert done.stdout.startswith("rules/osteoporosis.toml: OK: 43 questions, 31 flags")
    assert done.stderr == ""


def test_check_of_a_folder_checks_each_rule_file():
    done = cli("check", "rules")
    assert done.returncode == 0
    assert "rules/osteoporosis.toml: OK" in done.stdout


def test_check_of_a_broken_file_exits_1_with_one_line_per_problem():
    done = cli("check", "tests/rules/broken/unknown_group_and_item.toml")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "tests/rules/broken/unknown_group_and_item.toml: flags[steroid_use].group: no group 'medicines'",
        "tests/rules/broken/unknown_group_and_item.toml: flags[steroid_use].doctor_items: no doctor item 'reveiw'",
    ]
    assert "Traceback" not in done.stderr


def test_check_reports_every_broken_file_given():
    done = cli("check", "tests/rules/broken")
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) >= 16
    assert "Traceback" not in done.stderr


def test_evaluate_json_has_flags_follow_ups_and_summary(tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(PERSONAS["ms_on_steroids"]), encoding="utf-8")
    done = cli("evaluate", str(answers))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert {"id", "title", "group", "sources"} <= set(out["flags"][0])
    assert {"question"} <= set(out["follow_ups"][0])
    assert out["summary"][0]["id"] == "see_doctor_soon"
    assert "prior_fracture" in [f["id"] for f in out["flags"]]


def test_evaluate_reads_standard_input_and_prints_text():
    done = cli("evaluate", "-", "--format", "text", stdin=json.dumps({"age": 70}))
    assert done.returncode == 0
    assert done.stdout.startswith("Talk to your doctor\n")
    assert "Age 50 or older" in done.stdout


def test_evaluate_uses_the_given_rules_file():
    done = cli(
        "evaluate",
        "-",
        "--rules",
        "tests/rules/valid.toml",
        stdin=json.dumps({"age": 60, "steroids": "yes"}),
    )
    assert done.returncode == 0, done.stderr
    assert [f["id"] for f in json.loads(done.stdout)["flags"]] == ["steroid_use"]


@pytest.mark.parametrize(
    ("stdin", "lines"),
    [
        (
            "{not json",
            [
                "<stdin>: not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"
            ],
        ),
        ('{"agee": 4}', ["<stdin>: agee: no such question"]),
        (
            '{"sex": "f"}',
            ["<stdin>: sex: 'f' is not an option; choose from female, male, prefer_not_to_say"],
        ),
        ('{"age": 121}', ["<stdin>: age: 121 is outside the range 18-120"]),
        (
            '{"age": "old", "smoking": 1}',
            [
                "<stdin>: age: must be a whole number, not text 'old'",
                "<stdin>: smoking: must be one option value (a string), not int 1",
            ],
        ),
        ("[1, 2]", ["<stdin>: the answers must be a JSON object of {question id: answer}"]),
    ],
)
def test_bad_answers_exit_2_naming_the_question_and_print_nothing(stdin, lines):
    done = cli("evaluate", "-", stdin=stdin)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == lines


def test_a_missing_answers_file_exits_2(tmp_path):
    done = cli("evaluate", str(tmp_path / "none.json"))
    assert done.returncode == 2
    assert done.stderr.strip().endswith("cannot read the file (FileNotFoundError)")
    assert done.stdout == ""


def test_evaluate_with_broken_rules_exits_1():
    done = cli("evaluate", "-", "--rules", "tests/rules/broken/bad_id.toml", stdin="{}")
    assert done.returncode == 1
    assert "flags[Steroid Use].id" in done.stderr


def test_schema_prints_the_committed_schema():
    done = cli("schema")
    assert done.stdout == (ROOT / "rules" / "osteoscreen.schema.json").read_text(encoding="utf-8")


def test_the_console_script_is_installed():
    exe = shutil.which("osteoscreen")
    assert exe, "install the package: pip install -e ."
    done = subprocess.run([exe, "check"], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0


def test_evaluate_gives_version_2_ids_evidence_and_the_honest_all_clear():
    answers = {"age": 71, "sex": "male", "weight": 50, "height": 170, "bone_medicine": "yes_now"}
    done = cli("evaluate", "-", stdin=json.dumps(answers))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    flags = {f["id"]: f for f in out["flags"]}
    assert flags["low_body_weight"]["evidence"] == "established"
    assert [i["id"] for i in out["summary"]][:4] == [
        "bone_medicine_plan",  # the treated patient's items first (version 3 review)
        "bone_care_plan",  # a bone medicine raises the care plan too (version 3)
        "bone_density",
        "weight_check",
    ]
    assert out["all_clear"] is False
    assert "fracture_after_minor_fall" in [m["question"] for m in out["incomplete"]]
    unknown = cli("evaluate", "-", stdin=json.dumps({"weight": "unknown"}))
    assert unknown.returncode == 0, unknown.stderr
    assert [f["question"] for f in json.loads(unknown.stdout)["follow_ups"]] == ["weight"]
    bad = cli("evaluate", "-", stdin=json.dumps({"weight": "heavy"}))
    assert bad.returncode == 2
    assert "weight: must be a whole number or unknown, not text 'heavy'" in bad.stderr


def test_fhir_questionnaire_carries_the_version_2_questions():
    done = cli("fhir", "questionnaire")
    assert done.returncode == 0, done.stderr
    items = {i["linkId"]: i for g in json.loads(done.stdout)["item"][1:] for i in g.get("item", [])}
    assert items["weight"]["type"] == "integer"
    assert items["mobility"]["enableWhen"] == [
        {
            "question": "multiple_sclerosis",
            "operator": "!=",
            "answerCoding": {"system": "urn:osteoscreen:option:multiple_sclerosis", "code": "yes"},
        }
    ]
    assert items["other_medicines"]["repeats"] is True
