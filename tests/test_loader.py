"""Loading rule files: the broken-file corpus, the schema, and where the rules are found."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import jsonschema
import pytest

from osteoscreen.loader import bundled_rules_dir, load_rules
from osteoscreen.problem import RulesError
from osteoscreen.schema import schema_text

from conftest import ROOT

CORPUS = ROOT / "tests" / "rules"
BROKEN = sorted((CORPUS / "broken").glob("*.toml"))


def expected_lines(path: Path, name: str) -> list[str]:
    return [
        line.removeprefix("# expect: ").replace("{file}", name)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("# expect: ")
    ]


def test_the_minimal_rule_set_is_valid():
    rules = load_rules(CORPUS / "valid.toml")
    assert [q.id for q in rules.questions] == ["age", "steroids", "steroid_duration"]


def test_the_corpus_covers_every_kind_of_problem():
    assert len(BROKEN) >= 15
    assert all(expected_lines(p, "x") for p in BROKEN)


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_each_broken_rule_file_gets_its_exact_messages(path, monkeypatch):
    monkeypatch.chdir(ROOT)
    name = str(path.relative_to(ROOT))
    with pytest.raises(RulesError) as error:
        load_rules(path)
    assert error.value.lines == expected_lines(path, name)


def test_problems_are_all_collected_before_failing(tmp_path, monkeypatch):
    text = (CORPUS / "valid.toml").read_text(encoding="utf-8")
    text = text.replace('seeds = "../../seeds"', f'seeds = "{ROOT / "seeds"}"')
    text = text.replace('value = "yes" }', 'value = "yess" }').replace("value = 50", "value = 500")
    path = tmp_path / "many.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RulesError) as error:
        load_rules(path)
    assert len(error.value.lines) == 3
    assert all(line.startswith("many.toml: ") for line in error.value.lines)


def test_a_missing_rule_file_is_a_clear_error(tmp_path):
    with pytest.raises(RulesError) as error:
        load_rules(tmp_path / "nope.toml")
    assert error.value.lines == [
        f"{tmp_path / 'nope.toml'}: cannot read the file (FileNotFoundError)"
    ]


def test_the_committed_json_schema_is_up_to_date():
    committed = (ROOT / "rules" / "osteoscreen.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: osteoscreen schema > rules/osteoscreen.schema.json"


def test_the_rule_file_points_editors_at_the_schema_and_matches_it():
    text = (ROOT / "rules" / "osteoporosis.toml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "#:schema ./osteoscreen.schema.json"
    schema = json.loads((ROOT / "rules" / "osteoscreen.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(tomllib.loads(text), schema)


def test_the_schema_rejects_an_unknown_key():
    schema = json.loads(schema_text())
    data = tomllib.loads((ROOT / "rules" / "osteoporosis.toml").read_text(encoding="utf-8"))
    data["flags"][0]["score"] = 3
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_rules_are_found_in_a_checkout():
    assert bundled_rules_dir() == ROOT / "rules"


def test_rules_and_seeds_are_found_in_an_installed_wheel(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("osteoscreen-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(site)
    assert "osteoscreen/rules/osteoporosis.toml" in names
    assert "osteoscreen/seeds/ms-and-osteoporosis.txt" in names
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("OSTEOSCREEN_RULES", None)
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from osteoscreen.loader import bundled_rules_dir as d, bundled_rules as r;"
            "r(); print(d())",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == str(site / "osteoscreen" / "rules")
